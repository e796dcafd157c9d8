"""Friendly error pages: short words, a way back, never a traceback."""
from __future__ import annotations

from flask import Flask, render_template, request
from werkzeug.exceptions import HTTPException, InternalServerError

from app.extensions import db

MESSAGES = {
    400: ("Something went wrong with this request", "Please go back and try again."),
    403: ("Only teachers can do this", "This page is for the teachers of the class."),
    404: ("Page not found", "We cannot find this page. Check the address, or go back to your classes."),
    405: ("This does not work here", "Please go back and use the buttons on the page."),
    413: ("This is too big", "What you sent is too big. Please make it shorter and try again."),
    429: ("Too many tries", "Please wait a minute, then try again."),
    500: ("Sorry, something broke", "It is our fault, not yours. Please try again in a moment."),
}


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


def render_error(code: int):
    title, text = MESSAGES.get(code, MESSAGES[500])
    return render_template("errors/error.html", code=code, title=title, text=text,
                           texts=submitted_texts(code)), code


def register(app: Flask) -> None:
    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if error.code is None or error.code < 400 or request.path.startswith("/static/"):
            return error
        return render_error(error.code if error.code in MESSAGES else 400)

    @app.errorhandler(InternalServerError)
    def server_error(error):
        db.session.rollback()
        return render_error(500)
