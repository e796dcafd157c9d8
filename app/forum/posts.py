"""Writing: start a thread, reply, edit (history kept), delete, helpful marks.

Every text is rendered once here, when it is saved. Counters change in SQL.
"""
from __future__ import annotations

import html as html_lib

from markupsafe import Markup
from sqlalchemy import delete, select, update

from app import clock, hooks
from app.content import render
from app.extensions import db
from app.media import services as media

from . import notifications
from .models import Forum, HelpfulMark, Post, PostRevision, Thread, ThreadFollow
from .services import upsert

#: Characters of a post kept in a quote.
QUOTE_CHARS = 600


class ReplyRefused(Exception):
    """The thread takes no replies now; ``str(error)`` is a message for the writer."""


def thread_closed_reason(thread: Thread, forum: Forum) -> str | None:
    """Why nobody can reply in this thread now, or None when replies are open."""
    if thread.locked:
        return "A teacher has locked this thread, so nobody can reply now."
    if forum.archived:
        return "This forum is archived, so nobody can write in it now."
    return None


def follow(user_id: int, thread_id: int) -> None:
    """Follow a thread the first time someone posts in it (an explicit "stop following" stays)."""
    upsert(ThreadFollow, {"user_id": user_id, "thread_id": thread_id, "active": True}, ["user_id", "thread_id"])


def set_following(user_id: int, thread_id: int, active: bool) -> None:
    """Follow or stop following a thread."""
    upsert(ThreadFollow, {"user_id": user_id, "thread_id": thread_id, "active": active},
           ["user_id", "thread_id"], {"active": active})


def start_thread(forum: Forum, author, title: str, source: str) -> Thread:
    """A new thread with its opening post; the author follows it."""
    now = clock.now()
    thread = Thread(classroom_id=forum.classroom_id, forum_id=forum.id, author_id=author.id, title=title.strip(),
                    created_at=now, last_post_at=now)
    db.session.add(thread)
    db.session.flush()
    post = Post(thread_id=thread.id, classroom_id=forum.classroom_id, author_id=author.id, depth=0,
                source=source, html=render(source, "post"), created_at=now)
    db.session.add(post)
    db.session.flush()
    follow(author.id, thread.id)
    notifications.notify_new_post(post, thread, parent=None, author=author)
    return thread


def reply(parent: Post, thread: Thread, author, source: str) -> Post:
    """Reply to ``parent`` (the opening post or any reply). Raises ReplyRefused."""
    reason = thread_closed_reason(thread, thread.forum)
    if reason:
        raise ReplyRefused(reason)
    if parent.deleted:
        raise ReplyRefused("This post was deleted, so you cannot reply to it. You can reply to the thread instead.")
    now = clock.now()
    depth = parent.depth + 1
    post = Post(thread_id=thread.id, classroom_id=thread.classroom_id, parent_id=parent.id, depth=depth,
                root_id=parent.root_id if depth > 1 else None, author_id=author.id,
                source=source, html=render(source, "post"), created_at=now)
    db.session.add(post)
    db.session.flush()
    if depth == 1:
        post.root_id = post.id
        db.session.flush()
    db.session.execute(
        update(Thread).where(Thread.id == thread.id).values(reply_count=Thread.reply_count + 1, last_post_at=now)
    )
    follow(author.id, thread.id)
    notifications.notify_new_post(post, thread, parent=parent, author=author)
    return post


def edit(post: Post, source: str) -> None:
    """Change the text; the earlier version becomes a PostRevision."""
    if source == post.source:
        return
    db.session.add(PostRevision(post_id=post.id, source=post.source, html=post.html,
                                written_at=post.edited_at or post.created_at))
    post.source = source
    post.html = render(source, "post")
    post.edited_at = clock.now()
    hooks.text_changed.send(post)


def delete_post(post: Post) -> None:
    """The author deletes a post: the text and its history go, its place in the tree stays."""
    db.session.execute(delete(PostRevision).where(PostRevision.post_id == post.id))
    post.source = ""
    post.html = ""
    post.deleted = True
    media.delete_for_posts([post.id])


def delete_posts_of(user) -> int:
    """``delete_post`` for every post of ``user`` at once (their account is deleted): the text and
    its history go, each place in its thread stays ("This post was deleted"). Returns how many."""
    mine = select(Post.id).where(Post.author_id == user.id)
    db.session.execute(delete(PostRevision).where(PostRevision.post_id.in_(mine))
                       .execution_options(synchronize_session=False))
    result = db.session.execute(update(Post).where(Post.author_id == user.id, Post.deleted.is_(False))
                                .values(source="", html="", deleted=True).execution_options(synchronize_session=False))
    return result.rowcount or 0


def revisions(post: Post) -> list[PostRevision]:
    """Earlier versions, newest first."""
    return list(db.session.scalars(
        select(PostRevision).where(PostRevision.post_id == post.id).order_by(PostRevision.id.desc())
    ))


def mark_helpful(post: Post, user) -> bool:
    """Mark once per person (a repeat does nothing). True when the mark was added."""
    added = upsert(HelpfulMark, {"post_id": post.id, "user_id": user.id, "created_at": clock.now()},
                   ["post_id", "user_id"]).first() is not None
    if added:
        db.session.execute(update(Post).where(Post.id == post.id).values(helpful_count=Post.helpful_count + 1))
    return added


def unmark_helpful(post: Post, user) -> bool:
    """Take one's mark back. True when there was one."""
    removed = db.session.execute(
        delete(HelpfulMark).where(HelpfulMark.post_id == post.id, HelpfulMark.user_id == user.id)
    ).rowcount == 1
    if removed:
        db.session.execute(update(Post).where(Post.id == post.id).values(helpful_count=Post.helpful_count - 1))
    return removed


def quote(post: Post, permalink: str, author_name: str | None = None) -> str:
    """The start of a reply that quotes ``post``: a ``blockquote`` citing its permalink.

    ``author_name`` replaces the author's real name (hidden names)."""
    text = Markup(post.html).striptags()
    if len(text) > QUOTE_CHARS:
        text = text[:QUOTE_CHARS].rsplit(" ", 1)[0] + " …"
    return (f'<blockquote cite="{html_lib.escape(permalink)}">{html_lib.escape(author_name or post.author.display_name)} wrote: '
            f"{html_lib.escape(text)}</blockquote>\n\n")
