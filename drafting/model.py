"""The document model: frozen dataclasses for resolutions and amendments, no I/O.

Text is kept verbatim ("ConsiderING", stray brackets, curly quotes); only line wraps are
joined and runs of white space collapsed. Every paragraph carries a stable id: `PP3`,
`OP5bis`, `OP1(a)`, `OP1(a)(i)`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Iterator

PREAMBULAR = "preambular"
OPERATIVE = "operative"

KINDS = ("resolution", "draft_resolution", "draft_decision", "negotiating_text")

# A paragraph's status in the rolling text (conventions.md, "Negotiation").
PARAGRAPH_STATUSES = ("pending", "agreed_ad_ref", "agreed", "deleted")

# An amendment's life: proposed -> accepted | rejected | withdrawn | superseded.
AMENDMENT_STATUSES = ("proposed", "accepted", "rejected", "withdrawn", "superseded")

OPERATIONS = (
    "insert_text", "delete_text", "replace_text",
    "insert_paragraph", "delete_paragraph", "replace_paragraph", "move_paragraph",
    "replace_all",
)


@dataclass(frozen=True)
class Footnote:
    """A footnote tied to the paragraph that cites it: `1  See resolution 169 (II).`"""

    mark: str
    text: str

    def to_dict(self) -> dict:
        return {"mark": self.mark, "text": self.text}


@dataclass(frozen=True)
class Paragraph:
    """A preambular or operative paragraph, or a sub-paragraph.

    `number` is the negotiating label of a top-level paragraph ("5", "5bis"; preambular
    paragraphs are numbered by position when the text does not number them). `label` is a
    sub-paragraph's letter or numeral ("a", "i"), `marker` how it was printed ("(a)", "a)");
    an unnumbered operative paragraph of a decision lettered throughout has a marker only.
    `text` is the paragraph's own words: no number, no sub-paragraphs.
    """

    id: str
    text: str
    number: str | None = None
    label: str | None = None
    marker: str | None = None
    opener: str | None = None
    subparagraphs: tuple["Paragraph", ...] = ()
    footnotes: tuple[Footnote, ...] = ()
    references: tuple[str, ...] = ()
    status: str = "pending"
    # Lines printed just before the paragraph, verbatim: a section heading ("### II.
    # MITIGATION"), an option label ("**Option 2:** No text;"). They go where it goes.
    heading: tuple[str, ...] = ()
    # Where it started in the user's file (1-based); not part of the paragraph's identity.
    line: int | None = field(default=None, compare=False)

    @property
    def part(self) -> str:
        return PREAMBULAR if self.id.startswith("PP") else OPERATIVE

    def walk(self) -> Iterator["Paragraph"]:
        """This paragraph and every sub-paragraph below it, depth first."""
        yield self
        for sub in self.subparagraphs:
            yield from sub.walk()

    def full_text(self) -> str:
        """Own text followed by the sub-paragraphs' texts, space separated."""
        return " ".join(p.text for p in self.walk() if p.text)

    def to_dict(self) -> dict:
        d = {"id": self.id}
        if self.label is None:
            d["number"] = self.number
            if self.marker:
                d["marker"] = self.marker       # a decision's lettered paragraph, "(a)"
        else:
            d["label"] = self.label
            d["marker"] = self.marker
        d.update({
            "opener": self.opener,
            "text": self.text,
            "subparagraphs": [s.to_dict() for s in self.subparagraphs],
            "footnotes": [f.to_dict() for f in self.footnotes],
            "references": list(self.references),
            "status": self.status,
        })
        if self.heading:
            d["heading"] = list(self.heading)
        if self.line is not None:
            d["line"] = self.line
        return d

    @classmethod
    def from_dict(cls, d: dict) -> "Paragraph":
        return cls(
            id=d["id"], text=d.get("text", ""), number=d.get("number"), label=d.get("label"),
            marker=d.get("marker"), opener=d.get("opener"),
            subparagraphs=tuple(cls.from_dict(s) for s in d.get("subparagraphs") or ()),
            footnotes=tuple(Footnote(f["mark"], f["text"]) for f in d.get("footnotes") or ()),
            references=tuple(d.get("references") or ()), status=d.get("status", "pending"),
            heading=tuple(d.get("heading") or ()), line=d.get("line"),
        )


