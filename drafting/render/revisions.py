"""Word revision marks: comparisons and the compilation text as real tracked changes.

This is the only module that writes w:ins / w:del (python-docx has no API for them). Every
mark carries w:id (unique in the document), w:author and w:date, so Word's Review pane
lists who proposed what. Accept all gives the new text, reject all the old one.

Specimens (ECMA-376 part 1, 17.13.5):

    changed words      <w:del w:id="3" w:author="Chair" w:date="2025-09-19T00:00:00Z">
                         <w:r><w:delText xml:space="preserve">Deploring</w:delText></w:r></w:del>
                       <w:ins w:id="4" ...><w:r><w:t xml:space="preserve">Regretting</w:t></w:r></w:ins>
    inserted paragraph <w:p><w:pPr>...<w:rPr><w:ins w:id="5" .../></w:rPr></w:pPr>
                         <w:ins w:id="6" ...><w:r>...</w:r></w:ins></w:p>
    deleted paragraph  the same with w:del, its words in w:delText: the paragraph mark is
                       deleted too, so accepting leaves no empty paragraph behind.

Moved paragraphs are written as a deletion at the old place and an insertion at the new
one (not w:moveFrom / w:moveTo): every reader that knows tracked changes, pandoc and
LibreOffice included, accepts and rejects del+ins, while move marks are read unevenly.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Iterator, Sequence

from drafting.model import Amendment, Comparison, Paragraph, ParagraphChange, Resolution
from drafting.render.docx import (
    FIXED_DATE, PLAIN, HouseStyle, closing_lines, escape, front_matter, house_of, label_of,
    opener_format, opener_length, package, paragraph, run, style_of, w3cdtf,
)

# A piece of a paragraph: (kind, text, format, author); kind "=" kept, "-" deleted,
# "+" inserted; author None for kept text.
Span = tuple[str, str, str, "str | None"]


class _Marks:
    """Numbers revision marks within one document (w:id must be unique) and writes them."""

    def __init__(self, date):
        self.date = escape(w3cdtf(date))
        self.next_id = 1

    def attrs(self, author: str) -> str:
        n = self.next_id
        self.next_id += 1
        return f'w:id="{n}" w:author="{escape(author)}" w:date="{self.date}"'

    def content(self, spans: Sequence[Span]) -> str:
        """Runs for the spans, consecutive insertions/deletions by one author in one mark."""
        out: list[str] = []
        i = 0
        while i < len(spans):
            kind, _, _, author = spans[i]
            j = i
            while j < len(spans) and spans[j][0] == kind and spans[j][3] == author:
                j += 1
            runs = "".join(run(text, fmt, deleted=(kind == "-")) for _, text, fmt, _ in spans[i:j])
            if runs:
                if kind == "=":
                    out.append(runs)
                else:
                    tag = "w:ins" if kind == "+" else "w:del"
                    out.append(f"<{tag} {self.attrs(author or '')}>{runs}</{tag}>")
            i = j
        return "".join(out)

    def paragraph(self, style: str, spans: Sequence[Span], mark: tuple[str, str] | None = None
                  ) -> str:
        """A w:p; `mark` = ("+"|"-", author) when the paragraph mark itself is tracked."""
        mark_xml = ""
        if mark:
            tag = "w:ins" if mark[0] == "+" else "w:del"
            mark_xml = f"<{tag} {self.attrs(mark[1])}/>"
        return paragraph(style, self.content(spans), mark_xml)


# ---------------------------------------------------------------------------------------
# Word diffs

_TOKENS = re.compile(r"\s+|[^\s]+")


def word_diff(old: str, new: str) -> tuple[tuple[str, str], ...]:
    """A word diff whose "=" and "-" parts concatenate to `old`, "=" and "+" to `new`.

    Used for the front matter, and when a ParagraphChange carries no usable diff.
    """
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    out: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            out.append(("=", "".join(a[i1:i2])))
        else:
            if i2 > i1:
                out.append(("-", "".join(a[i1:i2])))
            if j2 > j1:
                out.append(("+", "".join(b[j1:j2])))
    return tuple(out)


def _usable_diff(pc_diff, old: str, new: str) -> tuple[tuple[str, str], ...]:
    """The change's own diff when it rebuilds both texts exactly, else our word diff."""
    if pc_diff:
        old_join = "".join(t for k, t in pc_diff if k != "+")
        new_join = "".join(t for k, t in pc_diff if k != "-")
        if old_join == old and new_join == new:
            return tuple(pc_diff)
    return word_diff(old, new)


