"""Privacy of grading: every grading route is 404 outside the class and closed to students
where it is the teacher's; a student never sees another student's reflection or any
unreleased grade, on any page a student can open (the reflections pages, notifications...)."""
from __future__ import annotations

import io
import zipfile

import pytest
from flask import url_for

from app.extensions import db
from app.grading import services
from tests.conftest import add_member
from tests.grading.factories import hand_in, make_assignment, thread_with_posts

SECRET_TEXT = "ZOE-PRIVATE-REFLECTION-TEXT"
SECRET_FEEDBACK = "UNRELEASED-FEEDBACK-WORDS"
SECRET_REASON = "UNRELEASED-ADJUSTMENT-REASON"
SECRET_SCORE = "777"


@pytest.fixture
def private(world, make_user, make_class):
    """Sam (the world's student) and Zoe handed in; both have unreleased grades (777 of 1000)."""
    world.zoe = make_user("Zoe Zhang")
    add_member(world.classroom, world.zoe)
    world.other_teacher = make_user("Otto Other")
    make_class(world.other_teacher, "Another class")
    thread = thread_with_posts(world.classroom, world.teacher, world.student, world.zoe)
    world.assignment = make_assignment(world.classroom, thread, rubric=[], points=1000)
    hand_in(world.assignment, world.student, "Sam's own text.")
    hand_in(world.assignment, world.zoe, SECRET_TEXT)
    for student in (world.student, world.zoe):
        services.save_grade(world.assignment, student.id, world.teacher,
                            services.GradeInput(points=770, adjustment=7, reason=SECRET_REASON,
                                                feedback=SECRET_FEEDBACK), complete=True)
    db.session.commit()
    return world


def grading_rules(app):
    return [(r.endpoint, m, r) for r in app.url_map.iter_rules() if r.endpoint.startswith("grading.")
            for m in sorted(r.methods - {"HEAD", "OPTIONS"})]


def url_for_rule(app, rule, w):
    values = {"class_id": w.classroom.id, "assignment_id": w.assignment.id, "student_id": w.zoe.id,
              "prompt_id": 0}
    if "prompt_id" in rule.arguments:
        from tests.prompts.factories import make_prompt

        values["prompt_id"] = make_prompt(w.classroom, w.teacher).id
    with app.test_request_context():
        return url_for(rule.endpoint, **{a: values[a] for a in rule.arguments})


def test_every_grading_route_is_closed_to_outsiders(app, private, login_as):
    w = private
    rules = grading_rules(app)
    assert len(rules) >= 13
    for endpoint, method, rule in rules:
        url = url_for_rule(app, rule, w)
        for outsider in (w.outsider, w.other_teacher):
            assert login_as(outsider).open(url, method=method).status_code == 404, (endpoint, outsider)
        level = app.view_functions[endpoint].access
        student = login_as(w.student).open(url, method=method).status_code
        if level == "teacher":
            assert student in (403, 404), endpoint
        else:
            assert student == 200, endpoint


def test_unknown_ids_are_404(app, private, login_as):
    w = private
    teacher = login_as(w.teacher)
    base = f"/classes/{w.classroom.id}"
    assert teacher.get(f"{base}/reflections/{w.assignment.id}/grading/{w.teacher.id}").status_code == 404
    assert teacher.get(f"{base}/reflections/{w.assignment.id}/grading/{w.outsider.id}").status_code == 404
    assert teacher.get(f"{base}/reflections/99999/grading").status_code == 404
    assert teacher.get(f"{base}/gradebook/students/{w.outsider.id}").status_code == 404
    # another class's assignment through this class's URL
    other = login_as(w.outsider).get(f"/classes/{w.other_class.id}/reflections/{w.assignment.id}/grading")
    assert other.status_code == 404


def student_pages(app, w) -> list[str]:
    """Every GET page a student may open, with this test's ids (pages needing other ids are left out)."""
    values = {"class_id": w.classroom.id, "assignment_id": w.assignment.id, "thread_id": w.assignment.thread_id}
    urls = []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint == "static":
            continue
        if getattr(app.view_functions[rule.endpoint], "access", None) not in ("member", "user"):
            continue
        if all(a in values for a in rule.arguments):
            with app.test_request_context():
                urls.append(url_for(rule.endpoint, **{a: values[a] for a in rule.arguments}))
    return urls


def page_text(response) -> str:
    """The page's text; for My data's zip, the text of every file in it."""
    if response.mimetype == "application/zip":
        archive = zipfile.ZipFile(io.BytesIO(response.get_data()))
        return "".join(archive.read(name).decode("utf-8") for name in archive.namelist())
    return response.get_data(as_text=True)


def test_a_student_never_sees_another_reflection_or_an_unreleased_grade(app, private, login_as):
    w = private
    client = login_as(w.student)
    urls = student_pages(app, w)
    assert f"/classes/{w.classroom.id}/reflections/{w.assignment.id}/feedback" in urls
    assert "/notifications" in urls and "/account/my-data.zip" in urls
    seen = 0
    for url in urls:
        response = client.get(url, follow_redirects=True)
        html = page_text(response)
        for secret in (SECRET_TEXT, SECRET_FEEDBACK, SECRET_REASON, SECRET_SCORE):
            assert secret not in html, (url, secret)
        seen += response.status_code == 200
    assert seen >= len(urls) // 2
    feedback = client.get(f"/classes/{w.classroom.id}/reflections/{w.assignment.id}/feedback").get_data(as_text=True)
    assert "Your teacher has not given the grade yet." in feedback


def test_released_grade_shows_only_to_its_student(app, private, login_as):
    w = private
    teacher = login_as(w.teacher)
    teacher.post(f"/classes/{w.classroom.id}/reflections/{w.assignment.id}/grading/{w.zoe.id}/release")
    sam = login_as(w.student)
    for url in student_pages(app, w):
        html = page_text(sam.get(url, follow_redirects=True))
        assert SECRET_FEEDBACK not in html and SECRET_TEXT not in html, url
    zoe = login_as(w.zoe).get(f"/classes/{w.classroom.id}/reflections/{w.assignment.id}/feedback")
    assert SECRET_FEEDBACK in zoe.get_data(as_text=True) and "777 out of 1000" in zoe.get_data(as_text=True)
    mine = page_text(login_as(w.zoe).get("/account/my-data.zip"))  # released: in Zoe's own data too
    assert SECRET_FEEDBACK in mine and "**Grade:** 777 out of 1000" in mine
