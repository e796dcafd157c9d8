"""A real huey consumer (worker threads and its scheduler) on a SQLite queue sends the outbox.

The other tests run tasks at once (``huey.immediate``); here a request only queues the
task in the SQLite file, nothing is sent until a consumer runs it, as with `make run`.
"""
from __future__ import annotations

import signal

import pytest
from huey.storage import SqliteStorage
from sqlalchemy import select

from app import worker
from app.extensions import db
from app.mail.models import OutboxEmail
from app.mail.tasks import send_outbox, sweep_outbox
from app.tasks import huey

_SIGNALS = [signal.SIGINT, signal.SIGTERM] + ([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])


@pytest.fixture
def queue(app, tmp_path):
    """Tasks go into a SQLite queue file; ``start()`` runs a consumer (2 worker threads + scheduler) on it."""
    huey.immediate = False
    huey.storage = SqliteStorage("roundtable", filename=str(tmp_path / "huey.db"))
    worker.use_app(app)
    consumers = []
    handlers = {number: signal.getsignal(number) for number in _SIGNALS}

    def start():
        consumer = huey.create_consumer(workers=2, worker_type="thread", periodic=True, initial_delay=0.05,
                                        max_delay=0.2, check_worker_health=False)
        consumer.start()
        consumers.append(consumer)
        return consumer

    yield start
    for consumer in consumers:
        consumer.stop(graceful=True)
    for number, handler in handlers.items():
        signal.signal(number, handler)
    worker.use_app(None)
    huey.immediate = True  # back to running tasks at once, in memory


def test_a_request_only_queues_and_the_worker_sends(app, make_user, mailbox, queue):
    make_user("Nadia", "nadia@example.com")
    response = app.test_client().post("/account/forgot", data={"email": "nadia@example.com"})
    assert response.status_code == 302
    assert huey.pending_count() == 1  # the look-up, queued in the SQLite file
    assert mailbox.messages == [] and db.session.scalar(select(OutboxEmail)) is None

    queue()
    [message] = mailbox.wait_for(1)
    assert message.subject == "Reset your Roundtable password" and "/account/reset/" in message.text
    consumer_idle()
    db.session.expire_all()
    [row] = db.session.scalars(select(OutboxEmail))
    assert row.status == "sent" and row.attempts == 1


def test_what_was_written_while_the_worker_was_down_is_swept_up(app, make_user, mailbox, queue):
    make_user("Nadia", "nadia@example.com")
    for n in range(3):  # committed without waking anybody (the queue was down)
        app.test_client().post("/account/register", data={"display_name": f"N{n}", "email": f"n{n}@example.com",
                                                          "password": "correct horse battery"})
    huey.storage.flush_queue()
    assert db.session.scalar(select(db.func.count()).select_from(OutboxEmail)) == 3 and mailbox.messages == []

    queue()
    sweep_outbox()  # what the scheduler queues every minute
    assert len(mailbox.wait_for(3)) == 3
    send_outbox()  # nothing left: nothing sent twice
    sweep_outbox()
    consumer_idle()
    assert sorted(m.rcpt_tos[0] for m in mailbox.messages) == ["n0@example.com", "n1@example.com", "n2@example.com"]


def consumer_idle(timeout: float = 10.0) -> None:
    """Wait until the queue is empty and no task runs, three looks in a row (a task between the
    queue and the worker is in neither for a moment)."""
    import time

    deadline, quiet = time.monotonic() + timeout, 0
    while quiet < 3 and time.monotonic() < deadline:
        quiet = 0 if huey.pending_count() or huey._tasks_in_flight else quiet + 1
        time.sleep(0.05)
    assert quiet == 3, "the worker did not finish"


def test_the_scheduler_queues_the_sweep_every_minute():
    from datetime import datetime

    for minute in (datetime(2026, 12, 2, 9, 17), datetime(2026, 12, 2, 23, 59)):
        assert [task.name for task in huey.read_periodic(minute)] == ["sweep_outbox"]
    assert sorted(task.name for task in huey.read_periodic(datetime(2026, 12, 2, 3, 17))) == [
        "forget_old_links", "sweep_outbox"]
