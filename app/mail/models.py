"""The outbox: every e-mail the app means to send, and what became of it."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app import clock
from app.extensions import db


class OutboxEmail(db.Model):
    """One e-mail to one address, written in the same transaction as the change that causes it.

    A row is *due* while ``next_attempt_at`` is set and past. A worker claims due rows by
    moving ``next_attempt_at`` a lease ahead (``outbox.claim``), so a second worker skips
    them; then it records ``sent_at`` (and clears ``next_attempt_at``), or the error and
    the time of the next try, or gives up (``failed_at``) after the last attempt.
    """

    __tablename__ = "outbox"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: What the e-mail is for ("password_reset", "confirm_email", ...).
    kind: Mapped[str] = mapped_column(String(40))
    #: The account it is about (None when the account was deleted).
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"), index=True, default=None)
    #: Indexed: "was one sent to this address lately?" (``outbox.sent_recently``).
    to_address: Mapped[str] = mapped_column(String(254), index=True)
    subject: Mapped[str] = mapped_column(String(200))
    text_body: Mapped[str] = mapped_column(Text)
    html_body: Mapped[str] = mapped_column(Text)
    #: The same Message-ID on every attempt, so a mail server can drop a repeat.
    message_id: Mapped[str] = mapped_column(String(200))
    #: The body holds a one-time link: it is emptied once sent (or given up), except for
    #: the development outbox.
    secret: Mapped[bool] = mapped_column(default=False)
    #: Extra headers as JSON ("{}" for none): ``List-Unsubscribe`` and ``List-Unsubscribe-Post``.
    headers: Mapped[str] = mapped_column(Text, default="{}", server_default="{}")
    created_at: Mapped[datetime] = mapped_column(default=clock.now)
    #: When a worker may (next) try to send it; None once sent or given up.
    next_attempt_at: Mapped[datetime | None] = mapped_column(default=clock.now, index=True)
    #: How many times a worker took it to send.
    attempts: Mapped[int] = mapped_column(default=0)
    sent_at: Mapped[datetime | None] = mapped_column(default=None)
    #: When we stopped trying (the last attempt failed, or the server refused the address).
    failed_at: Mapped[datetime | None] = mapped_column(default=None)
    #: The last attempt's error, "" if none.
    last_error: Mapped[str] = mapped_column(String(500), default="")

    @property
    def status(self) -> str:
        """"sent", "failed" or "waiting"."""
        if self.sent_at is not None:
            return "sent"
        if self.failed_at is not None:
            return "failed"
        return "waiting"
