"""Jinja filters: dates people can read, with machine-readable values."""
from __future__ import annotations

from datetime import datetime

from flask import Flask
from markupsafe import Markup, escape

from app import clock


def human_time(moment: datetime) -> str:
    """"just now", "5 minutes ago", "yesterday at 14:00", "3 March 2026"."""
    delta = clock.now() - moment
    seconds = delta.total_seconds()
    if seconds < 60:
        return "just now"
    if seconds < 3600:
        minutes = int(seconds // 60)
        return f"{minutes} minute{'s' if minutes != 1 else ''} ago"
    days = (clock.now().date() - moment.date()).days
    if days == 0:
        return f"today at {moment:%H:%M}"
    if days == 1:
        return f"yesterday at {moment:%H:%M}"
    return f"{moment.day} {moment:%B %Y}"


def time_tag(moment: datetime | None) -> Markup:
    """A ``<time>`` element: machine-readable UTC plus the human form."""
    if moment is None:
        return Markup("")
    iso = moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    return Markup(f'<time datetime="{iso}" title="{iso} UTC">{escape(human_time(moment))}</time>')


def register_filters(app: Flask) -> None:
    app.jinja_env.filters["time"] = time_tag
