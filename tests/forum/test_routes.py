"""Forum pages over HTTP: writing, bad input, reading, moderation, notifications."""
from __future__ import annotations

import re

from sqlalchemy import func, select

from app.extensions import db
from app.forum.models import Forum, Notification, Post, Report, Thread
from tests.conftest import World, add_member, login
from tests.forum.factories import default_forum, reply, start


def posts_count():
    return db.session.scalar(select(func.count()).select_from(Post))


def url(world, path):
    return f"/classes/{world.classroom.id}{path}"


def test_student_starts_a_thread_and_it_is_listed(app, world, login_as):
    client = login_as(world.student)
    forum = default_forum(world.classroom)
    response = client.post(url(world, f"/forums/{forum.id}/new"),
                           data={"title": "My hobby", "body": "I like *drawing*.", "form_token": "t1"})
    thread = db.session.scalar(select(Thread))
    assert response.headers["Location"] == url(world, f"/threads/{thread.id}")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "<h1>My hobby</h1>" in page and "<p>I like <em>drawing</em>.</p>" in page
    listing = login_as(world.teacher).get(url(world, f"/forums/{forum.id}")).get_data(as_text=True)
    assert "My hobby" in listing and "Started by Sam Student" in listing and "1 new" in listing


def test_empty_post_says_so_and_keeps_the_title(app, world, login_as):
    forum = default_forum(world.classroom)
    page = login_as(world.student).post(url(world, f"/forums/{forum.id}/new"),
                                        data={"title": "Kept title", "body": "  "}).get_data(as_text=True)
    assert "Please write something first." in page and 'value="Kept title"' in page
    assert posts_count() == 0


def test_too_long_reply_keeps_the_text(app, world, login_as):
    thread, first = start(world.classroom, world.teacher)
    text = "word " * 4001 + "end"
    page = login_as(world.student).post(url(world, f"/posts/{first.id}/reply"), data={"body": text}).get_data(as_text=True)
    assert "This text is too long: 20,008 characters. The limit is 20,000." in page
    assert text.strip() in page
    assert posts_count() == 1


def test_reply_in_a_locked_thread_is_refused_and_the_text_kept(app, world, login_as):
    thread, first = start(world.classroom, world.teacher)
    login_as(world.teacher).post(url(world, f"/threads/{thread.id}/lock"))
    response = login_as(world.student).post(url(world, f"/posts/{first.id}/reply"), data={"body": "My careful answer"})
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "A teacher has locked this thread" in page and "My careful answer</textarea>" in page
    assert posts_count() == 1
    thread_page = login_as(world.student).get(url(world, f"/threads/{thread.id}")).get_data(as_text=True)
    assert "/reply" not in thread_page and "nobody can reply now" in thread_page


def test_replying_to_a_post_of_another_class_is_not_found(app, world, login_as):
    thread, first = start(world.other_class, world.outsider)
    response = login_as(world.student).post(url(world, f"/posts/{first.id}/reply"), data={"body": "sneaky"})
    assert response.status_code == 404
    assert login_as(world.student).get(url(world, f"/threads/{thread.id}")).status_code == 404
    assert posts_count() == 1


def test_double_submission_creates_one_post(app, world, login_as):
    thread, first = start(world.classroom, world.teacher)
    client = login_as(world.student)
    data = {"body": "Only once please", "form_token": "same-token"}
    one = client.post(url(world, f"/posts/{first.id}/reply"), data=data)
    two = client.post(url(world, f"/posts/{first.id}/reply"), data=data)
    assert one.status_code == two.status_code == 302
    assert one.headers["Location"] == two.headers["Location"]
    assert posts_count() == 2
    db.session.expire_all()
    assert db.session.get(Thread, thread.id).reply_count == 1


def test_reply_redirects_to_the_post_on_its_page(app_factory):
    app = app_factory(POSTS_PER_PAGE=1)
    world = World()
    thread, first = start(world.classroom, world.teacher)
    reply(first, world.teacher, "page one")
    second = reply(first, world.teacher, "page two")
    client = login(app.test_client(), world.student)
    response = client.post(url(world, f"/posts/{second.id}/reply"), data={"body": "answer"})
    new = db.session.scalar(select(Post).order_by(Post.id.desc()))
    assert response.headers["Location"] == url(world, f"/threads/{thread.id}?page=2#post-{new.id}")
    assert client.get(url(world, f"/posts/{new.id}")).headers["Location"].endswith(f"?page=2#post-{new.id}")
    page = client.get(url(world, f"/threads/{thread.id}?page=2")).get_data(as_text=True)
    assert f'id="post-{new.id}"' in page and "Page 2 of 2" in page


