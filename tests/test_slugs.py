"""The generic slug (app.slugs) knows nothing of the wiki; the wiki adds its reserved words."""
from __future__ import annotations

from app.slugs import MAX_LENGTH, slugify
from app.wiki.slugs import page_slug


def test_slugify_keeps_letters_of_any_script():
    assert slugify("Café Talk: Week 1") == "café-talk-week-1"
    assert slugify("語彙 リスト") == "語彙-リスト"
    assert slugify("!!!") == ""


def test_slugify_has_no_reserved_words():
    assert slugify("New") == "new"
    assert page_slug("New") == "new-page"


def test_slugify_is_bounded():
    assert len(slugify("word " * 100)) <= MAX_LENGTH
