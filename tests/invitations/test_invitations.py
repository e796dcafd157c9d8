"""Invite a class, end to end: the teacher's page, the e-mails the SMTP server received, the links."""
from __future__ import annotations

import io
from datetime import datetime, timedelta

from sqlalchemy import select

from app import clock
from app.auth.models import User
from app.classes.models import Membership
from app.extensions import db
from app.invitations.models import Invitation
from tests.conftest import PASSWORD, count_queries, freeze_clock_at, login
from tests.mail.test_accounts import check_parts, flashes, one_email, path_of

NOW = datetime(2026, 12, 2, 9, 0)
frozen = freeze_clock_at(NOW)


def invite(client, classroom, text="", file=None):
    data = {"addresses": text}
    if file is not None:
        data["file"] = (io.BytesIO(file), "class.csv")
    return client.post(f"/classes/{classroom.id}/invite", data=data, content_type="multipart/form-data")


def link_in(mailbox, address):
    message = one_email(mailbox, address)
    [link] = [url for url in message.links() if "/invite/" in url]
    return message, link


def test_a_teacher_invites_a_list_and_each_new_address_gets_one_email(app, world, mailbox, make_user):
    teacher = login(app.test_client(), world.teacher)
    assert "Invite students" in teacher.get(f"/classes/{world.classroom.id}/members").get_data(as_text=True)
    response = invite(teacher, world.classroom,
                      f"Ana Silva <ana@example.com>, bo@example.com\n{world.student.email}\nnot-an-address, ANA@example.com")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Sent 2 invitations" in page
    assert "Already a member of this class" in page and "Not an email address" in page and "Twice in this list" in page
    assert "Waiting for an answer" in page and "ana@example.com (Ana Silva)" in page
    mailbox.wait_for(2)
    message, link = link_in(mailbox, "ana@example.com")
    check_parts(message, link)
    assert message.subject == "Tess Teacher invited you to World class on Roundtable"
    assert "Hello Ana Silva" in message.text and "14 days" in message.text and "once" in message.text
    assert mailbox.to(world.student.email) == []

    # nothing is sent twice: the same list again sends nothing
    mailbox.clear()
    page = invite(teacher, world.classroom, "ana@example.com bo@example.com").get_data(as_text=True)
    assert "No invitations sent" in page and page.count("Already invited") == 2
    assert db.session.scalar(select(Invitation.send_count).where(Invitation.email == "ana@example.com")) == 1
    assert mailbox.wait_for(0, timeout=0.5) == [] or mailbox.to("ana@example.com") == []


def test_registering_from_the_link_joins_the_class_with_a_confirmed_address(app, world, mailbox):
    invite(login(app.test_client(), world.teacher), world.classroom, "Ana Silva <ana@example.com>")
    _, link = link_in(mailbox, "ana@example.com")
    mailbox.clear()
    visitor = app.test_client()
    page = visitor.get(path_of(link)).get_data(as_text=True)
    assert "Join World class" in page and "Tess Teacher invited you" in page and "Create an account" in page
    form = visitor.get(path_of(link) + "/register").get_data(as_text=True)
    assert 'value="ana@example.com"' in form and 'value="Ana Silva"' in form
    response = visitor.post(path_of(link) + "/register", data={"display_name": "Ana Silva", "email": "ana@example.com",
                                                                "password": PASSWORD})
    assert response.status_code == 302 and response.location == f"/classes/{world.classroom.id}/"
    assert "Welcome to World class, Ana Silva!" in flashes(visitor)
    ana = db.session.scalar(select(User).where(User.email == "ana@example.com"))
    assert ana.email_confirmed_at == NOW
    assert db.session.scalar(select(Membership.role).where(Membership.user_id == ana.id)) == "student"
    assert mailbox.wait_for(0, timeout=0.5) == [] or mailbox.to("ana@example.com") == []  # no confirmation e-mail
    # the link works once
    assert "does not work any more" in app.test_client().get(path_of(link)).get_data(as_text=True)
    pending = login(app.test_client(), world.teacher).get(f"/classes/{world.classroom.id}/invite").get_data(as_text=True)
    assert "No invitations are waiting" in pending


