"""A student's own reflection: load it, save a draft, hand it in.

Only ever the current user's row: nothing here takes a student id from a URL.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import and_, select

from app import rendering
from app.content import count_words, render
from app.extensions import db
from app.forum.models import Thread
from app.prompts.rules import has_posted

from . import status
from .models import Assignment, Grade, Reflection, ReflectionVersion


class CannotChange(Exception):
    """The reflection is graded, or handed in and past its due time."""


def mine(assignment: Assignment, user) -> tuple[Reflection | None, Grade | None]:
    """The user's reflection and grade for the assignment (one query)."""
    row = db.session.execute(
        select(Reflection, Grade).select_from(Assignment)
        .outerjoin(Reflection, and_(Reflection.assignment_id == Assignment.id, Reflection.student_id == user.id))
        .outerjoin(Grade, and_(Grade.assignment_id == Assignment.id, Grade.student_id == user.id))
        .where(Assignment.id == assignment.id)).one()
    return row[0], row[1]


def versions(reflection: Reflection | None) -> list[ReflectionVersion]:
    """Earlier handed-in texts (returned for revision), newest first."""
    if reflection is None:
        return []
    return list(db.session.scalars(select(ReflectionVersion).where(ReflectionVersion.reflection_id == reflection.id)
                                   .order_by(ReflectionVersion.submitted_at.desc(), ReflectionVersion.id.desc())))


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
    return reflection


rendering.register("reflections", Reflection, "source", "html", "post")
rendering.register("reflection versions", ReflectionVersion, "source", "html", "post")
