"""Reflection pages over HTTP: settings with the rubric editor, templates, the student's page."""
from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import select

from app import clock
from app.extensions import db
from app.reflections import services
from app.reflections.models import Assignment, Reflection, ReflectionVersion, RubricTemplate
from tests.conftest import freeze_clock_at
from tests.forum.factories import reply, start
from tests.prompts.factories import make_prompt, prompt_topics, topic_thread, words, write
from tests.reflections.factories import NOW, grade, make_assignment, write_reflection

frozen = freeze_clock_at(NOW)


def c(world, rest=""):
    return f"/classes/{world.classroom.id}{rest}"


RUBRIC = {"criteria-0-title": "Ideas", "criteria-0-levels-0-description": "Clear", "criteria-0-levels-0-points": "3",
          "criteria-0-levels-1-description": "Unclear", "criteria-0-levels-1-points": "1"}
FORM = {"instructions": "Write what you **learned**.", "time_zone": "Europe/London", "opens_at": "",
        "due_at": "2026-11-21T12:00", "min_words": "40", "points": "0", **RUBRIC}


def settings_url(world, thread):
    return c(world, f"/threads/{thread.id}/reflection/settings")


# -- settings ------------------------------------------------------------------------------

def test_teacher_adds_a_reflection_to_any_thread(world, login_as):
    thread, _ = start(world.classroom, world.teacher)
    teacher = login_as(world.teacher)
    page = teacher.get(settings_url(world, thread)).get_data(as_text=True)
    assert "Summarise what your group discussed" in page and 'value="Summary of the discussion"' in page
    assert "Leave it empty to open at once" in page
    response = teacher.post(settings_url(world, thread), data=FORM)
    assert response.status_code == 302
    assignment = services.assignment_of_thread(thread.id)
    assert assignment.min_words == 40 and assignment.points == 3 and not assignment.follows_prompt
    assert assignment.due_at == NOW.replace(day=21)  # 12:00 in London in November is 12:00 UTC
    assert assignment.rubric == [{"title": "Ideas", "levels": [{"description": "Clear", "points": 3},
                                                               {"description": "Unclear", "points": 1}]}]
    assert response.headers["Location"].endswith(f"/reflections/{assignment.id}")
    summary = teacher.get(response.headers["Location"]).get_data(as_text=True)
    assert "Grade the reflections" in summary and f"/reflections/{assignment.id}/grading" in summary
    assert "Change the settings" in summary and "<strong>learned</strong>" in summary


