"""Account work the worker does, so the page answers the same for every address.

Both look the address up: a request that did it itself would answer a little later for
an address with an account, and its answer would tell who has one.
"""
from __future__ import annotations

from huey import crontab

from app.worker import huey, in_app

from . import confirmation, recovery, tokens


@huey.task()
@in_app
def request_password_reset(email: str) -> bool:
    """E-mail a reset link to the account with ``email``, if there is one."""
    return recovery.request_reset(email)


@huey.task()
@in_app
def registration_attempted(email: str) -> bool:
    """E-mail the owner of ``email``: someone tried to register with it."""
    return confirmation.registration_attempted(email)


@huey.periodic_task(crontab(hour="3", minute="17"))
@in_app
def forget_old_links() -> int:
    """Every night: delete one-time links that expired a month ago."""
    return tokens.forget_old()
