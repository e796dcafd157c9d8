"""render(): Markdown plus allowlisted HTML in, safe HTML out, and the student's words kept."""
from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from app import content
from app.content import allowlist_notice, render
from tests.content.safety import ELEMENTS, INLINE, REL, parse, problems, visible_text

ATTRIBUTE_VALUES = {"href": "https://example.com/page", "title": "A title", "cite": "https://example.com/source",
                    "datetime": "2024-05-01"}
UNLISTED = {"onclick": "alert(1)", "style": "color: red", "class": "big", "id": "main", "lang": "en", "data-x": "1"}


def elements(rendered: str) -> list[tuple[str, dict[str, str | None]]]:
    return [(tag, dict(attrs)) for tag, attrs in parse(rendered).elements]


def only(rendered: str, tag: str) -> dict[str, str | None]:
    found = [attrs for name, attrs in elements(rendered) if name == tag]
    assert len(found) == 1, f"expected one <{tag}> in {rendered!r}"
    return found[0]


def test_allowlist_constant_is_the_blog_comment_allowlist():
    assert {tag: set(attrs) for tag, attrs in content.INLINE_ALLOWLIST.items()} == INLINE
    assert list(content.INLINE_ALLOWLIST) == sorted(INLINE)
    assert {p: set(tags) for p, tags in content.PROFILES.items()} == ELEMENTS


def test_allowlist_notice():
    assert allowlist_notice() == (
        'You may use these HTML tags and attributes: <a href="" title=""> <abbr title=""> <acronym title=""> <b> '
        '<blockquote cite=""> <cite> <code> <del datetime=""> <em> <i> <q cite=""> <strike> <strong>')


@pytest.mark.parametrize("profile", ["post", "wiki"])
@pytest.mark.parametrize("tag", sorted(INLINE))
def test_allowed_tag_keeps_allowed_attributes_and_drops_others(tag, profile):
    attrs = " ".join(f'{name}="{ATTRIBUTE_VALUES[name]}"' for name in INLINE[tag])
    unlisted = " ".join(f'{name}="{value}"' for name, value in UNLISTED.items())
    rendered = render(f"Some <{tag} {attrs} {unlisted}>words</{tag}> here.", profile)
    expected = {name: ATTRIBUTE_VALUES[name] for name in INLINE[tag]}
    if tag == "a":
        expected["rel"] = REL
    assert only(rendered, tag) == expected
    assert "Some" in visible_text(rendered) and "words" in visible_text(rendered)
    assert problems(rendered, profile) == []


@pytest.mark.parametrize("profile", ["post", "wiki"])
@pytest.mark.parametrize("markup", ["<p>one</p>", "line<br>break", "<ul><li>one</li></ul>", "<ol><li>one</li></ol>",
                                    "<pre>code</pre>"])
def test_structure_tags_allowed_in_every_profile(markup, profile):
    rendered = render(markup, profile)
    tags = {tag for tag, _ in elements(rendered)}
    assert {tag for tag in ("p", "br", "ul", "ol", "li", "pre") if f"<{tag}>" in markup} <= tags


@pytest.mark.parametrize("markup, tag", [("<h2>Heading</h2>", "h2"), ("<h3>Heading</h3>", "h3"), ("<h4>Heading</h4>", "h4"),
                                         ("words<hr>Heading", "hr"),
                                         ("<table><tr><td>Heading</td></tr></table>", "table")])
def test_wiki_structure_only_in_wiki(markup, tag):
    wiki, post = render(markup, "wiki"), render(markup, "post")
    assert tag in {t for t, _ in elements(wiki)}
    assert tag not in {t for t, _ in elements(post)}
    assert "Heading" in visible_text(post)
    assert problems(post, "post") == [] and problems(wiki, "wiki") == []


def test_markdown_table_and_headings_by_profile():
    source = "# Title\n\n## Part\n\n| Name | Age |\n|---|---|\n| Ana | 20 |"
    wiki = [tag for tag, _ in elements(render(source, "wiki"))]
    assert wiki[:2] == ["h2", "h2"] and {"table", "thead", "tbody", "th", "td"} <= set(wiki)
    post = render(source, "post")
    assert {tag for tag, _ in elements(post)} <= {"p", "br"}
    assert all(word in visible_text(post) for word in ("Title", "Part", "Name", "Ana", "20"))


