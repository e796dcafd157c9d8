"""Jinja filters: dates people can read, with machine-readable values."""
from __future__ import annotations

import math
from datetime import datetime
from functools import lru_cache

from flask import Flask, g, url_for
from markupsafe import Markup, escape

from app import clock
from app.timezones import label, to_local, viewer_zone


def human_time(moment: datetime, zone: str = "UTC", local: datetime | None = None) -> str:
    """"just now", "5 minutes ago", "yesterday at 14:00", "3 March 2026" (days and hours in ``zone``;
    ``local`` is ``moment`` already in ``zone``, when the caller has it). Times still to come:
    see ``coming``."""
    now = clock.now()
    seconds = (now - moment).total_seconds()
    if seconds < 0:
        return coming(moment, zone, local)
    if seconds < 60:
        return "just now"
    if seconds < 3600:
        minutes = int(seconds // 60)
        return f"{minutes} minute{'s' if minutes != 1 else ''} ago"
    moment, now = local or to_local(moment, zone), to_local(now, zone)
    days = (now.date() - moment.date()).days
    if days == 0:
        return f"today at {moment:%H:%M}"
    if days == 1:
        return f"yesterday at {moment:%H:%M}"
    return f"{moment.day} {moment:%B %Y}"


def coming(moment: datetime, zone: str = "UTC", local: datetime | None = None) -> str:
    """A time still to come: "in 5 minutes", "today at 18:34", "tomorrow at 09:00", "in 3 days".

    Minutes are rounded up, like the chat's countdown: 9 minutes 30 seconds is "in 10 minutes"."""
    minutes = math.ceil((moment - clock.now()).total_seconds() / 60)
    if minutes < 60:
        return f"in {max(minutes, 1)} minute{'s' if minutes > 1 else ''}"
    days = _days_between(clock.now(), local or to_local(moment, zone), zone)
    if days == 0:
        return f"today at {(local or to_local(moment, zone)):%H:%M}"
    if days == 1:
        return f"tomorrow at {(local or to_local(moment, zone)):%H:%M}"
    return f"in {days} days"


def _days_between(now: datetime, local: datetime, zone: str) -> int:
    """Calendar days from today (in ``zone``) to ``local``'s day: negative in the past."""
    return (local.date() - to_local(now, zone).date()).days


def short_date(local: datetime) -> str:
    """"Thu 3 Dec, 18:34" (with the year when it is not this year), for a time already in its zone."""
    year = f" {local.year}" if local.year != clock.now().year else ""
    return f"{local:%a} {local.day} {local:%b}{year}, {local:%H:%M}"


def when(moment: datetime, zone: str) -> str:
    """A deadline people read at a glance, in ``zone`` (the viewer's): "today at 18:34",
    "tomorrow at 09:00", "in 3 days · Thu 3 Dec, 18:34", "2 days ago · Mon 30 Nov, 18:34"."""
    local = to_local(moment, zone)
    days = _days_between(clock.now(), local, zone)
    if -1 <= days <= 1:
        return human_time(moment, zone, local)
    near = coming(moment, zone, local) if days > 0 else f"{-days} days ago"
    return f"{near} · {short_date(local)}"


def iso(moment: datetime | None) -> str:
    """Naive UTC as ISO 8601 with a Z ("2026-11-27T22:00:00Z"), for ``datetime`` attributes and scripts."""
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ") if moment else ""


def time_tag(moment: datetime | None) -> Markup:
    """A ``<time>`` element: machine-readable UTC plus the human form in the viewer's zone."""
    if moment is None:
        return Markup("")
    zone = viewer_zone()
    local = to_local(moment, zone)
    title = escape(f"{local:%Y-%m-%d %H:%M} {label(zone)}")
    return Markup(f'<time datetime="{iso(moment)}" title="{title}">{escape(human_time(moment, zone, local))}</time>')


def many(count: int, most: int = 99) -> str:
    """A count for a badge: "7", or "99+" past ``most`` (counts are capped where they are made)."""
    return f"{most}+" if count > most else str(count)


def initials(name: str) -> str:
    """"Ana Souza" → "AS", "Classmate 3" → "C3", "Yuki" → "Y": for the round avatar beside a name."""
    words = [w for w in name.split() if w[:1].isalnum()]
    return "".join(w[0] for w in words[:2]).upper() or "?"


def icon(name: str, extra_class: str = "") -> Markup:
    """A Lucide icon from the vendored sprite (static/vendor/lucide/), hidden from screen
    readers: it always stands beside a text label. A thread page draws hundreds: the
    sprite's address is built once per request and each icon's markup once per process."""
    sprite = g.get("_icon_sprite")
    if sprite is None:
        sprite = g._icon_sprite = url_for("static", filename="vendor/lucide/icons.svg")
    return _icon(sprite, name, extra_class)


@lru_cache(maxsize=512)
def _icon(sprite: str, name: str, extra_class: str) -> Markup:
    return Markup('<svg class="{}" aria-hidden="true" focusable="false"><use href="{}"></use></svg>').format(
        f"icon {extra_class}".strip(), f"{sprite}#{name}")


def moment_tag(moment: datetime | None) -> Markup:
    """A ``<time>`` element with the date and time in the viewer's zone: "3 Dec 2026, 14:05"."""
    if moment is None:
        return Markup("")
    local = to_local(moment, viewer_zone())
    return Markup(f'<time datetime="{iso(moment)}">{local.day} {local:%b %Y, %H:%M}</time>')


def duration(seconds: float | None) -> str:
    """A recording's length as a player shows it: "0:42", "2:05" (empty when unknown)."""
    if seconds is None:
        return ""
    whole = max(0, round(seconds))
    return f"{whole // 60}:{whole % 60:02d}"


def register_filters(app: Flask) -> None:
    app.jinja_env.filters["duration"] = duration
    app.jinja_env.filters["time"] = time_tag
    app.jinja_env.globals["icon"] = icon
    app.jinja_env.filters["initials"] = initials
    app.jinja_env.filters["many"] = many
    app.jinja_env.filters["moment"] = moment_tag
    app.jinja_env.filters["iso"] = iso
