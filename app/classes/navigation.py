"""The class menu: the same links on every page of a class, the current section marked.

Features add their own entries when their package is imported (``register`` in each
feature's ``__init__.py``), so this module names no feature's endpoints.
"""
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


#: endpoint -> (order, section); registering an endpoint again replaces it.
_registered: dict[str, tuple[int, Section]] = {}


def register(section: Section, *, order: int) -> None:
    """Add ``section`` to the menu; the menu lists sections by ``order``, smallest first."""
    _registered[section.endpoint] = (order, section)


def sections() -> list[Section]:
    """Every registered section, in menu order."""
    return [section for _, section in sorted(_registered.values(), key=lambda entry: entry[0])]


def class_menu(teacher: bool) -> list[tuple[Section, bool]]:
    """The sections this person sees, each with whether it is the current one (at most one)."""
    shown = [s for s in sections() if s.who == "all" or (s.who == "teacher") == teacher]
    current = next((s for s in shown if s.endpoint == request.endpoint), None)
    if current is None:
        current = next((s for s in shown if s.blueprint and s.blueprint == request.blueprint), None)
    return [(s, s is current) for s in shown]