def test_another_address_registers_unconfirmed_and_gets_a_confirmation_email(app, world, mailbox):
    invite(login(app.test_client(), world.teacher), world.classroom, "ana@example.com")
    _, link = link_in(mailbox, "ana@example.com")
    visitor = app.test_client()
    visitor.post(path_of(link) + "/register", data={"display_name": "Ana", "email": "ana.home@example.com",
                                                    "password": PASSWORD})
    ana = db.session.scalar(select(User).where(User.email == "ana.home@example.com"))
    assert ana.email_confirmed_at is None and ana.id in set(
        db.session.scalars(select(Membership.user_id).where(Membership.classroom_id == world.classroom.id)))
    mailbox.wait_for(2)
    assert one_email(mailbox, "ana.home@example.com").subject == "Please confirm your email address"


def test_someone_with_an_account_logs_in_and_joins(app, world, mailbox, make_user):
    olga = world.outsider
    invite(login(app.test_client(), world.teacher), world.classroom, olga.email)
    _, link = link_in(mailbox, olga.email)
    visitor = app.test_client()
    page = visitor.get(path_of(link)).get_data(as_text=True)
    assert "/account/login?next=/invite/" in page
    response = visitor.post(path_of(link))
    assert response.status_code == 302 and "/account/login?next=" in response.location
    login(visitor, olga)
    assert "You are logged in as Olga Outsider" in visitor.get(path_of(link)).get_data(as_text=True)
    response = visitor.post(path_of(link))
    assert response.location == f"/classes/{world.classroom.id}/"
    assert visitor.get(f"/classes/{world.classroom.id}/").status_code == 200
    assert "does not work any more" in visitor.post(path_of(link)).get_data(as_text=True)


def test_links_expire_after_14_days(app, world, mailbox):
    invite(login(app.test_client(), world.teacher), world.classroom, "ana@example.com")
    _, link = link_in(mailbox, "ana@example.com")
    clock.freeze(NOW + timedelta(days=14))
    page = app.test_client().get(path_of(link)).get_data(as_text=True)
    assert "does not work any more" in page and "14 days" in page
    teacher = login(app.test_client(), world.teacher)
    assert "The link has expired" in teacher.get(f"/classes/{world.classroom.id}/invite").get_data(as_text=True)
    # an expired invitation can be sent again from the list
    mailbox.clear()
    assert "Sent 1 invitation" in invite(teacher, world.classroom, "ana@example.com").get_data(as_text=True)
    _, new_link = link_in(mailbox, "ana@example.com")
    assert "Create an account" in app.test_client().get(path_of(new_link)).get_data(as_text=True)


def test_send_again_makes_a_new_link_and_is_rate_limited(app_factory):
    app = app_factory(RATELIMIT_ENABLED=True, RATELIMIT_STORAGE_URI="memory://")
    from tests.conftest import World

    world = World()
    teacher = login(app.test_client(), world.teacher)
    invite(teacher, world.classroom, "ana@example.com")
    invitation = db.session.scalar(select(Invitation))
    old_hash = invitation.token_hash
    url = f"/classes/{world.classroom.id}/invitations/{invitation.id}/send"
    teacher.post(url)
    assert any("again" in text for text in flashes(teacher))
    db.session.expire_all()
    assert invitation.token_hash != old_hash and invitation.send_count == 2
    teacher.post(url)
    assert any("Please wait" in text for text in flashes(teacher))
    db.session.expire_all()
    assert invitation.send_count == 2


