"""Every page that shows a list costs the same number of queries for a small class and for
a busy one: 1 discussion prompt or 10, a few posts or many, for a student and for a teacher
(issue 12.1: templates never query, sections load in a fixed number of queries)."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from app import clock
from app.corrections import services as corrections
from app.extensions import db
from app.forum.models import Post
from app.prompts import services as prompt_services
from tests.conftest import add_member, count_queries
from tests.corrections.factories import correct
from tests.drafts.factories import save as save_draft
from tests.forum.factories import bulk_posts, default_forum, reply, start
from tests.invitations.factories import pending_invitation
from tests.prompts.factories import make_prompt, topic_thread, words, write
from tests.reflections.factories import grade, make_assignment, write_reflection
from tests.wiki.factories import edit_page, make_page

#: Pages with lists, by role: path templates filled from ``Scene.ids``.
PAGES = {
    "student": ["/classes/{c}/", "/classes/{c}/prompts", "/classes/{c}/prompts/{p}", "/classes/{c}/forums",
                "/classes/{c}/forums/{f}", "/classes/{c}/threads/{t}", "/classes/{c}/reflections",
                "/classes/{c}/grades", "/notifications", "/classes/{c}/wiki/pages", "/classes/{c}/wiki/changes",
                "/classes/{c}/wiki/{w}/history", "/classes/{c}/search?q=word", "/classes/{c}/search?q=word&order=newest",
                "/classes/{c}/search?q=wrod", "/", "/drafts", "/account/my-data.zip", "/account/delete", "/account/emails",
                "/classes/{c}/my-language", "/classes/{c}/posts/{sp}/corrections"],
    "teacher": ["/classes/{c}/", "/classes/{c}/prompts", "/classes/{c}/prompts/{p}", "/classes/{c}/forums",
                "/classes/{c}/forums/{f}", "/classes/{c}/threads/{t}", "/classes/{c}/reflections",
                "/classes/{c}/prompts/{p}/participation", "/classes/{c}/reflections/{a}/grading",
                "/classes/{c}/gradebook", "/classes/{c}/members", "/classes/{c}/moderation",
                "/classes/{c}/wiki/pages", "/classes/{c}/search?q=word", "/classes/{c}/search?q=wrod", "/", "/drafts",
                "/classes/{c}/invite", "/account/delete", "/account/emails",
                "/classes/{c}/language", "/classes/{c}/language/students/{s}", "/classes/{c}/language.csv",
                "/classes/{c}/posts/{sp}/corrections", "/classes/{c}/correction-codes"],
}


class Scene:
    """A class with one discussion prompt (with a reflection), a wiki page, and the ids of
    what the pages show; ``grow`` makes it busy without changing those ids."""

    def __init__(self, world):
        self.world = world
        self.prompt = make_prompt(world.classroom, world.teacher, closes_at=clock.now() + timedelta(days=7))
        self.thread = topic_thread(self.prompt)
        first = write(self.thread, world.student, words(12))
        self.first = first
        correct(first, world.teacher, first.source.split()[1], "SP")
        write(self.thread, world.teacher, "Good start.", parent=first)
        self.assignment = make_assignment(world.classroom, self.thread, teacher=world.teacher, prompt=self.prompt,
                                          opens_at=clock.now() - timedelta(hours=1))
        write_reflection(self.assignment, world.student, words(20), hand_in=False)
        self.page = make_page(world.classroom, world.teacher, "Useful phrases", "I agree because … (a word to start)")
        self.general = default_forum(world.classroom).id
        pending_invitation(world.classroom, world.teacher, "first.invited@example.com")
        self.drafts()

    def drafts(self, replies: int = 1):
        """Drafts of every kind for the student and the teacher (replies in prompts' threads too)."""
        world = self.world
        for user in (world.student, world.teacher):
            for post in db.session.scalars(select(Post).where(Post.author_id != user.id).order_by(Post.id.desc())
                                           .limit(replies)):
                save_draft(user, f"reply-to-post-{post.id}", "A reply I am still writing.")
            save_draft(user, f"edit-post-{db.session.scalar(select(Post.id).where(Post.author_id == user.id))}", "Changed.")
            save_draft(user, f"wiki-edit-{self.page.id}-from-{self.page.current_revision_id}", "New page text.")
            save_draft(user, f"wiki-new-page-{world.classroom.id}", "A new page.")
            save_draft(user, f"new-thread-in-forum-{self.general}", "A new thread.")
        self.ids = {"c": world.classroom.id, "p": self.prompt.id, "t": self.thread.id, "a": self.assignment.id,
                    "f": self.thread.forum_id, "w": self.page.slug, "sp": self.first.id, "s": world.student.id}

    def grow(self, make_user):
        """Nine more prompts the student wrote in (with reflections in several states and an
        extension), five more classmates, busy threads, wiki edits and notifications."""
        world = self.world
        classmates = [make_user(f"Classmate {i}") for i in range(5)]
        for user in classmates:
            add_member(world.classroom, user)
        for i in range(9):
            prompt = make_prompt(world.classroom, world.teacher, title=f"Prompt {i}",
                                 closes_at=clock.now() + timedelta(days=i + 1))
            thread = topic_thread(prompt, i % 2)
            mine = write(thread, world.student, words(5 + i))
            for n, code in enumerate(("T", "ART", "Good!")[:1 + i % 3]):
                correct(mine, world.teacher, mine.source.split()[n], code, better="better")
            for user in classmates[:3]:
                write(thread, user, words(8), parent=mine)
            assignment = make_assignment(world.classroom, thread, teacher=world.teacher, prompt=prompt,
                                         opens_at=clock.now() - timedelta(hours=1))
            if i % 3 == 0:
                write_reflection(assignment, world.student, words(30))
            elif i % 3 == 1:
                write_reflection(assignment, world.student, words(30))
                grade(assignment, world.student, released=True)
            for user in classmates[:2]:
                write_reflection(assignment, user, words(25))
        prompt_services.extend(self.prompt, world.student.id, clock.now() + timedelta(days=30))
        bulk_posts(self.thread, [world.student, world.teacher, *classmates], 80)
        for i in range(6):
            other, first = start(world.classroom, classmates[i % 5], title=f"Thread {i}")
            reply(first, world.student, f"A word about thread {i}.")
            reply(first, world.teacher)
        for i in range(5):
            edit_page(self.page, classmates[i], f"I agree because … version {i}", summary=f"edit {i}")
            make_page(world.classroom, classmates[i], f"Page {i}", f"Some word {i}")
        for i in range(5):
            pending_invitation(world.classroom, world.teacher, f"invited{i}@example.com")
        self.drafts(replies=30)
        for i in range(4):
            corrections.add_code(world.classroom.id, f"C{i}", f"Code {i}", "A code of the class.")
        correct(self.first, world.teacher, self.first.source.split()[3], "WW", comment="Another word")
        db.session.commit()


def _measure(app, client, paths: list[str]) -> dict[str, int]:
    counts = {}
    for path in paths:
        client.get(path)  # read marks and other first-visit writes happen here
        with count_queries(app) as q:
            response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        counts[path] = q.count
    return counts


@pytest.mark.parametrize("role", ["student", "teacher"])
def test_list_pages_cost_the_same_for_a_busy_class(app, world, login_as, make_user, role):
    scene = Scene(world)
    client = login_as(world.student if role == "student" else world.teacher)
    paths = [p.format(**scene.ids) for p in PAGES[role]]
    before = _measure(app, client, paths)
    scene.grow(make_user)
    after = _measure(app, client, paths)
    grew = {path: f"{before[path]} → {after[path]}" for path in paths if after[path] != before[path]}
    assert not grew, f"queries grew with the class's size: {grew}"


@pytest.mark.parametrize("role", ["student", "teacher"])
def test_class_home_with_1_and_with_10_prompts(app, world, login_as, make_user, role):
    """The measured case of issue 12: the class home ran two more queries per prompt."""
    scene = Scene(world)
    client = login_as(world.student if role == "student" else world.teacher)
    home = f"/classes/{world.classroom.id}/"
    (one,) = _measure(app, client, [home]).values()
    scene.grow(make_user)
    (ten,) = _measure(app, client, [home]).values()
    page = client.get(home).get_data(as_text=True)
    assert page.count('class="prompt-title"') == 10
    if role == "student":
        assert page.count('class="checklist"') == 10 and "To write now:" in page
    assert ten == one
