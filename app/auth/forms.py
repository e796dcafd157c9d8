"""Account forms. Messages are short and plain for readers learning English."""
from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import EmailField, HiddenField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Email, Length, ValidationError

from app.forms import strip
from app.timezones import zone_choices

from .passwords import password_problem


def strong_password(form, field) -> None:
    """WTForms validator around ``password_problem``."""
    problem = password_problem(field.data or "")
    if problem:
        raise ValidationError(problem)


def name_field(label: str = "Your name") -> StringField:
    return StringField(
        label,
        validators=[DataRequired("Please write your name."), Length(max=60, message="Use 60 characters or fewer.")],
        description="Classmates see this name.",
        filters=[strip],
        render_kw={"autocomplete": "name"},
    )


def email_field() -> EmailField:
    return EmailField(
        "Email",
        validators=[DataRequired("Please write your email."), Email("This does not look like an email address.")],
        filters=[strip],
        render_kw={"autocomplete": "email"},
    )


class RegisterForm(FlaskForm):
    display_name = name_field()
    email = email_field()
    password = PasswordField(
        "Password",
        validators=[DataRequired("Please choose a password."), strong_password],
        description="At least 8 characters.",
        render_kw={"autocomplete": "new-password"},
    )
    #: Filled in by static/js/timezone.js with the browser's zone; empty without JavaScript.
    time_zone = HiddenField(render_kw={"data-detect-zone": ""})


class LoginForm(FlaskForm):
    email = email_field()
    password = PasswordField(
        "Password", validators=[DataRequired("Please write your password.")], render_kw={"autocomplete": "current-password"}
    )
    next = HiddenField()


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField(
        "Current password",
        validators=[DataRequired("Please write your current password.")],
        render_kw={"autocomplete": "current-password"},
    )
    new_password = PasswordField(
        "New password",
        validators=[DataRequired("Please choose a new password."), strong_password],
        description="At least 8 characters. You stay logged in here; other devices are logged out.",
        render_kw={"autocomplete": "new-password"},
    )


class DisplayNameForm(FlaskForm):
    display_name = name_field()


class TimeZoneForm(FlaskForm):
    time_zone = SelectField("Your time zone", choices=zone_choices, default="UTC",
                            description="Dates and times on every page show in this zone.")


class ForgotPasswordForm(FlaskForm):
    email = email_field()


class ResetPasswordForm(FlaskForm):
    new_password = PasswordField(
        "New password",
        validators=[DataRequired("Please choose a new password."), strong_password],
        description="At least 8 characters. You will be logged out on every other device.",
        render_kw={"autocomplete": "new-password"},
    )


class ChangeEmailForm(FlaskForm):
    new_email = EmailField(
        "New email",
        validators=[DataRequired("Please write your new email."), Email("This does not look like an email address.")],
        filters=[strip],
        description="We send a link to this address. Your address changes when you open it.",
        render_kw={"autocomplete": "email"},
    )
    email_password = PasswordField(
        "Your password",
        validators=[DataRequired("Please write your password.")],
        render_kw={"autocomplete": "current-password"},
    )
