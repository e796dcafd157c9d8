"""Time zones: the list people choose from, conversions, and the zone a page shows times in.

Times are stored as naive UTC. A user's own zone (``User.time_zone``, found
by the browser at registration and changeable in account settings) decides
how times are shown to them; a prompt's zone is only the fallback for
someone who has not chosen one.
"""
from __future__ import annotations

from datetime import UTC, datetime
from functools import cache
from zoneinfo import ZoneInfo, available_timezones

from flask import has_request_context, request
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

#: Where ``viewer_zone`` keeps its answer for the rest of the request.
_CACHE = "roundtable.viewer_zone"
_REGIONS = ("Africa/", "America/", "Antarctica/", "Asia/", "Atlantic/", "Australia/", "Europe/", "Indian/", "Pacific/")


@cache
def names() -> tuple[str, ...]:
    """Every place-named zone ("Europe/London"), after UTC."""
    return ("UTC",) + tuple(sorted(z for z in available_timezones() if z.startswith(_REGIONS)))


def is_valid(zone: str | None) -> bool:
    return bool(zone) and zone in names()


def label(zone: str) -> str:
    return zone.replace("_", " ")


def zone_choices() -> list[SelectChoice]:
    return [SelectChoice(z, label(z)) for z in names()]


def viewer_zone(fallback: str = "UTC") -> str:
    """The logged-in user's own zone; ``fallback`` when they have none (or outside a request).

    Read once per request (a page may show hundreds of times)."""
    if not has_request_context():
        return fallback
    zone = request.environ.get(_CACHE)
    if zone is None:
        zone = request.environ[_CACHE] = (current_user.is_authenticated and getattr(current_user, "time_zone", "")) or ""
    return zone or fallback


def to_utc(local: datetime | None, zone: str) -> datetime | None:
    """A naive local time in ``zone`` as naive UTC (as stored)."""
    if local is None:
        return None
    return local.replace(tzinfo=ZoneInfo(zone)).astimezone(UTC).replace(tzinfo=None)


def to_local(moment: datetime | None, zone: str) -> datetime | None:
    """A stored naive UTC time as a naive local time in ``zone``."""
    if moment is None:
        return None
    return moment.replace(tzinfo=UTC).astimezone(ZoneInfo(zone)).replace(tzinfo=None)
