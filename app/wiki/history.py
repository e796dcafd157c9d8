"""Lists: a page's history, the class's recent changes, the A–Z index, what links here."""
from __future__ import annotations

import math

from flask import abort
from sqlalchemy import func, select
from sqlalchemy.orm import defer, joinedload, load_only

from app.classes.models import Classroom
from app.extensions import db

from .models import WikiLink, WikiPage, WikiRedirect, WikiRevision

PER_PAGE = 25
#: Lists never show the text: leave the big columns in the database.
_NO_TEXT = (defer(WikiRevision.source), defer(WikiRevision.html))
_PAGE_NAME = (load_only(WikiPage.id, WikiPage.classroom_id, WikiPage.title, WikiPage.slug, WikiPage.locked,
                        WikiPage.deleted_at),)


def _pages(total: int, page: int, per_page: int) -> tuple[int, int]:
    """(page clamped to the range, number of pages)."""
    pages = max(1, math.ceil(total / per_page))
    return min(max(page, 1), pages), pages


def history(page: WikiPage, number: int = 1, per_page: int = PER_PAGE) -> tuple[list[WikiRevision], int, int]:
    """(revisions newest first, page number, pages): one page of the history."""
    number, pages = _pages(page.revision_number, number, per_page)
    rows = db.session.scalars(
        select(WikiRevision).options(joinedload(WikiRevision.author), *_NO_TEXT)
        .where(WikiRevision.page_id == page.id).order_by(WikiRevision.number.desc())
        .limit(per_page).offset((number - 1) * per_page))
    return list(rows), number, pages


def get_revision(page: WikiPage, number: int) -> WikiRevision:
    """Revision ``number`` of the page, or 404."""
    revision = db.session.scalar(select(WikiRevision).options(joinedload(WikiRevision.author))
                                 .where(WikiRevision.page_id == page.id, WikiRevision.number == number))
    if revision is None:
        abort(404)
    return revision


def recent_changes(classroom: Classroom, number: int = 1, per_page: int = PER_PAGE):
    """(rows of (revision, page), page number, pages): every save in the class, newest first."""
    where = (WikiPage.classroom_id == classroom.id, WikiPage.deleted_at.is_(None))
    total = db.session.scalar(select(func.count(WikiRevision.id)).join(WikiPage, WikiPage.id == WikiRevision.page_id)
                              .where(*where))
    number, pages = _pages(total, number, per_page)
    rows = db.session.execute(
        select(WikiRevision, WikiPage).join(WikiPage, WikiPage.id == WikiRevision.page_id)
        .options(joinedload(WikiRevision.author), *_NO_TEXT, *_PAGE_NAME).where(*where)
        .order_by(WikiRevision.created_at.desc(), WikiRevision.id.desc())
        .limit(per_page).offset((number - 1) * per_page)).all()
    return [(r, p) for r, p in rows], number, pages


def index(classroom: Classroom) -> list[tuple[str, list[WikiPage]]]:
    """Live pages A–Z, grouped by first letter: [("A", [...]), ("B", [...]), ...]."""
    pages = db.session.scalars(select(WikiPage).options(*_PAGE_NAME).where(WikiPage.classroom_id == classroom.id,
                                                                           WikiPage.deleted_at.is_(None)))
    groups: dict[str, list[WikiPage]] = {}
    for page in sorted(pages, key=lambda p: p.title.casefold()):
        first = page.title[:1].upper()
        groups.setdefault(first if first.isalpha() else "#", []).append(page)
    return sorted(groups.items(), key=lambda kv: (kv[0] == "#", kv[0]))


def deleted_pages(classroom: Classroom) -> list[WikiPage]:
    """Pages a teacher deleted, most recently deleted first."""
    return list(db.session.scalars(select(WikiPage).options(*_PAGE_NAME).where(WikiPage.classroom_id == classroom.id,
                                                          WikiPage.deleted_at.is_not(None))
                                   .order_by(WikiPage.deleted_at.desc())))


def links_here(page: WikiPage) -> list[WikiPage]:
    """Live pages of the class that link to this page (by its slug or an old one), A–Z."""
    slugs = select(WikiRedirect.old_slug).where(WikiRedirect.page_id == page.id)
    rows = db.session.scalars(
        select(WikiPage).options(*_PAGE_NAME).join(WikiLink, WikiLink.page_id == WikiPage.id)
        .where(WikiPage.classroom_id == page.classroom_id, WikiPage.deleted_at.is_(None), WikiPage.id != page.id,
               (WikiLink.target_slug == page.slug) | WikiLink.target_slug.in_(slugs)).distinct())
    return sorted(rows, key=lambda p: p.title.casefold())
