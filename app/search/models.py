"""The search index: one row per searchable thing (a post, a wiki page, a prompt), kept by the
app's writes (``app.search.index``), and the class's vocabulary for "Did you mean".

The text columns hold terms (``app.search.words.index_text``), not the text itself: the
database indexes them (PostgreSQL: a GIN index on their ``tsvector``; SQLite: the FTS5
table ``search_fts``, kept in step by triggers), see ``app.search.schema``. ``title`` and
``body`` hold the plain text the snippets are cut from.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint, event
from sqlalchemy.orm import Mapped, mapped_column

from app import clock
from app.extensions import db

from . import schema


class SearchDocument(db.Model):
    """One searchable thing of a class: exactly one of ``post_id``, ``page_id``, ``prompt_id``."""

    __tablename__ = "search_document"
    __table_args__ = (Index("ix_search_document_class_newest", "classroom_id", "created_at", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    classroom_id: Mapped[int] = mapped_column(ForeignKey("classroom.id", ondelete="CASCADE"))
    post_id: Mapped[int | None] = mapped_column(ForeignKey("post.id", ondelete="CASCADE"), unique=True)
    page_id: Mapped[int | None] = mapped_column(ForeignKey("wiki_page.id", ondelete="CASCADE"), unique=True)
    prompt_id: Mapped[int | None] = mapped_column(ForeignKey("prompt.id", ondelete="CASCADE"), unique=True)
    #: For "Newest first": when the post was written, the page last changed, the prompt made.
    created_at: Mapped[datetime] = mapped_column(default=clock.now)
    #: Plain text (no HTML): the title (a thread's for its opening post) and the text.
    title: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")
    #: Their terms, separated by spaces (what is matched; the title counts more).
    title_terms: Mapped[str] = mapped_column(Text, default="")
    body_terms: Mapped[str] = mapped_column(Text, default="")


class SearchWord(db.Model):
    """A word written somewhere in the class (small letters), for "Did you mean". Words are only added."""

    __tablename__ = "search_word"
    __table_args__ = (
        UniqueConstraint("classroom_id", "word"),
        Index("ix_search_word_trigrams", "word", postgresql_using="gin", postgresql_ops={"word": "gin_trgm_ops"}),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    classroom_id: Mapped[int] = mapped_column(ForeignKey("classroom.id", ondelete="CASCADE"))
    word: Mapped[str] = mapped_column(String(40))


event.listen(SearchWord.__table__, "before_create", schema.before_words)
event.listen(SearchDocument.__table__, "after_create", schema.after_documents)
event.listen(SearchWord.__table__, "after_create", schema.after_words)
