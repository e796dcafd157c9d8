"""Preview: the exact HTML that saving would store, for the editor's Preview tab."""
from __future__ import annotations

from flask import render_template, request
from flask_wtf import FlaskForm

from app import content, throttle
from app.permissions import user_required

from . import bp


def _too_fast(seconds: int):
    """In the preview area (htmx swaps only a 2xx answer), or a page of its own."""
    return (render_template("errors/_too_fast.html", message=throttle.too_fast_message(seconds)),
            200 if request.headers.get("HX-Request") else 429)


@bp.post("/preview")
@user_required
@throttle.limited("PREVIEW_LIMIT", _too_fast)
def preview():
    """Render the posted text like a save would (htmx fragment); never stores it."""
    form = FlaskForm()
    if not form.validate_on_submit():
        return render_template("editor/_preview.html", html=None, stale=True)
    field = request.form.get("_field", "body")
    profile = request.form.get("_profile", "post")
    if profile not in content.MAX_CHARS:
        profile = "post"
    text = request.form.get(field, "")
    return render_template("editor/_preview.html", html=content.render(text, profile), stale=False)
