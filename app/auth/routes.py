"""Account pages: register, log in and out, settings."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from app import throttle, worker
from app.forms import ConfirmForm
from app.permissions import public, user_required

from . import bp, confirmation, guessing, recovery, registration, services, tasks
from .forms import (
    ChangeEmailForm,
    ChangePasswordForm,
    DisplayNameForm,
    ForgotPasswordForm,
    LoginForm,
    RegisterForm,
    ResetPasswordForm,
    TimeZoneForm,
)


def safe_next(target: str | None) -> str | None:
    """Return ``target`` if it is a path on this site, else None."""
    if not target:
        return None
    target = target.strip().replace("\\", "/")
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


def _after_login() -> str:
    return safe_next(request.values.get("next")) or url_for("main.index")


@bp.route("/register", methods=["GET", "POST"])
@public
def register():
    """Create an account, log in, and e-mail a link that confirms the address.

    An address that has an account gets the same answer (nobody is logged in) and its
    owner an e-mail instead, so the form does not tell who has an account. Too many new
    accounts from one address (``REGISTER_LIMIT_PER_ADDRESS``): the form comes back filled
    in, 429, saying how long to wait."""
    if current_user.is_authenticated:
        return redirect(_after_login())
    form = RegisterForm()
    status = 200
    if form.validate_on_submit():
        wait = throttle.hit("REGISTER_LIMIT_PER_ADDRESS", throttle.address())
        if not wait:
            registration.new_account(form)
            flash(f"Welcome, {form.display_name.data}! We sent an email to {services.normalise_email(form.email.data)}: "
                  "open the link in it to confirm your address. Then join a class with the code from your teacher.",
                  "success")
            return redirect(_after_login())
        form.email.errors.append(registration.too_many_message(wait))
        status = 429
    return render_template("auth/register.html", form=form, next=safe_next(request.values.get("next"))), status


@bp.route("/login", methods=["GET", "POST"])
@public
def login():
    """Log in with email and password; then go back to the page asked for. After too many
    wrong passwords (``guessing``) the form comes back, 429, saying how long to wait."""
    if current_user.is_authenticated:
        return redirect(_after_login())
    form = LoginForm()
    if request.method == "GET":
        form.next.data = safe_next(request.args.get("next")) or ""
    status = 200
    if form.validate_on_submit():
        user, wait = guessing.check_password(form.email.data, form.password.data)
        if user is not None:
            services.start_session(user, request.user_agent.string)
            return redirect(_after_login())
        form.password.errors.append(guessing.wait_message(wait) if wait else "The email or the password is wrong.")
        status = 429 if wait else 200
    return render_template("auth/login.html", form=form), status


@bp.post("/logout")
@user_required
def logout():
    """Log out this browser (the old cookie stops working)."""
    if ConfirmForm().confirmed():
        services.end_session()
        flash("You are logged out.", "info")
        return redirect(url_for("auth.login"))
    return redirect(url_for(".settings"))


@bp.get("/")
@user_required
def settings():
    """Account settings: name, password, devices."""
    return _settings_page(DisplayNameForm(obj=current_user), ChangePasswordForm())


def _settings_page(name_form: DisplayNameForm, password_form: ChangePasswordForm,
                   zone_form: TimeZoneForm | None = None, email_form: ChangeEmailForm | None = None) -> str:
    if zone_form is None:
        zone_form = TimeZoneForm(formdata=None, time_zone=current_user.time_zone or "UTC")
    return render_template(
        "auth/settings.html",
        name_form=name_form,
        password_form=password_form,
        zone_form=zone_form,
        email_form=email_form or ChangeEmailForm(formdata=None),
        confirm=ConfirmForm(),
        session_count=services.count_sessions(current_user),
    )


@bp.post("/name")
@user_required
def change_name():
    """Change the name classmates see."""
    name_form = DisplayNameForm()
    if name_form.validate_on_submit():
        current_user.display_name = name_form.display_name.data.strip()
        flash("Your name is changed.", "success")
        return redirect(url_for(".settings"))
    return _settings_page(name_form, ChangePasswordForm(formdata=None))


@bp.post("/time-zone")
@user_required
def change_time_zone():
    """Choose the zone dates and times are shown in."""
    zone_form = TimeZoneForm()
    if zone_form.validate_on_submit():
        current_user.time_zone = zone_form.time_zone.data
        flash(f"Times now show in {zone_form.time_zone.data.replace('_', ' ')} time.", "success")
        return redirect(url_for(".settings"))
    return _settings_page(DisplayNameForm(formdata=None, obj=current_user), ChangePasswordForm(formdata=None), zone_form)


def _wrong_password(field, message: str) -> bool:
    """Check the current user's password typed in ``field`` (wrong ones count towards the
    login limits, ``guessing``); when it is wrong, the reason goes on the field."""
    user, wait = guessing.check_password(current_user.email, field.data)
    if user is None:
        field.errors.append(guessing.wait_message(wait) if wait else message)
    return user is None


@bp.post("/password")
@user_required
def change_password():
    """Change the password; other devices are logged out."""
    password_form = ChangePasswordForm()
    if password_form.validate_on_submit():
        if not _wrong_password(password_form.current_password, "This is not your current password."):
            services.change_password(current_user, password_form.new_password.data)
            flash("Your password is changed. Other devices are logged out.", "success")
            return redirect(url_for(".settings"))
    return _settings_page(DisplayNameForm(formdata=None, obj=current_user), password_form)


@bp.post("/email")
@user_required
def change_email():
    """Ask for a new address: needs the password; the link goes to the new address, a note to the old."""
    email_form = ChangeEmailForm()
    if email_form.validate_on_submit():
        if not _wrong_password(email_form.email_password, "This is not your password."):
            try:
                new_email = confirmation.request_email_change(current_user, email_form.new_email.data)
            except confirmation.EmailUnchanged:
                email_form.new_email.errors.append("This is your email address now.")
            else:
                flash(f"We sent a link to {new_email}. Open it to start using this address. "
                      f"Until then, your address is still {current_user.email}.", "success")
                return redirect(url_for(".settings"))
    return _settings_page(DisplayNameForm(formdata=None, obj=current_user), ChangePasswordForm(formdata=None),
                          email_form=email_form)


@bp.get("/email/<token>")
@public
def change_email_confirm(token: str):
    """The link sent to a new address: the account's address becomes that one."""
    try:
        user = confirmation.change_email(token)
    except confirmation.AddressTaken as taken:
        return render_template("auth/link_expired.html", title="This email has an account",
                               reason=f"Another account uses {taken} now, so we did not change your address.")
    if user is None:
        return _link_expired("Links to change an email address work once, for 7 days.")
    flash(f"Your email address is now {user.email}.", "success")
    return redirect(url_for(".settings") if current_user.is_authenticated else url_for(".login"))


