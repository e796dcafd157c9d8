"""What prompts add to other pages (``app.slots``): the class home's list of
discussions, and the panel above a topic thread."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import url_for

from app import clock, slots

from . import progress, services
from .models import Prompt, Topic
from .rules import PromptTopic
from .urls import prompt_url


@dataclass(frozen=True)
class Card:
    """One discussion on the class home: the student's checklist (None for teachers), its closing time."""

    prompt: Prompt
    lines: list[progress.Line] | None
    closes: datetime | None


def _load(classroom, user, teacher: bool) -> tuple[list[Prompt], dict, dict]:
    """The prompts this user sees, their progress (students) and closing times: three queries."""
    prompts = services.class_prompts(classroom, teacher=teacher)
    done = {} if teacher else progress.progress_of(prompts, user.id)
    return prompts, done, services.closes_of(prompts, user.id)


def _shared(classroom, user, teacher: bool):
    return slots.shared(("prompts", classroom.id, user.id, teacher), lambda: _load(classroom, user, teacher))


@slots.section(slots.CLASS_HOME, "prompts/_class_home.html", order=10)
def class_home(classroom, user, teacher: bool) -> dict | None:
    """The open discussions (all of them, drafts too, for teachers), newest first: three
    queries for any number of prompts. Nothing for a student when none is open."""
    prompts, done, closes = _shared(classroom, user, teacher)
    if not prompts and not teacher:
        return None
    return {"cards": [Card(p, None if teacher else progress.checklist(p, done[p.id]), closes[p.id])
                      for p in prompts], "teacher": teacher}


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


@slots.section(slots.NEXT_STEPS, "prompts", order=10)
def next_steps(classroom, user, teacher: bool) -> list[slots.Step]:
    """Students: the first post or the replies still missing in each open discussion. Teachers:
    who has not written a first post yet, and discussions that close within a day (two more queries)."""
    prompts, done, closes = _shared(classroom, user, teacher)
    now = clock.now()
    open_now = [p for p in prompts if p.published_at is not None and services.is_open_to_students(p, now)
                and not (closes[p.id] and closes[p.id] <= now)]
    found = []
    if teacher:
        missing = progress.first_posts_missing(open_now)
        for p in open_now:
            waiting = missing[p.id]
            if waiting:
                found.append(slots.Step(f"{_plural(waiting, 'student')} did not write a first post in “{p.title}” yet",
                                        url_for("prompts.participation", class_id=p.classroom_id, prompt_id=p.id,
                                                sort="met"), p.first_post_due, "users", p.time_zone))
            if closes[p.id] and closes[p.id] - now < timedelta(days=1):
                found.append(slots.Step(f"“{p.title}” closes soon", prompt_url(p), closes[p.id], "clock", p.time_zone))
        return found
    for p in open_now:
        mine = done[p.id]
        if mine.first_words is None:
            found.append(slots.Step(f"Write your first post in “{p.title}”", prompt_url(p),
                                    p.first_post_due or closes[p.id], "pencil", p.time_zone))
        elif not mine.first_ok(p):
            found.append(slots.Step(f"Make your first post in “{p.title}” longer", prompt_url(p),
                                    p.first_post_due or closes[p.id], "pencil", p.time_zone))
        elif not mine.replies_ok(p):
            missing = (p.replies_required or 0) - mine.replies
            found.append(slots.Step(f"Reply to {_plural(missing, 'more classmate')} in “{p.title}”",
                                    prompt_url(p), p.replies_due or closes[p.id], "reply", p.time_zone))
    return found


@dataclass(frozen=True)
class Panel:
    """Above a topic thread: its prompt, the closing time and (for students) the checklist."""

    prompt: Prompt
    topic: Topic
    lines: list[progress.Line] | None
    closes: datetime | None
    now: datetime
    #: Where a student who has not written here yet writes their first post (the main button).
    first_post_url: str | None = None


@slots.section(slots.THREAD, "prompts/_thread_panel.html", order=10)
def thread_panel(thread, user, teacher: bool, rules, opening=None) -> Panel | None:
    """For topic threads only (the prompt's rules say which, two queries for students);
    ``opening``: the thread's opening post, which a first post answers."""
    if not isinstance(rules.about, PromptTopic):
        return None
    prompt, topic = rules.about
    if teacher:
        return Panel(prompt, topic, None, None, clock.now())
    first = url_for("forum.reply", class_id=thread.classroom_id, post_id=opening.id) \
        if rules.first_post and not rules.closed and opening is not None else None
    return Panel(prompt, topic, progress.checklist(prompt, progress.student_progress(prompt, user.id)),
                 services.closes_for(prompt, user.id), clock.now(), first)
