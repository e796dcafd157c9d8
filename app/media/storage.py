"""Where files live: ``MEDIA_ROOT`` (default ``instance/media``), outside the static folder.

Names are made from the row's random key, spread over folders by its first two characters
(``ab/abc….m4a``); new uploads wait in ``incoming/`` while they are checked. Every
instance must see the same folder (README, Production).
"""
from __future__ import annotations

import secrets
from pathlib import Path

from flask import current_app

#: Uploads being checked; a file left here by a failed request is listed by media-check.
INCOMING = "incoming"


def root() -> Path:
    """The media folder (made when missing)."""
    path = Path(current_app.config["MEDIA_ROOT"])
    path.mkdir(parents=True, exist_ok=True)
    return path


def path_of(stored: str) -> Path:
    """The file on disk for a stored name (never outside the media folder)."""
    base = root().resolve()
    path = (base / stored).resolve()
    if base not in path.parents:
        raise ValueError(f"not a media name: {stored!r}")
    return path


def new_key() -> str:
    """A name nobody can guess (256 random bits)."""
    return secrets.token_urlsafe(32)


def name_for(key: str, suffix: str) -> str:
    """The stored name of a file with this key."""
    return f"{key[:2]}/{key}{suffix}"


def incoming_path() -> Path:
    """A new, empty place for an upload being checked."""
    folder = root() / INCOMING
    folder.mkdir(exist_ok=True)
    return folder / secrets.token_urlsafe(16)


def place(source: Path, stored: str) -> Path:
    """Move a checked upload to its stored name."""
    target = path_of(stored)
    target.parent.mkdir(parents=True, exist_ok=True)
    source.replace(target)
    return target


def remove(stored: str) -> None:
    """Delete a stored file (nothing when it is gone already)."""
    path_of(stored).unlink(missing_ok=True)


def every_stored_name() -> list[str]:
    """The names of every file under the media folder (media-check compares them with the rows)."""
    base = root()
    return sorted(str(p.relative_to(base)) for p in base.rglob("*") if p.is_file())
