"""Your drafts: the list, the editor's autosave and deleting a draft. Only ever one's own."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from app import throttle
from app.forms import STALE_FORM_MESSAGE, ConfirmForm
from app.permissions import user_required

from . import bp, registry, services
from .forms import AutosaveForm


@bp.get("")
@user_required
def index():
    """The drafts I may still go on writing, newest first."""
    return render_template("drafts/index.html", drafts=services.mine(current_user), confirm=ConfirmForm())


def _too_fast(seconds: int):
    return _text(throttle.too_fast_message(seconds), 429)


def _text(message: str, status: int):
    return message, status, {"Content-Type": "text/plain; charset=utf-8"}


@bp.post("/autosave")
@throttle.limited("DRAFT_AUTOSAVE_LIMIT", _too_fast)
@user_required
def autosave():
    """Keep the editor's text as my draft for its key (empty text deletes it): 204.
    400 for a bad CSRF token or a text over the form's limit; 404 for a key that is not mine to
    write at (a post I cannot see, a class I left): nothing is stored then."""
    form = AutosaveForm()
    if not form.validate_on_submit():
        return _text(STALE_FORM_MESSAGE, 400)
    try:
        target = services.autosave(current_user, form.key.data or "", form.text.data or "")
    except services.TooLong as too_long:
        return _text(f"This text is too long. The limit is {too_long.args[0]:,} characters.", 400)
    if target is None:
        abort(404)
    return "", 204


@bp.post("/<int:draft_id>/delete")
@user_required
def delete(draft_id: int):
    """Delete my draft; ``?back=form`` goes back to its form (the editor's "Remove it"), else to the list."""
    draft = services.get_mine(current_user.id, draft_id)
    target = registry.resolve(current_user, draft.key) if request.args.get("back") == "form" else None
    if ConfirmForm().confirmed():
        services.delete_draft(draft)
        flash("The draft is deleted.", "success")
    return redirect(target.url if target else url_for(".index"))