def test_cancel_stops_the_link(app, world, mailbox):
    teacher = login(app.test_client(), world.teacher)
    invite(teacher, world.classroom, "ana@example.com")
    _, link = link_in(mailbox, "ana@example.com")
    invitation = db.session.scalar(select(Invitation))
    teacher.post(f"/classes/{world.classroom.id}/invitations/{invitation.id}/cancel")
    assert db.session.scalar(select(Invitation)) is None
    assert "does not work any more" in app.test_client().get(path_of(link)).get_data(as_text=True)
    # another class's teacher cannot cancel or resend this class's invitations
    invite(teacher, world.classroom, "bo@example.com")
    other = db.session.scalar(select(Invitation))
    outsider = login(app.test_client(), world.outsider)
    assert outsider.post(f"/classes/{world.classroom.id}/invitations/{other.id}/cancel").status_code == 404
    assert outsider.post(f"/classes/{world.other_class.id}/invitations/{other.id}/cancel").status_code == 302
    assert db.session.scalar(select(Invitation)) is not None


def test_a_csv_upload_and_a_list_too_long(app, world, mailbox):
    teacher = login(app.test_client(), world.teacher)
    csv = "\ufeffFirst name;Last name;E-mail\nJosé;Núñez;jose@example.com\nBad;Row;jose.example.com\n".encode()
    page = invite(teacher, world.classroom, file=csv).get_data(as_text=True)
    assert "Sent 1 invitation" in page and "jose@example.com (José Núñez)" in page and "Bad, Row, jose.example.com" in page
    response = invite(teacher, world.classroom, " ".join(f"s{n}@example.com" for n in range(201)))
    assert "more than 200 people" in response.get_data(as_text=True)
    assert db.session.query(Invitation).count() == 1
    page = invite(teacher, world.classroom, "").get_data(as_text=True)
    assert "Paste some email addresses, or choose a CSV file." in page


def test_inviting_costs_a_fixed_number_of_queries(app, world, mailbox):
    teacher = login(app.test_client(), world.teacher)
    counts = []
    for size in (1, 5, 50):  # the first one warms up
        text = " ".join(f"s{size}-{n}@example.com" for n in range(size))
        with count_queries(app) as queries:
            invite(teacher, world.classroom, text)
        counts.append(sum(1 for q in queries.queries if q.lstrip().upper().startswith("SELECT")))
    # each e-mail is one invitation and one outbox row written (and sent by the worker); the look-ups
    # (members, invitations, the class, the page's list) are the same for 5 addresses or 50
    assert counts[1] == counts[2]


def test_invite_students_is_part_of_members_in_the_class_menu(app, world):
    page = login(app.test_client(), world.teacher).get(f"/classes/{world.classroom.id}/invite").get_data(as_text=True)
    assert f'href="/classes/{world.classroom.id}/members" aria-current="page">Members</a>' in page


def test_a_student_cannot_invite(app, world):
    student = login(app.test_client(), world.student)
    assert student.get(f"/classes/{world.classroom.id}/invite").status_code == 403
    assert invite(student, world.classroom, "ana@example.com").status_code == 403


def test_registering_from_the_link_with_an_address_that_has_an_account_logs_nobody_in(app, world, mailbox):
    invite(login(app.test_client(), world.teacher), world.classroom, world.outsider.email)
    _, link = link_in(mailbox, world.outsider.email)
    mailbox.clear()
    visitor = app.test_client()
    response = visitor.post(path_of(link) + "/register", data={"display_name": "Someone", "email": world.outsider.email,
                                                                "password": "another good password"})
    assert response.status_code == 302 and response.location == path_of(link)
    assert visitor.get("/account/").status_code == 302  # not logged in
    assert not db.session.scalar(select(Membership).where(Membership.user_id == world.outsider.id,
                                                          Membership.classroom_id == world.classroom.id))
    [message] = mailbox.wait_for(1)
    assert message.subject == "Someone tried to make an account with your email"
    assert "Create an account" in visitor.get(path_of(link)).get_data(as_text=True)  # the link still works
