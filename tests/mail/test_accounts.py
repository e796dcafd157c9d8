"""Account e-mails end to end: each request, the e-mail the SMTP server received, its link."""
from __future__ import annotations

import hashlib
from datetime import datetime, timedelta
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select

from app import clock
from app.auth.models import AccountToken, LoginSession, User
from app.extensions import db
from tests.conftest import PASSWORD, add_member, count_queries, freeze_clock_at, login

NOW = datetime(2026, 12, 2, 9, 0)
frozen = freeze_clock_at(NOW)
NEW_PASSWORD = "purple elephant tuesday"


def path_of(url: str) -> str:
    assert url.startswith("http://127.0.0.1:5000/"), url  # PUBLIC_URL's default
    return urlsplit(url).path


def one_email(mailbox, address: str):
    [message] = mailbox.to(address)
    return message


def check_parts(message, *links: str) -> None:
    """Both parts, in plain words, with the same links."""
    assert message.message.get_content_type() == "multipart/alternative"
    assert message.message["Message-ID"] and message.message["Date"]
    assert "Roundtable" in message.message["From"]
    for link in links:
        assert link in message.text and f'href="{link}"' in message.html
    assert message.html.lstrip().startswith("<!doctype html>") and "<script" not in message.html


def flashes(client) -> list[str]:
    with client.session_transaction() as session:
        return [text for _, text in session.get("_flashes", [])]


# -- forgot password -------------------------------------------------------

def forgot(client, email):
    return client.post("/account/forgot", data={"email": email})


def test_forgot_password_mails_a_link_that_sets_a_new_password_and_ends_every_session(app, make_user, mailbox):
    user = make_user("Nadia", "nadia@example.com")
    phone = login(app.test_client(), user)
    laptop = login(app.test_client(), user)
    assert "Forgot your password?" in app.test_client().get("/account/login").get_data(as_text=True)

    response = forgot(app.test_client(), " Nadia@Example.com ")
    assert response.status_code == 302 and response.location == "/account/login"

    message = one_email(mailbox, "nadia@example.com")
    assert message.subject == "Reset your Roundtable password" and message.to == "nadia@example.com"
    [link] = [url for url in message.links() if "/account/reset/" in url]
    check_parts(message, link)
    assert "one hour" in message.text and "Hello Nadia" in message.text

    browser = app.test_client()
    page = browser.get(path_of(link)).get_data(as_text=True)
    assert "Choose a new password" in page and "nadia@example.com" in page
    response = browser.post(path_of(link), data={"new_password": NEW_PASSWORD})
    assert response.status_code == 302 and response.location == "/"
    assert "My classes" in browser.get("/").get_data(as_text=True)  # logged in
    for old in (phone, laptop):
        assert old.get("/account/").status_code == 302  # logged out
    assert db.session.scalar(select(User.password_hash).where(User.id == user.id)) != user.password_hash
    login(app.test_client(), user, NEW_PASSWORD)
    assert db.session.scalar(select(LoginSession.id).where(LoginSession.user_id == user.id).limit(1))

    # single use
    assert "does not work any more" in app.test_client().get(path_of(link)).get_data(as_text=True)
    response = app.test_client().post(path_of(link), data={"new_password": "another good password"})
    assert "does not work any more" in response.get_data(as_text=True)
    login(app.test_client(), user, NEW_PASSWORD)


def test_the_database_keeps_only_a_hash_of_the_link(app, make_user, mailbox):
    make_user(email="nadia@example.com")
    forgot(app.test_client(), "nadia@example.com")
    token = path_of(one_email(mailbox, "nadia@example.com").links()[0]).rsplit("/", 1)[1]
    [row] = db.session.scalars(select(AccountToken))
    assert row.token_hash == hashlib.sha256(token.encode()).hexdigest() and token not in row.token_hash
    assert row.expires_at == NOW + timedelta(hours=1) and row.purpose == "reset"


