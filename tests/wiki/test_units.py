"""Pure pieces of the wiki: slugs, [[links]], word diffs, three-way merge."""
from __future__ import annotations

import pytest

from app.content import render
from app.wiki.diff import tokens, word_diff
from app.wiki.links import targets, to_markdown
from app.wiki.merge import MINE_MARKER, SEPARATOR, THEIRS_MARKER, has_markers, merge
from app.wiki.slugs import clean_title, page_slug

# -- slugs --------------------------------------------------------------------------

@pytest.mark.parametrize(("title", "slug"), [
    ("Home", "home"),
    ("Café Talk: Week 1", "café-talk-week-1"),
    ("  Past   tense -- irregular verbs!  ", "past-tense-irregular-verbs"),
    ("語彙 リスト", "語彙-リスト"),
    ("Словарь урока", "словарь-урока"),
    ("हिन्दी शब्द", "हिन्दी-शब्द"),      # combining vowel signs are kept
    ("ＦＵＬＬ　ｗｉｄｔｈ", "full-width"),  # NFKC
    ("Straße", "strasse"),               # case-folded, so "STRASSE" is the same page
    ("New", "new-page"),                 # the wiki's own URLs are not page slugs
    ("changes", "changes-page"),
    ("!!!", ""),
])
def test_slugify(title, slug):
    assert page_slug(title) == slug


def test_titles_that_look_the_same_collide():
    assert page_slug("Ｐｈｒａｓａｌ verbs") == page_slug("PHRASAL  VERBS") == page_slug("phrasal-verbs")
    assert clean_title("  Phrasal \t verbs ") == "Phrasal verbs"


# -- links --------------------------------------------------------------------------

def test_links_to_existing_and_missing_pages():
    md = to_markdown("See [[Home]] and [[Past tense|the verbs]].", 7, {"home"})
    assert "[Home](/classes/7/wiki/home)" in md
    assert '[the verbs](/classes/7/wiki/new?title=Past+tense "This page does not exist yet")' in md
    html = render(md, "wiki")
    assert '<a href="/classes/7/wiki/home"' in html
    assert 'href="/classes/7/wiki/new?title=Past+tense" title="This page does not exist yet"' in html


def test_links_in_code_stay_as_typed():
    source = "`[[Home]]`\n\n```\n[[Code page]]\n```\n\n[[Other|start]] [[Bad|a [b] c]]"
    md = to_markdown(source, 1, {"home"})
    assert md.startswith("`[[Home]]`\n\n```\n[[Code page]]\n```")
    assert targets(source) == {"other"}
    html = render(md, "wiki")
    assert "<code>[[Home]]</code>" in html and "[[Code page]]" in html and "[[Bad|a [b] c]]" in html


def test_link_targets_unicode_and_empty():
    assert targets("[[語彙 リスト]] [[!!!]] [[Home|start]]") == {"語彙-リスト", "home"}
    md = to_markdown("[[語彙 リスト]]", 2, {"語彙-リスト"})
    assert "/classes/2/wiki/%E8%AA%9E" in md


def test_link_markup_cannot_inject_attributes():
    html = render(to_markdown('[[x" onclick="alert(1)|y]]', 1, set()), "wiki")
    assert "onclick" not in html.replace("onclick%3D", "")


# -- diff ---------------------------------------------------------------------------

def test_tokens_keep_everything():
    text = "I goed  to the shop,\nyesterday! 語彙"
    assert "".join(tokens(text)) == text


def test_word_diff_marks_exactly_the_corrected_words():
    diff = str(word_diff("I goed to the shop yesterday.\nSame line.\n", "I went to the shops yesterday.\nSame line.\n"))
    assert diff == "I <del>goed</del><ins>went</ins> to the <del>shop</del><ins>shops</ins> yesterday.\nSame line.\n"


def test_word_diff_escapes_html():
    diff = str(word_diff("<b>old</b>", "<script>new</script>"))
    assert "<script" not in diff and "<b>" not in diff and "</b>" not in diff
    assert diff.replace("<del>", "").replace("</del>", "").replace("<ins>", "").replace("</ins>", "").startswith("&lt;")


def test_word_diff_added_and_removed_lines():
    assert str(word_diff("", "Hello")) == "<ins>Hello</ins>"
    assert str(word_diff("a\nb\n", "a\n")) == "a\n<del>b\n</del>"


# -- merge --------------------------------------------------------------------------

BASE = "Title\n\nFirst line.\nSecond line.\nThird line.\n\nEnd."


def test_changes_in_different_places_merge():
    mine = BASE.replace("First line.", "First line, changed by me.")
    theirs = BASE.replace("Third line.", "Third line, changed by them.")
    result = merge(BASE, mine, theirs)
    assert result.conflicts == 0
    assert result.text == BASE.replace("First line.", "First line, changed by me.").replace("Third line.", "Third line, changed by them.")


def test_same_change_on_both_sides_is_kept_once():
    both = BASE.replace("Second", "2nd")
    assert merge(BASE, both, both).text == both


def test_additions_at_both_ends_merge():
    result = merge(BASE, "Intro\n" + BASE, BASE + "\nAppendix")
    assert result.conflicts == 0 and result.text == "Intro\n" + BASE + "\nAppendix"


def test_overlapping_changes_conflict_with_plain_markers():
    mine = BASE.replace("Second line.", "My second line.")
    theirs = BASE.replace("Second line.", "Their second line.")
    result = merge(BASE, mine, theirs)
    assert result.conflicts == 1
    assert f"{MINE_MARKER}\nMy second line.\n{SEPARATOR}\nTheir second line.\n{THEIRS_MARKER}" in result.text
    assert result.text.startswith("Title\n\nFirst line.\n") and result.text.endswith("Third line.\n\nEnd.")
    assert has_markers(result.text) and not has_markers(BASE)


def test_one_side_unchanged_takes_the_other():
    mine = "Completely\nnew text"
    assert merge(BASE, mine, BASE).text == mine
    assert merge(BASE, BASE, mine).text == mine


def test_windows_line_endings_merge_like_unix():
    assert merge("a\nb\nc", "A\r\nb\r\nc", "a\nb\nC").text == "A\nb\nC"
