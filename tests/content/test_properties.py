"""Property tests: whatever is typed, the output stays inside the allowlist, and
words typed between disallowed tags are all still visible."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from app.content import count_words, render
from tests.content.safety import problems, visible_words

FRAGMENTS = [
    "<", ">", "</", "/>", "a href=", "href=", "cite=", '"', "'", "=", "javascript:", "JaVa\tScRiPt:", "data:", "vbscript:",
    "&#", "&#x6a;", "&colon;", "&amp;", ";", "[", "]", "](", ")", "![", "`", "```", "*", "_", "#", "> ", "- ", "1. ",
    "\n", "\n\n", "    ", "<script>", "</script>", "<style>", "<!--", "-->", "<a ", "<b>", "</b>", "<q ", "<blockquote ",
    "<img ", "src=", "onerror=", "onclick=", "<svg/onload=", "<iframe>", "<textarea>", "<noscript>", "<math>", "<table>",
    "<h2>", "http://", "https://", "www.", "mailto:", "alert(1)", "\x00", "\u200b", "|", "---", "<http://x>", "<x@y>",
]
TEXT = st.lists(st.one_of(st.text(max_size=8), st.sampled_from(FRAGMENTS)), max_size=30).map("".join)


@settings(max_examples=300, deadline=None)
@given(source=TEXT, profile=st.sampled_from(["post", "wiki"]))
def test_output_is_always_inside_the_allowlist(source, profile):
    rendered = render(source, profile)
    assert problems(rendered, profile) == []
    assert count_words(source) >= 0


WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCXYZ \n", max_size=12)
DISALLOWED = st.sampled_from(["<u>", "</u>", "<div>", "</div>", '<span class="big">', "</span>", "<font size=7>",
                              "<center>", "<h1>", "<img src=cat.jpg>", "<3", " < ", " > ", "<br/>x", "<x-y>"])


@settings(max_examples=300, deadline=None)
@given(source=st.lists(st.one_of(WORDS, DISALLOWED), max_size=20).map("".join), profile=st.sampled_from(["post", "wiki"]))
def test_words_around_disallowed_tags_are_never_lost(source, profile):
    typed = re.findall(r"[A-Za-z0-9]+", source.replace("<br/>", " "))  # a line break, not text
    assert re.findall(r"[A-Za-z0-9]+", " ".join(visible_words(render(source, profile)))) == typed
