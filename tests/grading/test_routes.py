"""Grading pages through HTTP: queue, grading one student, release, return, feedback, gradebook, CSV."""
from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from sqlalchemy import select

from app import clock
from app.extensions import db
from app.forum.models import Notification
from app.reflections.models import Grade, Reflection, ReflectionVersion
from tests.conftest import add_member, count_queries
from tests.grading.factories import graded, hand_in, make_assignment, thread_with_posts
from tests.prompts.factories import NOW, make_prompt, topic_thread, words, write

TOP = {"level-0": "0", "level-1": "0", "level-2": "0", "level-3": "0"}


@pytest.fixture
def setup(world, make_user):
    """The world's class with a second student, a thread both posted in, an assignment and two hand-ins."""
    world.zoe = make_user("Zoe Zhang")
    add_member(world.classroom, world.zoe)
    thread = thread_with_posts(world.classroom, world.teacher, world.student)
    world.thread = thread
    world.assignment = make_assignment(world.classroom, thread)
    world.reflection = hand_in(world.assignment, world.student, "Sam wrote about Skype and speaking.")
    hand_in(world.assignment, world.zoe, "Zoe wrote this one.", at=world.assignment.due_at + timedelta(hours=2),
            took_part=False)
    world.base = f"/classes/{world.classroom.id}/reflections/{world.assignment.id}"
    return world


def grade_url(w, student):
    return f"{w.base}/grading/{student.id}"


def page(response) -> str:
    return response.get_data(as_text=True)


def the_grade(w, student) -> Grade | None:
    db.session.expire_all()
    return db.session.scalar(select(Grade).where(Grade.assignment_id == w.assignment.id, Grade.student_id == student.id))


def test_queue_lists_every_student_with_status(setup, login_as, make_user):
    w = setup
    add_member(w.classroom, make_user("Nina Nobody"))
    html = page(login_as(w.teacher).get(f"{w.base}/grading"))
    assert "Nina Nobody" in html and "Not started" in html and "Did not take part" in html
    assert "2 hours late" in html and "Took part" in html
    assert html.index("Nina Nobody") < html.index("Sam Student") < html.index("Zoe Zhang")
    filtered = page(login_as(w.teacher).get(f"{w.base}/grading?show=needs-grading"))
    assert "Sam Student" in filtered and "Zoe Zhang" in filtered and "Nina Nobody" not in filtered


def test_grade_page_shows_reflection_discussion_and_rubric(setup, login_as):
    w = setup
    html = page(login_as(w.teacher).get(grade_url(w, w.student)))
    assert "Sam wrote about Skype" in html and "This student's post" in html
    assert "Summary of the discussion" in html and 'name="level-0"' in html
    assert "Next student" in html and "Previous student" not in html
    assert "Zoe wrote" not in html


def test_save_grade_needs_every_criterion_and_keeps_a_draft(setup, login_as):
    w = setup
    response = login_as(w.teacher).post(grade_url(w, w.student), data={"level-0": "1", "action": "save",
                                                                       "feedback": "Keep this"})
    html = page(response)
    assert response.status_code == 200
    assert "Choose a level for: Language accuracy, Vocabulary, Participation." in html
    assert "Keep this" in html and 'value="1" data-points="3" checked' in html
    grade = the_grade(w, w.student)
    assert grade.complete is False and grade.feedback_source == "Keep this"


def test_adjustment_needs_a_reason(setup, login_as):
    w = setup
    html = page(login_as(w.teacher).post(grade_url(w, w.student), data={**TOP, "adjustment": "-2", "action": "save"}))
    assert "Please say why you adjust the points." in html
    assert 'aria-describedby="adjustment_reason-hint adjustment_reason-error"' in html
    assert the_grade(w, w.student).complete is False


def test_save_grade_computes_the_total(setup, login_as):
    w = setup
    client = login_as(w.teacher)
    response = client.post(grade_url(w, w.student), data={**TOP, "level-3": "2", "adjustment": "1",
                                                          "adjustment_reason": "Great words", "action": "save",
                                                          "feedback": "Well **done**"})
    assert response.status_code == 302 and response.headers["Location"].endswith(grade_url(w, w.student))
    grade = the_grade(w, w.student)
    assert grade.complete and grade.score == 4 + 3 + 3 + 0 + 1
    assert grade.feedback_html == "<p>Well <strong>done</strong></p>"
    html = page(client.get(grade_url(w, w.student)))
    assert "Grade saved" in html and "Not released yet" in html and ">11</output> out of 12" in html


def test_next_and_previous_keep_a_draft(setup, login_as):
    w = setup
    client = login_as(w.teacher)
    response = client.post(grade_url(w, w.student), data={"level-0": "2", "feedback": "Half typed",
                                                          "go": str(w.zoe.id)})
    assert response.headers["Location"].endswith(grade_url(w, w.zoe))
    back = page(client.get(grade_url(w, w.student)))
    assert "Half typed" in back and "Draft grade saved" in back and 'value="2" data-points="2" checked' in back
    assert the_grade(w, w.student).complete is False
    # moving on without typing anything writes no grade
    client.post(grade_url(w, w.zoe), data={"go": str(w.student.id)})
    assert the_grade(w, w.zoe) is None


