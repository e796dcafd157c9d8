"""E-mailing a one-time account link: at most one of a kind per address in ``gap``."""
from __future__ import annotations

from datetime import timedelta

from app.mail import messages, outbox

from . import tokens
from .models import User


def email_link(user: User, purpose: str, *, template: str, subject: str, endpoint: str, gap: timedelta) -> bool:
    """Issue a ``purpose`` link for ``user`` and e-mail it to their address with ``template``;
    False (nothing written) when one of that kind went there less than ``gap`` ago."""
    if outbox.sent_recently(template, user.email, gap):
        return False
    token, _ = tokens.issue(user, purpose, email=user.email)
    messages.send(template, to=user.email, user=user, secret=True, subject=subject,
                  link=messages.link(endpoint, token=token))
    return True
