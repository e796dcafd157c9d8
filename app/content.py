"""The writing pipeline: what students type becomes safe HTML, and words are counted.

Pure Python, no Flask or database.  ``render`` turns Markdown plus a small set of
raw HTML tags into HTML: python-markdown first, then the nh3 (ammonia) sanitiser,
which alone guarantees the allowlist.  Everything is configured once at import
(one Markdown instance per profile and thread, one ``nh3.Cleaner`` per profile).

Profiles: ``"post"`` (posts, replies, reflections, prompts) and ``"wiki"``, which
also allows headings, rules and tables.
"""
from __future__ import annotations

import html
import multiprocessing
import re
import threading
import warnings
import xml.etree.ElementTree as etree
from collections.abc import Callable

import markdown
import nh3
from markdown.preprocessors import HtmlBlockPreprocessor
from markdown.treeprocessors import Treeprocessor

#: The blog comment form's allowlist: tag -> allowed attributes, in notice order.
INLINE_ALLOWLIST: dict[str, tuple[str, ...]] = {
    "a": ("href", "title"), "abbr": ("title",), "acronym": ("title",), "b": (),
    "blockquote": ("cite",), "cite": (), "code": (), "del": ("datetime",), "em": (),
    "i": (), "q": ("cite",), "strike": (), "strong": (),
}
#: Markdown structure allowed in every profile.
BLOCK_TAGS = ("p", "br", "ul", "ol", "li", "pre")
#: Structure allowed in the wiki profile only.
WIKI_TAGS = ("h2", "h3", "h4", "hr", "table", "thead", "tbody", "tr", "th", "td")
#: Allowed elements per profile.
PROFILES: dict[str, frozenset[str]] = {
    "post": frozenset(INLINE_ALLOWLIST) | frozenset(BLOCK_TAGS),
    "wiki": frozenset(INLINE_ALLOWLIST) | frozenset(BLOCK_TAGS) | frozenset(WIKI_TAGS),
}
#: Longest accepted source, in characters, per profile.
MAX_CHARS = {"post": 20_000, "wiki": 100_000}
#: The only URL schemes allowed in ``href`` and ``cite``; relative URLs are allowed too.
URL_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow ugc noopener"
DROPPED_WITH_CONTENT = frozenset({"script", "style"})

_EXTENSIONS = {"post": ["fenced_code", "sane_lists", "nl2br"],
               "wiki": ["fenced_code", "sane_lists", "nl2br", "tables"]}
# Markdown headings: in posts they become paragraphs; in the wiki they fit h2-h4.
_HEADINGS = {"post": dict.fromkeys(("h1", "h2", "h3", "h4", "h5", "h6"), "p"),
             "wiki": {"h1": "h2", "h5": "h4", "h6": "h4"}}
_MARK = "\x01"  # stands for a "<" that must be shown as text; removed from input first


def allowlist_notice() -> str:
    """The allowlist as plain text, in the style of the blog comment form."""
    tags = " ".join("<" + "".join([tag, *(f' {a}=""' for a in attrs)]) + ">"
                    for tag, attrs in INLINE_ALLOWLIST.items())
    return "You may use these HTML tags and attributes: " + tags


# Whitespace, controls and invisible (format) characters, removed before a scheme is read.
_INVISIBLE = re.compile(r"[\s\x00-\x20\x7f-\x9f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f"
                        r"\u200b-\u200f\u2028-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufffb]+")
_SCHEME = re.compile(r"([^/?#:]*):")


def is_safe_url(value: str) -> bool:
    """True for http, https, mailto and relative URLs, however the scheme is disguised
    (entities, case, whitespace, control or invisible characters)."""
    m = _SCHEME.match(_INVISIBLE.sub("", html.unescape(value)).lower())
    return m is None or m.group(1) in URL_SCHEMES


def _attribute_filter(element: str, attribute: str, value: str) -> str | None:
    # nh3 checks href schemes itself, but not cite: check both the same way.
    if attribute == "href" or attribute == "cite":
        return value if is_safe_url(value) else None
    return value


class _Tidy(Treeprocessor):
    """Images become links to the image (no img is allowed); headings fit the profile.

    Replaces Markdown's "prettify" step, whose newlines between blocks nh3 does not
    need; only its one visible effect, trimming the end of code blocks, is kept.
    """

    def __init__(self, md: markdown.Markdown, headings: dict[str, str]):
        super().__init__(md)
        self.headings = headings

    def run(self, root: etree.Element) -> None:
        for el in root.iter():
            tag = el.tag
            if tag == "img":
                src, alt, title = el.get("src", ""), el.get("alt"), el.get("title")
                el.tag = "a"
                el.attrib = {"href": src, "title": title} if title else {"href": src}
                el.text = alt or src
            elif tag in self.headings:
                el.tag = self.headings[tag]
            elif tag == "pre" and len(el) == 1 and el[0].tag == "code" and not len(el[0]) and el[0].text:
                el[0].text = el[0].text.rstrip() + "\n"


