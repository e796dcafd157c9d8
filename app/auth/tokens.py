"""One-time links: make one, check one, use one (at most once).

The link carries a random token (43 URL-safe characters, 256 bits); the database keeps
only its SHA-256, so the links cannot be read back from the database. ``use`` marks the
token used with one ``UPDATE … WHERE used_at IS NULL AND expires_at > now RETURNING``,
so two clicks at once (or two browsers) cannot both use it.
"""
from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from sqlalchemy import delete, select, update

from app import clock
from app.extensions import db

from .models import AccountToken, TokenPurpose, User

#: How long each kind of link works.
LIFETIME = {
    TokenPurpose.RESET: timedelta(hours=1),
    TokenPurpose.CONFIRM: timedelta(days=7),
    TokenPurpose.NEW_EMAIL: timedelta(days=7),
}
#: Longer than any token we make; longer input is not looked up.
MAX_TOKEN_LENGTH = 100


def digest(token: str) -> str:
    """The SHA-256 (hex) that is stored for ``token``."""
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def issue(user: User, purpose: str, *, email: str = "", made_by: User | None = None) -> tuple[str, AccountToken]:
    """A new token for ``user``: returns the token for the link (never stored) and its row."""
    token = secrets.token_urlsafe(32)
    row = AccountToken(
        user_id=user.id, purpose=purpose, token_hash=digest(token), email=email,
        made_by_id=made_by.id if made_by else None, expires_at=clock.now() + LIFETIME[purpose],
    )
    db.session.add(row)
    db.session.flush()
    return token, row


def find_valid(purpose: str, token: str) -> AccountToken | None:
    """The unused, unexpired token row for ``token``, or None (it is not used up)."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    return db.session.scalar(
        select(AccountToken).where(
            AccountToken.token_hash == digest(token), AccountToken.purpose == purpose,
            AccountToken.used_at.is_(None), AccountToken.expires_at > clock.now(),
        )
    )


def use(purpose: str, token: str) -> AccountToken | None:
    """Use ``token`` up: its row if it was valid, else None. Atomic: only one caller gets the row."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    now = clock.now()
    used_id = db.session.execute(
        update(AccountToken)
        .where(
            AccountToken.token_hash == digest(token), AccountToken.purpose == purpose,
            AccountToken.used_at.is_(None), AccountToken.expires_at > now,
        )
        .values(used_at=now)
        .returning(AccountToken.id)
        .execution_options(synchronize_session=False)
    ).scalar_one_or_none()
    return db.session.get(AccountToken, used_id, populate_existing=True) if used_id else None


def cancel(user: User, purpose: str) -> None:
    """Forget every unused token of ``user`` for ``purpose`` (after a password change: old reset links stop)."""
    db.session.execute(
        delete(AccountToken)
        .where(AccountToken.user_id == user.id, AccountToken.purpose == purpose, AccountToken.used_at.is_(None))
        .execution_options(synchronize_session=False)
    )


#: Used or expired links are deleted after this long (``forget_old``, daily).
KEEP_OLD = timedelta(days=30)


def forget_old() -> int:
    """Delete links that expired more than ``KEEP_OLD`` ago; returns how many."""
    result = db.session.execute(
        delete(AccountToken).where(AccountToken.expires_at < clock.now() - KEEP_OLD)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount or 0
