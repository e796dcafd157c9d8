"""A small three-way merge (diff3) on lines, for two people editing one page.

``merge(base, mine, theirs)``: where only one side changed a stretch of the base,
that side wins; where both changed it the same way, once; where both changed it
differently, the stretch becomes a conflict with plain-English markers.
Lines are matched by ``matching`` in bounded time: a stretch too big to match
exactly counts as changed, so at worst a merge asks the writer to choose.
"""
from __future__ import annotations

from dataclasses import dataclass

from .matching import Budget, matches

MINE_MARKER = "<<<<<<< your version"
SEPARATOR = "======="
THEIRS_MARKER = ">>>>>>> their version"
MARKERS = (MINE_MARKER, SEPARATOR, THEIRS_MARKER)


@dataclass
class MergeResult:
    """The merged text and how many stretches conflict (0: it can be saved)."""

    text: str
    conflicts: int


def _matches(base: list[str], other: list[str], budget: Budget) -> dict[int, int]:
    """Base line index -> matching line index in ``other`` (monotonic in both)."""
    return dict(matches(base, other, budget))


def _lines(text: str) -> list[str]:
    lines = text.replace("\r\n", "\n").split("\n")
    return lines


def merge(base: str, mine: str, theirs: str) -> MergeResult:
    """Merge my changes and theirs, both made to ``base``. Line endings become "\\n"."""
    b, m, t = _lines(base), _lines(mine), _lines(theirs)
    in_mine, in_theirs = _matches(b, m, Budget()), _matches(b, t, Budget())  # each side its own budget
    out: list[str] = []
    conflicts = 0
    i = j = k = 0
    while True:
        # The next base line kept unchanged by both sides is a sync point.
        sync = next((n for n in range(i, len(b)) if n in in_mine and n in in_theirs), None)
        i2, j2, k2 = (len(b), len(m), len(t)) if sync is None else (sync, in_mine[sync], in_theirs[sync])
        old, my, their = b[i:i2], m[j:j2], t[k:k2]
        if my == old or my == their:
            out += their
        elif their == old:
            out += my
        else:
            conflicts += 1
            out += [MINE_MARKER, *my, SEPARATOR, *their, THEIRS_MARKER]
        if sync is None:
            break
        out.append(b[sync])
        i, j, k = i2 + 1, j2 + 1, k2 + 1
    return MergeResult("\n".join(out), conflicts)


def has_markers(text: str) -> bool:
    """True when the text still holds a whole line that is one of our conflict markers."""
    lines = {line.rstrip() for line in text.replace("\r\n", "\n").split("\n")}
    return MINE_MARKER in lines or THEIRS_MARKER in lines
