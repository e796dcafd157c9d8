"""Keeping the search index in step with what members write.

Every flush that adds, changes or deletes a post's text, a thread's title (its opening
post), a wiki page, a prompt or one of its topics rewrites those things' rows of
``search_document`` in the same transaction (an ``after_flush`` listener, so every write
path is covered, and a rollback drops the index change with the write). Deleted posts and
pages leave the index; hiding a post changes nothing here: the reading rules are applied
in the search query itself, on the post's own columns. Rows of deleted threads, posts,
pages and prompts go with them (``ON DELETE CASCADE``).

``reindex_all`` builds the index again from the tables (``flask --app wsgi search-reindex``).
"""
from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import delete, event, inspect, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from app.forum.models import Post, Thread
from app.prompts.models import Prompt, Topic
from app.wiki.models import WikiPage

from . import words
from .models import SearchDocument, SearchWord
from .snippets import plain_text

#: Which attributes, when changed, change what is indexed.
WATCHED = {Post: ("html", "deleted"), Thread: ("title",), WikiPage: ("title", "html", "deleted_at"),
           Prompt: ("title", "instructions_html"), Topic: ("title", "description", "archived")}
#: Ids reindexed per statement by ``reindex_all``.
BATCH = 500


def document(classroom_id: int, created_at, title: str, body: str, **key) -> dict:
    """A ``search_document`` row for plain-text ``title`` and ``body`` (``key``: post_id=…)."""
    return {"post_id": None, "page_id": None, "prompt_id": None, **key, "classroom_id": classroom_id,
            "created_at": created_at, "title": title, "body": body,
            "title_terms": words.index_text(title), "body_terms": words.index_text(body)}


def post_documents(conn, post_ids: list[int]) -> list[dict]:
    """Rows for these posts (a thread's title belongs to its opening post); none for deleted ones."""
    rows = conn.execute(
        select(Post.id, Post.classroom_id, Post.created_at, Post.depth, Post.html, Thread.title)
        .join(Thread, Thread.id == Post.thread_id).where(Post.id.in_(post_ids), Post.deleted.is_(False)))
    return [document(r.classroom_id, r.created_at, r.title if r.depth == 0 else "", plain_text(r.html), post_id=r.id)
            for r in rows]


def page_documents(conn, page_ids: list[int]) -> list[dict]:
    """Rows for these wiki pages; none for deleted ones."""
    rows = conn.execute(select(WikiPage.id, WikiPage.classroom_id, WikiPage.updated_at, WikiPage.title, WikiPage.html)
                        .where(WikiPage.id.in_(page_ids), WikiPage.deleted_at.is_(None)))
    return [document(r.classroom_id, r.updated_at, r.title, plain_text(r.html), page_id=r.id) for r in rows]


def prompt_documents(conn, prompt_ids: list[int]) -> list[dict]:
    """Rows for these prompts: title, then the instructions and the topics' titles and descriptions."""
    topics: dict[int, list[str]] = {}
    for prompt_id, title, description in conn.execute(
            select(Topic.prompt_id, Topic.title, Topic.description)
            .where(Topic.prompt_id.in_(prompt_ids), Topic.archived.is_(False)).order_by(Topic.position, Topic.id)):
        topics.setdefault(prompt_id, []).extend([title, description])
    rows = conn.execute(select(Prompt.id, Prompt.classroom_id, Prompt.created_at, Prompt.title,
                               Prompt.instructions_html).where(Prompt.id.in_(prompt_ids)))
    return [document(r.classroom_id, r.created_at, r.title,
                     " ".join([plain_text(r.instructions_html), *filter(None, topics.get(r.id, []))]), prompt_id=r.id)
            for r in rows]


KINDS = ((SearchDocument.post_id, post_documents), (SearchDocument.page_id, page_documents),
         (SearchDocument.prompt_id, prompt_documents))


def reindex(conn, posts: Iterable[int] = (), pages: Iterable[int] = (), prompts: Iterable[int] = ()) -> int:
    """Write these things' rows again (delete, then insert what is still searchable); how many rows."""
    written = 0
    for (column, build), ids in zip(KINDS, (posts, pages, prompts), strict=True):
        ids = sorted(set(ids))
        if not ids:
            continue
        conn.execute(delete(SearchDocument).where(column.in_(ids)))
        rows = build(conn, ids)
        if rows:
            conn.execute(SearchDocument.__table__.insert(), rows)
            add_words(conn, rows)
            written += len(rows)
    return written


def add_words(conn, rows: list[dict]) -> None:
    """Add the rows' new words to their class's vocabulary (one statement; known words are skipped)."""
    found = {(row["classroom_id"], w) for row in rows for w in words.vocabulary(row["title"] + " " + row["body"])}
    if not found:
        return
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    conn.execute(dialect.insert(SearchWord).on_conflict_do_nothing(),
                 [{"classroom_id": c, "word": w} for c, w in sorted(found)])


def _changed(obj, names: tuple[str, ...]) -> bool:
    state = inspect(obj)
    return any(state.attrs[name].history.has_changes() for name in names)


@event.listens_for(Session, "after_flush")
def _after_flush(session, flush_context) -> None:
    posts, threads, pages, prompts = set(), set(), set(), set()
    for obj in [*session.new, *session.dirty]:
        names = WATCHED.get(type(obj))
        if names is None or (obj not in session.new and not _changed(obj, names)):
            continue
        if isinstance(obj, Post):
            posts.add(obj.id)
        elif isinstance(obj, Thread):
            threads.add(obj.id)
        elif isinstance(obj, WikiPage):
            pages.add(obj.id)
        elif isinstance(obj, Prompt):
            prompts.add(obj.id)
        else:
            prompts.add(obj.prompt_id)
    if not (posts or threads or pages or prompts):
        return
    conn = session.connection()
    if threads:
        posts.update(conn.scalars(select(Post.id).where(Post.thread_id.in_(threads), Post.depth == 0)))
    reindex(conn, posts, pages, prompts)


def reindex_all(conn) -> int:
    """Empty the index and build it again from every post, wiki page and prompt; how many rows."""
    conn.execute(delete(SearchDocument))
    written = 0
    for model, (_, build) in zip((Post, WikiPage, Prompt), KINDS, strict=True):
        last = 0
        while ids := list(conn.scalars(select(model.id).where(model.id > last).order_by(model.id).limit(BATCH))):
            rows = build(conn, ids)
            if rows:
                conn.execute(SearchDocument.__table__.insert(), rows)
                add_words(conn, rows)
                written += len(rows)
            last = ids[-1]
    return written
