"""Apply amendments to a resolution (pure), derive them from an edited copy, and find the
pending amendments that collide or have gone stale.

Text matching normalises only for matching, never in the result:
    'the “rights”'  matches  'the "rights"'        (curly and straight quotes)
    'non-binding'   matches  'non\u2011binding'    (non-breaking hyphen)
    'of  the'       matches  'of\u00a0the'         (runs of white space, no-break space)
and whole words only: "the" does not match inside "other". The words around a change keep
the document's own spelling.
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from typing import Callable, Iterable, Sequence

from drafting.errors import AmendmentError
from drafting.model import TITLE, Amendment, Operation, Paragraph, Resolution
from drafting.numbering import SUFFIXES, LabelError, next_label_after, \
    next_label_before_first, split_label
from drafting.order import in_order

__all__ = ["apply_operations", "apply_amendments", "derive_operations", "find_collisions",
           "stale_reason"]


# --- matching --------------------------------------------------------------------------

_CLASSES = {}
for _chars, _cls in (('"“”„«»', '["“”„«»]'), ("'‘’", "['‘’]"), ("-\u2010\u2011", "[-\u2010\u2011]")):
    for _c in _chars:
        _CLASSES[_c] = _cls


@lru_cache(maxsize=8192)
def _pattern(needle: str) -> re.Pattern:
    """A regex matching `needle` under the normalisation above, on whole words."""
    out = []
    prev = ""
    for piece in re.findall(r"\s+|.", needle.strip(), flags=re.S):
        if piece.isspace():
            # After a word, the text may print a footnote mark the quotation leaves out
            # ("the Rome Statute of the International Criminal Court1 that define").
            out.append(r"(?:\d{1,2}|\*{1,3})?\s+" if prev.isalpha() else r"\s+")
        else:
            out.append(_CLASSES.get(piece) or re.escape(piece))
        prev = piece
    body = "".join(out)
    stripped = needle.strip()
    if stripped and (stripped[0].isalnum() or stripped[0] == "_"):
        body = r"(?<!\w)" + body
    if stripped and (stripped[-1].isalnum() or stripped[-1] == "_"):
        body += r"(?!\w)"
    return re.compile(body)


def _spans(text: str, needle: str) -> list[tuple[int, int]]:
    if not needle.strip():
        return []
    return [m.span() for m in _pattern(needle).finditer(text)]


# --- errors ----------------------------------------------------------------------------

def _error(message: str, aid: str | None, target: str | None, stale: str) -> AmendmentError:
    """An AmendmentError that also carries the phrase `stale_reason` reports."""
    err = AmendmentError(message, aid, target)
    err.stale = stale
    return err


def _missing(pid: str, aid, target) -> AmendmentError:
    return _error(f"{pid} does not exist", aid, target, f"{pid} no longer exists")


# --- text edits on one string ----------------------------------------------------------

_CLOSING = tuple(",;.:)]")


def _insert_at(text: str, at: int, new: str, before: bool) -> str:
    """Insert `new` at `at`, with one space between words (none before punctuation)."""
    left, right = text[:at], text[at:]
    if before:
        glue = "" if (not right or new.endswith(("(", "[")) or right[0].isspace()) else " "
        return left + new + glue + right
    glue = "" if (not left or new.startswith(_CLOSING) or left[-1].isspace()) else " "
    return left + glue + new + right


def _delete_span(text: str, s: int, e: int) -> str:
    """Remove text[s:e] and the one space that would be left doubled or before punctuation."""
    left, right = text[:s], text[e:]
    if left.endswith(" ") and (not right or right.startswith(" ") or right.startswith(_CLOSING)):
        left = left[:-1]
    elif not left and right.startswith(" "):
        right = right[1:]
    return left + right


def _edit(text: str, op: Operation, span: tuple[int, int] | None) -> str:
    """Apply a text operation at `span` (the located anchor or old text) to `text`."""
    if op.op == "insert_text":
        if op.position == "end":
            core = text.rstrip(";,.: ")
            tail = text[len(core):]
            return _insert_at(core, len(core), op.new, before=False) + tail
        if op.position == "beginning":
            return _insert_at(text, 0, op.new, before=True)
        s, e = span
        return _insert_at(text, e, op.new, False) if op.position == "after" else \
            _insert_at(text, s, op.new, True)
    s, e = span
    if op.op == "delete_text" or (op.op in ("replace_text", "replace_all") and not op.new):
        return _delete_span(text, s, e)
    return text[:s] + op.new + text[e:]


def _opener(text: str, language: str) -> str | None:
    try:
        from drafting.parse import opener_of
    except ImportError:  # pragma: no cover - the parser ships with the package
        words = text.split()
        return words[0].rstrip(",;:") if words else None
    return opener_of(text, language)


# --- the working copy ------------------------------------------------------------------

def _top(pid: str) -> str:
    return pid.split("(", 1)[0]


def _part(pid: str) -> str:
    return pid[:2]


def _map_sub(par: Paragraph, pid: str, fn: Callable[[Paragraph], Paragraph | None]):
    """`par` with the (sub-)paragraph `pid` replaced by fn(it) (None removes it), or None
    when `pid` is not below `par`."""
    if par.id == pid:
        return fn(par), True
    for i, sub in enumerate(par.subparagraphs):
        if pid.startswith(sub.id):
            new, found = _map_sub(sub, pid, fn)
            if found:
                subs = par.subparagraphs[:i] + ((new,) if new is not None else ()) \
                    + par.subparagraphs[i + 1:]
                return replace(par, subparagraphs=subs), True
    return par, False


class _Draft:
    """A mutable working copy of a resolution, so that thousands of operations cost one
    rebuild of the frozen model at the end. Only this module sees it."""

    def __init__(self, res: Resolution):
        self.res = res
        self.order = {"PP": [p.id for p in res.preambular], "OP": [p.id for p in res.operative]}
        self.paras = {p.id: p for p in res.paragraphs()}
        if res.title is not None:
            # The title takes text edits like a paragraph ("In the title, replace ...").
            self.paras[TITLE] = Paragraph(id=TITLE, text=res.title)
        # Labels ever used in this run: a deleted paragraph's number stays free of reuse.
        self.used = {k: {pid[2:] for pid in ids} for k, ids in self.order.items()}
        # The replacements throughout the text the current amendment made, in order: its
        # later instructions quote the tabled text, and find it through them (A/80/L.35
        # replaces "Chornobyl" throughout, then quotes "... the Chornobyl disaster").
        self.replaced: list[tuple[str, str]] = []

    def result(self) -> Resolution:
        title = self.paras[TITLE].text if TITLE in self.paras else self.res.title
        operative = [self.paras[i] for i in self.order["OP"]]
        if any(p.number for p in operative):
            # A sole operative paragraph is printed unnumbered; once another joins it (1bis),
            # it shows the number it is named by (OP1 -> "1."). Lettered ones keep letters.
            operative = [p if p.number or p.marker else replace(p, number=p.id[2:])
                         for p in operative]
        return self.res.evolve(preambular=tuple(self.paras[i] for i in self.order["PP"]),
                               operative=tuple(operative), title=title)

    def get(self, pid: str, aid, target) -> Paragraph:
        top = self.paras.get(_top(pid))
        if top is None:
            raise _missing(pid, aid, target)
        if top.id == pid:
            return top
        for p in top.walk():
            if p.id == pid:
                return p
        raise _missing(pid, aid, target)

    def put(self, pid: str, fn: Callable[[Paragraph], Paragraph | None]) -> None:
        top = _top(pid)
        new, _ = _map_sub(self.paras[top], pid, fn)
        self.paras[top] = new

    # operations ------------------------------------------------------------------------

    def apply(self, op: Operation, aid: str | None) -> str | None:
        """Apply one operation; returns the id of a paragraph it created."""
        kind = op.op
        if kind == "replace_all":
            self._replace_all(op, aid)
        elif kind in ("insert_text", "delete_text", "replace_text"):
            self._text(op, aid)
        elif op.target == TITLE:
            raise _error(f"{kind} does not apply to the title", aid, op.target,
                         f"{kind} does not apply to the title")
        elif kind == "delete_paragraph":
            gone = self.get(op.target, aid, op.target)
            if op.target in self.paras:
                order = self.order[_part(op.target)]
                at = order.index(op.target)
                order.remove(op.target)
                del self.paras[op.target]
                if at < len(order):
                    self.paras[order[at]] = _inherit_heading(self.paras[order[at]], gone)
            else:
                parent_id = op.target[:op.target.rindex("(")]

                def drop(parent: Paragraph) -> Paragraph:
                    subs = list(parent.subparagraphs)
                    at = next(k for k, sub in enumerate(subs) if sub.id == op.target)
                    del subs[at]
                    if at < len(subs):
                        subs[at] = _inherit_heading(subs[at], gone)
                    return replace(parent, subparagraphs=tuple(subs))

                self.put(parent_id, drop)
        elif kind == "replace_paragraph":
            self.get(op.target, aid, op.target)
            opener = _opener(op.new, self.res.language)
            self.put(op.target, lambda p: replace(
                p, text=op.new, opener=opener if p.label is None else p.opener,
                subparagraphs=(), footnotes=(), references=()))
        elif kind == "insert_paragraph":
            return self._insert_paragraph(op, aid)
        elif kind == "move_paragraph":
            self._move(op, aid)
        return None

    def _where(self, op: Operation, aid, subs: bool = False) -> tuple[str, str]:
        side, _, ref = (op.position or "").partition(" ")
        if side not in ("after", "before") or not ref or ref == TITLE:
            raise _error(f"position {op.position!r} is not 'after X' or 'before X'", aid,
                         op.target, f"position {op.position!r} is not understood")
        if ref not in self.paras:
            self.get(ref, aid, op.target)  # raises for unknown paragraphs
            if not subs:
                raise _error(f"cannot place a paragraph next to sub-paragraph {ref}", aid,
                             op.target, f"{ref} is a sub-paragraph")
        return side, ref

    def _insert_sub(self, side: str, ref: str, op: Operation, aid) -> str:
        """A new sub-paragraph after (a): (a bis), then (a ter), as conference officers
        label them; id OP2(abis). Before the first one: (0 bis), (0 ter), as a paragraph
        before PP1 is PP0bis; the final text re-letters them all."""
        parent_id, own = ref[:ref.rindex("(")], ref[ref.rindex("(") + 1:-1]
        parent = self.get(parent_id, aid, op.target)
        labels = [s.label or s.id[s.id.rindex("(") + 1:-1] for s in parent.subparagraphs]
        at = labels.index(own)
        first = side == "before" and at == 0
        if not first and side == "before":
            at -= 1
        after = "0" if first else labels[at]
        base, rank = _sub_label(after)
        taken = {_sub_label(x) for x in labels}
        rank += 1
        while (base, rank) in taken:
            rank += 1
        if rank >= len(SUFFIXES):
            raise _error(f"no label left after {after}", aid, op.target,
                         f"no label left after {after}")
        label = base + SUFFIXES[rank]
        if first:
            at = 0
        else:
            # After (a) when (a bis) exists: (a ter) goes after (a bis), labels stay sorted.
            at += 1
            while at < len(labels) and _sub_label(labels[at])[0] == base and \
                    _sub_label(labels[at]) < (base, rank):
                at += 1
        pid = f"{parent_id}({label})"
        marker = f"({base} {SUFFIXES[rank]})"
        new = Paragraph(id=pid, text=op.new, label=label, marker=marker)
        self.put(parent_id, lambda p: replace(
            p, subparagraphs=p.subparagraphs[:at] + (new,) + p.subparagraphs[at:]))
        return pid

    def _insert_first_sub(self, ref: str, op: Operation, aid) -> str:
        """The first sub-paragraph of `ref`: (a) under a paragraph, (i) under a sub-paragraph."""
        parent = self.get(ref, aid, op.target)
        if parent.subparagraphs:
            raise _error(f"{ref} already has sub-paragraphs: place the new one after one of "
                         f"them", aid, op.target, f"{ref} already has sub-paragraphs")
        label = "i" if "(" in ref else "a"
        pid = f"{ref}({label})"
        new = Paragraph(id=pid, text=op.new, label=label, marker=f"({label})")
        self.put(ref, lambda p: replace(p, subparagraphs=(new,)))
        return pid

    def _insert_paragraph(self, op: Operation, aid) -> str:
        if (op.position or "").startswith("into "):
            return self._insert_first_sub(op.position[5:], op, aid)
        side, ref = self._where(op, aid, subs=True)
        if ref not in self.paras:
            return self._insert_sub(side, ref, op, aid)
        part = _part(ref)
        order, used = self.order[part], self.used[part]
        at = order.index(ref)
        try:
            if side == "after":
                label = next_label_after(ref[2:], used)
                at += 1
                # After OP5 when OP5bis exists: OP5ter goes after OP5bis, labels stay sorted.
                key, base = split_label(label), split_label(ref[2:])[0]
                while at < len(order) and _key(order[at]) is not None and \
                        _key(order[at])[0] == base and _key(order[at]) < key:
                    at += 1
            else:
                label = next_label_after(order[at - 1][2:], used) if at else \
                    next_label_before_first(used)
        except LabelError as e:
            raise _error(str(e), aid, op.target, str(e)) from None
        pid = part + label
        used.add(label)
        number, marker = label, None
        if part == "OP" and order and all(self.paras[o].marker and not self.paras[o].number
                                          for o in order):
            # Among a decision's lettered paragraphs, a lettered one: "(a bis)" after "(a)".
            number, marker = None, _lettered_marker(label)
        self.paras[pid] = Paragraph(id=pid, text=op.new, number=number, marker=marker,
                                    opener=_opener(op.new, self.res.language))
        order.insert(at, pid)
        return pid

    def _move(self, op: Operation, aid) -> None:
        if op.target not in self.paras:
            self.get(op.target, aid, op.target)
            raise _error(f"cannot move sub-paragraph {op.target}", aid, op.target,
                         f"{op.target} is a sub-paragraph")
        side, ref = self._where(op, aid)
        if ref == op.target or _part(ref) != _part(op.target):
            raise _error(f"cannot move {op.target} {op.position}", aid, op.target,
                         f"cannot move {op.target} {op.position}")
        order = self.order[_part(ref)]
        order.remove(op.target)
        at = order.index(ref) + (side == "after")
        order.insert(at, op.target)

    def _text(self, op: Operation, aid) -> None:
        par = self.get(op.target, aid, op.target)
        if op.op == "insert_text" and op.position in ("end", "beginning"):
            self.put(op.target, lambda p: self._retext(p, _edit(p.text, op, None)))
            return
        needle = op.anchor if op.op == "insert_text" else op.old
        if op.op == "insert_text" and op.position not in ("after", "before"):
            raise _error(f"insert position {op.position!r} is not after/before", aid,
                         op.target, f"insert position {op.position!r} is not understood")
        what = "anchor" if op.op == "insert_text" else "text"
        # The paragraph's own words first; its sub-paragraphs only when they are not there.
        candidates = self._candidates(par, needle)
        if not candidates and self.replaced:
            tabled = needle
            for old, new in self.replaced:
                tabled = tabled.replace(old, new)
            candidates = self._candidates(par, tabled)
        n = len(candidates)
        if not n:
            raise _error(f"{what} {needle!r} not found in {op.target}", aid, op.target,
                         f"{what} {needle!r} no longer in {op.target}")
        if op.occurrence:
            if op.occurrence > n:
                raise _error(f"{what} {needle!r} occurs {n} time(s) in {op.target}, "
                             f"there is no occurrence {op.occurrence}", aid, op.target,
                             f"{what} {needle!r} no longer occurs {op.occurrence} times in "
                             f"{op.target}")
            pid, span = candidates[op.occurrence - 1]
        elif n > 1:
            raise _error(f"{what} {needle!r} occurs {n} times in {op.target}; say which "
                         f"(\"the second occurrence of ...\")", aid, op.target,
                         f"{what} {needle!r} now occurs {n} times in {op.target}")
        else:
            pid, span = candidates[0]
        self.put(pid, lambda p: self._retext(p, _edit(p.text, op, span)))

    @staticmethod
    def _candidates(par: Paragraph, needle: str) -> list[tuple[str, tuple[int, int]]]:
        """Where `needle` is: in the paragraph's own words first, its sub-paragraphs only
        when they are not there."""
        candidates = [(par.id, s) for s in _spans(par.text, needle)]
        if not candidates:
            candidates = [(p.id, s) for p in par.walk() if p is not par
                          for s in _spans(p.text, needle)]
        return candidates

    def _replace_all(self, op: Operation, aid) -> None:
        self.replaced.append((op.old, op.new or ""))
        total = 0
        if TITLE in self.paras:
            # "Replace "Chornobyl" with "Chernobyl" in the title, the preambular paragraphs
            # and the operative paragraphs": the whole text is the title's too.
            spans = _spans(self.paras[TITLE].text, op.old)
            text = self.paras[TITLE].text
            for span in reversed(spans):
                text = _edit(text, op, span)
            self.paras[TITLE] = Paragraph(id=TITLE, text=text)
            total += len(spans)
        for kind in ("PP", "OP"):
            for top_id in self.order[kind]:
                top = self.paras[top_id]
                for p in list(top.walk()):
                    spans = _spans(p.text, op.old)
                    if not spans:
                        continue
                    total += len(spans)
                    text = p.text
                    for span in reversed(spans):
                        text = _edit(text, op, span)
                    self.put(p.id, lambda q, text=text: self._retext(q, text))
        if not total:
            raise _error(f"text {op.old!r} not found anywhere in the text", aid, None,
                         f"text {op.old!r} no longer in the text")

    def _retext(self, p: Paragraph, text: str) -> Paragraph:
        if p.label is None and p.opener and not text.startswith(p.opener):
            return replace(p, text=text, opener=_opener(text, self.res.language))
        return replace(p, text=text)


_SUB_LABEL = re.compile(r"^(.+?)(" + "|".join(SUFFIXES[1:]) + r")?$")


def _lettered_marker(label: str) -> str:
    """The printed letter of a paragraph inserted among lettered ones, from its new label:
    "1bis" -> "(a bis)", "2ter" -> "(b ter)", "0bis" (before the first) -> "(0 bis)"."""
    from drafting.finalize import letters

    n, rank = split_label(label)
    suffix, letter = SUFFIXES[rank], letters(n) if n else "0"
    return f"({letter} {suffix})" if suffix else f"({letter})"


def _inherit_heading(nxt: Paragraph, gone: Paragraph) -> Paragraph:
    """`nxt` once `gone`, before it, is deleted: a heading ("### II. ...", "**Option 1:**")
    heads what follows."""
    return replace(nxt, heading=gone.heading + nxt.heading) if gone.heading else nxt


def _sub_label(label: str) -> tuple[str, int]:
    """'a' -> ('a', 0); 'abis' -> ('a', 1); 'iiter' -> ('ii', 2)."""
    m = _SUB_LABEL.match(label)
    return m[1], SUFFIXES.index(m[2] or "")


def _key(pid: str):
    try:
        return split_label(pid[2:])
    except LabelError:
        return None


# --- applying --------------------------------------------------------------------------

def apply_operations(res: Resolution, ops: Iterable[Operation],
                     amendment_id: str | None = None) -> Resolution:
    """`res` with the operations applied in order. New paragraphs get the next free label
    (after OP5: OP5bis, then OP5ter); deleted paragraphs leave the model and every other id
    stays. Raises AmendmentError naming `amendment_id` and the target."""
    draft = _Draft(res)
    for op in ops:
        draft.apply(op, amendment_id)
    return draft.result()


def apply_amendments(res: Resolution, amendments: Sequence[Amendment]) -> Resolution:
    """Every amendment's operations, amendments in the order given (filing order)."""
    draft = _Draft(res)
    for amendment in amendments:
        draft.replaced.clear()
        for op in amendment.operations:
            draft.apply(op, amendment.id)
    return draft.result()


