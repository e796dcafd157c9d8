"""Account pages: register, log in and out, settings."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from app import throttle
from app.forms import ConfirmForm
from app.permissions import public, user_required

from . import bp, guessing, services
from .forms import ChangePasswordForm, DisplayNameForm, LoginForm, RegisterForm, TimeZoneForm


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
    """Create an account and log in. Too many new accounts from one address (``REGISTER_LIMIT_PER_ADDRESS``):
    the form comes back filled in, 429, saying how long to wait."""
    if current_user.is_authenticated:
        return redirect(_after_login())
    form = RegisterForm()
    status = 200
    if form.validate_on_submit():
        wait = throttle.hit("REGISTER_LIMIT_PER_ADDRESS", throttle.address())
        user = None if wait else _new_account(form)
        if wait:
            form.email.errors.append(f"Many accounts were made from your network just now. Please wait "
                                     f"{throttle.in_words(wait)}, then press the button again.")
            status = 429
        elif user is not None:
            services.start_session(user, request.user_agent.string)
            flash(f"Welcome, {user.display_name}! Join a class with the code from your teacher, or create a class.", "success")
            return redirect(_after_login())
    return render_template("auth/register.html", form=form, next=safe_next(request.values.get("next"))), status


def _new_account(form: RegisterForm):
    """The new user, or None with the reason on the form."""
    try:
        return services.register_user(form.email.data, form.display_name.data, form.password.data,
                                      time_zone=form.time_zone.data or "")
    except services.EmailTaken:
        form.email.errors.append("There is already an account with this email. Log in instead.")
        return None


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
                   zone_form: TimeZoneForm | None = None) -> str:
    if zone_form is None:
        zone_form = TimeZoneForm(formdata=None, time_zone=current_user.time_zone or "UTC")
    return render_template(
        "auth/settings.html",
        name_form=name_form,
        password_form=password_form,
        zone_form=zone_form,
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


@bp.post("/password")
@user_required
def change_password():
    """Change the password; other devices are logged out."""
    password_form = ChangePasswordForm()
    if password_form.validate_on_submit():
        user, wait = guessing.check_password(current_user.email, password_form.current_password.data)
        if user is None:
            password_form.current_password.errors.append(
                guessing.wait_message(wait) if wait else "This is not your current password.")
        else:
            services.change_password(current_user, password_form.new_password.data)
            flash("Your password is changed. Other devices are logged out.", "success")
            return redirect(url_for(".settings"))
    return _settings_page(DisplayNameForm(formdata=None, obj=current_user), password_form)


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
