"""Paragraph labels while negotiating: 5 < 5bis < 5ter < ... < 6, and the next free label.

Examples:
    split_label("5bis") -> (5, 1);  split_label("19quinquies") -> (19, 4);  split_label("5 bis") -> (5, 1)
    next_label_after("5", taken={"5", "6"}) -> "5bis";  next_label_after("5", {"5", "5bis", "6"}) -> "5ter"
"""
from __future__ import annotations

import re

from drafting.errors import DraftingError

# Latin multiplicative adverbs, in order; "bis" is the first inserted paragraph.
SUFFIXES = ("", "bis", "ter", "quater", "quinquies", "sexies", "septies", "octies",
            "novies", "decies")

# Misspellings seen in real texts ("19quinqiues" in the UNFCCC 2015 draft's option header).
_VARIANTS = {"quinqiues": "quinquies", "nonies": "novies"}

_LABEL = re.compile(r"^\s*(\d+)\s*([A-Za-z]*)\s*$")


class LabelError(DraftingError, ValueError):
    """A paragraph label that is not a number with an optional bis/ter suffix."""


def split_label(label: str) -> tuple[int, int]:
    """"5bis" -> (5, 1). Accepts "5 bis" (Spanish, French typography) and any case."""
    m = _LABEL.match(label)
    if not m:
        raise LabelError(f"not a paragraph number: {label!r}")
    suffix = m[2].lower()
    suffix = _VARIANTS.get(suffix, suffix)
    if suffix not in SUFFIXES:
        raise LabelError(f"unknown paragraph number suffix {m[2]!r} in {label!r}")
    return int(m[1]), SUFFIXES.index(suffix)


def join_label(number: int, rank: int) -> str:
    if not 0 <= rank < len(SUFFIXES):
        raise LabelError(f"no suffix after {SUFFIXES[-1]!r} for paragraph {number}")
    return f"{number}{SUFFIXES[rank]}"


def label_key(label: str) -> tuple[int, int]:
    """Sort key that orders 5 < 5bis < 5ter < 6."""
    return split_label(label)


def is_inserted(label: str) -> bool:
    """True for labels that carry a suffix (5bis), which a final text may not keep."""
    return split_label(label)[1] > 0


def next_label_after(label: str, taken: set[str] | frozenset[str]) -> str:
    """The label for a new paragraph placed right after `label`.

    After OP5 comes OP5bis; if 5bis is taken, 5ter, and so on. After 5bis comes 5ter.
    A label at position 0 ("0") names a paragraph inserted before the first one.
    """
    number, rank = split_label(label)
    taken_keys = {split_label(t) for t in taken}
    rank += 1
    while (number, rank) in taken_keys:
        rank += 1
    return join_label(number, rank)


def next_label_before_first(taken: set[str] | frozenset[str]) -> str:
    """Label for a paragraph inserted before paragraph 1: 0bis? No: conference officers
    write "new PP1" and keep it unnumbered until the final text; we use "0bis", "0ter"."""
    return next_label_after("0", taken)
