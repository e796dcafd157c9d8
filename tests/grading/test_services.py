"""Grading services without HTTP: scores, drafts, release, hide, return for revision."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from app import clock
from app.extensions import db
from app.forum.models import Notification
from app.grading import services
from app.reflections import status
from app.reflections.models import Grade, ReflectionVersion
from tests.grading.factories import graded, hand_in, make_assignment, thread_with_posts

ALL_TOP = {"0": 0, "1": 0, "2": 0, "3": 0}


def setup(world):
    thread = thread_with_posts(world.classroom, world.teacher, world.student)
    return thread, make_assignment(world.classroom, thread)


def test_score_is_the_rubric_total_plus_adjustment(app, world):
    thread, assignment = setup(world)
    data = services.GradeInput({"0": 1, "1": 0, "2": 2, "3": 1}, adjustment=-1, reason="Too short")
    grade = services.save_grade(assignment, world.student.id, world.teacher, data, complete=True)
    assert grade.score == 3 + 3 + 1 + 1 - 1
    assert grade.complete and grade.released_at is None
    assert grade.adjustment_reason == "Too short"


def test_draft_keeps_what_was_typed_and_is_not_complete(app, world):
    thread, assignment = setup(world)
    data = services.GradeInput({"0": 1}, feedback="Half *done*")
    grade = services.save_grade(assignment, world.student.id, world.teacher, data, complete=False)
    assert grade.complete is False and grade.score is None
    assert grade.levels == {"0": 1} and grade.feedback_html == "<p>Half <em>done</em></p>"


def test_empty_draft_writes_nothing(app, world):
    thread, assignment = setup(world)
    assert services.save_grade(assignment, world.student.id, world.teacher, services.GradeInput(), complete=False) is None
    assert db.session.scalar(select(Grade)) is None


def test_draft_of_a_complete_grade_stays_complete(app, world):
    thread, assignment = setup(world)
    grade = graded(assignment, world.student, world.teacher)
    services.save_grade(assignment, world.student.id, world.teacher, services.GradeInput(ALL_TOP, feedback="More"),
                        complete=False, grade=grade)
    assert grade.complete and grade.feedback_source == "More"


def test_without_a_rubric_points_are_given_directly(app, world):
    thread = thread_with_posts(world.classroom, world.teacher, world.student)
    assignment = make_assignment(world.classroom, thread, rubric=[], points=10)
    grade = services.save_grade(assignment, world.student.id, world.teacher,
                                services.GradeInput(points=7, adjustment=1, reason="Nice"), complete=True)
    assert grade.score == 8 and grade.complete


def test_release_shows_complete_grades_and_notifies(app, world, make_user):
    from tests.conftest import add_member

    other = make_user("Zoe")
    add_member(world.classroom, other)
    thread, assignment = setup(world)
    graded(assignment, world.student, world.teacher)
    services.save_grade(assignment, other.id, world.teacher, services.GradeInput({"0": 1}), complete=False)
    assert services.release_all(assignment, world.teacher, thread) == 1
    db.session.commit()
    grades = {g.student_id: g for g in db.session.scalars(select(Grade))}
    assert grades[world.student.id].released_at is not None
    assert grades[other.id].released_at is None
    notes = db.session.scalars(select(Notification).where(Notification.kind == "grade")).all()
    assert [n.user_id for n in notes] == [world.student.id]
    services.hide(grades[world.student.id])
    assert grades[world.student.id].released_at is None


def test_return_keeps_the_version_and_hides_the_grade(app, world):
    thread, assignment = setup(world)
    reflection = hand_in(assignment, world.student, "My first text.")
    grade = graded(assignment, world.student, world.teacher, released=True)
    services.return_for_revision(reflection, grade, "Add an example.", world.teacher, thread)
    db.session.commit()
    version = db.session.scalar(select(ReflectionVersion))
    assert version.source == "My first text." and version.returned_comment == "Add an example."
    assert reflection.submitted_at is None and reflection.returned_comment == "Add an example."
    assert grade.released_at is None and grade.complete is False
    assert status.state(assignment, reflection, grade) == status.RETURNED
    assert db.session.scalar(select(Notification.kind).where(Notification.user_id == world.student.id,
                                                              Notification.kind == "returned"))


def test_rows_state_for_the_teacher(app, world, make_user):
    from tests.conftest import add_member

    late, quiet = make_user("Lara Late"), make_user("Quinn Quiet")
    for user in (late, quiet):
        add_member(world.classroom, user)
    thread, assignment = setup(world)
    hand_in(assignment, world.student)
    hand_in(assignment, late, at=assignment.due_at + timedelta(hours=3), took_part=False)
    services.save_grade(assignment, world.student.id, world.teacher, services.GradeInput({"0": 0}), complete=False)
    db.session.commit()
    rows = {r.name: r for r in services.rows_for(world.classroom, [assignment])}
    assert [r.name for r in services.rows_for(world.classroom, [assignment])] == ["Lara Late", "Quinn Quiet",
                                                                                   "Sam Student"]
    assert rows["Sam Student"].state == services.GRADING_STARTED and rows["Sam Student"].took_part
    assert rows["Lara Late"].late == "3 hours late" and rows["Lara Late"].needs_grading
    assert not rows["Lara Late"].took_part
    assert rows["Quinn Quiet"].state == status.NOT_STARTED and not rows["Quinn Quiet"].needs_grading
    clock.freeze(assignment.due_at + timedelta(days=1))
    try:
        assert not rows["Quinn Quiet"].missing  # did not take part: not expected to write
        from tests.forum.factories import opening, reply

        reply(opening(thread), quiet, "I was here too.")
        rows = {r.name: r for r in services.rows_for(world.classroom, [assignment])}
        assert rows["Quinn Quiet"].took_part and rows["Quinn Quiet"].missing
    finally:
        clock.freeze(None)


def test_neighbours_follow_the_name_order():
    people = [(1, "A", ""), (2, "B", ""), (3, "C", "")]
    assert services.neighbours(people, 1) == (None, people[1])
    assert services.neighbours(people, 2) == (people[0], people[2])
    assert services.neighbours(people, 3) == (people[1], None)


def test_input_missing_a_criterion_leaves_a_complete_grade_alone(app, world):
    thread, assignment = setup(world)
    grade = graded(assignment, world.student, world.teacher, released=True)
    services.save_grade(assignment, world.student.id, world.teacher, services.GradeInput({}), complete=False,
                        grade=grade)
    assert grade.complete and grade.score == 12 and grade.released_at is not None


def test_row_state_after_return_and_resubmission(app, world):
    thread, assignment = setup(world)
    reflection = hand_in(assignment, world.student, "First try.")
    grade = graded(assignment, world.student, world.teacher)
    row = lambda: services.rows_for(world.classroom, [assignment])[0]  # noqa: E731
    assert row().state == services.GRADED_HIDDEN and not row().needs_grading
    services.return_for_revision(reflection, grade, "Longer, please.", world.teacher, thread)
    db.session.commit()
    assert row().state == status.RETURNED and not row().needs_grading
    reflection.submitted_at, reflection.returned_at = clock.now() + timedelta(minutes=5), None
    db.session.commit()
    assert row().state == services.GRADING_STARTED and row().needs_grading
