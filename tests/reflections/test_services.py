"""Reflection services and status rules without HTTP (the clock is frozen)."""
from __future__ import annotations

from datetime import timedelta

import pytest

from app import clock
from app.extensions import db
from app.prompts import services as prompt_services
from app.prompts.services import TopicInput
from app.reflections import services, status, student
from app.reflections.models import Assignment, PromptReflection
from app.reflections.rubric import DEFAULT_RUBRIC, max_points
from tests.conftest import freeze_clock_at
from tests.forum.factories import start
from tests.prompts.factories import make_prompt, prompt_topics, topic_thread, words
from tests.reflections.factories import NOW, grade, make_assignment, settings, write_reflection

frozen = freeze_clock_at(NOW)


# -- status: opening, due, late ----------------------------------------------------------

def test_opens_when_the_chat_ends_or_the_prompt_closes_or_at_once(world):
    prompt = make_prompt(world.classroom, world.teacher, chat_at=NOW + timedelta(hours=2), chat_minutes=30,
                         chat_url="https://meet.jit.si/x")
    a = Assignment(opens_at=None)
    assert status.opens_at(a, prompt) == NOW + timedelta(hours=2, minutes=30)
    assert not status.is_open(a, prompt, clock.now())
    clock.freeze(NOW + timedelta(hours=2, minutes=30))
    assert status.is_open(a, prompt, clock.now())
    assert services.default_opening(prompt)[0] == "when the live chat ends"
    no_chat = make_prompt(world.classroom, world.teacher, title="No chat")
    assert services.default_opening(no_chat) == ("when the discussion closes", no_chat.closes_at)
    assert services.default_opening(None) == ("at once", None)
    assert status.is_open(a, None, NOW)
    assert not status.is_open(Assignment(opens_at=NOW + timedelta(minutes=1)), None, NOW)


def test_late_hand_in_is_accepted_and_marked(world):
    assignment = make_assignment(world.classroom, teacher=world.teacher, due_at=NOW + timedelta(hours=2))
    clock.freeze(NOW + timedelta(hours=5, minutes=10))
    reflection = write_reflection(assignment, world.student, words(30))
    assert reflection.submitted_at == clock.now()
    assert status.state(assignment, reflection, None) == status.LATE
    assert status.describe_lateness(status.lateness(assignment, reflection.submitted_at)) == "3 hours 10 minutes late"
    assert status.label(status.LATE) == "handed in late"


def test_change_after_hand_in_until_due_then_not(world):
    assignment = make_assignment(world.classroom, teacher=world.teacher, due_at=NOW + timedelta(hours=2))
    write_reflection(assignment, world.student, "First version", hand_in=True)
    clock.freeze(NOW + timedelta(hours=1))
    again = write_reflection(assignment, world.student, "Second version", hand_in=False)
    assert again.submitted_at == clock.now() and again.source == "Second version"  # still handed in
    clock.freeze(NOW + timedelta(hours=3))
    with pytest.raises(student.CannotChange):
        write_reflection(assignment, world.student, "Too late")
    db.session.rollback()


def test_a_released_grade_stops_changes(world):
    assignment = make_assignment(world.classroom, teacher=world.teacher)
    reflection = write_reflection(assignment, world.student, "Done")
    g = grade(assignment, world.student, released=True)
    assert status.state(assignment, reflection, g) == status.GRADED
    with pytest.raises(student.CannotChange):
        student.save(assignment, topic_or_thread(assignment), world.student, "x", hand_in=True, now=clock.now(),
                     reflection=reflection, grade=g)
    db.session.rollback()


def topic_or_thread(assignment):
    from app.forum.models import Thread

    return db.session.get(Thread, assignment.thread_id)


# -- the student's reflection ---------------------------------------------------------------

def test_draft_then_hand_in_notes_taking_part(world, make_user):
    thread, first = start(world.classroom, world.teacher)
    assignment = make_assignment(world.classroom, thread)
    draft = write_reflection(assignment, world.student, "A *draft*", hand_in=False)
    assert draft.submitted_at is None and draft.html == "<p>A <em>draft</em></p>" and draft.words == 2
    assert status.state(assignment, draft, None) == status.DRAFT
    assert not write_reflection(assignment, world.student, "Handed in").took_part
    from tests.forum.factories import reply

    reply(first, world.student)
    assert write_reflection(assignment, world.student, "Again").took_part
    assert student.mine(assignment, world.teacher) == (None, None)


