"""The worker's e-mail tasks: send what is due now, and a sweep every minute.

``send_outbox`` is queued after every commit that wrote e-mails (``messages.send``);
the sweep sends whatever is left: rows written while the worker was down, retries
whose time has come, claims of a worker that died.
"""
from __future__ import annotations

from huey import crontab

from app.worker import huey, in_app

from . import outbox


@huey.task()
@in_app
def send_outbox() -> int:
    """Send every due e-mail; returns how many were sent."""
    return outbox.send_due()


@huey.periodic_task(crontab(minute="*"))
@in_app
def sweep_outbox() -> int:
    """Every minute: send what is still due."""
    return outbox.send_due()
