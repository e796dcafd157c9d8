"""Invitation pages: the teacher's "Invite students", and the invited person's link."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from app import throttle
from app.auth import registration
from app.auth import services as accounts
from app.auth.forms import RegisterForm
from app.classes.models import Classroom
from app.extensions import db
from app.forms import ConfirmForm
from app.permissions import class_access, public

from . import bp, parsing, services
from .forms import InviteForm

EXPIRED = (f"Invitation links work once, for {services.LIFETIME.days} days. "
           "Ask your teacher to send you a new one, or to give you the class's join code.")


def _upload(form: InviteForm):
    """The uploaded file, or None when none was chosen."""
    upload = form.file.data
    return upload if upload is not None and getattr(upload, "filename", "") else None


def _rows(form: InviteForm) -> list[parsing.Row] | None:
    """The people in the form (file first, else the text); None with an error on the form."""
    upload = _upload(form)
    try:
        if upload:
            return parsing.parse_csv(upload.read(parsing.MAX_FILE_BYTES + 1))
        if (form.addresses.data or "").strip():
            return parsing.parse_text(form.addresses.data)
    except parsing.TooMany:
        field = form.file if upload else form.addresses
        field.errors.append(f"This list has more than {parsing.MAX_ROWS} people. Invite at most "
                            f"{parsing.MAX_ROWS} at a time: split the list and send each part.")
        return None
    except parsing.Unreadable as problem:
        form.file.errors.append(str(problem))
        return None
    form.addresses.errors.append("Paste some email addresses, or choose a CSV file.")
    return None


@bp.route("/classes/<int:class_id>/invite", methods=["GET", "POST"])
@class_access("teacher")
def invite(classroom: Classroom):
    """"Invite students": send an invitation to each new address of a pasted list or a CSV file.

    The page comes back with what was sent and each row left out with the reason (not an
    address, already a member, already invited, twice in the list); the pasted box keeps
    the rows left out, to correct them. ``INVITE_LIMIT_PER_USER`` limits the lists sent (429)."""
    form = InviteForm()
    outcome, status = None, 200
    if form.validate_on_submit() and (rows := _rows(form)) is not None:
        wait = throttle.hit("INVITE_LIMIT_PER_USER", throttle.user_key())
        if wait:
            form.addresses.errors.append(throttle.too_fast_message(wait))
            status = 429
        else:
            outcome = services.invite(classroom, current_user, rows)
            if _upload(form) is None:
                form.addresses.data = "\n".join(row.text for row in outcome.problems)
    return render_template("invitations/invite.html", classroom=classroom, form=form, outcome=outcome,
                           invitations=services.pending(classroom), confirm=ConfirmForm(),
                           is_pending=services.is_pending), status


def _invitation_or_back(classroom: Classroom, invitation_id: int):
    invitation = services.get_invitation(classroom, invitation_id)
    if invitation is None:
        flash("This invitation was used or cancelled already.", "info")
    return invitation


@bp.post("/classes/<int:class_id>/invitations/<int:invitation_id>/send")
@class_access("teacher")
def send_again(classroom: Classroom, invitation_id: int):
    """"Send again": a new e-mail with a new link, valid for 14 days (``INVITE_RESEND_LIMIT`` per invitation)."""
    if ConfirmForm().confirmed() and (invitation := _invitation_or_back(classroom, invitation_id)):
        wait = throttle.hit("INVITE_RESEND_LIMIT", f"invitation:{invitation.id}")
        if wait:
            flash(f"We sent {invitation.email} an invitation a moment ago. Please wait {throttle.in_words(wait)} "
                  "before you send it again.", "error")
        else:
            services.send_again(invitation, classroom, current_user)
            flash(f"We sent the invitation to {invitation.email} again. The link in the earlier email "
                  "does not work any more.", "success")
    return redirect(url_for(".invite", class_id=classroom.id))


@bp.post("/classes/<int:class_id>/invitations/<int:invitation_id>/cancel")
@class_access("teacher")
def cancel(classroom: Classroom, invitation_id: int):
    """"Cancel": the invitation's link stops working."""
    if ConfirmForm().confirmed() and (invitation := _invitation_or_back(classroom, invitation_id)):
        services.cancel(invitation)
        flash(f"The invitation to {invitation.email} is cancelled. Its link does not work any more.", "success")
    return redirect(url_for(".invite", class_id=classroom.id))


def _expired() -> str:
    return render_template("auth/link_expired.html", title="This invitation does not work any more", reason=EXPIRED)


@bp.route("/invite/<invite_token>", methods=["GET", "POST"])
@public
def open(invite_token: str):  # noqa: A001 - the endpoint's name in e-mails
    """The link in an invitation e-mail. Logged in: "Join the class" (POST joins it, once).
    Logged out: create an account (the form filled in) or log in, then join."""
    invitation = services.find_valid(invite_token)
    if invitation is None:
        return _expired()
    classroom = db.session.get(Classroom, invitation.classroom_id)
    if request.method == "POST" and ConfirmForm().confirmed():
        if not current_user.is_authenticated:
            return redirect(url_for("auth.login", next=url_for(".open", invite_token=invite_token)))
        joined = services.accept(invite_token, current_user)
        if joined is None:  # used in another tab a moment ago
            return _expired()
        flash(f"Welcome to {joined.name}!", "success")
        return redirect(url_for("classes.home", class_id=joined.id))
    return render_template("invitations/open.html", invitation=invitation, classroom=classroom,
                           token=invite_token, confirm=ConfirmForm())


@bp.route("/invite/<invite_token>/register", methods=["GET", "POST"])
@public
def register(invite_token: str):
    """Create an account from an invitation (the form filled in with the invited name and
    address), then join the class at once. The invited address counts as confirmed (no
    confirmation e-mail); another address gets one. Like ``auth.register``, an address
    that has an account answers the same and its owner gets an e-mail."""
    invitation = services.find_valid(invite_token)
    if invitation is None:
        return _expired()
    if current_user.is_authenticated:
        return redirect(url_for(".open", invite_token=invite_token))
    classroom = db.session.get(Classroom, invitation.classroom_id)
    form = RegisterForm(data={"email": invitation.email, "display_name": invitation.name} if request.method == "GET"
                        else None)
    status = 200
    if form.validate_on_submit():
        wait = throttle.hit("REGISTER_LIMIT_PER_ADDRESS", throttle.address())
        if not wait:
            invited = accounts.normalise_email(form.email.data) == invitation.email
            user = registration.new_account(form, email_confirmed=invited)
            if user is None:
                flash(f"Welcome, {form.display_name.data}! We sent an email to "
                      f"{accounts.normalise_email(form.email.data)}. If you have an account already, log in to join "
                      f"{classroom.name}.", "success")
                return redirect(url_for(".open", invite_token=invite_token))
            services.accept(invite_token, user)
            flash(f"Welcome to {classroom.name}, {user.display_name}!" + (
                "" if invited else f" We sent an email to {user.email}: open the link in it to confirm your address."),
                "success")
            return redirect(url_for("classes.home", class_id=classroom.id))
        form.email.errors.append(registration.too_many_message(wait))
        status = 429
    return render_template("auth/register.html", form=form, action=url_for(".register", invite_token=invite_token),
                           login_url=url_for("auth.login", next=url_for(".open", invite_token=invite_token)),
                           invitation=invitation, classroom=classroom), status
