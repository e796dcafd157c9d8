"""Uploads are judged by their bytes (magic numbers, then ffprobe), and converted by ffmpeg."""
from __future__ import annotations

import io

import pytest
from werkzeug.datastructures import FileStorage

from app.media import checks, services, storage
from tests.media.factories import sound


@pytest.mark.parametrize(("kind", "demuxer"), [("webm", "matroska"), ("ogg", "ogg"), ("m4a", "mov"),
                                                ("mp3", "mp3"), ("wav", "wav")])
def test_audio_is_known_by_its_bytes(kind, demuxer):
    assert checks.sniff(sound(kind, 1)[:16]) == demuxer


@pytest.mark.parametrize("head", [b"%PDF-1.7\n", b"\x89PNG\r\n\x1a\n", b"<html><script>", b"", b"PK\x03\x04"])
def test_other_files_are_not_audio(head):
    assert checks.sniff(head) is None


def file(data: bytes, name="recording.webm", mimetype="audio/webm"):
    return FileStorage(io.BytesIO(data), filename=name, content_type=mimetype)


def test_a_recording_is_received_and_checked(app):
    upload = services.receive_audio(file(sound("webm", 1)))
    assert upload.demuxer == "matroska" and upload.path.is_file() and upload.size == len(sound("webm", 1))
    services.discard_upload(upload)
    assert not upload.path.exists()


def test_the_name_and_declared_type_do_not_matter(app):
    """A PDF called .m4a with an audio type is refused; a WAV called .txt is taken."""
    with pytest.raises(checks.Refused, match="not a recording"):
        services.receive_audio(file(b"%PDF-1.7\n" + b"x" * 2000, "talk.m4a", "audio/mp4"))
    assert services.receive_audio(file(sound("wav", 1), "notes.txt", "text/plain")).demuxer == "wav"


def test_audio_magic_without_sound_is_refused(app):
    """The right first bytes are not enough: ffprobe must find an audio stream."""
    with pytest.raises(checks.Refused):
        services.receive_audio(file(b"\x1a\x45\xdf\xa3" + b"\x00" * 500))


def test_too_big_is_refused_with_the_limit(app):
    app.config["MEDIA_MAX_BYTES"] = 1024 * 1024
    with pytest.raises(checks.Refused, match="too big: at most 1 MB"):
        services.receive_audio(file(b"\x1a\x45\xdf\xa3" + b"\x00" * (1024 * 1024)))
    assert not list((storage.root() / storage.INCOMING).iterdir())


def test_an_empty_file_is_refused(app):
    with pytest.raises(checks.Refused, match="empty"):
        services.receive_audio(file(b""))


@pytest.mark.parametrize("kind", ["webm", "ogg", "mp3", "wav", "m4a"])
def test_conversion_makes_aac_in_mp4_with_its_duration(app, tmp_path, kind):
    source = tmp_path / f"in.{kind}"
    source.write_bytes(sound(kind, 2))
    target = tmp_path / "out.m4a"
    duration = checks.convert(source, checks.sniff(source.read_bytes()[:16]), target, 180)
    assert 1.9 <= duration <= 2.2
    assert target.read_bytes()[4:8] == b"ftyp"
    assert checks.probe(target, "mov").audio


def test_conversion_cuts_at_the_limit(app, tmp_path):
    source = tmp_path / "long.webm"
    source.write_bytes(sound("webm", 5))
    assert checks.convert(source, "matroska", tmp_path / "out.m4a", 3) == pytest.approx(3, abs=0.1)


def test_stored_names_stay_inside_the_media_folder(app):
    with pytest.raises(ValueError):
        storage.path_of("../secret_key")
    assert len(storage.new_key()) >= 43 and storage.new_key() != storage.new_key()
