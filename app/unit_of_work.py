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

Work that must follow a commit, never precede it (waking the worker to send the
e-mails just written to the outbox), is registered with ``after_commit`` and runs
only once the commit succeeded; a rollback forgets it. A background job is a
unit of work too: ``job()`` commits once at its end, the same way.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from flask import Flask, Response, g

from app.extensions import db

_AFTER_COMMIT = "after_commit"
log = logging.getLogger(__name__)


def after_commit(callback: Callable[[], None]) -> None:
    """Run ``callback`` once this unit of work has committed (once, however often it is registered).

    A callback that fails is logged, not raised: the work is already committed."""
    callbacks = db.session.info.setdefault(_AFTER_COMMIT, [])
    if callback not in callbacks:
        callbacks.append(callback)


def on_error(write: Callable[[], None]) -> None:
    """Run ``write()`` if this request ends with an error answer, after its work is rolled back."""
    g.setdefault("_on_error", []).append(write)


def _commit() -> None:
    db.session.commit()
    for callback in db.session.info.pop(_AFTER_COMMIT, []):
        try:
            callback()
        except Exception:  # noqa: BLE001 - the commit stands; the worker's sweep catches up
            log.exception("after-commit step %r failed", callback)


def _rollback() -> None:
    db.session.info.pop(_AFTER_COMMIT, None)
    db.session.rollback()


def _run_alone(writes: list[Callable[[], None]]) -> None:
    for write in writes:
        try:
            write()
            _commit()
        except Exception:  # noqa: BLE001 - the database may be what failed; the answer stands
            _rollback()
            log.exception("could not keep work after a failed request")


def discard() -> None:
    """Forget every change of this request so far (the answer is still sent)."""
    _rollback()


def finish(response: Response) -> Response:
    """Commit the request's work when the answer is not an error, else roll it back."""
    if response.status_code < 400:
        if db.session().in_transaction():
            _commit()  # may raise: Flask then answers 500 and this runs again for it
        else:
            db.session.info.pop(_AFTER_COMMIT, None)
        g.pop("_on_error", None)
        return response
    if db.session().in_transaction():
        _rollback()
    else:
        db.session.info.pop(_AFTER_COMMIT, None)
    _run_alone(g.pop("_on_error", []))
    return response


@contextmanager
def job() -> Iterator[None]:
    """A background job's unit of work: commit at the end, roll back on an exception."""
    try:
        yield
    except BaseException:
        _rollback()
        raise
    else:
        _commit()


def register(app: Flask) -> None:
    """Run ``finish`` after every request, before the response leaves."""
    app.after_request(finish)