def stale_reason(res: Resolution, amendment: Amendment) -> str | None:
    """Why `amendment` no longer applies to `res` ("anchor 'x' no longer in OP3",
    "OP4 no longer exists"), or None when it still applies."""
    try:
        apply_operations(res, amendment.operations, amendment.id)
    except AmendmentError as e:
        return getattr(e, "stale", None) or str(e)
    return None


# --- collisions ------------------------------------------------------------------------

def _footprints(res: Resolution, amendment: Amendment) -> list[tuple[str, str, int, int, str]]:
    """(paragraph id, kind, start, end, words) for each place the amendment touches:
    kind "text" (a span of words), "whole" (deletes or replaces the paragraph),
    "ref" (places a paragraph next to it)."""
    out = []
    for op in amendment.operations:
        if op.op in ("delete_paragraph", "replace_paragraph"):
            out.append((op.target, "whole", 0, 0, op.op))
        elif op.op in ("insert_paragraph",):
            ref = (op.position or "").partition(" ")[2] or op.target
            out.append((ref, "ref", 0, 0, op.op))
        elif op.op == "move_paragraph":
            out.append((op.target, "moved", 0, 0, op.op))
            out.append(((op.position or "").partition(" ")[2], "ref", 0, 0, op.op))
        elif op.op == "replace_all":
            title = [_target(res, TITLE)] if res.title is not None else []
            for p in title + [p for top in res.paragraphs() for p in top.walk()]:
                for s, e in _spans(p.text, op.old):
                    out.append((p.id, "text", s, e, p.text[s:e]))
        elif op.target and not (op.op == "insert_text" and op.position in ("end", "beginning")):
            par = _target(res, op.target)
            if par is None:
                continue
            needle = op.anchor if op.op == "insert_text" else op.old
            found = [(par.id, s) for s in _spans(par.text, needle)] or \
                [(p.id, s) for p in par.walk() if p is not par for s in _spans(p.text, needle)]
            if op.occurrence and op.occurrence <= len(found):
                found = [found[op.occurrence - 1]]
            if len(found) == 1:
                pid, (s, e) = found[0]
                text = _target(res, pid).text
                out.append((pid, "text", s, e, text[s:e]))
    return out


