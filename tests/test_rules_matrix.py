"""Role × action: the named access rules called directly, without HTTP (beside the route walk).

Each row names who acts, on what, and whether the rule lets them. The objects
are plain stand-ins with the attributes the rules read, so a rule that starts
reading something else fails here first.
"""
from __future__ import annotations

from types import SimpleNamespace as Obj

import pytest

from app.classes.models import Role
from app.forum import access as forum
from app.forum.rules import ThreadRules
from app.grading import access as grading
from app.permissions import can_teach, can_view_class
from app.wiki import access as wiki

AUTHOR, CLASSMATE, TEACHER, ADMIN, OUTSIDER = (
    Obj(id=1, is_admin=False), Obj(id=2, is_admin=False), Obj(id=3, is_admin=False), Obj(id=4, is_admin=True),
    Obj(id=5, is_admin=False))
MEMBERSHIP = {AUTHOR.id: Obj(role=Role.STUDENT), CLASSMATE.id: Obj(role=Role.STUDENT),
              TEACHER.id: Obj(role=Role.TEACHER), ADMIN.id: None, OUTSIDER.id: None}
WHO = {"author": AUTHOR, "classmate": CLASSMATE, "teacher": TEACHER, "admin": ADMIN, "outsider": OUTSIDER}


def _teacher(user) -> bool:
    return can_teach(user, MEMBERSHIP[user.id])


def post(**kw):
    return Obj(**{"author_id": AUTHOR.id, "hidden": False, "deleted": False, "depth": 1, **kw})


OPEN = ThreadRules()
FROZEN = ThreadRules(frozen="This discussion closed.")
HIDDEN_THREAD = ThreadRules(hidden=True)
POST_FIRST = ThreadRules(visible=lambda p: p.depth == 0 or p.author_id == CLASSMATE.id)


@pytest.mark.parametrize("who, allowed", [
    ("author", False), ("classmate", False), ("teacher", True), ("admin", True), ("outsider", False)])
def test_teaching_a_class(who, allowed):
    assert can_teach(WHO[who], MEMBERSHIP[WHO[who].id]) is allowed


@pytest.mark.parametrize("who, allowed", [
    ("author", True), ("classmate", True), ("teacher", True), ("admin", True), ("outsider", False)])
def test_seeing_a_class(who, allowed):
    assert can_view_class(WHO[who], MEMBERSHIP[WHO[who].id]) is allowed


@pytest.mark.parametrize("who, the_post, allowed", [
    ("author", post(), True), ("classmate", post(), True), ("teacher", post(), True),
    ("author", post(hidden=True), True), ("classmate", post(hidden=True), False),
    ("teacher", post(hidden=True), True), ("admin", post(hidden=True), True),
])
def test_seeing_a_post_a_teacher_hid(who, the_post, allowed):
    user = WHO[who]
    assert forum.can_see_post(user, the_post, _teacher(user)) is allowed


@pytest.mark.parametrize("who, rules, allowed", [
    ("classmate", OPEN, True), ("classmate", HIDDEN_THREAD, False),
    ("classmate", POST_FIRST, False),  # "post first": the classmate has not posted yet
    ("author", POST_FIRST, False), ("teacher", OPEN, True),
])
def test_reading_a_post_under_the_thread_rules(who, rules, allowed):
    user = WHO[who]
    assert forum.can_read_post(user, post(), _teacher(user), rules) is allowed


@pytest.mark.parametrize("who, the_post, rules, allowed", [
    ("author", post(), OPEN, True), ("author", post(), FROZEN, False), ("author", post(deleted=True), OPEN, False),
    ("classmate", post(), OPEN, False), ("teacher", post(), OPEN, False), ("admin", post(), OPEN, False),
])
def test_changing_a_post(who, the_post, rules, allowed):
    assert forum.can_change_post(WHO[who], the_post, rules) is allowed


@pytest.mark.parametrize("who, allowed", [("author", False), ("classmate", True), ("teacher", True)])
def test_marking_a_post_helpful(who, allowed):
    assert forum.can_mark_helpful(WHO[who], post()) is allowed


@pytest.mark.parametrize("who, locked, allowed", [
    ("classmate", False, True), ("classmate", True, False), ("teacher", True, True), ("admin", True, True)])
def test_editing_a_wiki_page(who, locked, allowed):
    user = WHO[who]
    assert wiki.can_edit_page(Obj(locked=locked), _teacher(user)) is allowed


@pytest.mark.parametrize("who, allowed", [("classmate", False), ("teacher", True)])
def test_seeing_deleted_wiki_pages(who, allowed):
    assert wiki.can_see_deleted_pages(_teacher(WHO[who])) is allowed


@pytest.mark.parametrize("who, grade, allowed", [
    ("author", None, False), ("author", Obj(released_at=None), False), ("author", Obj(released_at="then"), True),
    ("teacher", Obj(released_at=None), True), ("teacher", None, True),
])
def test_seeing_a_grade(who, grade, allowed):
    user = WHO[who]
    assert grading.can_see_grade(grade, _teacher(user)) is allowed
