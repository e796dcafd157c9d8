"""Snippets: a short piece of plain text around the first match, the matched words marked.

Every piece of user text is escaped on its own and only our ``<mark>`` tags are
added around escaped matches, so user text can never become HTML (and a word
typed by the searcher never matches inside an entity such as ``&lt;``).
"""
from __future__ import annotations

import re

from markupsafe import Markup, escape

#: About this many characters of text in a snippet.
SNIPPET_CHARS = 200


#: Where one block of text ends: a space keeps the words apart once the tags are gone.
_BLOCK_END = re.compile(r"(</(?:p|li|h[1-6]|blockquote|pre|td|th|tr|dd|dt)>|<br\s*/?>|<hr\s*/?>)", re.IGNORECASE)


def plain_text(html: str) -> str:
    """The text of stored (sanitised) HTML, tags removed, entities decoded, spaces collapsed."""
    return Markup(_BLOCK_END.sub(r"\1 ", html or "")).striptags()


def word_pattern(words: list[str]) -> re.Pattern | None:
    """A case-insensitive pattern for any of ``words`` (longest first), or None without words."""
    words = [w for w in words if w]
    if not words:
        return None
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)), re.IGNORECASE)


def snippet(text: str, words: list[str], size: int = SNIPPET_CHARS) -> Markup:
    """About ``size`` characters of ``text`` around the first match, with every match in
    ``<mark>``; "…" where text was cut. The start of the text when nothing matches."""
    pattern = word_pattern(words)
    first = pattern.search(text) if pattern else None
    start, end = _window(text, first.start() if first else 0, first.end() if first else 0, size)
    piece = text[start:end]
    out = Markup("…") if start > 0 else Markup("")
    done = 0
    for match in (pattern.finditer(piece) if pattern else ()):
        out += escape(piece[done:match.start()]) + Markup("<mark>{}</mark>").format(match.group())
        done = match.end()
    out += escape(piece[done:])
    if end < len(text):
        out += Markup("…")
    return out


def _window(text: str, match_start: int, match_end: int, size: int) -> tuple[int, int]:
    """Start and end of about ``size`` characters showing the match, cut between words where possible."""
    if len(text) <= size:
        return 0, len(text)
    start = max(0, min(match_start - size // 3, len(text) - size))
    if start > 0:
        space = text.find(" ", start, match_start)
        if space != -1:
            start = space + 1
    end = min(len(text), start + size)
    if end < len(text):
        space = text.rfind(" ", max(match_end, start + 1), end)
        if space != -1:
            end = space
    return start, end
