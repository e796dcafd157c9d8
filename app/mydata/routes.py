"""My data pages: download it, delete the account."""
from __future__ import annotations

from flask import Response, flash, redirect, render_template, url_for
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
    size = archive.seek(0, 2)
    archive.seek(0)

    def chunks():
        with archive:  # closed (and so deleted) once sent, or when the client goes away
            while block := archive.read(64 * 1024):
                yield block

    return Response(chunks(), mimetype="application/zip", headers={
        "Content-Disposition": f'attachment; filename="roundtable-my-data-{clock.now():%Y-%m-%d}.zip"',
        "Content-Length": str(size), "Cache-Control": "no-store"})


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
