"""Renumber a resolution for its final text and rewrite its internal cross-references.

While negotiating, numbers stay stable (OP5bis, "OP4 deleted"); the final text is numbered
1, 2, 3 ... and every reference to a paragraph of the same text must follow:

    OP 1, 2, 3, 4, 5, 5bis, 6, 7        ->  OP 1 ... 8, map {"OP5bis": "OP6", "OP6": "OP7", ...}
    "as requested in paragraph 5bis above"  ->  "as requested in paragraph 6 above"
    "párrafos 5 a 6" (5bis between)          ->  "párrafos 5 a 7"
    "subparagraph (c) of paragraph 2", (b) deleted  ->  "subparagraph (b) of paragraph 2"

References to other documents are left alone: "paragraph 14 of resolution 2216 (2015)",
"decision 1/CP.17, paragraph 4", "Article 3, paragraph 1 of the Agreement".
Everything here is pure: Resolution in, Resolution and map out.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Iterator

from drafting.model import Paragraph, Resolution
from drafting.numbering import LabelError, SUFFIXES, join_label, split_label

DELETED = "deleted"

# --------------------------------------------------------------------------------------
# Sub-paragraph labels
# --------------------------------------------------------------------------------------

_ROMAN = (("m", 1000), ("cm", 900), ("d", 500), ("cd", 400), ("c", 100), ("xc", 90),
          ("l", 50), ("xl", 40), ("x", 10), ("ix", 9), ("v", 5), ("iv", 4), ("i", 1))


def roman(n: int) -> str:
    """1 -> "i", 4 -> "iv", 12 -> "xii"."""
    out = []
    for letters, value in _ROMAN:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def roman_value(s: str) -> int | None:
    """"iv" -> 4; None when `s` is not a lower-case roman numeral."""
    if not s or not re.fullmatch(r"[ivxlcdm]+", s):
        return None
    for n in range(1, 400):
        if roman(n) == s:
            return n
    return None


def letters(n: int) -> str:
    """1 -> "a", 26 -> "z", 27 -> "aa", 28 -> "bb": the UN goes on with doubled letters."""
    q, r = divmod(n - 1, 26)
    return chr(ord("a") + r) * (q + 1)


def letters_value(s: str) -> int | None:
    """"c" -> 3, "bb" -> 28; None when `s` is not a (doubled) lower-case letter."""
    if not s or not re.fullmatch(r"([a-z])\1*", s):
        return None
    return (len(s) - 1) * 26 + ord(s[0]) - ord("a") + 1


# A sibling group keeps the scheme its first label shows; the level decides when unknown.
_SCHEMES = {
    "alpha": letters,
    "roman": roman,
    "ALPHA": lambda n: letters(n).upper(),
    "ROMAN": lambda n: roman(n).upper(),
    "digit": str,
}


def label_scheme(first_label: str | None, level: int) -> str:
    if first_label:
        if first_label == "i" or first_label == "I":
            return "roman" if first_label == "i" else "ROMAN"
        if first_label.isdigit():
            return "digit"
        if first_label[0].isupper():
            return "ALPHA"
        if first_label[0].islower():
            return "alpha"
    return ("alpha", "roman", "ALPHA")[min(level, 3) - 1]


def label_position(label: str) -> int | None:
    """Position of a sub-paragraph label in its own scheme: "c" -> 3, "iii" -> 3, "2" -> 2.

    "i", "v", "x" read as letters here; callers that know the group is roman use
    roman_value. Labels like "a bis" have no position (None).
    """
    low = label.lower()
    if low.isdigit():
        return int(low)
    return letters_value(low) or roman_value(low)


def _marker(old_marker: str | None, old_label: str | None, new_label: str) -> str:
    """Re-letter the printed marker keeping its shape: "(c)" -> "(b)", "c)" -> "b)"."""
    if old_marker and old_label and old_label in old_marker:
        return old_marker.replace(old_label, new_label, 1)
    if old_marker and old_marker.endswith(")") and not old_marker.startswith("("):
        return f"{new_label})"
    if old_marker and old_marker.endswith("."):
        return f"{new_label}."
    return f"({new_label})"


# --------------------------------------------------------------------------------------
# Renumbering the structure
# --------------------------------------------------------------------------------------

def _renumber_subs(subs: tuple[Paragraph, ...], parent_id: str, level: int,
                   mapping: dict[str, str]) -> tuple[Paragraph, ...]:
    kept = [s for s in subs if s.status != DELETED]
    if not kept:
        return ()
    # The scheme of the first label the text had: one inserted before it, "(0 bis)", has none.
    first = next((s.label for s in subs if not (s.label or "").startswith("0")), None)
    scheme = _SCHEMES[label_scheme(first, level)]
    out = []
    for i, sub in enumerate(kept, 1):
        label = scheme(i)
        new_id = f"{parent_id}({label})"
        mapping[sub.id] = new_id
        out.append(replace(
            sub, id=new_id, label=label, marker=_marker(sub.marker, sub.label, label),
            subparagraphs=_renumber_subs(sub.subparagraphs, new_id, level + 1, mapping)))
    return tuple(out)


def _renumber_part(paras: tuple[Paragraph, ...], prefix: str,
                   mapping: dict[str, str]) -> tuple[Paragraph, ...]:
    out = []
    live = [p for p in paras if p.status != DELETED]
    # A sole operative paragraph is not numbered in a final text ("Takes note of ..."), nor
    # is an operative part the text printed unnumbered.
    unnumbered = prefix == "OP" and (len(live) == 1 or not any(p.number for p in paras))
    for n, p in enumerate(live, 1):
        new_id = f"{prefix}{n}"
        mapping[p.id] = new_id
        # A decision's lettered paragraphs are lettered again: "(a)", "(a bis)" -> "(a)", "(b)".
        marker = f"({letters(n)})" if unnumbered and p.marker else p.marker
        out.append(replace(p, id=new_id, number=None if unnumbered else str(n), marker=marker,
                           subparagraphs=_renumber_subs(p.subparagraphs, new_id, 1, mapping)))
    return tuple(out)


def renumber(res: Resolution) -> tuple[Resolution, dict[str, str]]:
    """The final numbering of `res` and the map old id -> new id.

    Preambular and operative paragraphs are numbered 1, 2, 3 ... in order, sub-paragraphs
    re-lettered (a, b, c ...; i, ii, iii ... one level down), paragraphs whose status is
    "deleted" dropped, and internal references rewritten (see `rewrite_references`).
    The map holds every paragraph and sub-paragraph that survives, unchanged ones included
    ({"OP5": "OP5", "OP5bis": "OP6", ...}); a deleted paragraph's id is absent from it.
    """
    mapping: dict[str, str] = {}
    preambular = _renumber_part(res.preambular, "PP", mapping)
    operative = _renumber_part(res.operative, "OP", mapping)
    index = ParagraphIndex.of(res)

    def fix(p: Paragraph, top_old: str) -> Paragraph:
        return replace(
            p,
            text=rewrite_references(p.text, index, mapping, res.language, top_old),
            footnotes=tuple(replace(f, text=rewrite_references(
                f.text, index, mapping, res.language, top_old)) for f in p.footnotes),
            subparagraphs=tuple(fix(s, top_old) for s in p.subparagraphs))

    # Rewrite with the old ids in hand: the new tree's ids no longer say where a
    # relative reference ("subparagraph (b) above") was written.
    old_tops = {mapping[p.id]: p.id for p in res.paragraphs() if p.id in mapping}
    new = res.evolve(
        preambular=tuple(fix(p, old_tops[p.id]) for p in preambular),
        operative=tuple(fix(p, old_tops[p.id]) for p in operative),
    )
    return new, mapping


# --------------------------------------------------------------------------------------
# Finding references in text
# --------------------------------------------------------------------------------------

_SUFFIX = "|".join(s for s in SUFFIXES if s) + "|nonies|quinqiues"
# "5", "5bis", "5 bis" (Spanish and French print a space), "5 ter".
_NUM = rf"(?P<num>\d+(?:[ \u00a0]?(?:{_SUFFIX})\b)?)"
# A label after a number or alone: "(a)", "(ii)", or the Spanish/French "a)", "ii)".
_LABEL = r"(?:\(\s*(?P<l1>[a-z]{1,4})\s*\)|(?<![\w(])(?P<l2>[a-z]{1,4})\))"


@dataclass(frozen=True)
class _Language:
    """The words a language uses to cite its own paragraphs."""

    para: str               # "paragraph(s)", with its plural in group "pl"
    sub: str                # "subparagraph(s)": a label list follows, then `of_para`
    of_para: str            # "of paragraph" linking labels to their paragraph
    range_sep: str          # "3 to 5", "7-9"
    list_sep: str           # "3, 4 and 5"
    preamble_before: str    # "preambular paragraph 3"
    preamble_after: str     # "párrafo 3 del preámbulo"
    internal_after: str     # "above", "below", "of the present resolution"
    external_after: str     # "of resolution ...", "thereof"


_EN = _Language(
    # "subparagraph 2 (b)" reads like a paragraph reference with a label
    para=r"\b(?:sub-?)?(?:para(?P<pl>graphs|s\.)|paragraph|para\.)",
    sub=r"\bsub-?paragraph(?P<pl>s)?",
    of_para=r"\s+of\s+(?:operative\s+)?(?:paragraph|para\.)\s+",
    range_sep=r"\s*[-\u2013\u2014]\s*|\s+(?:to|through)\s+",
    list_sep=r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+",
    preamble_before=r"\bpreambular\s+$",
    preamble_after=r"^(?!)",
    internal_after=r"^\s*(?:above|below|hereof|hereunder|,?\s*(?:of|in)\s+(?:the\s+present"
                   r"|this)\s+(?:resolution|decision|text))\b",
    external_after=r"^\s*,?\s*(?:of|thereof|therein)\b",
)

_ES = _Language(
    para=r"\bp[aá]rraf(?:(?P<pl>os)|o)\b",
    sub=r"\b(?:apartado|inciso|subp[aá]rrafo)(?P<pl>s)?",
    of_para=r"\s+del\s+p[aá]rrafo\s+",
    range_sep=r"\s*[-\u2013\u2014]\s*|\s+al?\s+",
    list_sep=r"\s*,\s*(?:y\s+|o\s+)?|\s+(?:y|e|o|u)\s+",
    preamble_before=r"^(?!)",
    preamble_after=r"^\s*del\s+pre[aá]mbulo\b",
    internal_after=r"^\s*(?:supra|infra|anterior(?:es)?|siguientes?|m[aá]s\s+(?:arriba|adelante)"
                   r"|,?\s*de\s+(?:la\s+)?(?:presente|esta)\s+(?:resoluci[oó]n|decisi[oó]n))\b",
    external_after=r"^\s*,?\s*(?:de|del)\b",
)

_FR = _Language(
    para=r"\bparagraphe(?P<pl>s)?",
    sub=r"\b(?:alin[eé]a|sous-paragraphe)(?P<pl>s)?",
    of_para=r"\s+du\s+paragraphe\s+",
    range_sep=r"\s*[-\u2013\u2014]\s*|\s+(?:à|au)\s+",
    list_sep=r"\s*,\s*(?:et\s+|ou\s+)?|\s+(?:et|ou)\s+",
    preamble_before=r"^(?!)",
    preamble_after=r"^\s*du\s+pr[eé]ambule\b",
    internal_after=r"^\s*(?:ci-dessus|ci-dessous|ci-apr[eè]s|plus\s+haut|plus\s+bas"
                   r"|,?\s*de\s+la\s+pr[eé]sente\s+(?:r[eé]solution|d[eé]cision))(?!\w)",
    external_after=r"^\s*,?\s*(?:de|du|des|d['\u2019])(?!\w)",
)

LANGUAGES = {"en": _EN, "es": _ES, "fr": _FR}

# A document named just before a comma: "decision 1/CP.17, paragraph 4", "Article 3,
# paragraph 1", "resolution 70/1, párrafo 5": the paragraph is that document's.
_EXTERNAL_BEFORE = re.compile(r"""
    \b(?:articles?|art\.|art[ií]culos?|decisions?|decisi[oó]n|d[eé]cisions?|resolutions?
       |resoluci[oó]n|r[eé]solutions?|sections?|secci[oó]n|annex|anexo|annexe|chapter
       |cap[ií]tulo|chapitre|rules?|reglas?|r[eè]gles?|convention|convenci[oó]n|agreement
       |acuerdo|accord|charter|carta|charte|protocol|protocolo|protocole|document|documento)
    \b[^,;:]{0,40},\s*$
    # "in its paragraph 5", "en su párrafo 5", "dans son paragraphe 5": its = the document's
    | \b(?:its|their|su|sus|son|sa|ses|leur|leurs)\s+$
