"""One-click unsubscribe links (RFC 8058): a signed token per (user, kind, class).

The token is signed with ``SECRET_KEY`` (itsdangerous), so it cannot be made up or changed
to name someone else, and it needs no table. It does not expire: an old e-mail's link
still stops that kind of e-mail. It holds no secret worth stealing (it only turns e-mails off).
"""
from __future__ import annotations

from typing import NamedTuple

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer

from app.mail import messages
from app.mail.rules import KINDS

_SALT = "roundtable-unsubscribe"


class Unsubscribe(NamedTuple):
    """What a link turns off."""

    user_id: int
    kind: str
    classroom_id: int | None


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=_SALT)


def make_token(user_id: int, kind: str, classroom_id: int | None = None) -> str:
    """The token for the link that stops ``kind`` e-mails (of one class) to the user."""
    if kind not in KINDS:
        raise ValueError(kind)
    return _serializer().dumps([user_id, kind, classroom_id or 0])


def read_token(token: str) -> Unsubscribe | None:
    """What the token names, or None when it is not one of ours."""
    try:
        user_id, kind, classroom_id = _serializer().loads(token)
    except (BadSignature, ValueError, TypeError):
        return None
    if not isinstance(user_id, int) or not isinstance(classroom_id, int) or kind not in KINDS:
        return None
    if kind != "digest" and not classroom_id:
        return None
    return Unsubscribe(user_id, kind, classroom_id or None)


def headers(user_id: int, kind: str, classroom_id: int | None = None) -> tuple[str, dict[str, str]]:
    """The unsubscribe address and the e-mail headers for it (``List-Unsubscribe`` and
    ``List-Unsubscribe-Post``, RFC 8058)."""
    url = messages.link("notify.unsubscribe_page", unsubscribe_token=make_token(user_id, kind, classroom_id))
    return url, {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
