"""Words as search sees them: one spelling for British and American, word forms, typos."""
from __future__ import annotations

import pytest

from app.search import words
from app.search.words import similarity, spelling, term, terms, vocabulary


def test_words_are_runs_of_letters_and_digits_in_small_letters():
    assert words.words("Don't STOP, it's 5%! x_y Café") == ["don", "t", "stop", "it", "s", "5", "x", "y", "café"]
    assert words.words("") == [] and words.words(None) == []
    assert words.words("a" * 100) == ["a" * words.MAX_WORD_CHARS]


@pytest.mark.parametrize(("british", "american"), [
    ("practise", "practice"), ("colour", "color"), ("organise", "organize"), ("centre", "center"),
    ("favourite", "favorite"), ("travelling", "traveling"), ("practising", "practicing")])
def test_british_spellings_become_american(british, american):
    assert spelling(british) == american
    assert spelling(american) == american
    assert term(british) == term(american)


@pytest.mark.parametrize("forms", [
    ("practise", "practising", "practised", "practice", "practices", "practicing"),
    ("discussed", "discussion", "discuss", "discussing"),
    ("colour", "colours", "color", "colors", "coloured"),
    ("organise", "organised", "organization", "organisation", "organizing"),
])
def test_word_forms_share_one_term(forms):
    assert len({term(w) for w in forms}) == 1, {w: term(w) for w in forms}


def test_whole_words_only():
    assert term("ice") != term("practice")
    assert term("ice") not in terms("I practise every day")
    assert terms("Skype practice") == terms("skype PRACTISE")


def test_the_spelling_list_is_the_vendored_one():
    pairs = words.spellings()
    assert len(pairs) > 1500
    assert all(british != american for british, american in pairs.items())


def test_vocabulary_keeps_words_of_letters_of_three_or_more():
    assert vocabulary("I practise 2 times a day, on Skype! x_y 3rd") == {"practise", "times", "day", "skype"}


def test_similarity_is_pg_trgm_s():
    assert similarity("word", "word") == 1.0
    assert similarity("word", "two") < 0.3
    # pg_trgm: similarity('discusion', 'discussion') = 0.75 (9 shared trigrams of 12).
    assert similarity("discusion", "discussion") == pytest.approx(9 / 12)
    assert similarity("practse", "practise") > 0.3
    assert similarity("", "x") == 0.0
