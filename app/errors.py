"""Friendly error pages: short words, a way back, never a traceback, even without the database.

When the database cannot be reached (or cannot write: a full disk, a read-only file),
the answer is a 503 with ``Retry-After``, rendered without the database: no account
menu, no class menu (both read it). Any error page whose normal rendering fails falls
back to that plain page, and that to a few lines of fixed HTML, so a student never
gets a bare "Internal Server Error".
"""
from __future__ import annotations

from flask import Flask, current_app, g, render_template, request
from markupsafe import escape
from sqlalchemy import exc as sa_exc
from werkzeug.exceptions import HTTPException, InternalServerError

from app.extensions import db, login_manager

MESSAGES = {
    400: ("Something went wrong with this request", "Please go back and try again."),
    403: ("Only teachers can do this", "This page is for the teachers of the class."),
    404: ("Page not found", "We cannot find this page. Check the address, or go back to your classes."),
    405: ("This does not work here", "Please go back and use the buttons on the page."),
    413: ("This is too big", "What you sent is too big. Please make it shorter and try again."),
    429: ("Too many tries", "Please wait a minute, then try again."),
    500: ("Sorry, something broke", "It is our fault, not yours. Please try again in a moment."),
    503: ("Roundtable is not working just now",
          "We cannot reach our database, so nothing can be shown or saved. Please try again in a minute."),
}

#: The database is unreachable or refuses to write: worth trying again soon (503).
DATABASE_DOWN = (sa_exc.OperationalError, sa_exc.InterfaceError, sa_exc.TimeoutError)
#: Seconds a client is asked to wait after a 503.
RETRY_AFTER = 30

#: Answers after which a form's text would be lost: the error page shows it to copy.
KEEPS_TEXT = {429} | set(range(500, 600))


def submitted_texts(code: int) -> list[str]:
    """The editor texts of the POST that failed (each editor names its field in ``_editor``),
    read from the request alone, so the page shows them even without the database."""
    if code not in KEEPS_TEXT or request.method != "POST":
        return []
    try:
        form = request.form
    except Exception:  # noqa: BLE001 - a body that cannot be read has nothing to show
        return []
    texts = (form.get(name, "") for name in dict.fromkeys(form.getlist("_editor")[:5]))
    return [text for text in texts if text.strip()]


_LAST_RESORT = ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title} · Roundtable</title>"
                "</head><body><main><h1>{title}</h1><p>{text}</p><p>Error {code}</p>{texts}</main></body></html>")
_LAST_RESORT_TEXT = ("<p>Your text was not saved. Copy it before you leave this page.</p>"
                     "<textarea aria-label=\"Your text\" rows=\"10\" readonly>\n{}</textarea>")


def render_error(code: int, *, plain: bool = False):
    """The error page for ``code``; ``plain`` leaves out everything that needs the database."""
    title, text = MESSAGES.get(code, MESSAGES[500])
    texts = submitted_texts(code)
    for bare in (plain, True) if not plain else (True,):
        if bare and "_login_user" not in g:
            g._login_user = login_manager.anonymous_user()  # Flask-Login would load the user from the database
        try:
            return render_template("errors/error.html", code=code, title=title, text=text, plain=bare,
                                   texts=texts), code
        except Exception:  # noqa: BLE001 - an error page must answer whatever broke
            current_app.logger.exception("error page %s could not render (plain=%s)", code, bare)
            _forget_the_session()
    kept = "".join(_LAST_RESORT_TEXT.format(escape(t)) for t in texts)
    return (_LAST_RESORT.format(code=code, title=title, text=text, texts=kept), code,
            {"Content-Type": "text/html; charset=utf-8"})


def _forget_the_session() -> None:
    try:
        db.session.rollback()
    except Exception:  # noqa: BLE001 - the connection may be gone; nothing is left to undo
        current_app.logger.warning("rollback failed after an error", exc_info=True)


def database_down(error: Exception):
    """503 with Retry-After, without touching the database."""
    current_app.logger.error("database unavailable: %s", error)
    _forget_the_session()
    body, code, *headers = render_error(503, plain=True)
    return body, code, {**(headers[0] if headers else {}), "Retry-After": str(RETRY_AFTER)}


def register(app: Flask) -> None:
    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if error.code is None or error.code < 400 or request.path.startswith("/static/"):
            return error
        return render_error(error.code if error.code in MESSAGES else 400)

    @app.errorhandler(InternalServerError)
    def server_error(error: InternalServerError):
        # Also what an exception after the view (a failed commit) ends in.
        if isinstance(error.original_exception, DATABASE_DOWN):
            return database_down(error.original_exception)
        _forget_the_session()
        return render_error(500)

    for kind in DATABASE_DOWN:
        app.register_error_handler(kind, database_down)
