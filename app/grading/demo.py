"""Demo grades: two of the handed-in demo reflections graded with the default rubric and released."""
from __future__ import annotations

from sqlalchemy import select

from app.auth.models import User
from app.classes.models import Membership, Role
from app.extensions import db
from app.forum.models import Thread
from app.reflections.models import Assignment, Reflection

from . import services

FEEDBACK = [
    ("Your summary gives the main ideas clearly, and you used **“take turns”** from the discussion very well. "
     "Next time, say which idea you disagreed with and why."),
    ("A clear and friendly reflection. Watch the past tense: *we talk* → *we talked*. "
     "Try to mention one classmate's idea by name."),
]
#: Chosen level per criterion (0 is the highest) for each graded reflection.
LEVELS = [{"0": 0, "1": 1, "2": 0, "3": 0}, {"0": 1, "1": 1, "2": 1, "3": 1}]


def load(reflections: list[Reflection]) -> list:
    """Grade and release the first two handed-in ``reflections`` (from the reflections demo)."""
    handed_in = [r for r in reflections if r.submitted_at is not None][:2]
    grades = []
    for reflection, levels, feedback in zip(handed_in, LEVELS, FEEDBACK, strict=False):
        assignment = db.session.get(Assignment, reflection.assignment_id)
        teacher = db.session.scalar(select(User).join(Membership, Membership.user_id == User.id).where(
            Membership.classroom_id == assignment.classroom_id, Membership.role == Role.TEACHER).order_by(User.id))
        grade = services.save_grade(assignment, reflection.student_id, teacher,
                                    services.GradeInput(levels, feedback=feedback), complete=True)
        services.release([grade], teacher, db.session.get(Thread, assignment.thread_id))
        grades.append(grade)
    return grades
