"""Converting a stored recording to M4A (AAC in MP4), in the worker."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from app import clock, unit_of_work
from app.extensions import db

from . import checks, storage
from .models import MediaFile, MediaStatus


def convert(row: MediaFile) -> None:
    """Convert a recording to M4A (AAC) and read its duration; the original goes after the commit.
    A file ffmpeg cannot convert is marked failed (the post keeps its text)."""
    if row.status != MediaStatus.PROCESSING:
        return
    original = row.stored
    stored = storage.name_for(row.key, ".m4a")
    target = storage.path_of(stored)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        row.duration = checks.convert(storage.path_of(original), row.source_format, target, row.max_seconds)
    except checks.Refused:
        target.unlink(missing_ok=True)
        row.status = MediaStatus.FAILED
        return
    row.stored, row.mime, row.size, row.status = stored, "audio/mp4", target.stat().st_size, MediaStatus.READY
    unit_of_work.after_commit(lambda: storage.remove(original))


def waiting(older_than: timedelta = timedelta(minutes=2)) -> list[int]:
    """Ids of recordings still processing after ``older_than`` (their task was lost: the worker was down)."""
    return list(db.session.scalars(select(MediaFile.id).where(
        MediaFile.status == MediaStatus.PROCESSING, MediaFile.created_at < clock.now() - older_than)))
