"""My data: the zip of everything I wrote, and deleting my account."""
from __future__ import annotations

import io
import json
import zipfile

from sqlalchemy import select

from app.auth.models import LoginSession, User
from app.classes.models import Membership
from app.drafts.models import Draft
from app.extensions import db
from app.forum.models import Post, PostRevision
from app.forum.urls import thread_url
from app.mydata import export
from app.reflections.models import Grade
from app.wiki.models import WikiRevision
from tests.conftest import PASSWORD, count_queries, login
from tests.forum.factories import opening, reply, start
from tests.reflections.factories import grade, make_assignment, write_reflection
from tests.wiki.factories import edit_page, make_page


def written(world):
    """The student's work: a thread, two replies (one edited away, one deleted), a wiki page and its
    edit, two reflections (one graded and released, one graded and not released)."""
    thread, first = start(world.classroom, world.teacher, "Weekend plans", "What will you do?")
    mine = reply(first, world.student, "I will **visit** my grandmother.")
    gone = reply(first, world.student, "Oops, a mistake.")
    db.session.get(Post, gone.id).deleted = True
    page = make_page(world.classroom, world.student, "Useful phrases", "Look forward to")
    edit_page(page, world.student, "Look forward to\n\nGet on with", "added one")
    released = make_assignment(world.classroom, thread, world.teacher)
    write_reflection(released, world.student, "We talked about weekends.")
    row = grade(released, world.student, released=True, score=8)
    row.feedback_source = "Clear summary, well done."
    other_thread, _ = start(world.classroom, world.teacher, "Food", "Favourite food?")
    hidden = make_assignment(world.classroom, other_thread, world.teacher)
    write_reflection(hidden, world.student, "Pizza is good.")
    secret = grade(hidden, world.student, released=False, score=3)
    secret.feedback_source = "Not released feedback."
    db.session.commit()
    return thread, mine


def unzip(response) -> dict[str, str]:
    archive = zipfile.ZipFile(io.BytesIO(response.get_data()))
    return {name: archive.read(name).decode("utf-8") for name in archive.namelist()}


def test_download_my_data_has_my_posts_wiki_edits_and_released_grades(app, world):
    written(world)
    client = login(app.test_client(), world.student)
    assert "Download my data" in client.get("/account/").get_data(as_text=True)
    response = client.get("/account/my-data.zip")
    assert response.status_code == 200 and response.mimetype == "application/zip"
    assert "attachment" in response.headers["Content-Disposition"] and response.headers["Cache-Control"] == "no-store"
    files = unzip(response)
    assert set(files) == {"README.txt", "posts.md", "wiki-edits.md", "reflections.md", "my-data.json"}
    assert "## Weekend plans" in files["posts.md"] and "I will **visit** my grandmother." in files["posts.md"]
    assert "Oops" not in files["posts.md"] and "What will you do?" not in files["posts.md"]  # deleted, and not mine
    assert "Useful phrases, version 2" in files["wiki-edits.md"] and "“added one”" in files["wiki-edits.md"]
    assert "**Grade:** 8 out of" in files["reflections.md"] and "Clear summary" in files["reflections.md"]
    assert "Pizza is good." in files["reflections.md"] and "Not released" not in files["reflections.md"]
    assert "3 out of" not in files["reflections.md"]
    data = json.loads(files["my-data.json"])
    assert data["account"]["email"] == world.student.email
    assert [p["text"] for p in data["posts"]] == ["I will **visit** my grandmother."]
    assert data["posts"][0]["thread"] == "Weekend plans" and data["posts"][0]["written_at"].endswith("Z")
    assert [w["version"] for w in data["wiki_edits"]] == [1, 2]
    grades = [r["grade"] for r in data["reflections"]]
    assert sorted(g["score"] if g else None for g in grades if g) == [8] and None in grades
    assert data["classes"] == [{"class": "World class", "role": "student", "joined_at": data["classes"][0]["joined_at"]}]


