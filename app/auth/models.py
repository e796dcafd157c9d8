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
