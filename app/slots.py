"""Sections that one feature adds to another feature's page, as plain data.

A page has named slots (``CLASS_HOME``, ``THREAD``, ``AFTER_CHAT``). A feature registers,
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
from typing import Any

#: The class home: ``load(classroom, user, teacher)``.
CLASS_HOME = "class home"
#: Above a thread's posts: ``load(thread, user, teacher, rules)`` (``rules``: its ``ThreadRules``).
THREAD = "thread"
#: On a discussion prompt's page once its live chat is over: ``load(prompt, user, teacher)``.
AFTER_CHAT = "after the chat"


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