def test_old_links_are_deleted_after_a_month(app, make_user):
    from app.auth import tokens
    from app.auth.models import TokenPurpose

    user = make_user()
    tokens.issue(user, TokenPurpose.RESET)
    tokens.issue(user, TokenPurpose.CONFIRM, email=user.email)
    clock.freeze(NOW + timedelta(hours=1) + tokens.KEEP_OLD + timedelta(seconds=1))
    assert tokens.forget_old() == 1  # the reset link; the confirmation link expired 6 days later
    assert [row.purpose for row in db.session.scalars(select(AccountToken))] == ["confirm"]


def test_a_reset_link_stops_after_one_hour(app, make_user, mailbox):
    make_user(email="nadia@example.com")
    forgot(app.test_client(), "nadia@example.com")
    link = path_of(one_email(mailbox, "nadia@example.com").links()[0])
    clock.freeze(NOW + timedelta(minutes=59))
    assert "Choose a new password" in app.test_client().get(link).get_data(as_text=True)
    clock.freeze(NOW + timedelta(hours=1))
    page = app.test_client().get(link).get_data(as_text=True)
    assert "does not work any more" in page and "Get a new link" in page


def test_the_new_password_follows_the_registration_rules_and_the_link_still_works(app, make_user, mailbox):
    make_user(email="nadia@example.com")
    forgot(app.test_client(), "nadia@example.com")
    link = path_of(one_email(mailbox, "nadia@example.com").links()[0])
    client = app.test_client()
    page = client.post(link, data={"new_password": "password"}).get_data(as_text=True)
    assert "easy to guess" in page
    page = client.post(link, data={"new_password": "short"}).get_data(as_text=True)
    assert "at least 8 characters" in page
    assert client.post(link, data={"new_password": NEW_PASSWORD}).status_code == 302


def test_changing_the_password_ends_old_reset_links(app, make_user, mailbox):
    user = make_user(email="nadia@example.com")
    forgot(app.test_client(), "nadia@example.com")
    link = path_of(one_email(mailbox, "nadia@example.com").links()[0])
    client = login(app.test_client(), user)
    client.post("/account/password", data={"current_password": PASSWORD, "new_password": NEW_PASSWORD})
    assert "does not work any more" in app.test_client().get(link).get_data(as_text=True)


def test_forgot_password_answers_the_same_for_an_address_without_an_account(app, make_user, mailbox):
    make_user(email="nadia@example.com")
    answers = []
    for email in ("nadia@example.com", "nobody@example.com"):
        client = app.test_client()
        response = forgot(client, email)
        answers.append((response.status_code, response.location,
                        [text.replace(email, "EMAIL") for text in flashes(client)]))
    assert answers[0] == answers[1]
    assert "If an account uses EMAIL" in answers[0][2][0]
    assert [m.rcpt_tos for m in mailbox.messages] == [["nadia@example.com"]]


def test_forgot_password_does_the_same_work_for_every_address(app, make_user, monkeypatch):
    """The request only queues the look-up (the worker does it), so both answers take the same
    time: no query at all, one task queued."""
    from app.auth import routes as auth_routes
    from app.auth import tasks

    make_user(email="nadia@example.com")
    queued = []
    monkeypatch.setattr(auth_routes.worker, "enqueue", lambda task, *args: queued.append((task, args)))
    work = []
    for email in ("nadia@example.com", "nobody@example.com"):
        with count_queries(app) as queries:
            forgot(app.test_client(), email)
        work.append(queries.count)
    assert work == [0, 0]
    assert queued == [(tasks.request_password_reset, ("nadia@example.com",)),
                      (tasks.request_password_reset, ("nobody@example.com",))]


def test_a_second_reset_email_waits_a_minute(app, make_user, mailbox):
    make_user(email="nadia@example.com")
    forgot(app.test_client(), "nadia@example.com")
    forgot(app.test_client(), "nadia@example.com")
    assert len(mailbox.to("nadia@example.com")) == 1
    clock.freeze(NOW + timedelta(minutes=1, seconds=1))
    forgot(app.test_client(), "nadia@example.com")
    assert len(mailbox.to("nadia@example.com")) == 2