@dataclass(frozen=True)
class Resolution:
    """A resolution, draft resolution, draft decision or negotiating text."""

    kind: str = "draft_resolution"
    language: str = "en"
    symbol: str | None = None
    title: str | None = None
    body: str | None = None
    sponsors: tuple[str, ...] = ()
    preambular: tuple[Paragraph, ...] = ()
    operative: tuple[Paragraph, ...] = ()
    # OAS style: the operative transition printed on its own line ("RESOLVES:", "RESUELVE:").
    transition: str | None = None
    # The sponsorship / status note as printed, e.g. "(Presented by the delegation of ...)".
    sponsor_note: str | None = None
    # What follows the last operative paragraph, line by line ("" a blank line), white space
    # collapsed as in paragraph text:
    # the trailer of an adopted text ("3rd plenary meeting", "19 September 2025"), an annex.
    closing: tuple[str, ...] = ()
    # Notes printed with the front matter, verbatim: "[without reference to a Main
    # Committee (A/80/L.2/Rev.1)]", "*Edited version of 6 November 2015*".
    notes: tuple[str, ...] = ()
    # Footnotes that no paragraph cites: those of the front matter ("Mauritania:*" ->
    # "* On behalf of the States Members of the United Nations that are members of ...").
    footnotes: tuple[Footnote, ...] = ()
    # The body runs on into the first paragraph, as in a decision: "The General Assembly
    # decides to take note of ..." (body "The General Assembly", paragraph "decides ...").
    # Layout, not content: not compared (amendments may number the paragraph, which then
    # stands under the body line; see run_on_paragraph).
    body_runs_on: bool = field(default=False, compare=False)
    # The body line printed without its comma ("The General Assembly" / "Adopts the ...",
    # as the Assembly prints a declaration's adoption). Layout, not content.
    body_bare: bool = field(default=False, compare=False)
    # The body line printed with a colon ("The General Assembly:" before a decision's
    # lettered paragraphs). Layout, not content.
    body_colon: bool = field(default=False, compare=False)
    source: str | None = field(default=None, compare=False)

    @property
    def style(self) -> str:
        """House style: "oas" when the text has an operative transition, else "un"."""
        return "oas" if self.transition else "un"

    @property
    def body_line(self) -> str:
        """The body as its line prints it: "The General Assembly,", "安全理事会，" (a
        full-width comma), "إن مجلس الأمن،" (an Arabic comma)."""
        body = (self.body or "The General Assembly").rstrip()
        bare = self.body_bare and self.body and not any(
            p.status != "deleted" for p in self.preambular) and not any(
            p.number for p in self.operative if p.status != "deleted")
        if self.body_colon and self.body and not body.endswith(":"):
            return body + ":"
        if body.endswith((",", ":", "，", "،")) or bare:
            # (Printed bare only while its one unnumbered decision follows it: so it reads
            # back; once paragraphs are numbered or a preamble joins, with its comma.)
            return body
        # The comma of the body's own script (the paragraphs may be in another language).
        if any("\u4e00" <= c <= "\u9fff" for c in body):
            return body + "，"
        if any("\u0600" <= c <= "\u06ff" for c in body):
            return body + "،"
        return body + ","

    def run_on_paragraph(self) -> Paragraph | None:
        """The paragraph a decision's body runs on into ("The General Assembly decides to
        ..."): the first one still in the text, when `body_runs_on` and it is printed with
        no number (a preambular one unlabelled) and no transition comes before it."""
        if not self.body_runs_on:
            return None
        live = [p for p in self.paragraphs() if p.status != "deleted"]
        if not live or (self.transition and live[0].part != PREAMBULAR):
            return None
        first = live[0]
        if first.part == PREAMBULAR:
            return first if not first.number or first.number.isdigit() else None
        return None if first.number else first

    def run_on_lead(self) -> str:
        """The words that lead the run-on paragraph's line: the body before a decision's
        verb ("The General Assembly decides ..."), the body line with its comma before a
        clause ("The General Assembly, taking note of ..."); "" when none runs on."""
        first = self.run_on_paragraph()
        if first is None or not self.body:
            return ""
        return self.body_line if first.part == PREAMBULAR else self.body

    def paragraphs(self) -> Iterator[Paragraph]:
        """Top-level paragraphs: preambular then operative."""
        yield from self.preambular
        yield from self.operative

    def find(self, pid: str) -> Paragraph | None:
        """The paragraph or sub-paragraph with this id, or None."""
        for top in self.paragraphs():
            for p in top.walk():
                if p.id == pid:
                    return p
        return None

    def evolve(self, **changes) -> "Resolution":
        return replace(self, **changes)

    def to_dict(self) -> dict:
        return {
            "kind": self.kind,
            "language": self.language,
            "symbol": self.symbol,
            "title": self.title,
            "body": self.body,
            "sponsors": list(self.sponsors),
            "sponsor_note": self.sponsor_note,
            "transition": self.transition,
            "style": self.style,
            "preambular": [p.to_dict() for p in self.preambular],
            "operative": [p.to_dict() for p in self.operative],
            "closing": list(self.closing),
            "notes": list(self.notes),
            "footnotes": [f.to_dict() for f in self.footnotes],
        } | ({"body_runs_on": True} if self.body_runs_on else {}) | (
            {"body_bare": True} if self.body_bare else {}) | (
            {"body_colon": True} if self.body_colon else {})

    @classmethod
    def from_dict(cls, d: dict) -> "Resolution":
        return cls(
            kind=d.get("kind", "draft_resolution"), language=d.get("language", "en"),
            symbol=d.get("symbol"), title=d.get("title"), body=d.get("body"),
            sponsors=tuple(d.get("sponsors") or ()),
            preambular=tuple(Paragraph.from_dict(p) for p in d.get("preambular") or ()),
            operative=tuple(Paragraph.from_dict(p) for p in d.get("operative") or ()),
            transition=d.get("transition"), sponsor_note=d.get("sponsor_note"),
            closing=tuple(d.get("closing") or ()),
            notes=tuple(d.get("notes") or ()),
            footnotes=tuple(Footnote(f["mark"], f["text"]) for f in d.get("footnotes") or ()),
            body_runs_on=bool(d.get("body_runs_on")),
            body_bare=bool(d.get("body_bare")),
            body_colon=bool(d.get("body_colon")),
        )