def test_mistakes_come_back_with_the_text(world, login_as):
    thread, _ = start(world.classroom, world.teacher)
    teacher = login_as(world.teacher)
    data = {**FORM, "instructions": "Keep this text", "criteria-0-levels-1-description": "",
            "criteria-0-levels-1-points": ""}
    response = teacher.post(settings_url(world, thread), data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and services.assignment_of_thread(thread.id) is None
    assert "Criterion 1 needs at least two levels." in page and 'aria-describedby="rubric-problems"' in page
    assert "Keep this text" in page and 'value="Ideas"' in page
    page = teacher.post(settings_url(world, thread), data={**FORM, "due_at": "2026-11-20T10:00",
                                                            "opens_at": "2026-11-20T11:00"}).get_data(as_text=True)
    assert "The due time must be after the opening time." in page


def test_rubric_buttons_add_rows_without_saving(world, login_as):
    thread, _ = start(world.classroom, world.teacher)
    teacher = login_as(world.teacher)
    blank = {"criteria-1-title": "", "criteria-1-levels-0-description": "", "criteria-1-levels-0-points": ""}
    page = teacher.post(settings_url(world, thread), data={**FORM, **blank, "action": "add_criterion"}).get_data(as_text=True)
    assert page.count("<legend>Criterion ") == 3  # Ideas, the empty row the page showed, and one more
    page = teacher.post(settings_url(world, thread), data={**FORM, "action": "add_level-0",
                                                           "criteria-0-levels-2-description": "",
                                                           "criteria-0-levels-2-points": ""}).get_data(as_text=True)
    assert 'name="criteria-0-levels-3-description"' in page and 'name="criteria-0-levels-4-description"' not in page
    assert 'for="criteria-0-levels-3-points">Level 4 points' in page
    page = teacher.post(settings_url(world, thread), data={**FORM, "action": "default_rubric"}).get_data(as_text=True)
    assert 'value="Language accuracy"' in page and 'value="Ideas"' not in page
    assert services.assignment_of_thread(thread.id) is None


def test_save_a_rubric_for_later_and_use_it(world, login_as):
    thread, _ = start(world.classroom, world.teacher)
    teacher = login_as(world.teacher)
    page = teacher.post(settings_url(world, thread), data={**FORM, "action": "save_template"}).get_data(as_text=True)
    assert "Please give the rubric a name." in page
    page = teacher.post(settings_url(world, thread), data={**FORM, "action": "save_template",
                                                           "template_name": "Short rubric"}).get_data(as_text=True)
    assert "is saved" in page and 'value="Ideas"' in page
    template = db.session.scalar(select(RubricTemplate))
    assert template.name == "Short rubric" and template.rubric[0]["title"] == "Ideas"
    page = teacher.post(settings_url(world, thread), data={**FORM, "action": "save_template",
                                                           "template_name": "short rubric"}).get_data(as_text=True)
    assert "already have a rubric with this name" in page
    page = teacher.post(settings_url(world, thread), data={"action": "use_template", "template_id": template.id,
                                                           "instructions": "x"}).get_data(as_text=True)
    assert 'value="Ideas"' in page and 'value="Clear"' in page
    listing = teacher.get(c(world, "/rubrics")).get_data(as_text=True)
    assert "Short rubric" in listing and "up to 3 points" in listing
    assert teacher.post(c(world, f"/rubrics/{template.id}/delete")).status_code == 302
    assert db.session.scalar(select(RubricTemplate)) is None
    other = start(world.other_class, world.outsider)[0]
    assert teacher.post(c(world, f"/threads/{other.id}/reflection/settings"), data=FORM).status_code == 404


def test_a_graded_rubric_is_read_only(world, login_as):
    assignment = make_assignment(world.classroom, teacher=world.teacher)
    write_reflection(assignment, world.student, "Mine")
    grade(assignment, world.student)
    thread = db.session.get(Assignment, assignment.id).thread_id
    teacher = login_as(world.teacher)
    page = teacher.get(c(world, f"/threads/{thread}/reflection/settings")).get_data(as_text=True)
    assert "already graded with this rubric" in page and 'name="criteria-0-title"' not in page
    assert "Summary of the discussion" in page
    assert teacher.post(c(world, f"/threads/{thread}/reflection/settings"), data=FORM).status_code == 302
    db.session.expire_all()
    saved = db.session.get(Assignment, assignment.id)
    assert saved.rubric[0]["title"] == "Summary of the discussion" and saved.min_words == 40 and saved.points == 12


def test_prompt_settings_once_for_every_topic(world, login_as):
    prompt = make_prompt(world.classroom, world.teacher)
    teacher = login_as(world.teacher)
    assert "Reflection settings" in teacher.get(c(world, f"/prompts/{prompt.id}/edit")).get_data(as_text=True)
    page = teacher.get(c(world, f"/prompts/{prompt.id}/reflection")).get_data(as_text=True)
    assert "Leave it empty to open when the discussion closes" in page
    assert teacher.post(c(world, f"/prompts/{prompt.id}/reflection"), data=FORM).status_code == 302
    first, second = (services.assignment_of_thread(t.thread_id) for t in prompt_topics(prompt))
    assert first.min_words == second.min_words == 40 and first.follows_prompt
    url = settings_url(world, topic_thread(prompt, 1))
    assert "this topic gets its own settings" in teacher.get(url).get_data(as_text=True)
    teacher.post(url, data={**FORM, "min_words": "10"})
    db.session.expire_all()
    second = db.session.get(Assignment, second.id)
    assert second.min_words == 10 and not second.follows_prompt
    page = teacher.get(url).get_data(as_text=True)
    assert "Use the discussion’s settings again" in page
    assert teacher.post(url, data={"action": "follow_prompt"}).status_code == 302
    db.session.expire_all()
    assert db.session.get(Assignment, second.id).min_words == 40


# -- the student's page --------------------------------------------------------------------

def write_url(assignment):
    return f"/classes/{assignment.classroom_id}/reflections/{assignment.id}"


def token(page: str) -> str:
    return re.search(r'name="form_token" type="hidden" value="([^"]+)"', page).group(1)


def test_student_saves_a_draft_then_hands_in(world, login_as):
    thread, first = start(world.classroom, world.teacher, "Weekend", "What did you do?")
    reply(first, world.student, "I went to the park.")
    assignment = make_assignment(world.classroom, thread, min_words=20, due_at=NOW + timedelta(days=1))
    student = login_as(world.student)
    page = student.get(write_url(assignment)).get_data(as_text=True)
    assert "Your post" in page and "I went to the park." in page and "not started" in page
    assert "Save draft" in page and "Hand in" in page and "At least 20 words" in page
    response = student.post(write_url(assignment), data={"body": words(5), "action": "draft",
                                                          "form_token": token(page)})
    assert response.status_code == 302
    reflection = db.session.scalar(select(Reflection))
    assert reflection.submitted_at is None and reflection.words == 5
    page = student.get(write_url(assignment)).get_data(as_text=True)
    assert words(5) in page and ">draft<" in page
    response = student.post(write_url(assignment), data={"body": words(8), "action": "hand_in",
                                                          "form_token": token(page)})
    text = response.get_data(as_text=True)
    assert response.status_code == 200 and "You need 12 more words" in text and words(8) in text
    assert 'aria-describedby="body-error body-count"' in text or "body-error" in text
    response = student.post(write_url(assignment), data={"body": words(25), "action": "hand_in",
                                                          "form_token": token(page)})
    assert response.status_code == 302
    again = student.post(write_url(assignment), data={"body": words(25), "action": "hand_in",
                                                       "form_token": token(page)})
    assert again.status_code == 302 and again.headers["Location"] == response.headers["Location"]
    db.session.expire_all()
    reflection = db.session.scalar(select(Reflection))
    assert reflection.submitted_at == NOW and reflection.took_part and reflection.words == 25
    page = student.get(write_url(assignment)).get_data(as_text=True)
    assert ">handed in<" in page and "Save draft" not in page and "press “Hand in” again" in page


def test_late_hand_in_and_no_changes_after_the_due_time(world, login_as):
    assignment = make_assignment(world.classroom, teacher=world.teacher, due_at=NOW + timedelta(hours=2))
    write_reflection(assignment, world.student, "Draft", hand_in=False)
    clock.freeze(NOW + timedelta(hours=4))
    student = login_as(world.student)
    page = student.get(write_url(assignment)).get_data(as_text=True)
    assert student.post(write_url(assignment), data={"body": "Handed in late", "action": "hand_in",
                                                     "form_token": token(page)}).status_code == 302
    page = student.get(write_url(assignment)).get_data(as_text=True)
    assert "handed in late" in page and "2 hours late" in page
    assert "The due time has passed" in page and "Hand in</button>" not in page
    response = student.post(write_url(assignment), data={"body": "Changed", "action": "hand_in",
                                                         "form_token": "another"})
    assert response.status_code == 409
    assert db.session.scalar(select(Reflection.source)) == "Handed in late"


def test_before_it_opens_students_see_when(world, login_as):
    assignment = make_assignment(world.classroom, teacher=world.teacher, opens_at=NOW + timedelta(days=1))
    student = login_as(world.student)
    response = student.get(write_url(assignment))
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "You can write this reflection from" in page and "Saturday 21" in page
    assert "<textarea" not in page
    assert student.post(write_url(assignment), data={"body": "x"}).status_code == 409
    teacher = login_as(world.teacher)
    assert "Change the settings" in teacher.get(write_url(assignment)).get_data(as_text=True)


def test_graded_and_returned(world, login_as):
    assignment = make_assignment(world.classroom, teacher=world.teacher)
    reflection = write_reflection(assignment, world.student, "First text")
    g = grade(assignment, world.student)
    student = login_as(world.student)
    assert "See your grade" not in student.get(write_url(assignment)).get_data(as_text=True)
    g.released_at = NOW
    db.session.commit()
    page = student.get(write_url(assignment)).get_data(as_text=True)
    assert "See your grade and feedback" in page and f"/reflections/{assignment.id}/feedback" in page
    assert ">graded<" in page and "<textarea" not in page
    # Returned for revision (as the grading feature does it): the earlier text is kept as a version.
    db.session.add(ReflectionVersion(reflection_id=reflection.id, source="First text", html="<p>First text</p>",
                                     submitted_at=NOW, returned_comment="Add an example."))
    reflection = db.session.get(Reflection, reflection.id)
    reflection.submitted_at, reflection.returned_at, reflection.returned_comment = None, NOW, "Add an example."
    db.session.commit()
    page = student.get(write_url(assignment)).get_data(as_text=True)
    assert "Your teacher returned your reflection" in page and "Add an example." in page
    assert "Earlier versions" in page and "returned for revision" in page and "<textarea" in page


def test_discussion_follows_the_prompt_rules(world, login_as, make_user):
    from tests.conftest import add_member

    prompt = make_prompt(world.classroom, world.teacher, names_hidden=True, post_first=True)
    classmate = make_user("Carla Classmate")
    add_member(world.classroom, classmate)
    thread = topic_thread(prompt)
    write(thread, classmate, "Classmate's opinion " + words(12))
    services.save_prompt_settings(prompt, services.Settings("Write.", NOW - timedelta(hours=1), None, 0, 0, []))
    db.session.commit()
    assignment = services.assignment_of_thread(thread.id)
    student = login_as(world.student)
    page = student.get(write_url(assignment)).get_data(as_text=True)
    assert "Classmate's opinion" not in page  # post first
    write(thread, world.student, "My own view " + words(12))
    page = student.get(write_url(assignment)).get_data(as_text=True)
    assert "Classmate's opinion" in page and "Carla Classmate" not in page and "Classmate 1" in page
    assert "Your post" in page


def test_a_post_hidden_by_a_teacher_beside_the_editor(world, login_as, make_user):
    """The post's place says a teacher hid it, to classmates; its author still reads it (issue 13.1:
    the page answered 500, the macro had no ``current_user``)."""
    from app.forum import moderation
    from tests.conftest import add_member

    classmate = make_user("Carla Classmate")
    add_member(world.classroom, classmate)
    thread, first = start(world.classroom, world.teacher)
    moderation.set_hidden(reply(first, classmate, "Off-topic words"), True)
    db.session.commit()
    assignment = make_assignment(world.classroom, thread)
    page = login_as(world.student).get(write_url(assignment))
    assert page.status_code == 200
    assert "A teacher hid this post." in page.get_data(as_text=True) and "Off-topic words" not in page.get_data(as_text=True)
    assert "Off-topic words" in login_as(classmate).get(write_url(assignment)).get_data(as_text=True)


# -- links in and lists ---------------------------------------------------------------------

def test_thread_box_index_and_prompt_link(world, login_as):
    thread, first = start(world.classroom, world.teacher)
    teacher = login_as(world.teacher)
    assert "Add a reflection" in teacher.get(c(world, f"/threads/{thread.id}")).get_data(as_text=True)
    assignment = make_assignment(world.classroom, thread)
    assert "Reflection settings" in teacher.get(c(world, f"/threads/{thread.id}")).get_data(as_text=True)
    student = login_as(world.student)
    assert "Write your reflection" in student.get(c(world, f"/threads/{thread.id}")).get_data(as_text=True)
    page = student.get(c(world, "/reflections")).get_data(as_text=True)
    assert "Weekend plans" not in page and thread.title in page and "not started" in page
    write_reflection(assignment, world.student, "Done")
    assert "handed in" in student.get(c(world, "/reflections")).get_data(as_text=True)
    assert "1 handed in" in teacher.get(c(world, "/reflections")).get_data(as_text=True)
    assert "Open the reflections</a>" in student.get(c(world, "/")).get_data(as_text=True)
    prompt = make_prompt(world.classroom, world.teacher, chat_at=NOW - timedelta(hours=3), chat_minutes=30,
                         chat_url="https://meet.jit.si/x")
    write(topic_thread(prompt), world.student, words(12))
    services.save_prompt_settings(prompt, services.Settings("Write.", None, None, 0, 0, []))
    db.session.commit()
    page = student.get(c(world, f"/prompts/{prompt.id}")).get_data(as_text=True)
    topic_assignment = services.assignment_of_thread(topic_thread(prompt).id)
    assert "Chat finished" in page and f"/reflections/{topic_assignment.id}" in page


def test_saving_a_rubric_for_later_checks_the_form_token(app_factory):
    from tests.conftest import World
    from tests.test_access import _login_with_csrf

    app = app_factory(WTF_CSRF_ENABLED=True)
    world = World()
    thread, _ = start(world.classroom, world.teacher)
    client = app.test_client()
    _login_with_csrf(client, world.teacher)
    page = client.post(settings_url(world, thread), data={**FORM, "action": "save_template",
                                                          "template_name": "Stale"}).get_data(as_text=True)
    assert "press the button again" in page and 'value="Ideas"' in page
    assert db.session.scalar(select(RubricTemplate)) is None


def test_class_home_lists_the_reflections_a_student_has_to_write(world, login_as):
    """Only discussions the student took part in (or a reflection already started), until handed in."""
    prompt = make_prompt(world.classroom, world.teacher)
    services.save_prompt_settings(prompt, services.Settings("Write.", NOW - timedelta(hours=1),
                                                            NOW - timedelta(minutes=5), 0, 0, []))
    db.session.commit()
    mine, other = topic_thread(prompt, 0), topic_thread(prompt, 1)
    write(mine, world.student, "My view " + words(12))
    student = login_as(world.student)
    home = student.get(c(world, "/")).get_data(as_text=True)
    assert "To write now:" in home and mine.title in home and other.title not in home
    assert "not started" in home and "(late now)" in home
    assignment = services.assignment_of_thread(mine.id)
    write_reflection(assignment, world.student, "Done " + words(20))
    home = student.get(c(world, "/")).get_data(as_text=True)
    assert "To write now:" not in home
    assert "To write now:" not in login_as(world.teacher).get(c(world, "/")).get_data(as_text=True)
