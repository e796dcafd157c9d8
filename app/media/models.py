"""The media table: one row per stored file (a voice recording of a post, for now).

The file itself is on disk under ``MEDIA_ROOT`` (``app.media.storage``); ``stored`` is its
name there. ``key`` is the file's name in addresses: 32 random bytes, so a URL cannot be
guessed, and the reading rules of the post still apply to whoever has it.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app import clock
from app.extensions import db


class MediaStatus:
    """Where a file is on its way: converting in the worker, ready to play, or failed."""

    PROCESSING = "processing"
    READY = "ready"
    FAILED = "failed"


class MediaFile(db.Model):
    """A file someone uploaded, and what it belongs to."""

    __tablename__ = "media_file"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The name in addresses (``secrets.token_urlsafe(32)``).
    key: Mapped[str] = mapped_column(String(64), unique=True)
    classroom_id: Mapped[int] = mapped_column(ForeignKey("classroom.id", ondelete="CASCADE"), index=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    #: The post it belongs to (deleting the post deletes it).
    post_id: Mapped[int | None] = mapped_column(ForeignKey("post.id", ondelete="CASCADE"), index=True)
    #: "recording".
    kind: Mapped[str] = mapped_column(String(20), default="recording")
    #: ``MediaStatus``.
    status: Mapped[str] = mapped_column(String(20), default=MediaStatus.PROCESSING)
    #: The container found in the upload's bytes ("matroska", "ogg", "mov", "mp3", "wav"…).
    source_format: Mapped[str] = mapped_column(String(20))
    #: The file's name under MEDIA_ROOT (the original until converted, then the M4A).
    stored: Mapped[str] = mapped_column(String(200))
    #: The Content-Type it is served with.
    mime: Mapped[str] = mapped_column(String(50))
    size: Mapped[int] = mapped_column(default=0)
    #: Seconds, read by ffprobe from the converted file (None until then).
    duration: Mapped[float | None] = mapped_column()
    #: The longest it may play: the conversion cuts the rest (the discussion's limit when uploaded).
    max_seconds: Mapped[int] = mapped_column(default=180)
    #: What the speaker said, typed by them (the recording's text alternative).
    transcript: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=clock.now)