def diff_spans(diff, old_opener: int, new_opener: int, opener_fmt: str, author: str | None
               ) -> list[Span]:
    """Spans for a word diff, with the opener's format kept on the opener's characters.

    The opener is measured in characters of the old text for deleted parts and of the new
    text for kept and inserted ones: "Deploring" -> "Regretting" gives two italic spans.
    """
    out: list[Span] = []
    old_pos = new_pos = 0
    for kind, text in diff:
        if not text:
            continue
        pos, limit = (old_pos, old_opener) if kind == "-" else (new_pos, new_opener)
        cut = max(0, min(len(text), limit - pos))
        who = None if kind == "=" else author
        if cut:
            out.append((kind, text[:cut], opener_fmt, who))
        if cut < len(text):
            out.append((kind, text[cut:], PLAIN, who))
        if kind != "+":
            old_pos += len(text)
        if kind != "-":
            new_pos += len(text)
    return out


def whole_spans(p: Paragraph, house: HouseStyle, kind: str, author: str | None
                ) -> list[Span]:
    """The paragraph's own text, every span of one kind ("=", "+", "-")."""
    n = opener_length(p)
    fmt = opener_format(p, house)
    who = None if kind == "=" else author
    spans: list[Span] = []
    if n:
        spans.append((kind, p.text[:n], fmt, who))
    spans.append((kind, p.text[n:], PLAIN, who))
    return spans


def label_spans(old: Paragraph | None, new: Paragraph | None, author: str) -> list[Span]:
    """The printed number with its tab; a renumbered paragraph shows "3." -> "4."."""
    a = label_of(old) if old is not None else ""
    b = label_of(new) if new is not None else ""
    if a == b:
        return [("=", a + "\t", PLAIN, None)] if a else []
    spans: list[Span] = []
    if a:
        spans.append(("-", a + "\t", PLAIN, author))
    if b:
        spans.append(("+", b + "\t", PLAIN, author))
    return spans


# ---------------------------------------------------------------------------------------
# Comparisons

def _sub_changes(old: Paragraph | None, new: Paragraph | None) -> tuple[ParagraphChange, ...]:
    """Sub-paragraph changes matched by id, for changes that do not list their own."""
    olds = {s.id: s for s in old.subparagraphs} if old is not None else {}
    news = {s.id: s for s in new.subparagraphs} if new is not None else {}
    out: list[ParagraphChange] = []
    order = [s.id for s in new.subparagraphs] if new is not None else []
    # Deleted sub-paragraphs keep their old place: after the new one that preceded them.
    if old is not None:
        for i, s in enumerate(old.subparagraphs):
            if s.id not in news:
                before = [o.id for o in old.subparagraphs[:i] if o.id in news]
                order.insert(order.index(before[-1]) + 1 if before else 0, s.id)
    for sid in order:
        o, n = olds.get(sid), news.get(sid)
        if o is None:
            change = "inserted"
        elif n is None:
            change = "deleted"
        else:
            change = "unchanged" if (o.text, o.label) == (n.text, n.label) else "modified"
        out.append(ParagraphChange(
            old_id=o.id if o else None, new_id=n.id if n else None, change=change,
            old_text=o.text if o else None, new_text=n.text if n else None,
            subparagraphs=_sub_changes(o, n), old=o, new=n))
    return tuple(out)