def test_the_export_costs_a_fixed_number_of_queries(app, world):
    thread, mine = written(world)
    db.session.refresh(world.student)  # loaded, as the logged-in user is in a request
    with count_queries(app) as few:
        export.build(world.student).close()
    for n in range(30):
        reply(mine, world.student, f"More words {n}.")
    db.session.refresh(world.student)
    with count_queries(app) as many:
        export.build(world.student).close()
    assert few.count == many.count == export.QUERIES


def test_nobody_else_can_download_it(app, world):
    written(world)
    assert app.test_client().get("/account/my-data.zip").status_code == 302
    files = unzip(login(app.test_client(), world.outsider).get("/account/my-data.zip"))
    assert "grandmother" not in "".join(files.values())


def delete(client, **values):
    return client.post("/account/delete", data={"password": PASSWORD, "confirm": "delete", **values})


def test_deleting_my_account_keeps_my_posts_as_former_student(app, world, make_user):
    thread, mine = written(world)
    email = world.student.email
    client = login(app.test_client(), world.student)
    phone = login(app.test_client(), world.student)
    db.session.add(Draft(user_id=world.student.id, classroom_id=world.classroom.id, place="x", key="x", text="draft"))
    db.session.commit()

    page = delete(client, password="wrong").get_data(as_text=True)
    assert "This is not your password." in page
    page = delete(client, confirm="yes").get_data(as_text=True)
    assert "Type DELETE to delete your account." in page
    assert db.session.get(User, world.student.id).deleted_at is None

    response = delete(client)
    assert response.status_code == 302 and response.location == "/account/login"
    for browser in (client, phone):
        assert browser.get("/account/").status_code == 302
    db.session.expire_all()
    user = db.session.get(User, world.student.id)
    assert user.display_name == "Former student" and user.email != email and user.deleted_at is not None
    assert db.session.scalar(select(LoginSession).where(LoginSession.user_id == user.id)) is None
    assert db.session.scalar(select(Draft).where(Draft.user_id == user.id)) is None
    assert db.session.get(Post, mine.id).source == "I will **visit** my grandmother."
    assert db.session.scalar(select(Grade.score).where(Grade.student_id == user.id, Grade.score == 8)) == 8
    assert db.session.scalar(select(WikiRevision.id).where(WikiRevision.author_id == user.id)) is not None
    teacher = login(app.test_client(), world.teacher)
    with app.test_request_context():
        page = teacher.get(thread_url(thread)).get_data(as_text=True)
    assert "Former student" in page and "grandmother" in page and "Sam Student" not in page
    # the address is free again, and nobody can log in with the old password
    assert app.test_client().post("/account/login", data={"email": email, "password": PASSWORD}).status_code == 200
    make_user("New Sam", email)


def test_deleting_my_posts_too_leaves_the_thread_readable(app, world):
    thread, mine = written(world)
    mine_id = mine.id
    client = login(app.test_client(), world.student)
    delete(client, delete_posts="y")
    db.session.expire_all()
    post = db.session.get(Post, mine_id)
    assert post.deleted and post.source == "" and post.html == ""
    assert db.session.scalar(select(PostRevision).where(PostRevision.post_id == mine_id)) is None
    assert not db.session.get(Post, opening(thread).id).deleted  # the teacher's post stays


def test_the_only_teacher_of_a_class_must_add_a_teacher_first(app, world):
    client = login(app.test_client(), world.teacher)
    page = client.get("/account/delete").get_data(as_text=True)
    assert "You are the only teacher of" in page and "World class" in page and "Make co-teacher" in page
    response = delete(client)
    assert response.status_code == 409
    assert db.session.get(User, world.teacher.id).deleted_at is None
    # with a co-teacher the account can go; the teaching place goes, the class stays with the other teacher
    membership = db.session.scalar(select(Membership).where(Membership.user_id == world.student.id))
    membership.role = "teacher"
    db.session.commit()
    assert delete(client).status_code == 302
    db.session.expire_all()
    assert db.session.get(User, world.teacher.id).display_name == "Former teacher"
    assert db.session.scalar(select(Membership).where(Membership.user_id == world.teacher.id)) is None
