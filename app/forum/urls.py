"""The forum's addresses, in one place."""
from __future__ import annotations

from flask import url_for

from . import threads
from .models import Post

#: Every class page of the forum starts here.
C = "/classes/<int:class_id>"


def post_url(post: Post) -> str:
    """The thread page that shows ``post``, scrolled to it."""
    return url_for("forum.thread", class_id=post.classroom_id, thread_id=post.thread_id, page=threads.page_of(post),
                   _anchor=f"post-{post.id}")


def thread_url(thread) -> str:
    """The thread's first page."""
    return url_for("forum.thread", class_id=thread.classroom_id, thread_id=thread.id)


def forums_url(classroom_id: int) -> str:
    """The class's list of forums."""
    return url_for("forum.forums", class_id=classroom_id)
