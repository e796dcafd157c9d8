"""Confirming an e-mail address, and changing it.

A new account works at once; its address is confirmed by a link we send (7 days, once).
Until then the account gets no notification e-mails (``app.mail.rules``) and every page
reminds its owner, with "Send the link again".

Registering with an address that has an account answers like a new registration (so the
form does not tell who has an account) and e-mails the owner instead
(``registration_attempted``, run by the worker, at most once an hour).

A new address needs the password and is used only once the link sent to it is opened;
the old address is told at once.
"""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from app import clock
from app.extensions import db
from app.mail import messages, outbox

from . import links, services, tokens
from .models import TokenPurpose, User

#: "Send the link again" writes at most one e-mail in this time (the button is rate limited too).
CONFIRM_EMAIL_GAP = timedelta(minutes=1)
#: The owner of an address hears about attempts to register with it at most this often.
ATTEMPT_EMAIL_GAP = timedelta(hours=1)


class EmailUnchanged(Exception):
    """The new address is the account's address already."""


def send_confirmation(user: User) -> bool:
    """E-mail ``user`` a link that confirms their address; False when one went less than a minute ago."""
    if user.email_confirmed_at is not None:
        return False
    return links.email_link(user, TokenPurpose.CONFIRM, template="confirm_email", endpoint="auth.confirm_email",
                            subject="Please confirm your email address", gap=CONFIRM_EMAIL_GAP)


def confirm_email(token: str) -> User | None:
    """Use a confirmation link: the user whose address it confirmed, or None when it does not work
    (used, expired, or sent to an address the account no longer has)."""
    row = tokens.use(TokenPurpose.CONFIRM, token)
    if row is None:
        return None
    user = db.session.get(User, row.user_id)
    if user.email != row.email:
        return None
    if user.email_confirmed_at is None:
        user.email_confirmed_at = clock.now()
    return user


def registration_attempted(email: str) -> bool:
    """Tell the owner of ``email`` that someone tried to register with it (the worker runs this)."""
    user = services.find_user_by_email(email)
    if user is None or outbox.sent_recently("registration_attempt", user.email, ATTEMPT_EMAIL_GAP):
        return False
    messages.send(
        "registration_attempt", to=user.email, user=user, subject="Someone tried to make an account with your email",
        login=messages.link("auth.login"), forgot=messages.link("auth.forgot_password"),
    )
    return True


def request_email_change(user: User, new_email: str) -> str:
    """Send a link to ``new_email`` that makes it the account's address, and tell the old address.

    Returns the new address (normalised). Raises EmailUnchanged. Whether another account
    uses the new address is only checked when the link is opened, so this answers the same."""
    new_email = services.normalise_email(new_email)
    if new_email == user.email:
        raise EmailUnchanged(new_email)
    token, _ = tokens.issue(user, TokenPurpose.NEW_EMAIL, email=new_email)
    messages.send(
        "confirm_new_email", to=new_email, user=user, secret=True, subject="Confirm your new email address",
        link=messages.link("auth.change_email_confirm", token=token),
    )
    messages.send(
        "email_change_notice", to=user.email, user=user, new_email=new_email,
        subject="Your Roundtable email address is changing", forgot=messages.link("auth.forgot_password"),
    )
    return new_email


class AddressTaken(Exception):
    """Another account has the new address now."""


def change_email(token: str) -> User | None:
    """Use a new-address link: the account's address becomes the one the link was sent to (and is confirmed).

    Returns the user, or None when the link does not work. Raises AddressTaken."""
    row = tokens.use(TokenPurpose.NEW_EMAIL, token)
    if row is None:
        return None
    taken = db.session.scalar(select(func.count()).select_from(User).where(User.email == row.email, User.id != row.user_id))
    if taken:
        raise AddressTaken(row.email)
    user = db.session.get(User, row.user_id)
    user.email = row.email
    user.email_confirmed_at = clock.now()
    tokens.cancel(user, TokenPurpose.CONFIRM)
    return user
