"""Reminders: the day before a due time to each student who has not met it (in the checklist's
words), when a discussion opens, each written once, through the real SMTP server."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from app import clock
from app.extensions import db
from app.mail.models import OutboxEmail
from app.notify import choices, reminders
from app.notify.tasks import send_reminders
from app.prompts.progress import student_progress
from tests.conftest import add_member, freeze_clock_at
from tests.prompts.factories import NOW, make_prompt, topic_thread, words, write

frozen = freeze_clock_at(NOW)


def sent(kind, address):
    return list(db.session.scalars(select(OutboxEmail).where(OutboxEmail.kind == kind,
                                                             OutboxEmail.to_address == address)))


def test_the_day_before_a_due_time_each_student_who_has_not_met_it_is_told_once(app, world, make_user, mailbox):
    alice, bea = make_user("Alice Able"), make_user("Bea Busy")
    for person in (alice, bea):
        add_member(world.classroom, person)
    prompt = make_prompt(world.classroom, world.teacher, title="Travel", opens_at=NOW - timedelta(days=3),
                         replies_due=NOW + timedelta(hours=20), replies_required=2, min_words_reply=3)
    thread = topic_thread(prompt)
    mine = write(thread, world.student, words(12))
    hers = write(thread, alice, words(12))
    write(thread, bea, words(12))
    write(thread, world.student, "I agree with you completely.", parent=hers)  # Sam: 1 of 2
    write(thread, bea, "That is a good point.", parent=hers)
    write(thread, bea, "I like your idea here.", parent=mine)  # Bea: 2 of 2, done
    mailbox.clear()
    send_reminders()
    [sam] = sent("notify_reminder", world.student.email)
    assert student_progress(prompt, world.student.id).replies == 1
    assert sam.subject.startswith("You need 1 more reply to a classmate (at least 3 words each) by ")
    assert "Travel" in sam.text_body and "List-Unsubscribe" in sam.headers
    [alices] = sent("notify_reminder", alice.email)
    assert "You need 2 more replies to a classmate" in alices.subject
    assert sent("notify_reminder", bea.email) == []
    send_reminders()  # an hour later: not again
    assert len(sent("notify_reminder", world.student.email)) == 1
    mailbox.wait_for(2)
    [message] = [m for m in mailbox.to(world.student.email) if "You need" in m.subject]
    assert "/prompts/" in " ".join(message.links()) or any(f"/{prompt.id}" in link for link in message.links())


def test_a_first_post_reminder_says_what_is_missing(app, world):
    make_prompt(world.classroom, world.teacher, title="Food", first_post_due=NOW + timedelta(hours=5),
                min_words_first=100)
    reminders.run(NOW)
    [row] = sent("notify_reminder", world.student.email)
    assert row.subject.startswith("You need to write your first post (at least 100 words) by ")


def test_no_reminder_far_from_the_due_time_or_when_turned_off(app, world, make_user):
    make_prompt(world.classroom, world.teacher, opens_at=NOW - timedelta(days=3),
                first_post_due=NOW + timedelta(days=3))
    reminders.run(NOW)
    assert sent("notify_reminder", world.student.email) == []
    make_prompt(world.classroom, world.teacher, opens_at=NOW - timedelta(days=3),
                first_post_due=NOW + timedelta(hours=3))
    choices.save_class(world.student.id, world.classroom.id, {"reminder": False})
    reminders.run(NOW)
    assert sent("notify_reminder", world.student.email) == []


def test_students_hear_when_a_discussion_opens_once(app, world):
    prompt = make_prompt(world.classroom, world.teacher, title="Later", opens_at=NOW + timedelta(hours=2))
    reminders.run(NOW)
    assert sent("notify_opened", world.student.email) == []  # not open yet
    clock.freeze(NOW + timedelta(hours=3))
    reminders.run()
    reminders.run()
    [row] = sent("notify_opened", world.student.email)
    assert row.subject == "A new discussion is open: “Later”" and f"/{prompt.id}" in row.text_body
    assert sent("notify_opened", world.teacher.email) == []


def test_the_scheduler_runs_digests_and_reminders_every_hour():
    from datetime import datetime

    from app.worker import huey

    names = {task.name for minute in range(60) for task in huey.read_periodic(datetime(2026, 12, 2, 9, minute))}
    assert {"send_digests", "send_reminders"} <= names
