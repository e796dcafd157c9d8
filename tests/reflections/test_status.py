"""The states a reflection goes through, from the model values alone (no database)."""
from __future__ import annotations

from datetime import datetime, timedelta

from app.reflections import status
from app.reflections.models import Assignment, Grade, Reflection

DUE = datetime(2026, 11, 28, 12, 0)


def test_states_through_a_return_for_revision_and_a_new_grade():
    assignment = Assignment(due_at=DUE)
    assert status.state(assignment, None, None) == status.NOT_STARTED
    mine = Reflection(submitted_at=None, returned_at=None)
    assert status.state(assignment, mine, None) == status.DRAFT
    mine.submitted_at = DUE + timedelta(hours=3)
    assert status.state(assignment, mine, None) == status.LATE
    grade = Grade(released_at=None, complete=True)
    assert status.state(assignment, mine, grade) == status.LATE  # not released: the student sees no grade
    grade.released_at = DUE + timedelta(days=1)
    assert status.state(assignment, mine, grade) == status.GRADED
    # Returned for revision: the grade is hidden again until it is given anew.
    mine.submitted_at, mine.returned_at = None, DUE + timedelta(days=2)
    assert status.state(assignment, mine, grade) == status.RETURNED
    mine.submitted_at = DUE + timedelta(days=3)  # handed in again (returned_at is kept)
    assert status.state(assignment, mine, grade) == status.LATE and not status.is_graded(mine, grade)
    grade.released_at = DUE + timedelta(days=4)
    assert status.state(assignment, mine, grade) == status.GRADED


def test_late_is_said_plainly():
    assert status.describe_lateness(timedelta(minutes=40)) == "40 minutes late"
    assert status.describe_lateness(timedelta(days=2, hours=3, minutes=5)) == "2 days 3 hours late"
    assert status.describe_lateness(timedelta(hours=1)) == "1 hour late"