def test_save_and_next(setup, login_as):
    w = setup
    response = login_as(w.teacher).post(grade_url(w, w.student), data={**TOP, "action": "save_next"})
    assert response.headers["Location"].endswith(grade_url(w, w.zoe))
    response = login_as(w.teacher).post(grade_url(w, w.zoe), data={**TOP, "action": "save_next"})
    assert response.headers["Location"].endswith(f"{w.base}/grading")


def test_release_one_and_hide(setup, login_as):
    w = setup
    client = login_as(w.teacher)
    client.post(f"{grade_url(w, w.student)}/release")
    assert the_grade(w, w.student) is None  # nothing saved yet: nothing to release
    graded(w.assignment, w.student, w.teacher)
    client.post(f"{grade_url(w, w.student)}/release")
    assert the_grade(w, w.student).released_at is not None
    note = db.session.scalar(select(Notification).where(Notification.kind == "grade"))
    assert note.user_id == w.student.id
    student = login_as(w.student)
    opened = student.get(f"/notifications/{note.id}")
    assert opened.headers["Location"].endswith(f"{w.base}/feedback")
    assert "gave you a grade for your reflection on" in page(student.get("/notifications"))
    client.post(f"{grade_url(w, w.student)}/hide")
    assert the_grade(w, w.student).released_at is None


def test_release_all(setup, login_as):
    w = setup
    graded(w.assignment, w.student, w.teacher)
    response = login_as(w.teacher).post(f"{w.base}/release", follow_redirects=True)
    assert "1 grade is released" in page(response)
    assert the_grade(w, w.student).released_at is not None


def test_return_for_revision_needs_a_comment(setup, login_as):
    w = setup
    client = login_as(w.teacher)
    html = page(client.post(f"{grade_url(w, w.student)}/return", data={"comment": ""}))
    assert "Please write a comment" in html
    assert db.session.scalar(select(ReflectionVersion)) is None
    graded(w.assignment, w.student, w.teacher, released=True)
    client.post(f"{grade_url(w, w.student)}/return", data={"comment": "Add one new word."})
    db.session.expire_all()
    reflection = db.session.get(Reflection, w.reflection.id)
    assert reflection.submitted_at is None and reflection.returned_comment == "Add one new word."
    assert db.session.scalar(select(ReflectionVersion)).source == "Sam wrote about Skype and speaking."
    grade = the_grade(w, w.student)
    assert grade.released_at is None and not grade.complete
    note = db.session.scalar(select(Notification).where(Notification.kind == "returned"))
    assert login_as(w.student).get(f"/notifications/{note.id}").headers["Location"].endswith(w.base)


def test_feedback_only_once_released(setup, login_as):
    w = setup
    graded(w.assignment, w.student, w.teacher, {"0": 1, "1": 0, "2": 0, "3": 0}, feedback="Secret feedback",
           adjustment=-1, reason="A bit short")
    student = login_as(w.student)
    html = page(student.get(f"{w.base}/feedback"))
    assert "Your teacher has not given the grade yet." in html
    assert "Secret feedback" not in html and "10" not in html.split("<main")[1]
    w_grade = the_grade(w, w.student)
    w_grade.released_at = clock.now()
    db.session.commit()
    html = page(student.get(f"{w.base}/feedback"))
    assert "10 out of 12" in html and "Secret feedback" in html and "A bit short" in html
    assert html.count("Your level") == 4 and "Sam wrote about Skype" in html
    grades = page(student.get(f"/classes/{w.classroom.id}/grades"))
    assert "10 out of 12" in grades and f"{w.base}/feedback" in grades


def test_gradebook_page_and_student_page(setup, login_as):
    w = setup
    graded(w.assignment, w.student, w.teacher, feedback="Lovely summary")
    teacher = login_as(w.teacher)
    html = page(teacher.get(f"/classes/{w.classroom.id}/gradebook"))
    assert "Other threads" in html and "12 / 12" in html and "late" in html and 'class="table-scroll" tabindex="0"' in html
    html = page(teacher.get(f"/classes/{w.classroom.id}/gradebook/students/{w.student.id}"))
    assert "Lovely summary" in html and "12 / 12" in html


def test_gradebook_groups_by_prompt_with_participation(app, world, login_as):
    clock.freeze(NOW)
    try:
        prompt = make_prompt(world.classroom, world.teacher)
        write(topic_thread(prompt, 0), world.student, words(12))
        first = make_assignment(world.classroom, topic_thread(prompt, 0), prompt_id=prompt.id)
        make_assignment(world.classroom, topic_thread(prompt, 1), prompt_id=prompt.id)
        graded(first, world.student, world.teacher)
        html = page(login_as(world.teacher).get(f"/classes/{world.classroom.id}/gradebook"))
        assert "Should we use Skype?" in html and "Participation" in html and "not met" in html
        queue = page(login_as(world.teacher).get(f"/classes/{world.classroom.id}/prompts/{prompt.id}/grading"))
        assert "Practising speaking online" in queue and "Sam Student" in queue
        grade_page = page(login_as(world.teacher).get(
            f"/classes/{world.classroom.id}/reflections/{first.id}/grading/{world.student.id}"))
        assert "Discussion requirements: not met" in grade_page and "Replies to classmates: 0 of 2" in grade_page
        response = login_as(world.teacher).post(f"/classes/{world.classroom.id}/prompts/{prompt.id}/release",
                                                follow_redirects=True)
        assert "1 grade is released" in page(response)
    finally:
        clock.freeze(None)


