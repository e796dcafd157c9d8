"""Keeping, giving back and forgetting drafts.

The server keeps at most one draft per user and place (``Draft``), written:

- while the user types (the editor's autosave posts to ``drafts.autosave``);
- when a form comes back unsaved (``keep``: its checks failed, or it was refused);
- when a save fails with an error (``keep_if_lost``: after the rollback).

A form that names its place (``TextForm(draft=...)`` in ``app.writing``) gets the draft
back when its page opens (``restore``), on any device; ``submissions.save_once``
forgets it once the text is saved (``forget``). Every write checks the key with
``registry.resolve``, so a draft is only ever kept where the user may write.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask import abort
from flask_login import current_user
from sqlalchemy import delete, func, select
from sqlalchemy.dialects import postgresql, sqlite

from app import clock, unit_of_work
from app.classes.models import Classroom
from app.extensions import db

from . import registry
from .models import Draft

#: "Your drafts" lists this many, newest first.
LIST_LIMIT = 100
#: The list shows the start of each text.
EXCERPT_CHARS = 160


class TooLong(ValueError):
    """The text is longer than its form allows."""


def _store(user_id: int, target: registry.Target, key: str, text: str) -> None:
    """Insert or replace the user's draft for the target's place (one statement). NUL characters
    are dropped: PostgreSQL cannot store them in text, and nobody types them."""
    text = text.replace("\x00", "")
    insert = (postgresql if db.session.get_bind().dialect.name == "postgresql" else sqlite).insert
    values = {"classroom_id": target.class_id, "key": key, "text": text, "saved_at": clock.now()}
    db.session.execute(insert(Draft).values(user_id=user_id, place=target.place, **values)
                       .on_conflict_do_update(index_elements=["user_id", "place"], set_=values))


def forget_place(user_id: int, place: str) -> None:
    """Delete the user's draft for ``place``, if any."""
    db.session.execute(delete(Draft).where(Draft.user_id == user_id, Draft.place == place))


def autosave(user, key: str, text: str) -> registry.Target | None:
    """Keep ``text`` as the user's draft for ``key`` (empty text deletes it). None when the key is
    unknown or not the user's to write at (nothing is stored); ``TooLong`` past the form's limit."""
    target = registry.resolve(user, key)
    if target is None:
        return None
    text = text.replace("\x00", "")
    if len(text) > target.max_chars:
        raise TooLong(target.max_chars)
    if text.strip():
        _store(user.id, target, key, text)
    else:
        forget_place(user.id, target.place)
    return target


def find(user_id: int, place: str) -> Draft | None:
    return db.session.scalar(select(Draft).where(Draft.user_id == user_id, Draft.place == place))


def get_mine(user_id: int, draft_id: int) -> Draft:
    """The user's own draft, or 404 (another user's draft does not exist for them)."""
    draft = db.session.get(Draft, draft_id) if 0 < draft_id < 2**31 else None
    if draft is None or draft.user_id != user_id:
        abort(404)
    return draft


@dataclass(frozen=True)
class Listed:
    """One row of "Your drafts"."""

    id: int
    title: str
    class_name: str
    url: str
    saved_at: datetime
    excerpt: str


def mine(user) -> list[Listed]:
    """The user's drafts they may still write at, newest first (two queries plus one resolver
    call per kind of draft). Drafts of classes they left are not shown (nor deleted)."""
    rows = db.session.execute(
        select(Draft.id, Draft.key, Draft.saved_at, func.substr(Draft.text, 1, EXCERPT_CHARS + 1), Classroom.name)
        .join(Classroom, Classroom.id == Draft.classroom_id)
        .where(Draft.user_id == user.id).order_by(Draft.saved_at.desc(), Draft.id.desc()).limit(LIST_LIMIT)
    ).all()
    targets = registry.resolve_many(user, [row.key for row in rows])
    return [Listed(row.id, targets[row.key].title, row.name, targets[row.key].url, row.saved_at, _excerpt(row[3]))
            for row in rows if row.key in targets]


def _excerpt(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= EXCERPT_CHARS else text[:EXCERPT_CHARS].rsplit(" ", 1)[0] + " …"


def delete_draft(draft: Draft) -> None:
    db.session.delete(draft)


# -- forms (``app.writing.TextForm``, ``app.submissions.save_once``) -------------------------------

def restore(form) -> None:
    """Give the form the user's draft for its place when there is one with other text (one query)."""
    field = form.text_field()
    draft = find(current_user.id, form.draft_place)
    if field is not None and draft is not None and draft.text != (field.data or ""):
        form.use_draft(draft)


def _keep(user, key: str, text: str) -> bool:
    target = registry.resolve(user, key)
    if target is None or len(text) > target.max_chars:
        return False
    _store(user.id, target, key, text)
    return True


def _typed(form) -> tuple[str, str] | None:
    """The key and text of a form that names its place, when the user typed something."""
    field = form.text_field() if getattr(form, "draft_place", None) else None
    if field is None or not current_user.is_authenticated or not (field.data or "").strip():
        return None
    return form.draft_key, field.data


def keep(form) -> bool:
    """The form comes back unsaved (its checks failed, or it was refused): keep its text as a draft,
    also when the answer is an error (a refusal answers 409, which rolls the request back).
    True when it is kept (not for empty text, text over the limit or a place not the user's)."""
    typed = _typed(form)
    if not typed:
        return False
    user = current_user._get_current_object()
    if not _keep(user, *typed):
        return False
    unit_of_work.on_error(lambda: _keep(user, *typed))
    return True


def keep_if_lost(form) -> None:
    """If the save now being made fails (an error, a lost database), keep its text as a draft."""
    typed = _typed(form)
    if typed:
        user = current_user._get_current_object()
        unit_of_work.on_error(lambda: _keep(user, *typed))


def forget(form) -> None:
    """The form's text is saved: its draft goes (in the same transaction as the save)."""
    if getattr(form, "draft_place", None) and current_user.is_authenticated:
        forget_place(current_user.id, form.draft_place)
