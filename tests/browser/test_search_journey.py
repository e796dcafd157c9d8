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


def _seed_learners() -> int:
    """The class, with a thread whose replies say "practise" (British) and "discussion"."""
    from app.auth.models import User
    from app.classes.models import Classroom
    from app.extensions import db
    from app.forum import posts, services
    from app.forum.models import Post

    class_id = seed_class()
    classroom = db.session.get(Classroom, class_id)
    people = {u.display_name: u for u in db.session.scalars(select(User))}
    thread = posts.start_thread(services.forums(classroom)[0], people["Tess Teacher"], "Our week",
                                "What did you do this week?")
    db.session.flush()
    thread = services.get_thread(classroom, thread.id)
    opening = db.session.scalar(select(Post).where(Post.thread_id == thread.id, Post.depth == 0))
    posts.reply(opening, thread, people["Ana Souza"], "I practise my speaking with a friend on Skype.")
    posts.reply(opening, thread, people["Ben Okafor"], "We had a long discussion about our favourite films.")
    return class_id


def _search_for(page, words: str) -> None:
    search = page.get_by_role("search")
    search.get_by_label("Search this class").fill(words)
    search.get_by_role("button", name="Search").click()


def test_search_understands_learners(live_server, new_page):
    """"practice" finds "practise", "discussed" finds "discussion", and a misspelt word gets "Did you mean"."""
    base = live_server.url
    class_id = live_server.run(_seed_learners)

    ben = new_page()
    log_in(ben, base, "ben@example.com")
    ben.goto(f"{base}/classes/{class_id}/search")
    _search_for(ben, "skype practice")
    expect(ben.get_by_role("heading", name="1 result for “skype practice”")).to_be_visible()
    expect(ben.locator(".search-results mark").first).to_have_text("practise")
    expect(ben.get_by_text("Post by Ana Souza")).to_be_visible()

    _search_for(ben, "discussed")
    expect(ben.get_by_role("heading", name="1 result for “discussed”")).to_be_visible()
    expect(ben.locator(".search-results mark")).to_have_text("discussion")

    _search_for(ben, "discusion")
    expect(ben.get_by_role("heading", name="Nothing found for “discusion”")).to_be_visible()
    expect(ben.get_by_text("Did you mean")).to_be_visible()
    screenshot(ben, "search-did-you-mean")
    ben.get_by_role("link", name="discussion", exact=True).click()
    expect(ben.get_by_role("heading", name="1 result for “discussion”")).to_be_visible()
    expect(ben.get_by_text("Post by Ben Okafor")).to_be_visible()

    ben.get_by_role("link", name="Newest first").click()
    expect(ben).to_have_url(re.compile(r"order=newest"))
    expect(ben.get_by_text("Post by Ben Okafor")).to_be_visible()
