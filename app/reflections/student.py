"""A student's own reflection: load it, save a draft, hand it in.

Only ever the current user's row: nothing here takes a student id from a URL.
"""
from __future__ import annotations

from datetime import datetime

from app import hooks, rendering
from app.content import count_words, render
from app.extensions import db
from app.forum.models import Thread
from app.prompts.rules import has_posted

from . import services, status
from .models import Assignment, Grade, Reflection, ReflectionVersion


class CannotChange(Exception):
    """The reflection is graded, or handed in and past its due time."""


def mine(assignment: Assignment, user) -> tuple[Reflection | None, Grade | None]:
    """The user's reflection and grade for the assignment (one query)."""
    return services.work_of(assignment, user.id)


versions = services.versions


def took_part(thread: Thread, user) -> bool:
    """The student wrote in the thread (started it, or posted in it)."""
    return thread.author_id == user.id or has_posted(thread.id, user.id)


def save(assignment: Assignment, thread: Thread, user, source: str, *, hand_in: bool, now: datetime,
         reflection: Reflection | None = None, grade: Grade | None = None) -> Reflection:
    """Keep the text: as a draft, or handed in (``submitted_at`` now, ``took_part`` noted).

    A reflection already handed in stays handed in (saving is handing in the new text).
    Raises CannotChange when ``status.can_change`` says no.
    """
    if not status.can_change(assignment, reflection, grade, now):
        raise CannotChange()
    if reflection is None:
        reflection = Reflection(assignment_id=assignment.id, classroom_id=assignment.classroom_id,
                                student_id=user.id)
        db.session.add(reflection)
    reflection.source = source
    reflection.html = render(source, "post")
    reflection.words = count_words(source)
    reflection.saved_at = now
    if hand_in or reflection.submitted_at is not None:
        reflection.submitted_at = now
        reflection.took_part = took_part(thread, user)
        reflection.returned_comment = ""
    db.session.flush()
    hooks.text_changed.send(reflection)
    return reflection


rendering.register("reflections", Reflection, "source", "html", "post")
rendering.register("reflection versions", ReflectionVersion, "source", "html", "post")
