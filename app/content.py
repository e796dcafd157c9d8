"""The writing pipeline: what students type becomes safe HTML, and words are counted.

Pure Python, no Flask or database.  ``render`` turns Markdown plus a small set of
raw HTML tags into HTML: markdown-it-py (CommonMark) first, then the nh3 (ammonia)
sanitiser, which alone guarantees the allowlist.  Everything is configured once at
import (one parser and one ``nh3.Cleaner`` per profile).

Profiles: ``"post"`` (posts, replies, reflections, prompts) and ``"wiki"``, which
also allows headings, rules and tables.  ``MAX_CHARS`` is the one length limit per
profile: saving and the preview both refuse longer text (``too_long``).

Why markdown-it-py: it parses in time linear in the length of the text, whatever
the text (CommonMark's parsing rules were designed for that), so the limits above
are enough to bound a request.  python-markdown, used before, takes quadratic time on
short hostile input (5,000 "[" took 5 s) and needed a child process with a time
limit for almost everything.
"""
from __future__ import annotations

import html
import multiprocessing
import re
import warnings
from collections.abc import Callable

import nh3
from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.rules_core import StateCore

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
#: Longest accepted source, in characters, per profile: the one limit for saving and preview.
MAX_CHARS = {"post": 20_000, "wiki": 100_000}
#: The only URL schemes allowed in ``href`` and ``cite``; relative URLs are allowed too.
URL_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow ugc noopener"
DROPPED_WITH_CONTENT = frozenset({"script", "style"})

# Markdown headings: in posts they become paragraphs; in the wiki they fit h2-h4.
_HEADINGS = {"post": dict.fromkeys(("h1", "h2", "h3", "h4", "h5", "h6"), "p"),
             "wiki": {"h1": "h2", "h5": "h4", "h6": "h4"}}
_MARK = "\x01"  # stands for a "<" that must be shown as text; removed from input first
#: Blocks (quotes, lists) nested deeper than this are not Markdown any more: the text is shown as typed.
MAX_NESTING = 20


def allowlist_notice() -> str:
    """The allowlist as plain text, in the style of the blog comment form."""
    tags = " ".join("<" + "".join([tag, *(f' {a}=""' for a in attrs)]) + ">"
                    for tag, attrs in INLINE_ALLOWLIST.items())
    return "You may use these HTML tags and attributes: " + tags


def too_long(text: str, profile: str) -> str | None:
    """Why ``text`` cannot be saved or previewed in ``profile`` (it passes the limit), or None."""
    limit = MAX_CHARS[profile]
    if len(text) <= limit:
        return None
    return (f"This text is too long: {len(text):,} characters. The limit is {limit:,}. "
            "Please make it shorter. Your text is still here.")


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


def _image_as_link(self, tokens, idx, options, env) -> str:
    """Images become links to the image (no img is allowed), with the alt text as words."""
    token = tokens[idx]
    src, title = token.attrGet("src") or "", token.attrGet("title")
    words = self.renderInlineAsText(token.children or [], options, env) or src
    title_attr = f' title="{escapeHtml(str(title))}"' if title else ""
    return f'<a href="{escapeHtml(str(src))}"{title_attr}>{escapeHtml(words)}</a>'


def _tidy(headings: dict[str, str]) -> Callable[[StateCore], None]:
    """Headings fit the profile; no newline between blocks (nh3 does not need them, and
    the words a reader sees stay exactly the words typed). Notes in ``env["too_deep"]``
    when blocks nest so deep that markdown-it skipped what is inside."""
    def rule(state: StateCore) -> None:
        for token in state.tokens:
            token.block = False
            if token.nesting == 1 and token.level >= MAX_NESTING - 1:
                state.env["too_deep"] = True
            elif token.type in ("heading_open", "heading_close") and token.tag in headings:
                token.tag = headings[token.tag]
    return rule


def _without_newline_after(rule):
    def render(self, tokens, idx, options, env) -> str:
        return rule(tokens, idx, options, env).rstrip("\n")
    return render