""", re.IGNORECASE | re.VERBOSE)

ABOVE = re.compile(r"\s*(?:above|supra|anteriores?|m[aá]s\s+arriba|ci-dessus|plus\s+haut)(?!\w)",
                    re.IGNORECASE)
BELOW = re.compile(r"\s*(?:below|infra|siguientes?|m[aá]s\s+adelante|ci-dessous|ci-apr[eè]s"
                    r"|plus\s+bas)(?!\w)", re.IGNORECASE)

# "OP5bis", "PP3", "OP1(a)": negotiators' own shorthand, always internal.
_SHORTHAND = re.compile(
    rf"\b(?P<part>PP|OP)\s?(?P<num>\d+(?:{_SUFFIX})?)(?P<labels>(?:\([a-z]{{1,4}}\))*)(?!\w)")


@dataclass(frozen=True)
class Token:
    """One number or label inside a reference, with its place in the text."""

    start: int
    end: int
    kind: str               # "num" | "label"


@dataclass(frozen=True)
class Target:
    """One paragraph a reference names; a range gives two targets joined by `range`."""

    id: str
    tokens: tuple[Token, ...]   # the number (if printed) and the labels, in text order
    range_end: bool = False     # the second end of "3 to 5"
    range_start: bool = False


@dataclass(frozen=True)
class Reference:
    """A citation of a paragraph of the same text: "paragraphs 3 to 5 above"."""

    start: int
    end: int
    targets: tuple[Target, ...]
    qualified: bool             # says "above", "below" or "of the present resolution"
    direction: str | None = None    # "above" (supra, ci-dessus) or "below" (infra, ci-dessous)

    def text(self, source: str) -> str:
        return source[self.start:self.end]


def _norm_num(num: str) -> str:
    """"5 bis" -> "5bis"; "19quinqiues" -> "19quinquies"."""
    try:
        return join_label(*split_label(num))
    except LabelError:
        return num


class _Scanner:
    """Reads a number/label list at a position: "5bis", "1 (a)", "3 to 5", "(a) and (b)"."""

    def __init__(self, text: str, lang: _Language):
        self.text = text
        self.lang = lang
        self.num = re.compile(_NUM)
        self.label = re.compile(r"\s?" + _LABEL)
        self.range_sep = re.compile(lang.range_sep)
        self.list_sep = re.compile(lang.list_sep)

    def labels(self, pos: int) -> tuple[list[tuple[str, Token]], int]:
        out = []
        while True:
            m = self.label.match(self.text, pos)
            if not m:
                return out, pos
            g = "l1" if m["l1"] else "l2"
            out.append((m[g], Token(m.start(g), m.end(g), "label")))
            pos = m.end()

    def item(self, pos: int, allow_bare_labels: bool, number: str | None):
        """One item: a number with labels, or (continuing a list) labels alone."""
        m = self.num.match(self.text, pos)
        if m:
            labs, end = self.labels(m.end())
            num_tok = Token(m.start("num"), m.end("num"), "num")
            return _norm_num(m["num"]), [num_tok], labs, end
        if allow_bare_labels and number is not None:
            labs, end = self.labels(pos)
            # bare labels must start right here, without the optional leading space eaten
            if labs:
                return number, [], labs, end
        return None

    def items(self, pos: int, plural: bool):
        """A list of items and range markers: [(number, num_tokens, labels, is_range_end)]."""
        first = self.item(pos, False, None)
        if first is None:
            return [], pos
        out = [(*first[:3], False)]
        pos = first[3]
        while True:
            for sep, is_range in ((self.range_sep, True), (self.list_sep, False)):
                s = sep.match(self.text, pos)
                if not s or s.end() == pos:
                    continue
                # Lists of whole paragraphs only after a plural ("paragraphs 3 and 5");
                # "paragraph 1 (a) and (b)" continues with labels alone.
                nxt = self.item(s.end(), True, out[-1][0])
                if nxt is None:
                    continue
                if not is_range and not plural and nxt[1]:
                    continue
                if nxt[1] == [] and not out[-1][2]:
                    continue
                out.append((*nxt[:3], is_range))
                pos = nxt[3]
                break
            else:
                return out, pos


def _target_id(part: str, number: str, labels: list[str]) -> str:
    return f"{part}{number}" + "".join(f"({lab.lower()})" for lab in labels)


def find_references(text: str, language: str = "en",
                    container: str | None = None) -> list[Reference]:
    """References in `text` to paragraphs of the same document, in text order.

    `container` is the id of the top-level paragraph the text belongs to: "subparagraph
    (b) above" names a sub-paragraph of it. References to other documents are skipped.
    """
    lang = LANGUAGES.get(language, _EN)
    scan = _Scanner(text, lang)
    found: list[Reference] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    def classify(start: int, end: int) -> tuple[bool, bool]:
        """(internal, qualified): "above" wins over a document named around the words."""
        after = text[end:]
        if re.match(lang.internal_after, after, re.IGNORECASE):
            return True, True
        if re.search(_EXTERNAL_BEFORE, text[max(0, start - 60):start]):
            return False, False
        if re.match(lang.external_after, after, re.IGNORECASE):
            return False, False
        return True, False

    def emit(start, end, part, items, qualified):
        targets = []
        for number, num_toks, labs, is_range in items:
            label_names = [lab for lab, _ in labs]
            toks = tuple(num_toks) + tuple(t for _, t in labs)
            if targets and is_range:
                targets[-1] = replace(targets[-1], range_start=True)
            targets.append(Target(_target_id(part, number, label_names), toks,
                                  range_end=is_range))
        direction = "above" if ABOVE.match(text, end) else \
            "below" if BELOW.match(text, end) else None
        found.append(Reference(start, end, tuple(targets), qualified, direction))
        taken.append((start, end))

    # "subparagraph (b) of paragraph 2", "apartado b) del párrafo 2", "subparagraph (b) above"
    of_para = re.compile(lang.of_para, re.IGNORECASE)
    for m in re.finditer(lang.sub, text, re.IGNORECASE):
        sp = re.match(r"\s+", text[m.end():])
        groups, end = _label_list(scan, m.end() + (sp.end() if sp else 0))
        if not groups:
            continue    # "subparagraph 2 (b)": read below as a paragraph reference
        num_toks: list[Token] = []
        of = of_para.match(text, end)
        n = scan.num.match(text, of.end()) if of else None
        if n:
            number, part = _norm_num(n["num"]), "OP"
            num_toks = [Token(n.start("num"), n.end("num"), "num")]
            end = n.end()
        elif container and container[:2] in ("PP", "OP"):
            # "subparagraph (b) above": a sibling inside the same paragraph
            number, part = container[2:], container[:2]
        else:
            continue
        internal, qualified = classify(m.start(), end)
        if not internal or not free(m.start(), end):
            continue
        emit(m.start(), end, part, [(number, num_toks, labs, is_range)
                                    for labs, is_range in groups], qualified)

    # "paragraph 5bis above", "paragraphs 3 to 5", "párrafo 1 a)", "paragraphe 5 bis"
    for m in re.finditer(lang.para, text, re.IGNORECASE):
        if not free(m.start(), m.end()):
            continue
        pos = m.end()
        sp = re.match(r"[ \u00a0]+", text[pos:])
        if not sp:
            continue
        items, end = scan.items(pos + sp.end(), plural=bool(m["pl"]))
        if not items:
            continue
        before = text[max(0, m.start() - 20):m.start()]
        part = "OP"
        if re.search(lang.preamble_before, before, re.IGNORECASE):
            part = "PP"
        pre = re.match(lang.preamble_after, text[end:], re.IGNORECASE)
        if pre:
            # "párrafo 3 del preámbulo": this text's preamble, never another document's
            part, internal = "PP", True
            qualified = bool(re.match(lang.internal_after, text[end + pre.end():],
                                      re.IGNORECASE))
        else:
            internal, qualified = classify(m.start(), end)
        if internal:
            emit(m.start(), end, part, items, qualified)

    for m in _SHORTHAND.finditer(text):
        if not free(m.start(), m.end()):
            continue
        labs = [(g, Token(m.start("labels") + i, m.start("labels") + i + len(g), "label"))
                for g, i in _label_offsets(m["labels"])]
        items = [(_norm_num(m["num"]), [Token(m.start("num"), m.end("num"), "num")], labs,
                  False)]
        emit(m.start(), m.end(), m["part"], items, True)

    found.sort(key=lambda r: r.start)
    return found


def _label_list(scan: "_Scanner", pos: int):
    """Labels joined by separators: "(a)", "(a) to (c)", "a) y b)" -> [(labels, is_range)]."""
    first, end = scan.labels(pos)
    if not first:
        return [], pos
    groups = [(first, False)]
    while True:
        for sep, is_range in ((scan.range_sep, True), (scan.list_sep, False)):
            s = sep.match(scan.text, end)
            if not s or s.end() == end:
                continue
            nxt, nend = scan.labels(s.end())
            if nxt:
                groups.append((nxt, is_range))
                end = nend
                break
        else:
            return groups, end


def _label_offsets(labels: str) -> Iterator[tuple[str, int]]:
    for m in re.finditer(r"\(([a-z]{1,4})\)", labels):
        yield m[1], m.start(1)


# --------------------------------------------------------------------------------------
# Rewriting references
# --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ParagraphIndex:
    """Every id of a resolution in document order, per part and per sibling group."""

    order: tuple[str, ...]

    @classmethod
    def of(cls, res: Resolution) -> "ParagraphIndex":
        return cls(tuple(p.id for top in res.paragraphs() for p in top.walk()))

    def siblings(self, pid: str) -> list[str]:
        parent = _parent(pid)
        depth = pid.count("(")
        return [i for i in self.order if _parent(i) == parent and i.count("(") == depth
                and i[:2] == pid[:2]]


def _parent(pid: str) -> str:
    return pid[:pid.rfind("(")] if "(" in pid else pid[:2]


def _nearest(pid: str, index: ParagraphIndex, mapping: dict[str, str],
             forward: bool) -> str | None:
    """For a range end that was deleted: the next (or previous) sibling that survives."""
    sibs = index.siblings(pid)
    if pid not in sibs:
        return None
    i = sibs.index(pid)
    seq = sibs[i + 1:] if forward else reversed(sibs[:i])
    for s in seq:
        if s in mapping:
            return mapping[s]
    return None


_NEW_ID = re.compile(r"^(?:PP|OP)(?P<num>\d+)(?P<labels>(?:\([^()]+\))*)$")


def _new_tokens(new_id: str) -> tuple[str, list[str]]:
    m = _NEW_ID.match(new_id)
    return m["num"], re.findall(r"\(([^()]+)\)", m["labels"])


def rewrite_references(text: str, index: ParagraphIndex, mapping: dict[str, str],
                       language: str = "en", container: str | None = None) -> str:
    """`text` with every internal reference pointing at the new numbers.

    A reference to a paragraph that no longer exists is left as written (`drafting check`
    reports it); the ends of a range that were deleted move to the nearest survivor.
    """
    edits: list[tuple[int, int, str]] = []
    for ref in find_references(text, language, container):
        for t in ref.targets:
            new = mapping.get(t.id)
            if new is None and (t.range_start or t.range_end):
                new = _nearest(t.id, index, mapping, forward=t.range_start)
            if new is None:
                continue
            num, labels = _new_tokens(new)
            nums = [tok for tok in t.tokens if tok.kind == "num"]
            labs = [tok for tok in t.tokens if tok.kind == "label"]
            if nums:
                edits.append((nums[0].start, nums[0].end, num))
            # labels are the last ones of the new id: "(b)" of OP2(b), "(ii)" of OP2(b)(ii)
            for tok, lab in zip(labs, labels[len(labels) - len(labs):] if labs else []):
                edits.append((tok.start, tok.end, lab))
    out = text
    for start, end, new in sorted(set(edits), reverse=True):
        out = out[:start] + new + out[end:]
    return out
