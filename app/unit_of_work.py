"""One unit of work per request: the request commits once, here, or not at all.

Views and services add and flush; nobody else commits (the CLI commands do,
being their own unit of work). When the view's answer is not an error (below
400), the session is committed after the view returns; an error answer (4xx,
5xx) or an exception rolls everything back. A view that answers normally but
must not keep what it did (a form shown again after a service refused it)
calls ``discard()``.

A failed commit (a lost database, a full disk) raises here, after the view, so
Flask answers with the error page instead of the view's success.

What must be kept even when the request fails (the text of a save that failed, as
a draft: ``app.drafts``) is registered with ``on_error``: after the rollback of an
error answer it runs alone, in its own transaction, and a failure there is logged,
never shown (the error page already holds the text).
"""
from __future__ import annotations

from collections.abc import Callable

from flask import Flask, Response, current_app, g

from app.extensions import db


def discard() -> None:
    """Forget every change of this request so far (the answer is still sent)."""
    db.session.rollback()


def on_error(write: Callable[[], None]) -> None:
    """Run ``write()`` if this request ends with an error answer, after its work is rolled back."""
    g.setdefault("_on_error", []).append(write)


def _run_alone(writes: list[Callable[[], None]]) -> None:
    for write in writes:
        try:
            write()
            db.session.commit()
        except Exception:  # noqa: BLE001 - the database may be what failed; the answer stands
            db.session.rollback()
            current_app.logger.exception("could not keep work after a failed request")


def finish(response: Response) -> Response:
    """Commit the request's work when the answer is not an error, else roll it back."""
    if response.status_code < 400:
        if db.session().in_transaction():
            db.session.commit()  # may raise: Flask then answers 500 and this runs again for it
        g.pop("_on_error", None)
        return response
    if db.session().in_transaction():
        db.session.rollback()
    _run_alone(g.pop("_on_error", []))
    return response


def register(app: Flask) -> None:
    """Run ``finish`` after every request, before the response leaves."""
    app.after_request(finish)
