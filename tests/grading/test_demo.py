"""Demo grades: two handed-in reflections graded and released, the draft left alone."""
from __future__ import annotations

from sqlalchemy import func, select

from app.extensions import db
from app.forum.models import Notification
from app.grading import demo
from app.reflections.models import Grade, Reflection
from tests.conftest import add_member
from tests.grading.factories import hand_in, make_assignment, thread_with_posts


def test_grades_two_handed_in_reflections(app, world, make_user):
    others = [make_user(f"Demo {i}") for i in range(3)]
    for user in others:
        add_member(world.classroom, user)
    assignment = make_assignment(world.classroom, thread_with_posts(world.classroom, world.teacher, *others))
    reflections = [hand_in(assignment, others[0]), hand_in(assignment, world.student, submitted=False),
                   hand_in(assignment, others[1]), hand_in(assignment, others[2])]
    grades = demo.load(reflections)
    db.session.commit()
    assert sorted(g.student_id for g in grades) == sorted([others[0].id, others[1].id])
    assert all(g.complete and g.released_at and g.feedback_html for g in grades)
    assert db.session.scalar(select(func.count()).select_from(Notification).where(Notification.kind == "grade")) == 2


def test_the_demo_command_grades_the_demo_reflections(app):
    assert app.test_cli_runner().invoke(args=["demo"]).exit_code == 0
    handed_in = db.session.scalar(select(func.count()).select_from(Reflection).where(
        Reflection.submitted_at.is_not(None)))
    released = db.session.scalar(select(func.count()).select_from(Grade).where(Grade.released_at.is_not(None)))
    assert handed_in == 3 and released == 2
