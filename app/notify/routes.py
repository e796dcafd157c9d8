"""E-mail settings (per class and the digest) and the one-click unsubscribe page."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from app.auth.models import User
from app.classes.models import Classroom
from app.extensions import db
from app.permissions import class_access, one_click, user_required

from . import bp, choices, unsubscribe
from .forms import LABELS, ClassEmailForm, DigestForm


def _class_form(row: choices.ClassChoices, formdata=None) -> ClassEmailForm:
    form = ClassEmailForm(formdata=formdata, prefix=f"c{row.classroom_id}", data=row.values)
    for kind in list(form._fields):
        if kind != "csrf_token" and kind not in row.values:
            delattr(form, kind)
    return form


def _page(digest_form: DigestForm | None = None, failed: tuple[int, ClassEmailForm] | None = None):
    classes = choices.class_choices(current_user.id)
    forms = [(row, failed[1] if failed and failed[0] == row.classroom_id else _class_form(row)) for row in classes]
    digest_form = digest_form or DigestForm(formdata=None, frequency=choices.digest_frequency(current_user.id))
    return render_template("notify/settings.html", classes=forms, digest_form=digest_form,
                           confirmed=current_user.email_confirmed_at is not None)


@bp.get("/account/emails")
@user_required
def settings():
    """Which e-mails I get: the digest, and the right-away e-mails of each class."""
    return _page()


@bp.post("/account/emails/digest")
@user_required
def save_digest():
    """How often the digest comes (daily, weekly, never)."""
    form = DigestForm()
    if form.validate_on_submit():
        choices.save_digest(current_user.id, form.frequency.data)
        flash("Your digest choice is saved.", "success")
        return redirect(url_for(".settings"))
    return _page(digest_form=form), 400


@bp.post("/classes/<int:class_id>/emails")
@class_access("member")
def save_class(classroom: Classroom):
    """Which right-away e-mails this class sends me (a box left empty turns that kind off)."""
    row = next((r for r in choices.class_choices(current_user.id) if r.classroom_id == classroom.id), None)
    if row is None:  # a site admin who is no member: nothing to choose
        abort(404)
    form = _class_form(row, request.form)
    if form.validate_on_submit():
        choices.save_class(current_user.id, classroom.id, {k: form[k].data for k in row.values})
        flash(f"Your email choices for {classroom.name} are saved.", "success")
        return redirect(url_for(".settings"))
    return _page(failed=(classroom.id, form)), 400  # only a stale form fails: form_errors says so


@bp.route("/unsubscribe/<unsubscribe_token>", methods=["GET", "POST"])
@one_click
def unsubscribe_page(unsubscribe_token: str):
    """GET: a page with one button that stops that kind of e-mail (never stops it by itself: mail
    scanners open links). POST (that button, or a mail program's one-click, RFC 8058): stop it,
    without logging in and without a CSRF token. 404 for a token that is not ours."""
    found = unsubscribe.read_token(unsubscribe_token)
    user = db.session.get(User, found.user_id) if found else None
    classroom = db.session.get(Classroom, found.classroom_id) if found and found.classroom_id else None
    if user is None or (found.classroom_id and classroom is None):
        abort(404)
    done = request.method == "POST"
    if done:
        choices.turn_off(user.id, found.kind, found.classroom_id)
    return render_template("notify/unsubscribe.html", kind=found.kind, label=LABELS[found.kind], classroom=classroom,
                           email=user.email, done=done, on=choices.is_on(user.id, found.kind, found.classroom_id))
