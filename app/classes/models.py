"""A class (``Classroom``: "class" is a Python keyword) and its members."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app import clock
from app.extensions import db


class Role:
    """Roles in a class. Co-teachers are simply teachers."""

    TEACHER = "teacher"
    STUDENT = "student"


class Classroom(db.Model):
    """A class: its members, forums, wiki and prompts hang off it."""

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    description: Mapped[str] = mapped_column(String(500), default="")
    #: 8 characters without look-alikes (no 0/O, 1/I/L); students type it to join.
    join_code: Mapped[str] = mapped_column(String(8), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=clock.now)

    memberships: Mapped[list[Membership]] = relationship(back_populates="classroom", cascade="all, delete-orphan")


class Membership(db.Model):
    """A user's role in one class."""

    __table_args__ = (UniqueConstraint("classroom_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    classroom_id: Mapped[int] = mapped_column(ForeignKey("classroom.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    #: ``Role.TEACHER`` or ``Role.STUDENT``.
    role: Mapped[str] = mapped_column(String(10))
    joined_at: Mapped[datetime] = mapped_column(default=clock.now)

    classroom: Mapped[Classroom] = relationship(back_populates="memberships")
    user: Mapped[User] = relationship()  # noqa: F821
