"""app.slots: sections show in order, a loader with nothing to show is left out, and
registering again replaces (so importing a module twice adds nothing)."""
from __future__ import annotations

from app import slots


def test_sections_in_order_without_empty_ones():
    slot = "test slot"
    slots.section(slot, "b.html", order=20)(lambda n: n * 2)
    slots.section(slot, "a.html", order=10)(lambda n: None if n < 0 else [n])
    slots.section(slot, "b.html", order=30)(lambda n: n * 3)  # replaces the first "b.html"
    assert slots.build(slot, n=2) == [slots.Section("a.html", [2]), slots.Section("b.html", 6)]
    assert slots.build(slot, n=-1) == [slots.Section("b.html", -3)]
    assert slots.build("no such slot", n=1) == []


def test_every_feature_section_is_registered(app):
    assert [s.template for s in slots._slots[slots.CLASS_HOME]] == [
        "prompts/_class_home.html", "forum/_class_home.html", "reflections/_class_card.html", "wiki/_class_home.html"]
    assert [s.template for s in slots._slots[slots.THREAD]] == ["prompts/_thread_panel.html",
                                                               "reflections/_thread_box.html"]
