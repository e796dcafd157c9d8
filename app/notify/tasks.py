"""The worker's notification tasks: the digest every hour (and the reminders, ``reminders``)."""
from __future__ import annotations

from huey import crontab

from app.worker import huey, in_app

from . import digest, reminders


@huey.periodic_task(crontab(minute="7"))
@in_app
def send_digests() -> int:
    """Every hour: the digests that are due (each user's own ``last_digest_at``); how many were written."""
    return digest.run()


@huey.periodic_task(crontab(minute="37"))
@in_app
def send_reminders() -> int:
    """Every hour: reminders of due times a day ahead, and of discussions that opened."""
    return reminders.run()
