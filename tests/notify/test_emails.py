"""Right-away e-mails end to end: the request, the e-mail the SMTP server received, its links,
who gets one and who does not (choices, confirmed addresses, reading rules), and the queries."""
from __future__ import annotations

from urllib.parse import urlsplit

from sqlalchemy import select

from app.extensions import db
from app.forum.models import Post
from app.mail.models import OutboxEmail
from app.notify import choices
from tests.conftest import add_member, count_queries, freeze_clock_at
from tests.forum.factories import reply, start
from tests.prompts.factories import NOW, make_prompt, topic_thread, write

frozen = freeze_clock_at(NOW)


def url(world, path):
    return f"/classes/{world.classroom.id}{path}"


def path_of(link: str) -> str:
    assert link.startswith("http://127.0.0.1:5000/"), link
    parts = urlsplit(link)
    return parts.path + (f"?{parts.query}" if parts.query else "")  # the #anchor stays in the browser


def test_a_reply_mails_the_author_with_an_excerpt_and_a_link_that_opens_the_post(app, world, login_as, mailbox):
    _, first = start(world.classroom, world.teacher)
    mine = reply(first, world.student, "I eat rice and eggs.")
    mailbox.clear()
    response = login_as(world.teacher).post(url(world, f"/posts/{mine.id}/reply"),
                                            data={"body": "Rice <b>and</b> eggs & tea? Lovely."})
    assert response.status_code == 302
    mailbox.wait_for(2)  # the student's reply told the teacher too (written by the factory, sent now)
    [message] = mailbox.to(world.student.email)
    assert message.subject.strip() == "Tess Teacher replied to your post in “Breakfast”"
    assert "Rice and eggs & tea? Lovely." in message.text
    assert "Rice and eggs &amp; tea? Lovely." in message.html and "<b>and</b>" not in message.html
    post_link = next(link for link in message.links() if "/posts/" in link)
    assert post_link.endswith(f"/classes/{world.classroom.id}/posts/{mine.id + 1}")
    assert f'href="{post_link}"' in message.html
    stop = str(message.message["List-Unsubscribe"]).strip()  # folded onto its own line: long
    assert stop.startswith("<http://127.0.0.1:5000/unsubscribe/") and stop.endswith(">")
    assert message.message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert stop[1:-1] in message.text
    opened = login_as(world.student).get(path_of(post_link))
    assert opened.status_code == 302 and opened.location.endswith(f"#post-{mine.id + 1}")
    page = login_as(world.student).get(opened.location)
    assert page.status_code == 200 and "Lovely." in page.get_data(as_text=True)
    anonymous = app.test_client().get(path_of(post_link))
    assert anonymous.status_code == 302 and "/account/login?next=" in anonymous.location


def test_no_email_when_the_kind_is_off_or_the_address_is_not_confirmed(app, world, login_as, make_user, mailbox):
    _, first = start(world.classroom, world.teacher)
    mine = reply(first, world.student, "Mine.")
    unconfirmed = make_user("Una", confirmed=False)
    add_member(world.classroom, unconfirmed)
    hers = reply(first, unconfirmed, "Hers.")
    choices.save_class(world.student.id, world.classroom.id, {"reply": False})
    db.session.commit()
    mailbox.clear()
    teacher = login_as(world.teacher)
    teacher.post(url(world, f"/posts/{mine.id}/reply"), data={"body": "One."})
    teacher.post(url(world, f"/posts/{hers.id}/reply"), data={"body": "Two."})
    sent_to = set(db.session.scalars(select(OutboxEmail.to_address)))
    assert sent_to == {world.teacher.email}  # the factory's replies told the teacher; nobody else


