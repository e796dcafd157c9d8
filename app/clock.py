"""The one place the app reads the time, so tests can move it."""
from __future__ import annotations

from datetime import UTC, datetime

_frozen: datetime | None = None


def now() -> datetime:
    """Return the current time in UTC (naive, as stored in the database)."""
    if _frozen is not None:
        return _frozen
    return datetime.now(UTC).replace(tzinfo=None)


def freeze(moment: datetime | None) -> None:
    """Pin ``now()`` to ``moment`` (naive UTC); ``None`` lets time run again."""
    global _frozen
    _frozen = moment
