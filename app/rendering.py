"""Re-render stored text: each feature registers the models that hold text."""
from __future__ import annotations

from collections.abc import Callable

from app.extensions import db

#: name -> (model, source attribute or function of a row, html attribute, profile)
RENDERED: dict[str, tuple[type, str | Callable[[object], str], str, str]] = {}


def register(name: str, model: type, source: str | Callable[[object], str] = "source", html: str = "html",
             profile: str = "post") -> None:
    """Declare that ``model.html`` is ``render(model.source, profile)``; ``source`` may be a
    function of the row that gives the text to render (the wiki resolves its [[links]] first)."""
    RENDERED[name] = (model, source, html, profile)


#: name -> a function that renders what depends on the HTML again (after every row), returning a count.
AFTER: dict[str, Callable[[], int]] = {}


def after(name: str, again: Callable[[], int]) -> None:
    """Declare work that follows a re-render (corrections underline the new HTML again)."""
    AFTER[name] = again


def rerender_all(render: Callable[[str, str], str] | None = None) -> dict[str, int]:
    """Render every registered row again; returns counts by name."""
    if render is None:
        from app.content import render
    counts = {}
    for name, (model, source, html, profile) in RENDERED.items():
        n = 0
        for row in db.session.scalars(db.select(model)).yield_per(500):
            text = source(row) if callable(source) else getattr(row, source)
            setattr(row, html, render(text, profile))
            n += 1
        counts[name] = n
    db.session.flush()
    for name, again in AFTER.items():
        counts[name] = again()
    return counts