class _ComparisonWriter:
    def __init__(self, comparison: Comparison, house: HouseStyle, author: str, date: str):
        self.c = comparison
        self.house = house
        self.author = author
        self.marks = _Marks(date)

    def paras(self, pc: ParagraphChange) -> tuple[Paragraph | None, Paragraph | None]:
        old = pc.old if pc.old is not None else (
            self.c.old.find(pc.old_id) if pc.old_id else None)
        new = pc.new if pc.new is not None else (
            self.c.new.find(pc.new_id) if pc.new_id else None)
        return old, new

    def change(self, pc: ParagraphChange, depth: int, force: str | None = None) -> Iterator[str]:
        """The w:p elements for one change and its sub-paragraphs.

        `force` "+" / "-" writes the new / old paragraph wholly inserted / deleted (moves).
        """
        old, new = self.paras(pc)
        kind = force or {"inserted": "+", "deleted": "-"}.get(pc.change, "=")
        if kind == "+" and new is None or kind == "-" and old is None:
            return
        # Headings printed before the paragraph ("### II. MITIGATION"), line against line.
        olds = old.heading if old is not None and kind != "+" else ()
        news = new.heading if new is not None and kind != "-" else ()
        for k in range(max(len(olds), len(news))):
            yield self.text_line("SectionHeading", olds[k] if k < len(olds) else None,
                                 news[k] if k < len(news) else None, PLAIN)
        house, author = self.house, self.author
        if kind == "+":
            spans = label_spans(None, new, author) + whole_spans(new, house, "+", author)
            yield self.marks.paragraph(style_of(new, depth), spans, ("+", author))
            subs = pc.subparagraphs if not force and pc.subparagraphs else _sub_changes(None, new)
        elif kind == "-":
            spans = label_spans(old, None, author) + whole_spans(old, house, "-", author)
            yield self.marks.paragraph(style_of(old, depth), spans, ("-", author))
            subs = pc.subparagraphs if not force and pc.subparagraphs else _sub_changes(old, None)
        else:
            if old is None or new is None:
                return
            diff = _usable_diff(pc.diff, old.text, new.text)
            spans = label_spans(old, new, author) + diff_spans(
                diff, opener_length(old), opener_length(new), opener_format(new, house),
                author)
            yield self.marks.paragraph(style_of(new, depth), spans)
            subs = pc.subparagraphs or _sub_changes(old, new)
        for sub in subs:
            yield from self.change(sub, depth + 1, force)

    def text_line(self, style: str, old: str | None, new: str | None, fmt: str) -> str:
        author = self.author
        if old == new:
            return paragraph(style, run(new or "", fmt))
        if old is None:
            return self.marks.paragraph(style, [("+", new or "", fmt, author)], ("+", author))
        if new is None:
            return self.marks.paragraph(style, [("-", old, fmt, author)], ("-", author))
        spans = [(k, t, fmt, None if k == "=" else author) for k, t in word_diff(old, new)]
        return self.marks.paragraph(style, spans)

    def front(self) -> Iterator[str]:
        old = _keyed(front_matter(self.c.old, self.house))
        new = _keyed(front_matter(self.c.new, self.house))
        # Each front line is keyed by its style (Symbol, Sponsors, ResolutionTitle, Note,
        # Body) and its rank among the lines of that style (two symbol lines, two notes).
        olds = {key: (text, fmt) for key, text, fmt in old}
        news = {key: (text, fmt) for key, text, fmt in new}
        order = [k for k, _, _ in new]
        for i, (key, _, _) in enumerate(old):
            if key not in news:
                before = [k for k, _, _ in old[:i] if k in news]
                order.insert(order.index(before[-1]) + 1 if before else 0, key)
        for key in order:
            o, n = olds.get(key), news.get(key)
            fmt = (n or o)[1]
            yield self.text_line(key[0], o and o[0], n and n[0], fmt)

    def body(self) -> Iterator[str]:
        yield from self.front()
        changes = list(self.c.paragraphs)
        # Where a moved paragraph used to be: right after the nearest earlier old paragraph
        # that did not move ("" = before everything).
        old_order = [p.id for p in self.c.old.paragraphs()]
        staying = {pc.old_id for pc in changes if pc.old_id and not pc.moved}
        left_behind: dict[str, list[ParagraphChange]] = {}
        for pc in changes:
            if pc.moved and pc.old_id in old_order:
                i = old_order.index(pc.old_id)
                anchor = next((o for o in reversed(old_order[:i]) if o in staying), "")
                left_behind.setdefault(anchor, []).append(pc)
        transition_done = False
        for pc in left_behind.get("", ()):
            yield from self.change(pc, 0, "-")
        for pc in changes:
            pid = pc.new_id or pc.old_id or ""
            if not transition_done and pid.startswith("OP"):
                transition_done = True
                yield from self.transition()
            if pc.moved:
                yield from self.change(pc, 0, "+")
            else:
                yield from self.change(pc, 0)
            if pc.old_id and not pc.moved:
                for moved in left_behind.get(pc.old_id, ()):
                    yield from self.change(moved, 0, "-")
        if not transition_done:
            yield from self.transition()
        yield from self.closing()

    def closing(self) -> Iterator[str]:
        """The closing lines (trailer, annex), line against line."""
        from difflib import SequenceMatcher

        old, new = closing_lines(self.c.old), closing_lines(self.c.new)
        for op, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
            if op == "equal":
                pairs = [(line, line) for line in old[i1:i2]]
            elif op == "replace" and i2 - i1 == j2 - j1:
                pairs = list(zip(old[i1:i2], new[j1:j2]))
            else:
                pairs = [(o, None) for o in old[i1:i2]] + [(None, n) for n in new[j1:j2]]
            for o, n in pairs:
                yield self.text_line("Closing", o, n, PLAIN)

    def transition(self) -> Iterator[str]:
        old, new = self.c.old.transition, self.c.new.transition
        if old or new:
            yield self.text_line("Transition", old, new, self.house.transition)


