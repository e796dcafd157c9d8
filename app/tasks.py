"""Every task the worker runs, registered on one huey queue: ``huey_consumer app.tasks.huey``.

The consumer imports this module; each feature's tasks are in its ``tasks.py``.
"""
from app.auth import tasks as auth_tasks  # noqa: F401
from app.mail import tasks as mail_tasks  # noqa: F401
from app.media import tasks as media_tasks  # noqa: F401
from app.notify import tasks as notify_tasks  # noqa: F401
from app.worker import huey  # noqa: F401
