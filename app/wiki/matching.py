"""Which items of two sequences match, in bounded time: the core of wiki Compare and merge.

``difflib.SequenceMatcher`` (used before) takes cubic time when items repeat, as
spaces and blank lines do: 1,000 words against 1,000 other words took 18 s. Here the
work is at most a few passes over the items plus ``STEPS`` steps of exact matching,
whatever the input:

1. the common start and end match (most edits change one place);
2. in what is left, items found exactly once on each side match in order (the longest
   increasing run of them, as in patience diff);
3. each stretch between those is matched exactly (the longest common subsequence
   table) while its size (items on one side times items on the other) fits in what is
   left of the budget. A stretch that does not fit matches nothing: a diff shows it as
   removed and added, and a merge as changed on both sides, which is a conflict to
   resolve — never a silent loss.
"""
from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Hashable, Sequence

#: Steps of exact matching (cells of the table) for one diff, or one side of a merge: about 0.15 s.
STEPS = 1_000_000

Pairs = list[tuple[int, int]]


class Budget:
    """The steps of exact matching left for one diff or merge."""

    def __init__(self, steps: int | None = None):
        self.left = STEPS if steps is None else steps

    def take(self, steps: int) -> bool:
        """Use ``steps`` if that many are left; False (and nothing used) if not."""
        if steps > self.left:
            return False
        self.left -= steps
        return True


def matches(a: Sequence[Hashable], b: Sequence[Hashable], budget: Budget | None = None) -> Pairs:
    """Index pairs ``(i, j)`` with ``a[i] == b[j]``, increasing in both ``i`` and ``j``."""
    out: Pairs = []
    _match(a, b, 0, len(a), 0, len(b), out, budget or Budget(), anchors=True)
    return out


def opcodes(a: Sequence[Hashable], b: Sequence[Hashable], budget: Budget | None = None) -> list[tuple]:
    """Like ``SequenceMatcher.get_opcodes()``: ("equal" | "replace" | "delete" | "insert", i1, i2, j1, j2)."""
    pairs = matches(a, b, budget)
    ops: list[tuple] = []
    i = j = 0
    for n, (ai, bj) in enumerate([*pairs, (len(a), len(b))]):
        if i < ai or j < bj:
            ops.append(("replace" if i < ai and j < bj else "delete" if i < ai else "insert", i, ai, j, bj))
        if n == len(pairs):
            break
        if ops and ops[-1][0] == "equal" and ops[-1][2] == ai:
            ops[-1] = ("equal", ops[-1][1], ai + 1, ops[-1][3], bj + 1)
        else:
            ops.append(("equal", ai, ai + 1, bj, bj + 1))
        i, j = ai + 1, bj + 1
    return ops


def _match(a, b, alo: int, ahi: int, blo: int, bhi: int, out: Pairs, budget: Budget, anchors: bool) -> None:
    while alo < ahi and blo < bhi and a[alo] == b[blo]:
        out.append((alo, blo))
        alo, blo = alo + 1, blo + 1
    end: Pairs = []
    while alo < ahi and blo < bhi and a[ahi - 1] == b[bhi - 1]:
        ahi, bhi = ahi - 1, bhi - 1
        end.append((ahi, bhi))
    if alo < ahi and blo < bhi:
        if budget.take((ahi - alo) * (bhi - blo)):
            _longest_common(a, b, alo, ahi, blo, bhi, out)
        elif anchors:  # one level only: the stretches between anchors are matched exactly or not at all
            i, j = alo, blo
            for ai, bj in _unique_in_order(a, b, alo, ahi, blo, bhi):
                _match(a, b, i, ai, j, bj, out, budget, anchors=False)
                out.append((ai, bj))
                i, j = ai + 1, bj + 1
            _match(a, b, i, ahi, j, bhi, out, budget, anchors=False)
    out.extend(reversed(end))


def _longest_common(a, b, alo: int, ahi: int, blo: int, bhi: int, out: Pairs) -> None:
    """The longest common subsequence, exactly: (ahi - alo) * (bhi - blo) steps."""
    xs, ys = a[alo:ahi], b[blo:bhi]
    n, m = len(xs), len(ys)
    # rows[i][j]: length of the longest common subsequence of xs[i:] and ys[j:]
    rows = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        x, row, below = xs[i], rows[i], rows[i + 1]
        for j in range(m - 1, -1, -1):
            row[j] = below[j + 1] + 1 if x == ys[j] else (below[j] if below[j] >= row[j + 1] else row[j + 1])
    i = j = 0
    while i < n and j < m:
        if xs[i] == ys[j]:
            out.append((alo + i, blo + j))
            i, j = i + 1, j + 1
        elif rows[i + 1][j] >= rows[i][j + 1]:
            i += 1
        else:
            j += 1


def _unique_in_order(a, b, alo: int, ahi: int, blo: int, bhi: int) -> Pairs:
    """Items found once in a[alo:ahi] and once in b[blo:bhi]: the longest run of them in the same order."""
    in_a, in_b = Counter(a[alo:ahi]), Counter(b[blo:bhi])
    where_b = {y: j for j, y in enumerate(b[blo:bhi], blo) if in_b[y] == 1 and in_a.get(y) == 1}
    pairs = [(i, where_b[x]) for i, x in enumerate(a[alo:ahi], alo) if x in where_b]
    # Longest increasing run of j (pairs are in order of i): patience sorting, k log k.
    tails: list[int] = []  # tails[k]: the smallest j ending a run of length k + 1
    ends: list[int] = []   # index in pairs of that end
    before = [-1] * len(pairs)
    for n, (_, j) in enumerate(pairs):
        k = bisect_left(tails, j)
        if k:
            before[n] = ends[k - 1]
        if k == len(tails):
            tails.append(j)
            ends.append(n)
        else:
            tails[k], ends[k] = j, n
    run: Pairs = []
    n = ends[-1] if ends else -1
    while n >= 0:
        run.append(pairs[n])
        n = before[n]
    return run[::-1]
