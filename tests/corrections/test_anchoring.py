"""Anchoring corrections by their words, offset and context, and finding them after edits."""
from __future__ import annotations

from app.corrections import anchoring

TEXT = "Yesterday I goed to the park. It was very nice and I goed home late."


def test_find_the_first_and_second_place():
    first = anchoring.find(TEXT, "goed", 1)
    second = anchoring.find(TEXT, "goed", 2)
    assert TEXT[first.start:first.start + 4] == "goed" and first.before.endswith("Yesterday I ")
    assert second.start > first.start and second.after.startswith(" home")
    assert anchoring.find(TEXT, "goed", 3) is None
    assert anchoring.find(TEXT, "flew", 1) is None
    assert anchoring.find(TEXT, "", 1) is None


def test_find_any_spaces_and_capitals():
    anchor = anchoring.find("It was\nvery nice.", "was very", 1)
    assert anchor.quote == "was\nvery"
    assert anchoring.find(TEXT, "YESTERDAY", 1).quote == "Yesterday"


def test_occurrence_of_counts_from_one():
    assert anchoring.occurrence_of(TEXT, anchoring.find(TEXT, "goed", 2)) == 2
    assert anchoring.occurrence_of(TEXT, anchoring.find(TEXT, "goed", 1)) == 1


def test_unchanged_text_keeps_the_place():
    anchor = anchoring.find(TEXT, "goed", 2)
    placed = anchoring.relocate(anchor, TEXT)
    assert placed.state == "here" and placed.anchor.start == anchor.start


def test_an_edit_elsewhere_moves_the_anchor():
    anchor = anchoring.find(TEXT, "goed", 2)
    edited = "On Sunday, yesterday, " + TEXT.replace("very nice", "really lovely")
    placed = anchoring.relocate(anchor, edited)
    assert placed.state == "here"
    assert edited[placed.anchor.start:placed.anchor.start + 4] == "goed"
    assert placed.anchor.after.startswith(" home")  # still the second one


def test_changing_the_words_fixes_the_correction():
    anchor = anchoring.find(TEXT, "goed", 1)
    placed = anchoring.relocate(anchor, TEXT.replace("I goed to", "I went to"))
    assert placed.state == "fixed" and placed.now == "went"


def test_fixing_one_of_two_same_words_fixes_that_one():
    anchor = anchoring.find(TEXT, "goed", 1)
    edited = TEXT.replace("I goed to", "I went to")
    assert anchoring.relocate(anchor, edited).state == "fixed"
    second = anchoring.find(TEXT, "goed", 2)
    assert anchoring.relocate(second, edited).state == "here"


def test_words_and_context_gone_is_text_that_changed():
    anchor = anchoring.find(TEXT, "goed", 1)
    placed = anchoring.relocate(anchor, "A completely different text about something else.")
    assert placed.state == "changed"


def test_words_at_the_start_and_end():
    text = "Goed home. I was tired"
    start = anchoring.find(text, "Goed", 1)
    assert anchoring.relocate(start, "Went home. I was tired").state == "fixed"
    end = anchoring.find(text, "tired", 1)
    assert anchoring.relocate(end, "Goed home. I was sleepy").state == "fixed"


def test_quote_moved_far_with_new_context_still_found():
    anchor = anchoring.find(TEXT, "nice", 1)
    placed = anchoring.relocate(anchor, "Nothing like before. nice")
    assert placed.state == "here" and placed.anchor.quote == "nice"


def test_bounded_work_for_long_hostile_text():
    text = "a " * 20000
    anchor = anchoring.find(text, "a a a", 500)
    assert anchor is not None
    assert anchoring.relocate(anchor, "b " * 20000).state in ("fixed", "changed")
