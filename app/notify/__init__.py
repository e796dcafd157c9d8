"""Notification e-mails: each user's choices, right-away e-mails, one-click unsubscribe,
the digest and the reminders.

The forum says what happened (``app.forum.notifications.listen``); this package decides
who gets an e-mail about it (``app.mail.rules``), writes it to the outbox in the same
transaction (``emails``), and runs the periodic digest and reminders (``tasks``).
"""
from flask import Blueprint

bp = Blueprint("notify", __name__)

from . import emails  # noqa: E402,F401  (registers the forum listener)
