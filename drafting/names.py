"""Sponsors' names as the front matter prints them: a list split into names, and where a
list wrapped over several lines begins.

Shared by the resolution lexer (`preprocess`) and amendment documents (`instructions`);
imports no parser, so `drafting amendments` still starts without lark.
"""
from __future__ import annotations

import re

from drafting.lexicon import COMPOUND_STATE_NAMES, OTHER_SPONSORS, STATE_NAMES

_NAMES = STATE_NAMES | OTHER_SPONSORS


def split_names(who: str) -> tuple[str, ...]:
    """"Albania, Australia and Ukraine" -> three names; "Chile, Trinidad and Tobago" -> two:
    names that contain " and " (`lexicon.COMPOUND_STATE_NAMES`) stay whole, whatever their
    case. The last name follows "and", "y", "et" or "e"."""
    who = " ".join(who.split()).strip(" ,*")
    protected: list[str] = []          # the names as printed, in the user's own case

    def protect(m: re.Match) -> str:
        protected.append(m[0])
        return f"\x00{len(protected) - 1}\x00"

    for name in COMPOUND_STATE_NAMES:
        who = re.sub(re.escape(name), protect, who, flags=re.IGNORECASE)
    # (A footnote mark after a name, "Egypt,*", "Belarus* and", is no part of it.)
    parts = [p.strip(" *") for p in re.split(r",\s*", who) if p.strip(" *")]
    if parts:
        last = re.split(r"\*?\s+(?:and|y|et|e)\s+", parts[-1])
        parts = parts[:-1] + [p.strip(" *") for p in last if p.strip(" *")]
    return tuple(re.sub(r"\x00(\d+)\x00", lambda m: protected[int(m[1])], p) for p in parts)


def list_goes_on(before: str, line: str) -> bool:
    """Does a list of sponsors go on from the line `before` onto `line`? "..., Benin,
    Brunei" / "Darussalam, ...", "Iran" / "(Islamic Republic of), Iraq", "United States of"
    / "America:", "... Uruguay" / "and Zambia", "..., Palau, Papua New" / "Guinea, ...";
    not an agenda item's title above it ("Elimination of racism, racial discrimination,
    xenophobia and related intolerance"): names in a list are capitalised."""
    before, line = before.strip(), line.strip()
    if not before or not line:
        return False
    if before.endswith(",") or line.startswith(("and ", "(")) or line[:1].islower():
        return True
    if before.rsplit(None, 1)[-1] in ("of", "and", "the"):
        return True
    names = [n.strip() for n in re.split(r",\s*|\s+and\s+", before) if n.strip()]
    # A line inside a long list may open with the end of a name ("of the), New Zealand,
    # ..., Papua New" / "Guinea, ...").
    whole = names[1:] if len(names) >= 3 else names
    return len(names) >= 2 and all(n[:1].isupper() for n in whole)


def names_start(text: str) -> int | None:
    """Where the list of sponsors that `text` ends with begins, when a degraded extraction
    ran it together with what stood above it: "... and allocation of items State of
    Palestine" -> the index of "State of Palestine"; "... intolerance Albania, Australia
    and Ukraine" -> of "Albania". Only the names of States and of the few other sponsors
    (`lexicon.STATE_NAMES`, `lexicon.OTHER_SPONSORS`: "European Union") tell: None when
    the text does not end with one."""
    end = len(text.rstrip(" *"))
    first = None
    while True:
        head = text[:end]
        name = max((n for n in _NAMES if head.endswith(n)
                    and (len(head) == len(n) or head[-len(n) - 1] == " ")),
                   key=len, default=None)
        if name is None:
            return first
        first = end - len(name)
        # "Egypt,* Equatorial Guinea", "Belarus* and Russian Federation": marks after names.
        sep = re.search(r"\**(?:,\**|\s+and)\s+$", text[:first])
        if sep is None:
            return first
        end = sep.start()
