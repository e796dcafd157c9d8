"""Who gets which e-mail: the rules, named in one place."""
from __future__ import annotations


def can_receive_notifications(user) -> bool:
    """Notification e-mails (replies, reminders, digests) go only to confirmed addresses.

    Account e-mails (a reset link, a confirmation link) go to any address: they are
    how an address gets confirmed, or how its owner gets back in."""
    return user is not None and user.email_confirmed_at is not None


#: The kinds of notification e-mail, in the order the settings page lists them, with what
#: a person gets when they never chose: every right-away kind on (a report only reaches
#: teachers), and the digest weekly.
RIGHT_AWAY = ("reply", "mention", "grade", "returned", "report", "reminder", "opened")
DIGEST_FREQUENCIES = ("daily", "weekly", "never")
DEFAULT_DIGEST = "weekly"
#: Every kind an unsubscribe link can name.
KINDS = RIGHT_AWAY + ("digest",)


def wants(user, choice, kind: str) -> bool:
    """``user`` gets a right-away e-mail of ``kind`` for a class whose ``EmailChoice`` is
    ``choice`` (None: the defaults, all on): a confirmed address, and the kind not turned off."""
    return can_receive_notifications(user) and (choice is None or bool(getattr(choice, kind)))


def wants_digest(user, frequency: str | None) -> bool:
    """``user`` gets a digest: a confirmed address, and not "never" (None: the default, weekly)."""
    return can_receive_notifications(user) and (frequency or DEFAULT_DIGEST) != "never"
