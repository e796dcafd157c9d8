"""One unit of work per request: the request commits once, here, or not at all.

Views and services add and flush; nobody else commits (the CLI commands do,
being their own unit of work). When the view's answer is not an error (below
400), the session is committed after the view returns; an error answer (4xx,
5xx) or an exception rolls everything back. A view that answers normally but
must not keep what it did (a form shown again after a service refused it)
calls ``discard()``.

A failed commit (a lost database, a full disk) raises here, after the view, so
Flask answers with the error page instead of the view's success.
"""
from __future__ import annotations

from flask import Flask, Response

from app.extensions import db


def discard() -> None:
    """Forget every change of this request so far (the answer is still sent)."""
    db.session.rollback()


def finish(response: Response) -> Response:
    """Commit the request's work when the answer is not an error, else roll it back."""
    if not db.session().in_transaction():
        return response
    if response.status_code < 400:
        db.session.commit()
    else:
        db.session.rollback()
    return response


def register(app: Flask) -> None:
    """Run ``finish`` after every request, before the response leaves."""
    app.after_request(finish)
