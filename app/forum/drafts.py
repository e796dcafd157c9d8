"""The forum's draft keys (``app.drafts.registry``): replies, new threads and changes to a post.

Each resolver applies the rules of the page that shows the form, for many keys at once:
one query for the posts or forums, one for the user's classes, and the reading rules of
each class (``rules.reading_rules``, which agree with the thread page's ``rules_for``).
"""
from __future__ import annotations

from flask import url_for
from sqlalchemy import select

from app.auth.models import User
from app.drafts import registry
from app.extensions import db
from app.writing import limit_of

from . import rules
from .access import can_read_post, is_author
from .forms import EditForm, ReplyForm, ThreadForm
from .models import Forum, Post, Thread

REPLY, EDIT, NEW_THREAD = "reply-to-post", "edit-post", "new-thread-in-forum"


def reply_place(post_id: int) -> str:
    """Where the draft of a reply to a post is kept."""
    return f"{REPLY}-{post_id}"


def edit_place(post_id: int) -> str:
    """Where the draft of changes to a post is kept."""
    return f"{EDIT}-{post_id}"


def new_thread_place(forum_id: int) -> str:
    """Where the draft of a new thread's first post in a forum is kept."""
    return f"{NEW_THREAD}-{forum_id}"


def _posts(user, args):
    """(post, thread title, author's real name, the user's thread rules, teacher) for the posts
    of the classes the user is in."""
    rows = db.session.execute(
        select(Post, Thread.title, User.display_name).join(Thread, Thread.id == Post.thread_id)
        .join(User, User.id == Post.author_id).where(Post.id.in_([post_id for post_id, in args]))
    ).all()
    roles = registry.class_roles(user, {post.classroom_id for post, _, _ in rows})
    reading = {class_id: rules.reading_rules(class_id, user, teacher) for class_id, teacher in roles.items()}
    for post, title, author in rows:
        if post.classroom_id in roles:
            thread_rules = reading[post.classroom_id].get(post.thread_id, rules.ThreadRules())
            yield post, title, author, thread_rules, roles[post.classroom_id]


@registry.kind(REPLY)
def replies(user, args):
    """A reply: to a post the thread page shows this user (``loaders.readable_post``)."""
    found = {}
    for post, title, author, thread_rules, teacher in _posts(user, args):
        if can_read_post(user, post, teacher, thread_rules):
            whom = "your own post" if is_author(user, post) else thread_rules.name(post.author_id, author)
            found[(post.id,)] = registry.Target(
                post.classroom_id, f"Your reply to {whom} in “{title}”",
                url_for("forum.reply", class_id=post.classroom_id, post_id=post.id), limit_of(ReplyForm),
                reply_place(post.id))
    return found


@registry.kind(EDIT)
def edits(user, args):
    """Changes to one's own post, not deleted, that the thread page shows this user (the edit page's rules)."""
    found = {}
    for post, title, _, thread_rules, teacher in _posts(user, args):
        if is_author(user, post) and not post.deleted and can_read_post(user, post, teacher, thread_rules):
            found[(post.id,)] = registry.Target(
                post.classroom_id, f"Your changes to your post in “{title}”",
                url_for("forum.edit", class_id=post.classroom_id, post_id=post.id), limit_of(EditForm),
                edit_place(post.id))
    return found


@registry.kind(NEW_THREAD)
def new_threads(user, args):
    """A new thread: in a forum this user sees and may start threads in (``visible_forum``)."""
    forums = db.session.scalars(select(Forum).where(Forum.id.in_([forum_id for forum_id, in args]))).all()
    roles = registry.class_roles(user, {forum.classroom_id for forum in forums})
    special = {class_id: rules.forum_rules(class_id, user, teacher) for class_id, teacher in roles.items()}
    found = {}
    for forum in forums:
        if forum.classroom_id not in roles:
            continue
        forum_rules = special[forum.classroom_id].get(forum.id, rules.ForumRules())
        if not forum_rules.hidden and forum_rules.start_threads:
            found[(forum.id,)] = registry.Target(
                forum.classroom_id, f"Your new thread in “{forum.title}”",
                url_for("forum.new_thread", class_id=forum.classroom_id, forum_id=forum.id), limit_of(ThreadForm),
                new_thread_place(forum.id))
    return found
