"""The background worker: a huey queue, and how its tasks reach the app.

Web requests never send e-mail (or do other slow work) themselves: they write what must
be done in their own transaction, and enqueue a task here after the commit. The worker
process runs the tasks and the periodic ones (its scheduler is on)::

    huey_consumer app.tasks.huey           # `make run` starts it beside the web server

The queue lives in Redis when ``HUEY_REDIS_URL`` is set (production with more than one
machine), else in a SQLite file in the instance folder (``HUEY_SQLITE_PATH``), which
needs nothing installed. Task results are not stored: every task records what it did in
the app's own database.

A task's body runs inside the app (``in_app``): an app context of the running app when
there is one (tests run tasks at once, ``huey.immediate``), else the app this process
built once with ``create_app()`` (the consumer), and one unit of work.
"""
from __future__ import annotations

import functools
import logging
from collections.abc import Callable

from flask import Flask, current_app, has_app_context
from huey import RedisHuey, SqliteHuey

import config

log = logging.getLogger(__name__)


def _make_huey():
    if config.HUEY_REDIS_URL:
        return RedisHuey("roundtable", url=config.HUEY_REDIS_URL, results=False)
    config.INSTANCE_DIR.mkdir(parents=True, exist_ok=True)
    return SqliteHuey("roundtable", filename=config.HUEY_SQLITE_PATH, results=False)


huey = _make_huey()
_app: Flask | None = None


def use_app(app: Flask | None) -> None:
    """Run tasks in ``app`` (tests that run a real consumer); None: build one when needed."""
    global _app
    _app = app


def get_app() -> Flask:
    """The app tasks run in: the current one, the one given to ``use_app``, or a new one."""
    global _app
    if has_app_context():
        return current_app._get_current_object()
    if _app is None:
        from app import create_app

        _app = create_app()
    return _app


def in_app(fn: Callable) -> Callable:
    """Run ``fn`` in a fresh app context (its own database session), as one unit of work."""

    @functools.wraps(fn)
    def wrapped(*args, **kwargs):
        from app import unit_of_work

        with get_app().app_context():
            with unit_of_work.job():
                return fn(*args, **kwargs)

    return wrapped


def enqueue(task: Callable, *args) -> None:
    """Queue ``task(*args)`` for the worker. A queue that cannot be reached is logged, not
    raised: what the task would do is already in the database, and a periodic task picks it up."""
    try:
        task(*args)
    except Exception:  # noqa: BLE001 - the caller's work is committed; never turn it into an error
        log.exception("could not queue %s", getattr(task, "name", task))