def _keyed(front: list[tuple[str, str, str]]) -> list[tuple[tuple[str, int], str, str]]:
    """[(style, text, fmt)] -> [((style, rank among that style's lines), text, fmt)]."""
    seen: dict[str, int] = {}
    out = []
    for style, text, fmt in front:
        seen[style] = seen.get(style, 0) + 1
        out.append(((style, seen[style]), text, fmt))
    return out


def render_comparison(comparison: Comparison, author: str, date=FIXED_DATE) -> bytes:
    """The new revision with every change from the old one as a tracked change.

    `author` and `date` (a datetime, or W3CDTF text "2025-09-19T00:00:00Z") go on every
    mark; the house style is the new revision's.
    """
    house = house_of(comparison.new, None)
    writer = _ComparisonWriter(comparison, house, author, date)
    return package("".join(writer.body()), title=comparison.new.title or "", date=date)


# ---------------------------------------------------------------------------------------
# The compilation text

_STATUS_WORDS = {"pending": "pending", "agreed_ad_ref": "agreed ad ref", "agreed": "agreed",
                 "deleted": "deleted"}

# Amendments still on the table; rejected, withdrawn and superseded ones are not shown.
_OPEN = ("proposed", "accepted")

# An edit in old-text coordinates: (start, end, inserted text, author); a deletion has
# start < end and no text, an insertion start == end.
Edit = tuple[int, int, str, str]


def _edits(diff, author: str) -> list[Edit]:
    out: list[Edit] = []
    pos = 0
    for kind, text in diff:
        if kind == "=":
            pos += len(text)
        elif kind == "-":
            out.append((pos, pos + len(text), "", author))
            pos += len(text)
        elif text:
            out.append((pos, pos, text, author))
    return out


