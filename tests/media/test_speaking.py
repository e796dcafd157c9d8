"""A discussion can ask for speaking: the checklist counts seconds like it counts words."""
from __future__ import annotations

from datetime import timedelta

from app import clock
from app.prompts import progress
from tests.forum.factories import reply
from tests.media.factories import attach
from tests.prompts.factories import make_prompt, opening, topic_thread


def speaking_prompt(world, seconds=3):
    clock.freeze(None)
    return make_prompt(world.classroom, world.teacher, min_voice_seconds=seconds, min_words_first=0,
                       opens_at=clock.now() - timedelta(hours=1), closes_at=clock.now() + timedelta(days=2))


def speaking_line(prompt, user):
    return progress.checklist(prompt, progress.student_progress(prompt, user.id))[-1]


def test_the_checklist_counts_seconds(app, world):
    prompt = speaking_prompt(world)
    line = speaking_line(prompt, world.student)
    assert (line.text, line.done) == ("Speaking: no recording yet (a voice reply of at least 3 seconds)", False)
    first = reply(opening(topic_thread(prompt)), world.student, "Here is my voice.")
    attach(first, seconds=1)
    line = speaking_line(prompt, world.student)
    assert line.text == "Speaking: 1 second (a voice reply of at least 3 seconds) — 2 seconds missing"
    assert not progress.student_progress(prompt, world.student.id).met(prompt)
    attach(reply(first, world.student, "And more."), seconds=4)
    line = speaking_line(prompt, world.student)
    assert (line.text, line.done) == ("Speaking: 4 seconds ✓ (a voice reply of at least 3 seconds)", True)


def test_no_speaking_line_without_the_requirement(app, world):
    prompt = speaking_prompt(world, seconds=0)
    lines = progress.checklist(prompt, progress.student_progress(prompt, world.student.id))
    assert not any(line.text.startswith("Speaking") for line in lines)


def test_the_prompt_page_and_the_form_show_it(app, world, login_as):
    prompt = speaking_prompt(world, seconds=30)
    client = login_as(world.student)
    page = client.get(f"/classes/{world.classroom.id}/prompts/{prompt.id}").get_data(as_text=True)
    assert "Speaking: no recording yet (a voice reply of at least 30 seconds)" in page
    first = opening(topic_thread(prompt))
    form = client.get(f"/classes/{world.classroom.id}/posts/{first.id}/reply").get_data(as_text=True)
    assert "This discussion asks for a voice reply of at least 30 seconds." in form


def test_the_teacher_sets_speaking_in_the_prompt_form(app, world, login_as):
    prompt = speaking_prompt(world, seconds=0)
    client = login_as(world.teacher)
    page = client.get(f"/classes/{world.classroom.id}/prompts/{prompt.id}/edit").get_data(as_text=True)
    assert "Seconds of speaking" in page and "A recording needs its transcript" in page
