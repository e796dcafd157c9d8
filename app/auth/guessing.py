"""Password guessing: how many wrong passwords are accepted before a login must wait.

Only a wrong password counts, towards three limits (config, ``app.throttle``): for the
account from this address (``LOGIN_LIMIT_PER_ACCOUNT_ADDRESS``: someone guessing
elsewhere does not lock the owner out), for the account from anywhere
(``LOGIN_LIMIT_PER_ACCOUNT``: slower, against guessing spread over many addresses) and
for the address whatever the account (``LOGIN_LIMIT_PER_ADDRESS``). While one of them
is used up, no password is checked, not even the right one, and the login form says
how long to wait.
"""
from __future__ import annotations

from app import throttle

from .models import User
from .services import authenticate, normalise_email


def _limits(email: str) -> list[tuple[str, tuple[str, ...]]]:
    account, here = normalise_email(email), throttle.address()
    return [("LOGIN_LIMIT_PER_ACCOUNT_ADDRESS", (account, here)), ("LOGIN_LIMIT_PER_ACCOUNT", (account,)),
            ("LOGIN_LIMIT_PER_ADDRESS", (here,))]


def check_password(email: str, password: str) -> tuple[User | None, int]:
    """``(user, 0)`` if the password is right; ``(None, 0)`` if it is wrong (and counted);
    ``(None, seconds)`` while a limit is used up (no password is checked)."""
    limits = _limits(email)
    wait = max(throttle.wait(name, *key) for name, key in limits)
    if wait:
        return None, wait
    user = authenticate(email, password)
    if user is None:
        for name, key in limits:
            throttle.hit(name, *key)
    return user, 0


def wait_message(seconds: int) -> str:
    """What the login form says while the limit holds."""
    return f"Too many wrong passwords. Please wait {throttle.in_words(seconds)}, then try again."