class _HtmlBlocks(HtmlBlockPreprocessor):
    """Markdown's raw HTML block step, skipped when there is no "<": it changes nothing then."""

    def run(self, lines: list[str]) -> list[str]:
        return super().run(lines) if any("<" in line for line in lines) else lines


def _build_markdown(profile: str) -> markdown.Markdown:
    md = markdown.Markdown(extensions=_EXTENSIONS[profile], output_format="html")
    md.preprocessors.register(_HtmlBlocks(md), "html_block", 20)
    md.treeprocessors.deregister("prettify")
    md.treeprocessors.register(_Tidy(md, _HEADINGS[profile]), "roundtable_tidy", 10)
    return md


def _build_cleaner(profile: str) -> Callable[[str], str]:
    kwargs = dict(
        tags=set(PROFILES[profile]), clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes={**{t: set(a) for t, a in INLINE_ALLOWLIST.items()}, "*": set()},  # "*": no generic attributes
        attribute_filter=_attribute_filter, strip_comments=True, link_rel=LINK_REL, url_schemes=set(URL_SCHEMES))
    if hasattr(nh3, "Cleaner"):
        return nh3.Cleaner(**kwargs).clean
    return lambda text: nh3.clean(text, **kwargs)  # nh3 < 0.2.19


def _build_prepass(profile: str) -> re.Pattern[str]:
    # A "<" that starts a tag (or <!x, <?x) the profile does not allow: shown as text.
    # Kept for Markdown and nh3: allowed tags, script/style (dropped with their content
    # by nh3), comments (removed) and Markdown autolinks <http://...> and <me@example.com>.
    keep = "|".join(sorted(PROFILES[profile] | DROPPED_WITH_CONTENT, key=len, reverse=True))
    return re.compile(rf"<(?=/?[A-Za-z]|[!?])(?!/?(?:{keep})(?=[\s/>]|$)|!--|"
                      r"[A-Za-z][A-Za-z0-9+.-]*://|[^<> !]+@[^@<> ]+>)", re.IGNORECASE)


_CLEANERS = {p: _build_cleaner(p) for p in PROFILES}
_PREPASS = {p: _build_prepass(p) for p in PROFILES}
_local = threading.local()  # Markdown instances are not thread safe: one per profile and thread
_SURROGATES = re.compile(r"[\ud800-\udfff]")
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"]+", re.IGNORECASE)
_TRAILING = ".,;:!?'*_"
_NESTING = re.compile(r"<(/?)(?:a|code|pre)[\s>]", re.IGNORECASE)


def _markdown(profile: str) -> markdown.Markdown:
    md = getattr(_local, profile, None)
    if md is None:
        md = _build_markdown(profile)
        setattr(_local, profile, md)
    return md


def _trim_url(url: str) -> str:
    for stop in ("&lt;", "&gt;"):
        url = url.partition(stop)[0]
    while url and (url[-1] in _TRAILING or url[-1] == ")" and url.count("(") < url.count(")")):
        url = url[:-1]
    return url


def _linkify(text: str) -> str:
    """Bare URLs in Markdown's output become links, except inside a tag, a link,
    code or pre.  Driven by str.find: a regex scan of the whole text is slower."""
    out, pos, seen, depth = [], 0, 0, 0
    colon, www = text.find("://"), text.find("www.")
    while colon >= 0 or www >= 0:
        if www < 0 or 0 <= colon < www:
            start = colon - (5 if text[colon - 5:colon].lower() == "https" else 4)
            colon = text.find("://", colon + 3)
        else:
            start, www = www, text.find("www.", www + 4)
        if start < pos or start and (text[start - 1].isalnum() or text[start - 1] in "/.@-_"):
            continue
        if text.rfind("<", 0, start) > text.rfind(">", 0, start):  # inside a tag
            continue
        for tag in _NESTING.finditer(text, seen, start):
            depth = max(depth - 1, 0) if tag.group(1) else depth + 1
        seen = start
        m = _URL.match(text, start)
        url = _trim_url(m.group()) if m and not depth else ""
        if not url or url.endswith(("://", "www.")):
            continue
        href = url if "://" in url else "https://" + url
        out += (text[pos:start], f'<a href="{href}">{url}</a>')
        pos = start + len(url)
    out.append(text[pos:])
    return "".join(out)


#: Up to this many characters even the worst input converts in well under a second.
#: python-markdown takes quadratic time on some inputs (thousands of nested "[",
#: unclosed "<a " or "[a](" runs): 20,000 such characters take about 10 seconds.
SAFE_LENGTH = 5_000
#: Longer text converts in a child process, stopped after this many seconds; the
#: text is then shown as typed, so a post can never hold a server worker for long.
TIME_LIMIT = 5.0


