"""Word-level inline diffs: escaped text with ``<ins>`` and ``<del>``.

Lines are compared first (fast on long pages); lines that changed are compared
again word by word, so a reader sees exactly which words a classmate corrected.
Both steps share one ``matching.Budget``, so a diff of any two texts takes bounded
time; past the budget, changed stretches are shown as whole removed and added text.
"""
from __future__ import annotations

import re
from html import escape

from markupsafe import Markup

from .matching import Budget, opcodes

#: Words (letters and digits of any script), runs of other characters, whitespace.
TOKEN = re.compile(r"\w+|[^\w\s]+|\s+")


def tokens(text: str) -> list[str]:
    """Split into word, punctuation and whitespace tokens; ``"".join(tokens(t)) == t``."""
    return TOKEN.findall(text)


def _wrap(tag: str, parts: list[str]) -> str:
    text = "".join(parts)
    return f"<{tag}>{escape(text, quote=False)}</{tag}>" if text else ""


def _word_diff(old: list[str], new: list[str], out: list[str], budget: Budget) -> None:
    for op, i1, i2, j1, j2 in opcodes(old, new, budget):
        if op == "equal":
            out.append(escape("".join(old[i1:i2]), quote=False))
        else:
            out.append(_wrap("del", old[i1:i2]))
            out.append(_wrap("ins", new[j1:j2]))


def word_diff(old: str, new: str) -> Markup:
    """The change from ``old`` to ``new`` as safe HTML (put it in a ``<pre>`` or ``white-space: pre-wrap``)."""
    old_lines, new_lines = old.splitlines(keepends=True), new.splitlines(keepends=True)
    out: list[str] = []
    budget = Budget()
    for op, i1, i2, j1, j2 in opcodes(old_lines, new_lines, budget):
        if op == "equal":
            out.append(escape("".join(old_lines[i1:i2]), quote=False))
        else:
            _word_diff(tokens("".join(old_lines[i1:i2])), tokens("".join(new_lines[j1:j2])), out, budget)
    return Markup("".join(out))
