"""Journey (issue 8, done when): a student writes a reflection with the discussion beside it,
saves a draft and hands in; a teacher opens the queue, scores the rubric, writes feedback,
moves to the next student and back without losing it, and releases the grade; the student
sees score, rubric and feedback; the teacher downloads the gradebook CSV. The due time and
lateness run on the controllable clock (the live server runs in this process)."""
from __future__ import annotations

import csv
import io
import re
from datetime import timedelta
from pathlib import Path

from playwright.sync_api import expect

from app import clock
from tests.browser.conftest import log_in, read_discussion, screenshot, seed_class

ANA_TEXT = ("Our group talked about using Skype to practise speaking. Most of us think it helps, because we are "
            "less nervous at home. I disagreed with Ben about the sound: it was fine for me. A new phrase I learned "
            "is “take turns”.")
FEEDBACK = "Clear summary and a good new phrase. Next time, say why you disagreed."


def _seed() -> dict:
    """The class, a thread Ana and Ben answered, and a reflection on it due in an hour."""
    from sqlalchemy import select

    from app.auth.models import User
    from app.extensions import db
    from tests.grading.factories import make_assignment, thread_with_posts

    class_id = seed_class()
    db.session.commit()
    from app.classes.models import Classroom

    classroom = db.session.get(Classroom, class_id)
    people = {u.email: u for u in db.session.scalars(select(User))}
    thread = thread_with_posts(classroom, people["tess@example.com"], people["ana@example.com"],
                               people["ben@example.com"])
    assignment = make_assignment(classroom, thread, due_at=clock.now() + timedelta(hours=1), min_words=20)
    return {"class_id": class_id, "assignment_id": assignment.id}


def _ben_hands_in_late(assignment_id: int) -> None:
    from sqlalchemy import select

    from app.auth.models import User
    from app.extensions import db
    from app.reflections.models import Assignment
    from tests.grading.factories import hand_in

    ben = db.session.scalar(select(User).where(User.email == "ben@example.com"))
    hand_in(db.session.get(Assignment, assignment_id), ben, "Ben's reflection about Skype and the sound problems.")


def test_grading_journey(live_server, new_page):
    start = clock.now().replace(microsecond=0)
    clock.freeze(start)
    try:
        _journey(live_server, new_page, start)
    finally:
        clock.freeze(None)


def _journey(live_server, new_page, start):
    base = live_server.url
    ids = live_server.run(_seed)
    write_url = f"{base}/classes/{ids['class_id']}/reflections/{ids['assignment_id']}"

    # Ana writes her reflection with the discussion beside it, saves a draft, then hands in.
    ana = new_page()
    log_in(ana, base, "ana@example.com")
    ana.goto(write_url)
    read_discussion(ana)
    expect(ana.get_by_text("Your post")).to_be_visible()
    expect(ana.get_by_text("I think Skype is useful. (Ben Okafor)")).to_be_visible()
    ana.get_by_label("Your reflection").fill(ANA_TEXT)
    ana.get_by_role("button", name="Save draft").click()
    expect(ana.get_by_text("Your draft is saved.")).to_be_visible()
    ana.reload()
    expect(ana.get_by_label("Your reflection")).to_have_value(ANA_TEXT)
    ana.get_by_role("button", name="Hand in").click()
    expect(ana.get_by_text("Your reflection is handed in.")).to_be_visible()

    # Ben hands in two hours after the due time.
    clock.freeze(start + timedelta(hours=3))
    live_server.run(_ben_hands_in_late, ids["assignment_id"])

    # The teacher opens the queue: both handed in, Ben late.
    tess = new_page()
    log_in(tess, base, "tess@example.com")
    tess.goto(f"{write_url}/grading")
    expect(tess.get_by_role("row", name="Ben Okafor")).to_contain_text("2 hours late")
    expect(tess.get_by_role("row", name="Ana Souza")).to_contain_text("Handed in")
    tess.get_by_role("link", name="Ana Souza").click()
    expect(tess.get_by_role("heading", level=1)).to_have_text("Grading Ana Souza")
    expect(tess.get_by_text("This student's post", exact=True)).to_be_visible()
    expect(tess.get_by_text("I disagreed with Ben about the sound")).to_be_visible()

    # She scores the rubric (the total adds up as she clicks) and writes feedback.
    tess.get_by_label("Gives the main ideas of the discussion clearly").check()
    tess.get_by_label("Few mistakes").check()
    tess.get_by_label("Uses new words and phrases").check()
    tess.get_by_label("Took some part in the discussion").check()
    expect(tess.locator("#rubric-total")).to_have_text("11")
    tess.get_by_label("Feedback for the student").fill(FEEDBACK)

    # Next student and back: nothing is lost (kept as a draft grade).
    tess.get_by_role("button", name=re.compile("^Next student")).click()
    expect(tess.get_by_role("heading", level=1)).to_have_text("Grading Ben Okafor")
    tess.get_by_role("button", name=re.compile("^Previous student")).click()
    expect(tess.get_by_role("heading", level=1)).to_have_text("Grading Ana Souza")
    expect(tess.get_by_text("Draft grade saved")).to_be_visible()
    expect(tess.get_by_label("Feedback for the student")).to_have_value(FEEDBACK)
    expect(tess.get_by_label("Took some part in the discussion")).to_be_checked()
    screenshot(tess, "grading-rubric")

    # She saves the grade and releases it.
    tess.get_by_role("button", name="Save grade").click()
    expect(tess.get_by_text("The grade for Ana Souza is saved.")).to_be_visible()
    tess.get_by_role("button", name="Release grade").click()
    expect(tess.get_by_text("Ana Souza can see the grade now.")).to_be_visible()

    # Ana is told, and sees her score, the rubric with her levels, and the feedback.
    ana.goto(f"{base}/notifications")
    ana.get_by_role("link", name="Tess Teacher gave you a grade for your reflection on “Using Skype”").click()
    expect(ana.get_by_role("heading", level=1)).to_have_text("Your grade: Using Skype")
    expect(ana.get_by_text("11 out of 12")).to_be_visible()
    expect(ana.get_by_text("Your level")).to_have_count(4)
    expect(ana.get_by_text(FEEDBACK)).to_be_visible()
    screenshot(ana, "grading-feedback")

    # The teacher downloads the gradebook.
    tess.goto(f"{base}/classes/{ids['class_id']}/gradebook")
    expect(tess.get_by_role("row", name="Ana Souza")).to_contain_text("11 / 12")
    with tess.expect_download() as download:
        tess.get_by_role("link", name="Download as CSV").click()
    raw = Path(download.value.path()).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == ["Email", "Name", "Using Skype (out of 12)"]
    assert rows[1:] == [["ana@example.com", "Ana Souza", "11"], ["ben@example.com", "Ben Okafor", ""]]