@pytest.mark.parametrize("source, visible", [
    ("I <3 English", "I <3 English"),
    ("x < 5 and y > 3", "x < 5 and y > 3"),
    ("if a<b, then b>a", "if a<b, then b>a"),
    ("5<b", "5<b"),
    ("<u>hi</u> there", "<u>hi</u> there"),
    ('<span style="color:red">red</span>', '<span style="color:red">red</span>'),
    ("<div>block</div>", "<div>block</div>"),
    ("<font size=7>big</font>", "<font size=7>big</font>"),
    ("<h1>Title</h1>", "<h1>Title</h1>"),
    ("<img src=cat.jpg> my cat", "<img src=cat.jpg> my cat"),
    ("Use <br/> or <hr/>.", "Use  or <hr/>."),
    ("Tom & Jerry &amp; me", "Tom & Jerry & me"),
    ("`<u>code</u>`", "<u>code</u>"),
    ("    <div>indented code</div>", "<div>indented code</div>\n"),
    ("```\n<marquee>fenced</marquee> <b>x</b>\n```", "<marquee>fenced</marquee> <b>x</b>\n"),
    ("<!DOCTYPE html> and <?php echo 1; ?>", "<!DOCTYPE html> and <?php echo 1; ?>"),
])
def test_text_that_looks_like_markup_stays_as_typed(source, visible):
    rendered = render(source)
    assert visible_text(rendered) == visible
    assert problems(rendered, "post") == []


def test_disallowed_tag_inside_allowed_markup_is_shown():
    rendered = render("<blockquote><u>quoted</u> words</blockquote>")
    assert [tag for tag, _ in elements(rendered)] == ["blockquote"]
    assert visible_text(rendered) == "<u>quoted</u> words"


def test_markdown_formatting():
    rendered = render("**very** good and *nice*\nnext line\n\n- one\n- two\n\n1. first\n\n> quoted")
    assert [tag for tag, _ in elements(rendered)] == ["p", "strong", "em", "br", "ul", "li", "li", "ol", "li", "blockquote", "p"]


@pytest.mark.parametrize("source", [
    "before <script>alert('gone')</script> after",
    "before\n\n<script>\nalert('gone')\n</script>\n\nafter",
    "before <style>body { display: none } gone</style> after",
    "before <SCRIPT SRC=//evil.example/x.js>gone</SCRIPT> after",
    "before <!-- gone --> after",
    "before\n\n<!--\ngone\n-->\n\nafter",
])
def test_script_style_and_comments_dropped_with_content(source):
    rendered = render(source)
    text = visible_text(rendered)
    assert "before" in text and "after" in text and "gone" not in text and "alert" not in text
    assert problems(rendered, "post") == []


@pytest.mark.parametrize("source", [
    '<a href="https://example.com">link</a>', "[link](https://example.com)", "<https://example.com>",
    "https://example.com", '<a href="/wiki/page">link</a>', "[mail](mailto:teacher@example.com)",
])
def test_links_get_rel(source):
    rendered = render(source)
    assert only(rendered, "a")["rel"] == REL


def test_relative_and_mailto_links_kept():
    assert only(render("[page](/classes/3/wiki/Verbs)"), "a")["href"] == "/classes/3/wiki/Verbs"
    assert only(render("[top](#top)"), "a")["href"] == "#top"
    assert only(render("<me@example.com>"), "a")["href"] == "mailto:me@example.com"


@pytest.mark.parametrize("source, href, text, title", [
    ("![A cat](https://example.com/cat.jpg)", "https://example.com/cat.jpg", "A cat", None),
    ("![](https://example.com/cat.jpg)", "https://example.com/cat.jpg", "https://example.com/cat.jpg", None),
    ('![Cat](/static/cat.png "My cat")', "/static/cat.png", "Cat", "My cat"),
    ("![cat][pic]\n\n[pic]: https://example.com/c.png", "https://example.com/c.png", "cat", None),
])
def test_images_become_links(source, href, text, title):
    rendered = render(source)
    assert "img" not in {tag for tag, _ in elements(rendered)}
    attrs = only(rendered, "a")
    assert attrs.get("href") == href and attrs.get("title") == title
    assert visible_text(rendered) == text


