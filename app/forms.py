"""Form pieces every feature uses (the text editor's are in ``app.writing``)."""
from __future__ import annotations

from flask import flash
from flask_wtf import FlaskForm

#: Shown when a form's CSRF token is missing or too old.
STALE_FORM_MESSAGE = "This page was open for a long time, so we could not check it. Please press the button again."


def strip(value):
    """WTForms filter: drop spaces around what was typed."""
    return value.strip() if isinstance(value, str) else value


class ConfirmForm(FlaskForm):
    """A form with only the CSRF token, for buttons such as "Log out"."""

    def confirmed(self) -> bool:
        """True for a valid POST; otherwise tell the user to press again."""
        if self.validate_on_submit():
            return True
        flash(STALE_FORM_MESSAGE, "error")
        return False
