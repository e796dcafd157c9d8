"""The dashboard, /healthz and the admin class list."""
from __future__ import annotations

from flask import jsonify, render_template
from flask_login import current_user

from app.classes import services as classes
from app.errors import RETRY_AFTER
from app.permissions import admin_required, public

from . import bp, health


@bp.get("/")
@public
def index():
    """My classes when logged in; a short welcome otherwise."""
    if not current_user.is_authenticated:
        return render_template("main/welcome.html")
    return render_template("main/dashboard.html", classes=classes.classes_of(current_user))


@bp.get("/healthz")
@public
def healthz():
    """Answers JSON: 200 when the database answers and writes; 503 saying
    ``"database": "unreachable"`` or ``"cannot write"`` (and the error's kind) when not."""
    state, detail = health.database_state()
    if state != health.OK:
        return jsonify(status="error", database=state, error=detail), 503, {"Retry-After": str(RETRY_AFTER)}
    return jsonify(status="ok", database="ok")


@bp.get("/admin/classes")
@admin_required
def admin_classes():
    """Every class on the site, for site admins."""
    return render_template("main/admin_classes.html", classes=classes.all_classes())
