"""What an upload is, read from its bytes: never its name or the type the browser declared.

``sniff`` reads the first bytes (the container's magic number) and names the one ffmpeg
demuxer allowed to open it; ``probe`` asks ffprobe, with that demuxer only and local files
only, whether it holds an audio stream and how long it is. ``convert`` makes the AAC-in-MP4
(M4A) file every current browser plays, Safari on iPhone too. No hand-written parsing
beyond the magic numbers.
"""
from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path

from flask import current_app

#: Container magic numbers -> (ffmpeg demuxer, Content-Type of the original).
AUDIO_FORMATS = {
    "matroska": "audio/webm",
    "ogg": "audio/ogg",
    "mov": "audio/mp4",
    "mp3": "audio/mpeg",
    "wav": "audio/wav",
    "aac": "audio/aac",
    "flac": "audio/flac",
    "amr": "audio/amr",
}
#: How long ffprobe and ffmpeg may take on one file (seconds).
PROBE_TIMEOUT = 30
CONVERT_TIMEOUT = 600


class Refused(Exception):
    """The upload is not what is allowed; ``str(error)`` says so in plain words."""


def sniff(head: bytes) -> str | None:
    """The ffmpeg demuxer for an audio container starting with ``head`` (None: not one we take)."""
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return "matroska"  # WebM (Chrome, Firefox recordings) and Matroska
    if head.startswith(b"OggS"):
        return "ogg"
    if head[4:8] == b"ftyp":
        return "mov"  # MP4, M4A, 3GP (Safari recordings, phone recorder apps)
    if head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xF6 in (0xF2, 0xF4, 0xF6)):
        return "mp3"
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return "wav"
    if len(head) > 1 and head[0] == 0xFF and head[1] & 0xF6 == 0xF0:
        return "aac"  # ADTS
    if head.startswith(b"fLaC"):
        return "flac"
    if head.startswith(b"#!AMR"):
        return "amr"
    return None


@dataclass(frozen=True)
class Probe:
    """What ffprobe found in a file."""

    audio: bool
    duration: float | None


def _tool(name: str) -> str:
    return current_app.config.get(name.upper() + "_BINARY") or name


def probe(path: Path, demuxer: str | None = None) -> Probe:
    """Audio streams and duration of ``path``; raises Refused when ffprobe cannot read it."""
    command = [_tool("ffprobe"), "-v", "error", "-protocol_whitelist", "file"]
    if demuxer:
        command += ["-f", demuxer]
    command += ["-show_entries", "format=duration:stream=codec_type", "-of", "json", str(path)]
    try:
        done = subprocess.run(command, capture_output=True, timeout=PROBE_TIMEOUT, check=False)
        found = json.loads(done.stdout or b"{}") if done.returncode == 0 else None
    except (subprocess.TimeoutExpired, ValueError):
        found = None
    if not found:
        raise Refused("We could not read this file as a recording.")
    streams = found.get("streams") or []
    try:
        duration = float(found.get("format", {}).get("duration"))
    except (TypeError, ValueError):
        duration = None  # a browser's WebM recording has none until converted
    return Probe(any(s.get("codec_type") == "audio" for s in streams), duration)


def check_audio(path: Path) -> str:
    """The demuxer of an audio file at ``path``; raises Refused for anything else."""
    with path.open("rb") as handle:
        demuxer = sniff(handle.read(16))
    if demuxer is None:
        raise Refused("This file is not a recording. Please choose a sound file (for example .m4a, .mp3 or .webm).")
    if not probe(path, demuxer).audio:
        raise Refused("This file has no sound in it. Please choose a recording.")
    return demuxer


def convert(source: Path, demuxer: str, target: Path, max_seconds: int) -> float:
    """Write ``target`` as AAC in MP4 (mono, 96 kb/s, index first for quick seeking), at most
    ``max_seconds`` long; returns its duration (ffprobe). Raises Refused when ffmpeg fails."""
    command = [_tool("ffmpeg"), "-nostdin", "-v", "error", "-y", "-protocol_whitelist", "file",
               "-f", demuxer, "-i", str(source), "-map", "0:a:0", "-vn", "-t", str(max_seconds),
               "-c:a", "aac", "-b:a", "96k", "-ac", "1", "-movflags", "+faststart", "-f", "mp4", str(target)]
    try:
        done = subprocess.run(command, capture_output=True, timeout=CONVERT_TIMEOUT, check=False)
    except subprocess.TimeoutExpired as error:
        raise Refused("The recording took too long to convert.") from error
    if done.returncode != 0:
        raise Refused("The recording could not be converted: " + done.stderr.decode(errors="replace")[-300:])
    found = probe(target, "mov")
    if not found.audio or found.duration is None:
        raise Refused("The converted recording has no sound.")
    return found.duration
