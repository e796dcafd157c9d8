"""The class search page: a form, then wiki pages and posts that match, 20 at a time."""
from __future__ import annotations

from flask import render_template, request
from flask_login import current_user

from app import throttle
from app.classes.models import Classroom
from app.permissions import class_access, is_teacher

from . import bp, queries

TOO_SHORT = f"Type at least {queries.MIN_CHARS} letters."


@bp.get("/classes/<int:class_id>/search")
@class_access("member")
def results(classroom: Classroom):
    """Search the class (``q``, ``page``, ``order``: relevance or newest): without ``q`` only the form; a query that is too
    short gets a message and no search, and so does one past ``SEARCH_LIMIT_PER_…`` (429).
    Non-members get 404."""
    q = request.args.get("q", "")
    error = TOO_SHORT if "q" in request.args and queries.is_too_short(q) else None
    wait = throttle.hit_per_user_and_address("SEARCH_LIMIT") if q and not error else 0
    order = request.args.get("order", "relevance")
    order = order if order in queries.ORDERS else "relevance"
    found = None
    if wait:
        error = throttle.too_fast_message(wait)
    elif q and not error:
        found = queries.search(classroom.id, q, current_user, is_teacher(),
                               request.args.get("page", 1, type=int), order)
    return render_template("search/results.html", classroom=classroom, q=q.strip(), error=error,
                           found=found, order=order, orders=queries.ORDERS), 429 if wait else 200
