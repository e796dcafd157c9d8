"""Who may fetch a file: whoever may read what it belongs to.

A recording of a post follows the post's reading rules (``forum.access.can_read_post``,
through the forum's loader): hidden by a teacher, hidden by "post first", in a discussion
not open yet, or deleted, it is "Page not found" like the post.
"""
from __future__ import annotations

from flask import abort

from app.forum.routes.loaders import readable_post

from . import services
from .models import MediaFile


def readable_media(classroom, key: str) -> MediaFile:
    """The class's file named ``key`` when this user may read what it belongs to; else 404."""
    row = services.find_by_key(classroom.id, key)
    if row is None or row.post_id is None:
        abort(404)
    post, _ = readable_post(classroom, row.post_id)
    if post.deleted:
        abort(404)
    return row
