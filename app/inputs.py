"""What the app accepts from a request, checked once for every route (issue 13.4).

- **Invalid UTF-8** in the path, the query string or a form body is a 400 before any
  view runs (Werkzeug would otherwise keep such bytes as "%FF" text, or fail later).
- **NUL characters** are taken out of every query argument and form value
  (``Request.parameter_storage_class``), so what is typed is kept, on both databases:
  PostgreSQL cannot store NUL in text and would answer 500; SQLite would store it.
  An address with a NUL in it names nothing: 404.
- **Numbers** in addresses (``<int:…>``) and in query or form arguments read with
  ``type=int`` fit a 32-bit database integer (``MAX_INT``): a bigger id in an address
  is a 404 (the ``int`` converter is replaced app-wide), a bigger ``?page=`` counts as
  missing. ``to_int`` reads a number from a form field the same way.

Register with ``register(app)`` right after the ``Flask`` object is made, before the
blueprints (their rules pick their converters when they are added).
"""
from __future__ import annotations

from urllib.parse import unquote_to_bytes

from flask import Flask, Request, abort, request
from werkzeug.datastructures import ImmutableMultiDict, MultiDict
from werkzeug.routing import IntegerConverter

#: The largest id or count the database columns hold (PostgreSQL ``integer``).
MAX_INT = 2**31 - 1


def clean(text: str) -> str:
    """``text`` without NUL characters (nothing else changes)."""
    return text.replace("\x00", "") if "\x00" in text else text


def to_int(raw, default=None):
    """``raw`` as a whole number from ``-MAX_INT`` to ``MAX_INT``, else ``default``."""
    try:
        number = int(raw)
    except (TypeError, ValueError):
        return default
    return number if -MAX_INT <= number <= MAX_INT else default


class CleanMultiDict(ImmutableMultiDict):
    """Query and form arguments without NUL characters; ``get(…, type=int)`` stays in range."""

    def __init__(self, mapping=None):
        items = MultiDict(mapping).items(multi=True)
        super().__init__([(clean(key), clean(value) if isinstance(value, str) else value) for key, value in items])

    def get(self, key, default=None, type=None):  # noqa: A002 - Werkzeug's own signature
        if type is int:
            value = super().get(key)
            return default if value is None else to_int(value, default)
        return super().get(key, default, type)


class CleanRequest(Request):
    """Flask's request with ``CleanMultiDict`` for ``args`` and ``form``."""

    parameter_storage_class = CleanMultiDict


class IdConverter(IntegerConverter):
    """``<int:…>`` with a ceiling: an id the database cannot hold is a 404, not a 500."""

    def __init__(self, map, fixed_digits: int = 0, min: int | None = None, max: int | None = MAX_INT,  # noqa: A002
                 signed: bool = False) -> None:
        super().__init__(map, fixed_digits, min, max, signed)


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def check_request() -> None:
    """Refuse invalid UTF-8 (400) and addresses with NUL (404) before anything reads the request."""
    raw_path = request.environ.get("PATH_INFO", "").encode("latin-1", "replace")
    if not _is_utf8(raw_path) or not _is_utf8(unquote_to_bytes(request.query_string)):
        abort(400)
    if request.mimetype == "application/x-www-form-urlencoded" and not _is_utf8(unquote_to_bytes(request.get_data(cache=True))):
        abort(400)
    if "\x00" in request.path:
        abort(404)


def register(app: Flask) -> None:
    """Use the clean request and the bounded ``int`` converter; check every request first."""
    app.request_class = CleanRequest
    app.url_map.converters["int"] = IdConverter
    app.before_request_funcs.setdefault(None, []).insert(0, check_request)
