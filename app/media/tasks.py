"""The worker's media tasks: convert a new recording, and a sweep for any left behind."""
from __future__ import annotations

from huey import crontab

from app.extensions import db
from app.worker import huey, in_app

from . import conversion
from .models import MediaFile


@huey.task()
@in_app
def convert_recording(media_id: int) -> None:
    """Convert one recording (nothing when it is gone or done already)."""
    row = db.session.get(MediaFile, media_id)
    if row is not None:
        conversion.convert(row)


@huey.periodic_task(crontab(minute="*/5"))
@in_app
def sweep_recordings() -> int:
    """Every five minutes: convert recordings whose task was lost; returns how many."""
    ids = conversion.waiting()
    for media_id in ids:
        conversion.convert(db.session.get(MediaFile, media_id))
    return len(ids)
