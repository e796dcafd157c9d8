"""The wiki's services for pages: load, create, save (with three-way merge), rename, delete, lock.
Reading history is in ``history.py``, talk threads in ``talk.py``, ``[[links]]`` in ``links.py``.

Services add and flush; the request commits (app.unit_of_work). Rendering happens here, when a page is
saved; pages that link to a page that appears or disappears are rendered again.
"""
from __future__ import annotations

from dataclasses import dataclass

from flask import abort
from sqlalchemy import delete, insert, select
from sqlalchemy.orm import aliased

from app import clock, rendering
from app.auth.models import User
from app.classes.models import Classroom, Role
from app.content import render
from app.extensions import db
from app.hooks import class_created

from . import links
from .merge import MergeResult, merge
from .models import WikiLink, WikiPage, WikiRedirect, WikiRevision
from .slugs import clean_title, page_slug

HOME_TITLE = "Home"
HOME_TEXT = """Welcome to the class wiki! Everyone in the class can write here.

- Press **Edit this page** to change a page.
- Link to another page like this: [[Useful phrases]]. If the page does not exist yet, the link opens a form to make it.
- Every change is kept in the **history**, so nothing is lost.
"""


class TitleTaken(Exception):
    """Another page (maybe a deleted one) already has this slug. ``page`` is that page."""

    def __init__(self, page: WikiPage):
        super().__init__(page.slug)
        self.page = page


class EmptyTitle(Exception):
    """The title has no letter or number, so it cannot make a URL."""


@dataclass
class SaveResult:
    """What happened to an edit: ``saved`` (maybe ``merged``), or a ``conflict`` to resolve."""

    saved: bool
    merged: bool = False
    unchanged: bool = False
    conflict: MergeResult | None = None
    theirs: WikiRevision | None = None


# -- loading ------------------------------------------------------------------------

def find_page(classroom: Classroom, slug: str, *, deleted: bool = False) -> WikiPage | None:
    """The live page with this slug (or, with ``deleted=True``, any page), or None."""
    query = select(WikiPage).where(WikiPage.classroom_id == classroom.id, WikiPage.slug == slug)
    if not deleted:
        query = query.where(WikiPage.deleted_at.is_(None))
    return db.session.scalar(query)


def redirect_target(classroom: Classroom, slug: str) -> WikiPage | None:
    """The live page that an old slug now points to, or None."""
    return db.session.scalar(
        select(WikiPage).join(WikiRedirect, WikiRedirect.page_id == WikiPage.id)
        .where(WikiRedirect.classroom_id == classroom.id, WikiRedirect.old_slug == slug, WikiPage.deleted_at.is_(None)))


def get_page(classroom: Classroom, slug: str, *, deleted: bool = False) -> WikiPage:
    """The page of this class, or 404 (a page of another class is never found)."""
    page = find_page(classroom, slug, deleted=deleted)
    if page is None:
        abort(404)
    return page


def page_with_author(classroom: Classroom, slug: str) -> tuple[WikiPage, WikiRevision | None, User | None] | None:
    """The live page, its current revision and that revision's author, in one query."""
    author = aliased(User)
    row = db.session.execute(
        select(WikiPage, WikiRevision, author)
        .outerjoin(WikiRevision, WikiRevision.id == WikiPage.current_revision_id)
        .outerjoin(author, author.id == WikiRevision.author_id)
        .where(WikiPage.classroom_id == classroom.id, WikiPage.slug == slug, WikiPage.deleted_at.is_(None))
    ).first()
    return None if row is None else (row[0], row[1], row[2])


def home_slug(classroom: Classroom) -> str:
    """The slug of the class's home page."""
    return page_slug(HOME_TITLE)


# -- saving ---------------------------------------------------------------------------

def render_source(source: str, classroom_id: int) -> str:
    """A page's text (or an old version's) as HTML, its ``[[links]]`` resolved now."""
    return render(links.resolve_links(source, classroom_id), "wiki")


def _render(page: WikiPage) -> None:
    page.html = render_source(page.source, page.classroom_id)


def _store_links(page: WikiPage) -> None:
    db.session.execute(delete(WikiLink).where(WikiLink.page_id == page.id))
    wanted = links.targets(page.source)
    if wanted:
        db.session.execute(insert(WikiLink), [{"page_id": page.id, "target_slug": s} for s in sorted(wanted)])


def rerender_linking(classroom_id: int, slugs: set[str]) -> int:
    """Render again the pages of the class that link to any of ``slugs``; returns how many."""
    pages = db.session.scalars(
        select(WikiPage).join(WikiLink, WikiLink.page_id == WikiPage.id)
        .where(WikiPage.classroom_id == classroom_id, WikiLink.target_slug.in_(slugs)).distinct())
    n = 0
    for page in pages:
        _render(page)
        n += 1
    return n


def _add_revision(page: WikiPage, author_id: int | None, source: str, summary: str) -> WikiRevision:
    now = clock.now()
    source = source.replace("\r\n", "\n")  # browsers send CRLF; diffs and merges compare lines
    revision = WikiRevision(page_id=page.id, number=page.revision_number + 1, author_id=author_id,
                            source=source, summary=(summary or "").strip()[:200], title=page.title, created_at=now)
    db.session.add(revision)
    db.session.flush()
    page.current_revision_id, page.revision_number = revision.id, revision.number
    page.source, page.updated_at = source, now
    _render(page)
    _store_links(page)
    return revision


