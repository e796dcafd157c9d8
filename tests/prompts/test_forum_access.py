"""A prompt's forum in the class's forum pages: hidden from students until the prompt
opens, teachers' threads only, and a student's own posts frozen after closing."""
from __future__ import annotations

from contextlib import contextmanager
from datetime import timedelta

from flask import template_rendered
from sqlalchemy import func, select

from app import clock
from app.extensions import db
from app.forum.models import Post, Thread
from app.prompts import services
from tests.conftest import count_queries, freeze_clock_at
from tests.forum.factories import default_forum
from tests.prompts.factories import NOW, make_prompt, topic_thread, words, write

FORUM_TITLE = "Discussion: Should we use Skype?"


frozen = freeze_clock_at(NOW)


def c(world, rest=""):
    return f"/classes/{world.classroom.id}{rest}"


@contextmanager
def rendered(app):
    """The contexts of the thread pages rendered inside the block."""
    seen: list[dict] = []

    def record(sender, template, context, **extra):
        if template.name == "forum/thread.html":
            seen.append(context)

    template_rendered.connect(record, app)
    try:
        yield seen
    finally:
        template_rendered.disconnect(record, app)


def test_students_do_not_see_a_prompts_forum_before_it_opens(world, login_as):
    later = make_prompt(world.classroom, world.teacher, opens_at=NOW + timedelta(days=1))
    draft = make_prompt(world.classroom, world.teacher, title="Draft prompt", publish=False)
    write(topic_thread(later), world.teacher, "An early note from the teacher.")  # would be a "new post"
    student = login_as(world.student)
    for path in (c(world, "/"), c(world, "/forums")):
        page = student.get(path).get_data(as_text=True)
        assert "General discussion" in page
        assert FORUM_TITLE not in page and "Discussion: Draft prompt" not in page
        assert "new post" not in page  # the hidden forum's unread posts are not counted either
    for prompt in (later, draft):
        assert student.get(c(world, f"/forums/{prompt.forum_id}")).status_code == 404
        assert student.get(c(world, f"/forums/{prompt.forum_id}/new")).status_code == 404
        thread = topic_thread(prompt)
        assert student.get(c(world, f"/threads/{thread.id}/new-posts")).status_code == 404
        assert student.post(c(world, f"/threads/{thread.id}/follow"), data={"active": "1"}).status_code == 404
    teacher = login_as(world.teacher)
    page = teacher.get(c(world, "/forums")).get_data(as_text=True)
    assert FORUM_TITLE in page and "Discussion: Draft prompt" in page  # the draft among the archived
    assert FORUM_TITLE in teacher.get(c(world, "/")).get_data(as_text=True)
    for prompt in (later, draft):
        assert teacher.get(c(world, f"/forums/{prompt.forum_id}")).status_code == 200

    clock.freeze(NOW + timedelta(days=1))
    student = login_as(world.student)
    for path in (c(world, "/"), c(world, "/forums")):
        page = student.get(path).get_data(as_text=True)
        assert FORUM_TITLE in page and "3 new posts" in page and "Discussion: Draft prompt" not in page
    page = student.get(c(world, f"/forums/{later.forum_id}")).get_data(as_text=True)
    assert "Practising speaking online" in page
    assert student.get(c(world, f"/forums/{draft.forum_id}")).status_code == 404


def test_forum_pages_cost_the_same_with_more_prompts(app, world, login_as):
    make_prompt(world.classroom, world.teacher, opens_at=NOW + timedelta(days=1))
    student = login_as(world.student)
    paths = (c(world, "/"), c(world, "/forums"))
    for path in paths:
        student.get(path)
    before = []
    for path in paths:
        with count_queries(app) as q:
            student.get(path)
        before.append(q.count)
    make_prompt(world.classroom, world.teacher, title="Open one")
    make_prompt(world.classroom, world.teacher, title="Later one", opens_at=NOW + timedelta(days=2))
    make_prompt(world.classroom, world.teacher, title="A draft", publish=False)
    after = []
    for path in paths:
        with count_queries(app) as q:
            page = student.get(path).get_data(as_text=True)
        after.append(q.count)
        assert "Discussion: Open one" in page and "Discussion: Later one" not in page
    # The class home also lists open prompts with each one's progress (the prompts' own
    # section); the forum list must not grow at all.
    assert after[1] == before[1]


def test_only_teachers_start_threads_in_a_prompts_forum(world, login_as):
    prompt = make_prompt(world.classroom, world.teacher)
    forum_page, new = c(world, f"/forums/{prompt.forum_id}"), c(world, f"/forums/{prompt.forum_id}/new")
    threads_before = db.session.scalar(select(func.count(Thread.id)).where(Thread.forum_id == prompt.forum_id))
    student = login_as(world.student)
    page = student.get(forum_page)
    assert page.status_code == 200 and "Start a thread" not in page.get_data(as_text=True)
    assert student.get(new).status_code == 403
    refused = student.post(new, data={"title": "My own topic", "body": "Escaping the rules.", "form_token": "s1"})
    assert refused.status_code == 403
    assert db.session.scalar(
        select(func.count(Thread.id)).where(Thread.forum_id == prompt.forum_id)) == threads_before
    general = default_forum(world.classroom)
    assert "Start a thread" in student.get(c(world, f"/forums/{general.id}")).get_data(as_text=True)
    teacher = login_as(world.teacher)
    assert "Start a thread" in teacher.get(forum_page).get_data(as_text=True)
    assert teacher.post(new, data={"title": "A third topic", "body": "Teachers may.", "form_token": "t1"}).status_code == 302


