"""Pure pieces of the wiki: slugs, [[links]], word diffs, three-way merge."""
from __future__ import annotations

import pytest

from app.content import render
from app.wiki import matching
from app.wiki.diff import tokens, word_diff
from app.wiki.links import targets, to_markdown
from app.wiki.matching import Budget, matches
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


# -- bounded work: Compare and merge take bounded time for any two texts -------------------
# difflib's SequenceMatcher (used before) is cubic when items repeat (spaces, blank lines):
# these inputs took it minutes. Work is counted, never timed.

class Counted(str):
    """A token that counts how often it is compared or hashed."""

    calls = 0

    def __eq__(self, other):
        Counted.calls += 1
        return str.__eq__(self, other)

    def __hash__(self):
        Counted.calls += 1
        return str.__hash__(self)


@pytest.mark.parametrize("a, b", [
    (["x", " "] * 20_000, ["y", " "] * 20_000),                      # words apart, spaces alike
    (["", "line"] * 20_000, ["", "other"] * 20_000),                  # blank lines between lines
    ([str(i % 7) for i in range(30_000)], [str(i % 5) for i in range(30_000)]),
    ([str(i) for i in range(30_000)], [str(i) for i in range(30_000, 0, -1)]),  # everything moved
])
def test_matching_work_is_bounded_whatever_the_input(a, b):
    a, b = [Counted(x) for x in a], [Counted(x) for x in b]
    budget = Budget()
    Counted.calls = 0
    pairs = matches(a, b, budget)
    table_steps = matching.STEPS - budget.left
    assert table_steps <= matching.STEPS
    assert Counted.calls <= 10 * (len(a) + len(b)) + table_steps  # a few passes plus the table
    assert all(a[i] == b[j] for i, j in pairs)
    assert all(p < q for p, q in zip([i for i, _ in pairs], [i for i, _ in pairs][1:], strict=False))
    assert all(p < q for p, q in zip([j for _, j in pairs], [j for _, j in pairs][1:], strict=False))


def test_matching_is_exact_while_the_budget_lasts():
    a, b = list("the cat sat on the mat"), list("a cat sat on a mat today")
    pairs = matches(a, b)
    assert all(a[i] == b[j] for i, j in pairs)
    assert len(pairs) == 16  # the length of the longest common subsequence of the two


def test_word_diff_past_the_budget_shows_whole_lines(monkeypatch):
    monkeypatch.setattr(matching, "STEPS", 100)
    old, new = "x " * 200 + "\nsame line\n", "y " * 200 + "\nsame line\n"
    diff = str(word_diff(old, new))
    # The changed line cannot be matched word by word within the budget: it is removed and added whole.
    assert diff == f"<del>{'x ' * 199}x</del><ins>{'y ' * 199}y</ins> \nsame line\n"


def test_word_diff_of_two_long_texts_still_finds_the_changed_words():
    words = [f"word{i}" for i in range(30_000)]  # one long line, 60,000 tokens
    old = " ".join(words)
    new = " ".join(words[:100] + ["NEW"] + words[101:29_000] + ["END"] + words[29_001:])
    diff = str(word_diff(old, new))
    assert "<del>word100</del><ins>NEW</ins>" in diff and "<del>word29000</del><ins>END</ins>" in diff
    assert diff.count("<del>") == 2


def test_merge_past_the_budget_asks_instead_of_guessing(monkeypatch):
    base = ["a", "b"] * 20
    mine = ["FIRST", *base[1:-1], "LAST"]
    theirs = [*base[:20], "MIDDLE", *base[21:]]
    # Mine changed both ends, theirs the middle: exactly, that merges. Past the budget the
    # 38 lines between mine's changes cannot be matched, so they count as changed on both
    # sides: a conflict for the writer to resolve, with every line of both versions kept.
    assert merge("\n".join(base), "\n".join(mine), "\n".join(theirs)).conflicts == 0
    monkeypatch.setattr(matching, "STEPS", 10)
    result = merge("\n".join(base), "\n".join(mine), "\n".join(theirs))
    assert result.conflicts == 1
    assert all(word in result.text for word in ("FIRST", "LAST", "MIDDLE"))
