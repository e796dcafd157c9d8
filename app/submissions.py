"""Double submission protection: the second POST of a form answers like the first.

Every ``OnceForm`` carries a random token. ``claim`` inserts it with
``INSERT … ON CONFLICT DO NOTHING`` in the request's one transaction (see
``app.unit_of_work``), wherever in the request it comes: the database's
primary key makes a repeat (double click, resubmission after a slow answer,
even two at once: the second insert waits for the first transaction) insert
nothing, and the repeat is answered with the first submission's result instead
of a copy. Nothing is rolled back, so the request's earlier work stays. The
token is committed with the rest of the request or not at all, so a failed
save can be sent again.

``save_once`` is the write-view skeleton built on it: claim, write, remember
where it led, redirect.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from flask import flash, redirect
from flask_login import current_user
from sqlalchemy import ForeignKey, String
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Mapped, mapped_column

from app import clock, unit_of_work
from app.drafts import services as drafts
from app.extensions import db


class Submission(db.Model):
    """A form token that has been used, and where its first submission led."""

    token: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    #: Where the first submission redirected (empty while it is running).
    result_url: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[datetime] = mapped_column(default=clock.now)


def claim(form) -> str | None:
    """Reserve the form's token: None for a first submission, else the first result's URL.

    Call it before the request's writes that must happen once."""
    token = (form.form_token.data or "")[:64]
    if not token:
        return None
    insert = (postgresql if db.session.get_bind().dialect.name == "postgresql" else sqlite).insert
    inserted = db.session.execute(  # RETURNING, not rowcount: the ORM does not pass rowcount on
        insert(Submission).values(token=token, user_id=current_user.id, result_url="", created_at=clock.now())
        .on_conflict_do_nothing(index_elements=["token"]).returning(Submission.token)
    ).scalar_one_or_none()
    if inserted is not None:
        return None
    first = db.session.get(Submission, token)
    if first is None or first.user_id != current_user.id:
        return None
    return first.result_url or "."


def remember_result(form, url: str) -> None:
    """Record where the first submission led (before the request commits)."""
    token = (form.form_token.data or "")[:64]
    row = db.session.get(Submission, token) if token else None
    if row is not None:
        row.result_url = url[:500]


def save_once(form, write: Callable[[], str | None], message: str | None = None):
    """The write view's skeleton: claim the token, ``write()``, remember its URL, flash, redirect.

    ``write`` does the work and returns the URL to go to, or None when it refused (the
    form shows its errors): then the request's work and the token are discarded, so
    the next try counts, and ``save_once`` returns None for the view to show the form.
    A repeat of a saved form redirects to where the first one led.

    The form's server draft (``app.drafts``) goes with the save, in the same transaction;
    if ``write`` refuses, or the request fails after it (an error, a commit that fails),
    the text is kept as the draft instead."""
    done = claim(form)
    if done:
        return redirect(done)
    drafts.keep_if_lost(form)
    url = write()
    if url is None:
        unit_of_work.discard()
        drafts.keep(form)
        return None
    drafts.forget(form)
    remember_result(form, url)
    if message:
        flash(message, "success")
    return redirect(url)
