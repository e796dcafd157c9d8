"""Journey: a teacher sets a discussion prompt with two topics, sentence starters,
requirements and "post first"; a student cannot see a classmate's post until she
posts, inserts a sentence starter, posts, then sees the others and her checklist
ticks; the teacher reads the participation table and downloads the CSV."""
from __future__ import annotations

from playwright.sync_api import expect
from sqlalchemy import select

from tests.browser.conftest import log_in, seed_class

BEN_TEXT = "Video calls help me because I can practise from home every evening."


_seed = seed_class


def _ben_posts(title: str) -> None:
    """Ben answers the topic before Ana arrives."""
    from app.auth.models import User
    from app.extensions import db
    from app.prompts.models import Topic
    from tests.prompts.factories import write

    topic = db.session.scalar(select(Topic).where(Topic.title == title))
    ben = db.session.scalar(select(User).where(User.email == "ben@example.com"))
    write(_thread(topic), ben, BEN_TEXT)


def _thread(topic):
    from app.extensions import db
    from app.forum.models import Thread

    return db.session.get(Thread, topic.thread_id)


def test_prompt_journey(live_server, new_page, tmp_path):
    base = live_server.url
    class_id = live_server.run(_seed)

    # The teacher writes the prompt and publishes it.
    teacher = new_page()
    log_in(teacher, base, "tess@example.com")
    teacher.goto(f"{base}/classes/{class_id}/")
    teacher.get_by_role("link", name="New discussion").click()
    teacher.get_by_label("Title", exact=True).fill("Should our class use Skype?")
    teacher.get_by_label("Instructions").fill("Choose a topic and give your opinion.")
    teacher.locator("#topics-0-title").fill("Practising speaking online")
    teacher.locator("#topics-1-title").fill("Staying on topic")
    teacher.get_by_label("Sentence starters").fill("I agree with … because …\nIn my experience, …")
    teacher.get_by_label("Words in the first post").fill("10")
    teacher.get_by_label("Replies to classmates").fill("1")
    teacher.get_by_text("Options: post first, hidden names, one topic").click()  # folded: less used
    teacher.get_by_label("Students post before they see classmates’ posts").check()
    teacher.get_by_role("button", name="Save and publish").click()
    expect(teacher.get_by_text("The discussion is published.")).to_be_visible()
    prompt_url = teacher.url

    live_server.run(_ben_posts, "Practising speaking online")

    # Ana opens the prompt from the class home and chooses a topic.
    ana = new_page()
    log_in(ana, base, "ana@example.com")
    ana.goto(f"{base}/classes/{class_id}/")
    ana.get_by_role("link", name="Should our class use Skype?", exact=True).click()
    expect(ana.get_by_text("1 classmate chose this topic")).to_be_visible()
    ana.get_by_role("link", name="Practising speaking online", exact=True).click()
    expect(ana.get_by_role("heading", level=1)).to_have_text("Practising speaking online")
    expect(ana.get_by_text(BEN_TEXT)).to_have_count(0)
    expect(ana.get_by_text("First post: not written yet (at least 10 words)")).to_be_visible()

    # She writes her first post (the page's main button), starting with a sentence starter.
    ana.get_by_role("link", name="Write your first post").click()
    box = ana.get_by_label("Your first post")
    expect(box).to_be_visible()
    ana.get_by_role("button", name="Insert: In my experience, …").click()
    expect(box).to_have_value("In my experience, ")  # no "…" to type over
    box.press("End")
    box.type("talking on video is less scary than in class, so I speak more and learn faster.")
    expect(ana.locator(".word-count")).to_have_text("19 words ✓ (10 needed).")
    ana.get_by_role("button", name="Post your first post").click()
    expect(ana.get_by_text("Your first post is posted.")).to_be_visible()
    expect(ana.get_by_text(BEN_TEXT)).to_be_visible()
    expect(ana.get_by_text("First post: 19 words ✓ (at least 10 words)")).to_be_visible()

    # The teacher follows the discussion.
    teacher.goto(prompt_url)
    teacher.get_by_role("link", name="Participation").click()
    row = teacher.get_by_role("row", name="Ana Souza")
    expect(row).to_contain_text("19")
    expect(teacher.get_by_role("row", name="Ben Okafor")).to_contain_text("12")
    with teacher.expect_download() as download:
        teacher.get_by_role("link", name="Download as CSV").click()
    path = tmp_path / "participation.csv"
    download.value.save_as(path)
    text = path.read_text()
    assert "Ana Souza,Practising speaking online,19,0,no," in text
