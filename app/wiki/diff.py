"""Word-level inline diffs: escaped text with ``<ins>`` and ``<del>``.

Lines are compared first (fast on long pages); lines that changed are compared
again word by word, so a reader sees exactly which words a classmate corrected.
"""
from __future__ import annotations

import re
from difflib import SequenceMatcher
from html import escape

from markupsafe import Markup

#: Words (letters and digits of any script), runs of other characters, whitespace.
TOKEN = re.compile(r"\w+|[^\w\s]+|\s+")


def tokens(text: str) -> list[str]:
    """Split into word, punctuation and whitespace tokens; ``"".join(tokens(t)) == t``."""
    return TOKEN.findall(text)


def _wrap(tag: str, parts: list[str]) -> str:
    text = "".join(parts)
    return f"<{tag}>{escape(text, quote=False)}</{tag}>" if text else ""


def _word_diff(old: list[str], new: list[str], out: list[str]) -> None:
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.append(escape("".join(old[i1:i2]), quote=False))
        else:
            out.append(_wrap("del", old[i1:i2]))
            out.append(_wrap("ins", new[j1:j2]))


def word_diff(old: str, new: str) -> Markup:
    """The change from ``old`` to ``new`` as safe HTML (put it in a ``<pre>`` or ``white-space: pre-wrap``)."""
    old_lines, new_lines = old.splitlines(keepends=True), new.splitlines(keepends=True)
    out: list[str] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, old_lines, new_lines, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(escape("".join(old_lines[i1:i2]), quote=False))
        else:
            _word_diff(tokens("".join(old_lines[i1:i2])), tokens("".join(new_lines[j1:j2])), out)
    return Markup("".join(out))