def _convert(source: str, profile: str) -> str | None:
    """Markdown to HTML; None when the input breaks python-markdown or takes too long."""
    if len(source) <= SAFE_LENGTH:
        return _convert_here(source, profile)
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_convert_for_parent, args=(sender, source, profile), daemon=True)
    with warnings.catch_warnings():
        # Python 3.12+ warns that fork() in a threaded process may deadlock the
        # child; a stuck child is stopped at TIME_LIMIT like a slow one.
        warnings.simplefilter("ignore", DeprecationWarning)
        child.start()
    sender.close()
    try:
        if receiver.poll(TIME_LIMIT):
            return receiver.recv()
        return None
    except EOFError:  # the child died
        return None
    finally:
        receiver.close()
        child.kill()
        child.join()


def _convert_for_parent(sender, source: str, profile: str) -> None:
    sender.send(_convert_here(source, profile))
    sender.close()


def _convert_here(source: str, profile: str) -> str | None:
    md = _markdown(profile)
    try:
        md.reset()
        return md.convert(source)
    except Exception:  # e.g. RecursionError on absurd nesting
        setattr(_local, profile, None)  # its state is unknown: build a new one next time
        return None


def render(source: str, profile: str = "post") -> str:
    """Markdown plus allowlisted HTML -> safe HTML for ``profile`` ("post" or "wiki").

    Disallowed tags are shown as text, script/style go with their content, images
    become links, bare URLs become links, every link gets ``rel="nofollow ugc noopener"``.
    Never raises for a string; raises ValueError for an unknown profile.
    """
    if profile not in PROFILES:
        raise ValueError(f"unknown profile {profile!r}; expected one of {sorted(PROFILES)}")
    if not source:
        return ""
    if "\x00" in source or _MARK in source:
        source = source.replace("\x00", "").replace(_MARK, "")
    if "<" in source:
        source = _PREPASS[profile].sub(_MARK, source)
    text = _convert(source, profile)
    if text is None:  # absurd input: show the words as typed
        text = "<p>" + html.escape(source.replace(_MARK, "<"), quote=False).replace("\n", "<br>\n") + "</p>"
    if _MARK in text:
        text = text.replace(_MARK, "&lt;")
    if "://" in text or "www." in text:
        text = _linkify(text)
    try:
        return _CLEANERS[profile](text)
    except UnicodeEncodeError:  # lone surrogates cannot cross into nh3 (Rust strings)
        return _CLEANERS[profile](_SURROGATES.sub("\ufffd", text))


# Words: whitespace-separated tokens with at least one letter or digit, once HTML
# comments, tags and ordered-list numbers ("1." or "1)" at a line start) are taken
# out.  So `**very**`, "don't", "well-known", "3.5", a URL or an e-mail address are
# one word each, and "-", "—" or "*" alone are none.  Letters and digits are the
# Unicode categories L and N (Python's [^\W_] is exactly that set, JS's
# [\p{L}\p{N}]); whitespace is _SPACE (Python's str.isspace() set, spelled out so
# JS agrees).  static/js/words.js does the same steps: keep the two in step.
_SPACE = "\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000"
_TAG = re.compile(rf"</?[A-Za-z][A-Za-z0-9-]*(?:[{_SPACE}/][^<>]*)?>")
_LIST_NUMBER = re.compile(r"\n[ \t]*[0-9]+[.)](?=[ \t])")
_WORD = re.compile(rf"[{_SPACE}][^{_SPACE}]*?[^\W_][^{_SPACE}]*")


def count_words(text: str) -> int:
    """Count the words a reader sees in ``text`` (the source: Markdown and HTML)."""
    if not text:
        return 0
    text = "\n" + text  # every word now follows a space; every line a newline
    if "<" in text:
        if "<!--" in text:  # each comment up to the next "-->"; str.find keeps it linear
            kept, pos = [], 0
            while (start := text.find("<!--", pos)) >= 0 and (end := text.find("-->", start + 4)) >= 0:
                kept += (text[pos:start], " ")
                pos = end + 3
            text = "".join(kept) + text[pos:]
        text = _TAG.sub(" ", text)
    text = _LIST_NUMBER.sub("\n", text)
    return _WORD.subn("", text)[1]


def word_requirement_message(count: int, minimum: int | None) -> str:
    """Plain English for the editor, worded like the live counter in static/js/editor.js:
    "84 of 100 words", "120 words ✓ (100 needed)", "120 words"."""
    if minimum and count < minimum:
        return f"{count:,} of {minimum:,} words"
    text = f"{count:,} word{'' if count == 1 else 's'}"
    return f"{text} ✓ ({minimum:,} needed)" if minimum else text
