"""The "Delete my account" form."""
from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField, StringField
from wtforms.validators import DataRequired, ValidationError

from app.forms import strip

from .deletion import CONFIRM_WORD


def typed_confirmation(form, field) -> None:
    if (field.data or "").strip().upper() != CONFIRM_WORD:
        raise ValidationError(f"Type {CONFIRM_WORD} to delete your account.")


class DeleteAccountForm(FlaskForm):
    password = PasswordField("Your password", validators=[DataRequired("Please write your password.")],
                             render_kw={"autocomplete": "current-password"})
    confirm = StringField(f"Type {CONFIRM_WORD} to confirm", validators=[typed_confirmation], filters=[strip],
                          render_kw={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"})
    delete_posts = BooleanField("Also delete my posts and replies",
                                description='Each one then shows "This post was deleted". Replies by classmates stay.')
