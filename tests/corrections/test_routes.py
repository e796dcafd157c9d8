"""Request tests for every corrections page: adding, reading, answering, revising, privacy."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from app import clock
from app.corrections.models import Correction, CorrectionCode
from app.extensions import db
from app.forum.models import Notification
from tests.conftest import add_member
from tests.corrections.factories import STORY, correct, student_post


@pytest.fixture
def classmate(world, make_user):
    user = make_user("Cleo Classmate")
    add_member(world.classroom, user)
    return user


def page_of(post):
    return f"/classes/{post.classroom_id}/posts/{post.id}/corrections"


def add_url(post):
    return page_of(post) + "/new"


def form(words, code="SP", occurrence="1", better="", comment=""):
    return {"correction-words": words, "correction-occurrence": occurrence, "correction-code": code,
            "correction-better": better, "correction-comment": comment}


def test_teacher_adds_a_correction_without_javascript(world, login_as):
    post = student_post(world)
    teacher = login_as(world.teacher)
    page = teacher.get(page_of(post)).get_data(as_text=True)
    assert "Add a correction" in page and "SP – Spelling" in page and "Good! – Well done" in page
    response = teacher.post(add_url(post), data=form("goed", "T", better="went", comment="Past of go"))
    assert response.status_code == 302 and response.headers["Location"].endswith("#corrections")
    correction = db.session.scalar(select(Correction))
    assert (correction.quote, correction.code, correction.better, correction.student_id) == \
        ("goed", "T", "went", world.student.id)
    assert STORY[correction.start:correction.start + 4] == "goed"
    # The student is told, once for several corrections while unread.
    teacher.post(add_url(post), data=form("eated", "T", better="ate"))
    notes = db.session.scalars(select(Notification).where(Notification.user_id == world.student.id,
                                                          Notification.kind == "correction")).all()
    assert len(notes) == 1


def test_words_not_in_the_text_come_back_with_the_form(world, login_as):
    post = student_post(world)
    teacher = login_as(world.teacher)
    response = teacher.post(add_url(post), data=form("flyed", comment="Keep this comment"))
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "These words are not in the text" in page
    assert "Keep this comment" in page and 'value="flyed"' in page
    response = teacher.post(add_url(post), data=form("goed", occurrence="2"))
    assert "appear 1 time in the text" in response.get_data(as_text=True)
    assert db.session.scalar(select(Correction)) is None


def test_an_unknown_code_is_refused(world, login_as):
    post = student_post(world)
    response = login_as(world.teacher).post(add_url(post), data=form("goed", code="NOPE"))
    assert response.status_code == 200 and db.session.scalar(select(Correction)) is None


def test_the_author_sees_marks_explanation_and_answers(world, login_as):
    post = student_post(world)
    c = correct(post, world.teacher, "goed", "T", better="went", comment="Past of go")
    student = login_as(world.student)
    thread_page = student.get(f"/classes/{world.classroom.id}/threads/{post.thread_id}").get_data(as_text=True)
    assert '<mark class="correction" id="mark-' in thread_page
    assert "Your teacher’s corrections (1)" in thread_page and "Verb tense" in thread_page
    assert "The verb is in the wrong time" in thread_page and "went" in thread_page
    page = student.get(page_of(post)).get_data(as_text=True)
    assert f'href="#correction-{c.id}"' in page and "Past of go" in page and "Add a correction" not in page
    # "I don't understand" tells the teacher.
    response = student.post(f"/classes/{world.classroom.id}/corrections/{c.id}/answer", data={"answer": "unclear"})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Correction, c.id).answer == "unclear"
    assert db.session.scalar(select(Notification.kind).where(Notification.user_id == world.teacher.id,
                                                             Notification.kind == "unclear")) == "unclear"
    student.post(f"/classes/{world.classroom.id}/corrections/{c.id}/answer", data={"answer": "fixed"})
    db.session.expire_all()
    assert db.session.get(Correction, c.id).is_fixed
    # The teacher cannot answer for the student.
    response = login_as(world.teacher).post(f"/classes/{world.classroom.id}/corrections/{c.id}/answer",
                                            data={"answer": ""})
    db.session.expire_all()
    assert response.status_code == 302 and db.session.get(Correction, c.id).answer == "fixed"


def test_the_notification_opens_the_corrections(world, login_as):
    post = student_post(world)
    correct(post, world.teacher, "goed")
    note = db.session.scalar(select(Notification).where(Notification.user_id == world.student.id,
                                                        Notification.kind == "correction"))
    student = login_as(world.student)
    assert "corrected some words in your post" in student.get("/notifications").get_data(as_text=True)
    response = student.get(f"/notifications/{note.id}")
    assert response.headers["Location"].endswith(page_of(post) + "#corrections")


def test_revising_the_post_fixes_the_corrections(world, login_as):
    post = student_post(world)
    goed = correct(post, world.teacher, "goed", "T", better="went")
    have = correct(post, world.teacher, "have", "AGR", better="has")
    red = correct(post, world.teacher, "red bike", "Good!")
    student = login_as(world.student)
    edited = STORY.replace("I goed", "I went").replace("Yesterday", "Last Sunday")
    response = student.post(f"/classes/{world.classroom.id}/posts/{post.id}/edit", data={"body": edited})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Correction, goed.id).state == "fixed"
    assert db.session.get(Correction, goed.id).now_reads == "went"
    assert db.session.get(Correction, have.id).state == "open"
    assert db.session.get(Correction, red.id).state == "open"
    page = student.get(page_of(post)).get_data(as_text=True)
    assert "Fixed" in page and "The text now says “went”" in page
    assert f'id="mark-{have.id}"' in page and f'id="mark-{goed.id}"' not in page
    # The earlier version is kept.
    history = login_as(world.teacher).get(f"/classes/{world.classroom.id}/posts/{post.id}/history")
    assert "I goed" in history.get_data(as_text=True)
    # Rewriting everything: "about text that changed".
    student.post(f"/classes/{world.classroom.id}/posts/{post.id}/edit", data={"body": "A new text about the weather."})
    db.session.expire_all()
    assert db.session.get(Correction, have.id).state == "changed"
    assert "About text that changed" in student.get(page_of(post)).get_data(as_text=True)


def test_a_classmate_sees_nothing(world, login_as, classmate):
    post = student_post(world)
    c = correct(post, world.teacher, "goed", "T", better="went", comment="Secret comment")
    other = login_as(classmate)
    thread_page = other.get(f"/classes/{world.classroom.id}/threads/{post.thread_id}").get_data(as_text=True)
    assert "goed" in thread_page  # the post itself
    main = thread_page.split("<main", 1)[1]
    for hint in ("<mark", "orrection", "Secret comment", "went", "Verb tense", "data-post-text"):
        assert hint not in main, hint
    assert other.get(page_of(post)).status_code == 404
    assert other.post(add_url(post), data=form("goed")).status_code == 403
    assert other.post(f"/classes/{world.classroom.id}/corrections/{c.id}/answer",
                      data={"answer": "fixed"}).status_code == 404
    assert other.get(f"/classes/{world.classroom.id}/language/students/{world.student.id}").status_code == 403
    page = other.get(f"/classes/{world.classroom.id}/my-language").get_data(as_text=True)
    assert "No corrections yet" in page and "goed" not in page


def test_a_student_cannot_correct(world, login_as, classmate):
    from tests.forum.factories import reply, start

    _, first = start(world.classroom, world.teacher)
    post = reply(first, classmate, "I goed home.")
    assert login_as(world.student).post(add_url(post), data=form("goed")).status_code == 403
    assert login_as(classmate).post(add_url(post), data=form("goed")).status_code == 403


def test_teacher_deletes_a_correction(world, login_as):
    post = student_post(world)
    c = correct(post, world.teacher, "goed")
    response = login_as(world.teacher).post(f"/classes/{world.classroom.id}/corrections/{c.id}/delete")
    assert response.status_code == 302
    assert db.session.scalar(select(Correction)) is None
    assert "<mark" not in login_as(world.student).get(page_of(post)).get_data(as_text=True)


def test_codes_page_adds_and_deletes_a_class_code(world, login_as):
    teacher = login_as(world.teacher)
    url = f"/classes/{world.classroom.id}/correction-codes"
    assert "Subject–verb agreement" in teacher.get(url).get_data(as_text=True)
    response = teacher.post(url, data={"code": "COL", "name": "Collocation", "explanation": "Words that go together."})
    assert response.status_code == 302
    again = teacher.post(url, data={"code": "sp", "name": "Spelling", "explanation": "x"})
    assert "already has this code" in again.get_data(as_text=True)
    code = db.session.scalar(select(CorrectionCode))
    post = student_post(world)
    assert "COL – Collocation" in teacher.get(page_of(post)).get_data(as_text=True)
    teacher.post(add_url(post), data=form("red bike", "COL"))
    teacher.post(f"{url}/{code.id}/delete")
    assert db.session.scalar(select(CorrectionCode)) is None
    assert db.session.scalar(select(Correction.code)) == "COL"
    assert login_as(world.student).get(url).status_code == 403


def test_my_language_and_the_class_view_count(world, login_as, classmate):
    clock.freeze(None)
    post = student_post(world)
    correct(post, world.teacher, "goed", "T", better="went")
    correct(post, world.teacher, "eated", "T", better="ate")
    correct(post, world.teacher, "have", "AGR")
    from tests.forum.factories import reply

    other = reply(post, classmate, "I like the ice cream very much.")
    correct(other, world.teacher, "the ice cream", "ART", better="ice cream")
    page = login_as(world.student).get(f"/classes/{world.classroom.id}/my-language").get_data(as_text=True)
    top = page.split("Most this month", 1)[1].split("By code", 1)[0]
    assert top.index("Verb tense") < top.index("Subject–verb agreement") and "Article" not in top
    assert "“goed” → <strong>went</strong>" in page and "3 corrections in all, 0 fixed" in page
    assert "the ice cream" not in page
    teacher = login_as(world.teacher)
    page = teacher.get(f"/classes/{world.classroom.id}/language").get_data(as_text=True)
    assert "Verb tense</strong>: 2 this month, 1 student " in page
    assert "Article</strong>: 1 this month, 1 student " in page
    csv = teacher.get(f"/classes/{world.classroom.id}/language.csv")
    assert csv.mimetype == "text/csv" and "T,Verb tense" in csv.get_data(as_text=True)
    page = teacher.get(f"/classes/{world.classroom.id}/language/students/{world.student.id}").get_data(as_text=True)
    assert "Language of Sam Student" in page and "goed" in page
    assert teacher.get(f"/classes/{world.classroom.id}/my-language").status_code == 302
    assert teacher.get(f"/classes/{world.classroom.id}/language/students/{world.teacher.id}").status_code == 404


def test_rerender_marks_the_new_html_again(world):
    from app.corrections.models import MarkedText
    from app.forum.models import Post
    from app.rendering import rerender_all

    post = student_post(world)
    correct(post, world.teacher, "goed")
    counts = rerender_all(lambda source, profile: f"<p><strong>{source}</strong></p>")
    db.session.commit()
    assert counts["marked texts (corrections)"] == 1
    html = db.session.scalar(select(MarkedText.html))
    assert html.startswith("<p><strong>") and '<mark class="correction"' in html
    assert db.session.get(Post, post.id).html.startswith("<p><strong>")


def test_no_code_chosen_says_so_once(world, login_as):
    post = student_post(world)
    page = login_as(world.teacher).post(add_url(post), data=form("goed", code="")).get_data(as_text=True)
    assert page.count("Choose a code.") == 1 and "Not a valid choice" not in page
    assert db.session.scalar(select(Correction)) is None