def _target(res: Resolution, pid: str) -> Paragraph | None:
    """The paragraph `pid`, or the title as a paragraph of its own."""
    if pid == TITLE:
        return Paragraph(id=TITLE, text=res.title) if res.title is not None else None
    return res.find(pid)


def _collide(a, b) -> str | None:
    """Why two footprints collide, or None. `a` and `b` are (amendment id, footprint)."""
    (ida, (pa, ka, sa, ea, wa)), (idb, (pb, kb, sb, eb, wb)) = a, b
    same = pa == pb
    a_over_b = pb.startswith(pa + "(") or same
    b_over_a = pa.startswith(pb + "(") or same
    if ka == "whole" and kb == "whole" and same:
        if wa == wb == "delete_paragraph":
            return f"both delete {pa}"
        return f"both replace or delete {pa}"
    if ka == "whole" and kb != "ref" and a_over_b:
        verb = "deletes" if wa == "delete_paragraph" else "replaces"
        return f"{ida} {verb} {pa}, which {idb} amends"
    if kb == "whole" and ka != "ref" and b_over_a:
        verb = "deletes" if wb == "delete_paragraph" else "replaces"
        return f"{idb} {verb} {pb}, which {ida} amends"
    if ka == "whole" and kb == "ref" and same and wa == "delete_paragraph":
        return f"{ida} deletes {pa}, next to which {idb} places a paragraph"
    if kb == "whole" and ka == "ref" and same and wb == "delete_paragraph":
        return f"{idb} deletes {pb}, next to which {ida} places a paragraph"
    if ka == kb == "moved" and same:
        return f"both move {pa}"
    if ka == kb == "text" and same and sa < eb and sb < ea:
        return f"both change {wa if ea - sa <= eb - sb else wb!r} in " + (
            "the title" if pa == TITLE else pa)
    return None