def test_own_posts_cannot_be_deleted_after_closing_unless_extended(app, world, login_as):
    prompt = make_prompt(world.classroom, world.teacher, closes_at=NOW + timedelta(hours=1))
    thread = topic_thread(prompt)
    mine = write(thread, world.student, words(12))
    student = login_as(world.student)
    thread_url = c(world, f"/threads/{thread.id}")

    clock.freeze(NOW + timedelta(hours=2))
    refused = student.post(c(world, f"/posts/{mine.id}/delete"), follow_redirects=True)
    text = refused.get_data(as_text=True)
    assert "You cannot delete this post now. This discussion closed on" in text
    db.session.expire_all()
    assert db.session.get(Post, mine.id).deleted is False
    with rendered(app) as seen:
        frozen_page = student.get(thread_url).get_data(as_text=True)
    assert seen[0]["rules"].frozen is not None  # the thread page hides Edit and Delete
    assert f"/posts/{mine.id}/edit" not in frozen_page
    assert f"/posts/{mine.id}/delete" not in frozen_page
    teacher_view = login_as(world.teacher)
    with rendered(app) as seen:
        teacher_view.get(thread_url)
    assert seen[0]["rules"].frozen is None

    services.extend(prompt, world.student.id, NOW + timedelta(days=1))
    db.session.commit()
    student = login_as(world.student)
    with rendered(app) as seen:
        open_page = student.get(thread_url).get_data(as_text=True)
    assert seen[0]["rules"].frozen is None
    assert f"/posts/{mine.id}/edit" in open_page
    assert student.post(c(world, f"/posts/{mine.id}/delete")).status_code == 302
    db.session.expire_all()
    assert db.session.get(Post, mine.id).deleted is True


def test_ordinary_forums_keep_edit_and_delete(app, world, login_as):
    from tests.forum.factories import reply, start

    thread, first = start(world.classroom, world.teacher)
    mine = reply(first, world.student)
    student = login_as(world.student)
    with rendered(app) as seen:
        student.get(c(world, f"/threads/{thread.id}"))
    assert seen[0]["rules"].frozen is None
    assert student.post(c(world, f"/posts/{mine.id}/delete")).status_code == 302
    db.session.expire_all()
    assert db.session.get(Post, mine.id).deleted is True


def test_mentions_notify_only_those_who_can_read_the_post(world, make_user, login_as):
    """With "post first", a student who has not posted in the topic is not told about a post they cannot open."""
    from app.forum.models import Notification
    from tests.conftest import add_member

    prompt = make_prompt(world.classroom, world.teacher, post_first=True)
    thread = topic_thread(prompt)
    carla, dan = make_user("Carla Classmate"), make_user("Dan Writer")
    for user in (carla, dan):
        add_member(world.classroom, user)
    write(thread, dan, "My first post " + words(12))
    # Sam (the world's student) mentions both; only Dan has posted in the topic.
    student = login_as(world.student)
    first = db.session.scalar(select(Post.id).where(Post.thread_id == thread.id, Post.depth == 0))
    student.post(f"/classes/{world.classroom.id}/posts/{first}/reply",
                 data={"body": "I agree with @Carla Classmate and @Dan Writer " + words(12)})
    told = set(db.session.scalars(select(Notification.user_id).where(Notification.kind == "mention")))
    assert told == {dan.id}


def test_a_post_link_opens_only_for_who_may_read_it(world, make_user, login_as):
    """The permalink of a classmate's post in a "post first" topic is a 404 until the student has posted there."""
    from tests.conftest import add_member

    prompt = make_prompt(world.classroom, world.teacher, post_first=True)
    thread = topic_thread(prompt)
    dan = make_user("Dan Writer")
    add_member(world.classroom, dan)
    theirs = write(thread, dan, "My first post " + words(12))
    student = login_as(world.student)
    link = f"/classes/{world.classroom.id}/posts/{theirs.id}"
    assert student.get(link).status_code == 404
    write(thread, world.student, "Now my own post " + words(12))
    assert student.get(link).status_code == 302


def test_the_report_page_names_the_author_as_the_thread_does(world, make_user, login_as):
    """With hidden names, "Report a post by Classmate 1", never the real name (issue 13.3)."""
    from tests.conftest import add_member

    prompt = make_prompt(world.classroom, world.teacher, names_hidden=True)
    thread = topic_thread(prompt)
    dan = make_user("Dan Writer")
    add_member(world.classroom, dan)
    theirs = write(thread, dan, "My first post " + words(12))
    page = login_as(world.student).get(f"/classes/{world.classroom.id}/posts/{theirs.id}/report")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "Report a post by Classmate 1" in text and "Dan Writer" not in text
    teacher = login_as(world.teacher).get(f"/classes/{world.classroom.id}/posts/{theirs.id}/report")
    assert "Report a post by Dan Writer" in teacher.get_data(as_text=True)
