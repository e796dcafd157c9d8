"""What prompts add to other pages (``app.slots``): the class home's list of
discussions, and the panel above a topic thread."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from app import clock, slots

from . import progress, services
from .models import Prompt, Topic
from .rules import PromptTopic


@dataclass(frozen=True)
class Card:
    """One discussion on the class home: the student's checklist (None for teachers), its closing time."""

    prompt: Prompt
    lines: list[progress.Line] | None
    closes: datetime | None


@slots.section(slots.CLASS_HOME, "prompts/_class_home.html", order=10)
def class_home(classroom, user, teacher: bool) -> dict | None:
    """The open discussions (all of them, drafts too, for teachers), newest first: three
    queries for any number of prompts. Nothing for a student when none is open."""
    prompts = services.class_prompts(classroom, teacher=teacher)
    if not prompts and not teacher:
        return None
    done = {} if teacher else progress.progress_of(prompts, user.id)
    closes = services.closes_of(prompts, user.id)
    return {"cards": [Card(p, None if teacher else progress.checklist(p, done[p.id]), closes[p.id])
                      for p in prompts], "teacher": teacher}


@dataclass(frozen=True)
class Panel:
    """Above a topic thread: its prompt, the closing time and (for students) the checklist."""

    prompt: Prompt
    topic: Topic
    lines: list[progress.Line] | None
    closes: datetime | None
    now: datetime


@slots.section(slots.THREAD, "prompts/_thread_panel.html", order=20)
def thread_panel(thread, user, teacher: bool, rules) -> Panel | None:
    """For topic threads only (the prompt's rules say which, two queries for students)."""
    if not isinstance(rules.about, PromptTopic):
        return None
    prompt, topic = rules.about
    if teacher:
        return Panel(prompt, topic, None, None, clock.now())
    return Panel(prompt, topic, progress.checklist(prompt, progress.student_progress(prompt, user.id)),
                 services.closes_for(prompt, user.id), clock.now())
