"""Every payload of the shared XSS corpus, in both profiles, renders inside the allowlist.

The corpus lives outside the project (``../shared/security/xss_corpus.json`` next to
the repository, or the file named by ROUNDTABLE_XSS_CORPUS) and is not copied in.
Test ids name the payload's group from SOURCES.md, and its index in the list.
"""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from app.content import render
from tests.content.safety import problems

REPO_ROOT = Path(__file__).resolve().parents[2]
CORPUS = Path(os.environ.get("ROUNDTABLE_XSS_CORPUS") or REPO_ROOT.parent / "shared" / "security" / "xss_corpus.json")


def _groups(sources: Path) -> dict[int, str]:
    """Index -> group name, from the table in SOURCES.md ("| 0–116 | owasp-cheatsheet |")."""
    if not sources.is_file():
        return {}
    names = {}
    for first, last, group in re.findall(r"^\|\s*(\d+)\s*[–-]\s*(\d+)\s*\|\s*([\w-]+)\s*\|", sources.read_text("utf-8"), re.M):
        names.update(dict.fromkeys(range(int(first), int(last) + 1), group))
    return names


def _cases() -> list:
    if not CORPUS.is_file():
        reason = f"XSS corpus not found at {CORPUS} (set ROUNDTABLE_XSS_CORPUS to its path)"
        return [pytest.param(None, None, marks=pytest.mark.skip(reason=reason), id="corpus-missing")]
    payloads = json.loads(CORPUS.read_text("utf-8"))
    assert isinstance(payloads, list) and all(isinstance(p, str) for p in payloads), "corpus must be a JSON list of strings"
    groups = _groups(CORPUS.with_name("SOURCES.md"))
    return [pytest.param(payload, profile, id=f"{groups.get(i, 'payload')}-{i}-{profile}")
            for i, payload in enumerate(payloads) for profile in ("post", "wiki")]


@pytest.mark.parametrize(("payload", "profile"), _cases())
def test_payload_renders_inside_allowlist(payload: str, profile: str) -> None:
    rendered = render(payload, profile)
    assert problems(rendered, profile) == [], f"payload {payload!r} rendered as {rendered!r}"


@pytest.mark.parametrize("unsafe", [
    "<script>x</script>", "<img src=x>", '<b onclick="x">b</b>', '<a href="javascript:x">a</a>',
    '<a href="jav&amp;#x09;ascript:x" rel="nofollow ugc noopener">a</a>', '<q cite="java\u200bscript:x">q</q>',
    '<a href="data:text/html,x" rel="nofollow ugc noopener">a</a>', '<p class="x">p</p>', "<!-- c -->", "<h2>h</h2>",
    '<a href="https://ok.example">no rel</a>', "<![CDATA[x]]>",
])
def test_the_check_itself_catches_unsafe_html(unsafe: str) -> None:
    assert problems(unsafe, "post") != []
