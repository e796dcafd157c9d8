"""Reflection tables: the assignment on a thread, rubric templates, each
student's reflection with its earlier versions, and the teacher's grade.

Rubrics are stored as JSON (see ``rubric.py`` for the shape): they are read
and written whole, never queried inside. A grade keeps the chosen level per
criterion by position, so a rubric cannot change its criteria once a grade
uses it (``rubric.locked``). All date-times are naive UTC.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app import clock
from app.auth.models import User
from app.extensions import db

DEFAULT_INSTRUCTIONS = ("Summarise what your group discussed: the main ideas, one idea you disagreed with, "
                        "and one new word or phrase you learned.")


class ReflectionSettings:
    """What a teacher sets for a reflection (on a thread, or once for a whole prompt)."""

    instructions_source: Mapped[str] = mapped_column(Text, default=DEFAULT_INSTRUCTIONS)
    instructions_html: Mapped[str] = mapped_column(Text, default="")
    #: None: opens by default (chat end, prompt closing, or at once; see ``status.opens_at``).
    opens_at: Mapped[datetime | None] = mapped_column()
    due_at: Mapped[datetime | None] = mapped_column()
    min_words: Mapped[int] = mapped_column(default=0)
    #: Points out of; with a rubric, the rubric's highest total.
    points: Mapped[int] = mapped_column(default=0)
    rubric: Mapped[list] = mapped_column(JSON, default=list)


class Assignment(ReflectionSettings, db.Model):
    """A reflection to write about one thread (a prompt's topic, or any thread of the class)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    classroom_id: Mapped[int] = mapped_column(ForeignKey("classroom.id", ondelete="CASCADE"), index=True)
    thread_id: Mapped[int] = mapped_column(ForeignKey("thread.id", ondelete="CASCADE"), unique=True)
    #: Set when the thread is a prompt's topic: the prompt's settings apply to it.
    prompt_id: Mapped[int | None] = mapped_column(ForeignKey("prompt.id", ondelete="CASCADE"), index=True)
    #: True while the settings follow the prompt's; False once a teacher changed this topic alone.
    follows_prompt: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=clock.now)


class PromptReflection(ReflectionSettings, db.Model):
    """A prompt's reflection settings, copied to each topic's assignment that follows the prompt."""

    __tablename__ = "prompt_reflection"

    prompt_id: Mapped[int] = mapped_column(ForeignKey("prompt.id", ondelete="CASCADE"), primary_key=True)


class RubricTemplate(db.Model):
    """A rubric a teacher saved to use again in the class."""

    __tablename__ = "rubric_template"
    __table_args__ = (UniqueConstraint("classroom_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    classroom_id: Mapped[int] = mapped_column(ForeignKey("classroom.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    rubric: Mapped[list] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(default=clock.now)


class Reflection(db.Model):
    """One student's reflection for one assignment (the current text; earlier ones are versions)."""

    __table_args__ = (UniqueConstraint("assignment_id", "student_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    assignment_id: Mapped[int] = mapped_column(ForeignKey("assignment.id", ondelete="CASCADE"))
    classroom_id: Mapped[int] = mapped_column(ForeignKey("classroom.id", ondelete="CASCADE"), index=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    source: Mapped[str] = mapped_column(Text, default="")
    html: Mapped[str] = mapped_column(Text, default="")
    words: Mapped[int] = mapped_column(default=0)
    #: Last saved (draft or submission).
    saved_at: Mapped[datetime] = mapped_column(default=clock.now)
    #: None while a draft (never submitted, or returned for revision and not yet resubmitted).
    submitted_at: Mapped[datetime | None] = mapped_column()
    #: Whether the student had posted in the thread when they submitted.
    took_part: Mapped[bool] = mapped_column(default=False)
    #: The teacher's comment when they returned it for revision (cleared on resubmission).
    returned_comment: Mapped[str] = mapped_column(Text, default="")
    returned_at: Mapped[datetime | None] = mapped_column()

    student: Mapped[User] = relationship(lazy="raise")
    assignment: Mapped[Assignment] = relationship(lazy="raise")


class ReflectionVersion(db.Model):
    """An earlier submitted text, kept when a reflection is returned for revision."""

    __tablename__ = "reflection_version"

    id: Mapped[int] = mapped_column(primary_key=True)
    reflection_id: Mapped[int] = mapped_column(ForeignKey("reflection.id", ondelete="CASCADE"), index=True)
    source: Mapped[str] = mapped_column(Text)
    html: Mapped[str] = mapped_column(Text)
    submitted_at: Mapped[datetime] = mapped_column()
    #: What the teacher wrote when returning this version.
    returned_comment: Mapped[str] = mapped_column(Text, default="")
    returned_at: Mapped[datetime | None] = mapped_column()


class Grade(db.Model):
    """A teacher's grade of one student for one assignment; hidden from the student until released.

    Exists as a draft as soon as the teacher types anything (``saved_at``);
    a grade can also exist with no reflection (a missing reflection scored 0).
    """

    __table_args__ = (UniqueConstraint("assignment_id", "student_id"),
                      Index("ix_grade_class_student", "classroom_id", "student_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    assignment_id: Mapped[int] = mapped_column(ForeignKey("assignment.id", ondelete="CASCADE"))
    classroom_id: Mapped[int] = mapped_column(ForeignKey("classroom.id", ondelete="CASCADE"))
    student_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    grader_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    #: Chosen level index per criterion index, as strings: {"0": 2, "1": 0}.
    levels: Mapped[dict] = mapped_column(JSON, default=dict)
    adjustment: Mapped[int] = mapped_column(default=0)
    adjustment_reason: Mapped[str] = mapped_column(String(300), default="")
    #: Total of the chosen levels plus the adjustment (kept so lists need no rubric maths).
    score: Mapped[int | None] = mapped_column()
    feedback_source: Mapped[str] = mapped_column(Text, default="")
    feedback_html: Mapped[str] = mapped_column(Text, default="")
    saved_at: Mapped[datetime] = mapped_column(default=clock.now)
    #: True once the teacher pressed "Save grade" (not only a draft kept while moving on).
    complete: Mapped[bool] = mapped_column(default=False)
    released_at: Mapped[datetime | None] = mapped_column()

    student: Mapped[User] = relationship(foreign_keys=[student_id], lazy="raise")