def test_a_mention_mails_only_those_who_may_read_the_post(app, world, login_as, make_user, mailbox):
    alice = make_user("Alice Able")
    add_member(world.classroom, alice)
    prompt = make_prompt(world.classroom, world.teacher, post_first=True)
    thread = topic_thread(prompt)
    own = write(thread, alice, "My own answer first.")
    mailbox.clear()
    # Sam has not posted in this "post first" topic: he cannot read Alice's post, so no e-mail.
    response = login_as(alice).post(url(world, f"/posts/{own.id}/reply"),
                         data={"body": "Thanks @Sam Student and @Tess Teacher!"})
    assert response.status_code == 302
    sent = db.session.scalars(select(OutboxEmail).where(OutboxEmail.kind == "notify_mention")).all()
    assert [row.to_address for row in sent] == [world.teacher.email]
    assert sent[0].subject == "Alice Able mentioned you in “" + thread.title + "”"


def test_hidden_names_reach_the_email(app, world, login_as, make_user, mailbox):
    alice = make_user("Alice Able")
    add_member(world.classroom, alice)
    prompt = make_prompt(world.classroom, world.teacher, names_hidden=True)
    thread = topic_thread(prompt)
    mine = write(thread, world.student, "My answer.")
    write(thread, alice, "Alice's answer.")
    login_as(alice).post(url(world, f"/posts/{mine.id}/reply"), data={"body": "I agree."})
    [row] = db.session.scalars(select(OutboxEmail).where(OutboxEmail.to_address == world.student.email)).all()
    assert row.subject.startswith("Classmate ") and "Alice" not in row.text_body + row.html_body


def test_a_report_mails_the_teachers(app, world, login_as, mailbox):
    _, first = start(world.classroom, world.teacher)
    mine = reply(first, world.teacher, "A post.")
    login_as(world.student).post(url(world, f"/posts/{mine.id}/report"), data={"reason": "Please look"})
    [message] = mailbox.wait_for(1)
    assert message.to == world.teacher.email and message.subject.strip() == "Sam Student reported a post in “Breakfast”"
    assert "A post." in message.text


def test_emails_to_a_whole_class_cost_the_same_queries_as_to_one(app, world, login_as, make_user, monkeypatch):
    from app.mail import messages

    monkeypatch.setattr(messages, "wake_worker", lambda: None)  # count the request, not the sending after it
    _, first = start(world.classroom, world.teacher)
    counts = []
    for n in (1, 6):
        people = [make_user(f"Student {n}-{i}") for i in range(n)]
        for person in people:
            add_member(world.classroom, person)
        names = " ".join(f"@{p.display_name}" for p in people)
        client = login_as(world.teacher)
        with count_queries(app) as q:
            client.post(url(world, f"/posts/{first.id}/reply"), data={"body": f"Hello {names}."})
        counts.append(q.count)
    assert db.session.scalar(select(db.func.count()).select_from(OutboxEmail)) == 7
    assert counts[0] == counts[1], counts


def test_a_released_grade_and_a_returned_reflection_mail_the_student(app, world, mailbox):
    from app.forum.models import Thread
    from app.grading import services as grading

    thread, _ = start(world.classroom, world.teacher, "Reflection time")
    grading.notify([world.student.id], "grade", db.session.get(Thread, thread.id), world.teacher)
    grading.notify([world.student.id], "returned", db.session.get(Thread, thread.id), world.teacher)
    db.session.flush()
    rows = db.session.scalars(select(OutboxEmail).order_by(OutboxEmail.id)).all()
    assert [r.kind for r in rows] == ["notify_grade", "notify_returned"]
    assert "Your grade for “Reflection time” is ready" == rows[0].subject
    assert all(r.to_address == world.student.email and "List-Unsubscribe" in r.headers for r in rows)


def test_a_grade_released_outside_a_request_links_to_the_feedback(app, world):
    """The demo command and the worker release grades with no request: the link is still absolute."""
    from app.notify.emails import target_link
    from tests.reflections.factories import make_assignment

    prompt = make_prompt(world.classroom, world.teacher)
    thread = topic_thread(prompt)
    assignment = make_assignment(world.classroom, thread, teacher=world.teacher, prompt=prompt)
    opening_id = db.session.scalar(select(Post.id).where(Post.thread_id == thread.id, Post.depth == 0))
    link = target_link("grade", opening_id)
    assert link.startswith(f"http://127.0.0.1:5000/classes/{world.classroom.id}/")
    assert link.endswith(f"/{assignment.id}/feedback")
