"""Users and their login sessions."""
from __future__ import annotations

from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from app import clock
from app.extensions import db


class User(UserMixin, db.Model):
    """A person with an account: student, teacher, or both in different classes."""

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Stored lower-case; unique.
    email: Mapped[str] = mapped_column(String(254), unique=True)
    #: The name classmates see.
    display_name: Mapped[str] = mapped_column(String(60))
    password_hash: Mapped[str] = mapped_column(String(256))
    #: Site admins see every class.
    is_admin: Mapped[bool] = mapped_column(default=False)
    #: IANA zone times are shown in ("Asia/Tokyo"); "" until known (pages then use UTC or the prompt's zone).
    time_zone: Mapped[str] = mapped_column(String(50), default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(default=clock.now)
    #: When the owner opened the link we sent to ``email``; None until then (the account
    #: works anyway, but gets no notification e-mails: ``app.mail.rules``).
    email_confirmed_at: Mapped[datetime | None] = mapped_column(default=None)
    #: When the owner deleted the account (``app.mydata.deletion``): the row stays so that their
    #: posts, wiki edits and graded reflections keep an author ("Former student"); the address,
    #: the name and the password are gone.
    deleted_at: Mapped[datetime | None] = mapped_column(default=None)

    def __repr__(self) -> str:
        return f"<User {self.id} {self.email}>"


class LoginSession(db.Model):
    """One logged-in browser. Deleting the row ends that session at once.

    The signed session cookie only carries this row's random id, so logging
    out, changing the password or "log out everywhere" revoke cookies that a
    thief may have copied.
    """

    __tablename__ = "login_session"

    #: Random, URL-safe, 43 characters.
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=clock.now)
    #: A short description of the browser, to list sessions later.
    user_agent: Mapped[str] = mapped_column(String(200), default="")


class TokenPurpose:
    """What a one-time link does."""

    RESET = "reset"  #: choose a new password (1 hour)
    CONFIRM = "confirm"  #: confirm ``email`` (7 days)
    NEW_EMAIL = "new_email"  #: change the account's address to ``email`` (7 days)


class AccountToken(db.Model):
    """A one-time link sent by e-mail (or handed over by a teacher).

    Only the SHA-256 of the token is stored, so someone who reads the database cannot
    use the links. A token works once (``used_at``) and until ``expires_at``.
    """

    __tablename__ = "account_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    #: One of ``TokenPurpose``.
    purpose: Mapped[str] = mapped_column(String(20))
    #: Hex SHA-256 of the token in the link.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    #: The address the link was sent to ("" for a teacher's password link).
    email: Mapped[str] = mapped_column(String(254), default="")
    #: The teacher who made a password link for a student; None for links sent by e-mail.
    made_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"), default=None)
    created_at: Mapped[datetime] = mapped_column(default=clock.now)
    expires_at: Mapped[datetime] = mapped_column()
    used_at: Mapped[datetime | None] = mapped_column(default=None)
