"""Prompt pages over HTTP: teacher tools, student views, the forum hooks, privacy."""
from __future__ import annotations

from datetime import timedelta

from app import clock
from app.classes.services import membership_of
from app.extensions import db
from app.prompts.models import Extension, Prompt
from tests.conftest import add_member, freeze_clock_at
from tests.prompts.factories import NOW, make_prompt, opening, prompt_topics, topic_thread, words, write

frozen = freeze_clock_at(NOW)


def url(prompt, rest=""):
    return f"/classes/{prompt.classroom_id}/prompts/{prompt.id}{rest}"


FORM = {
    "title": "Skype practice", "instructions": "Pick a topic.", "topics-0-title": "Speaking online",
    "topics-0-description": "Is it useful?", "topics-1-title": "Staying on topic", "starters": "I agree with …",
    "time_zone": "America/New_York", "opens_at": "2026-11-20T06:00", "closes_at": "2026-11-27T17:00",
    "min_words_first": "100", "replies_required": "2", "min_words_reply": "20", "post_first": "y",
    "chat_at": "2026-11-21T10:00", "chat_minutes": "45", "chat_url": "https://meet.jit.si/roundtable",
}


def test_teacher_creates_edits_and_publishes(world, login_as):
    teacher = login_as(world.teacher)
    base = f"/classes/{world.classroom.id}/prompts"
    assert teacher.get(base + "/new").status_code == 200
    page = teacher.post(base + "/new", data={**FORM, "topics-1-title": ""})
    assert page.status_code == 200 and "Please give from 2 to 6 topics. Now there is 1." in page.get_data(as_text=True)
    response = teacher.post(base + "/new", data=FORM)
    assert response.status_code == 302
    prompt = db.session.scalars(db.select(Prompt)).one()
    assert prompt.published_at is None and prompt.time_zone == "America/New_York"
    assert prompt.closes_at == NOW.replace(day=27, hour=22)  # 17:00 in New York is 22:00 UTC
    assert "<strong>" not in prompt.instructions_html and "Pick a topic." in prompt.instructions_html
    student = login_as(world.student)
    assert student.get(url(prompt)).status_code == 404
    assert student.get(f"/classes/{world.classroom.id}/threads/{topic_thread(prompt).id}").status_code == 404
    edit = teacher.get(url(prompt, "/edit")).get_data(as_text=True)
    assert 'value="2026-11-27T17:00"' in edit and "Speaking online" in edit
    assert teacher.post(url(prompt, "/publish")).status_code == 302
    db.session.expire_all()
    assert db.session.get(Prompt, prompt.id).published_at == NOW
    page = student.get(url(prompt)).get_data(as_text=True)
    assert "Speaking online" in page and "I agree with …" in page and "First post: not written yet (at least 100 words)" in page
    home = student.get(f"/classes/{world.classroom.id}/").get_data(as_text=True)
    assert "Skype practice" in home and ('Closes: <time datetime="2026-11-27T22:00:00Z" title="Friday 27 November'
                                         ' 2026, 17:00 (America/New York)">in 7 days · Fri 27 Nov, 17:00</time>') in home


def test_edit_asks_before_archiving_a_topic_with_posts(world, login_as):
    prompt = make_prompt(world.classroom, world.teacher)
    write(topic_thread(prompt), world.student, "My post")
    teacher = login_as(world.teacher)
    second = prompt_topics(prompt)[1]
    data = {**FORM, "topics-0-title": "Staying on topic", "topics-0-id": str(second.id), "topics-1-title": "Brand new"}
    page = teacher.post(url(prompt, "/edit"), data=data)
    assert page.status_code == 200 and "Students have already written in this topic" in page.get_data(as_text=True)
    assert teacher.post(url(prompt, "/edit"), data={**data, "confirm_archive": "y"}).status_code == 302
    assert [(t.title, t.archived) for t in prompt_topics(prompt)] == [
        ("Practising speaking online", True), ("Staying on topic", False), ("Brand new", False)]


