"""Jinja filters: dates people can read, with machine-readable values."""
from __future__ import annotations

from datetime import datetime

from flask import Flask
from markupsafe import Markup, escape

from app import clock
from app.timezones import label, to_local, viewer_zone


def human_time(moment: datetime, zone: str = "UTC", local: datetime | None = None) -> str:
    """"just now", "5 minutes ago", "yesterday at 14:00", "3 March 2026" (days and hours in ``zone``;
    ``local`` is ``moment`` already in ``zone``, when the caller has it)."""
    now = clock.now()
    seconds = (now - moment).total_seconds()
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


def moment_tag(moment: datetime | None) -> Markup:
    """A ``<time>`` element with the date and time in the viewer's zone: "3 Dec 2026, 14:05"."""
    if moment is None:
        return Markup("")
    local = to_local(moment, viewer_zone())
    return Markup(f'<time datetime="{iso(moment)}">{local.day} {local:%b %Y, %H:%M}</time>')


def register_filters(app: Flask) -> None:
    app.jinja_env.filters["time"] = time_tag
    app.jinja_env.filters["moment"] = moment_tag
    app.jinja_env.filters["iso"] = iso
