"""Voice replies over HTTP: posting with a recording, refusals that keep the text, serving
through the post's reading rules with range requests, deleting, and media-check."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from app.extensions import db
from app.forum.models import Post
from app.media import storage
from app.media.models import MediaFile, MediaStatus
from tests.conftest import add_member
from tests.forum.factories import reply, start
from tests.media.factories import attach, sound, upload


def url(world, path):
    return f"/classes/{world.classroom.id}{path}"


def media_url(world, row):
    return url(world, f"/media/{row.key}")


def get(client, address, **kwargs):
    """A GET whose file is read and closed (send_file keeps it open until then)."""
    response = client.get(address, **kwargs)
    response.get_data()
    response.close()
    return response


def posts_count():
    return db.session.scalar(select(func.count()).select_from(Post))


def post_with_recording(client, world, parent, **data):
    return client.post(url(world, f"/posts/{parent.id}/reply"), content_type="multipart/form-data",
                       data={"form_token": "tok-1", **data})


def test_a_voice_reply_is_converted_and_played_with_its_transcript(app, world, login_as):
    thread, first = start(world.classroom, world.teacher)
    response = post_with_recording(login_as(world.student), world, first, body="Listen to my answer.",
                                   transcript="I think it is useful.", recording=upload(sound("webm", 2)))
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    row = db.session.scalar(select(MediaFile))
    assert row.status == MediaStatus.READY and row.mime == "audio/mp4" and 1.9 <= row.duration <= 2.2
    assert row.stored.endswith(".m4a") and storage.path_of(row.stored).is_file()
    assert storage.every_stored_name() == [row.stored], "the original goes once converted"
    assert "static" not in str(storage.root())
    page = login_as(world.teacher).get(url(world, f"/threads/{thread.id}")).get_data(as_text=True)
    assert f'src="{media_url(world, row)}"' in page and "<audio controls" in page
    assert "<summary>Transcript</summary><p>I think it is useful.</p>" in page and "0:02" in page


def test_a_post_can_be_only_a_recording(app, world, login_as):
    thread, first = start(world.classroom, world.teacher)
    assert post_with_recording(login_as(world.student), world, first,
                               recording=upload(sound("m4a", 1), "voice.m4a", "audio/mp4")).status_code == 302
    assert posts_count() == 2 and db.session.scalar(select(MediaFile.status)) == MediaStatus.READY


def test_neither_text_nor_recording_says_so(app, world, login_as):
    thread, first = start(world.classroom, world.teacher)
    page = post_with_recording(login_as(world.student), world, first, body="  ").get_data(as_text=True)
    assert "Please write something or add a recording." in page and posts_count() == 1


def test_a_file_that_is_not_audio_is_refused_and_the_text_kept(app, world, login_as):
    thread, first = start(world.classroom, world.teacher)
    response = post_with_recording(login_as(world.student), world, first, body="My careful answer",
                                   transcript="What I said", recording=upload(b"%PDF-1.7\n" + b"x" * 900, "a.webm"))
    page = response.get_data(as_text=True)
    assert "This file is not a recording." in page and "Your text is still here." in page
    assert "My careful answer</textarea>" in page and "What I said</textarea>" in page
    assert posts_count() == 1 and db.session.scalar(select(func.count()).select_from(MediaFile)) == 0
    assert storage.every_stored_name() == []


def test_too_big_says_the_limit(app, world, login_as):
    app.config["MEDIA_MAX_BYTES"] = 1024 * 1024
    thread, first = start(world.classroom, world.teacher)
    page = post_with_recording(login_as(world.student), world, first, body="Text kept",
                               recording=upload(b"\x1a\x45\xdf\xa3" + b"\x00" * (1024 * 1024 + 10))).get_data(as_text=True)
    assert "This file is too big: at most 1 MB." in page and "Text kept</textarea>" in page


def test_a_discussion_can_require_the_transcript(app, world, login_as):
    from app import clock
    from tests.prompts.factories import make_prompt, opening, topic_thread

    clock.freeze(None)
    prompt = make_prompt(world.classroom, world.teacher, transcript_required=True, voice_seconds_max=60,
                         min_words_first=0, opens_at=clock.now() - timedelta(hours=1),
                         closes_at=clock.now() + timedelta(days=1))
    first = opening(topic_thread(prompt))
    client = login_as(world.student)
    form = client.get(url(world, f"/posts/{first.id}/reply")).get_data(as_text=True)
    assert 'data-max-seconds="60"' in form and "up to 1 minute." in form and 'enctype="multipart/form-data"' in form
    page = post_with_recording(client, world, first, recording=upload(sound("webm", 1))).get_data(as_text=True)
    assert "Please type what you said in the recording." in page and posts_count() == 2  # the topics' openings
    assert post_with_recording(client, world, first, transcript="Hello everyone.",
                               recording=upload(sound("webm", 1))).status_code == 302
    assert db.session.scalar(select(MediaFile.max_seconds)) == 60


def test_the_recording_is_served_with_ranges_to_members_only(app, world, login_as):
    thread, first = start(world.classroom, world.teacher)
    post = reply(first, world.student, "My answer")
    row = attach(post)
    classmate = app_member(app, world)
    response = get(login_as(classmate), media_url(world, row))
    assert response.status_code == 200 and response.mimetype == "audio/mp4"
    assert response.headers["Accept-Ranges"] == "bytes"
    assert response.headers["Content-Disposition"] == "inline; filename=recording.m4a"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    whole = response.get_data()
    part = get(login_as(classmate), media_url(world, row), headers={"Range": "bytes=100-199"})
    assert part.status_code == 206 and part.get_data() == whole[100:200]
    assert part.headers["Content-Range"] == f"bytes 100-199/{len(whole)}"
    assert login_as(world.outsider).get(media_url(world, row)).status_code == 404
    assert login_as(classmate).get(url(world, "/media/" + "x" * 43)).status_code == 404
    assert app.test_client().get(media_url(world, row)).status_code == 302  # to the login page


def app_member(app, world):
    from app.auth.services import register_user
    from tests.conftest import PASSWORD

    user = register_user("classmate@example.com", "Cleo Classmate", PASSWORD)
    user.email_confirmed_at = user.created_at
    db.session.commit()
    add_member(world.classroom, user)
    return user


def test_a_recording_of_a_hidden_post_is_not_found(app, world, login_as):
    from app.forum import moderation

    thread, first = start(world.classroom, world.teacher)
    post = reply(first, world.student, "My answer")
    row = attach(post)
    moderation.set_hidden(db.session.get(Post, post.id), True)
    db.session.commit()
    assert login_as(app_member(app, world)).get(media_url(world, row)).status_code == 404
    assert get(login_as(world.student), media_url(world, row)).status_code == 200
    assert get(login_as(world.teacher), media_url(world, row)).status_code == 200


def test_deleting_the_post_deletes_its_recording(app, world, login_as):
    thread, first = start(world.classroom, world.teacher)
    post = reply(first, world.student, "My answer")
    row = attach(post)
    path = storage.path_of(row.stored)
    assert login_as(world.student).post(url(world, f"/posts/{post.id}/delete")).status_code == 302
    assert not path.exists() and db.session.scalar(select(func.count()).select_from(MediaFile)) == 0
    assert login_as(world.teacher).get(media_url(world, row)).status_code == 404


def test_deleting_a_thread_deletes_its_recordings(app, world, login_as):
    thread, first = start(world.classroom, world.teacher)
    row = attach(reply(first, world.student, "My answer"))
    path = storage.path_of(row.stored)
    assert login_as(world.teacher).post(url(world, f"/threads/{thread.id}/delete")).status_code == 302
    assert not path.exists()


def test_media_check_lists_files_without_a_post_and_posts_without_a_file(app, world):
    thread, first = start(world.classroom, world.teacher)
    runner = app.test_cli_runner()
    row = attach(reply(first, world.student, "My answer"))
    ok = runner.invoke(args=["media-check"])
    assert ok.exit_code == 0 and "every file has its post" in ok.output
    stray = storage.root() / "zz" / "stray.m4a"
    stray.parent.mkdir()
    stray.write_bytes(b"x")
    storage.path_of(row.stored).unlink()
    found = runner.invoke(args=["media-check"])
    assert found.exit_code == 1
    assert "file without a post: zz/stray.m4a" in found.output
    assert f"post {row.post_id} has no file: {row.stored}" in found.output


def test_recordings_cost_the_thread_page_no_query(app, world, login_as):
    """Each post's recording comes in the page's one posts query (an outer join)."""
    from tests.conftest import count_queries

    thread, first = start(world.classroom, world.teacher)
    posts = [reply(first, world.student, f"Answer {n}") for n in range(3)]
    client = login_as(world.teacher)
    path = url(world, f"/threads/{thread.id}")
    client.get(path)
    with count_queries(app) as without:
        client.get(path)
    for post in posts:
        attach(post, seconds=1)
    client.get(path)
    with count_queries(app) as with_recordings:
        page = client.get(path).get_data(as_text=True)
    assert page.count("<audio controls") == 3
    assert with_recordings.count == without.count


def test_a_recording_bigger_than_the_text_limit_is_taken(app, world, login_as):
    """Forms carry 2 MB of text at most; the reply form takes a file up to MEDIA_MAX_BYTES."""
    thread, first = start(world.classroom, world.teacher)
    big = sound("wav", 30)
    assert len(big) > app.config["MAX_CONTENT_LENGTH"]
    response = post_with_recording(login_as(world.student), world, first, body="A long one.",
                                   recording=upload(big, "long.wav", "audio/wav"))
    assert response.status_code == 302
    assert 29.5 <= db.session.scalar(select(MediaFile.duration)) <= 30.5
    other = login_as(world.student).post(url(world, f"/posts/{first.id}/edit"), content_type="multipart/form-data",
                                         data={"body": "x", "recording": upload(big, "long.wav", "audio/wav")})
    assert other.status_code == 413  # other forms keep the text limit
