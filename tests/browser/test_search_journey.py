"""Journey: a student searches the class from its home page, sees the word marked in the
results, opens a post and lands on the right page of the thread with the post in view."""
from __future__ import annotations

import re

from playwright.sync_api import expect
from sqlalchemy import select

from tests.browser.conftest import log_in, screenshot, seed_class


def _seed() -> tuple[int, int]:
    """The class, and a thread with 24 replies; the 22nd (on page 2) mentions Skype."""
    from app.auth.models import User
    from app.classes.models import Classroom
    from app.extensions import db
    from app.forum import posts, services
    from app.forum.models import Post

    class_id = seed_class()
    classroom = db.session.get(Classroom, class_id)
    people = {u.display_name: u for u in db.session.scalars(select(User))}
    thread = posts.start_thread(services.forums(classroom)[0], people["Tess Teacher"], "Practising English at home",
                                "How do you practise English at home?")
    db.session.flush()
    thread = services.get_thread(classroom, thread.id)
    opening = db.session.scalar(select(Post).where(Post.thread_id == thread.id, Post.depth == 0))
    target = None
    for i in range(24):
        if i == 21:
            target = posts.reply(opening, thread, people["Ana Souza"],
                                 "I talk to my cousin in Canada on Skype every Sunday evening.")
        else:
            posts.reply(opening, thread, people["Ben Okafor"], f"I read the news in English, day {i}.")
    return class_id, target.id


def test_search_journey(live_server, new_page):
    base = live_server.url
    class_id, post_id = live_server.run(_seed)

    ben = new_page()
    log_in(ben, base, "ben@example.com")
    ben.goto(f"{base}/classes/{class_id}/")
    search = ben.get_by_role("search")
    search.get_by_label("Search this class").fill("skype")
    search.get_by_role("button", name="Search").click()
    ben.wait_for_url(re.compile(r".*/search\?q=skype$"))
    expect(ben.get_by_role("heading", name="1 result for “skype”")).to_be_visible()
    mark = ben.locator(".search-results mark")
    expect(mark).to_have_text("Skype")
    expect(ben.get_by_text("Post by Ana Souza")).to_be_visible()
    screenshot(ben, "search-results")

    ben.get_by_role("link", name="Practising English at home").click()
    expect(ben).to_have_url(re.compile(rf"/threads/\d+\?page=2#post-{post_id}$"))
    post = ben.locator(f"#post-{post_id}")
    expect(post).to_contain_text("on Skype every Sunday")
    expect(post).to_be_in_viewport()
