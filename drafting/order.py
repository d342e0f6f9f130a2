"""Which aligned paragraphs kept their relative order: the rest were moved.

Example: in_order([0, 2, 1, 3]) -> {0, 1, 3} (positions of one longest increasing run:
old paragraphs 0, 2, 3 stay; old paragraph 1, now after 2, moved).
"""
from __future__ import annotations

import bisect


def in_order(seq: list[int]) -> set[int]:
    """Positions (in `seq`) of one longest strictly increasing subsequence."""
    if all(x < y for x, y in zip(seq, seq[1:])):  # the usual case: nothing moved
        return set(range(len(seq)))
    tails: list[int] = []
    tail_pos: list[int] = []
    prev = [-1] * len(seq)
    for pos, v in enumerate(seq):
        k = bisect.bisect_left(tails, v)
        if k == len(tails):
            tails.append(v)
            tail_pos.append(pos)
        else:
            tails[k] = v
            tail_pos[k] = pos
        prev[pos] = tail_pos[k - 1] if k else -1
    out = set()
    pos = tail_pos[-1] if tail_pos else -1
    while pos >= 0:
        out.add(pos)
        pos = prev[pos]
    return out