def _clash(a: Sequence[Edit], b: Sequence[Edit]) -> bool:
    """Whether two proposals touch the same words: then neither can be shown in the other's
    text, and each becomes an alternative paragraph."""
    for s1, e1, _, _ in a:
        for s2, e2, _, _ in b:
            if s1 < e1 and s2 < e2:
                if s1 < e2 and s2 < e1:
                    return True
            elif s1 <= e2 and s2 <= e1:
                # An insertion at, or inside, the other's words (two insertions at one
                # place: which comes first is for the room to say).
                return True
    return False


def _edit_spans(text: str, edits: Sequence[Edit], opener: int, opener_fmt: str) -> list[Span]:
    """The old text with non-overlapping edits by several authors applied as marks."""
    def fmt_at(start: int, end: int) -> list[tuple[int, int, str]]:
        pieces = []
        if start < min(end, opener):
            pieces.append((start, min(end, opener), opener_fmt))
        if max(start, opener) < end:
            pieces.append((max(start, opener), end, PLAIN))
        return pieces

    out: list[Span] = []
    pos = 0
    # Deletions before insertions at the same place, so "replace" reads old then new.
    for start, end, new, author in sorted(edits, key=lambda e: (e[0], e[1] == e[0], e[1])):
        for a, b, f in fmt_at(pos, start):
            out.append(("=", text[a:b], f, None))
        pos = max(pos, start)
        if end > start:
            for a, b, f in fmt_at(start, end):
                out.append(("-", text[a:b], f, author))
            pos = max(pos, end)
        else:
            out.append(("+", new, opener_fmt if start < opener else PLAIN, author))
    for a, b, f in fmt_at(pos, len(text)):
        out.append(("=", text[a:b], f, None))
    return out


@dataclass(frozen=True)
class _Proposal:
    """One amendment seen against the base text, flattened by (sub-)paragraph id."""

    amendment: Amendment
    author: str
    changed: dict          # old id -> ParagraphChange (modified or deleted), own text
    inserted: dict         # old id it follows (or "^PP"/"^OP" for the start) -> [changes]
    moved: tuple           # ParagraphChange of moved top-level paragraphs
    touched: dict          # top-level old id -> [(sub id, edits)]
    title: str | None = None   # the title it proposes, when it amends the title


def _author(a: Amendment) -> str:
    return ", ".join(a.delegations) if a.delegations else a.id


def _flatten(comp: Comparison, amendment: Amendment) -> _Proposal:
    author = _author(amendment)
    changed: dict = {}
    inserted: dict = {}
    touched: dict = {}
    moved = []

    def visit(pcs: Sequence[ParagraphChange], top: str | None, start_key: str) -> None:
        previous = start_key
        for pc in pcs:
            if pc.change == "inserted" or pc.old_id is None:
                inserted.setdefault(previous, []).append(pc)
                continue
            owner = top or pc.old_id
            if pc.change == "deleted":
                changed[pc.old_id] = pc
                for q in _walk_changes(pc):
                    if q.old_id:
                        changed[q.old_id] = q
                        text = q.old_text or ""
                        touched.setdefault(owner, []).append(
                            (q.old_id, [(0, max(len(text), 1), "", author)]))
            elif pc.change == "modified":
                old_p = comp.old.find(pc.old_id)
                new_p = comp.new.find(pc.new_id) if pc.new_id else None
                if old_p is not None and new_p is not None and (
                        old_p.text != new_p.text or label_of(old_p) != label_of(new_p)):
                    changed[pc.old_id] = pc
                    diff = _usable_diff(pc.diff, old_p.text, new_p.text)
                    touched.setdefault(owner, []).append((pc.old_id, _edits(diff, author)))
                visit(pc.subparagraphs, owner, pc.old_id + "^")
            if pc.moved and top is None:
                moved.append(pc)
            previous = pc.old_id

    visit([pc for pc in comp.paragraphs if (pc.new_id or pc.old_id or "").startswith("PP")],
          None, "^PP")
    visit([pc for pc in comp.paragraphs if not (pc.new_id or pc.old_id or "").startswith("PP")],
          None, "^OP")
    title = next((new for name, _, new in comp.header if name == "title"), None)
    return _Proposal(amendment, author, changed, inserted, tuple(moved), touched, title)


