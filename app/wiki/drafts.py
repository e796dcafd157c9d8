"""The wiki's draft keys (``app.drafts.registry``): changes to a page, and new pages.

A page edit's key names the version the text started from (``wiki-edit-7-from-31``), like
the edit form's ``base_revision_id``: a draft given back later is saved with a merge of
what classmates changed since, never over it. The draft is kept under the page
(``wiki-edit-7``): one per user and page, whatever version it started from.
"""
from __future__ import annotations

from flask import url_for
from sqlalchemy import select

from app.drafts import registry
from app.extensions import db
from app.writing import limit_of

from .access import can_edit_page
from .forms import CreateForm, EditForm
from .models import WikiPage, WikiRevision

EDIT, NEW_PAGE = "wiki-edit", "wiki-new-page"


def edit_place(page_id: int) -> str:
    """Where the drafts of changes to a page are kept."""
    return f"{EDIT}-{page_id}"


@registry.kind(EDIT, rf"{registry.ID}-from-{registry.ID}")
def edits(user, args):
    """Changes to a live page this user may edit (the edit page's rules), from one of its versions."""
    pages = {page.id: page for page in db.session.scalars(
        select(WikiPage).where(WikiPage.id.in_({page_id for page_id, _ in args}), WikiPage.deleted_at.is_(None)))}
    versions = dict(db.session.execute(
        select(WikiRevision.id, WikiRevision.page_id).where(WikiRevision.id.in_({base for _, base in args}))).all())
    roles = registry.class_roles(user, {page.classroom_id for page in pages.values()})
    found = {}
    for page_id, base in args:
        page = pages.get(page_id)
        if page and versions.get(base) == page_id and page.classroom_id in roles and \
                can_edit_page(page, roles[page.classroom_id]):
            found[(page_id, base)] = registry.Target(
                page.classroom_id, f"Your changes to the wiki page “{page.title}”",
                url_for("wiki.edit", class_id=page.classroom_id, slug=page.slug), limit_of(EditForm),
                edit_place(page_id))
    return found


def new_page_place(class_id: int) -> str:
    """Where the draft of a new page of a class is kept."""
    return f"{NEW_PAGE}-{class_id}"


@registry.kind(NEW_PAGE)
def new_pages(user, args):
    """A new page: in a class this user is in."""
    roles = registry.class_roles(user, {class_id for class_id, in args})
    return {(class_id,): registry.Target(class_id, "Your new wiki page", url_for("wiki.create", class_id=class_id),
                                         limit_of(CreateForm), new_page_place(class_id))
            for class_id, in args if class_id in roles}