def test_forgot_password_is_rate_limited_per_address(app_factory, mailbox):
    app = app_factory(RATELIMIT_ENABLED=True, ACCOUNT_LINK_LIMIT_PER_ADDRESS="3 per minute")
    client = app.test_client()
    assert [forgot(client, "a@example.com").status_code for _ in range(2)] == [302, 302]
    assert forgot(client, "b@example.com").status_code == 302  # another account, same address: 3 of 3
    refused = forgot(client, "c@example.com")
    assert refused.status_code == 429 and "Please wait 1 minute" in refused.get_data(as_text=True)
    assert 'value="c@example.com"' in refused.get_data(as_text=True)  # the address stays in the form


def test_a_bad_address_is_refused_next_to_the_field(client, mailbox):
    page = client.post("/account/forgot", data={"email": "not an address"}).get_data(as_text=True)
    assert "does not look like an email address" in page and mailbox.messages == []


# -- confirming the address ------------------------------------------------

def register(client, email="nadia@example.com", name="Nadia", password=PASSWORD):
    return client.post("/account/register", data={"display_name": name, "email": email, "password": password})


def test_registering_logs_in_at_once_and_mails_a_confirmation_link(app, mailbox):
    client = app.test_client()
    assert register(client).status_code == 302
    page = client.get("/").get_data(as_text=True)
    assert "My classes" in page and "Please confirm your email" in page and "Send the link again" in page
    message = one_email(mailbox, "nadia@example.com")
    assert message.subject == "Please confirm your email address"
    [link] = message.links()[:1]
    check_parts(message, link)
    assert "/account/confirm/" in link and "7 days" in message.text

    other_browser = app.test_client()  # the mail app opens the link elsewhere
    response = other_browser.get(path_of(link))
    assert response.status_code == 302
    user = db.session.scalar(select(User))
    assert user.email_confirmed_at == NOW
    assert "Please confirm your email" not in client.get("/").get_data(as_text=True)
    assert "does not work any more" in other_browser.get(path_of(link)).get_data(as_text=True)


def test_a_confirmation_link_stops_after_seven_days(app, mailbox):
    register(app.test_client())
    link = path_of(one_email(mailbox, "nadia@example.com").links()[0])
    clock.freeze(NOW + timedelta(days=7))
    assert "does not work any more" in app.test_client().get(link).get_data(as_text=True)
    assert db.session.scalar(select(User.email_confirmed_at)) is None


def test_send_the_link_again(app, mailbox):
    client = app.test_client()
    register(client)
    response = client.post("/account/confirm/send", data={"next": "/account/"})
    assert response.status_code == 302 and response.location == "/account/"
    assert len(mailbox.to("nadia@example.com")) == 1  # the second comes a minute later at the earliest
    clock.freeze(NOW + timedelta(minutes=2))
    client.post("/account/confirm/send")
    first, second = mailbox.to("nadia@example.com")
    assert first.links()[0] != second.links()[0]
    for message in (first, second):  # both links work until used
        assert app.test_client().get(path_of(message.links()[0])).status_code == 302
    assert db.session.scalar(select(User.email_confirmed_at)) is not None


def test_send_the_link_again_is_rate_limited(app_factory, mailbox):
    app = app_factory(RATELIMIT_ENABLED=True, CONFIRM_RESEND_LIMIT="2 per hour")
    client = app.test_client()
    register(client)
    for minutes in (2, 4, 6):
        clock.freeze(NOW + timedelta(minutes=minutes))
        client.post("/account/confirm/send")
    assert len(mailbox.to("nadia@example.com")) == 3  # registration's, then two of the three asked for
    assert any("Please wait" in text for text in flashes(client))


