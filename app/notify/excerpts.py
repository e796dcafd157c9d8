"""Short excerpts of stored posts for e-mails: plain text from the stored (sanitised) HTML."""
from __future__ import annotations

from app.search.snippets import plain_text

#: At most this many characters of a post in an e-mail.
EXCERPT_CHARS = 200


def excerpt(html: str, size: int = EXCERPT_CHARS) -> str:
    """The first ``size`` characters of the post's text, cut at a space, with "…" when cut.

    Plain text (templates escape it): never the post's HTML."""
    text = str(plain_text(html)).strip()
    if len(text) <= size:
        return text
    cut = text[:size].rsplit(" ", 1)[0] or text[:size]
    return cut.rstrip() + "…"
