"""An independent check of rendered HTML, shared by the XSS corpus and property tests.

The allowlist is written out here from the spec, not imported from app.content, so a
mistake in the module's constants is caught too.  The HTML is parsed with the
standard library's HTMLParser; ``problems(html, profile)`` lists what is wrong.
"""
from __future__ import annotations

import html
import unicodedata
from html.parser import HTMLParser

INLINE = {
    "a": {"href", "title"}, "abbr": {"title"}, "acronym": {"title"}, "b": set(),
    "blockquote": {"cite"}, "cite": set(), "code": set(), "del": {"datetime"}, "em": set(),
    "i": set(), "q": {"cite"}, "strike": set(), "strong": set(),
}
STRUCTURE = {"p", "br", "ul", "ol", "li", "pre"}
WIKI_ONLY = {"h2", "h3", "h4", "hr", "table", "thead", "tbody", "tr", "th", "td"}
ELEMENTS = {"post": set(INLINE) | STRUCTURE, "wiki": set(INLINE) | STRUCTURE | WIKI_ONLY}
REL = "nofollow ugc noopener"
SAFE_SCHEMES = {"http", "https", "mailto"}
BREAKS = (STRUCTURE | WIKI_ONLY | {"blockquote"}) - {"pre"}  # elements that separate words


def url_scheme(value: str) -> str | None:
    """The scheme a browser could see in ``value`` (None for a relative URL).

    Entities are decoded once more, then every control, format (invisible) and
    whitespace character is removed, and the result is lowercased.
    """
    value = html.unescape(value)
    value = "".join(ch for ch in value if not ch.isspace() and unicodedata.category(ch) not in ("Cc", "Cf", "Zs", "Zl", "Zp"))
    value = value.lower()
    end = min([i for i in (value.find(c) for c in "/?#") if i >= 0], default=len(value))
    colon = value.find(":", 0, end)
    return None if colon < 0 else value[:colon]


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.end_tags: list[str] = []
        self.other: list[str] = []
        self.text: list[str] = []
        self.spaced: list[str] = []  # the text, with a space where a line or block breaks

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, attrs))
        if tag in BREAKS:
            self.spaced.append(" ")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        self.end_tags.append(tag)
        if tag in BREAKS:
            self.spaced.append(" ")

    def handle_data(self, data):
        self.text.append(data)
        self.spaced.append(data)

    def handle_comment(self, data):
        self.other.append(f"comment <!--{data}-->")

    def handle_decl(self, decl):
        self.other.append(f"declaration <!{decl}>")

    def handle_pi(self, data):
        self.other.append(f"processing instruction <?{data}>")

    def unknown_decl(self, data):
        self.other.append(f"unknown declaration {data!r}")


def parse(rendered: str) -> _Collector:
    collector = _Collector()
    collector.feed(rendered)
    collector.close()
    return collector


def visible_text(rendered: str) -> str:
    """The text a reader sees (entities decoded)."""
    return "".join(parse(rendered).text)


def visible_words(rendered: str) -> list[str]:
    """The words a reader sees: blocks and line breaks separate words."""
    return "".join(parse(rendered).spaced).split()


def problems(rendered: str, profile: str) -> list[str]:
    """Everything in ``rendered`` that is outside the profile's allowlist."""
    allowed = ELEMENTS[profile]
    doc = parse(rendered)
    found = list(doc.other)
    found += [f"end tag </{tag}>" for tag in doc.end_tags if tag not in allowed]
    for tag, attrs in doc.elements:
        if tag not in allowed:
            found.append(f"element <{tag}>")
            continue
        if tag == "a" and ("rel", REL) not in attrs:
            found.append(f"<a> without rel={REL!r}")
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                found.append(f"event handler {name} on <{tag}>")
            elif tag == "a" and name == "rel":
                if value != REL:
                    found.append(f"rel={value!r} on <a>")
            elif name not in INLINE.get(tag, set()):
                found.append(f"attribute {name} on <{tag}>")
            elif name in ("href", "cite") and url_scheme(value) not in (None, *SAFE_SCHEMES):
                found.append(f"{name}={value!r} on <{tag}> (scheme {url_scheme(value)!r})")
    return found
