"""The prompt's rules without HTTP: times, closing, extensions, post-first, hidden names, progress."""
from __future__ import annotations

from datetime import timedelta

import pytest

from app import clock, timezones
from app.extensions import db
from app.forum.rules import rules_for
from app.prompts import progress, services
from app.prompts.rules import classmate_numbers
from tests.conftest import add_member, freeze_clock_at
from tests.prompts.factories import NOW, make_prompt, opening, topic_thread, words, write

frozen = freeze_clock_at(NOW)


@pytest.fixture
def people(world, make_user):
    other = make_user("Olu Other")
    add_member(world.classroom, other)
    return world.teacher, world.student, other


def test_times_are_stored_in_utc_and_shown_in_the_zone():
    from datetime import datetime

    local = datetime(2026, 7, 1, 9, 0)
    stored = timezones.to_utc(local, "Europe/London")
    assert stored == datetime(2026, 7, 1, 8, 0)
    assert timezones.to_local(stored, "Europe/London") == local
    assert services.show_time(stored, "Europe/London") == "Wednesday 1 July 2026, 09:00 (Europe/London)"


def test_draft_and_not_yet_open_prompts_are_hidden_from_students(world):
    draft = make_prompt(world.classroom, world.teacher, publish=False)
    later = make_prompt(world.classroom, world.teacher, opens_at=NOW + timedelta(days=1))
    assert rules_for(topic_thread(draft), world.student, False).hidden
    assert rules_for(topic_thread(later), world.student, False).hidden
    assert not rules_for(topic_thread(later), world.teacher, True).hidden
    clock.freeze(NOW + timedelta(days=1))
    assert not rules_for(topic_thread(later), world.student, False).hidden
    assert services.class_prompts(world.classroom, teacher=False) == [later]


def test_closing_makes_threads_read_only_unless_extended(world):
    prompt = make_prompt(world.classroom, world.teacher, closes_at=NOW + timedelta(hours=2))
    thread = topic_thread(prompt)
    assert rules_for(thread, world.student, False).closed is None
    clock.freeze(NOW + timedelta(hours=2))
    reason = rules_for(thread, world.student, False).closed
    assert reason.startswith("This discussion closed on Friday 20 November 2026, 14:00 (Europe/London)")
    assert rules_for(thread, world.teacher, True).closed is None
    services.extend(prompt, world.student.id, NOW + timedelta(days=1))
    db.session.commit()
    assert rules_for(thread, world.student, False).closed is None
    services.reopen(prompt)
    clock.freeze(NOW + timedelta(days=2))
    assert rules_for(thread, world.student, False).closed is None


def test_post_first_hides_classmates_until_the_student_posts(world, people):
    teacher, student, other = people
    prompt = make_prompt(world.classroom, teacher, post_first=True)
    thread = topic_thread(prompt)
    theirs = write(thread, other, "Their idea")
    rules = rules_for(thread, student, False)
    assert rules.visible(opening(thread)) and not rules.visible(theirs)
    assert rules_for(thread, teacher, True).visible(theirs)
    write(thread, student, "My idea")
    assert rules_for(thread, student, False).visible(theirs)
    # Posting in one topic does not open another.
    assert not rules_for(topic_thread(prompt, 1), student, False).visible(write(topic_thread(prompt, 1), other, "x"))


def test_hidden_names_are_stable_classmate_numbers(world, people, make_user):
    teacher, student, other = people
    third = make_user("Tara Third")
    add_member(world.classroom, third)
    prompt = make_prompt(world.classroom, teacher, names_hidden=True)
    write(topic_thread(prompt, 1), other, "first")
    write(topic_thread(prompt), third, "second")
    write(topic_thread(prompt), other, "again")
    assert classmate_numbers(prompt) == {other.id: 1, third.id: 2}
    rules = rules_for(topic_thread(prompt), student, False)
    assert rules.name(other.id, "Olu Other") == "Classmate 1"
    assert rules.name(third.id, "Tara Third") == "Classmate 2"
    assert rules.name(teacher.id, "Tess Teacher") == "Tess Teacher"
    assert rules.name(student.id, "Sam Student") == "Sam Student"
    assert rules_for(topic_thread(prompt), teacher, True).name(other.id, "Olu Other") == "Olu Other"


