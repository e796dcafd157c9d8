"""My data pages: download it, delete the account."""
from __future__ import annotations

from flask import flash, redirect, render_template, send_file, url_for
from flask_login import current_user

from app import clock
from app.auth import guessing
from app.auth import services as accounts
from app.permissions import user_required

from . import bp, deletion, export
from .forms import DeleteAccountForm


@bp.get("/my-data.zip")
@user_required
def download():
    """"Download my data": a zip of everything I wrote (``app.mydata.export``), never cached."""
    archive = export.build(current_user)
    response = send_file(archive, mimetype="application/zip", as_attachment=True,
                         download_name=f"roundtable-my-data-{clock.now():%Y-%m-%d}.zip")
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/delete", methods=["GET", "POST"])
@user_required
def delete():
    """"Delete my account": needs the password and the typed word; the only teacher of a class
    is told to add a teacher first (409). Afterwards every session ends (this one too)."""
    form = DeleteAccountForm()
    blocking = deletion.classes_needing_a_teacher(current_user)
    status = 200
    if form.validate_on_submit():
        if blocking:
            status = 409
        else:
            user, wait = guessing.check_password(current_user.email, form.password.data)
            if user is None:
                form.password.errors.append(guessing.wait_message(wait) if wait else "This is not your password.")
                status = 429 if wait else 200
            else:
                deletion.delete_account(current_user, delete_posts=form.delete_posts.data)
                accounts.end_session()
                flash("Your account is deleted. Thank you for writing with us.", "info")
                return redirect(url_for("auth.login"))
    return render_template("mydata/delete.html", form=form, blocking=blocking,
                           word=deletion.CONFIRM_WORD), status
