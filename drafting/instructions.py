"""Amendment instructions: parse them into Operations, write Operations back as sentences,
and read whole amendment documents (A/C.3/80/L.65) into AmendmentDocuments.

The instruction language is grammar/amendment.lark. Examples:
    'In operative paragraph 3, after "financing" insert "and predictable"'
        -> (Operation("insert_text", "OP3", anchor="financing", new="and predictable",
                      position="after"),)
    'Delete the third preambular paragraph and operative paragraph 2.'
        -> (Operation("delete_paragraph", "PP3"), Operation("delete_paragraph", "OP2"))
    'PP2: delete' -> (Operation("delete_paragraph", "PP2"),)
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from drafting.errors import AmendmentError, ParseError
from drafting.symbols import SYMBOL, is_symbol
from drafting.model import TITLE, AmendmentDocument, Operation
from drafting.names import list_goes_on, names_start, split_names
from drafting.numbering import split_label

__all__ = ["parse_instructions", "to_instruction", "is_amendment_document",
           "parse_amendment_document"]


# --- words -----------------------------------------------------------------------------

_UNITS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")
_TEENS = ("tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth",
          "sixteenth", "seventeenth", "eighteenth", "nineteenth")
_TENS = {"twenty": 20, "thirty": 30, "forty": 40}
_ROUND = {"twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50}


def ordinal_value(word: str) -> int:
    """'fourteenth' -> 14, 'twenty-first' -> 21, '3rd' -> 3."""
    w = word.lower().strip()
    if w[0].isdigit():
        return int(re.match(r"\d+", w)[0])
    if w in _UNITS:
        return _UNITS.index(w) + 1
    if w in _TEENS:
        return _TEENS.index(w) + 10
    if w in _ROUND:
        return _ROUND[w]
    tens, unit = re.split(r"[- ]", w, maxsplit=1)
    return _TENS[tens] + _UNITS.index(unit) + 1


def ordinal_word(n: int) -> str:
    """14 -> 'fourteenth'; beyond fiftieth, '51st'."""
    if 1 <= n <= 9:
        return _UNITS[n - 1]
    if 10 <= n <= 19:
        return _TEENS[n - 10]
    if n % 10 == 0 and n in _ROUND.values():
        return next(k for k, v in _ROUND.items() if v == n)
    if 21 <= n <= 49:
        tens = next(k for k, v in _TENS.items() if v == n - n % 10)
        return f"{tens}-{_UNITS[n % 10 - 1]}"
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _label(text: str) -> str:
    """'5 bis' -> '5bis', '5BIS' -> '5bis'."""
    m = re.match(r"(\d+)\s*([A-Za-z]*)", text.strip())
    return m[1] + m[2].lower()


def _subs(tokens) -> str:
    """['(a)', '( ii )'] -> '(a)(ii)'."""
    return "".join("(" + re.sub(r"\s+", "", str(t))[1:-1].lower() + ")" for t in tokens)


def _prefix(part_token) -> str:
    return "PP" if str(part_token).lower().startswith("pre") else "OP"


def _clean(text: str) -> str:
    """Join line wraps and collapse white space; a word broken after a hyphen at a line end
    ("Secretary-\\nGeneral") is joined without a space. Otherwise verbatim."""
    text = re.sub(r"(?<=\w[-\u2010\u2011])[ \t]*\n\s*(?=\w)", "", text)
    return re.sub(r"\s+", " ", text).strip()


def _unquote(token) -> str:
    return _clean(str(token)[1:-1])


def _as_tabled(ops: list[Operation]) -> list[Operation]:
    """One instruction's edits of one paragraph, ordered so that the occurrences it names
    count in the text as tabled: edits that name occurrences of the same words are applied
    from the last occurrence back ('delete the second occurrence of "x" and the third
    occurrence of "x"' deletes the third first), as an edit never moves the occurrences
    before it. The occurrence numbers are not changed; other edits keep their places."""
    slots: dict[str, list[int]] = {}
    for k, op in enumerate(ops):
        needle = op.anchor if op.op == "insert_text" else op.old
        if op.occurrence and needle:
            slots.setdefault(needle, []).append(k)
    out = list(ops)
    for places in slots.values():
        if len(places) > 1:
            ordered = sorted((ops[k] for k in places), key=lambda op: -op.occurrence)
            for k, op in zip(places, ordered):
                out[k] = op
    return out


def _token(items, kind: str):
    """The first token of type `kind` among a rule's children, or None."""
    return next((x for x in items if getattr(x, "type", "") == kind), None)


def _edge_parts(items) -> tuple[str, list[str], str]:
    """("end" or "beginning", the paragraphs, the new text) of an at-the-edge insertion,
    whichever order the instruction gives them in."""
    edge = _token(items, "EDGE")
    refs = next((x for x in items if isinstance(x, list)), [])
    new = _token(items, "QUOTED")
    return ("end" if str(edge).lower() == "end" else "beginning"), refs, _unquote(new)


# --- the tree -> Operations ------------------------------------------------------------

def _build_transformer():
    from lark import Transformer, v_args

    @v_args(inline=True)
    class ToOperations(Transformer):
        """Each rule of grammar/amendment.lark becomes a value; instructions become lists of
        Operations, edits become functions of the paragraph they apply to."""

        # references: each gives a list of paragraph ids
        def numbered_ref(self, part, _word, label, *subs):
            return _prefix(part) + _label(label) + _subs(subs)

        def bare_ref(self, _word, label, *subs):
            # "paragraph 3" alone is an operative paragraph: only those are numbered.
            return "OP" + _label(label) + _subs(subs)

        def ordinal_ref(self, ordinal, part, _word):
            return f"{_prefix(part)}{ordinal_value(ordinal)}"

        def short_ref(self, token):
            return _short(token)

        def sub_ref(self, _word, *rest):
            *subs, parent = rest
            return parent + _subs(subs)

        def numbered_group(self, part, _word, *labels):
            return [_prefix(part) + _label(x) for x in labels]

        def ordinal_group(self, *items):
            *ordinals, part, _word = items
            return [f"{_prefix(part)}{ordinal_value(o)}" for o in ordinals]

        def numbered_range(self, part, _word, first, last):
            return [_prefix(part) + str(n) for n in _range(_label(first), _label(last), first)]

        def ordinal_range(self, first, last, part, _word):
            return [f"{_prefix(part)}{n}" for n in
                    _range(str(ordinal_value(first)), str(ordinal_value(last)), first)]

        def refs(self, *groups):
            out: list[str] = []
            for g in groups:
                out.extend(g if isinstance(g, list) else [g])
            return out

        # quoted text and where it is
        def occurrence(self, ordinal):
            return ordinal_value(ordinal)

        occurrence_after = occurrence

        def text_ref(self, *items):
            occ = None
            text = None
            for x in items:
                if isinstance(x, int):
                    occ = x
                else:
                    text = _unquote(x)
            return text, occ

        def where(self, token):
            return str(token).lower()

        def new_text(self, token):
            return _unquote(token) if token.type == "QUOTED" else _clean(str(token))

        # edits inside one paragraph: functions of the target id
        def insert_text(self, *items):
            if isinstance(items[0], str) and items[0] in ("after", "before"):
                position, (anchor, occ), new = items[0], items[1], _unquote(items[2])
            else:
                new, position, (anchor, occ) = _unquote(items[0]), items[1], items[2]
            return lambda t: Operation("insert_text", t, anchor=anchor, new=new,
                                       position=position, occurrence=occ)

        def delete_text(self, *text_refs):
            # one edit per quoted text: delete the words "a" and "b"
            return [lambda t, old=old, occ=occ: Operation("delete_text", t, old=old,
                                                          occurrence=occ)
                    for old, occ in text_refs]

        def replace_text(self, text_ref, new):
            old, occ = text_ref
            new = _unquote(new)
            return lambda t: Operation("replace_text", t, old=old, new=new, occurrence=occ)

        passive_replace = replace_text

        passive_delete = delete_text

        def passive_insert(self, new_ref, where, text_ref):
            # the words "y" should be inserted after "x": the new words come first
            (new, _), (anchor, occ) = new_ref, text_ref
            return lambda t: Operation("insert_text", t, anchor=anchor, new=new,
                                       position=where, occurrence=occ)

        def at_edge_edit(self, *items):
            position, _, new = _edge_parts(items)
            return lambda t: Operation("insert_text", t, new=new, position=position)

        def edits(self, *items):
            # left recursive: (edits, edit) or (edit,)
            out = []
            for x in items:
                out.extend(x if isinstance(x, list) else [x])
            return out

        def new_paragraph(self, *words):
            # "a new preambular paragraph": its PART token, to check against where it goes
            return _token(words, "PART")

        # whole instructions: lists of Operations
        def in_paragraph(self, refs, edits):
            return [op for t in refs for op in _as_tabled([edit(t) for edit in edits])]

        def short_edits(self, ref, edits):
            return _as_tabled([edit(_short(ref)) for edit in edits])

        def short_delete(self, ref):
            return [Operation("delete_paragraph", _short(ref))]

        def short_replace(self, ref, new):
            return [Operation("replace_paragraph", _short(ref), new=new)]

        def at_edge(self, *items):
            position, refs, new = _edge_parts(items)
            return [Operation("insert_text", t, new=new, position=position) for t in refs]

        def title_edge(self, edge, new):
            return self.at_edge(edge, [TITLE], new)

        def insert_paragraph(self, *items):
            # plain str (not Token) values are the transformed where, refs and new text
            values = [x for x in items if isinstance(x, list) or type(x) is str]
            where, targets, new = values[0], values[1], values[-1]
            if isinstance(targets, str):
                targets = [targets]
            part = _token(items, "PART")
            for t in targets:
                if part is not None and "(" not in t and _prefix(part) != t[:2]:
                    raise _Refused(f"a new {str(part).lower()} paragraph cannot be placed "
                                   f"{where} {paragraph_name(t)}: name the "
                                   f"{str(part).lower()} paragraph it follows or precedes",
                                   part)
            # "After operative paragraphs 3 and 5, insert ..." means one after each.
            return [Operation("insert_paragraph", t, new=new, position=f"{where} {t}")
                    for t in targets]

        def in_title(self, *items):
            return _as_tabled([edit(TITLE) for edit in items[-1]])

        def insert_first_sub(self, *items):
            targets = next(x for x in items if isinstance(x, list))
            new = items[-1]
            return [Operation("insert_paragraph", t, new=new, position=f"into {t}")
                    for t in targets]

        def delete_paragraphs(self, refs, _renumber=None):
            # "Delete operative paragraphs 3 and 4" (a list), "Operative paragraph 7 should
            # be deleted" (one)
            return [Operation("delete_paragraph", t)
                    for t in (refs if isinstance(refs, list) else [refs])]

        def insert_as(self, *items):
            # "as a new operative paragraph 6": after paragraph 5 (before 1 for a new 1);
            # "6bis", "6ter": after 6, where an insertion after 6 goes past the 6bis already
            # there (the tool gives the label: the next one free)
            number, rank = split_label(_label(_token(items, "LABEL")))
            prefix = _prefix(_token(items, "PART"))
            if rank:
                target = f"{prefix}{number}"
            elif number > 1:
                target = f"{prefix}{number - 1}"
            else:
                target = f"{prefix}1"
            position = f"{'before' if not rank and number <= 1 else 'after'} {target}"
            return [Operation("insert_paragraph", target, new=items[-1], position=position)]

        def replace_paragraph(self, ref, *rest):
            return [Operation("replace_paragraph", ref, new=rest[-1])]

        def destination(self, word, ref):
            return ("after " if word.type == "FOLLOW" else "before ") + ref

        def move_paragraph(self, ref, destination):
            return [Operation("move_paragraph", ref, position=destination)]

        def replace_all(self, old, new):
            return [Operation("replace_all", None, old=_unquote(old), new=_unquote(new))]

        def start(self, *instructions):
            return tuple(op for ops in instructions if isinstance(ops, list) for op in ops)

    return ToOperations()


class _Refused(Exception):
    """An instruction that reads but names nothing one can do, at `token`: a range of
    paragraphs one cannot count, a preambular paragraph placed among operative ones."""

    def __init__(self, message: str, token):
        super().__init__(message)
        self.token = token


def _range(first: str, last: str, token) -> range:
    """"4", "6" -> 4, 5, 6. A range is of plain numbers in order: "4 to 5bis" or "6 to 4"
    name no set of paragraphs one can count."""
    if not (first.isdigit() and last.isdigit()) or int(last) < int(first):
        raise _Refused(f"not a range of paragraphs: {first} to {last}", token)
    return range(int(first), int(last) + 1)


def _short(token) -> str:
    """'OP 5BIS(a)' -> 'OP5bis(a)'."""
    s = re.sub(r"\s+", "", str(token))
    m = re.match(r"(?i)(OP|PP)(\d+[a-z]*)(.*)", s)
    return m[1].upper() + m[2].lower() + m[3].lower()


@lru_cache(maxsize=1)
def _parser():
    from drafting.parse import load_grammar   # lark, only when instructions are parsed

    return load_grammar("amendment", lexer="contextual", transformer=_build_transformer(),
                        propagate_positions=False, maybe_placeholders=False)


# Friendly names for the terminals a parse error may expect.
_FRIENDLY = {
    "QUOTED": "quoted text", "PARA_TEXT": "the text of the paragraph", "LABEL": "a number",
    "ORDINAL": "an ordinal (first, second ...)", "SHORT_REF": "a paragraph (OP3, PP2)",
    "PART": '"operative" or "preambular"', "SUB": "a sub-paragraph like (a)",
    "ITEM_NO": "a numbered item", "$END": "the end", "_END": '"."', "_AND": '"and"',
    "_INSERT": '"insert"', "_WITH": '"with"', "WHERE": '"after" or "before"',
    "_THROUGHOUT": '"throughout the text"', "_NEW_A": '"a new"', "RENUMBER": '"and renumber"',
    "PARAGRAPH": '"paragraph"', "PARAGRAPHS": '"paragraphs"', "SUBPARAGRAPH": '"subparagraph"',
    "_SHALL": '"shall" or "should"', "_AND_QUOTED": '"and"', "_OF_IT": '"of the paragraph"',
    "EDGE": '"end" or "beginning"', "FOLLOW": '"follow" or "after"', "PRECEDE": '"precede" or "before"',
}


def _expected(names) -> str:
    parser = _parser()
    shown = set()
    for name in names:
        if name in _FRIENDLY:
            shown.add(_FRIENDLY[name])
            continue
        try:
            term = parser.get_terminal(name)
        except KeyError:
            shown.add(name)
            continue
        pattern = term.pattern
        shown.add(f'"{pattern.value}"' if pattern.type == "str" else name.lower())
    return ", ".join(sorted(shown))


def _parse(text: str, source: str | None, line_offset: int = 0) -> tuple[Operation, ...]:
    from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, \
        UnexpectedToken, VisitError

    try:
        return _parser().parse(text)
    except UnexpectedInput as e:
        line, column = getattr(e, "line", 1), getattr(e, "column", 1)
        if isinstance(e, UnexpectedToken) and e.token.type == "$END" or isinstance(
                e, UnexpectedEOF):
            lines = text.rstrip().splitlines() or [""]
            line, column = len(lines), len(lines[-1]) + 1
            message = "instruction ends too early; expected " + _expected(e.expected)
        elif isinstance(e, UnexpectedToken):
            # The token may be a long stretch of free text: show its first word only.
            shown = str(e.token) if e.token.type == "QUOTED" else re.match(
                r"\w[\w'’-]{0,29}|\S|\s*", str(e.token))[0]
            message = f"unexpected {shown!r}; expected " + _expected(e.expected)
        elif isinstance(e, UnexpectedCharacters):
            allowed = e.allowed or set()
            word = re.match(r"\w[\w'’-]{0,29}|\S", text[e.pos_in_stream:])
            message = (f"unexpected {word[0] if word else text[e.pos_in_stream]!r}"
                       + ("; expected " + _expected(allowed) if allowed else ""))
        else:  # pragma: no cover - lark's other UnexpectedInput kinds
            message = str(e).splitlines()[0]
        lines = text.splitlines()
        src = lines[line - 1] if 0 < line <= len(lines) else None
        raise ParseError(message, source, line + line_offset, column, src) from None
    except _Refused as e:
        lines = text.splitlines()
        line = e.token.line or 1
        src = lines[line - 1] if 0 < line <= len(lines) else None
        raise ParseError(str(e), source, line + line_offset, e.token.column or 1, src) from None
    except VisitError as e:  # pragma: no cover - a transformer bug shows its cause
        raise e.orig_exc


def parse_instructions(text: str, source: str | None = None) -> tuple[Operation, ...]:
    """One or more instructions (sentences, a numbered list, or short forms) -> Operations.

    Raises ParseError located in `text` (line, column) saying what was expected.
    """
    if not text.strip():
        raise ParseError("no amendment instruction", source, 1, 1, "")
    return _parse(text, source)


# --- Operation -> sentence -------------------------------------------------------------

def _quote(text: str) -> str:
    """Straight quotes unless the text holds one; then curly quotes."""
    if '"' not in text:
        return f'"{text}"'
    if "”" not in text:
        return f"“{text}”"
    raise ValueError(f"text holds both kinds of closing quote, cannot be quoted: {text!r}")


def paragraph_name(pid: str) -> str:
    """'OP5bis' -> 'operative paragraph 5bis'; 'OP1(a)(i)' -> 'operative paragraph 1 (a) (i)';
    'title' -> 'the title'."""
    if pid == TITLE:
        return "the title"
    if "#" in pid:
        # "OP5(a)#2": the second paragraph printed with a number already used (alternative
        # option blocks that each number 6-9). No instruction can tell it from the first.
        raise AmendmentError(f"{pid} repeats a number printed earlier in the text "
                             f"(alternative options); an instruction cannot name it: "
                             f"renumber the options apart first", target=pid)
    m = re.fullmatch(r"(OP|PP)(\d+[a-z]*)((?:\([^()\s]+\))*)", pid)
    if not m:
        raise ValueError(f"not a paragraph id: {pid!r}")
    part = "operative" if m[1] == "OP" else "preambular"
    subs = " ".join(re.findall(r"\([^()\s]+\)", m[3]))
    return f"{part} paragraph {m[2]}" + (f" {subs}" if subs else "")


def _at(occurrence: int | None, text: str) -> str:
    quoted = _quote(text)
    if occurrence:
        return f"the {ordinal_word(occurrence)} occurrence of {quoted}"
    return quoted


def to_instruction(op: Operation) -> str:
    """A UN-style sentence for one operation; parse_instructions(to_instruction(op)) == (op,).

    Operation("insert_text", "OP3", anchor="x", new="y", position="after")
        -> 'In operative paragraph 3, after "x", insert "y".'
    """
    kind = op.op
    if kind == "replace_all":
        return f"Throughout the text, replace {_quote(op.old)} with {_quote(op.new)}."
    where = paragraph_name(op.target)
    if kind == "insert_text":
        if op.position in ("end", "beginning"):
            return f"At the {op.position} of {where}, insert {_quote(op.new)}."
        return (f"In {where}, {op.position} {_at(op.occurrence, op.anchor)}, "
                f"insert {_quote(op.new)}.")
    if kind == "delete_text":
        return f"In {where}, delete {_at(op.occurrence, op.old)}."
    if kind == "replace_text":
        return f"In {where}, replace {_at(op.occurrence, op.old)} with {_quote(op.new)}."
    if kind == "delete_paragraph":
        return f"Delete {where}."
    if kind == "replace_paragraph":
        return f"Replace {where} with the following: {_quote(op.new)}."
    if kind == "insert_paragraph" and (op.position or "").startswith("into "):
        return (f"In {paragraph_name(op.position[5:])}, insert a new subparagraph, reading: "
                f"{_quote(op.new)}.")
    if kind == "insert_paragraph":
        side, _, named = (op.position or f"after {op.target}").partition(" ")
        named = named or op.target
        if "(" in named:
            what = "subparagraph"
        else:
            what = ("operative" if op.target.startswith("OP") else "preambular") + " paragraph"
        return (f"{side.capitalize()} {paragraph_name(named)}, insert a new {what}, reading: "
                f"{_quote(op.new)}.")
    if kind == "move_paragraph":
        side, _, named = op.position.partition(" ")
        verb = "follow" if side == "after" else "precede"
        return f"Move {where} to {verb} {paragraph_name(named)}."
    raise ValueError(f"unknown operation {kind!r}")  # pragma: no cover - model checks kinds


# --- whole amendment documents ---------------------------------------------------------

# "Belarus and Russian Federation: amendment to revised draft resolution" (L.61, L.62)
_AMENDS_LINE = re.compile(
    r":\s*\**\s*(?:amendments?|proposed\s+amendments?)\s+to\s+(?:the\s+)?(?:revised\s+)?"
    r"draft\s+(?:resolution|decision)\b\s*(?:(?P<symbol>[A-Z][A-Za-z0-9./-]*/[A-Za-z0-9./-]+)"
    # "draft resolution 23 recommended by the Third Committee in its report contained in
    # document A/80/545": the draft has no symbol of its own; the report's is given.
    r"|[IVX\d]{1,5}\s+recommended\s+by\s+the\s+.{1,80}?\s+contained\s+in\s+(?:document\s+)?"
    r"(?P<report>[A-Z][A-Za-z0-9./-]*/[A-Za-z0-9./-]*[A-Za-z0-9]))?",
    re.IGNORECASE)
# Page furniture of UN documents: job numbers "25-17997 (E)    121125", bar codes
# "*2517997*", page numbers "2/3", "Distr.: Limited", dates, "Original: English".
_FURNITURE = re.compile(
    r"^\s*(?:\d{2}-\d{5}\s*(?:\([A-Z]\))?.*|\*\d{5,}\*|\d+/\d+|Distr\.:.*|Original:.*"
    r"|United Nations|General Assembly|Security Council|Economic and Social Council"
    r"|\d{1,2} (?:January|February|March|April|May|June|July|August|September|October"
    r"|November|December) \d{4})\s*$")

def is_amendment_document(text: str) -> bool:
    """True when the text names itself an amendment: '...: amendment to draft resolution X'."""
    head = re.sub(r"\s+", " ", text[:6000])
    return _AMENDS_LINE.search(head) is not None


def split_sponsors(text: str) -> tuple[str, ...]:
    """'A, B, United Kingdom of Great Britain and Northern Ireland and C' -> (A, B, UK, C)."""
    return split_names(_clean(text))


def parse_amendment_document(text: str, source: str | None = None) -> AmendmentDocument:
    """A whole amendment document -> AmendmentDocument(symbol, amends, sponsors, title, ops).

    Layout of the UN documents: page furniture and the symbol at the top; the sponsors'
    names ending ': amendment to draft resolution A/C.3/80/L.24' (the symbol possibly on
    the next line); the amended draft's title; then the instructions.
    """
    lines = text.splitlines()
    # Locate the sponsors' block: the paragraph (lines between blank lines) whose joined
    # text carries ": amendment to ... draft resolution".
    blocks: list[tuple[int, int]] = []
    start = None
    for i, line in enumerate(lines + [""]):
        if line.strip() and start is None:
            start = i
        elif not line.strip() and start is not None:
            blocks.append((start, i))
            start = None
    found = None
    for b, (s, e) in enumerate(blocks):
        joined = " ".join(x.strip() for x in lines[s:e])
        m = _AMENDS_LINE.search(joined)
        if m:
            found = b, joined, m
            break
    if found is None:
        raise ParseError("not an amendment document: no line ending "
                         "': amendment to draft resolution SYMBOL'", source, 1, 1,
                         lines[0] if lines else "")
    b, joined, m = found
    block_start, block_end = blocks[b]
    # Without blank lines (some extractions drop them) the block runs on into the title
    # and the instructions: it ends on the line where ": amendment to ... SYMBOL" ends,
    # and the title ends before the first line that opens an instruction.
    ends = block_start + _line_of(lines[block_start:block_end], m.end())
    run_on = _run_on(lines, block_start, ends, m)
    doc = _run_on_document(lines, ends, run_on, m, source) if run_on is not None else None
    if doc is not None:
        return doc
    if ends + 1 < block_end:
        blocks[b:b + 1] = [(block_start, ends + 1),
                           *_split_at_instruction(lines, ends + 1, block_end)]
        block_end = ends + 1
    # The sponsors' block may begin with furniture lines (agenda item, title of the item)
    # when no blank line separates them; keep only the lines from the one that starts the
    # list: walk back from the amends line while the list goes on across the line break
    # (the previous line ends with a comma, or this one starts "and Uruguay", as in L.65).
    sponsor_lines = [x.strip() for x in lines[block_start:block_end]]
    # The line where the names end (the colon of ": amendment to"): the block's lines
    # joined are `joined`, which matched at m.start().
    last, at = 0, len(sponsor_lines[0])
    while at < m.start() and last + 1 < len(sponsor_lines):
        last += 1
        at += 1 + len(sponsor_lines[last])
    first = last
    while first > 0 and list_goes_on(sponsor_lines[first - 1], sponsor_lines[first]):
        first -= 1
    names = " ".join(sponsor_lines[first:])
    found = _AMENDS_LINE.search(names)
    if found is None:
        raise ParseError("expected the sponsors' line ending ': amendment to draft resolution "
                         "SYMBOL'", source, 1, 1)
    names = names[:found.start()]
    sponsors = split_sponsors(names)
    amends = m["symbol"] or m["report"]

    symbol = None
    for line in lines[:block_start + first]:      # the masthead, above the sponsors' names
        # PDF mastheads may hold several fields on one line: "United Nations<TAB>A/C.3/79/L.70".
        cell = next((c.strip() for c in re.split(r"\t| {3,}", line) if is_symbol(c)), None)
        if cell:
            symbol = cell
            break

    # The title: the next block, unless it already reads as an instruction.
    rest = blocks[b + 1:]
    title = None
    if rest:
        s, e = rest[0]
        candidate = _clean(" ".join(lines[s:e]))
        if not _looks_like_instruction(candidate):
            title = candidate
            rest = rest[1:]
    if not rest:
        raise ParseError("amendment document has no instructions", source,
                         block_end + 1, 1, None)
    body_start = rest[0][0]
    body = [("" if _FURNITURE.match(x) or (symbol and x.strip() == symbol) else x)
            for x in lines[body_start:]]
    body, notes = _without_footnotes(body)
    operations = _without_own_marks(_parse("\n".join(body), source, line_offset=body_start),
                                    notes)
    return AmendmentDocument(symbol=symbol, amends=amends, sponsors=sponsors,
                             operations=operations, title=title, notes=notes, source=source)


def _run_on(lines: list[str], block_start: int, ends: int, m: re.Match) -> int | None:
    """The column (0-based, in lines[ends]) where ": amendment to ... SYMBOL" ends, when
    text follows it on the same line: a degraded extraction that ran the title and the
    instructions on; None otherwise."""
    before = sum(len(x.strip()) + 1 for x in lines[block_start:ends])
    raw = lines[ends]
    col = len(raw) - len(raw.lstrip()) + (m.end() - before)
    return col if raw[col:].strip() else None


# Where an instruction opens inside a run-on line: "After operative paragraph 3, insert",
# "1. In the fourteenth preambular paragraph", "Delete operative paragraphs 5, 6",
# "Replace “Chornobyl” with ...".
_INLINE_INSTRUCTION = re.compile(
    r"(?<![\w“\"‘])(?:\d{1,3}\.\s+)?(?:After|Before|In|Delete|Replace|Insert|Add|Move)\s+"
    r"(?:[\w-]+\s+){0,3}?(?:operative|preambular|paragraphs?|title|“|\")")
# A starred note run into the instructions ("* Any changes to the list of sponsors will
# be reflected in the official record of the meeting."), to the first full stop before a
# capital or the end ("vol. 2187, No. 38544." goes on).
_INLINE_STAR_NOTE = re.compile(r"(?<!\S)\*{1,3}\s+[A-Z][^*“”\"]*?\.(?=\s+[A-Z“\"]|\s*$)")


def _run_on_document(lines: list[str], at: int, col: int, m: re.Match,
                     source: str | None) -> AmendmentDocument | None:
    """An amendment document whose masthead, sponsors, title and instructions run on in
    one line (lines[at], the amends line ending at column `col`): the sponsors' names
    start with the first name of a State (`names.names_start`), the title runs to the
    first instruction, and the instructions are parsed where they stand (the rest of the
    line blanked, so that errors point into the user's file), page marks and starred
    notes taken out. None when the line does not read so (no instruction after it, no
    State's name before it): the document is read line by line."""
    # The lexer's page marks (this is the parsing of a whole document: lark is loaded).
    from drafting.preprocess import PAGE_MARK_IN_LINE

    raw = lines[at]
    found = _INLINE_INSTRUCTION.search(raw, col)
    head = " ".join(x.strip() for x in lines[:at] + [raw[:col]])
    amends = _AMENDS_LINE.search(head)
    names = head[:amends.start()] if amends else ""
    start = names_start(names)
    if found is None or start is None:
        return None
    sponsors = split_sponsors(names[start:])
    symbol = next((s.group(0) for s in SYMBOL.finditer(names[:start])), None)
    notes: list[str] = []
    jobs = set(re.findall(r"\d{2}-\d{4,6}", head))      # the masthead's job number(s)
    head_part = raw[col:found.start()]
    for n in list(_INLINE_STAR_NOTE.finditer(head_part)):
        notes.append(n.group(0).strip())     # "* Reissued for technical reasons ..."
    title = _clean(_INLINE_STAR_NOTE.sub(" ", head_part)) or None
    body = [" " * found.start() + raw[found.start():]] + lines[at + 1:]
    marks = [symbol] if symbol else []
    for k, line in enumerate(body):
        for n in list(_INLINE_STAR_NOTE.finditer(line)):
            if _still_quoted(line[:n.start()], False):
                continue            # a "* " inside the words of a new paragraph
            notes.append(n.group(0).strip())
            line = line[:n.start()] + " " * (n.end() - n.start()) + line[n.end():]
        for f in list(PAGE_MARK_IN_LINE.finditer(line)):
            symbol = f.group("symbol")
            start = f.start() if symbol and (symbol in marks or is_symbol(symbol)) \
                else f.start("mark")           # (the word before a mark may be a word)
            if start and not line[start - 1].isspace():
                continue
            if _still_quoted(line[:start], False) and symbol not in marks \
                    and not jobs & set(re.findall(r"\d{2}-\d{4,6}", f.group("mark"))):
                continue            # "replace “see 25-18531 2/2 text”": the words quoted
            line = line[:start] + " " * (f.end() - start) + line[f.end():]
        body[k] = line
    operations = _without_own_marks(_parse("\n".join(body), source, line_offset=at),
                                    tuple(notes))
    return AmendmentDocument(symbol=symbol, amends=m["symbol"] or m["report"],
                             sponsors=sponsors, operations=operations, title=title,
                             notes=tuple(notes), source=source)


def _line_of(block: list[str], at: int) -> int:
    """The index of the line of `block` holding character `at` of its lines joined with
    single spaces (each line stripped)."""
    end = -1
    for k, line in enumerate(block):
        end += 1 + len(line.strip())
        if at <= end:
            return k
    return len(block) - 1


# A line that opens an instruction in a text without blank lines: a capital or a number
# first ("After operative paragraph 3, ...", "In the fourteenth ...", "1." alone), never
# a title's wrapped line ("and related intolerance").
_OPENS_INSTRUCTION = re.compile(r"^\s*(?:[(]?\d{1,3}[.)]\s*$|[(]?\d{1,3}[.)]\s|[*\-•]\s+)?[A-Z]")


def _split_at_instruction(lines: list[str], start: int, end: int) -> list[tuple[int, int]]:
    """Lines start..end as blocks: the title's lines, then from the first line that opens
    an instruction (see `_OPENS_INSTRUCTION`) on."""
    for k in range(start, end):
        line = lines[k].strip()
        bare = line[m.end():] if (m := _BULLET.match(line)) else line
        if re.fullmatch(r"[(]?\d{1,3}[.)]", line) or _OPENS_INSTRUCTION.match(line) and (
                _INSTRUCTION_START.match(bare) or _NAMES_A_PARAGRAPH.match(bare)
                or re.match(r"paragraphs?\s+\d", bare, re.IGNORECASE)):  # "Paragraph 5 ..."
            # (Not a title's line that ends with a colon: "Oceans and the law of the sea:"
            # / "sustainable fisheries".)
            return [(start, k), (k, end)] if k > start else [(start, end)]
    return [(start, end)]


_BULLET = re.compile(r"^\s*[*\-•]\s+")
_NUMBERED_NOTE = re.compile(r"^\s*(\d{1,2})\s+\S")        # "1  See A/80/100." under a rule


def _without_footnotes(body: list[str]) -> tuple[list[str], tuple[str, ...]]:
    """The instruction lines with the page footnotes blanked out (line numbers kept), and
    the footnotes: a footnote rule and the notes under it, numbered in sequence, and a note
    marked "* " set apart by a blank line ("* Any changes to the list of sponsors will be
    reflected in the official record of the meeting."; "* United Nations, Treaty Series,
    vol. 2187"). Each note runs to the next blank line or instruction.

    Not notes: a bulleted line that reads as an instruction ("* Delete operative paragraph
    2.", "- Operative paragraph 7 should be deleted.", a Markdown list: its bullet is blanked
    out); an emphasised word ("*Requests* the Secretary-General ...", a new paragraph's
    text); anything inside a quotation still open; a number that breaks the notes'
    sequence ("20 November 1989, ..." under the notes of a page break)."""
    # The lexer's own patterns for a note's rule, a starred note and a date (this is the
    # parsing of a whole amendment document: lark is loaded already).
    from drafting.preprocess import DATE_START, FOOTNOTE_RULE, STAR_NOTE

    out = list(body)
    notes: list[str] = []
    in_notes = False        # under a rule, until the page ends (a blank line after a note)
    last_number = None      # the last numbered note's number
    quoted = False          # inside a quotation the instructions opened
    i = 0
    while i < len(out):
        line = out[i]
        if FOOTNOTE_RULE.match(line.strip()):
            out[i] = ""
            in_notes = True
            i += 1
            continue
        # A note or a bullet is set apart by a blank line, or, where an extraction lost
        # the blank lines, follows a line that ends a sentence outside any quotation.
        after_blank = i == 0 or not out[i - 1].strip() or (
            not quoted and out[i - 1].rstrip().endswith(_SENTENCE_ENDS))
        bullet = _BULLET.match(line) if not quoted else None
        if bullet and after_blank and _looks_like_instruction(line[bullet.end():]):
            # "* Delete operative paragraph 2.", "- In operative paragraph 1, ...": a list
            # of instructions; the bullet goes (its column kept blank).
            out[i] = " " * bullet.end() + line[bullet.end():]
            quoted = _still_quoted(out[i], False)
            i += 1
            continue
        numbered = in_notes and _NUMBERED_NOTE.match(line)
        if numbered and (last_number is not None and int(numbered[1]) != last_number + 1
                         or DATE_START.match(line.strip())):
            numbered = None
        if after_blank and ((STAR_NOTE.match(line.strip()) and not quoted) or numbered):
            if numbered:
                last_number = int(numbered[1])
            note = []
            while i < len(out) and out[i].strip() and not (note and (
                    _INSTRUCTION_START.match(out[i].strip())
                    or STAR_NOTE.match(out[i].strip()) or _next_note(out[i], last_number))):
                note.append(out[i].strip())
                out[i] = ""
                i += 1
            notes.append(" ".join(note))
            continue
        if line.strip():
            in_notes = False
            quoted = _still_quoted(line, quoted)
        i += 1
    return out, tuple(notes)


_SENTENCE_ENDS = (".", ";", ".”", '."', "”.", '".')


def _next_note(line: str, last_number: int | None) -> bool:
    """Whether `line` opens the note numbered after `last_number` ("2  See ...")."""
    m = _NUMBERED_NOTE.match(line)
    return bool(m and last_number is not None and int(m[1]) == last_number + 1)


def _without_own_marks(ops: tuple[Operation, ...], notes: tuple[str, ...]
                       ) -> tuple[Operation, ...]:
    """The operations with the document's own footnote marks taken out of the words they
    quote from the draft: A/C.3/80/L.58 quotes "the Rome Statute of the International
    Criminal Court* that define" and notes "* United Nations, Treaty Series, ...": the
    draft prints its own mark there, or none."""
    marks = {n.split(None, 1)[0] for n in notes if n.split(None, 1)[0].strip("*").isdigit()
             or set(n.split(None, 1)[0]) == {"*"}}
    if not marks:
        return ops
    pattern = re.compile(r"(?<=[^\W\d_])(?:" + "|".join(
        re.escape(m) for m in sorted(marks, key=len, reverse=True)) + r")(?=[\s,;.:]|$)")

    def clean(text: str | None) -> str | None:
        return pattern.sub("", text) if text else text
    return tuple(replace(o, old=clean(o.old), anchor=clean(o.anchor)) for o in ops)


def _still_quoted(line: str, quoted: bool) -> bool:
    """Whether a quotation is open after `line`, given whether one was before it: curly
    quotes open and close; a straight double quote toggles."""
    for c in line:
        if c == "“":
            quoted = True
        elif c == "”":
            quoted = False
        elif c == '"':
            quoted = not quoted
    return quoted


_INSTRUCTION_START = re.compile(
    r"^(?:\d{1,3}[.)]\s*)?(?:in|after|before|delete|replace|insert|add|move|throughout|at the"
    r"|(?:OP|PP)\s?\d)\b", re.IGNORECASE)


def _looks_like_instruction(text: str) -> bool:
    text = text[m.end():] if (m := _BULLET.match(text)) else text
    return bool(_INSTRUCTION_START.match(text) or _NAMES_A_PARAGRAPH.match(text)) \
        or text.rstrip().endswith(":")


# "Operative paragraph 7 should be deleted.", "The fourth preambular paragraph shall read:"
_NAMES_A_PARAGRAPH = re.compile(
    r"^(?:the\s+\w+\s+)?(?:operative|preambular)\s+paragraphs?\b", re.IGNORECASE)
