"""Finding things in a class: wiki pages, then posts (newest first), as the searcher may see them.

Matching: every word of the query (case-insensitive, ``%`` and ``_`` literal) appears in
a wiki page's title or text, or in a post's text; a thread's title counts as part of
its opening post. Posts are left out exactly as the thread page leaves them out, by the
forum's own rules (``app.forum.rules`` and ``access.can_see_post``): hidden forums and
threads, "post before you see classmates' posts", posts hidden by a teacher. Names
are the ones the thread page shows ("Classmate N"). Author names are never searched.

A search costs a fixed number of queries: one for the matching posts' ids (small
columns, the rules are applied in Python), a few for the rules, one for the wiki
pages, and one each for the details of the page of results shown.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

from markupsafe import Markup
from sqlalchemy import and_, or_, select

from app.auth.models import User
from app.extensions import db
from app.forum import access
from app.forum import rules as forum_rules
from app.forum.models import Post, Thread
from app.wiki.models import WikiPage

from .snippets import plain_text, snippet

#: Results on a page.
PER_PAGE = 20
#: Shorter queries are not searched.
MIN_CHARS = 2
#: Words of a query that count (the rest are ignored), and the longest word kept.
MAX_WORDS = 10
MAX_WORD_CHARS = 100


@dataclass
class PageHit:
    """A wiki page that matches."""

    #: The title with the matched words marked.
    title: Markup
    slug: str
    snippet: Markup


@dataclass
class PostHit:
    """A post that matches, as the searcher may see it."""

    post_id: int
    #: The thread's title with the matched words marked.
    thread_title: Markup
    author: str
    created_at: datetime
    snippet: Markup


@dataclass
class Results:
    """One page of results and how many there are in all."""

    pages: list[PageHit]
    posts: list[PostHit]
    total: int
    page: int
    page_count: int


def words_of(query: str) -> list[str]:
    """The words to look for: split on spaces, repeats dropped (ignoring case), at most ``MAX_WORDS``."""
    words: list[str] = []
    for word in query.split():
        word = word[:MAX_WORD_CHARS]
        if word.casefold() not in (w.casefold() for w in words):
            words.append(word)
    return words[:MAX_WORDS]


def is_too_short(query: str) -> bool:
    """Fewer than ``MIN_CHARS`` characters (spaces aside): no search."""
    return len(query.strip()) < MIN_CHARS


def _has(column, word: str):
    return column.icontains(word, autoescape=True)


def matching_post_ids(classroom_id: int, words: list[str], user, teacher: bool,
                      threads: dict[int, forum_rules.ThreadRules] | None = None) -> list[int]:
    """Ids of the class's posts that match and that ``user`` may read, newest first.

    ``threads`` is ``forum_rules.reading_rules`` for this user (read here when not given)."""
    each_word = [or_(_has(Post.source, w), and_(Post.depth == 0, _has(Thread.title, w))) for w in words]
    rows = db.session.execute(
        select(Post.id, Post.thread_id, Post.depth, Post.author_id, Post.hidden, Thread.forum_id)
        .join(Thread, Thread.id == Post.thread_id)
        .where(Post.classroom_id == classroom_id, Thread.classroom_id == classroom_id, Post.deleted.is_(False),
               *each_word)
        .order_by(Post.created_at.desc(), Post.id.desc())
    ).all()
    if not rows:
        return []
    forums = forum_rules.forum_rules(classroom_id, user, teacher)
    if threads is None:
        threads = forum_rules.reading_rules(classroom_id, user, teacher)
    everything = forum_rules.ThreadRules()
    found = []
    for row in rows:
        forum = forums.get(row.forum_id)
        thread = threads.get(row.thread_id, everything)
        if (forum and forum.hidden) or thread.hidden or not thread.visible(row):
            continue
        if access.can_see_post(user, row, teacher):
            found.append(row.id)
    return found


def matching_page_ids(classroom_id: int, words: list[str]) -> list[int]:
    """Ids of the class's live wiki pages whose title or text has every word, A to Z."""
    each_word = [or_(_has(WikiPage.title, w), _has(WikiPage.source, w)) for w in words]
    return list(db.session.scalars(
        select(WikiPage.id)
        .where(WikiPage.classroom_id == classroom_id, WikiPage.deleted_at.is_(None), *each_word)
        .order_by(WikiPage.title, WikiPage.id)
    ))


def search(classroom_id: int, query: str, user, teacher: bool, page: int = 1) -> Results:
    """One page (``PER_PAGE`` results) of what ``user`` finds in the class: wiki pages first,
    then posts newest first. A page past the end shows the last page."""
    words = words_of(query)
    page_ids = matching_page_ids(classroom_id, words)
    threads = forum_rules.reading_rules(classroom_id, user, teacher)
    post_ids = matching_post_ids(classroom_id, words, user, teacher, threads)
    items = [("page", i) for i in page_ids] + [("post", i) for i in post_ids]
    page_count = max(1, math.ceil(len(items) / PER_PAGE))
    page = min(max(page, 1), page_count)
    shown = items[(page - 1) * PER_PAGE:page * PER_PAGE]
    return Results(
        pages=_page_hits([i for kind, i in shown if kind == "page"], words),
        posts=_post_hits([i for kind, i in shown if kind == "post"], words, threads),
        total=len(items), page=page, page_count=page_count)


def _page_hits(ids: list[int], words: list[str]) -> list[PageHit]:
    if not ids:
        return []
    rows = {row.id: row for row in db.session.execute(
        select(WikiPage.id, WikiPage.title, WikiPage.slug, WikiPage.html).where(WikiPage.id.in_(ids)))}
    return [PageHit(snippet(rows[i].title, words), rows[i].slug, snippet(plain_text(rows[i].html), words))
            for i in ids]


def _post_hits(ids: list[int], words: list[str], threads: dict[int, forum_rules.ThreadRules]) -> list[PostHit]:
    if not ids:
        return []
    rows = {row.id: row for row in db.session.execute(
        select(Post.id, Post.thread_id, Post.depth, Post.author_id, Post.html, Post.created_at,
               User.display_name, Thread.title)
        .join(User, User.id == Post.author_id)
        .join(Thread, Thread.id == Post.thread_id)
        .where(Post.id.in_(ids)))}
    everything = forum_rules.ThreadRules()
    hits = []
    for i in ids:
        row = rows[i]
        name = threads.get(row.thread_id, everything).name(row.author_id, row.display_name)
        hits.append(PostHit(row.id, snippet(row.title, words), name, row.created_at,
                            snippet(plain_text(row.html), words)))
    return hits