@bp.get("/confirm/<token>")
@public
def confirm_email(token: str):
    """The link sent after registration: the address is confirmed."""
    user = confirmation.confirm_email(token)
    if user is None:
        return _link_expired('Confirmation links work once, for 7 days. Log in and press '
                             '"Send the link again" to get a new one.')
    flash(f"Thank you! Your email address {user.email} is confirmed.", "success")
    return redirect(url_for("main.index"))


@bp.post("/confirm/send")
@user_required
def resend_confirmation():
    """"Send the link again": a new confirmation link to the account's address
    (``CONFIRM_RESEND_LIMIT`` per account)."""
    if ConfirmForm().confirmed():
        wait = throttle.hit("CONFIRM_RESEND_LIMIT", throttle.user_key())
        if wait:
            flash(f"We sent you links a moment ago. Please wait {throttle.in_words(wait)} before you ask again.", "error")
        elif current_user.email_confirmed_at is not None:
            flash("Your email address is confirmed already.", "info")
        else:
            confirmation.send_confirmation(current_user)
            flash(f"We sent a new link to {current_user.email}. It can take a few minutes. "
                  "Look in your spam folder too.", "success")
    return redirect(safe_next(request.form.get("next")) or url_for("main.index"))


@bp.route("/forgot", methods=["GET", "POST"])
@public
def forgot_password():
    """"Forgot your password?": the same answer, in the same time, whether or not the address has an account.

    The page only queues the work (``tasks.request_password_reset``); the worker looks the
    address up and sends the link. ``ACCOUNT_LINK_LIMIT_PER_ADDRESS`` limits the tries."""
    form = ForgotPasswordForm()
    status = 200
    if form.validate_on_submit():
        wait = throttle.hit("ACCOUNT_LINK_LIMIT_PER_ADDRESS", throttle.address())
        if not wait:
            email = services.normalise_email(form.email.data)
            worker.enqueue(tasks.request_password_reset, email)
            flash(f"If an account uses {email}, we sent it an email with a link to choose a new password. "
                  "The link works for one hour. No email after a few minutes? Look in your spam folder, "
                  "or ask your teacher for a password link.", "success")
            return redirect(url_for(".login"))
        form.email.errors.append(throttle.too_fast_message(wait))
        status = 429
    return render_template("auth/forgot.html", form=form), status


@bp.route("/reset/<token>", methods=["GET", "POST"])
@public
def reset_password(token: str):
    """The reset link: choose a new password (same rules as registration), then you are logged in
    and every other session of the account ends."""
    if request.method == "POST" and (wait := throttle.hit("ACCOUNT_LINK_LIMIT_PER_ADDRESS", throttle.address())):
        return _link_expired(throttle.too_fast_message(wait)), 429
    user = recovery.find_reset_user(token)
    if user is None:
        return _link_expired("Password links work once, for one hour.", ask_again=True)
    form = ResetPasswordForm()
    if form.validate_on_submit():
        user = recovery.reset_password(token, form.new_password.data)
        if user is None:  # used in another tab a moment ago
            return _link_expired("Password links work once, for one hour.", ask_again=True)
        if current_user.is_authenticated:
            services.end_session()
        services.start_session(user, request.user_agent.string)
        flash("Your new password is saved. You are logged in. Every other device is logged out.", "success")
        return redirect(url_for("main.index"))
    return render_template("auth/reset.html", form=form, user=user, token=token)


def _link_expired(reason: str, ask_again: bool = False) -> str:
    return render_template("auth/link_expired.html", title="This link does not work any more",
                           reason=reason, ask_again=ask_again)


@bp.post("/logout-everywhere")
@user_required
def logout_everywhere():
    """End every session of this user, this one too."""
    if ConfirmForm().confirmed():
        services.end_other_sessions(current_user)
        services.end_session()
        flash("You are logged out on all devices.", "info")
        return redirect(url_for(".login"))
    return redirect(url_for(".settings"))


def unauthorized():
    """Logged out (or the session expired): log in, then come back.

    After a POST the way back is the page the form was on (the browser keeps
    the unsaved text there as a draft). An htmx request gets a short message
    in place instead of a whole login page.
    """
    if request.method == "GET":
        back = request.full_path.rstrip("?")
    else:
        referrer = urlsplit(request.referrer or "")
        same_site = referrer.netloc in ("", request.host)
        back = (referrer.path + (f"?{referrer.query}" if referrer.query else "")) if same_site and referrer.path else None
        back = safe_next(back) or request.full_path.rstrip("?")
    if request.headers.get("HX-Request"):
        return render_template("auth/_logged_out.html", next=back)
    flash("Please log in to continue.", "info")
    return redirect(url_for("auth.login", next=back))