def test_csv_export(setup, login_as, make_user):
    w = setup
    evil = make_user("=cmd|' /C calc'!A0", "evil@example.com")
    add_member(w.classroom, evil)
    w.classroom.name = "Café B1"
    db.session.commit()
    graded(w.assignment, w.student, w.teacher)
    response = login_as(w.teacher).get(f"/classes/{w.classroom.id}/gradebook.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert 'filename="gradebook-caf_-b1.csv"' in response.headers["Content-Disposition"]
    raw = response.get_data()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == ["Email", "Name", "Using Skype (out of 12)"]
    by_name = {r[1]: r for r in rows[1:]}
    assert by_name["Sam Student"] == [w.student.email, "Sam Student", "12"]
    assert by_name["Zoe Zhang"][2] == ""
    assert by_name["'=cmd|' /C calc'!A0"][0] == "evil@example.com"


def _many_students(world, make_user, n):
    thread = thread_with_posts(world.classroom, world.teacher, world.student)
    assignment = make_assignment(world.classroom, thread)
    for i in range(n):
        user = make_user(f"Student {i:02}")
        add_member(world.classroom, user)
        hand_in(assignment, user)
        if i % 2:
            graded(assignment, user, world.teacher, released=i % 4 == 1)
    return assignment


@pytest.mark.parametrize("path", ["{base}/grading", "/classes/{cid}/gradebook", "/classes/{cid}/gradebook.csv",
                                  "/classes/{cid}/grades"])
def test_fixed_number_of_queries(app, world, make_user, login_as, path):
    assignment = _many_students(world, make_user, 3)
    counts = []
    for extra in (0, 9):
        for i in range(extra):
            user = make_user(f"More {len(counts)} {i:02}")
            add_member(world.classroom, user)
            hand_in(assignment, user)
            graded(assignment, user, world.teacher, released=True)
        client = login_as(world.teacher if "grades" not in path else world.student)
        url = path.format(base=f"/classes/{world.classroom.id}/reflections/{assignment.id}", cid=world.classroom.id)
        client.get(url)
        with count_queries(app) as q:
            assert client.get(url).status_code == 200
        counts.append(q.count)
    assert counts[0] == counts[1]


def test_prompt_queue_fixed_queries(app, world, make_user, login_as):
    clock.freeze(NOW)
    try:
        prompt = make_prompt(world.classroom, world.teacher)
        assignments = [make_assignment(world.classroom, topic_thread(prompt, i), prompt_id=prompt.id) for i in (0, 1)]
        counts = []
        for n in (3, 9):
            for i in range(n):
                user = make_user(f"P{n} {i:02}")
                add_member(world.classroom, user)
                write(topic_thread(prompt, i % 2), user, words(12))
                hand_in(assignments[i % 2], user)
            client = login_as(world.teacher)
            url = f"/classes/{world.classroom.id}/prompts/{prompt.id}/grading"
            client.get(url)
            with count_queries(app) as q:
                assert client.get(url).status_code == 200
            counts.append(q.count)
        assert counts[0] == counts[1]
    finally:
        clock.freeze(None)


def test_grade_page_queries_do_not_grow_with_posts_or_students(app, world, make_user, login_as):
    from tests.forum.factories import opening, reply

    thread = thread_with_posts(world.classroom, world.teacher, world.student)
    assignment = make_assignment(world.classroom, thread)
    hand_in(assignment, world.student)
    url = f"/classes/{world.classroom.id}/reflections/{assignment.id}/grading/{world.student.id}"
    counts = []
    for extra in (2, 10):
        for i in range(extra):
            user = make_user(f"Q{extra} {i:02}")
            add_member(world.classroom, user)
            reply(opening(thread), user, f"My view number {i}.")
        client = login_as(world.teacher)
        with count_queries(app) as q:
            assert client.get(url).status_code == 200
        counts.append(q.count)
    assert counts[0] == counts[1]


def test_gradebook_queries_do_not_grow_with_prompts(app, world, login_as):
    clock.freeze(NOW)
    try:
        counts = []
        for _ in range(2):  # one prompt, then three
            for _ in range(1 if not counts else 2):
                prompt = make_prompt(world.classroom, world.teacher)
                write(topic_thread(prompt, 0), world.student, words(12))
                make_assignment(world.classroom, topic_thread(prompt, 0), prompt_id=prompt.id)
            client = login_as(world.teacher)
            client.get(f"/classes/{world.classroom.id}/gradebook")
            with count_queries(app) as q:
                html = page(client.get(f"/classes/{world.classroom.id}/gradebook"))
            counts.append(q.count)
        assert html.count("Participation") == 3 and counts[0] == counts[1]
    finally:
        clock.freeze(None)
