"""Keeping files: take a checked upload, attach it to a post, convert it, delete it, list
what does not match (``media-check``).

An upload is read once, with a size limit, into ``incoming/`` and checked there by its
content (``checks``); only then does it get a row. The original stays until the worker has
converted it (``tasks.convert_recording``, ``conversion.convert``); a post saved
meanwhile says "processing". Files go after the commit that
deletes their rows (``unit_of_work.after_commit``).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from flask import current_app
from sqlalchemy import delete, select

from app import unit_of_work, worker
from app.extensions import db

from . import checks, storage, tasks
from .models import MediaFile, MediaStatus

CHUNK = 64 * 1024


@dataclass
class Upload:
    """A checked upload waiting in ``incoming/``."""

    path: Path
    demuxer: str
    size: int


def max_bytes() -> int:
    """The largest file taken (``MEDIA_MAX_BYTES``)."""
    return current_app.config["MEDIA_MAX_BYTES"]


def too_big_message() -> str:
    """The one sentence for a file over the limit."""
    return f"This file is too big: at most {max_bytes() // (1024 * 1024)} MB."


def receive_audio(file_storage) -> Upload:
    """Read an uploaded file into ``incoming/`` (at most ``MEDIA_MAX_BYTES``) and check that it
    is audio. Raises ``checks.Refused`` with the reason; nothing is kept then."""
    path = storage.incoming_path()
    size, limit = 0, max_bytes()
    try:
        with path.open("wb") as out:
            while chunk := file_storage.stream.read(CHUNK):
                size += len(chunk)
                if size > limit:
                    raise checks.Refused(too_big_message())
                out.write(chunk)
        if size == 0:
            raise checks.Refused("This file is empty. Please choose a recording.")
        demuxer = checks.check_audio(path)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return Upload(path, demuxer, size)


def discard_upload(upload: Upload | None) -> None:
    """Forget an upload that was not saved."""
    if upload is not None:
        upload.path.unlink(missing_ok=True)


def attach_recording(upload: Upload, *, classroom_id: int, owner_id: int, post_id: int, transcript: str,
                     max_seconds: int) -> MediaFile:
    """Store a checked recording for a post and queue its conversion (after the commit)."""
    key = storage.new_key()
    stored = storage.name_for(key, ".orig")
    storage.place(upload.path, stored)
    row = MediaFile(key=key, classroom_id=classroom_id, owner_id=owner_id, post_id=post_id, kind="recording",
                    status=MediaStatus.PROCESSING, source_format=upload.demuxer, stored=stored,
                    mime=checks.AUDIO_FORMATS[upload.demuxer], size=upload.size, max_seconds=max_seconds,
                    transcript=transcript.strip())
    db.session.add(row)
    db.session.flush()
    unit_of_work.on_error(lambda: storage.remove(stored))
    media_id = row.id
    unit_of_work.after_commit(lambda: worker.enqueue(tasks.convert_recording, media_id))
    return row


def recordings_of(post_ids: list[int]) -> dict[int, MediaFile]:
    """Post id -> its recording, for a page of posts (one query; none for no posts)."""
    if not post_ids:
        return {}
    rows = db.session.scalars(select(MediaFile).where(MediaFile.post_id.in_(post_ids), MediaFile.kind == "recording"))
    return {row.post_id: row for row in rows}


def delete_for_posts(post_ids: list[int]) -> None:
    """Delete the files of these posts (rows now, files after the commit)."""
    if not post_ids:
        return
    names = list(db.session.scalars(select(MediaFile.stored).where(MediaFile.post_id.in_(post_ids))))
    db.session.execute(delete(MediaFile).where(MediaFile.post_id.in_(post_ids)))
    _remove_after_commit(names)


def _remove_after_commit(names: list[str]) -> None:
    def remove() -> None:
        for name in names:
            storage.remove(name)

    if names:
        unit_of_work.after_commit(remove)


def find_by_key(classroom_id: int, key: str) -> MediaFile | None:
    """The class's file with this key, or None."""
    return db.session.scalar(select(MediaFile).where(MediaFile.key == key, MediaFile.classroom_id == classroom_id))


@dataclass
class Check:
    """What ``media-check`` found."""

    #: Files on disk with no row (left by a failed request or a deleted thread).
    files_without_row: list[str]
    #: Rows whose file is missing on disk.
    rows_without_file: list[MediaFile]
    #: Rows attached to no post.
    rows_without_post: list[MediaFile]


def check() -> Check:
    """Compare the media folder with the table (one query and one walk of the folder)."""
    rows = list(db.session.scalars(select(MediaFile).order_by(MediaFile.id)))
    on_disk = set(storage.every_stored_name())
    known = {row.stored for row in rows}
    originals = {storage.name_for(row.key, ".orig") for row in rows}  # kept until converted
    return Check(
        files_without_row=sorted(on_disk - known - originals),
        rows_without_file=[row for row in rows if row.stored not in on_disk],
        rows_without_post=[row for row in rows if row.post_id is None],
    )