def find_collisions(res: Resolution, amendments: Sequence[Amendment]) -> list[tuple[str, str, str]]:
    """Pairs of pending amendments that touch the same words, or the same paragraph as a
    whole: (first id, second id, reason), in filing order, one reason per pair."""
    pending = [a for a in amendments if a.status == "proposed"]
    by_top: dict[str, list[tuple[int, str, tuple]]] = {}
    for n, a in enumerate(pending):
        for fp in _footprints(res, a):
            by_top.setdefault(_top(fp[0]), []).append((n, a.id, fp))
    found: dict[tuple[int, int], str] = {}
    for items in by_top.values():
        for i, (na, ida, fa) in enumerate(items):
            for nb, idb, fb in items[i + 1:]:
                if na == nb:
                    continue
                first, second = ((na, ida, fa), (nb, idb, fb)) if na < nb else \
                    ((nb, idb, fb), (na, ida, fa))
                pair = (first[0], second[0])
                if pair in found:
                    continue
                why = _collide((first[1], first[2]), (second[1], second[2]))
                if why:
                    found[pair] = why
    return [(pending[x].id, pending[y].id, why) for (x, y), why in sorted(found.items())]


# --- the reverse direction: an edited copy -> operations -------------------------------

def _similarity(a: str, b: str) -> float:
    """Dice coefficient of the two texts' word sets."""
    wa, wb = set(a.lower().split()), set(b.lower().split())
    if not wa and not wb:
        return 1.0
    return 2 * len(wa & wb) / (len(wa) + len(wb))


