"""Prompt tables: a prompt, its topics (each a forum thread) and per-student extensions.

All date-times are naive UTC; ``Prompt.time_zone`` is the zone the teacher
typed them in, used to show them again.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app import clock
from app.extensions import db


class Prompt(db.Model):
    """A discussion task of a class: instructions, topics to choose from, requirements."""

    id: Mapped[int] = mapped_column(primary_key=True)
    classroom_id: Mapped[int] = mapped_column(ForeignKey("classroom.id", ondelete="CASCADE"), index=True)
    #: The forum that holds the topic threads (made when the prompt is created).
    forum_id: Mapped[int] = mapped_column(ForeignKey("forum.id", ondelete="CASCADE"))
    author_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(150))
    #: What the teacher typed, and its HTML rendered when saved.
    instructions_source: Mapped[str] = mapped_column(Text, default="")
    instructions_html: Mapped[str] = mapped_column(Text, default="")
    #: Language frames, one per line.
    starters: Mapped[str] = mapped_column(Text, default="")
    #: IANA zone the teacher's times were typed in ("Europe/London").
    time_zone: Mapped[str] = mapped_column(String(50), default="UTC")
    opens_at: Mapped[datetime | None] = mapped_column()
    closes_at: Mapped[datetime | None] = mapped_column()
    #: Requirements (0 means none).
    min_words_first: Mapped[int] = mapped_column(default=0)
    replies_required: Mapped[int] = mapped_column(default=0)
    min_words_reply: Mapped[int] = mapped_column(default=0)
    first_post_due: Mapped[datetime | None] = mapped_column()
    replies_due: Mapped[datetime | None] = mapped_column()
    #: Speaking: the first post's recording should be at least this long (seconds; 0: none).
    min_voice_seconds: Mapped[int] = mapped_column(default=0)
    #: The longest recording a student may post (seconds).
    voice_seconds_max: Mapped[int] = mapped_column(default=180)
    #: A recording must come with its transcript (what the student said, typed).
    transcript_required: Mapped[bool] = mapped_column(default=False)
    #: Students see classmates' posts in a topic only after posting there.
    post_first: Mapped[bool] = mapped_column(default=False)
    #: Students see classmates as "Classmate N".
    names_hidden: Mapped[bool] = mapped_column(default=False)
    #: A student may post in one topic only.
    one_topic: Mapped[bool] = mapped_column(default=False)
    chat_at: Mapped[datetime | None] = mapped_column()
    chat_minutes: Mapped[int] = mapped_column(default=0)
    chat_url: Mapped[str] = mapped_column(String(500), default="")
    #: None while a draft.
    published_at: Mapped[datetime | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=clock.now)

    topics: Mapped[list[Topic]] = relationship(lazy="raise", order_by="Topic.position",
                                                 back_populates="prompt")


class Topic(db.Model):
    """One topic to choose: a thread in the prompt's forum."""

    id: Mapped[int] = mapped_column(primary_key=True)
    prompt_id: Mapped[int] = mapped_column(ForeignKey("prompt.id", ondelete="CASCADE"), index=True)
    thread_id: Mapped[int] = mapped_column(ForeignKey("thread.id", ondelete="CASCADE"), unique=True)
    title: Mapped[str] = mapped_column(String(150))
    description: Mapped[str] = mapped_column(String(500), default="")
    position: Mapped[int] = mapped_column(default=0)
    #: Removed after students had posted: kept, but no longer offered.
    archived: Mapped[bool] = mapped_column(default=False)

    prompt: Mapped[Prompt] = relationship(lazy="raise", back_populates="topics")


class Extension(db.Model):
    """More time for one student: their own closing time."""

    prompt_id: Mapped[int] = mapped_column(ForeignKey("prompt.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), primary_key=True)
    closes_at: Mapped[datetime] = mapped_column()
