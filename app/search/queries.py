"""Finding things in a class: posts, wiki pages and prompts, as the searcher may read them.

Matching is full-text search in the database over the index ``app.search.index`` keeps:
every word of the query, as a term (``app.search.words``: one spelling for British and
American, Snowball English stems), must be in the title or the text, as a whole word.
PostgreSQL matches the document's ``tsvector`` (GIN index) against ``plainto_tsquery``
and ranks by ``ts_rank``; SQLite matches the FTS5 table and ranks by ``bm25``; the title
counts more on both. "Newest first" orders by date instead.

The reading rules are part of the query (``app.forum.access.readable_posts``: deleted and
hidden posts, prompts not open yet or drafts, "post first"; deleted wiki pages; prompts a
student may not open), so the database returns only the 20 results shown. A search costs a
fixed number of queries: how many results (counted up to ``MAX_COUNTED``), the page of
results with everything shown, the names where a prompt hides them, and, when nothing is
found, the vocabulary for "Did you mean" and a count for the suggestion.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

from markupsafe import Markup
from sqlalchemy import and_, func, literal, literal_column, or_, select, table, union_all
from sqlalchemy.orm import aliased

from app.auth.models import User
from app.extensions import db
from app.forum import access
from app.forum import rules as forum_rules
from app.forum.models import Post, Thread
from app.prompts import rules as prompt_rules
from app.prompts.models import Prompt
from app.wiki.models import WikiPage

from . import words
from .models import SearchDocument, SearchWord
from .schema import DOCUMENT_TSVECTOR
from .snippets import snippet

#: Results on a page.
PER_PAGE = 20
#: Results counted at most ("more than 1000 results"), so a common word costs no more than that.
MAX_COUNTED = 1000
#: Shorter queries are not searched.
MIN_CHARS = 2
#: Words of a query that count (the rest are ignored).
MAX_WORDS = 10
#: The orders a searcher may choose (the first is the default).
ORDERS = {"relevance": "Best match", "newest": "Newest first"}
#: "Did you mean": how alike a word of the class must be (pg_trgm's default threshold), and how
#: many candidates of each typed word SQLite's trigram index hands to ``words.similarity``.
MIN_SIMILARITY = 0.3
CANDIDATES = 50

D = SearchDocument


@dataclass
class Hit:
    """One result, as the searcher may see it: ``kind`` is "post", "page" or "prompt"."""

    kind: str
    #: The post's, page's (its slug) or prompt's id to link to.
    post_id: int | None
    slug: str | None
    prompt_id: int | None
    #: The title (a post's thread) and a piece of the text, the matched words marked.
    title: Markup
    snippet: Markup
    author: str | None
    created_at: datetime


@dataclass
class Results:
    """One page of results and how many there are in all (``more``: past ``MAX_COUNTED``)."""

    hits: list[Hit]
    total: int
    more: bool
    page: int
    page_count: int
    order: str
    #: "Did you mean": a query that finds something when this one finds nothing (or None).
    suggestion: str | None = None


def words_of(query: str) -> list[str]:
    """The words to look for, in small letters, repeats dropped, at most ``MAX_WORDS``."""
    return list(dict.fromkeys(words.words(query)))[:MAX_WORDS]


def is_too_short(query: str) -> bool:
    """Fewer than ``MIN_CHARS`` characters (spaces aside): no search."""
    return len(query.strip()) < MIN_CHARS


def _is_postgresql() -> bool:
    return db.session.get_bind().dialect.name == "postgresql"


_FTS = table("search_fts")


def _matching(classroom_id: int, terms: list[str]):
    """(the FROM, the match and class conditions, the relevance: higher is better)."""
    if _is_postgresql():
        vector = literal_column(DOCUMENT_TSVECTOR)
        query = func.plainto_tsquery(literal_column("'simple'::regconfig"), " ".join(terms))
        return D.__table__, and_(D.classroom_id == classroom_id, vector.op("@@")(query)), func.ts_rank(vector, query)
    fts = literal_column("search_fts")
    match = " ".join('"' + t.replace('"', '""') + '"' for t in terms)
    joined = D.__table__.join(_FTS, literal_column("search_fts.rowid") == D.id)
    # The unary + keeps SQLite from walking the class's index and running the full-text match once
    # per document: the FTS5 match comes first, then each match's row by its id.
    in_class = literal_column("+search_document.classroom_id") == classroom_id
    return joined, and_(in_class, fts.op("MATCH")(match)), -func.bm25(fts, 5.0, 1.0)


def _readable(classroom_id: int, user, teacher: bool):
    """The reading rules of each kind of document, as one SQL condition (joins of ``_query``)."""
    prompts = prompt_rules.readable_prompts(user, teacher)
    return or_(
        and_(D.post_id.is_not(None), access.readable_posts(classroom_id, user, teacher)),
        and_(D.page_id.is_not(None), WikiPage.deleted_at.is_(None)),
        and_(D.prompt_id.is_not(None), *([prompts] if prompts is not None else [])),
    )


def _query(classroom_id: int, terms: list[str], user, teacher: bool):
    """The matching documents ``user`` may read, selecting (id, relevance) and what a hit shows."""
    source, match, rank = _matching(classroom_id, terms)
    author = aliased(User)
    return (select(D.id, rank.label("relevance"), D.post_id, D.page_id, D.prompt_id,
                   func.coalesce(Thread.title, D.title).label("title"), D.body, D.created_at, WikiPage.slug,
                   author.display_name)
            .select_from(source)
            .outerjoin(Post, Post.id == D.post_id)
            .outerjoin(Thread, Thread.id == Post.thread_id)
            .outerjoin(author, author.id == Post.author_id)
            .outerjoin(WikiPage, WikiPage.id == D.page_id)
            .outerjoin(Prompt, Prompt.id == D.prompt_id)
            .where(match, _readable(classroom_id, user, teacher)))


def _count(query, limit: int = MAX_COUNTED + 1) -> int:
    """How many rows ``query`` finds, counted up to ``limit``."""
    found = query.with_only_columns(D.id).limit(limit).subquery()
    return db.session.scalar(select(func.count()).select_from(found))


def count(classroom_id: int, terms: list[str], user, teacher: bool, limit: int = MAX_COUNTED + 1) -> int:
    """How many documents match and may be read, counted up to ``limit``."""
    return _count(_query(classroom_id, terms, user, teacher), limit)


def search(classroom_id: int, query: str, user, teacher: bool, page: int = 1, order: str = "relevance") -> Results:
    """One page (``PER_PAGE`` results) of what ``user`` finds in the class, best match first
    (or newest first). A page past the end shows the last page."""
    order = order if order in ORDERS else "relevance"
    terms = [words.term(w) for w in words_of(query)]
    if not terms:
        return Results([], 0, False, 1, 1, order)
    found = _query(classroom_id, terms, user, teacher)
    total = _count(found)
    more = total > MAX_COUNTED
    total = min(total, MAX_COUNTED)
    page_count = max(1, math.ceil(total / PER_PAGE))
    page = min(max(page, 1), page_count)
    if not total:
        return Results([], 0, False, 1, 1, order, suggest(classroom_id, query, user, teacher))

    newest = [D.created_at.desc(), D.id.desc()]
    rows = db.session.execute(
        found.order_by(*(newest if order == "newest" else [literal_column("relevance").desc(), *newest]))
        .limit(PER_PAGE).offset((page - 1) * PER_PAGE)
    ).all()
    names = forum_rules.shown_names(user, [r.post_id for r in rows if r.post_id])
    wanted = set(terms)
    hits = [Hit("post" if r.post_id else "page" if r.page_id else "prompt", r.post_id, r.slug, r.prompt_id,
                snippet(r.title, wanted, size=len(r.title)), snippet(r.body, wanted),
                names.get(r.post_id, r.display_name) if r.post_id else None, r.created_at)
            for r in rows]
    return Results(hits, total, more, page, page_count, order)


def _similar_words(classroom_id: int, typed: list[str]) -> dict[str, str]:
    """For each typed word, the most alike word of the class's vocabulary (itself when known),
    in one query; words with nothing alike enough are left out."""
    if _is_postgresql():
        parts = [select(literal(w).label("typed"), SearchWord.word,
                        func.similarity(SearchWord.word, w).label("alike"))
                 .where(SearchWord.classroom_id == classroom_id, SearchWord.word.op("%")(w))
                 .order_by(literal_column("alike").desc(), SearchWord.word).limit(1).subquery().select()
                 for w in typed]
    else:
        fts = literal_column("search_word_fts")
        parts = [select(literal(w).label("typed"), SearchWord.word, literal(0.0).label("alike"))
                 .join(table("search_word_fts"), literal_column("search_word_fts.rowid") == SearchWord.id)
                 .where(SearchWord.classroom_id == classroom_id, fts.op("MATCH")(_trigram_query(w)))
                 .order_by(literal_column("rank")).limit(CANDIDATES).subquery().select()
                 for w in typed if _trigram_query(w)]
    if not parts:
        return {}
    best: dict[str, tuple[float, str]] = {}
    for row in db.session.execute(union_all(*parts)):
        alike = row.alike or words.similarity(row.typed, row.word)
        if alike >= MIN_SIMILARITY and (alike, row.word) > best.get(row.typed, (0.0, "")):
            best[row.typed] = (alike, row.word)
    return {typed: word for typed, (alike, word) in best.items()}


def _trigram_query(word: str) -> str:
    """An FTS5 trigram query for words sharing any 3 letters with ``word`` ("" when shorter)."""
    grams = sorted({word[i:i + 3] for i in range(len(word) - 2)})
    return " OR ".join('"' + g.replace('"', '""') + '"' for g in grams)


def suggest(classroom_id: int, query: str, user, teacher: bool) -> str | None:
    """"Did you mean": the query with each unknown word replaced by the most alike word of the
    class, when that finds something ``user`` may read (so it never reveals a hidden post's words)."""
    typed = words_of(query)
    alike = _similar_words(classroom_id, typed)
    fixed = [alike.get(w, w) for w in typed]
    if fixed == typed or not count(classroom_id, [words.term(w) for w in fixed], user, teacher, limit=1):
        return None
    return " ".join(fixed)