def test_student_cannot_post_after_closing_unless_extended(world, login_as):
    prompt = make_prompt(world.classroom, world.teacher, closes_at=NOW + timedelta(hours=1))
    thread = topic_thread(prompt)
    student = login_as(world.student)
    reply_url = f"/classes/{world.classroom.id}/posts/{opening(thread).id}/reply"
    clock.freeze(NOW + timedelta(hours=1))
    page = student.get(f"/classes/{world.classroom.id}/threads/{thread.id}").get_data(as_text=True)
    assert "This discussion closed on" in page and reply_url not in page
    refused = student.post(reply_url, data={"body": "My late thoughts", "form_token": "t1"})
    text = refused.get_data(as_text=True)
    assert refused.status_code == 409 and "Your text is still here" in text and "My late thoughts" in text
    teacher = login_as(world.teacher)
    assert teacher.get(url(prompt, "/extend")).status_code == 200
    assert teacher.post(url(prompt, "/extend"), data={"student": str(world.student.id), "closes_at": "2026-11-21T12:00",
                                                       "time_zone": "UTC"}).status_code == 302
    assert db.session.get(Extension, (prompt.id, world.student.id)).closes_at == NOW + timedelta(days=1)
    assert student.post(reply_url, data={"body": "My late thoughts", "form_token": "t2"}).status_code == 302


def test_teacher_reopens(world, login_as):
    prompt = make_prompt(world.classroom, world.teacher, closes_at=NOW - timedelta(hours=1))
    teacher = login_as(world.teacher)
    assert "Reopen" in teacher.get(url(prompt)).get_data(as_text=True)
    assert teacher.post(url(prompt, "/reopen")).status_code == 302
    db.session.expire_all()
    assert db.session.get(Prompt, prompt.id).closes_at is None


def test_post_first_and_hidden_names_in_the_thread(world, login_as, make_user):
    other = make_user("Olu Other")
    add_member(world.classroom, other)
    prompt = make_prompt(world.classroom, world.teacher, post_first=True, names_hidden=True)
    thread = topic_thread(prompt)
    theirs = write(thread, other, "Their secret idea")
    page_url = f"/classes/{world.classroom.id}/threads/{thread.id}"
    student = login_as(world.student)
    page = student.get(page_url).get_data(as_text=True)
    assert "Their secret idea" not in page and "Write your first post in this topic" in page
    assert student.get(f"/classes/{world.classroom.id}/posts/{theirs.id}/reply").status_code == 404
    write(thread, world.student, words(12))
    page = student.get(page_url).get_data(as_text=True)
    assert "Their secret idea" in page and "Classmate 1" in page and "Olu Other" not in page
    assert "First post: 12 words ✓ (at least 10 words)" in page
    reply = student.get(f"/classes/{world.classroom.id}/posts/{theirs.id}/reply?quote=1").get_data(as_text=True)
    assert "Reply to Classmate 1" in reply and "Olu Other" not in reply and "I agree with … because …" in reply
    teacher_page = login_as(world.teacher).get(page_url).get_data(as_text=True)
    assert "Olu Other" in teacher_page and "Classmate" not in teacher_page


def test_chat_countdown_and_join_button(world, login_as):
    prompt = make_prompt(world.classroom, world.teacher, chat_at=NOW + timedelta(hours=2), chat_minutes=30,
                         chat_url="https://meet.jit.si/x")
    student = login_as(world.student)
    page = student.get(url(prompt)).get_data(as_text=True)
    assert "The chat starts in 2 hours" in page and ">Join the chat<" not in page
    clock.freeze(NOW + timedelta(hours=1, minutes=46))
    page = student.get(url(prompt)).get_data(as_text=True)
    assert "The chat starts in 14 minutes" in page and ">Join the chat<" in page
    clock.freeze(NOW + timedelta(hours=2, minutes=31))
    assert "Chat finished — write your reflection" in student.get(url(prompt)).get_data(as_text=True)


def test_participation_table_csv_and_student_posts(world, login_as):
    prompt = make_prompt(world.classroom, world.teacher)
    write(topic_thread(prompt), world.student, words(12))
    teacher = login_as(world.teacher)
    page = teacher.get(url(prompt, "/participation?sort=words")).get_data(as_text=True)
    assert "Sam Student" in page and "Practising speaking online" in page and 'aria-sort="descending"' in page
    csv = teacher.get(url(prompt, "/participation.csv"))
    assert csv.mimetype == "text/csv" and "attachment" in csv.headers["Content-Disposition"]
    assert csv.get_data(as_text=True).splitlines()[1].startswith("Sam Student,Practising speaking online,12,0,no,")
    member = membership_of(world.student.id, world.classroom.id)
    page = teacher.get(url(prompt, f"/students/{member.id}")).get_data(as_text=True)
    assert "Posts by Sam Student" in page and "word word" in page


