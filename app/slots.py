"""Sections that one feature adds to another feature's page, as plain data.

A page has named slots (``CLASS_HOME``, ``THREAD``, ``AFTER_CHAT``, ``NEXT_STEPS``). A feature registers,
for a slot, a loader and the template that shows what it loads. The page's view
calls ``build(slot, **context)``; its template includes each section's template,
which reads ``section.data``. Loaders run a fixed number of queries whatever the
class holds (one per loader, or two), and templates never query.

So the class home does not import the forum, the forum's thread page does not
import prompts or reflections, and a new feature adds a card without touching them.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask import g

#: The class home: ``load(classroom, user, teacher)``.
CLASS_HOME = "class home"
#: Above a thread's posts: ``load(thread, user, teacher, rules, opening)`` (``rules``: its
#: ``ThreadRules``; ``opening``: its opening post, or None).
THREAD = "thread"
#: On a discussion prompt's page once its live chat is over: ``load(prompt, user, teacher)``.
AFTER_CHAT = "after the chat"
#: The top of the class home: "Your next step" for a student, "Needs your attention" for a
#: teacher. ``load(classroom, user, teacher)`` returns a list of ``Step``.
NEXT_STEPS = "next steps"
#: Beside each post of a thread page: ``load(thread, user, teacher, posts)`` (``posts``: the page's post
#: rows) returns ``{post id: data}`` or None; see ``per_post``.
POSTS = "posts"
#: Beside a reflection on the grading page: ``load(reflection, assignment, user, teacher)``.
REFLECTION = "reflection"


@dataclass(frozen=True)
class Section:
    """One section of a page: the template and the data it shows."""

    template: str
    data: Any


@dataclass(frozen=True)
class _Loader:
    order: int
    template: str
    load: Callable[..., Any]


_slots: dict[str, list[_Loader]] = {}


def section(slot: str, template: str, *, order: int = 50):
    """Register the decorated loader for ``slot``; sections show by ``order``, smallest first.
    The loader returns the data for ``template``, or None when the section has nothing to show."""

    def register(load: Callable[..., Any]) -> Callable[..., Any]:
        loaders = [loader for loader in _slots.get(slot, []) if loader.template != template]
        _slots[slot] = sorted([*loaders, _Loader(order, template, load)], key=lambda loader: loader.order)
        return load

    return register


def build(slot: str, **context) -> list[Section]:
    """The sections of ``slot`` that have something to show, in order."""
    found = ((loader.template, loader.load(**context)) for loader in _slots.get(slot, []))
    return [Section(template, data) for template, data in found if data is not None]


def per_post(slot: str, **context) -> dict[int, list[Section]]:
    """For a slot whose loaders return ``{post id: data}``: each post's sections. A section whose
    data has an ``html`` attribute gives the post's HTML to show instead (marked words)."""
    found: dict[int, list[Section]] = {}
    for section in build(slot, **context):
        for post_id, data in section.data.items():
            found.setdefault(post_id, []).append(Section(section.template, data))
    return found


@dataclass(frozen=True)
class Step:
    """One thing to do next, one tap from the work: the words, where, and when it is due."""

    text: str
    url: str
    due: datetime | None = None
    icon: str = "arrow-right"
    #: The zone to show ``due`` in when the viewer has none of their own.
    zone: str = "UTC"


def steps(**context) -> list[Step]:
    """Every feature's next steps (``NEXT_STEPS``), soonest due first, then those without a time."""
    found = [step for section in build(NEXT_STEPS, **context) for step in section.data]
    return sorted(found, key=lambda step: (step.due is None, step.due or datetime.min))


def shared(key: tuple, load: Callable[[], Any]) -> Any:
    """What ``load()`` returns, loaded once per request: loaders of one page that need the same
    rows (the class home's card and its next steps) share them instead of querying twice."""
    memo = g.setdefault("_slots_shared", {})
    if key not in memo:
        memo[key] = load()
    return memo[key]
