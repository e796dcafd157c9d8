"""Classes: create, join with a code, members and roles."""
from __future__ import annotations

import re

from sqlalchemy import select

from app.classes import services
from app.classes.models import Membership, Role
from app.extensions import db
from tests.conftest import add_member


def test_join_code_has_no_lookalike_characters(app, make_class):
    codes = {services.new_join_code() for _ in range(200)}
    assert all(re.fullmatch(r"[A-HJKMNP-Z2-9]{8}", code) for code in codes)
    assert len(codes) == 200


def test_teacher_creates_a_class_and_sees_the_code(app, make_user, login_as):
    teacher = make_user("Ms T")
    client = login_as(teacher)
    response = client.post("/classes/new", data={"name": "Evening B1", "description": "Tuesdays"})
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    code = re.search(r'data-testid="join-code">([A-Z0-9]{8})<', page).group(1)
    assert db.session.scalar(select(Membership.role).where(Membership.user_id == teacher.id)) == Role.TEACHER
    assert code


def test_create_class_needs_a_name(app, make_user, login_as):
    page = login_as(make_user()).post("/classes/new", data={"name": "", "description": "kept"}).get_data(as_text=True)
    assert "Please give the class a name." in page and "kept</textarea>" in page


def test_student_joins_with_a_code_typed_loosely(app, world, make_user, login_as):
    newcomer = make_user("New Student")
    client = login_as(newcomer)
    code = world.classroom.join_code
    loose = f" {code[:4].lower()}-{code[4:]} "
    response = client.post("/classes/join", data={"code": loose})
    assert response.headers["Location"] == f"/classes/{world.classroom.id}/"
    assert services.membership_of(newcomer.id, world.classroom.id).role == Role.STUDENT
    again = client.post("/classes/join", data={"code": code}, follow_redirects=True)
    assert "You are already in World class" in again.get_data(as_text=True)


def test_bad_code_says_so_and_keeps_the_code(app, world, login_as):
    page = login_as(world.outsider).post("/classes/join", data={"code": "ZZZZ2222"}).get_data(as_text=True)
    assert "We cannot find a class with this code" in page and 'value="ZZZZ2222"' in page


def test_regenerated_code_replaces_the_old_one(app, world, login_as, make_user):
    old = world.classroom.join_code
    login_as(world.teacher).post(f"/classes/{world.classroom.id}/code")
    db.session.expire_all()
    assert world.classroom.join_code != old
    page = login_as(make_user()).post("/classes/join", data={"code": old}).get_data(as_text=True)
    assert "We cannot find a class" in page


def test_teacher_makes_a_co_teacher_who_can_then_teach(app, world, login_as):
    membership = services.membership_of(world.student.id, world.classroom.id)
    url = f"/classes/{world.classroom.id}/members"
    assert login_as(world.student).get(url).status_code == 403
    login_as(world.teacher).post(f"{url}/{membership.id}/role/teacher")
    assert login_as(world.student).get(url).status_code == 200


def test_teacher_removes_a_student(app, world, login_as):
    membership = services.membership_of(world.student.id, world.classroom.id)
    login_as(world.teacher).post(f"/classes/{world.classroom.id}/members/{membership.id}/remove")
    assert login_as(world.student).get(f"/classes/{world.classroom.id}/").status_code == 404


def test_the_last_teacher_cannot_be_removed_or_demoted(app, world, login_as):
    teacher = services.membership_of(world.teacher.id, world.classroom.id)
    client = login_as(world.teacher)
    page = client.post(f"/classes/{world.classroom.id}/members/{teacher.id}/role/student", follow_redirects=True)
    assert "A class needs at least one teacher." in page.get_data(as_text=True)
    client.post(f"/classes/{world.classroom.id}/members/{teacher.id}/remove")
    db.session.expire_all()
    assert services.membership_of(world.teacher.id, world.classroom.id).role == Role.TEACHER


def test_member_id_from_another_class_is_not_found(app, world, login_as):
    other = services.membership_of(world.outsider.id, world.other_class.id)
    response = login_as(world.teacher).post(f"/classes/{world.classroom.id}/members/{other.id}/remove")
    assert response.status_code == 404


def test_teach_one_class_and_learn_in_another(app, world, login_as):
    add_member(world.other_class, world.teacher)
    page = login_as(world.teacher).get("/").get_data(as_text=True)
    teach, learn = page.split("Classes I am in")
    assert "World class" in teach and "Other class" in learn


def test_admin_sees_every_class(app, world, login_as):
    client = login_as(world.admin)
    page = client.get("/admin/classes").get_data(as_text=True)
    assert "World class" in page and "Other class" in page
    assert client.get(f"/classes/{world.classroom.id}/").status_code == 200


def test_class_settings(app, world, login_as):
    client = login_as(world.teacher)
    client.post(f"/classes/{world.classroom.id}/settings", data={"name": "Renamed", "description": "New words"})
    db.session.expire_all()
    assert world.classroom.name == "Renamed"
