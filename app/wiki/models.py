"""Wiki tables: pages, their append-only revisions, redirects from old slugs, links.

A page points at its current revision and caches its rendered HTML (rendered once,
when saved), so viewing a page never reads the history.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app import clock
from app.auth.models import User
from app.extensions import db


class WikiPage(db.Model):
    """A page of a class's wiki. ``slug`` is unique in the class, deleted pages included."""

    __table_args__ = (UniqueConstraint("classroom_id", "slug"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    classroom_id: Mapped[int] = mapped_column(ForeignKey("classroom.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(150))
    #: The title made into a URL part (app.wiki.slugs.page_slug).
    slug: Mapped[str] = mapped_column(String(160))
    #: The newest WikiRevision's id (no foreign key: the two tables point at each other).
    current_revision_id: Mapped[int | None] = mapped_column()
    #: The newest revision's number (1, 2, 3...).
    revision_number: Mapped[int] = mapped_column(default=0)
    #: A copy of the newest revision's source, and its HTML with [[links]] resolved.
    source: Mapped[str] = mapped_column(Text, default="")
    html: Mapped[str] = mapped_column(Text, default="")
    #: Only teachers edit a locked page.
    locked: Mapped[bool] = mapped_column(default=False)
    #: Set when a teacher deletes the page; it can be restored.
    deleted_at: Mapped[datetime | None] = mapped_column()
    #: The forum thread about this page, made on first use.
    talk_thread_id: Mapped[int | None] = mapped_column(ForeignKey("thread.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=clock.now)
    updated_at: Mapped[datetime] = mapped_column(default=clock.now)


class WikiRevision(db.Model):
    """One saved version of a page. Rows are only ever added."""

    __table_args__ = (UniqueConstraint("page_id", "number"), Index("ix_wiki_revision_created", "created_at"))

    id: Mapped[int] = mapped_column(primary_key=True)
    page_id: Mapped[int] = mapped_column(ForeignKey("wiki_page.id", ondelete="CASCADE"))
    #: 1 for the first version of the page, then 2, 3...
    number: Mapped[int] = mapped_column()
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"), index=True)
    #: The full text of this version, as typed.
    source: Mapped[str] = mapped_column(Text, default="")
    #: The optional edit summary ("fixed two verbs").
    summary: Mapped[str] = mapped_column(String(200), default="")
    #: The page title when this version was saved.
    title: Mapped[str] = mapped_column(String(150), default="")
    created_at: Mapped[datetime] = mapped_column(default=clock.now)

    author: Mapped[User | None] = relationship(lazy="raise")
    page: Mapped[WikiPage] = relationship(lazy="raise")


class WikiRedirect(db.Model):
    """An old slug of a renamed page, so old links keep working."""

    __table_args__ = (UniqueConstraint("classroom_id", "old_slug"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    classroom_id: Mapped[int] = mapped_column(ForeignKey("classroom.id", ondelete="CASCADE"))
    old_slug: Mapped[str] = mapped_column(String(160))
    page_id: Mapped[int] = mapped_column(ForeignKey("wiki_page.id", ondelete="CASCADE"), index=True)


class WikiLink(db.Model):
    """Page ``page_id`` links to ``target_slug`` (which may not exist yet)."""

    __table_args__ = (Index("ix_wiki_link_target", "target_slug"),)

    page_id: Mapped[int] = mapped_column(ForeignKey("wiki_page.id", ondelete="CASCADE"), primary_key=True)
    target_slug: Mapped[str] = mapped_column(String(160), primary_key=True)