# The target of an operation on the title ("In the title, replace ..."), not a paragraph.
TITLE = "title"


@dataclass(frozen=True)
class Operation:
    """One change to one paragraph, as an amendment instruction states it.

    - insert_text: `anchor` is the quoted text, `new` the inserted text, `position` "after"
      or "before" (the anchor);
    - delete_text: `old`; replace_text: `old` -> `new`; replace_all: `old` -> `new` in every
      paragraph (`target` None);
    - insert_paragraph: `target` the paragraph named, `position` "after OP3" / "before PP1",
      or "into OP3" (the first sub-paragraph of a paragraph that has none),
      `new` the paragraph's text; move_paragraph: `target` moves to `position`;
    - delete_paragraph, replace_paragraph (`new`).
    `occurrence` picks the n-th match of `anchor`/`old` when the instruction says which.
    """

    op: str
    target: str | None = None
    anchor: str | None = None
    old: str | None = None
    new: str | None = None
    position: str | None = None
    occurrence: int | None = None

    def __post_init__(self):
        if self.op not in OPERATIONS:
            raise ValueError(f"unknown operation {self.op!r}")

    def to_dict(self) -> dict:
        d = {"op": self.op, "target": self.target, "anchor": self.anchor, "old": self.old,
             "new": self.new, "position": self.position}
        if self.occurrence is not None:
            d["occurrence"] = self.occurrence
        return d

    @classmethod
    def from_dict(cls, d: dict) -> "Operation":
        return cls(op=d["op"], target=d.get("target"), anchor=d.get("anchor"), old=d.get("old"),
                   new=d.get("new"), position=d.get("position"), occurrence=d.get("occurrence"))


@dataclass(frozen=True)
class Event:
    """One step in an amendment's history: `filed`, `accepted`, `incorporated in rev. 2` ..."""

    action: str
    at: str
    by: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Amendment:
    """An amendment filed by one or more delegations against a draft."""

    id: str
    operations: tuple[Operation, ...]
    delegations: tuple[str, ...]
    text: str = ""
    justification: str = ""
    status: str = "proposed"
    history: tuple[Event, ...] = ()


