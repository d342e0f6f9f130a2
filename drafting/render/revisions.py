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
from typing import Iterator, Sequence

from drafting.model import Amendment, Comparison, Paragraph, ParagraphChange, Resolution
from drafting.render.docx import (
    FIXED_DATE, PLAIN, HouseStyle, escape, front_matter, house_of, label_of, opener_format,
    opener_length, package, paragraph, run, style_of, w3cdtf,
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
        old = front_matter(self.c.old, self.house)
        new = front_matter(self.c.new, self.house)
        # Each front line has its own style (Symbol, Sponsors, ResolutionTitle, Note, Body).
        olds = {style: (text, fmt) for style, text, fmt in old}
        news = {style: (text, fmt) for style, text, fmt in new}
        order = [s for s, _, _ in new]
        for i, (style, _, _) in enumerate(old):
            if style not in news:
                before = [s for s, _, _ in old[:i] if s in news]
                order.insert(order.index(before[-1]) + 1 if before else 0, style)
        for style in order:
            o, n = olds.get(style), news.get(style)
            fmt = (n or o)[1]
            yield self.text_line(style, o and o[0], n and n[0], fmt)

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

    def transition(self) -> Iterator[str]:
        old, new = self.c.old.transition, self.c.new.transition
        if old or new:
            yield self.text_line("Transition", old, new, self.house.transition)


def render_comparison(comparison: Comparison, author: str, date=FIXED_DATE) -> bytes:
    """The new revision with every change from the old one as a tracked change.

    `author` and `date` (a datetime, or W3CDTF text "2025-09-19T00:00:00Z") go on every
    mark; the house style is the new revision's.
    """
    house = house_of(comparison.new, None)
    writer = _ComparisonWriter(comparison, house, author, date)
    return package("".join(writer.body()), title=comparison.new.title or "", date=date)
