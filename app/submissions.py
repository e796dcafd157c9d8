"""Double submission protection: the second POST of a form answers like the first.

Every ``OnceForm`` carries a random token. ``claim`` inserts it as the first
write of the request; the database's primary key makes a repeat (double
click, resubmission after a slow answer, even two at once) fail there, and the
repeat is answered with the first submission's result instead of a copy.
"""
from __future__ import annotations

from datetime import datetime

from flask_login import current_user
from sqlalchemy import ForeignKey, String
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column

from app import clock
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

    Call it before any other write of the request. On a repeat it rolls the
    session back.
    """
    token = (form.form_token.data or "")[:64]
    if not token:
        return None
    db.session.add(Submission(token=token, user_id=current_user.id))
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        first = db.session.get(Submission, token)
        if first is None or first.user_id != current_user.id:
            return None
        return first.result_url or "."
    return None


def remember_result(form, url: str) -> None:
    """Record where the first submission led (call before the commit)."""
    token = (form.form_token.data or "")[:64]
    row = db.session.get(Submission, token) if token else None
    if row is not None:
        row.result_url = url[:500]
