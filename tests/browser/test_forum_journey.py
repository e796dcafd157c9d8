"""Journey: a thread, a reply to a reply, notifications and new-post markers, an edit,
then a teacher hides a post and locks the thread, and students lose the reply form."""
from __future__ import annotations

import re

from playwright.sync_api import expect
from sqlalchemy import select

from tests.browser.conftest import log_in, more, screenshot, seed_class

_seed = seed_class


def _post_id(text: str) -> int:
    from app.extensions import db
    from app.forum.models import Post

    return db.session.scalar(select(Post.id).where(Post.source.contains(text)))


def test_forum_journey(live_server, new_page):
    base = live_server.url
    class_id = live_server.run(_seed)

    # Ana starts a thread from the class page.
    ana = new_page()
    log_in(ana, base, "ana@example.com")
    ana.goto(f"{base}/classes/{class_id}/")
    ana.get_by_role("link", name="General discussion").click()
    ana.get_by_role("link", name="Start a thread").click()
    ana.get_by_label("Title").fill("Favourite places in our city")
    ana.get_by_label("Your first post").fill("I love the old market near the river. Where do you like to go?")
    ana.get_by_role("button", name="Start thread").click()
    expect(ana.get_by_role("heading", level=1)).to_have_text("Favourite places in our city")
    thread_url = ana.url

    # The teacher answers the opening post.
    teacher = new_page()
    log_in(teacher, base, "tess@example.com")
    teacher.goto(thread_url)
    teacher.get_by_role("link", name="Reply to Ana Souza", exact=True).click()
    teacher.get_by_label("Your reply").fill("The market is lovely. What do you buy there?")
    teacher.get_by_role("button", name="Post reply").click()
    expect(teacher.get_by_text("Your reply is posted.")).to_be_visible()

    # Ben replies to the teacher's reply, in place (htmx).
    ben = new_page()
    log_in(ben, base, "ben@example.com")
    ben.goto(thread_url)
    ben.get_by_role("link", name="Reply to Tess Teacher", exact=True).click()
    teacher_post = live_server.run(_post_id, "What do you buy there")
    slot = ben.locator(f"#reply-{teacher_post}")
    expect(slot.get_by_label("Your reply")).to_be_visible()
    assert ben.url == thread_url  # the form opened in place
    slot.get_by_label("Your reply").fill("I go there too! The fruit is cheap and fresh.")
    slot.get_by_role("button", name="Post reply").click()
    expect(ben.get_by_text("Your reply is posted.")).to_be_visible()
    ben_post = live_server.run(_post_id, "The fruit is cheap")
    expect(ben.locator(f"#post-{ben_post}.level-2")).to_be_visible()

    # Ana sees the bell, the notification and the new-post markers.
    ana.goto(f"{base}/")
    expect(ana.get_by_role("link", name=re.compile(r"Notifications 2 new"))).to_be_visible()
    ana.get_by_role("link", name=re.compile(r"Notifications")).click()
    ana.get_by_role("link", name="Ben Okafor wrote in “Favourite places in our city”, a thread you follow").click()
    expect(ana).to_have_url(re.compile(rf"#post-{ben_post}$"))
    expect(ana.locator(f"#post-{ben_post}")).to_contain_text("New")
    expect(ana.locator(f"#post-{teacher_post}")).to_contain_text("New")
    screenshot(ana, "forum-thread-new-posts")

    # Ana edits her post; readers see "edited".
    mine = ana.locator("article.post:has(details.more a:text-is('Edit'))")
    more(mine).get_by_role("link", name="Edit", exact=True).click()
    ana.get_by_label("Your post").fill("I love the old market near the river. Where do you like to go at the weekend?")
    ana.get_by_role("button", name="Save changes").click()
    expect(ana.get_by_text("at the weekend?")).to_be_visible()
    expect(ana.get_by_text("edited", exact=True)).to_be_visible()

    # The teacher hides Ben's post and locks the thread.
    teacher.goto(thread_url)
    more(teacher.locator(f"#post-{ben_post}")).get_by_role("button", name="Hide").click()
    expect(teacher.get_by_text("The post is hidden.")).to_be_visible()
    teacher.get_by_role("button", name="Lock thread").click()
    expect(teacher.get_by_text("The thread is locked: nobody can reply now.")).to_be_visible()

    # Students lose the reply forms; Ana no longer sees Ben's hidden text, Ben sees it marked.
    ana.goto(thread_url)
    expect(ana.get_by_text("A teacher has locked this thread, so nobody can reply now.")).to_be_visible()
    expect(ana.get_by_role("link", name=re.compile(r"^Reply"))).to_have_count(0)
    expect(ana.locator(f"#post-{ben_post}")).to_contain_text("A teacher hid this post.")
    ben.goto(thread_url)
    expect(ben.get_by_role("link", name=re.compile(r"^Reply"))).to_have_count(0)
    expect(ben.locator(f"#post-{ben_post}")).to_contain_text("Hidden by a teacher")
    screenshot(ben, "forum-thread-locked")


def _thread_with_anas_reply(class_id: int) -> tuple[int, int]:
    from app.auth.models import User
    from app.classes.models import Classroom
    from app.extensions import db
    from tests.forum.factories import opening, reply, start

    users = {u.email: u for u in db.session.scalars(select(User))}
    thread, _ = start(db.session.get(Classroom, class_id), users["tess@example.com"])
    mine = reply(opening(thread), users["ana@example.com"], "A reply I may delete.")
    return thread.id, mine.id


def test_delete_asks_first(live_server, new_page):
    """"Delete" asks "Delete your post?": No keeps the post, Yes deletes it."""
    base = live_server.url
    class_id = live_server.run(seed_class)
    thread_id, post_id = live_server.run(_thread_with_anas_reply, class_id)
    ana = new_page()
    log_in(ana, base, "ana@example.com")
    ana.goto(f"{base}/classes/{class_id}/threads/{thread_id}")
    post = ana.locator(f"#post-{post_id}")
    questions = []
    ana.once("dialog", lambda dialog: (questions.append(dialog.message), dialog.dismiss()))
    more(post).get_by_role("button", name="Delete").click()
    expect(post.get_by_text("A reply I may delete.")).to_be_visible()
    assert questions == ["Delete your post?"]
    ana.once("dialog", lambda dialog: dialog.accept())
    more(post).get_by_role("button", name="Delete").click()
    expect(ana.locator(f"#post-{post_id}").get_by_text("This post was deleted.")).to_be_visible()
