"""What grading adds to other pages (``app.slots``): a teacher's "Needs your attention" steps."""
from __future__ import annotations

from flask import url_for
from sqlalchemy import and_, func, or_, select

from app import slots
from app.extensions import db
from app.forum.models import Thread
from app.reflections.models import Assignment, Grade, Reflection


def waiting(classroom) -> list[tuple[int, str, int]]:
    """(assignment id, thread title, how many) of reflections handed in and not graded since
    (``status.needs_grading`` as one query)."""
    grade = and_(Grade.assignment_id == Reflection.assignment_id, Grade.student_id == Reflection.student_id)
    return list(db.session.execute(
        select(Assignment.id, Thread.title, func.count(Reflection.id))
        .join(Thread, Thread.id == Assignment.thread_id)
        .join(Reflection, Reflection.assignment_id == Assignment.id)
        .outerjoin(Grade, grade)
        .where(Assignment.classroom_id == classroom.id, Reflection.submitted_at.is_not(None),
               or_(Grade.id.is_(None), Grade.complete.is_(False), Grade.saved_at < Reflection.submitted_at))
        .group_by(Assignment.id, Thread.title).order_by(Assignment.id)).all())


@slots.section(slots.NEXT_STEPS, "grading", order=20)
def next_steps(classroom, user, teacher: bool) -> list[slots.Step]:
    """Teachers: the reflections waiting for a grade, per discussion (one query; none for students)."""
    if not teacher:
        return []
    return [slots.Step(f"Grade {n} reflection{'s' if n != 1 else ''} on “{title}”",
                       url_for("grading.queue", class_id=classroom.id, assignment_id=assignment_id), icon="award")
            for assignment_id, title, n in waiting(classroom)]
