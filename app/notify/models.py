"""E-mail choices of each user, and what reminders were sent.

A user without a row has the defaults (``app.mail.rules.DEFAULTS``): rows are written only
when someone changes a choice or gets a digest. All date-times are naive UTC.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from app import clock
from app.extensions import db


class EmailChoice(db.Model):
    """One user's right-away e-mails for one class: which kinds they want (True: send)."""

    __tablename__ = "email_choice"

    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), primary_key=True)
    classroom_id: Mapped[int] = mapped_column(ForeignKey("classroom.id", ondelete="CASCADE"), primary_key=True,
                                              index=True)
    #: A reply to my post.
    reply: Mapped[bool] = mapped_column(default=True)
    #: Someone wrote @My Name.
    mention: Mapped[bool] = mapped_column(default=True)
    #: My reflection's grade was released.
    grade: Mapped[bool] = mapped_column(default=True)
    #: My reflection came back for me to change.
    returned: Mapped[bool] = mapped_column(default=True)
    #: Someone reported a post (teachers only).
    report: Mapped[bool] = mapped_column(default=True)
    #: The day before a due time, when I have not met a requirement yet.
    reminder: Mapped[bool] = mapped_column(default=True)
    #: A discussion opens.
    opened: Mapped[bool] = mapped_column(default=True)


class DigestChoice(db.Model):
    """How often a user gets the digest of their classes, and when the last one was written."""

    __tablename__ = "digest_choice"
    #: The hourly run looks for due users in this order.
    __table_args__ = (Index("ix_digest_choice_due", "frequency", "last_digest_at"),)

    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), primary_key=True)
    #: "daily", "weekly" or "never".
    frequency: Mapped[str] = mapped_column(String(10), default="weekly")
    #: When the last digest covered up to (None: never had one; the account's creation counts).
    last_digest_at: Mapped[datetime | None] = mapped_column(default=None)


class ReminderSent(db.Model):
    """A reminder that was written for one student and one prompt, so it goes once.

    ``what``: "first_post_due", "replies_due" (the day before that due time) or "opened"."""

    __tablename__ = "reminder_sent"

    prompt_id: Mapped[int] = mapped_column(ForeignKey("prompt.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), primary_key=True, index=True)
    what: Mapped[str] = mapped_column(String(20), primary_key=True)
    #: The due time it was about.
    due_at: Mapped[datetime | None] = mapped_column(default=None)
    sent_at: Mapped[datetime] = mapped_column(default=clock.now)