@dataclass(frozen=True)
class AmendmentDocument:
    """A whole amendment document (A/C.3/80/L.65): who amends which draft, and how."""

    symbol: str | None
    amends: str | None
    sponsors: tuple[str, ...]
    operations: tuple[Operation, ...]
    title: str | None = None
    language: str = "en"
    kind: str = "amendment"
    # The document's footnotes, verbatim ("* Any changes to the list of sponsors ...").
    notes: tuple[str, ...] = ()
    source: str | None = field(default=None, compare=False)

    def to_dict(self) -> dict:
        d = {"kind": self.kind, "language": self.language, "symbol": self.symbol,
             "amends": self.amends, "title": self.title, "sponsors": list(self.sponsors),
             "operations": [o.to_dict() for o in self.operations]}
        if self.notes:
            d["notes"] = list(self.notes)
        return d


_SYMBOL = re.compile(r"""
    ^(?P<base>.+?)                                   # A/C.3/80/L.24, CIDI/CAM/doc.4/13
    (?:
        (?P<un>/Rev\.(?P<un_n>\d+))                  # UN revision:  .../Rev.1
      | (?P<oas>\s+rev\.\s*(?P<oas_n>\d+))           # OAS revision: ... rev. 3
    )?$
""", re.VERBOSE)


@dataclass(frozen=True)
class Symbol:
    """A document symbol with its revision: `A/C.3/80/L.24/Rev.1`, `CIDI/CAM/doc.4/13 rev. 3`.

    str(Symbol.parse(s)) == s for the forms above; `next_revision()` gives rev. n+1 in the
    document's own convention (UN `/Rev.n`, OAS ` rev. n`).
    """

    base: str
    revision: int = 0
    convention: str = "un"

    @classmethod
    def parse(cls, text: str) -> "Symbol":
        m = _SYMBOL.match(text.strip())
        if not m:
            raise ValueError(f"not a document symbol: {text!r}")
        base = m["base"]
        if m["un"]:
            return cls(base, int(m["un_n"]), "un")
        if m["oas"]:
            return cls(base, int(m["oas_n"]), "oas")
        # No revision yet: OAS symbols contain "doc." or "RES." with a space, UN ones do not.
        return cls(base, 0, "oas" if re.search(r"\bdoc\.|\s", base) else "un")

    def next_revision(self) -> "Symbol":
        return replace(self, revision=self.revision + 1)

    def __str__(self) -> str:
        if not self.revision:
            return self.base
        if self.convention == "oas":
            return f"{self.base} rev. {self.revision}"
        return f"{self.base}/Rev.{self.revision}"


CHANGES = ("unchanged", "modified", "inserted", "deleted")


@dataclass(frozen=True)
class ParagraphChange:
    """How one paragraph (or sub-paragraph) went from the old revision to the new one.

    `diff` is a word diff of the paragraph's own text: ("=", kept), ("-", deleted),
    ("+", inserted); the "=" and "-" parts give `old_text`, the "=" and "+" parts `new_text`.
    `moved` is True when the paragraph changed place relative to its neighbours.
    """

    old_id: str | None
    new_id: str | None
    change: str
    old_text: str | None = None
    new_text: str | None = None
    diff: tuple[tuple[str, str], ...] = ()
    moved: bool = False
    subparagraphs: tuple["ParagraphChange", ...] = ()
    old: Paragraph | None = field(default=None, compare=False, repr=False)
    new: Paragraph | None = field(default=None, compare=False, repr=False)

    def to_dict(self) -> dict:
        return {"old_id": self.old_id, "new_id": self.new_id, "change": self.change,
                "moved": self.moved, "old_text": self.old_text, "new_text": self.new_text,
                "diff": [list(part) for part in self.diff],
                "subparagraphs": [s.to_dict() for s in self.subparagraphs]}


@dataclass(frozen=True)
class Comparison:
    """The structural and word-level difference between two revisions."""

    old: Resolution
    new: Resolution
    paragraphs: tuple[ParagraphChange, ...]
    # Front matter that changed (symbol, title, sponsors ...): name -> (old, new).
    header: tuple[tuple[str, object, object], ...] = ()

    @property
    def changed(self) -> bool:
        return bool(self.header) or any(
            p.change != "unchanged" or p.moved or p.old_id != p.new_id for p in self.paragraphs)