def test_image_with_bad_url_keeps_its_words():
    rendered = render("![my picture](javascript:alert(1))")
    assert only(rendered, "a") == {"rel": REL}
    assert visible_text(rendered) == "my picture"


@pytest.mark.parametrize("source, hrefs, text", [
    ("Visit https://example.com/page.", ["https://example.com/page"], "Visit https://example.com/page."),
    ("see www.example.org, then", ["https://www.example.org"], "see www.example.org, then"),
    ("(https://en.wikipedia.org/wiki/Rome_(city)) ok", ["https://en.wikipedia.org/wiki/Rome_(city)"],
     "(https://en.wikipedia.org/wiki/Rome_(city)) ok"),
    ("http://a.example/?q=1&x=2 and HTTPS://B.EXAMPLE", ["http://a.example/?q=1&x=2", "HTTPS://B.EXAMPLE"],
     "http://a.example/?q=1&x=2 and HTTPS://B.EXAMPLE"),
    ("**https://example.com**", ["https://example.com"], "https://example.com"),
    ('<a href="https://example.com">https://example.com</a>', ["https://example.com"], "https://example.com"),
    ('<a href="https://x.example">see www.example.com <b>https://y.example</b></a>', ["https://x.example"],
     "see www.example.com https://y.example"),
    ("[https://example.com](https://example.com)", ["https://example.com"], "https://example.com"),
    ("<https://example.com>", ["https://example.com"], "https://example.com"),
    ("`https://example.com`", [], "https://example.com"),
    ("```\nhttps://example.com\n```", [], "https://example.com\n"),
    ('<q cite="https://example.com/q">quote https://example.com/r</q>', ["https://example.com/r"],
     "quote https://example.com/r"),
    ("ftp://example.com and javascript://example.com", [], "ftp://example.com and javascript://example.com"),
    ("awww.example.com and x@www.example.com", [], "awww.example.com and x@www.example.com"),
])
def test_bare_urls_become_links_once(source, hrefs, text):
    rendered = render(source)
    assert [attrs.get("href") for tag, attrs in elements(rendered) if tag == "a"] == hrefs
    assert visible_text(rendered) == text
    assert problems(rendered, "post") == []


# Classic XSS vectors; each must come out inside the allowlist (see safety.problems).
XSS = [
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href=" javascript:alert(1)">x</a>',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    '<a href="jav&#x0A;ascript:alert(1)">x</a>',
    '<a href="jav\tascript:alert(1)">x</a>',
    '<a href="jav\nascript:alert(1)">x</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
    '<a href="&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A;alert(1)">x</a>',
    '<a href="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1)">x</a>',
    '<a href="javascript&colon;alert(1)">x</a>',
    '<a href="java\u200bscript:alert(1)">x</a>',
    '<a href="\x01javascript:alert(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="javascript://%0aalert(1)">x</a>',
    '<blockquote cite="javascript:alert(1)">q</blockquote>',
    '<q cite="&#106;avascript:alert(1)">q</q>',
    '<q cite="JAVA&Tab;SCRIPT:alert(1)">q</q>',
    '<blockquote cite="data:text/html,<script>alert(1)</script>">q</blockquote>',
    '<a href="https://ok.example" onclick="alert(1)" onmouseover="alert(1)">x</a>',
    "<b onmouseover=alert(1)>x</b>",
    "<svg/onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<img src=x onerror=alert(1)>",
    '<IMG SRC="javascript:alert(1)">',
    '<iframe src="javascript:alert(1)"></iframe>',
    "<iframe srcdoc='<script>alert(1)</script>'></iframe>",
    "<body onload=alert(1)>",
    '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
    '<object data="javascript:alert(1)"></object>',
    '<form><button formaction="javascript:alert(1)">x</button></form>',
    '<a href="https://ok.example" style="background:url(javascript:alert(1))">x</a>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    '<<script>alert(1);//<</script>',
    "[x](javascript:alert(1))",
    "[x](JAVASCRIPT:alert(1))",
    "[x](javascript&#58;alert(1))",
    "[x]( javascript:alert(1) )",
    "<javascript:alert(1)>",
    "![x](javascript:alert(1))",
    '[x](https://ok.example "onmouseover=alert(1)")',
    '[x][r]\n\n[r]: javascript:alert(1)',
    '<a href="https://ok.example"><script>alert(1)</script></a>',
    '<a title="x" href="&#x6a;avascript:alert(1)">x</a>',
    '<abbr title="&quot; onmouseover=&quot;alert(1)">x</abbr>',
    '<del datetime="2024" onclick="alert(1)">x</del>',
]


