"""Command-line tasks: demo data and site admins."""
from __future__ import annotations

from sqlalchemy import func, select

from app.auth.models import User
from app.auth.services import authenticate
from app.classes.models import Classroom
from app.extensions import db


def test_demo_loads_two_classes_once(app):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    names = set(db.session.scalars(select(Classroom.name)))
    assert names >= {"ESL Discussion 101", "Academic Writing 201"}
    assert authenticate("teacher@example.com", "roundtable-demo") is not None
    assert authenticate("student10@example.com", "roundtable-demo") is not None
    assert runner.invoke(args=["demo"]).exit_code != 0
    assert runner.invoke(args=["demo", "--if-empty"]).exit_code == 0
    assert db.session.scalar(select(func.count()).select_from(Classroom)) == 2


def test_create_admin_promotes_an_existing_user(app, make_user):
    user = make_user(email="boss@example.com")
    result = app.test_cli_runner().invoke(args=["create-admin", "boss@example.com"])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    assert db.session.get(User, user.id).is_admin


def test_create_admin_makes_a_new_account(app):
    result = app.test_cli_runner().invoke(args=["create-admin", "root@example.com"], input="long enough pass\nlong enough pass\n")
    assert result.exit_code == 0, result.output
    assert authenticate("root@example.com", "long enough pass").is_admin


def test_rerender_renders_stored_text_again(app, world):
    from app.forum.models import Post
    from tests.forum.factories import start

    thread, first = start(world.classroom, world.student, "Books", "I like **books**")
    first.html = "<p>stale</p>"
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["rerender"])
    assert result.exit_code == 0 and "posts" in result.output
    db.session.expire_all()
    assert db.session.get(Post, first.id).html == "<p>I like <strong>books</strong></p>"