def _align(old: Sequence[Paragraph], new: Sequence[Paragraph]) -> dict[int, int]:
    """new index -> old index: same text first, then same id if similar, then the most
    similar remaining paragraph (preambular ids are positions, so they shift)."""
    pairs: dict[int, int] = {}
    taken: set[int] = set()
    by_text: dict[str, list[int]] = {}
    for i, p in enumerate(old):
        by_text.setdefault(p.full_text(), []).append(i)
    for j, p in enumerate(new):
        cands = [i for i in by_text.get(p.full_text(), ()) if i not in taken]
        if cands:
            i = min(cands, key=lambda i: (old[i].id != p.id, abs(i - j)))
            pairs[j] = i
            taken.add(i)
    old_ids = {p.id: i for i, p in enumerate(old)}
    for j, p in enumerate(new):
        i = old_ids.get(p.id)
        if j not in pairs and i is not None and i not in taken and \
                _similarity(old[i].full_text(), p.full_text()) >= 0.3:
            pairs[j] = i
            taken.add(i)
    for j, p in enumerate(new):
        if j in pairs:
            continue
        best, score = None, 0.5
        for i, q in enumerate(old):
            if i not in taken:
                s = _similarity(q.full_text(), p.full_text())
                if s > score:
                    best, score = i, s
        if best is not None:
            pairs[j] = best
            taken.add(best)
    return pairs