def test_registering_an_address_that_has_an_account_answers_like_a_new_one(app, make_user, mailbox):
    owner = make_user("Olivia", "olivia@example.com")
    answers = []
    for email in ("new@example.com", "olivia@example.com"):
        client = app.test_client()
        response = register(client, email=email, name="Someone", password="a different password")
        answers.append((response.status_code, response.location,
                        [text.replace(email, "EMAIL") for text in flashes(client)]))
    assert answers[0] == answers[1]
    assert "We sent an email to EMAIL" in answers[0][2][0]
    assert db.session.scalar(select(User.display_name).where(User.id == owner.id)) == "Olivia"
    assert login(app.test_client(), owner)  # the password did not change
    [message] = mailbox.to("olivia@example.com")
    assert message.subject == "Someone tried to make an account with your email"
    login_link, forgot_link = message.links()[:2]
    assert path_of(login_link) == "/account/login" and path_of(forgot_link) == "/account/forgot"
    check_parts(message, login_link, forgot_link)
    assert "Someone" not in message.text.replace("Someone tried", "")  # the name typed is not repeated
    register(app.test_client(), email="olivia@example.com")  # again within the hour: no second e-mail
    assert len(mailbox.to("olivia@example.com")) == 1


def test_registering_an_address_that_has_an_account_does_not_log_in(app, make_user, mailbox):
    make_user("Olivia", "olivia@example.com")
    client = app.test_client()
    register(client, email="olivia@example.com", password=PASSWORD)  # even with the right password
    assert client.get("/account/").status_code == 302


# -- changing the address --------------------------------------------------

def change_email(client, new_email, password=PASSWORD):
    return client.post("/account/email", data={"new_email": new_email, "email_password": password})


def test_changing_the_address_needs_the_password_and_a_link_sent_to_the_new_one(app, make_user, mailbox):
    user = make_user("Nadia", "nadia@example.com")
    client = login(app.test_client(), user)
    page = change_email(client, "nadia@school.example", password="wrong password").get_data(as_text=True)
    assert "This is not your password" in page and 'value="nadia@school.example"' in page
    assert mailbox.messages == []
    page = change_email(client, "NADIA@example.com").get_data(as_text=True)
    assert "This is your email address now" in page

    assert change_email(client, "Nadia@School.example").status_code == 302
    assert db.session.scalar(select(User.email).where(User.id == user.id)) == "nadia@example.com"
    notice = one_email(mailbox, "nadia@example.com")
    assert notice.subject == "Your Roundtable email address is changing" and "nadia@school.example" in notice.text
    assert path_of(notice.links()[0]) == "/account/forgot"
    check_parts(notice, notice.links()[0])
    confirm = one_email(mailbox, "nadia@school.example")
    assert confirm.subject == "Confirm your new email address"
    [link] = confirm.links()[:1]
    check_parts(confirm, link)

    assert app.test_client().get(path_of(link)).status_code == 302
    db.session.expire_all()
    changed = db.session.get(User, user.id)
    assert changed.email == "nadia@school.example" and changed.email_confirmed_at == NOW
    assert "does not work any more" in app.test_client().get(path_of(link)).get_data(as_text=True)


def test_a_new_address_that_got_an_account_meanwhile_is_not_taken(app, make_user, mailbox):
    user = make_user(email="nadia@example.com")
    change_email(login(app.test_client(), user), "shared@example.com")
    make_user(email="shared@example.com")
    link = path_of(one_email(mailbox, "shared@example.com").links()[0])
    page = app.test_client().get(link).get_data(as_text=True)
    assert "Another account uses shared@example.com" in page
    assert db.session.scalar(select(User.email).where(User.id == user.id)) == "nadia@example.com"


def test_an_old_confirmation_link_does_not_confirm_a_new_address(app, mailbox):
    client = app.test_client()
    register(client)
    old_link = path_of(one_email(mailbox, "nadia@example.com").links()[0])
    db.session.scalar(select(User)).email = "other@example.com"
    db.session.commit()
    assert "does not work any more" in app.test_client().get(old_link).get_data(as_text=True)
    assert db.session.scalar(select(User.email_confirmed_at)) is None


def test_a_reset_link_from_the_mailbox_confirms_the_address(app, make_user, mailbox):
    make_user(email="nadia@example.com", confirmed=False)
    forgot(app.test_client(), "nadia@example.com")
    app.test_client().post(path_of(one_email(mailbox, "nadia@example.com").links()[0]),
                           data={"new_password": NEW_PASSWORD})
    assert db.session.scalar(select(User.email_confirmed_at)) == NOW


