"""Correction tables: a class's own codes, the corrections, and each corrected text's
marked HTML.

A correction is about one text: a forum post (``post_id``) or a reflection
(``reflection_id``), never both. It is anchored by its words, their offset in the
source and the text around them (``anchoring.Anchor``). ``MarkedText`` keeps the text's
HTML with the corrections underlined, rendered when a correction or the text changes,
so pages only read it. All date-times are naive UTC.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app import clock
from app.auth.models import User
from app.extensions import db


class CorrectionCode(db.Model):
    """A code a class's teachers added to the defaults (``codes.DEFAULTS``)."""

    __tablename__ = "correction_code"
    __table_args__ = (UniqueConstraint("classroom_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    classroom_id: Mapped[int] = mapped_column(ForeignKey("classroom.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(12))
    name: Mapped[str] = mapped_column(String(60))
    explanation: Mapped[str] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(default=clock.now)


class Correction(db.Model):
    """A teacher's note on some words of a student's text."""

    __table_args__ = (
        CheckConstraint("(post_id IS NULL) <> (reflection_id IS NULL)", name="one_text"),
        #: "My language" and the class view read a student's (or the class's) corrections by date.
        Index("ix_correction_class_student", "classroom_id", "student_id", "created_at"),
        Index("ix_correction_class_created", "classroom_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    classroom_id: Mapped[int] = mapped_column(ForeignKey("classroom.id", ondelete="CASCADE"))
    post_id: Mapped[int | None] = mapped_column(ForeignKey("post.id", ondelete="CASCADE"), index=True)
    reflection_id: Mapped[int | None] = mapped_column(ForeignKey("reflection.id", ondelete="CASCADE"), index=True)
    #: Who wrote the text (the only student who sees the correction).
    student_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    teacher_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    code: Mapped[str] = mapped_column(String(12))
    #: The better form ("went"), if the teacher gave one.
    better: Mapped[str] = mapped_column(String(300), default="")
    comment: Mapped[str] = mapped_column(String(1000), default="")
    #: The marked words, where they start in the source, and the text around them.
    quote: Mapped[str] = mapped_column(String(300))
    start: Mapped[int] = mapped_column(default=0)
    before: Mapped[str] = mapped_column(String(40), default="")
    after: Mapped[str] = mapped_column(String(40), default="")
    #: "open"; "fixed" (the writer changed the marked words); "changed" (the words and the
    #: text around them are gone: "about text that changed").
    state: Mapped[str] = mapped_column(String(10), default="open")
    #: What the text says instead, once fixed by an edit.
    now_reads: Mapped[str] = mapped_column(String(300), default="")
    #: The student's answer: "" (none), "fixed" ("I fixed it") or "unclear" ("I don't understand").
    answer: Mapped[str] = mapped_column(String(10), default="")
    answered_at: Mapped[datetime | None] = mapped_column()
    #: When it became fixed (by an edit or by the student's "I fixed it").
    fixed_at: Mapped[datetime | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=clock.now)

    teacher: Mapped[User | None] = relationship(foreign_keys=[teacher_id], lazy="raise")

    @property
    def is_fixed(self) -> bool:
        """Fixed by an edit of the words, or the student says so."""
        return self.state == "fixed" or self.answer == "fixed"


class MarkedText(db.Model):
    """A corrected text's HTML with its corrections underlined (for its author and teachers)."""

    __tablename__ = "marked_text"

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int | None] = mapped_column(ForeignKey("post.id", ondelete="CASCADE"), unique=True)
    reflection_id: Mapped[int | None] = mapped_column(ForeignKey("reflection.id", ondelete="CASCADE"), unique=True)
    html: Mapped[str] = mapped_column(Text, default="")
    #: Corrections of the text, and those still open (for "2 corrections" beside the post).
    total: Mapped[int] = mapped_column(default=0)
    open: Mapped[int] = mapped_column(default=0)
