"""Loading what a URL names, for the forum's views: 404 for what this user may not see.

Every object in a URL is loaded through ``services.get_*``, which gives 404 for
an id of another class; these add the reading rules of ``app.forum.access``.
"""
from __future__ import annotations

from flask import abort
from flask_login import current_user

from app.classes.models import Classroom
from app.permissions import is_teacher

from .. import rules, services
from ..access import can_read_post
from ..models import Post


def readable_post(classroom: Classroom, post_id: int) -> tuple[Post, rules.ThreadRules]:
    """The post and this user's rules in its thread, or 404 when the thread page would not show it.

    Every member's route that names a post loads it here (``tests/test_reading_rules.py``
    checks them all): reading it, replying, reporting, marking it helpful, editing, deleting."""
    post = services.get_post(classroom, post_id)
    thread_rules = rules.rules_for(post.thread, current_user, is_teacher())
    if not can_read_post(current_user, post, is_teacher(), thread_rules):
        abort(404)
    return post, thread_rules


def visible_forum(classroom: Classroom, forum_id: int):
    """The forum and this user's rules in it, or 404 when it is another class's or hidden from this user."""
    forum = services.get_forum(classroom, forum_id)
    forum_rules = rules.rules_for_forum(forum, current_user, is_teacher())
    if forum_rules.hidden:
        abort(404)
    return forum, forum_rules


def visible_thread(classroom: Classroom, thread_id: int):
    """The thread and this user's rules in it, or 404 when it is another class's or hidden from this user."""
    thread = services.get_thread(classroom, thread_id)
    thread_rules = rules.rules_for(thread, current_user, is_teacher())
    if thread_rules.hidden:
        abort(404)
    return thread, thread_rules
