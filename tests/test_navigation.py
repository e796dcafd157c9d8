"""The class menu is the same on every page of a class, and marks the one section you are in."""
from __future__ import annotations

import re

import pytest

MENU = re.compile(r'<nav class="class-nav" aria-label="Class">(.*?)</nav>', re.S)


def menu(client, url: str) -> tuple[list[str], list[str]]:
    """The menu's link texts, and those marked as the current page."""
    html = MENU.search(client.get(url).get_data(as_text=True)).group(1)
    links = re.findall(r"<a [^>]*>([^<]+)</a>", html)
    current = re.findall(r'<a [^>]*aria-current="page"[^>]*>([^<]+)</a>', html)
    return links, current


@pytest.mark.parametrize(("path", "section"), [
    ("/", "World class"), ("/forums", "Forums"), ("/wiki/home", "Wiki"), ("/wiki/pages", "Wiki"),
    ("/prompts", "Discussions"), ("/reflections", "Reflections"), ("/search", "Search"),
    ("/search?q=breakfast", "Search"), ("/grades", "My grades"), ("/my-language", "My language"),
])
def test_student_menu(world, login_as, path, section):
    links, current = menu(login_as(world.student), f"/classes/{world.classroom.id}{path}")
    assert links == ["World class", "Forums", "Wiki", "Discussions", "Reflections", "Search", "My grades", "My language"]
    assert current == [section]


@pytest.mark.parametrize(("path", "section"), [
    ("/gradebook", "Gradebook"), ("/moderation", "Reports"), ("/members", "Members"), ("/forums", "Forums"),
    ("/language", "Language"), ("/correction-codes", "Language"),
])
def test_teacher_menu(world, login_as, path, section):
    links, current = menu(login_as(world.teacher), f"/classes/{world.classroom.id}{path}")
    assert links == ["World class", "Forums", "Wiki", "Discussions", "Reflections", "Search", "Gradebook", "Language", "Reports",
                     "Members", "Class settings"]
    assert current == [section]
