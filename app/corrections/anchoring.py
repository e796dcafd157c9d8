"""Where a correction is in a text: the quoted words, their offset in the source, and a little
text before and after them, so a correction survives edits of other parts of the text.

Pure functions of strings (tested in ``tests/corrections/test_anchoring.py``). Words are
compared with any run of white space matching any other, so a line break moved by an edit
does not lose the words.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

#: Characters of context kept on each side of the quoted words.
CONTEXT = 30
#: Characters of unchanged context next to the words that keep a correction where it was.
SAME_CONTEXT = 5
#: The longest quote a correction may have.
MAX_QUOTE = 300


@dataclass(frozen=True)
class Anchor:
    start: int
    quote: str
    before: str
    after: str


@dataclass(frozen=True)
class Placed:
    """The result of finding an anchor again in a changed text."""

    #: "here" (the words are still there), "fixed" (the words between the same context
    #: changed) or "changed" (the words and their context are gone).
    state: str
    anchor: Anchor | None = None
    #: For "fixed": what the text says now instead of the quote.
    now: str = ""


def pattern(words: str, *, flags: int = 0) -> re.Pattern:
    """A pattern for ``words`` where any white space matches any white space."""
    parts = [re.escape(p) for p in words.split()]
    return re.compile(r"\s+".join(parts), flags)


def occurrences(text: str, words: str, *, flags: int = 0) -> list[re.Match]:
    """Every place ``words`` appear in ``text`` (not overlapping)."""
    if not words.split():
        return []
    return list(pattern(words, flags=flags).finditer(text))


def anchor_at(source: str, start: int, end: int) -> Anchor:
    """The anchor of ``source[start:end]``."""
    return Anchor(start, source[start:end], source[max(0, start - CONTEXT):start], source[end:end + CONTEXT])


def find(source: str, words: str, occurrence: int = 1) -> Anchor | None:
    """The anchor of the ``occurrence``-th (from 1) place ``words`` appear in ``source``: exact
    letters first, then any capitals. None when they are not there that many times."""
    words = words.strip()
    if not words or len(words) > MAX_QUOTE or occurrence < 1:
        return None
    for flags in (0, re.IGNORECASE):
        found = occurrences(source, words, flags=flags)
        if len(found) >= occurrence:
            match = found[occurrence - 1]
            return anchor_at(source, match.start(), match.end())
    return None


def occurrence_of(source: str, anchor: Anchor) -> int:
    """Which place (from 1) of its words the anchor is, in ``source`` (where it is anchored)."""
    found = occurrences(source, anchor.quote)
    for number, match in enumerate(found, 1):
        if match.start() >= anchor.start:
            return number
    return max(len(found), 1)


def relocate(anchor: Anchor, source: str) -> Placed:
    """Find ``anchor`` again in ``source``, a changed version of its text.

    1. The words with the same context on both sides (the nearest such place): still here.
    2. The words with at least ``SAME_CONTEXT`` characters of the same context next to them.
    3. The same context on both sides with other words between: the writer changed the
       words: fixed (``now`` says what is there instead).
    4. The words alone, where most of the context is the same (then nearest to where they
       were): still here.
    5. Otherwise: the text changed, the correction is about words no longer there.
    """
    if source[anchor.start:anchor.start + len(anchor.quote)] == anchor.quote and (
            source[max(0, anchor.start - len(anchor.before)):anchor.start] == anchor.before):
        return Placed("here", anchor_at(source, anchor.start, anchor.start + len(anchor.quote)))
    words = occurrences(source, anchor.quote)

    def nearest(matches):
        return min(matches, key=lambda m: abs(m.start() - anchor.start))

    in_context = [m for m in words if source[:m.start()].endswith(anchor.before)
                  and source[m.end():].startswith(anchor.after)]
    if in_context:
        m = nearest(in_context)
        return Placed("here", anchor_at(source, m.start(), m.end()))
    if words:
        best = max(words, key=lambda m: (_shared(anchor, source, m), -abs(m.start() - anchor.start)))
        if _shared(anchor, source, best) >= SAME_CONTEXT:
            return Placed("here", anchor_at(source, best.start(), best.end()))
    between = _between(anchor, source)
    if between is not None:
        return Placed("fixed", None, between)
    if words:
        m = max(words, key=lambda m: (_shared(anchor, source, m), -abs(m.start() - anchor.start)))
        return Placed("here", anchor_at(source, m.start(), m.end()))
    return Placed("changed")


def _shared(anchor: Anchor, source: str, match: re.Match) -> int:
    """How many characters of the anchor's context are the same around ``match``."""
    before = source[max(0, match.start() - len(anchor.before)):match.start()]
    after = source[match.end():match.end() + len(anchor.after)]
    same = 0
    for a, b in zip(reversed(anchor.before), reversed(before), strict=False):
        if a != b:
            break
        same += 1
    for a, b in zip(anchor.after, after, strict=False):
        if a != b:
            break
        same += 1
    return same


def _between(anchor: Anchor, source: str) -> str | None:
    """What now stands between the anchor's context before and after, or None.

    The longest pieces of context next to the words that are both still there (12, 8, 5 or 3
    characters each side, at least one letter each; at the start or end of the text, one side),
    close together, nearest to where the words were."""
    for size in (12, 8, 5, 3):
        before, after = anchor.before[-size:], anchor.after[:size]
        if not anchor.before.strip():
            before = ""
        if not anchor.after.strip():
            after = ""
        if (before and not before.strip()) or (after and not after.strip()) or not (before or after):
            continue
        found = _between_pieces(anchor, source, before, after)
        if found is not None:
            return found
    return None


def _between_pieces(anchor: Anchor, source: str, before: str, after: str) -> str | None:
    limit = len(anchor.quote) * 3 + 40
    best = None
    for b in (re.finditer(re.escape(before), source) if before else [None]):
        start = b.end() if b else 0
        if after:
            end = source.find(after, start)
            if end < 0 or end - start > limit:
                continue
        elif len(source) - start <= limit:
            end = len(source)
        else:
            continue
        if not before and end > limit:
            continue
        now = source[start:end]
        if occurrences(now, anchor.quote):  # the words are still there: not changed
            continue
        distance = abs(start - anchor.start)
        if best is None or distance < best[0]:
            best = (distance, now)
    return best[1].strip() if best else None
