"""Rate limits on what guesses passwords or costs work (issue 13.5).

Each limit is a config key holding the ``limits`` notation, for example
``LOGIN_LIMIT_PER_ACCOUNT = "50 per hour"``, and is counted for a key (an account, an
address, a user). Views call ``hit`` where they decide what counts (only a wrong
password counts towards the login limits) and, when it says to wait, answer with the
form, the text kept and a message saying when to try again (``in_words``).

The counts live in ``RATELIMIT_STORAGE_URI``: ``memory://`` counts per worker, so with
several workers or instances use Redis (``redis://…``), which they all share. Each app
has its own storage connection (``register``). If that storage fails, the request goes
on without a limit (and the error is logged): a broken Redis must not stop logins.
Windows move (``MovingWindowRateLimiter``): "5 per minute" means at most 5 in any 60 s.
"""
from __future__ import annotations

import hashlib
import math
import time
from collections.abc import Callable
from functools import wraps

from flask import Flask, current_app, request
from flask_login import current_user
from limits import parse_many
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter

_EXTENSION = "roundtable.throttle"


def register(app: Flask) -> None:
    """Connect this app to its counting storage (only when ``RATELIMIT_ENABLED``)."""
    if app.config["RATELIMIT_ENABLED"]:
        app.extensions[_EXTENSION] = MovingWindowRateLimiter(storage_from_string(app.config["RATELIMIT_STORAGE_URI"]))


def address() -> str:
    """The client's address (behind ``TRUSTED_PROXIES`` proxies, the one they report)."""
    return request.remote_addr or "unknown"


def user_key() -> str:
    """The logged-in user, or the address for a visitor."""
    return f"user:{current_user.id}" if current_user.is_authenticated else f"address:{address()}"


def _identifiers(name: str, key: tuple[str, ...]) -> tuple[str, ...]:
    # Hashed: Redis never holds an email in clear, and a long email makes no long key.
    digest = hashlib.sha256("\x1f".join(key).encode()).hexdigest()[:32]
    return current_app.config["RATELIMIT_KEY_PREFIX"], name, digest


def _counted(name: str, key: tuple[str, ...], count: bool) -> int:
    limiter = current_app.extensions.get(_EXTENSION)
    if limiter is None:
        return 0
    identifiers = _identifiers(name, key)
    wait = 0
    try:
        for item in parse_many(current_app.config[name]):
            allowed = limiter.hit(item, *identifiers) if count else limiter.test(item, *identifiers)
            if not allowed:
                reset, _ = limiter.get_window_stats(item, *identifiers)
                wait = max(wait, math.ceil(reset - time.time()), 1)
    except Exception:  # noqa: BLE001 - the storage is down: no limit rather than no site
        current_app.logger.exception("rate limit %s could not be counted", name)
        return 0
    return wait


def hit(name: str, *key: str) -> int:
    """Count one try against limit ``name`` for ``key``; the seconds to wait when that was too many, else 0."""
    return _counted(name, key, count=True)


def wait(name: str, *key: str) -> int:
    """The seconds to wait before limit ``name`` allows one more try for ``key`` (0: now); counts nothing."""
    return _counted(name, key, count=False)


def hit_per_user_and_address(name: str) -> int:
    """Count one try against ``NAME_PER_USER`` (the user, or the address for a visitor) and
    ``NAME_PER_ADDRESS``; the longer wait if either was too many, else 0."""
    return max(hit(f"{name}_PER_USER", user_key()), hit(f"{name}_PER_ADDRESS", address()))


def in_words(seconds: int) -> str:
    """"30 seconds", "1 minute", "12 minutes", "2 hours" (rounded up)."""
    if seconds < 60:
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    minutes = math.ceil(seconds / 60)
    if minutes < 60:
        return f"{minutes} minute{'s' if minutes != 1 else ''}"
    hours = math.ceil(minutes / 60)
    return f"{hours} hour{'s' if hours != 1 else ''}"


def too_fast_message(seconds: int) -> str:
    """What a writer reads when a limit on saving, searching or previewing is reached."""
    return f"You are going very fast. Please wait {in_words(seconds)}, then try again."


def limited(name: str, answer: Callable[[int], object]) -> Callable[[Callable], Callable]:
    """View decorator: ``hit_per_user_and_address(name)`` first; when it says to wait,
    the view does not run and ``answer(seconds)`` is the response (with Retry-After)."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(*args, **kwargs):
            seconds = hit_per_user_and_address(name)
            if seconds:
                response = current_app.make_response(answer(seconds))
                response.headers["Retry-After"] = str(seconds)
                return response
            return view(*args, **kwargs)

        return wrapped

    return decorator