def test_progress_counts_first_post_and_replies_to_classmates_only(world, people):
    teacher, student, other = people
    prompt = make_prompt(world.classroom, teacher, min_words_first=10, replies_required=2, min_words_reply=3)
    thread = topic_thread(prompt)
    lines = progress.checklist(prompt, progress.student_progress(prompt, student.id))
    assert lines[0].text == "First post: not written yet (at least 10 words)"
    mine = write(thread, student, words(7))
    lines = progress.checklist(prompt, progress.student_progress(prompt, student.id))
    assert lines[0].text == "First post: 7 words (at least 10 words) — 3 words missing" and not lines[0].done
    theirs = write(thread, other, words(12))
    write(thread, student, words(5), parent=mine)  # to myself: not counted
    write(thread, student, words(2), parent=theirs)  # too short
    write(thread, student, words(4), parent=theirs)
    teacher_post = write(thread, teacher, "Good")
    write(thread, student, words(4), parent=teacher_post)  # to a teacher: not counted
    p = progress.student_progress(prompt, student.id)
    assert (p.first_words, p.replies, p.short_replies) == (7, 1, 1)
    lines = progress.checklist(prompt, p)
    assert lines[1].text == "Replies to classmates: 1 of 2 (at least 3 words each) — 1 reply is too short to count"
    rows = {r.user_id: r for r in progress.participation(prompt)}
    assert rows[other.id].first_words == 12 and rows[other.id].replies == 0
    assert not rows[student.id].met(prompt)


def test_first_posts_missing_counts_students_without_a_first_post(world, people, make_user):
    from app.forum import posts

    teacher, student, other = people
    third = make_user("Tia Third")
    add_member(world.classroom, third)
    prompt, later = make_prompt(world.classroom, teacher), make_prompt(world.classroom, teacher, title="Later")
    assert progress.first_posts_missing([prompt, later]) == {prompt.id: 3, later.id: 3}
    first = write(topic_thread(prompt, 0), student, words(12))
    write(topic_thread(prompt, 1), other, words(3))  # short, but a first post
    write(topic_thread(prompt, 0), third, words(4), parent=first)  # a reply is not a first post
    write(topic_thread(prompt, 0), teacher, words(12))  # teachers are not counted
    gone = write(topic_thread(later, 0), student, words(12))
    posts.delete_post(gone)
    db.session.commit()
    missing = progress.first_posts_missing([prompt, later])
    assert missing == {prompt.id: 1, later.id: 3}
    for p in (prompt, later):  # the same answer as the participation table
        assert missing[p.id] == sum(1 for row in progress.participation(p) if row.first_words is None)


def test_checklist_ticks_when_met(world, people):
    teacher, student, other = people
    prompt = make_prompt(world.classroom, teacher, min_words_first=3, replies_required=1, min_words_reply=0)
    thread = topic_thread(prompt)
    theirs = write(thread, other, words(3))
    write(thread, student, words(112))
    write(thread, student, "yes", parent=theirs)
    lines = progress.checklist(prompt, progress.student_progress(prompt, student.id))
    assert [line.text for line in lines] == ["First post: 112 words ✓ (at least 3 words)", "Replies to classmates: 1 of 1 ✓"]
    assert progress.participation(prompt, "words")[0].user_id == student.id


def test_one_topic_only(world, people):
    teacher, student, _ = people
    prompt = make_prompt(world.classroom, teacher, one_topic=True)
    write(topic_thread(prompt), student, "here")
    assert "one topic only" in rules_for(topic_thread(prompt, 1), student, False).closed
    assert rules_for(topic_thread(prompt), student, False).closed is None


def test_chat_window():
    from app.prompts.models import Prompt

    prompt = Prompt(chat_at=NOW + timedelta(minutes=16), chat_minutes=30, chat_url="https://meet.jit.si/x")
    assert services.chat_state(prompt, NOW) == "later"
    assert services.chat_state(prompt, NOW + timedelta(minutes=1)) == "soon"
    assert services.chat_state(prompt, NOW + timedelta(minutes=20)) == "live"
    assert services.chat_state(prompt, NOW + timedelta(minutes=46)) == "finished"


def test_removing_a_topic_with_posts_needs_confirmation_and_archives(world):
    prompt = make_prompt(world.classroom, world.teacher)
    write(topic_thread(prompt), world.student, "mine")
    prompt = services.get_prompt(world.classroom, prompt.id, teacher=True)
    topics = services.TopicInput
    first, second = prompt.topics
    values = {"title": prompt.title}
    keep_second = [topics(second.id, second.title), topics(None, "A new topic")]
    with pytest.raises(services.TopicsHavePosts):
        services.update_prompt(prompt, world.teacher, values, keep_second, archive_ok=False)
    db.session.rollback()
    prompt = services.get_prompt(world.classroom, prompt.id, teacher=True)
    services.update_prompt(prompt, world.teacher, values, keep_second, archive_ok=True)
    db.session.commit()
    prompt = services.get_prompt(world.classroom, prompt.id, teacher=True)
    assert [(t.title, t.archived) for t in prompt.topics] == [
        ("Practising speaking online", True), ("Staying on topic", False), ("A new topic", False)]
    # A topic without posts is simply removed.
    services.update_prompt(prompt, world.teacher, values, [topics(second.id, "Renamed"), topics(None, "Third")],
                           archive_ok=False)
    db.session.commit()
    prompt = services.get_prompt(world.classroom, prompt.id, teacher=True)
    assert [t.title for t in prompt.topics if not t.archived] == ["Renamed", "Third"]
    assert topic_thread(prompt, 1).title == "Renamed"
