"""Snippets: a short piece of plain text around the first match, the matched words marked.

A word matches when its term is one the query looks for (``app.search.words``), so
"practise" is marked for the query "practice", and "ice" is never marked inside
"practice". Every piece of user text is escaped on its own and only our ``<mark>``
tags are added around escaped words, so user text can never become HTML (and a word
typed by the searcher never matches inside an entity such as ``&lt;``).
"""
from __future__ import annotations

import re
from collections.abc import Collection

from markupsafe import Markup, escape

from . import words

#: About this many characters of text in a snippet.
SNIPPET_CHARS = 200


#: Where one block of text ends: a space keeps the words apart once the tags are gone.
_BLOCK_END = re.compile(r"(</(?:p|li|h[1-6]|blockquote|pre|td|th|tr|dd|dt)>|<br\s*/?>|<hr\s*/?>)", re.IGNORECASE)


def plain_text(html: str) -> str:
    """The text of stored (sanitised) HTML, tags removed, entities decoded, spaces collapsed."""
    return Markup(_BLOCK_END.sub(r"\1 ", html or "")).striptags()


def _matches(text: str, terms: Collection[str]):
    return (m for m in words.find_words(text) if words.term(words.small(m.group())) in terms)


def snippet(text: str, terms: Collection[str], size: int = SNIPPET_CHARS) -> Markup:
    """About ``size`` characters of ``text`` around the first word whose term is in ``terms``,
    with every such word in ``<mark>``; "…" where text was cut. The start of the text when
    nothing matches."""
    first = next(_matches(text, terms), None) if terms else None
    start, end = _window(text, first.start() if first else 0, first.end() if first else 0, size)
    piece = text[start:end]
    out = Markup("…") if start > 0 else Markup("")
    done = 0
    for match in (_matches(piece, terms) if terms else ()):
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
