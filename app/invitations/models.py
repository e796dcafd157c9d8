"""An invitation to join a class, sent to one e-mail address.

Only the SHA-256 of the link's token is stored (like ``app.auth.tokens``). "Send again"
makes a new token, so the newest e-mail's link is the one that works. One row per class
and address: an address is never invited twice at once, and inviting it again after the
link expired reuses the row.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app import clock
from app.auth.models import User
from app.extensions import db


class Invitation(db.Model):
    """A teacher invited ``email`` to a class; pending until used (``accepted_at``) or expired."""

    __table_args__ = (UniqueConstraint("classroom_id", "email"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    classroom_id: Mapped[int] = mapped_column(ForeignKey("classroom.id", ondelete="CASCADE"))
    #: Lower-case, as accounts store it.
    email: Mapped[str] = mapped_column(String(254))
    #: The name from the teacher's list ("" if none): it fills in the registration form.
    name: Mapped[str] = mapped_column(String(60), default="")
    #: Hex SHA-256 of the token in the newest e-mail's link.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    invited_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=clock.now)
    #: When the newest e-mail was written, and how many were written in all.
    sent_at: Mapped[datetime] = mapped_column(default=clock.now)
    send_count: Mapped[int] = mapped_column(default=1)
    expires_at: Mapped[datetime] = mapped_column()
    #: When the link was used, and by whom (None: still pending).
    accepted_at: Mapped[datetime | None] = mapped_column(default=None)
    accepted_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"), index=True)

    invited_by: Mapped[User | None] = relationship(foreign_keys=[invited_by_id], lazy="raise")