def _word_hunks(a: list[str], b: list[str]) -> list[tuple[int, int, int, int]]:
    """Word-level diff with diff-match-patch (each distinct word becomes one character):
    (old start, old end, new start, new end) of each changed stretch."""
    from diff_match_patch import diff_match_patch

    codes: dict[str, str] = {}

    def encode(words: list[str]) -> str:
        out = []
        for w in words:
            c = codes.get(w)
            if c is None:
                n = len(codes) + 0x100
                c = codes[w] = chr(n + 0x800 if n >= 0xD800 else n)
            out.append(c)
        return "".join(out)

    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0  # never truncate: a half diff would be a wrong amendment
    diffs = dmp.diff_main(encode(a), encode(b), False)
    dmp.diff_cleanupSemantic(diffs)
    hunks, i, k, open_ = [], 0, 0, None
    for kind, chunk in diffs:
        n = len(chunk)
        if kind == 0:
            if open_:
                hunks.append((open_[0], i, open_[1], k))
                open_ = None
            i += n
            k += n
            continue
        if open_ is None:
            open_ = (i, k)
        if kind < 0:
            i += n
        else:
            k += n
    if open_:
        hunks.append((open_[0], i, open_[1], k))
    return hunks


def _count(text: str, needle: str) -> int:
    return len(_spans(text, needle))


