"""Forum tables: forums, threads, posts (a tree), edits, read state, follows,
helpful marks, reports and notifications.

Threads and posts carry ``classroom_id`` (denormalised) so that every object
named in a URL is loaded together with its class check in one query.
Counters (``reply_count``, ``helpful_count``) change only through SQL
expressions (``col + 1``), never read-modify-write in Python.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from app import clock
from app.auth.models import User
from app.content import count_words
from app.extensions import db


class Forum(db.Model):
    """A board of a class ("General discussion")."""

    id: Mapped[int] = mapped_column(primary_key=True)
    classroom_id: Mapped[int] = mapped_column(ForeignKey("classroom.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(100))
    description: Mapped[str] = mapped_column(String(300), default="")
    #: Lower comes first on the class page.
    position: Mapped[int] = mapped_column(default=0)
    #: Archived forums are read-only and listed apart.
    archived: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=clock.now)


class Thread(db.Model):
    """A conversation: a title and an opening post (depth 0) with replies."""

    #: A forum's page reads threads in this order (pinned, latest activity, id: no sort).
    __table_args__ = (Index("ix_thread_forum_order", "forum_id", "pinned", "last_post_at", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    classroom_id: Mapped[int] = mapped_column(ForeignKey("classroom.id", ondelete="CASCADE"), index=True)
    forum_id: Mapped[int] = mapped_column(ForeignKey("forum.id", ondelete="CASCADE"))
    author_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(150))
    pinned: Mapped[bool] = mapped_column(default=False)
    #: No new replies while locked.
    locked: Mapped[bool] = mapped_column(default=False)
    #: Posts after the opening post (deleted ones keep their place and count).
    reply_count: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=clock.now)
    last_post_at: Mapped[datetime] = mapped_column(default=clock.now)

    author: Mapped[User] = relationship(lazy="raise")
    forum: Mapped[Forum] = relationship(lazy="raise")


class Post(db.Model):
    """One message. ``depth`` 0 is the opening post, 1 a reply to it, and so on.

    ``root_id`` is the depth-1 ancestor (itself at depth 1; None for the
    opening post): pages hold whole ``root_id`` groups, so a reply is always
    on the page of what it answers.
    """

    __table_args__ = (
        Index("ix_post_thread_root", "thread_id", "root_id"),
        Index("ix_post_thread_depth", "thread_id", "depth", "id"),
        #: "New posts for me": posts of a thread after a read mark, not by me, from the index alone.
        Index("ix_post_thread_new", "thread_id", "id", "author_id"),
        #: "Has this student written here?": one probe per student and thread (prompts.progress).
        Index("ix_post_author_thread", "author_id", "thread_id", "depth"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    thread_id: Mapped[int] = mapped_column(ForeignKey("thread.id", ondelete="CASCADE"))
    classroom_id: Mapped[int] = mapped_column(ForeignKey("classroom.id", ondelete="CASCADE"), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("post.id", ondelete="CASCADE"), index=True)
    root_id: Mapped[int | None] = mapped_column()
    depth: Mapped[int] = mapped_column(default=0)
    #: Indexed first in ``ix_post_author_thread``.
    author_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    #: What the author typed, and its HTML rendered once when saved.
    source: Mapped[str] = mapped_column(Text, default="")
    html: Mapped[str] = mapped_column(Text, default="")
    #: ``content.count_words(source)``, kept whenever ``source`` is set: participation and the
    #: gradebook read it instead of every post's text.
    word_count: Mapped[int] = mapped_column(default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(default=clock.now)
    #: Set when the author changed the text; earlier versions are PostRevision rows.
    edited_at: Mapped[datetime | None] = mapped_column()
    #: The author deleted it: the text is gone, the place in the tree stays.
    deleted: Mapped[bool] = mapped_column(default=False)
    #: A teacher hid it: only the author and teachers see it.
    hidden: Mapped[bool] = mapped_column(default=False)
    helpful_count: Mapped[int] = mapped_column(default=0)

    author: Mapped[User] = relationship(lazy="raise")
    thread: Mapped[Thread] = relationship(lazy="raise")

    @validates("source")
    def _count_words(self, _key: str, source: str) -> str:
        self.word_count = count_words(source or "")
        return source


class PostRevision(db.Model):
    """An earlier version of a post, kept when the author edits it."""

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("post.id", ondelete="CASCADE"), index=True)
    source: Mapped[str] = mapped_column(Text)
    html: Mapped[str] = mapped_column(Text)
    #: When this version was written.
    written_at: Mapped[datetime] = mapped_column()


class ReadState(db.Model):
    """Where a user stopped reading a thread: every post up to this id is read."""

    __tablename__ = "read_state"

    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), primary_key=True)
    thread_id: Mapped[int] = mapped_column(ForeignKey("thread.id", ondelete="CASCADE"), primary_key=True, index=True)
    last_read_post_id: Mapped[int] = mapped_column(default=0)


class ThreadFollow(db.Model):
    """A user's choice to follow a thread (``active``) or not; set on first post."""

    __tablename__ = "thread_follow"

    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), primary_key=True)
    thread_id: Mapped[int] = mapped_column(ForeignKey("thread.id", ondelete="CASCADE"), primary_key=True, index=True)
    active: Mapped[bool] = mapped_column(default=True)


class HelpfulMark(db.Model):
    """One person found one post helpful."""

    __tablename__ = "helpful_mark"

    post_id: Mapped[int] = mapped_column(ForeignKey("post.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), primary_key=True, index=True)
    created_at: Mapped[datetime] = mapped_column(default=clock.now)


class Report(db.Model):
    """A member asked the teachers to look at a post."""

    id: Mapped[int] = mapped_column(primary_key=True)
    classroom_id: Mapped[int] = mapped_column(ForeignKey("classroom.id", ondelete="CASCADE"), index=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("post.id", ondelete="CASCADE"), index=True)
    reporter_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    reason: Mapped[str] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(default=clock.now)
    resolved_at: Mapped[datetime | None] = mapped_column()
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    #: "hidden" or "dismissed" once resolved.
    resolution: Mapped[str] = mapped_column(String(20), default="")

    post: Mapped[Post] = relationship(lazy="raise")
    reporter: Mapped[User] = relationship(foreign_keys=[reporter_id], lazy="raise")


class Notification(db.Model):
    """Something for one user to see: a reply, a mention, a post in a followed thread."""

    #: The bell counts unread ones; the page lists the newest first (no sort of them all).
    __table_args__ = (Index("ix_notification_user_read", "user_id", "read_at"),
                      Index("ix_notification_user_newest", "user_id", "id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    #: "reply", "mention", "follow"; "grade" and "returned" (a reflection's grade, see app.grading).
    kind: Mapped[str] = mapped_column(String(10))
    post_id: Mapped[int] = mapped_column(ForeignKey("post.id", ondelete="CASCADE"), index=True)
    actor_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(default=clock.now)
    read_at: Mapped[datetime | None] = mapped_column()

    post: Mapped[Post] = relationship(lazy="raise")
    actor: Mapped[User] = relationship(foreign_keys=[actor_id], lazy="raise")
