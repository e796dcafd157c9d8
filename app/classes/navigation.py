"""The class menu: the same links on every page of a class, the current section marked."""
from __future__ import annotations

from typing import NamedTuple

from flask import request


class Section(NamedTuple):
    endpoint: str
    #: None: the class's own name (its home page).
    text: str | None
    #: "all", "teacher" or "student".
    who: str = "all"
    #: Pages of this blueprint count as this section.
    blueprint: str | None = None


SECTIONS = (
    Section("classes.home", None),
    Section("forum.forums", "Forums", blueprint="forum"),
    Section("wiki.home", "Wiki", blueprint="wiki"),
    Section("prompts.index", "Discussions", blueprint="prompts"),
    Section("reflections.index", "Reflections", blueprint="reflections"),
    Section("search.results", "Search", blueprint="search"),
    Section("grading.gradebook", "Gradebook", "teacher", blueprint="grading"),
    Section("grading.my_grades", "My grades", "student", blueprint="grading"),
    Section("forum.queue", "Reports", "teacher"),
    Section("classes.members", "Members", "teacher"),
    Section("classes.settings", "Class settings", "teacher"),
)


def class_menu(teacher: bool) -> list[tuple[Section, bool]]:
    """The sections this person sees, each with whether it is the current one (at most one)."""
    shown = [s for s in SECTIONS if s.who == "all" or (s.who == "teacher") == teacher]
    current = next((s for s in shown if s.endpoint == request.endpoint), None)
    if current is None:
        current = next((s for s in shown if s.blueprint and s.blueprint == request.blueprint), None)
    return [(s, s is current) for s in shown]
