"""Password rules: length and the list of common passwords."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

MIN_LENGTH = 8
_LIST = Path(__file__).resolve().parent.parent / "data" / "common_passwords.txt"


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    """The 1,000 most common passwords, lower-case."""
    lines = _LIST.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line and not line.startswith("#"))


def password_problem(password: str) -> str | None:
    """Return a plain-English reason the password is too weak, or None."""
    if len(password) < MIN_LENGTH:
        return f"Use at least {MIN_LENGTH} characters."
    if password.lower() in common_passwords():
        return "Many people use this password, so it is easy to guess. Please choose another one."
    return None
