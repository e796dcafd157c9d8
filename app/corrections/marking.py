"""Underlining corrected words inside stored (sanitised) HTML, without breaking a tag.

The HTML is read with the standard library's parser; tags are copied as they are (they
passed the sanitiser), and every piece of text is escaped again on the way out, so the
marks never take anything from the text into the markup. A mark that spans several text
pieces (``very <em>good</em>``) is cut into one ``<mark>`` per piece. Inside a link a mark
is not a link itself (a link in a link is not allowed); elsewhere it links to the
correction. Words that are not found in the text (the writer changed them) get no mark.
Pure function, tested with hostile input in ``tests/corrections/test_marking.py``.
"""
from __future__ import annotations

import html as html_lib
from dataclasses import dataclass
from html.parser import HTMLParser

from .anchoring import occurrences


@dataclass(frozen=True)
class Mark:
    id: int
    quote: str
    #: Which place of the words in the text, from 1.
    occurrence: int
    #: Where the mark links to ("#correction-3").
    href: str
    #: Words for screen readers after the marked words ("correction: SP"), in the link's name.
    label: str = ""


class _Pieces(HTMLParser):
    """The HTML as a list of (tag markup, None) and (None, text) pieces."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.pieces: list[tuple[str | None, str | None, str]] = []

    def _text(self, text: str) -> None:
        if self.pieces and self.pieces[-1][0] is None:
            self.pieces[-1] = (None, self.pieces[-1][1] + text, "")
        else:
            self.pieces.append((None, text, ""))

    def handle_starttag(self, tag, attrs):
        self.pieces.append((self.get_starttag_text(), None, tag))

    def handle_startendtag(self, tag, attrs):
        self.pieces.append((self.get_starttag_text(), None, ""))

    def handle_endtag(self, tag):
        self.pieces.append((f"</{tag}>", None, "/" + tag))

    def handle_data(self, data):
        self._text(data)

    def handle_entityref(self, name):
        self._text(html_lib.unescape(f"&{name};"))

    def handle_charref(self, name):
        self._text(html_lib.unescape(f"&#{name};"))

    # Comments, declarations and processing instructions are dropped (the sanitiser keeps none).
    def handle_comment(self, data):
        pass

    def handle_decl(self, decl):
        pass

    def handle_pi(self, data):
        pass

    def unknown_decl(self, data):
        pass


def text_of(html: str) -> str:
    """The text of the HTML, as the marks count it."""
    return "".join(text for _, text, _ in _parse(html) if text is not None)


def _parse(html: str):
    parser = _Pieces()
    parser.feed(html)
    parser.close()
    return parser.pieces


def mark(html: str, marks: list[Mark]) -> str:
    """``html`` with each mark's words wrapped in ``<mark>`` (the first one found of
    overlapping marks wins). The output holds only the input's tags plus ``mark``,
    ``a`` (to the correction, named by the words and the label)."""
    pieces = _parse(html)
    text = "".join(t for _, t, _ in pieces if t is not None)
    ranges: list[tuple[int, int, Mark]] = []
    for m in marks:
        found = occurrences(text, m.quote)
        if len(found) < m.occurrence or m.occurrence < 1:
            continue
        s, e = found[m.occurrence - 1].span()
        if s == e or any(s < oe and os < e for os, oe, _ in ranges):
            continue
        ranges.append((s, e, m))
    ranges.sort(key=lambda r: r[0])
    out: list[str] = []
    position = 0
    links = 0  # open <a> tags around the text
    for markup, piece, tag in pieces:
        if piece is None:
            links += (tag == "a") - (tag == "/a")
            out.append(markup)
            continue
        out.append(_marked(piece, position, ranges, inside_link=links > 0))
        position += len(piece)
    return "".join(out)


def _marked(piece: str, position: int, ranges, *, inside_link: bool) -> str:
    """One text piece (starting at ``position`` of the whole text) escaped, with its marks."""
    end = position + len(piece)
    out: list[str] = []
    at = position
    for s, e, m in ranges:
        if e <= position or s >= end:
            continue
        a, b = max(s, position), min(e, end)
        out.append(html_lib.escape(piece[at - position:a - position], quote=False))
        words = html_lib.escape(piece[a - position:b - position], quote=False)
        ident = f' id="mark-{m.id}"' if a == s else ""
        if inside_link:
            out.append(f'<mark class="correction"{ident}>{words}</mark>')
        else:
            name = piece[a - position:b - position].strip() + (f" ({m.label})" if m.label else "")
            out.append(f'<a class="correction-mark" href="{html_lib.escape(m.href)}" aria-label="'
                       f'{html_lib.escape(name)}"><mark class="correction"{ident}>{words}</mark></a>')
        at = b
    out.append(html_lib.escape(piece[at - position:], quote=False))
    return "".join(out)
