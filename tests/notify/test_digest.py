"""The digest: who is due, what it lists (only what each may read), nothing when nothing is new,
each sent once, through the real SMTP server, and a fixed number of queries per batch."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from app import clock
from app.auth.models import User
from app.extensions import db
from app.forum import moderation
from app.mail.models import OutboxEmail
from app.notify import choices, digest
from app.notify.models import DigestChoice
from app.notify.tasks import send_digests
from tests.conftest import add_member, count_queries, freeze_clock_at
from tests.forum.factories import reply, start
from tests.prompts.factories import NOW, make_prompt, topic_thread, write

frozen = freeze_clock_at(NOW)
WEEK_LATER = NOW + timedelta(days=7, hours=1)


def digests_to(address):
    return list(db.session.scalars(select(OutboxEmail).where(OutboxEmail.kind == "digest",
                                                             OutboxEmail.to_address == address)))


def test_a_weekly_digest_lists_what_is_new_and_readable_and_nothing_else(app, world, make_user, mailbox):
    alice = make_user("Alice Able")
    add_member(world.classroom, alice)
    digest.run(NOW)  # everyone's first run: nothing new yet, no e-mail, the week starts now
    assert digests_to(world.student.email) == []
    clock.freeze(NOW + timedelta(days=1))
    _, first = start(world.classroom, world.teacher, "Weekend plans", "What will you do this weekend?")
    mine = reply(first, world.student, "I will visit my aunt.")
    reply(mine, alice, "Where does your aunt live?")
    hidden = reply(first, alice, "A rude post about walruses.")
    moderation.set_hidden(hidden, True)
    reply(first, world.teacher, "Have fun, everyone.")  # in a thread he follows (he wrote there)
    locked_in = make_prompt(world.classroom, world.teacher, title="Post first", post_first=True)
    write(topic_thread(locked_in), alice, "A secret answer about penguins.")
    start(world.other_class, world.outsider, "Not your class", "Octopus.")
    db.session.commit()
    mailbox.clear()
    clock.freeze(WEEK_LATER)
    send_digests()  # the hourly task
    [row] = digests_to(world.student.email)
    assert "Weekend plans" in row.text_body and "What will you do this weekend?" in row.text_body
    assert "Alice Able: Where does your aunt live?" in row.text_body
    assert "Replies to your posts" in row.text_body and "Threads you follow" in row.text_body
    assert "Tess Teacher: Have fun, everyone." in row.text_body
    assert row.text_body.count("Where does your aunt live?") == 1  # a reply to me is not listed twice
    for secret in ("walruses", "penguins", "Octopus", "Not your class"):
        assert secret not in row.text_body and secret not in row.html_body
    mailbox.wait_for(1)
    [message] = [m for m in mailbox.to(world.student.email) if "What is new" in m.subject]
    assert "Where does your aunt live?" in message.html and message.text.startswith("Hello Sam Student")
    assert str(message.message["List-Unsubscribe"]).strip().startswith("<http://127.0.0.1:5000/unsubscribe/")
    assert db.session.get(DigestChoice, world.student.id).last_digest_at == WEEK_LATER
    send_digests()  # an hour later: not due again
    assert len(digests_to(world.student.email)) == 1


def test_no_digest_when_nothing_is_new_or_never_or_unconfirmed(app, world, make_user):
    quiet = make_user("Quiet", confirmed=False)
    add_member(world.classroom, quiet)
    choices.save_digest(world.teacher.id, "never")
    digest.run(NOW)
    clock.freeze(NOW + timedelta(days=1))
    start(world.classroom, world.student, "Something new", "Hello.")
    clock.freeze(WEEK_LATER)
    digest.run()
    assert digests_to(world.teacher.email) == [] and digests_to(quiet.email) == []
    assert digests_to(world.student.email) == []  # his own thread is not news to him


def test_daily_is_due_after_a_day_weekly_after_a_week(app, world):
    choices.save_digest(world.student.id, "daily")
    digest.run(NOW)
    later = NOW + timedelta(days=1, minutes=1)
    due = {user.id for user, _ in digest.due_users(later)}
    assert world.student.id in due and world.teacher.id not in due
    assert world.teacher.id in {user.id for user, _ in digest.due_users(NOW + timedelta(days=7, minutes=1))}


def test_one_batch_costs_the_same_queries_for_3_users_or_30(app, world, make_user):
    _, first = start(world.classroom, world.teacher, "Busy", "Say hello.")
    counts = []
    for n in (3, 30):
        people = [make_user(f"Reader {n}-{i}") for i in range(n)]
        for person in people:
            add_member(world.classroom, person)
            reply(first, person, f"Hello from {person.display_name}.")
        loaded = db.session.scalars(select(User).where(User.id.in_([p.id for p in people]))).all()  # as due_users has them
        batch = [(p, NOW - timedelta(days=1)) for p in loaded]
        with count_queries(app) as q:
            digest.write(digest.build(batch), NOW)
        counts.append(q.count)
    assert counts[0] == counts[1], counts
