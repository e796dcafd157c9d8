"""Grading test data: reflection assignments and reflections made with the models, as
the reflections pages would save them."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from app import clock
from app.content import count_words, render
from app.extensions import db
from app.reflections.models import Assignment, Grade, Reflection
from app.reflections.rubric import DEFAULT_RUBRIC, max_points
from tests.forum.factories import reply, start

TEXT = "We talked about **Skype**. Most of us think it helps with speaking, but some found it hard to hear."


def make_assignment(classroom, thread, *, prompt_id=None, rubric=DEFAULT_RUBRIC, points=None, **values) -> Assignment:
    """A reflection assignment on ``thread`` with the default rubric, open now, due in a day."""
    data = {"due_at": clock.now() + timedelta(days=1), "min_words": 10, "instructions_html": "<p>Summarise.</p>"}
    data.update(values)
    assignment = Assignment(classroom_id=classroom.id, thread_id=thread.id, prompt_id=prompt_id, rubric=list(rubric),
                            points=max_points(rubric) if points is None else points, **data)
    db.session.add(assignment)
    db.session.commit()
    return assignment


def hand_in(assignment, student, text: str = TEXT, *, at=None, submitted: bool = True, took_part: bool = True):
    """The student's reflection, handed in at ``at`` (now by default) or left as a draft."""
    when = at or clock.now()
    reflection = Reflection(assignment_id=assignment.id, classroom_id=assignment.classroom_id, student_id=student.id,
                            source=text, html=render(text, "post"), words=count_words(text), saved_at=when,
                            submitted_at=when if submitted else None, took_part=took_part)
    db.session.add(reflection)
    db.session.commit()
    return reflection


def graded(assignment, student, teacher, levels=None, *, released: bool = False, feedback: str = "Good work.",
           adjustment: int = 0, reason: str = "") -> Grade:
    """A complete grade (all top levels by default), released or not."""
    from app.grading import services

    data = services.GradeInput(levels or {str(i): 0 for i in range(len(assignment.rubric))},
                               adjustment=adjustment, reason=reason, feedback=feedback)
    grade = services.save_grade(assignment, student.id, teacher, data, complete=True,
                                grade=db.session.scalar(select(Grade).where(Grade.assignment_id == assignment.id,
                                                                            Grade.student_id == student.id)))
    if released:
        grade.released_at = clock.now()
    db.session.commit()
    return grade


def thread_with_posts(classroom, teacher, *students, title="Using Skype"):
    """A thread by the teacher with one reply by each student."""
    thread, opening = start(classroom, teacher, title, "What do you think about Skype for speaking practice?")
    for student in students:
        reply(opening, student, f"I think Skype is useful. ({student.display_name})")
    return thread


def grading_samples(world) -> dict:
    """URL values: an assignment in ``world.classroom`` with the student's handed-in reflection."""
    clock.freeze(None)
    thread = thread_with_posts(world.classroom, world.teacher, world.student, title="Reflection sample thread")
    assignment = make_assignment(world.classroom, thread)
    hand_in(assignment, world.student)
    return {"assignment_id": assignment.id, "student_id": world.student.id}
