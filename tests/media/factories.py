"""Test recordings made by ffmpeg (its ``sine`` source), and recordings attached to posts."""
from __future__ import annotations

import functools
import io
import shutil
import subprocess
import tempfile
from pathlib import Path

from werkzeug.datastructures import FileStorage

from app import unit_of_work
from app.extensions import db
from app.media import services
from app.media.models import MediaFile

#: ffmpeg output options by file kind.
KINDS = {
    "webm": ["-c:a", "libopus", "-f", "webm"],
    "ogg": ["-c:a", "libopus", "-f", "ogg"],
    "m4a": ["-c:a", "aac", "-f", "ipod"],
    "mp3": ["-c:a", "libmp3lame", "-f", "mp3"],
    "wav": ["-c:a", "pcm_s16le", "-f", "wav"],
}
_CACHE = Path(tempfile.mkdtemp(prefix="roundtable-sounds-"))


@functools.cache
def _made(kind: str, seconds: float) -> bytes:
    target = _CACHE / f"{seconds}.{kind}"
    subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i", f"sine=frequency=440:duration={seconds}",
                    *KINDS[kind], str(target)], check=True, timeout=60)
    return target.read_bytes()


def sound(kind: str = "webm", seconds: float = 2) -> bytes:
    """The bytes of a ``seconds`` long 440 Hz tone in a ``kind`` file (made once per run)."""
    return _made(kind, seconds)


def upload(data: bytes, name: str = "recording.webm", mimetype: str = "audio/webm") -> tuple[io.BytesIO, str, str]:
    """A file for a test client's form data (``data={"recording": upload(...)}``)."""
    return (io.BytesIO(data), name, mimetype)


def attach(post, seconds: float = 2, kind: str = "webm", transcript: str = "Hello, I am speaking.",
           max_seconds: int = 180):
    """A converted recording on ``post`` (the worker runs at once in tests), committed."""
    received = services.receive_audio(FileStorage(io.BytesIO(sound(kind, seconds)), filename=f"r.{kind}"))
    with unit_of_work.job():  # commits, then converts (after the commit, as a request does)
        row = services.attach_recording(received, classroom_id=post.classroom_id, owner_id=post.author_id,
                                        post_id=post.id, transcript=transcript, max_seconds=max_seconds)
    return db.session.get(MediaFile, row.id)


def ffmpeg_available() -> bool:
    return shutil.which("ffmpeg") is not None and shutil.which("ffprobe") is not None
