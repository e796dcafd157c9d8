"""Who may do what: named, pure rules plus the decorators that apply them.

Every view declares its access level with one of the decorators here. The
route-walk test (tests/test_access.py) fails for any endpoint without one.

Levels: ``public`` (anyone), ``user`` (logged in), ``member`` (of the class in
the URL; others get 404 so the class's existence is not revealed),
``teacher`` (of that class; students get 403), ``admin`` (site admins).
"""
from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from flask import abort, current_app, g
from flask_login import current_user, login_required
from sqlalchemy import select

from app.classes.models import Classroom, Membership, Role
from app.extensions import db

LEVELS = ("public", "user", "member", "teacher", "admin")


# -- rules ------------------------------------------------------------------

def can_view_class(user, membership: Membership | None) -> bool:
    """Members and site admins see a class."""
    return membership is not None or bool(getattr(user, "is_admin", False))


def can_teach(user, membership: Membership | None) -> bool:
    """Teachers of the class (and site admins) run it."""
    return (membership is not None and membership.role == Role.TEACHER) or bool(getattr(user, "is_admin", False))


def can_get_password_link(member: Membership, teaches_a_class: bool) -> bool:
    """A teacher of the class may make a one-time password link for this member: a student of
    the class who is no site admin and teaches no class (those accounts hold other people's
    work; they use "Forgot your password?"). The view checks that the user teaches the class."""
    return member.role == Role.STUDENT and not member.user.is_admin and not teaches_a_class


def is_teacher() -> bool:
    """The current user teaches the class of this request (set by ``class_access``)."""
    return can_teach(current_user, g.get("membership"))


# -- loading ----------------------------------------------------------------

def get_class(class_id: int, user) -> tuple[Classroom, Membership | None]:
    """The class and the user's membership in one query; 404 unless visible."""
    row = db.session.execute(
        select(Classroom, Membership)
        .outerjoin(Membership, (Membership.classroom_id == Classroom.id) & (Membership.user_id == user.id))
        .where(Classroom.id == class_id)
    ).first()
    if row is None or not can_view_class(user, row[1]):
        abort(404)
    return row[0], row[1]


# -- decorators ---------------------------------------------------------------

def _mark(view: Callable, level: str) -> Callable:
    view.access = level
    return view


def public(view: Callable) -> Callable:
    """Anyone, logged in or not."""
    return _mark(view, "public")


def development_only(view: Callable) -> Callable:
    """Anyone, but only where ``DEV_OUTBOX`` is on (``make run``, tests); 404 elsewhere, so a
    server never shows it (it lists e-mails with their one-time links)."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        if not current_app.config.get("DEV_OUTBOX"):
            abort(404)
        return view(*args, **kwargs)

    return _mark(wrapped, "public")


def user_required(view: Callable) -> Callable:
    """Logged-in users; others go to the login page and come back."""
    return _mark(login_required(view), "user")


def admin_required(view: Callable) -> Callable:
    """Site admins only (others get 404)."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        if not current_user.is_admin:
            abort(404)
        return view(*args, **kwargs)

    return _mark(login_required(wrapped), "admin")


def class_access(level: str = "member") -> Callable[[Callable], Callable]:
    """Load the class named by ``class_id`` and check the user's role in it.

    The view receives ``classroom`` instead of ``class_id``; ``g.classroom`` and
    ``g.membership`` are set for templates. Non-members get 404, students 403
    on teacher pages.
    """
    if level not in ("member", "teacher"):
        raise ValueError(level)

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(*args, class_id: int, **kwargs):
            classroom, membership = get_class(class_id, current_user)
            g.classroom, g.membership = classroom, membership
            if level == "teacher" and not can_teach(current_user, membership):
                abort(403)
            return view(*args, classroom=classroom, **kwargs)

        return _mark(login_required(wrapped), level)

    return decorator


def template_globals() -> dict:
    """Helpers for templates: ``is_teacher()`` for the class being viewed."""
    return {"is_teacher": is_teacher, "can_get_password_link": can_get_password_link}


def one_click(view: Callable) -> Callable:
    """Anyone, logged in or not, and its POST needs no CSRF token: RFC 8058's one-click
    unsubscribe, which a mail program posts with no cookie and no form of ours. Only a view
    that does nothing but turn e-mails off, for a signed token in its address, may use it
    (``tests/test_access.py`` lists the views that do)."""
    view.csrf_exempt = True
    return _mark(view, "public")
