"""Making an account from a registration form (the register page, and an invitation's)."""
from __future__ import annotations

from flask import request

from app import throttle, worker

from . import confirmation, services, tasks
from .forms import RegisterForm
from .models import User


def new_account(form: RegisterForm, *, email_confirmed: bool = False) -> User | None:
    """A new account, logged in, with a confirmation link on its way (none when ``email_confirmed``);
    for an address that has an account, the same work and an e-mail to its owner instead (None)."""
    return services.create_account(form.email.data, form.display_name.data, form.password.data,
                                   time_zone=form.time_zone.data or "", user_agent=request.user_agent.string,
                                   on_taken=lambda email: worker.enqueue(tasks.registration_attempted, email),
                                   welcome=confirmation.send_confirmation, email_confirmed=email_confirmed)


def too_many_message(wait: int) -> str:
    """What the form says past ``REGISTER_LIMIT_PER_ADDRESS``."""
    return (f"Many accounts were made from your network just now. Please wait {throttle.in_words(wait)}, "
            "then press the button again.")
