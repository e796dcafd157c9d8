"""The e-mail settings page and the one-click unsubscribe: requests, and what they change."""
from __future__ import annotations

import re

from sqlalchemy import select

from app.extensions import db
from app.mail.models import OutboxEmail
from app.notify import choices, unsubscribe
from app.notify.models import DigestChoice, EmailChoice
from tests.conftest import count_queries
from tests.forum.factories import reply, start


def test_defaults_everything_on_and_a_weekly_digest(app, world):
    [row] = choices.class_choices(world.student.id)
    assert row.values == {k: True for k in ("reply", "mention", "grade", "returned", "reminder", "opened")}
    [teaching] = choices.class_choices(world.teacher.id)
    assert teaching.teacher and teaching.values == {"reply": True, "mention": True, "report": True}
    assert choices.digest_frequency(world.student.id) == "weekly"
    assert db.session.scalars(select(EmailChoice)).all() == []  # defaults need no row


def test_the_account_page_links_to_the_email_page(app, world, login_as):
    page = login_as(world.student).get("/account/").get_data(as_text=True)
    assert 'href="/account/emails"' in page


def test_the_email_page_lists_each_class_with_its_choices(app, world, login_as):
    choices.save_class(world.student.id, world.classroom.id, {"mention": False})
    db.session.commit()
    page = login_as(world.student).get("/account/emails").get_data(as_text=True)
    assert "World class" in page and "Every week" in page
    assert re.search(rf'id="c{world.classroom.id}-reply"[^>]*checked', page) or \
        re.search(rf'checked[^>]*id="c{world.classroom.id}-reply"', page)
    assert not re.search(rf'<input[^>]*checked[^>]*id="c{world.classroom.id}-mention"', page)
    assert "reports a post" not in page  # students get no report e-mails
    teacher = login_as(world.teacher).get("/account/emails").get_data(as_text=True)
    assert "reports a post" in teacher and "A discussion opens" not in teacher


def test_saving_a_class_keeps_the_ticked_boxes_only(app, world, login_as):
    client = login_as(world.student)
    response = client.post(f"/classes/{world.classroom.id}/emails",
                           data={f"c{world.classroom.id}-reply": "y", f"c{world.classroom.id}-grade": "y"})
    assert response.status_code == 302 and response.location == "/account/emails"
    row = db.session.get(EmailChoice, (world.student.id, world.classroom.id))
    assert (row.reply, row.mention, row.grade, row.returned, row.reminder, row.opened) == (
        True, False, True, False, False, False)
    assert row.report  # not a student's choice: left as it was


def test_saving_a_class_you_are_not_in_is_not_found(app, world, login_as):
    assert login_as(world.outsider).post(f"/classes/{world.classroom.id}/emails").status_code == 404
    assert login_as(world.admin).post(f"/classes/{world.classroom.id}/emails").status_code == 404


def test_saving_the_digest(app, world, login_as):
    client = login_as(world.student)
    assert client.post("/account/emails/digest", data={"frequency": "daily"}).status_code == 302
    assert db.session.get(DigestChoice, world.student.id).frequency == "daily"
    bad = client.post("/account/emails/digest", data={"frequency": "hourly"})
    assert bad.status_code == 400 and "Every day" in bad.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(DigestChoice, world.student.id).frequency == "daily"


def test_the_email_page_costs_the_same_for_one_class_or_five(app, world, login_as, make_class):
    client = login_as(world.student)
    counts = []
    for _ in range(2):
        with count_queries(app) as q:
            assert client.get("/account/emails").status_code == 200
        counts.append(q.count)
        for n in range(4):
            make_class(world.teacher, name=f"Class {n}", students=[world.student])
    assert counts[0] == counts[1]


# -- unsubscribe ------------------------------------------------------------------

def test_a_token_names_one_user_kind_and_class_and_cannot_be_changed(app, world):
    token = unsubscribe.make_token(world.student.id, "reply", world.classroom.id)
    assert unsubscribe.read_token(token) == (world.student.id, "reply", world.classroom.id)
    assert unsubscribe.read_token(unsubscribe.make_token(world.student.id, "digest")) == (
        world.student.id, "digest", None)
    assert unsubscribe.read_token(token[:-2] + ("A" if token[-2] != "A" else "B") + token[-1]) is None
    assert unsubscribe.read_token("nonsense") is None


def test_get_shows_a_button_and_changes_nothing(app, world):
    token = unsubscribe.make_token(world.student.id, "reply", world.classroom.id)
    page = app.test_client().get(f"/unsubscribe/{token}")
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and "Stop these emails" in text and '<form method="post"' in text
    assert "World class" in text and "Someone replies to my post" in text
    assert choices.is_on(world.student.id, "reply", world.classroom.id)


def test_one_click_post_stops_that_kind_without_login_or_csrf(app_factory):
    app = app_factory(WTF_CSRF_ENABLED=True)
    from tests.conftest import World

    world = World()
    token = unsubscribe.make_token(world.student.id, "reply", world.classroom.id)
    response = app.test_client().post(f"/unsubscribe/{token}", data={"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200 and "Done" in response.get_data(as_text=True)
    assert not choices.is_on(world.student.id, "reply", world.classroom.id)
    assert choices.is_on(world.student.id, "mention", world.classroom.id)  # only that kind
    again = app.test_client().get(f"/unsubscribe/{token}").get_data(as_text=True)
    assert "already off" in again


def test_the_digest_link_turns_the_digest_off(app, world):
    token = unsubscribe.make_token(world.student.id, "digest")
    app.test_client().post(f"/unsubscribe/{token}")
    assert choices.digest_frequency(world.student.id) == "never"


def test_a_bad_token_is_not_found(app, world):
    assert app.test_client().get("/unsubscribe/nonsense").status_code == 404
    assert app.test_client().post("/unsubscribe/nonsense").status_code == 404
    gone = unsubscribe.make_token(world.student.id, "reply", 999999)
    assert app.test_client().post(f"/unsubscribe/{gone}").status_code == 404


def test_unsubscribing_from_the_email_link_stops_that_kind_of_email(app, world, login_as, mailbox):
    _, first = start(world.classroom, world.teacher)
    mine = reply(first, world.student, "Mine.")
    login_as(world.teacher).post(f"/classes/{world.classroom.id}/posts/{mine.id}/reply", data={"body": "One."})
    [message] = [m for m in mailbox.wait_for(2) if m.to == world.student.email]
    link = str(message.message["List-Unsubscribe"]).strip()[1:-1]
    assert app.test_client().post(link.removeprefix("http://127.0.0.1:5000")).status_code == 200
    login_as(world.teacher).post(f"/classes/{world.classroom.id}/posts/{mine.id}/reply", data={"body": "Two."})
    to_student = db.session.scalars(select(OutboxEmail.kind).where(OutboxEmail.to_address == world.student.email))
    assert list(to_student) == ["notify_reply"]  # the first only
