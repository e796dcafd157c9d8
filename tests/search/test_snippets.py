"""Snippets: escaped user text, matched words marked (any form of the word), cut around the first match."""
from __future__ import annotations

from markupsafe import Markup

from app.search.snippets import plain_text, snippet
from app.search.words import term


def terms(*words: str) -> set[str]:
    return {term(w) for w in words}


def test_user_html_is_escaped_and_only_marks_are_added():
    out = snippet('<script>alert("skype")</script> & <b>bold</b>', terms("skype"))
    assert isinstance(out, Markup)
    assert str(out) == ('&lt;script&gt;alert(&#34;<mark>skype</mark>&#34;)&lt;/script&gt; &amp; '
                        '&lt;b&gt;bold&lt;/b&gt;')


def test_a_word_never_matches_inside_an_entity():
    assert str(snippet("a < b and lt", terms("lt"))) == "a &lt; b and <mark>lt</mark>"
    assert str(snippet("Tom & Jerry", terms("amp"))) == "Tom &amp; Jerry"


def test_several_words_every_occurrence_and_every_form_are_marked():
    out = str(snippet("Skype helps speaking. I practise speaking on Skype.", terms("speak", "skype", "practice")))
    assert out == ("<mark>Skype</mark> helps <mark>speaking</mark>. I <mark>practise</mark> <mark>speaking</mark> "
                   "on <mark>Skype</mark>.")


def test_whole_words_only():
    assert str(snippet("I practise on the ice.", terms("ice"))) == "I practise on the <mark>ice</mark>."
    assert str(snippet("vocabulary", terms("voc"))) == "vocabulary"


def test_case_and_accents():
    assert str(snippet("Le CAFÉ est ouvert", terms("café"))) == "Le <mark>CAFÉ</mark> est ouvert"
    assert str(snippet("naïve or NAÏVE", terms("Naïve".casefold()))) == "<mark>naïve</mark> or <mark>NAÏVE</mark>"


def test_match_at_the_start_and_at_the_end_of_a_long_text():
    text = "Skype " + "word " * 100 + "lastword"
    start = str(snippet(text, terms("skype")))
    assert start.startswith("<mark>Skype</mark> word") and start.endswith("…")
    assert len(Markup(start).striptags()) <= 205
    end = str(snippet(text, terms("lastword")))
    assert end.startswith("…") and end.endswith("<mark>lastword</mark>")
    assert len(Markup(end).striptags()) <= 205


def test_the_window_shows_the_first_match_with_text_before_it_cut_between_words():
    text = " ".join(f"w{i}" for i in range(200)) + " target " + " ".join(f"x{i}" for i in range(200))
    out = str(snippet(text, terms("target")))
    assert "<mark>target</mark>" in out and out.startswith("…") and out.endswith("…")
    plain = Markup(out).striptags()
    assert plain.index("target") > 30  # some words before the match
    assert plain[1] in "wx"  # starts on a whole word


def test_no_match_shows_the_start_and_no_words_marks_nothing():
    assert str(snippet("Hello there", terms("absent"))) == "Hello there"
    assert str(snippet("Hello there", set())) == "Hello there"
    assert str(snippet("", terms("x"))) == ""


def test_plain_text_of_stored_html():
    assert plain_text("<p>Hello <strong>world</strong> &amp; &lt;friends&gt;</p>\n<p>again</p>") == \
        "Hello world & <friends> again"


def test_plain_text_keeps_words_of_separate_blocks_apart():
    assert plain_text("<p>one</p><p>two</p><ul><li>three</li><li>fo<strong>ur</strong></li></ul>") == \
        "one two three four"