def test_privacy_across_classes_and_roles(world, login_as):
    prompt = make_prompt(world.classroom, world.teacher)
    member = membership_of(world.student.id, world.classroom.id)
    outsider = login_as(world.outsider)
    other = f"/classes/{world.other_class.id}/prompts/{prompt.id}"
    for rest in ("", "/edit", "/participation", "/participation.csv", "/extend", f"/students/{member.id}"):
        assert outsider.get(url(prompt, rest)).status_code == 404
        assert outsider.get(other + rest).status_code == 404  # the outsider's own class: not this prompt
    assert outsider.post(other + "/publish").status_code == 404
    student = login_as(world.student)
    for rest in ("/edit", "/participation", "/participation.csv", "/extend", f"/students/{member.id}"):
        assert student.get(url(prompt, rest)).status_code == 403
    for rest in ("/publish", "/reopen"):
        assert student.post(url(prompt, rest)).status_code == 403
    teacher = login_as(world.teacher)
    outsider_member = membership_of(world.outsider.id, world.other_class.id)
    assert teacher.get(url(prompt, f"/students/{outsider_member.id}")).status_code == 404


def test_closed_topic_refuses_edits_but_keeps_the_text(world, login_as):
    prompt = make_prompt(world.classroom, world.teacher, closes_at=NOW + timedelta(hours=1))
    mine = write(topic_thread(prompt), world.student, "My first words")
    student = login_as(world.student)
    clock.freeze(NOW + timedelta(hours=2))
    refused = student.post(f"/classes/{world.classroom.id}/posts/{mine.id}/edit",
                           data={"body": "Changed after closing", "form_token": "e1"})
    assert refused.status_code == 409 and "Changed after closing" in refused.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(type(mine), mine.id).source == "My first words"


def test_ordinary_threads_are_not_affected(world, login_as):
    from tests.forum.factories import start

    thread, first = start(world.classroom, world.teacher)
    student = login_as(world.student)
    assert student.get(f"/classes/{world.classroom.id}/threads/{thread.id}").status_code == 200
    assert student.post(f"/classes/{world.classroom.id}/posts/{first.id}/reply",
                        data={"body": "Rice and soup.", "form_token": "o1"}).status_code == 302


def test_hidden_names_stay_hidden_in_notifications(world, login_as, make_user):
    other = make_user("Olu Other")
    add_member(world.classroom, other)
    prompt = make_prompt(world.classroom, world.teacher, names_hidden=True)
    thread = topic_thread(prompt)
    mine = write(thread, world.student, words(12))
    write(thread, other, "I see it differently.", parent=mine)
    page = login_as(world.student).get("/notifications").get_data(as_text=True)
    assert "Classmate 2 replied to your post" in page and "Olu Other" not in page
    teacher_mine = write(thread, world.teacher, "Good start, both of you.")
    write(thread, other, "Thank you!", parent=teacher_mine)
    page = login_as(world.teacher).get("/notifications").get_data(as_text=True)
    assert "Olu Other replied to your post" in page


def test_save_and_publish_in_one_step_and_topic_rows_wait_behind_add_a_topic(world, login_as):
    teacher = login_as(world.teacher)
    base = f"/classes/{world.classroom.id}/prompts"
    page = teacher.get(base + "/new").get_data(as_text=True)
    opened, folded = page.split('<details class="more-topics">')
    assert opened.count('class="topic-row"') == 2 and folded.count('class="topic-row"') == 4
    assert "Add a topic" in folded and 'name="publish_now"' in page
    response = teacher.post(base + "/new", data={**FORM, "publish_now": "1", "topics-2-title": "A third one"})
    assert response.status_code == 302
    prompt = db.session.scalars(db.select(Prompt)).one()
    assert prompt.published_at == NOW
    page = teacher.get(response.headers["Location"]).get_data(as_text=True)
    assert "The discussion is published." in page
    edit = teacher.get(url(prompt, "/edit")).get_data(as_text=True)
    assert 'name="publish_now"' not in edit  # published already: one Save
    assert edit.split('<details class="more-topics">')[0].count('class="topic-row"') == 3  # rows up to the last used