def _walk_changes(pc: ParagraphChange) -> Iterator[ParagraphChange]:
    yield pc
    for sub in pc.subparagraphs:
        yield from _walk_changes(sub)


def _overlap(a: _Proposal, b: _Proposal, top: str) -> bool:
    mine = dict((sid, e) for sid, e in a.touched.get(top, ()))
    for sid, edits in b.touched.get(top, ()):
        if sid in mine and _clash(mine[sid], edits):
            return True
    return False


class _CompilationWriter:
    def __init__(self, res: Resolution, house: HouseStyle, statuses: dict, date):
        self.res = res
        self.house = house
        self.statuses = statuses
        self.marks = _Marks(date)

    def status_span(self, p: Paragraph) -> list[Span]:
        status = self.statuses.get(p.id, p.status)
        word = _STATUS_WORDS.get(status, status)
        return [("=", f"  ({word})", "b", None)]

    def paragraph(self, p: Paragraph, props: Sequence[_Proposal], depth: int,
                  label: str | None = None, status: bool = False) -> Iterator[str]:
        """p with every proposal in `props` as marks (they do not overlap), then its subs
        and the sub-paragraphs the proposals insert."""
        house = self.house
        edits: list[Edit] = []
        deleted_by = None
        for prop in props:
            pc = prop.changed.get(p.id)
            if pc is None:
                continue
            if pc.change == "deleted":
                deleted_by = prop.author
                continue
            new_p = pc.new
            if new_p is not None:
                diff = _usable_diff(pc.diff, p.text, new_p.text)
                edits.extend(_edits(diff, prop.author))
        if label is None:
            lab = label_of(p)
            label_part = [("=", lab + "\t", PLAIN, None)] if lab else []
        else:
            label_part = [("=", label + "\t", "b", None)]
        if deleted_by is not None:
            spans = label_part + whole_spans(p, house, "-", deleted_by)
            mark = ("-", deleted_by) if label is None else None
        else:
            spans = label_part + _edit_spans(p.text, edits, opener_length(p),
                                             opener_format(p, house))
            mark = None
        if status and deleted_by is None:
            spans += self.status_span(p)
        yield self.marks.paragraph(style_of(p, depth), spans, mark)
        yield from self.inserted(props, p.id + "^", depth + 1)
        for sub in p.subparagraphs:
            for line in sub.heading:          # "**Option 1:**" before its sub-paragraphs
                yield paragraph("SectionHeading", run(line))
            yield from self.paragraph(sub, props, depth + 1)
            yield from self.inserted(props, sub.id, depth + 1)

    def inserted(self, props: Sequence[_Proposal], key: str, depth: int) -> Iterator[str]:
        for prop in props:
            for pc in prop.inserted.get(key, ()):
                for q, d in _with_depth(pc, depth):
                    new_p = q.new
                    if new_p is None:
                        continue
                    spans = (label_spans(None, new_p, prop.author)
                             + whole_spans(new_p, self.house, "+", prop.author))
                    yield self.marks.paragraph(style_of(new_p, d), spans, ("+", prop.author))

    def top(self, p: Paragraph, props: Sequence[_Proposal]) -> Iterator[str]:
        for line in p.heading:
            yield paragraph("SectionHeading", run(line))
        on_it = [prop for prop in props if p.id in prop.touched]
        # Proposals that clash with another one on this paragraph become alternatives.
        alts = [a for a in on_it if any(a is not b and _overlap(a, b, p.id) for b in on_it)]
        merged = [prop for prop in props if not any(prop is a for a in alts)]
        yield from self.paragraph(p, merged, 0, status=True)
        for prop in alts:
            yield from self.paragraph(p, [prop], 0, label=f"{p.id} alt ({prop.author})")
        for prop in props:
            for pc in prop.moved:
                if pc.old_id == p.id:
                    yield paragraph("Note", run(
                        f"{prop.author} ({prop.amendment.id}) proposes to move {p.id}"
                        + (f" to {pc.new_id}" if pc.new_id and pc.new_id != p.id else ""),
                        "i"))

    def body(self, props: Sequence[_Proposal], notes: Sequence[str]) -> Iterator[str]:
        yield paragraph("Heading", run("Compilation text"))
        for style, text, fmt in front_matter(self.res, self.house):
            if style == "Body":
                for line in notes:
                    yield paragraph("Note", run(line, "i"))
            yield paragraph(style, run(text, fmt))
            if style == "ResolutionTitle":
                yield from self.title_proposals(props)
        if not self.res.body:
            for line in notes:
                yield paragraph("Note", run(line, "i"))
        yield from self.inserted(props, "^PP", 0)
        for p in self.res.preambular:
            yield from self.top(p, props)
            yield from self.inserted(props, p.id, 0)
        if self.res.transition:
            yield paragraph("Transition", run(self.res.transition, self.house.transition))
        yield from self.inserted(props, "^OP", 0)
        for p in self.res.operative:
            yield from self.top(p, props)
            yield from self.inserted(props, p.id, 0)
        for line in closing_lines(self.res):
            yield paragraph("Closing", run(line))


    def title_proposals(self, props: Sequence[_Proposal]) -> Iterator[str]:
        """Each proposed title under the title, its changes marked as its author's."""
        for prop in props:
            if prop.title is None or prop.title == self.res.title:
                continue
            spans = [("=", f"Title ({prop.author}, {prop.amendment.id}): ", "i", None)] + [
                (k, t, PLAIN, None if k == "=" else prop.author)
                for k, t in word_diff(self.res.title or "", prop.title)]
            yield self.marks.paragraph("Note", spans)


