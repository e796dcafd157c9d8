"""Getting back into an account: a reset link by e-mail, or a password link from a teacher.

"Forgot your password?" answers the same whatever the address, and in the same time:
the page only queues ``request_reset`` for the worker (``tasks.request_password_reset``),
which looks the address up, makes the link and writes the e-mail. A reset link works
once, for one hour; using it sets the new password and ends every session of the account.
A teacher's password link is the same kind of link, shown to the teacher instead of
sent (for students who cannot get their e-mail); it never shows or sets a password.
"""
from __future__ import annotations

from datetime import datetime, timedelta

from app import clock
from app.extensions import db
from app.mail import messages

from . import links, services, tokens
from .models import TokenPurpose, User

#: A second reset e-mail to the same address waits this long (the form is rate limited too).
RESET_EMAIL_GAP = timedelta(minutes=1)


def request_reset(email: str) -> bool:
    """Send a reset link to the account with ``email``, if there is one (the worker runs this).

    Returns whether an e-mail was written."""
    user = services.find_user_by_email(email)
    if user is None:
        return False
    return links.email_link(user, TokenPurpose.RESET, template="password_reset", endpoint="auth.reset_password",
                            subject="Reset your Roundtable password", gap=RESET_EMAIL_GAP)


def find_reset_user(token: str) -> User | None:
    """The account a valid reset link is for (the link is not used up), or None."""
    row = tokens.find_valid(TokenPurpose.RESET, token)
    return db.session.get(User, row.user_id) if row else None


def reset_password(token: str, new_password: str) -> User | None:
    """Use the reset link: set ``new_password`` and end every session of the account.

    Returns the user (for the caller to log in), or None when the link does not work.
    A link that came by e-mail to the account's address also confirms that address."""
    row = tokens.use(TokenPurpose.RESET, token)
    if row is None:
        return None
    user = db.session.get(User, row.user_id)
    services.change_password(user, new_password)
    services.end_all_sessions(user)
    if row.email and row.email == user.email and user.email_confirmed_at is None:
        user.email_confirmed_at = clock.now()
    return user


def make_password_link(student: User, teacher: User) -> tuple[str, datetime]:
    """A one-time reset link for ``student`` to hand over in class; returns it and when it stops working.

    The student is told by e-mail that their teacher made one."""
    token, row = tokens.issue(student, TokenPurpose.RESET, made_by=teacher)
    messages.send(
        "password_link_made", to=student.email, user=student, teacher=teacher,
        subject="Your teacher made a password link for you", forgot=messages.link("auth.forgot_password"),
    )
    return messages.link("auth.reset_password", token=token), row.expires_at