def test_reply_form_in_place_and_on_its_own_page(app, world, login_as):
    thread, first = start(world.classroom, world.teacher, text="Cats are **great**")
    client = login_as(world.student)
    fragment = client.get(url(world, f"/posts/{first.id}/reply"), headers={"HX-Request": "true"}).get_data(as_text=True)
    assert "<html" not in fragment and "Post reply" in fragment and 'data-draft-key="reply-to-post-' in fragment
    page = client.get(url(world, f"/posts/{first.id}/reply")).get_data(as_text=True)
    assert "<h1>Reply to Tess Teacher</h1>" in page and "Post reply" in page
    quoted = client.get(url(world, f"/posts/{first.id}/reply?quote=1")).get_data(as_text=True)
    assert (f'&lt;blockquote cite=&#34;/classes/{world.classroom.id}/posts/{first.id}&#34;&gt;Tess Teacher wrote: '
            "Cats are great&lt;/blockquote&gt;") in quoted


def test_thread_page_marks_new_posts_and_opens_at_the_first(app, world, login_as):
    thread, first = start(world.classroom, world.teacher)
    client = login_as(world.teacher)
    client.get(url(world, f"/threads/{thread.id}"))
    r = reply(first, world.student, "A new idea")
    home = client.get(url(world, "/")).get_data(as_text=True)
    assert "1 new post" in home
    response = client.get(url(world, f"/threads/{thread.id}/new-posts"))
    assert response.headers["Location"].endswith(f"#post-{r.id}")
    page = client.get(url(world, f"/threads/{thread.id}")).get_data(as_text=True)
    assert re.search(rf'class="post level-1 is-new" id="post-{r.id}"', page)
    assert '<span class="badge new">New</span>' in page
    again = client.get(url(world, f"/threads/{thread.id}")).get_data(as_text=True)
    assert "is-new" not in again


def test_new_posts_are_counted_up_to_99_plus(app, world, login_as):
    thread, first = start(world.classroom, world.teacher)
    for n in range(98):  # with the opening post: 99 new
        reply(first, world.teacher, f"Reply number {n}")
    client = login_as(world.student)
    forum_page, home = url(world, f"/forums/{thread.forum_id}"), url(world, "/")
    assert '"badge new">99 new</strong>' in client.get(forum_page).get_data(as_text=True)
    assert '"badge new">99 new posts</strong>' in client.get(home).get_data(as_text=True)
    reply(first, world.teacher, "One more")
    assert '"badge new">99+ new</strong>' in client.get(forum_page).get_data(as_text=True)
    assert '"badge new">99+ new posts</strong>' in client.get(home).get_data(as_text=True)


def test_posts_by_a_teacher_say_teacher(app, world, login_as):
    thread, first = start(world.classroom, world.teacher)
    answer = reply(first, world.student, "Toast and tea.")
    page = login_as(world.student).get(url(world, f"/threads/{thread.id}")).get_data(as_text=True)
    teacher_post = page[page.index(f'id="post-{first.id}"'):page.index(f'id="post-{answer.id}"')]
    student_post = page[page.index(f'id="post-{answer.id}"'):]
    assert 'class="badge role">Teacher</span>' in teacher_post and 'avatar teacher' in teacher_post
    assert "badge role" not in student_post and "avatar teacher" not in student_post


def test_author_edits_others_see_edited_teachers_see_history(app, world, login_as):
    thread, first = start(world.classroom, world.teacher)
    r = reply(first, world.student, "I goed home.")
    student = login_as(world.student)
    form = student.get(url(world, f"/posts/{r.id}/edit")).get_data(as_text=True)
    assert "I goed home.</textarea>" in form
    student.post(url(world, f"/posts/{r.id}/edit"), data={"body": "I went home."})
    page = login_as(world.teacher).get(url(world, f"/threads/{thread.id}")).get_data(as_text=True)
    assert "I went home." in page and '<span class="edited">edited</span>' in page
    history = login_as(world.teacher).get(url(world, f"/posts/{r.id}/history")).get_data(as_text=True)
    assert "I goed home." in history
    assert student.get(url(world, f"/posts/{r.id}/history")).status_code == 403
    other = login_as(world.teacher).post(url(world, f"/posts/{r.id}/edit"), data={"body": "hacked"}, follow_redirects=True)
    assert "Only the person who wrote a post can change it." in other.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Post, r.id).source == "I went home."