def _with_depth(pc: ParagraphChange, depth: int) -> Iterator[tuple[ParagraphChange, int]]:
    yield pc, depth
    for sub in pc.subparagraphs:
        yield from _with_depth(sub, depth + 1)


def render_compilation(res: Resolution, amendments: Sequence[Amendment],
                       statuses: dict[str, str] | None = None, *, date=FIXED_DATE,
                       style: str | None = None) -> bytes:
    """The compilation (rolling) text: `res` with every open proposal on it.

    Each amendment's operations are applied to `res` on their own
    (`drafting.amend.apply_operations`) and compared with it paragraph by paragraph.
    Proposals on different words of a paragraph are shown together as tracked changes, each
    authored by its delegation(s); proposals that touch the same words are shown as
    alternatives after the paragraph ("OP3 alt (Canada)"), each with its own marks. Every
    top-level paragraph ends with its status, from `statuses` (id -> status) or the
    paragraph's own. An amendment that cannot apply is listed in a note at the top.
    """
    from drafting.amend import apply_operations
    from drafting.compare import compare
    from drafting.errors import DraftingError

    house = house_of(res, style)
    props: list[_Proposal] = []
    notes: list[str] = []
    for a in amendments:
        if a.status not in _OPEN:
            continue
        try:
            amended = apply_operations(res, a.operations, a.id)
        except DraftingError as e:
            notes.append(f"{a.id} ({_author(a)}) cannot apply to this text: {e}")
            continue
        props.append(_flatten(compare(res, amended, by_id=True), a))
        notes.append(f"{a.id} ({_author(a)})" + (f": {a.text}" if a.text else ""))
    writer = _CompilationWriter(res, house, dict(statuses or {}), date)
    return package("".join(writer.body(props, notes)),
                   title=f"Compilation text: {res.title or res.symbol or ''}", date=date)
