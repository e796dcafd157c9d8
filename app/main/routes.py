"""The dashboard, /healthz and the admin class list."""
from __future__ import annotations

from flask import jsonify, render_template
from flask_login import current_user
from sqlalchemy import text

from app.classes import services as classes
from app.extensions import db
from app.permissions import admin_required, public

from . import bp


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
    """Answers JSON: 200 when the database answers, 503 when it does not."""
    try:
        db.session.execute(text("SELECT 1"))
    except Exception as exc:  # noqa: BLE001 - any database failure means unhealthy
        db.session.rollback()
        return jsonify(status="error", database=type(exc).__name__), 503
    return jsonify(status="ok", database="ok")


@bp.get("/admin/classes")
@admin_required
def admin_classes():
    """Every class on the site, for site admins."""
    return render_template("main/admin_classes.html", classes=classes.all_classes())
