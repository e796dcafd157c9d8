"""Who may read and change what in the forum: named rules.

The rules are plain functions of the user, the post and the thread's rules
(``app.forum.rules.ThreadRules``), tested without HTTP in
``tests/test_rules_matrix.py``; templates call the same ones, and the views'
loaders (``app.forum.routes.loaders``) give 404 for what they refuse.
"""
from __future__ import annotations

from sqlalchemy import and_, or_, true

from . import rules
from .models import Post


def can_see_post(user, post, teacher: bool) -> bool:
    """A post hidden by a teacher is seen by its author and the class's teachers only."""
    return not post.hidden or teacher or post.author_id == user.id


def seen_posts(user, teacher: bool):
    """``can_see_post`` as an SQL condition on ``Post``."""
    return true() if teacher else or_(Post.hidden.is_(False), Post.author_id == user.id)


def readable_posts(classroom_id: int, user, teacher: bool):
    """``can_read_post`` as an SQL condition on ``Post`` and ``Thread`` (joined), for the class's
    posts that are not deleted: lists that filter in the database (search) use it."""
    return and_(Post.deleted.is_(False), seen_posts(user, teacher),
                *rules.reading_conditions(classroom_id, user, teacher))


def can_read_post(user, post, teacher: bool, thread_rules: rules.ThreadRules) -> bool:
    """The thread page would show this post to ``user``: not hidden from them by a teacher,
    and the thread's rules (a prompt not open yet, "post first") let them read it."""
    return can_see_post(user, post, teacher) and not thread_rules.hidden and thread_rules.visible(post)


def can_change_post(user, post, thread_rules: rules.ThreadRules) -> bool:
    """Only the author edits or deletes a post, while it is not deleted and the thread's rules
    do not freeze it (a closed discussion)."""
    return post.author_id == user.id and not post.deleted and thread_rules.frozen is None


def is_author(user, post) -> bool:
    """``user`` wrote ``post``."""
    return post.author_id == user.id


def can_mark_helpful(user, post) -> bool:
    """Anyone but the author marks a post helpful (and reports it)."""
    return post.author_id != user.id


def template_globals() -> dict:
    """The rules templates use."""
    return {"can_see_post": can_see_post, "can_change_post": can_change_post, "can_mark_helpful": can_mark_helpful}
