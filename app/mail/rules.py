"""Who gets which e-mail: the rules, named in one place."""
from __future__ import annotations


def can_receive_notifications(user) -> bool:
    """Notification e-mails (replies, reminders, digests) go only to confirmed addresses.

    Account e-mails (a reset link, a confirmation link) go to any address: they are
    how an address gets confirmed, or how its owner gets back in."""
    return user is not None and user.email_confirmed_at is not None