def _text_ops(pid: str, old: str, new: str) -> list[Operation]:
    """Operations turning paragraph text `old` into `new`, each anchored on words that are
    unique in the paragraph at the moment it applies (checked by applying it)."""
    if old == new:
        return []
    a, b = old.split(" "), new.split(" ")
    ops: list[Operation] = []
    cur_text = old
    for i0, i1, k0, k1 in _word_hunks(a, b):
        cur = b[:k0] + a[i0:]
        want = " ".join(b[:k1] + a[i1:])
        op = _hunk_op(pid, cur, k0, i1 - i0, b[k0:k1])
        got = None
        if op is not None:
            try:
                got = _apply_text(cur_text, op)
            except AmendmentError:
                got = None
        if got != want:
            op = _whole_text(pid, cur_text, want)
            got = want
        ops.append(op)
        cur_text = got
    return ops


def _whole_text(pid: str, cur: str, want: str) -> Operation:
    if cur.strip():
        return Operation("replace_text", pid, old=cur, new=want)
    return Operation("insert_text", pid, new=want, position="end")


def _hunk_op(pid: str, cur: list[str], at: int, m: int, new: list[str]) -> Operation | None:
    text = " ".join(cur)
    if m and not new and _count(text, " ".join(cur[at:at + m])) == 1:
        return Operation("delete_text", pid, old=" ".join(cur[at:at + m]))
    if m:
        # Replace (or a delete that needs context): widen on both sides until unique.
        for width in range(len(cur) + 1):
            left = max(0, at - (width + 1) // 2)
            right = min(len(cur), at + m + width // 2)
            old = " ".join(cur[left:right])
            if _count(text, old) == 1:
                repl = " ".join(cur[left:at] + new + cur[at + m:right])
                if not repl:
                    return Operation("delete_text", pid, old=old)
                return Operation("replace_text", pid, old=old, new=repl)
            if left == 0 and right == len(cur):
                return None
        return None
    inserted = " ".join(new)
    if at > 0:
        for left in range(at - 1, -1, -1):
            anchor = " ".join(cur[left:at])
            if anchor.strip() and _count(text, anchor) == 1:
                return Operation("insert_text", pid, anchor=anchor, new=inserted,
                                 position="after")
    for right in range(at + 1, len(cur) + 1):
        anchor = " ".join(cur[at:right])
        if anchor.strip() and _count(text, anchor) == 1:
            return Operation("insert_text", pid, anchor=anchor, new=inserted, position="before")
    return None


def _apply_text(text: str, op: Operation) -> str:
    """One text operation on a lone string, as _Draft._text would apply it."""
    if op.op == "insert_text" and op.position in ("end", "beginning"):
        return _edit(text, op, None)
    needle = op.anchor if op.op == "insert_text" else op.old
    spans = _spans(text, needle)
    if len(spans) != 1:
        raise AmendmentError("not unique", None, op.target)
    return _edit(text, op, spans[0])


def _paragraph_ops(old: Paragraph, new: Paragraph, emit) -> None:
    """Emit the operations turning `old` into `new`, sub-paragraphs aligned by id; a new
    sub-paragraph goes after the one before it, into a paragraph that had none, or before
    the first one."""
    for op in _text_ops(old.id, old.text, new.text):
        emit(op)
    # Sub-paragraphs match by their place under the parent ("(a)"), not by full id: the
    # parent itself may have been renumbered (old OP1 is new OP2 after an insertion).
    old_subs = {s.id[len(old.id):]: s for s in old.subparagraphs}
    new_rel = {s.id[len(new.id):] for s in new.subparagraphs}
    prev = None
    for sub in new.subparagraphs:
        rel = sub.id[len(new.id):]
        if rel in old_subs:
            _paragraph_ops(old_subs[rel], sub, emit)
            prev = old_subs[rel].id
        else:
            # After the one before it, into a paragraph that had none, or before the first
            # one (still there: deletions come last).
            if prev is not None:
                target, position = prev, f"after {prev}"
            elif not old.subparagraphs:
                target, position = old.id, f"into {old.id}"
            else:
                target = old.subparagraphs[0].id
                position = f"before {target}"
            prev = emit(Operation("insert_paragraph", target, new=sub.text, position=position))
            _insert_subs(prev, sub, emit)
    for rel, sub in old_subs.items():
        if rel not in new_rel:
            emit(Operation("delete_paragraph", sub.id))


def _insert_subs(pid: str, new: Paragraph, emit) -> None:
    """Emit the sub-paragraphs of `new`, just inserted as `pid`: the first into it, each
    next one after the one before, theirs in turn."""
    prev = None
    for sub in new.subparagraphs:
        if prev is None:
            prev = emit(Operation("insert_paragraph", pid, new=sub.text, position=f"into {pid}"))
        else:
            prev = emit(Operation("insert_paragraph", prev, new=sub.text,
                                  position=f"after {prev}"))
        _insert_subs(prev, sub, emit)


def derive_operations(old: Resolution, new: Resolution) -> tuple[Operation, ...]:
    """The operations that turn `old` into the edited copy `new`: paragraphs aligned by id,
    then by text; word-level edits inside each paragraph (diff-match-patch); whole
    paragraphs inserted, deleted or moved. apply_operations(old, result) has new's texts.
    What an amendment cannot carry (headings, closing) is named by `not_carried`.
    """
    draft = _Draft(old)
    ops: list[Operation] = []

    def emit(op: Operation) -> str | None:
        ops.append(op)
        return draft.apply(op, None)

    if old.title is not None and new.title is not None:
        for op in _text_ops(TITLE, old.title, new.title):
            emit(op)

    for kind, o, n in (("PP", old.preambular, new.preambular),
                       ("OP", old.operative, new.operative)):
        pairs = _align(o, n)
        kept = set(pairs.values())
        matched = [j for j in range(len(n)) if j in pairs]
        stable = {matched[k] for k in in_order([pairs[j] for j in matched])}
        prev: str | None = None
        for j, p in enumerate(n):
            if j in pairs:
                source = o[pairs[j]]
                if j not in stable:
                    order = draft.order[kind]
                    position = f"after {prev}" if prev else f"before {order[0]}"
                    if not (prev is None and order[0] == source.id):
                        emit(Operation("move_paragraph", source.id, position=position))
                _paragraph_ops(source, p, emit)
                prev = source.id
            else:
                order = draft.order[kind]
                if prev:
                    position = f"after {prev}"
                elif order:
                    position = f"before {order[0]}"
                else:
                    raise AmendmentError(f"cannot place a new paragraph in an empty "
                                         f"{'preamble' if kind == 'PP' else 'operative part'}")
                prev = emit(Operation("insert_paragraph", prev or order[0], new=p.text,
                                      position=position))
                _insert_subs(prev, p, emit)
        # Deletions last, so that there is always a paragraph to place new ones next to.
        for i, p in enumerate(o):
            if i not in kept:
                emit(Operation("delete_paragraph", p.id))
    return tuple(ops)


# Parts of a text an amendment does not change (it changes the title and the paragraphs),
# by compare's names for them.
_NOT_AMENDABLE = ("body", "sponsors", "transition", "sponsor_note", "notes", "footnotes",
                  "headings", "closing")


def not_carried(old: Resolution, new: Resolution, ops: Iterable[Operation]) -> tuple[str, ...]:
    """What the edited copy `new` changes that `ops` (from derive_operations) leave out: the
    names, as `compare` gives them, of its parts that differ once `ops` are applied to `old`
    ("headings", "closing", "sponsors"). A part the copy does not print at all (a copy
    pasted without its masthead or its headings) proposes nothing and is not named."""
    from drafting.compare import front_changes

    return tuple(name for name, _, value in front_changes(apply_operations(old, ops), new)
                 if name in _NOT_AMENDABLE and value not in (None, "", ()))