@pytest.mark.parametrize("profile", ["post", "wiki"])
@pytest.mark.parametrize("vector", XSS)
def test_classic_xss_vectors_are_safe(vector, profile):
    rendered = render(vector, profile)
    assert problems(rendered, profile) == [], rendered


def test_unknown_profile_raises():
    with pytest.raises(ValueError):
        render("hello", "comment")


@pytest.mark.parametrize("source", ["", "\x00", "a\x00b", "\x01<u>x</u>", "a\ud800b", "\udfff<b>x</b>", "\ufeff\u202e",
                                    "[" * 50 + "x", "> " * 200 + "deep", "- " * 200 + "x", "<" * 1000, "&#" * 500,
                                    "*" * 2000 + "x", "`" * 999])
def test_never_raises(source):
    rendered = render(source)
    assert isinstance(rendered, str)
    assert "\x00" not in rendered and "\x01" not in rendered
    assert problems(rendered, "post") == []


def test_nul_is_removed_and_words_kept():
    assert visible_text(render("hel\x00lo <u\x00>x")) == "hello <u>x"


def test_threads_render_like_one_thread():
    sources = [f"Post {i}: **bold** <u>u</u> https://example.com/{i}\n\n- a\n- b\n\n![p{i}](/i/{i}.png)" for i in range(40)]
    expected = [(render(s), render(s, "wiki")) for s in sources]
    barrier = threading.Barrier(8)

    def work(offset: int) -> list[tuple[str, str]]:
        barrier.wait()
        order = sources[offset:] + sources[:offset]
        return [(render(s), render(s, "wiki")) for s in order * 3]

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(work, range(8)))
    for offset, got in enumerate(results):
        order = expected[offset:] + expected[:offset]
        assert got == order * 3


# -- slow input ------------------------------------------------------------------------
# markdown-it-py is linear, but pure Python: up to SAFE_LENGTH characters convert here in
# well under a second whatever they are; longer text converts in a child process with a
# time limit, past which the words are shown as typed.

def test_long_text_still_renders_fully_in_the_child_process():
    text = "A **bold** start.\n\n" + "Plain words for a long post. " * 800
    assert len(text) > content.SAFE_LENGTH
    html = content.render(text, "wiki")
    assert html.startswith("<p>A <strong>bold</strong> start.</p>") and html.count("Plain words") == 800


def test_text_that_takes_too_long_is_shown_as_typed(monkeypatch):
    monkeypatch.setattr(content, "TIME_LIMIT", 0.02)
    text = "**bold** " + "[" * 15_000 + "x" + "]" * 15_000  # about 0.3 s in markdown-it-py
    html = content.render(text, "wiki")
    assert html.startswith("<p>**bold** [[[") and "<strong>" not in html  # the limit stopped Markdown
    assert html.count("[") == 15_000 and html.count("]") == 15_000  # nothing the student typed is lost


@pytest.mark.parametrize("source", ["> " * 200 + "deep", "- " * 200 + "deep", "> - " * 100 + "deep"])
def test_blocks_nested_too_deep_keep_their_words(source):
    # markdown-it stops parsing past its nesting limit; the text is then shown as typed.
    assert "deep" in visible_text(render(source))


def test_link_pass_reads_the_text_once(monkeypatch):
    # Thousands of URLs next to "<" (the old pass looked back over the whole text for each).
    text = "http://a<" * 2_000
    html = render(text)
    assert html.count("<a ") == 2_000 and visible_text(html) == text
