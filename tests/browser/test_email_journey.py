"""Journeys by e-mail: a reply to a student's post produces an e-mail whose link opens the post;
its one-click unsubscribe stops that kind of e-mail; a weekly digest lists the right new posts
and nothing the student may not read."""
from __future__ import annotations

from datetime import timedelta

from playwright.sync_api import expect
from sqlalchemy import select

from tests.browser.conftest import PASSWORD, log_in, screenshot


def _seed():
    """Tess's class with Ana and Ben (confirmed addresses), a thread with Ana's post."""
    from app.auth.services import register_user
    from app.classes.models import Membership, Role
    from app.classes.services import create_class
    from app.extensions import db
    from tests.forum.factories import reply, start

    teacher = register_user("tess@example.com", "Tess Teacher", PASSWORD, email_confirmed=True)
    ana = register_user("ana@example.com", "Ana Souza", PASSWORD, email_confirmed=True)
    ben = register_user("ben@example.com", "Ben Okafor", PASSWORD, email_confirmed=True)
    classroom = create_class(teacher, "Evening English B1")
    db.session.flush()
    for student in (ana, ben):
        db.session.add(Membership(classroom_id=classroom.id, user_id=student.id, role=Role.STUDENT))
    db.session.commit()
    thread, first = start(classroom, teacher, "Weekend plans", "What will you do this weekend?")
    post = reply(first, ana, "I will visit the old market with my sister.")
    return classroom.id, thread.id, post.id


def test_a_reply_emails_the_student_and_one_click_stops_those_emails(live_server, new_page, mailbox):
    base = live_server.url
    class_id, thread_id, post_id = live_server.run(_seed)
    mailbox.clear()
    teacher = new_page()
    log_in(teacher, base, "tess@example.com")
    teacher.goto(f"{base}/classes/{class_id}/threads/{thread_id}")
    teacher.get_by_role("link", name="Reply to Ana Souza", exact=True).click()
    teacher.get_by_label("Your reply").fill("Lovely! What will you buy at the market?")
    teacher.get_by_role("button", name="Post reply").click()
    expect(teacher.get_by_text("Your reply is posted.")).to_be_visible()

    mailbox.wait_for(1)
    [message] = mailbox.to("ana@example.com")
    assert message.subject.strip() == "Tess Teacher replied to your post in “Weekend plans”"
    assert "What will you buy at the market?" in message.text and "What will you buy at the market?" in message.html
    [link] = [url for url in message.links() if "/posts/" in url]
    assert link.startswith(base) and f'href="{link}"' in message.html

    ana = new_page()  # not logged in: the link asks her to log in, then opens the post
    ana.goto(link)
    expect(ana.get_by_role("heading", level=1)).to_have_text("Log in")
    ana.get_by_label("Email").fill("ana@example.com")
    ana.get_by_label("Password").fill(PASSWORD)
    with ana.expect_navigation():
        ana.get_by_role("button", name="Log in").click()
    expect(ana.get_by_role("heading", level=1)).to_have_text("Weekend plans")
    expect(ana.get_by_text("What will you buy at the market?")).to_be_visible()
    screenshot(ana, "email-reply-opened")

    stop = str(message.message["List-Unsubscribe"]).strip()[1:-1]
    assert message.message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    visitor = new_page()  # another browser, never logged in
    visitor.goto(stop)
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Stop these emails")
    expect(visitor.get_by_text("Someone replies to my post")).to_be_visible()
    visitor.get_by_role("button", name="Stop these emails").click()
    expect(visitor.get_by_text("Done. We will not send you these emails any more.")).to_be_visible()

    mailbox.clear()
    teacher.goto(f"{base}/classes/{class_id}/threads/{thread_id}")
    teacher.get_by_role("link", name="Reply to Ana Souza", exact=True).click()
    teacher.get_by_label("Your reply").fill("And what will your sister buy?")
    teacher.get_by_role("button", name="Post reply").click()
    expect(teacher.get_by_text("Your reply is posted.")).to_be_visible()
    assert mailbox.to("ana@example.com") == []

    # The choice shows on her e-mail page, where she can turn it on again.
    ana.goto(f"{base}/account/")
    ana.get_by_role("link", name="Choose your emails").click()
    expect(ana.get_by_label("Someone replies to my post")).not_to_be_checked()
    expect(ana.get_by_label("Someone writes my name with @")).to_be_checked()
    ana.get_by_label("Someone replies to my post").check()
    ana.get_by_role("button", name="Save for Evening English B1").click()
    expect(ana.get_by_text("Your email choices for Evening English B1 are saved.")).to_be_visible()
    expect(ana.get_by_label("Someone replies to my post")).to_be_checked()


def _digest_world(class_id: int):
    """A week of class life: a new thread, a reply to Ben, a "post first" topic Ben has not
    written in yet, a hidden post; then the hourly task a week later."""
    from app import clock
    from app.auth.models import User
    from app.classes.models import Classroom
    from app.extensions import db
    from app.forum import moderation
    from app.forum.models import Post
    from app.notify import digest
    from tests.forum.factories import reply, start
    from tests.prompts.factories import make_prompt, topic_thread, write

    users = {u.email: u for u in db.session.scalars(select(User))}
    classroom = db.session.get(Classroom, class_id)
    now = clock.now()
    clock.freeze(now + timedelta(days=1))
    first = db.session.scalar(select(Post).where(Post.classroom_id == class_id, Post.depth == 0))
    bens = reply(first, users["ben@example.com"], "I will play football.")
    reply(bens, users["ana@example.com"], "Which team do you play for?")
    start(classroom, users["tess@example.com"], "Film club", "Which film should we watch next?")
    rude = reply(first, users["ana@example.com"], "Something unkind about walruses.")
    moderation.set_hidden(rude, True)
    prompt = make_prompt(classroom, users["tess@example.com"], title="Post first", post_first=True,
                         opens_at=clock.now() - timedelta(hours=1), closes_at=clock.now() + timedelta(days=30))
    write(topic_thread(prompt), users["ana@example.com"], "My secret answer about penguins and more.")
    db.session.commit()
    clock.freeze(now + timedelta(days=7, hours=1))
    written = digest.run()
    clock.freeze(None)
    return written


def _first_digests():
    from app.notify import digest

    return digest.run()  # everyone's first digest (Ana's post of today); the week starts now


def test_a_weekly_digest_lists_the_right_posts(live_server, new_page, mailbox):
    base = live_server.url
    class_id, _, _ = live_server.run(_seed)
    live_server.run(_first_digests)
    mailbox.clear()
    live_server.run(_digest_world, class_id)
    mailbox.wait_for(1)
    [message] = [m for m in mailbox.to("ben@example.com") if "What is new" in m.subject]
    for text in ("Film club", "Which film should we watch next?", "Ana Souza: Which team do you play for?",
                 "Replies to your posts", "New discussions"):
        assert text in message.text
    for secret in ("walruses", "penguins"):
        assert secret not in message.text and secret not in message.html
    assert message.message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    after_film = message.text.split("“Film club”", 1)[1]
    film = next(url for url in message.links() if url in after_film)
    assert f'href="{film}"' in message.html
    ben = new_page()
    log_in(ben, base, "ben@example.com")
    ben.goto(film)
    expect(ben.get_by_role("heading", level=1)).to_have_text("Film club")
    screenshot(ben, "email-digest-link")
