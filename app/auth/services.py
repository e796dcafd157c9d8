"""Account logic, testable without HTTP. Services flush; the request commits (app.unit_of_work)."""
from __future__ import annotations

import secrets
from collections.abc import Callable
from functools import lru_cache

from flask import current_app, session
from flask_login import login_user, logout_user
from sqlalchemy import delete, func, select
from werkzeug.security import check_password_hash, generate_password_hash

from app import clock
from app.extensions import db
from app.inputs import clean
from app.timezones import is_valid as is_valid_zone

from . import tokens
from .models import LoginSession, TokenPurpose, User

SESSION_KEY = "sid"


class EmailTaken(Exception):
    """Someone already has an account with this email."""


def normalise_email(email: str) -> str:
    """Emails are compared without case and surrounding spaces."""
    return email.strip().lower()


def hash_method() -> str:
    """Werkzeug's scrypt by default; tests use a faster pbkdf2 setting."""
    return current_app.config.get("PASSWORD_HASH_METHOD", "scrypt")


def hash_password(password: str) -> str:
    """A new hash of ``password`` with ``hash_method()``."""
    return generate_password_hash(password, method=hash_method())


@lru_cache(maxsize=4)
def dummy_hash(method: str) -> str:
    """A hash made like real ones (same method and cost) to check when the email is unknown,
    so a wrong password costs the same time for an unknown email as for a real account."""
    return generate_password_hash(secrets.token_urlsafe(16), method=method)


def find_user_by_email(email: str) -> User | None:
    """The user with this email, or None."""
    return db.session.scalar(select(User).where(User.email == normalise_email(email)))


def register_user(email: str, display_name: str, password: str, *, is_admin: bool = False, time_zone: str = "",
                  email_confirmed: bool = False) -> User:
    """Create an account. Raises EmailTaken. An unknown ``time_zone`` is left empty.
    ``email_confirmed``: the address is known to work (demo data)."""
    if find_user_by_email(email) is not None:
        raise EmailTaken(email)
    user = User(
        email=normalise_email(email),
        display_name=display_name.strip(),
        password_hash=hash_password(password),
        is_admin=is_admin,
        time_zone=time_zone if is_valid_zone(time_zone) else "",
        email_confirmed_at=clock.now() if email_confirmed else None,
    )
    db.session.add(user)
    db.session.flush()
    return user


def create_account(email: str, display_name: str, password: str, *, time_zone: str, user_agent: str,
                   on_taken: Callable[[str], object], welcome: Callable[[User], object],
                   email_confirmed: bool = False) -> User | None:
    """Registration's work: a new account, logged in on this browser, then ``welcome(user)``
    (the confirmation e-mail). For an address that has an account: the same hashing work, nobody
    logged in, ``on_taken(email)`` (its owner is told), and None, so the answer looks the same."""
    try:
        user = register_user(email, display_name, password, time_zone=time_zone, email_confirmed=email_confirmed)
    except EmailTaken:
        hash_password(password)  # the same work as a new account, so the same time
        on_taken(normalise_email(email))
        return None
    start_session(user, user_agent)
    welcome(user)
    return user


def authenticate(email: str, password: str) -> User | None:
    """The user if email and password match, else None (same cost either way)."""
    user = find_user_by_email(email)
    if user is None:
        check_password_hash(dummy_hash(hash_method()), password)
        return None
    if not check_password_hash(user.password_hash, password):
        return None
    return user


def start_session(user: User, user_agent: str = "") -> LoginSession:
    """Log ``user`` in on this browser with a new, revocable session."""
    session.clear()
    row = LoginSession(id=secrets.token_urlsafe(32), user_id=user.id, user_agent=clean(user_agent)[:200])
    db.session.add(row)
    db.session.flush()
    login_user(user)
    session[SESSION_KEY] = row.id
    session.permanent = True
    return row


def end_session() -> None:
    """Log out this browser: its session row is deleted, so the cookie is dead."""
    sid = session.get(SESSION_KEY)
    if sid:
        db.session.execute(delete(LoginSession).where(LoginSession.id == sid))
    logout_user()
    session.clear()


def end_other_sessions(user: User) -> int:
    """Log ``user`` out everywhere but this browser; returns how many ended."""
    result = db.session.execute(
        delete(LoginSession).where(LoginSession.user_id == user.id, LoginSession.id != session.get(SESSION_KEY, ""))
    )
    return result.rowcount or 0


def find_session_user(user_id: str) -> User | None:
    """Flask-Login's loader: the user only while this browser's session row lives."""
    sid = session.get(SESSION_KEY)
    if not sid or not user_id.isdigit():
        return None
    return db.session.scalar(
        select(User).join(LoginSession, LoginSession.user_id == User.id).where(LoginSession.id == sid, User.id == int(user_id))
    )


def change_password(user: User, new_password: str) -> None:
    """Set a new password and end the user's other sessions (and unused reset links)."""
    user.password_hash = hash_password(new_password)
    tokens.cancel(user, TokenPurpose.RESET)
    end_other_sessions(user)


def end_all_sessions(user: User) -> int:
    """Log ``user`` out on every browser (a password reset); returns how many ended."""
    result = db.session.execute(delete(LoginSession).where(LoginSession.user_id == user.id))
    return result.rowcount or 0


def count_sessions(user: User) -> int:
    """How many browsers are logged in as ``user``."""
    return db.session.scalar(select(func.count()).select_from(LoginSession).where(LoginSession.user_id == user.id)) or 0