# -- a teacher's password link ---------------------------------------------

@pytest.fixture
def classroom(make_class, make_user):
    teacher = make_user("Tess Teacher", "tess@example.com")
    student = make_user("Sam Student", "sam@example.com", confirmed=False)
    classroom = make_class(teacher, "B1 evenings", students=[student])
    return classroom, teacher, student


def _membership(classroom, user):
    from app.classes.services import membership_of

    return membership_of(user.id, classroom.id)


def test_a_teacher_makes_a_one_time_password_link_for_a_student(app, classroom, mailbox):
    classroom, teacher, student = classroom
    teacher_client = login(app.test_client(), teacher)
    members = teacher_client.get(f"/classes/{classroom.id}/members").get_data(as_text=True)
    assert members.count("Make a password link") == 1  # the student's row, not the teacher's
    url = f"/classes/{classroom.id}/members/{_membership(classroom, student).id}/password-link"
    response = teacher_client.post(url)
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    page = response.get_data(as_text=True)
    [link] = [word.split('"')[1] for word in page.split("href=") if "/account/reset/" in word][:1]
    assert PASSWORD not in page and "once" in page

    notice = one_email(mailbox, "sam@example.com")
    assert notice.subject == "Your teacher made a password link for you" and "Tess Teacher" in notice.text
    assert "/account/reset/" not in notice.text  # the link itself is only on the teacher's screen
    check_parts(notice, notice.links()[0])

    student_phone = login(app.test_client(), student)
    in_class = app.test_client()
    assert "Sam Student" in in_class.get(path_of(link)).get_data(as_text=True)
    assert in_class.post(path_of(link), data={"new_password": NEW_PASSWORD}).status_code == 302
    assert "B1 evenings" in in_class.get("/").get_data(as_text=True)
    assert student_phone.get("/account/").status_code == 302
    assert "does not work any more" in app.test_client().get(path_of(link)).get_data(as_text=True)
    token = db.session.scalar(select(AccountToken))
    assert token.made_by_id == teacher.id and token.email == ""
    assert db.session.scalar(select(User.email_confirmed_at).where(User.id == student.id)) is None


def test_no_password_link_for_teachers_or_admins(app, classroom, make_user, mailbox):
    classroom, teacher, student = classroom
    co_teacher = make_user("Cory", "cory@example.com")
    add_member(classroom, co_teacher, role="teacher")
    elsewhere = make_user("Ella", "ella@example.com")  # a student here, a teacher in her own class
    add_member(classroom, elsewhere)
    from app.classes.services import create_class

    create_class(elsewhere, "Ella's class")
    admin = make_user("Ada", "ada@example.com", admin=True)
    add_member(classroom, admin)
    db.session.commit()
    client = login(app.test_client(), teacher)
    members = client.get(f"/classes/{classroom.id}/members").get_data(as_text=True)
    assert members.count("Make a password link") == 1  # only Sam
    for user in (co_teacher, elsewhere, admin):
        url = f"/classes/{classroom.id}/members/{_membership(classroom, user).id}/password-link"
        response = client.post(url, follow_redirects=True)
        assert "Forgot your password?" in response.get_data(as_text=True)
    assert db.session.scalar(select(AccountToken)) is None and mailbox.messages == []


# -- the development outbox ------------------------------------------------

def test_the_development_outbox_lists_emails_with_their_links(app, make_user, mailbox):
    make_user(email="nadia@example.com")
    forgot(app.test_client(), "nadia@example.com")
    link = one_email(mailbox, "nadia@example.com").links()[0]
    page = app.test_client().get("/dev/outbox").get_data(as_text=True)
    assert "Reset your Roundtable password" in page and f'href="{link}"' in page and "nadia@example.com" in page


@pytest.mark.parametrize("overrides", [{"ENV_NAME": "production"}, {"DEV_OUTBOX": False}])
def test_the_development_outbox_is_not_there_elsewhere(app_factory, overrides):
    app = app_factory(**overrides)
    assert app.test_client().get("/dev/outbox").status_code == 404
