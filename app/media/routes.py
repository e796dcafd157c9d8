"""Serving stored files, only through the reading rules of what they belong to."""
from __future__ import annotations

from flask import abort, send_file

from app.classes.models import Classroom
from app.permissions import class_access

from . import bp, storage
from .access import readable_media
from .models import MediaStatus

#: File name extensions by Content-Type, for the name a download gets.
EXTENSIONS = {"audio/mp4": ".m4a", "audio/webm": ".webm", "audio/ogg": ".ogg", "audio/mpeg": ".mp3",
              "audio/wav": ".wav", "audio/aac": ".aac", "audio/flac": ".flac", "audio/amr": ".amr"}


@bp.get("/classes/<int:class_id>/media/<media_key>")
@class_access("member")
def serve(classroom: Classroom, media_key: str):
    """The file, with range requests (seeking in the player), for those who may read its post.

    404 for a key of another class, a file of a post this user may not read, or a file
    that failed to convert or is missing on disk."""
    row = readable_media(classroom, media_key)
    if row.status == MediaStatus.FAILED:
        abort(404)
    path = storage.path_of(row.stored)
    if not path.is_file():
        abort(404)
    response = send_file(path, mimetype=row.mime, conditional=True, etag=True, max_age=3600,
                         download_name="recording" + EXTENSIONS.get(row.mime, ""))
    response.headers["Cache-Control"] = "private, max-age=3600"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
