"""Corrections of reflections: beside the rubric on the grading page, the student's page, revising."""
from __future__ import annotations

from sqlalchemy import select

from app import clock
from app.corrections.models import Correction
from app.extensions import db
from app.forum.models import Notification, Thread
from tests.conftest import add_member
from tests.reflections.factories import make_assignment, write_reflection

TEXT = "We talked about the food. I learnd that in Japan people eats rice every day."


def test_the_teacher_corrects_a_reflection_beside_the_rubric(world, login_as, make_user):
    clock.freeze(None)
    assignment = make_assignment(world.classroom, teacher=world.teacher)
    write_reflection(assignment, world.student, TEXT)
    c, a, s = world.classroom.id, assignment.id, world.student.id
    teacher = login_as(world.teacher)
    grading = teacher.get(f"/classes/{c}/reflections/{a}/grading/{s}").get_data(as_text=True)
    assert "Add a correction" in grading and f"/classes/{c}/reflections/{a}/students/{s}/corrections/new" in grading
    assert 'data-post-text="reflection"' in grading and 'name="correction-back" type="hidden" value="grading"' in grading
    response = teacher.post(f"/classes/{c}/reflections/{a}/students/{s}/corrections/new",
                            data={"correction-words": "learnd", "correction-code": "SP", "correction-better": "learned",
                                  "correction-back": "grading"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/reflections/{a}/grading/{s}#corrections")
    grading = teacher.get(f"/classes/{c}/reflections/{a}/grading/{s}").get_data(as_text=True)
    assert '<mark class="correction"' in grading and "Corrections (1)" in grading
    # The student is told; the notification opens the reflection's corrections.
    note = db.session.scalar(select(Notification).where(Notification.user_id == s, Notification.kind == "corr_refl"))
    student = login_as(world.student)
    assert "corrected some words in your reflection" in student.get("/notifications").get_data(as_text=True)
    target = student.get(f"/notifications/{note.id}").headers["Location"]
    assert target.endswith(f"/reflections/{a}/students/{s}/corrections#corrections")
    page = student.get(target).get_data(as_text=True)
    assert "learned" in page and "The word is spelt wrong" in page and "Add a correction" not in page
    # A classmate, and the same URL with the classmate's id, show nothing.
    other = make_user("Cleo Classmate")
    add_member(world.classroom, other)
    assert login_as(other).get(target).status_code == 404
    assert login_as(other).get(f"/classes/{c}/reflections/{a}/students/{other.id}/corrections").status_code == 404
    # Revising the reflection (returned, changed, handed in again) fixes the correction.
    from app.grading import services as grading_services
    from app.reflections import services as reflection_services

    reflection, grade = reflection_services.work_of(assignment, world.student.id)
    thread = db.session.get(Thread, assignment.thread_id)
    grading_services.return_for_revision(reflection, grade, "Check the words I marked.", world.teacher, thread)
    db.session.commit()
    write_reflection(assignment, world.student, TEXT.replace("learnd", "learned"))
    db.session.expire_all()
    assert db.session.scalar(select(Correction.state)) == "fixed"


def test_a_draft_is_not_shown_to_the_teacher(world, login_as):
    assignment = make_assignment(world.classroom, teacher=world.teacher)
    write_reflection(assignment, world.student, "My secret draft words.", hand_in=False)
    url = f"/classes/{world.classroom.id}/reflections/{assignment.id}/students/{world.student.id}/corrections"
    teacher = login_as(world.teacher)
    page = teacher.get(url).get_data(as_text=True)
    assert "secret draft" not in page and "Not handed in yet" in page and "Add a correction" not in page
    response = teacher.post(url + "/new", data={"correction-words": "secret", "correction-code": "SP"})
    assert response.status_code == 302 and db.session.scalar(select(Correction)) is None
    assert "secret draft" in login_as(world.student).get(url).get_data(as_text=True)