# -- settings ------------------------------------------------------------------------------

def test_thread_settings_points_come_from_the_rubric(world):
    assignment = make_assignment(world.classroom, teacher=world.teacher, points=7)
    assert assignment.points == max_points(DEFAULT_RUBRIC) == 12
    assert assignment.instructions_html == "<p>Summarise the <strong>discussion</strong>.</p>"
    thread = topic_or_thread(assignment)
    services.save_settings(world.classroom, thread, None, settings(rubric=[], points=7), assignment)
    assert assignment.points == 7 and assignment.rubric == []


def test_prompt_settings_reach_every_following_topic_and_new_topics(world):
    prompt = make_prompt(world.classroom, world.teacher)
    services.save_prompt_settings(prompt, settings(min_words=80))
    db.session.commit()
    first, second = (services.assignment_of_thread(t.thread_id) for t in prompt_topics(prompt))
    assert first.follows_prompt and first.min_words == 80 and first.prompt_id == prompt.id
    # One topic changed alone stops following.
    services.save_settings(world.classroom, topic_thread(prompt, 1), prompt, settings(min_words=20), second)
    services.save_prompt_settings(prompt, settings(min_words=100))
    assert (first.min_words, second.min_words, second.follows_prompt) == (100, 20, False)
    assert services.follow_prompt(second, prompt) and second.min_words == 100 and second.follows_prompt
    # A topic added later gets the prompt's reflection.
    prompt = prompt_services.get_prompt(world.classroom, prompt.id, teacher=True)
    prompt_services.update_prompt(prompt, world.teacher, {"title": prompt.title}, [
        TopicInput(t.id, t.title, t.description) for t in prompt_topics(prompt)] + [TopicInput(None, "Third")],
        archive_ok=False)
    third = prompt_topics(prompt)[-1]
    added = services.assignment_of_thread(third.thread_id)
    assert added is not None and added.min_words == 100 and added.follows_prompt
    assert db.session.get(PromptReflection, prompt.id).min_words == 100


def test_a_grade_locks_the_rubric(world):
    assignment = make_assignment(world.classroom, teacher=world.teacher)
    assert not services.rubric_locked(assignment)
    write_reflection(assignment, world.student, "Text")
    grade(assignment, world.student)
    assert services.rubric_locked(assignment)
    services.save_settings(world.classroom, topic_or_thread(assignment), None,
                           settings(rubric=[{"title": "New", "levels": []}], min_words=5), assignment)
    assert assignment.rubric == DEFAULT_RUBRIC and assignment.min_words == 5


def test_rubric_templates(world):
    saved = services.save_template(world.classroom, "Mine", DEFAULT_RUBRIC)
    with pytest.raises(services.NameTaken):
        services.save_template(world.classroom, "mine", [])
    assert services.class_templates(world.classroom) == [saved]
    services.delete_template(saved)
    assert services.class_templates(world.classroom) == []


def test_students_list_only_open_assignments(world):
    prompt = make_prompt(world.classroom, world.teacher, chat_at=NOW + timedelta(hours=1), chat_minutes=30,
                         chat_url="https://meet.jit.si/x")
    services.save_prompt_settings(prompt, settings())
    plain = make_assignment(world.classroom, teacher=world.teacher)
    db.session.commit()
    rows = services.class_assignments(world.classroom, world.student, teacher=False, now=clock.now())
    assert [r.assignment.id for r in rows] == [plain.id]
    clock.freeze(NOW + timedelta(hours=2))
    rows = services.class_assignments(world.classroom, world.student, teacher=False, now=clock.now())
    assert len(rows) == 3 and {r.state for r in rows} == {status.NOT_STARTED}
    teacher_rows = services.class_assignments(world.classroom, world.teacher, teacher=True, now=clock.now())
    assert len(teacher_rows) == 3 and {r.handed_in for r in teacher_rows} == {0}
