"""Journey (issue 16, done when): a teacher corrects two words in a student's post (one with
the mouse, one with the keyboard only), the student gets the notification, sees the underlined
words and the explanation, revises the post, and the corrections show "fixed"; a classmate sees
none of it; the student's "My language" page and the teacher's class view count them."""
from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import log_in, more, screenshot, seed_class

STORY = "Yesterday I goed to the park with my sister. She have a red bike and we ate ice cream."


def _seed() -> dict:
    from sqlalchemy import select

    from app.auth.models import User
    from app.classes.models import Classroom
    from app.extensions import db
    from app.forum import posts
    from tests.forum.factories import default_forum

    class_id = seed_class()
    db.session.flush()
    people = {u.email: u for u in db.session.scalars(select(User))}
    classroom = db.session.get(Classroom, class_id)
    thread = posts.start_thread(default_forum(classroom), people["tess@example.com"], "Your weekend",
                                "What did you do at the weekend?")
    db.session.flush()
    from app.forum import services

    thread = services.get_thread(classroom, thread.id)
    from tests.forum.factories import opening

    post = posts.reply(opening(thread), thread, people["ana@example.com"], STORY)
    db.session.flush()
    return {"class_id": class_id, "thread_id": thread.id, "post_id": post.id}


def _keyboard_select(page, text, before: str, words: int = 1) -> None:
    """Tab to the text, move word by word until the caret is after ``before``, select ``words`` words."""
    for _ in range(60):
        page.keyboard.press("Tab")
        if text.evaluate("el => el === document.activeElement"):
            break
    expect(text).to_be_focused()
    for _ in range(40):
        if page.evaluate("""() => { const s = getSelection(); const r = document.createRange();
                            r.selectNodeContents(document.querySelector('.corrected-text'));
                            r.setEnd(s.focusNode, s.focusOffset);
                            return r.toString().replace(/\\s*\\([^)]*\\)/g, ''); }""").rstrip().endswith(before):
            break
        page.keyboard.press("ArrowRight")
    for _ in range(words):
        page.keyboard.press("Shift+ArrowRight")


def test_corrections_journey(live_server, new_page):
    ids = live_server.run(_seed)
    base = live_server.url
    c, t, p = ids["class_id"], ids["thread_id"], ids["post_id"]

    # The teacher opens Ana's reply and chooses "Correct the language".
    teacher = new_page()
    log_in(teacher, base, "tess@example.com")
    teacher.goto(f"{base}/classes/{c}/threads/{t}")
    teacher.locator(f"#post-{p}").get_by_role("link", name="Correct the language").click()
    text = teacher.locator(".corrected-text")
    correct = teacher.get_by_role("button", name="Correct", exact=True)
    expect(correct).to_be_disabled()

    # With the mouse: double-click "goed", press "Correct": the form is filled in.
    box = text.evaluate("""el => { const node = [...el.childNodes[0].childNodes].find(n => n.data && n.data.includes('goed'));
                                  const i = node.data.indexOf('goed'); const r = document.createRange();
                                  r.setStart(node, i + 1); r.setEnd(node, i + 2); const b = r.getBoundingClientRect();
                                  return {x: b.x + b.width / 2, y: b.y + b.height / 2}; }""")
    teacher.mouse.dblclick(box["x"], box["y"])
    expect(correct).to_be_enabled()
    correct.click()
    expect(teacher.get_by_label("The words to correct")).to_have_value("goed")
    expect(teacher.get_by_label("Which time they appear")).to_have_value("1")
    teacher.get_by_label("Code").select_option("T")
    teacher.get_by_label("Better form (optional)").fill("went")
    teacher.get_by_label("Comment (optional)").fill("It happened yesterday: use the past.")
    teacher.get_by_role("button", name="Save the correction").click()
    expect(teacher.locator("mark.correction")).to_have_count(1)

    # With the keyboard only: Tab to the text, arrows to "have", Shift+arrow, Enter.
    text = teacher.locator(".corrected-text")
    _keyboard_select(teacher, text, "She")
    teacher.keyboard.press("Enter")
    expect(teacher.get_by_label("The words to correct")).to_have_value("have")
    expect(teacher.get_by_label("Code")).to_be_focused()
    teacher.keyboard.type("AGR")
    expect(teacher.get_by_label("Code")).to_have_value("AGR")
    teacher.keyboard.press("Tab")
    teacher.keyboard.type("has")
    teacher.keyboard.press("Enter")
    expect(teacher.locator("mark.correction")).to_have_count(2)
    screenshot(teacher, "corrections-teacher")

    # Ana is told, sees the underlined words and reads the explanation.
    ana = new_page()
    log_in(ana, base, "ana@example.com")
    ana.goto(f"{base}/notifications")
    ana.get_by_role("link", name="Tess Teacher corrected some words in your post in “Your weekend”").click()
    expect(ana.locator("mark.correction")).to_have_count(2)
    ana.locator("a.correction-mark", has_text="goed").click()
    target = ana.locator("li.correction-item:target")
    expect(target).to_contain_text("Verb tense")
    expect(target).to_contain_text("The verb is in the wrong time")
    expect(target).to_contain_text("went")
    expect(target).to_contain_text("It happened yesterday")
    screenshot(ana, "corrections-student")
    ana.goto(f"{base}/classes/{c}/threads/{t}")
    mine = ana.locator(f"#post-{p}")
    expect(mine.locator("mark.correction")).to_have_count(2)
    expect(mine).to_contain_text("Your teacher’s corrections (2)")

    # A classmate sees none of it.
    ben = new_page()
    log_in(ben, base, "ben@example.com")
    ben.goto(f"{base}/classes/{c}/threads/{t}")
    expect(ben.locator(f"#post-{p}")).to_contain_text("I goed to the park")
    expect(ben.locator("mark")).to_have_count(0)
    expect(ben.locator("main")).not_to_contain_text("correction")
    ben.goto(f"{base}/classes/{c}/posts/{p}/corrections")
    expect(ben.get_by_role("heading", level=1)).to_have_text("Page not found")

    # Ana revises her post: both corrections show "fixed"; the earlier text is kept.
    ana.goto(f"{base}/classes/{c}/threads/{t}")
    more(ana.locator(f"#post-{p}")).get_by_role("link", name="Edit", exact=True).click()
    ana.get_by_label("Your post").fill(STORY.replace("goed", "went").replace("She have", "She has"))
    ana.get_by_role("button", name="Save").first.click()
    ana.goto(f"{base}/classes/{c}/posts/{p}/corrections")
    expect(ana.locator(".badge.done", has_text="Fixed")).to_have_count(2)
    expect(ana.locator("mark.correction")).to_have_count(0)

    # "My language" and the class view count them.
    ana.goto(f"{base}/classes/{c}/my-language")
    expect(ana.locator("main")).to_contain_text("2 corrections in all, 2 fixed")
    expect(ana.locator(".top-codes")).to_contain_text("Verb tense")
    expect(ana.locator(".top-codes")).to_contain_text("Subject–verb agreement")
    teacher.goto(f"{base}/classes/{c}/language")
    expect(teacher.locator(".class-codes")).to_contain_text("Verb tense: 1 this month, 1 student")
    expect(teacher.locator(".class-codes")).to_contain_text("Subject–verb agreement: 1 this month, 1 student")