def _build_markdown(profile: str) -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True, "breaks": True, "xhtmlOut": False, "maxNesting": MAX_NESTING})
    if profile == "wiki":
        md.enable("table")
    # Every URL goes to nh3, which drops the unsafe ones and keeps the link's words
    # (markdown-it would show "[words](javascript:...)" as typed instead).
    md.validateLink = lambda url: True
    md.add_render_rule("image", _image_as_link)
    for name in ("code_block", "fence"):  # no newline after </pre> either
        md.add_render_rule(name, _without_newline_after(md.renderer.rules[name]))
    md.core.ruler.push("roundtable_tidy", _tidy(_HEADINGS[profile]))
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


_MARKDOWN = {p: _build_markdown(p) for p in PROFILES}  # no state between calls: safe in threads
_CLEANERS = {p: _build_cleaner(p) for p in PROFILES}
_PREPASS = {p: _build_prepass(p) for p in PROFILES}
_SURROGATES = re.compile(r"[\ud800-\udfff]")
# A bare URL: not after a letter, digit or one of /.@-_ (so not "awww.x" or "me@www.x"),
# up to a space, a quote or an escaped "<" or ">".
_URL = re.compile(r"(?<![\w/.@-])(?:https?://|www\.)(?:[^\s<>\"&]|&(?!lt;|gt;))+", re.IGNORECASE)
_URL_START = re.compile(r"(?:https?://|www\.)[^.,;:!?'*_()]", re.IGNORECASE)
_TRAILING = ".,;:!?'*_"
_NESTING = re.compile(r"<(/?)(?:a|code|pre)[\s>]", re.IGNORECASE)


def _trim_url(url: str) -> str:
    """The URL without what ends the sentence around it: end punctuation and any ")" that
    closes no "(" of the URL. Linear: the brackets are counted once."""
    opened, closed = url.count("("), url.count(")")
    end = len(url)
    while end and (url[end - 1] in _TRAILING or url[end - 1] == ")" and opened < closed):
        closed -= url[end - 1] == ")"
        end -= 1
    return url[:end]


def _linkify(text: str) -> str:
    """Bare URLs in Markdown's output become links, except inside a tag, a link, code
    or pre.  Linear: between two URLs the text is read once, to follow tags."""
    out, pos, seen, last_open, last_close, depth = [], 0, 0, -1, -1, 0
    for m in _URL.finditer(text):
        start = m.start()
        last_open = max(last_open, text.rfind("<", seen, start))
        last_close = max(last_close, text.rfind(">", seen, start))
        for tag in _NESTING.finditer(text, seen, start):
            depth = max(depth - 1, 0) if tag.group(1) else depth + 1
        seen = m.end()  # a URL holds no "<" or ">"
        if last_open > last_close or depth:  # inside a tag, or a link, code or pre
            continue
        url = _trim_url(m.group())
        if not _URL_START.match(url):  # nothing after "https://" or "www."
            continue
        href = url if "://" in url else "https://" + url
        out += (text[pos:start], f'<a href="{href}">{url}</a>')
        pos = start + len(url)
    out.append(text[pos:])
    return "".join(out)


#: Up to this many characters even the worst input converts in about 0.1 s here
#: (markdown-it-py is linear, but pure Python: 20,000 "![" take about 0.4 s, more on a busy machine).
SAFE_LENGTH = 5_000
#: Longer text converts in a child process, stopped after this many seconds of
#: wall-clock time, however busy the machine; the text is then shown as typed, so a
#: request never holds a worker for long. Normal text of 100,000 characters converts in
#: about 0.1 s, so only absurd text is stopped.
TIME_LIMIT = 1.0


def _convert(source: str, profile: str) -> str | None:
    """Markdown to HTML with bare URLs linked; None when the input is absurd or takes too long."""
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
    md = _MARKDOWN[profile]
    try:
        env: dict = {}
        tokens = md.parse(source, env)
        if env.get("too_deep"):  # markdown-it skipped the inside: show the text as typed instead
            return None
        text = md.renderer.render(tokens, md.options, env)
    except Exception:  # e.g. RecursionError on absurd nesting
        return None
    if _MARK in text:
        text = text.replace(_MARK, "&lt;")
    if "://" in text or "www." in text.lower():
        text = _linkify(text)
    return text


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