def check_title(classroom: Classroom, title: str, *, ignore: WikiPage | None = None) -> tuple[str, str]:
    """(clean title, slug). Raises EmptyTitle, or TitleTaken when another page has the slug."""
    title = clean_title(title)
    slug = page_slug(title)
    if not slug:
        raise EmptyTitle(title)
    other = find_page(classroom, slug, deleted=True)
    if other is not None and other is not ignore:
        raise TitleTaken(other)
    return title, slug


def create_page(classroom: Classroom, author, title: str, source: str, summary: str = "") -> WikiPage:
    """A new page with its first revision. Raises EmptyTitle or TitleTaken."""
    title, slug = check_title(classroom, title)
    now = clock.now()
    page = WikiPage(classroom_id=classroom.id, title=title, slug=slug, created_at=now, updated_at=now)
    db.session.add(page)
    db.session.flush()
    # The old slug of a renamed page may be this one: the new page takes it over.
    db.session.execute(delete(WikiRedirect).where(WikiRedirect.classroom_id == classroom.id, WikiRedirect.old_slug == slug))
    _add_revision(page, author.id if author else None, source, summary or "Made the page")
    rerender_linking(classroom.id, {slug})
    return page


def save_edit(page: WikiPage, author, base_revision_id: int | None, source: str, summary: str = "") -> SaveResult:
    """Save my text, made from revision ``base_revision_id``.

    When someone saved in between, the changes are merged against the base: saved
    when they do not overlap, else a conflict is returned and nothing is saved.
    """
    source = source.replace("\r\n", "\n")
    merged = False
    theirs = None
    if base_revision_id != page.current_revision_id:
        base = db.session.get(WikiRevision, base_revision_id) if base_revision_id else None
        base_text = base.source if base is not None and base.page_id == page.id else ""
        theirs = current_revision(page)
        result = merge(base_text, source, page.source)
        if result.conflicts:
            return SaveResult(saved=False, conflict=result, theirs=theirs)
        source, merged = result.text, True
    if source == page.source:
        return SaveResult(saved=False, unchanged=True, merged=merged, theirs=theirs)
    _add_revision(page, author.id, source, summary)
    return SaveResult(saved=True, merged=merged, theirs=theirs)


def current_revision(page: WikiPage) -> WikiRevision:
    """The page's newest revision, with its author."""
    from sqlalchemy.orm import joinedload

    return db.session.scalar(select(WikiRevision).options(joinedload(WikiRevision.author))
                             .where(WikiRevision.id == page.current_revision_id))


def rename(page: WikiPage, new_title: str, author) -> bool:
    """Give the page a new title (and slug); the old slug redirects. Raises EmptyTitle or TitleTaken.

    Returns False when nothing changed. History is kept: a revision notes the rename.
    """
    classroom = db.session.get(Classroom, page.classroom_id)
    title, slug = check_title(classroom, new_title, ignore=page)
    if title == page.title:
        return False
    old_slug, old_title = page.slug, page.title
    page.title = title
    if slug != old_slug:
        db.session.execute(delete(WikiRedirect).where(WikiRedirect.classroom_id == page.classroom_id,
                                                      WikiRedirect.old_slug.in_([slug, old_slug])))
        page.slug = slug
        db.session.add(WikiRedirect(classroom_id=page.classroom_id, old_slug=old_slug, page_id=page.id))
        db.session.flush()
    _add_revision(page, author.id, page.source, f"Changed the title from “{old_title}” to “{title}”")
    rerender_linking(page.classroom_id, {slug})
    return True


def revert(page: WikiPage, revision: WikiRevision, author) -> bool:
    """Make the text of an earlier revision the newest one (a new revision). False if already equal."""
    if revision.source == page.source:
        return False
    _add_revision(page, author.id, revision.source, f"Went back to version {revision.number}")
    return True


def set_deleted(page: WikiPage, deleted: bool) -> None:
    """Delete (hide, restorable) or restore a page; links to it change style."""
    page.deleted_at = clock.now() if deleted else None
    db.session.flush()
    rerender_linking(page.classroom_id, {page.slug} | set(db.session.scalars(
        select(WikiRedirect.old_slug).where(WikiRedirect.page_id == page.id))))


def set_locked(page: WikiPage, locked: bool) -> None:
    """Lock a page (only teachers edit it) or unlock it."""
    page.locked = locked


# -- the home page of a new class -------------------------------------------------------

def add_home_page(classroom: Classroom, **_) -> None:
    """Signal receiver: every new class gets a wiki home page, written by its teacher."""
    teacher = next((m.user_id for m in classroom.memberships if m.role == Role.TEACHER), None)
    author = db.session.get(User, teacher) if teacher else None
    create_page(classroom, author, HOME_TITLE, HOME_TEXT, "Made the wiki")


class_created.connect(add_home_page)
rendering.register("wiki pages", WikiPage, lambda page: links.resolve_links(page.source, page.classroom_id), "html",
                   "wiki")