def test_deleted_post_keeps_its_place(app, world, login_as):
    thread, first = start(world.classroom, world.teacher)
    r = reply(first, world.student, "Secret words")
    child = reply(r, world.teacher, "Answer to it")
    login_as(world.student).post(url(world, f"/posts/{r.id}/delete"))
    page = login_as(world.teacher).get(url(world, f"/threads/{thread.id}")).get_data(as_text=True)
    assert "This post was deleted." in page and "Secret words" not in page
    assert page.index(f'id="post-{r.id}"') < page.index(f'id="post-{child.id}"')


def test_hidden_post_is_seen_by_author_and_teachers_only(app, world, login_as, make_user):
    other = make_user("Other Student")
    add_member(world.classroom, other)
    thread, first = start(world.classroom, world.teacher)
    r = reply(first, world.student, "Rude words")
    login_as(world.teacher).post(url(world, f"/posts/{r.id}/hide"))
    seen_by_other = login_as(other).get(url(world, f"/threads/{thread.id}")).get_data(as_text=True)
    assert "Rude words" not in seen_by_other and "A teacher hid this post." in seen_by_other
    assert login_as(other).get(url(world, f"/posts/{r.id}/reply")).status_code == 404
    for user in (world.student, world.teacher):
        page = login_as(user).get(url(world, f"/threads/{thread.id}")).get_data(as_text=True)
        assert "Rude words" in page and "Hidden by a teacher" in page
    login_as(world.teacher).post(url(world, f"/posts/{r.id}/hide"))
    assert "Rude words" in login_as(other).get(url(world, f"/threads/{thread.id}")).get_data(as_text=True)


def test_report_goes_to_the_queue_and_hiding_resolves_it(app, world, login_as):
    thread, first = start(world.classroom, world.student)
    r = reply(first, world.teacher, "Something odd")
    login_as(world.student).post(url(world, f"/posts/{r.id}/report"), data={"reason": "It is unkind"})
    teacher = login_as(world.teacher)
    queue = teacher.get(url(world, "/moderation")).get_data(as_text=True)
    assert "It is unkind" in queue and "Something odd" in queue
    report = db.session.scalar(select(Report))
    teacher.post(url(world, f"/reports/{report.id}/hide"))
    db.session.expire_all()
    assert db.session.get(Post, r.id).hidden and db.session.get(Report, report.id).resolution == "hidden"
    assert "No reports are waiting" in teacher.get(url(world, "/moderation")).get_data(as_text=True)
    empty = login_as(world.student).post(url(world, f"/posts/{first.id}/report"), data={"reason": ""}).get_data(as_text=True)
    assert "Please write a reason." in empty


def test_helpful_marks_once_and_teachers_see_who(app, world, login_as, make_user):
    other = make_user("Kim Lee")
    add_member(world.classroom, other)
    thread, first = start(world.classroom, world.teacher)
    r = reply(first, world.student, "Useful tip")
    client = login_as(other)
    client.post(url(world, f"/posts/{r.id}/helpful"))
    client.post(url(world, f"/posts/{r.id}/helpful"))
    own = login_as(world.student).post(url(world, f"/posts/{r.id}/helpful"), follow_redirects=True)
    assert "You cannot mark your own post as helpful." in own.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Post, r.id).helpful_count == 1
    teacher_page = login_as(world.teacher).get(url(world, f"/threads/{thread.id}")).get_data(as_text=True)
    assert "1 found this helpful: Kim Lee" in teacher_page
    student_page = login_as(world.student).get(url(world, f"/threads/{thread.id}")).get_data(as_text=True)
    assert "1 found this helpful" in student_page and "Kim Lee" not in student_page
    client.post(url(world, f"/posts/{r.id}/helpful"), data={"undo": "1"})
    db.session.expire_all()
    assert db.session.get(Post, r.id).helpful_count == 0


