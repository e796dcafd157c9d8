"""Journey: a student records a voice reply with Chromium's fake microphone, listens to it,
types the transcript and posts; a classmate plays it (the player loads it with range
requests and shows its length and the transcript); an upload that is not audio is refused
with the text kept; a student of another class gets "Page not found" for the recording."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from tests.browser.conftest import PASSWORD, log_in, seed_class

FAKE_MICROPHONE = ["--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"]


@pytest.fixture
def mic_browser(browser_type, browser_type_launch_args):
    """Chromium with a fake microphone (a beep) that needs no permission prompt: for this test only."""
    browser = browser_type.launch(**{**browser_type_launch_args,
                                     "args": [*browser_type_launch_args.get("args", []), *FAKE_MICROPHONE]})
    yield browser
    browser.close()


def _seed() -> tuple[int, int]:
    from app.auth.models import User
    from app.auth.services import register_user
    from app.classes.models import Classroom
    from app.classes.services import create_class
    from app.extensions import db
    from app.forum import posts, services

    class_id = seed_class()
    classroom = db.session.get(Classroom, class_id)
    teacher = db.session.scalar(select(User).where(User.email == "tess@example.com"))
    thread = posts.start_thread(services.forums(classroom)[0], teacher, "How do you practise speaking?",
                                "Tell us in your own voice.")
    outsider = register_user("olga@example.com", "Olga Outsider", PASSWORD)
    create_class(outsider, "Another class")
    db.session.flush()
    return class_id, thread.id


def _recording():
    from app.extensions import db
    from app.media.models import MediaFile

    row = db.session.scalar(select(MediaFile))
    return row.key, row.status, row.duration, row.transcript


def test_voice_reply_journey(live_server, mic_browser, browser_context_args, tmp_path):
    base = live_server.url
    class_id, thread_id = live_server.run(_seed)
    thread_url = f"{base}/classes/{class_id}/threads/{thread_id}"

    ana = mic_browser.new_context(**browser_context_args, permissions=["microphone"]).new_page()
    log_in(ana, base, "ana@example.com")
    ana.goto(thread_url)
    ana.get_by_role("link", name="Reply to Tess Teacher", exact=True).click()
    slot = ana.locator(".reply-slot form")
    expect(slot.get_by_role("button", name="Record your voice")).to_be_visible()

    # A file that is not audio is refused; the text stays.
    slot.get_by_label("Your reply").fill("I talk to myself in English when I cook.")
    not_audio = tmp_path / "notes.m4a"
    not_audio.write_bytes(b"%PDF-1.7\n" + b"x" * 2000)
    slot.get_by_label("Upload a recording").set_input_files(str(not_audio))
    slot.get_by_role("button", name="Post reply").click()
    expect(ana.get_by_text("This file is not a recording.", exact=False)).to_be_visible()
    expect(ana.get_by_label("Your reply")).to_have_value("I talk to myself in English when I cook.")

    # Record three seconds with the fake microphone, listen, then post with a transcript.
    ana.get_by_role("button", name="Record your voice").click()
    expect(ana.get_by_role("button", name="Stop")).to_be_visible()
    expect(ana.locator("meter[data-level]")).to_be_visible()
    ana.wait_for_timeout(3200)
    expect(ana.locator("[data-timer]")).to_have_text(re.compile(r"0:0[3-4]"))
    ana.get_by_role("button", name="Stop").click()
    expect(ana.get_by_role("button", name="Listen again")).to_be_visible()
    expect(ana.get_by_role("button", name="Record again")).to_be_visible()
    expect(ana.get_by_role("button", name="Delete the recording")).to_be_visible()
    assert ana.locator("input[name=recording]").evaluate("input => input.files.length") == 1
    ana.get_by_role("button", name="Listen again").click()
    ana.get_by_label("Transcript: what you said").fill("I talk to myself in English when I cook dinner.")
    ana.get_by_role("button", name="Post reply").click()
    expect(ana.get_by_text("Your reply is posted.")).to_be_visible()

    key, status, duration, transcript = live_server.run(_recording)
    assert status == "ready" and 2.5 <= duration <= 4.5 and transcript.startswith("I talk to myself")

    # Ben plays it: the audio loads (with range requests), its length and transcript are shown.
    ranges = []
    ben = mic_browser.new_context(**browser_context_args).new_page()
    ben.on("response", lambda r: ranges.append(r.status) if "/media/" in r.url else None)
    log_in(ben, base, "ben@example.com")
    ben.goto(thread_url)
    player = ben.locator("audio[data-player]")
    expect(player).to_have_count(1)
    ben.wait_for_function("document.querySelector('audio[data-player]').readyState >= 1")
    assert 2.5 <= player.evaluate("audio => audio.duration") <= 4.5
    expect(ben.locator(".recording [data-duration]")).to_have_text(re.compile(r"0:0[3-4]"))
    ben.get_by_role("button", name="0.75×").click()
    assert player.evaluate("audio => audio.playbackRate") == 0.75
    expect(ben.get_by_role("button", name="0.75×")).to_have_attribute("aria-pressed", "true")
    ben.locator("summary", has_text="Transcript").click()
    expect(ben.get_by_text("I talk to myself in English when I cook dinner.")).to_be_visible()
    assert 206 in ranges or 200 in ranges
    partial = ben.request.get(f"{base}/classes/{class_id}/media/{key}", headers={"Range": "bytes=0-9"})
    assert partial.status == 206 and len(partial.body()) == 10

    # A student of another class: "Page not found".
    olga = mic_browser.new_context(**browser_context_args).new_page()
    log_in(olga, base, "olga@example.com")
    assert olga.request.get(f"{base}/classes/{class_id}/media/{key}").status == 404
