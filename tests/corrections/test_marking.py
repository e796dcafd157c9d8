"""Marking corrected words inside sanitised HTML: never breaking a tag, escaping everything."""
from __future__ import annotations

from html.parser import HTMLParser

import pytest

from app.content import render
from app.corrections.marking import Mark, mark, text_of


def m(quote, n=1, id=1, label="correction: SP"):
    return Mark(id, quote, n, f"#correction-{id}", label)


def test_marks_a_word_in_a_paragraph():
    out = mark("<p>I goed home.</p>", [m("goed")])
    assert out == ('<p>I <a class="correction-mark" href="#correction-1" aria-label="goed (correction: SP)">'
                   '<mark class="correction" id="mark-1">goed</mark></a> home.</p>')


def test_marks_the_chosen_occurrence():
    out = mark("<p>goed and goed</p>", [m("goed", 2)])
    assert out.index('id="mark-1"') > out.index("and")


def test_a_mark_across_tags_is_cut_per_text_piece():
    html = render("It was very *good* food", "post")
    out = mark(html, [m("very good")])
    assert out.count("<mark") == 2 and out.count('id="mark-1"') == 1
    assert text_of(out) == text_of(html)
    assert "<em>" in out and "</em>" in out


def test_inside_a_link_no_link_in_a_link():
    html = render("[the park](https://example.com) is nice", "post")
    out = mark(html, [m("park")])
    assert "<mark" in out
    assert out.count("<a ") == 1  # only the post's own link


def test_entities_are_text_and_escaped_again():
    html = render("Tom & Jerry <3 fish & chips", "post")
    out = mark(html, [m("& chips")])
    assert "&amp; chips" in out and "<3" not in out and "&lt;3" in out


def test_words_not_in_the_text_change_nothing():
    html = "<p>Hello <strong>world</strong></p>"
    assert mark(html, [m("missing")]) == html


def test_overlapping_marks_keep_the_first():
    out = mark("<p>one two three</p>", [m("one two", id=1), m("two three", id=2)])
    assert 'id="mark-1"' in out and 'id="mark-2"' not in out


HOSTILE = [
    "<script>alert(1)</script>goed",
    '<a href="javascript:alert(1)">goed</a>',
    '<img src=x onerror=alert(1)>goed',
    "goed\"><script>alert(1)</script>",
    "&lt;script&gt;goed&lt;/script&gt;",
    "<a href='https://e.com/?a=\"><b>'>goed</a>",
    "`<b>goed</b>` <q cite=\"https://e.com/\">goed</q>",
    "<!-- goed --> goed <![CDATA[goed]]>",
]


#: Tags and attributes the sanitiser keeps for posts, plus what marks add.
ALLOWED = {"a": {"href", "title", "rel", "class", "aria-label"}, "mark": {"class", "id"}, "q": {"cite"},
           "blockquote": {"cite"}, "del": {"datetime"}, "abbr": {"title"}, "acronym": {"title"}}
PLAIN = {"b", "cite", "code", "em", "i", "strike", "strong", "p", "br", "pre", "ul", "ol", "li"}


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, {name for name, _ in attrs}, dict(attrs)))


def _tags(html: str):
    parser = _Tags()
    parser.feed(html)
    return parser.found


@pytest.mark.parametrize("source", HOSTILE)
@pytest.mark.parametrize("quote", ["goed", "<script>", "alert(1)", '">', "&lt;", "x onerror"])
def test_hostile_input_keeps_only_allowed_markup(source, quote):
    html = render(source, "post")
    out = mark(html, [m(quote), m("goed", 2, id=2, label='"><script>x</script>')])
    for tag, names, attrs in _tags(out):
        assert tag in PLAIN or tag in ALLOWED, tag
        assert names <= ALLOWED.get(tag, set()), (tag, names)
        assert not attrs.get("href", "").lower().startswith("javascript")
    # Our marks add only mark/a/span; every tag of the post is still there, in order.
    ours = {"mark"}
    assert [t for t, _, a in _tags(out) if t not in ours and "correction-mark" not in a.get("class", "")] == \
        [t for t, _, _ in _tags(html)]
    assert text_of(out) == text_of(html)
