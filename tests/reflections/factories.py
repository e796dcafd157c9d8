"""Reflection test data built through the services."""
from __future__ import annotations

from datetime import datetime

from app import clock
from app.extensions import db
from app.forum.models import Thread
from app.reflections import services, student
from app.reflections.models import Assignment, Grade, Reflection
from app.reflections.rubric import DEFAULT_RUBRIC
from tests.forum.factories import start

NOW = datetime(2026, 11, 20, 12, 0)


def settings(**values) -> services.Settings:
    data = {"instructions": "Summarise the **discussion**.", "opens_at": None, "due_at": None, "min_words": 0,
            "points": 10, "rubric": DEFAULT_RUBRIC}
    data.update(values)
    return services.Settings(**data)


def make_assignment(classroom, thread: Thread | None = None, teacher=None, prompt=None, **values) -> Assignment:
    """An assignment on ``thread`` (a new thread started by ``teacher`` when None), committed."""
    if thread is None:
        thread, _ = start(classroom, teacher, "Weekend plans", "What will you do this weekend?")
    assignment = services.save_settings(classroom, thread, prompt, settings(**values))
    db.session.commit()
    return assignment


def write_reflection(assignment, user, text: str, *, hand_in: bool = True, now: datetime | None = None) -> Reflection:
    """The user's reflection, saved through the service (as a draft or handed in)."""
    thread = db.session.get(Thread, assignment.thread_id)
    reflection, grade = student.mine(assignment, user)
    saved = student.save(assignment, thread, user, text, hand_in=hand_in, now=now or clock.now(),
                         reflection=reflection, grade=grade)
    db.session.commit()
    return saved


def grade(assignment, user, *, released: bool = False, score: int = 5) -> Grade:
    """A grade row as the grading feature would write it (tests only read it through ``status``)."""
    row = Grade(assignment_id=assignment.id, classroom_id=assignment.classroom_id, student_id=user.id,
                levels={}, score=score, complete=True, saved_at=clock.now(),
                released_at=clock.now() if released else None)
    db.session.add(row)
    db.session.commit()
    return row


def words(n: int) -> str:
    return " ".join(["word"] * n)


def reflection_samples(world) -> dict:
    """Sample URL values: an open assignment in ``world.classroom`` with the student's draft,
    and a saved rubric."""
    clock.freeze(None)
    assignment = make_assignment(world.classroom, teacher=world.teacher)
    write_reflection(assignment, world.student, "My draft about the weekend.", hand_in=False)
    template = services.save_template(world.classroom, "Sample rubric", DEFAULT_RUBRIC)
    db.session.commit()
    return {"assignment_id": assignment.id, "template_id": template.id}
