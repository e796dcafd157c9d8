"""Re-render stored text: each feature registers the models that hold text."""
from __future__ import annotations

from collections.abc import Callable

from app.extensions import db

#: name -> (model, source attribute, html attribute, profile)
RENDERED: dict[str, tuple[type, str, str, str]] = {}


def register(name: str, model: type, source: str = "source", html: str = "html", profile: str = "post") -> None:
    """Declare that ``model.html`` is ``render(model.source, profile)``."""
    RENDERED[name] = (model, source, html, profile)


def rerender_all(render: Callable[[str, str], str] | None = None) -> dict[str, int]:
    """Render every registered row again; returns counts by name."""
    if render is None:
        from app.content import render
    counts = {}
    for name, (model, source, html, profile) in RENDERED.items():
        n = 0
        for row in db.session.scalars(db.select(model)).yield_per(500):
            setattr(row, html, render(getattr(row, source), profile))
            n += 1
        counts[name] = n
    return counts