def test_teacher_pins_moves_and_deletes_threads(app, world, login_as):
    teacher = login_as(world.teacher)
    a, _ = start(world.classroom, world.student, "Older thread")
    b, _ = start(world.classroom, world.student, "Newer thread")
    forum = default_forum(world.classroom)
    listing = teacher.get(url(world, f"/forums/{forum.id}")).get_data(as_text=True)
    assert listing.index("Newer thread") < listing.index("Older thread")
    teacher.post(url(world, f"/threads/{a.id}/pin"))
    listing = teacher.get(url(world, f"/forums/{forum.id}")).get_data(as_text=True)
    assert listing.index("Older thread") < listing.index("Newer thread") and "Pinned" in listing
    teacher.post(url(world, "/forums/new"), data={"title": "Homework help", "description": ""})
    target = db.session.scalar(select(Forum).where(Forum.title == "Homework help"))
    teacher.post(url(world, f"/threads/{b.id}/move"), data={"forum": target.id})
    db.session.expire_all()
    assert db.session.get(Thread, b.id).forum_id == target.id
    other_forum = db.session.scalar(select(Forum).where(Forum.classroom_id == world.other_class.id))
    bad = teacher.post(url(world, f"/threads/{b.id}/move"), data={"forum": other_forum.id})
    assert bad.status_code == 200 and "Not a valid choice" in bad.get_data(as_text=True)
    b_id = b.id
    teacher.post(url(world, f"/threads/{b_id}/delete"))
    db.session.expire_all()
    assert db.session.get(Thread, b_id) is None
    assert db.session.scalar(select(func.count()).select_from(Post).where(Post.thread_id == b_id)) == 0


def test_teacher_manages_forums(app, world, login_as):
    teacher = login_as(world.teacher)
    teacher.post(url(world, "/forums/new"), data={"title": "Grammar", "description": "Questions about grammar"})
    grammar = db.session.scalar(select(Forum).where(Forum.title == "Grammar"))
    teacher.post(url(world, f"/forums/{grammar.id}/edit"), data={"title": "Grammar questions", "description": ""})
    teacher.post(url(world, f"/forums/{grammar.id}/move/up"))
    page = teacher.get(url(world, "/forums")).get_data(as_text=True)
    assert page.index("Grammar questions") < page.index("General discussion")
    teacher.post(url(world, f"/forums/{grammar.id}/archive"))
    home = login_as(world.student).get(url(world, "/")).get_data(as_text=True)
    assert "Grammar questions" not in home and "General discussion" in home
    refused = login_as(world.student).post(url(world, f"/forums/{grammar.id}/new"), data={"title": "x", "body": "Still here"})
    assert refused.status_code == 409 and "Still here</textarea>" in refused.get_data(as_text=True)
    assert login_as(world.student).post(url(world, "/forums/new"), data={"title": "Mine"}).status_code == 403


def test_notification_bell_and_page(app, world, login_as, make_user):
    thread, first = start(world.classroom, world.student)
    client = login_as(world.student)
    login_as(world.teacher).post(url(world, f"/posts/{first.id}/reply"), data={"body": "Good question, @Sam Student"})
    home = client.get("/").get_data(as_text=True)
    assert 'Notifications</span> <span class="count">1<span class="sr-only"> new</span></span>' in home
    page = client.get("/notifications").get_data(as_text=True)
    assert "Tess Teacher replied to your post in “Breakfast”" in page
    note = db.session.scalar(select(Notification))
    response = client.get(f"/notifications/{note.id}")
    assert f"/posts/{note.post_id}" in response.headers["Location"]
    assert 'class="count"' not in client.get("/").get_data(as_text=True)
    assert login_as(world.teacher).get(f"/notifications/{note.id}").status_code == 404


def test_the_bell_counts_up_to_99_plus(app, world, login_as):
    from sqlalchemy import insert

    _, first = start(world.classroom, world.teacher)
    rows = [{"user_id": world.student.id, "actor_id": world.teacher.id, "post_id": first.id, "kind": "follow"}] * 100
    db.session.execute(insert(Notification), rows[:99])
    db.session.commit()
    client = login_as(world.student)
    assert '<span class="count">99<span class="sr-only">' in client.get("/").get_data(as_text=True)
    db.session.execute(insert(Notification), rows[99:])
    db.session.commit()
    assert '<span class="count">99+<span class="sr-only">' in client.get("/").get_data(as_text=True)


def test_unfollow_stops_follow_notifications(app, world, login_as, make_user):
    other = make_user("Kim Lee")
    add_member(world.classroom, other)
    thread, first = start(world.classroom, world.student)
    login_as(world.student).post(url(world, f"/threads/{thread.id}/follow"), data={"active": "0"})
    reply(first, other, "a reply to the opening post")  # a reply to the student still notifies
    r = reply(first, world.teacher, "x")
    reply(r, other, "a follow-only post")
    kinds = db.session.scalars(select(Notification.kind).where(Notification.user_id == world.student.id)).all()
    assert kinds == ["reply", "reply"]
