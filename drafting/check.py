"""Lint a resolution before adoption: brackets, quotes, punctuation, numbering, references.

Pure: the parsed Resolution and the text of the user's file go in, findings come out,
each located in that original file (`file:line:column: error|warning: message`):

    oas-cam-report-2013.txt:138:216: error: unmatched ']' (no '[' opens it)
    oas-cam-report-2013.txt:140:1: warning: opener "ConsiderING" breaks the casing of the
        other preambular openers (all capitals)

Errors are what stops adoption (an unbalanced bracket, a number used twice, a reference to
a paragraph that does not exist); warnings are house-style slips (a preambular paragraph
ending with ';' in UN style, an opener in the wrong case).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from drafting.finalize import (
    ABOVE, BELOW, label_scheme, find_references, letters_value, roman_value,
)
from drafting.model import Paragraph, Resolution
from drafting.numbering import LabelError, join_label, split_label

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    """One problem, located in the user's original file (1-based line and column)."""

    file: str
    line: int
    column: int
    severity: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.severity}: {self.message}"


# --------------------------------------------------------------------------------------
# Locating a character of a paragraph in the original file
# --------------------------------------------------------------------------------------

class Locator:
    """Maps (paragraph, index in Paragraph.text) to (line, column) in the original file.

    The model joins line wraps and collapses white space, and the file may carry page
    furniture inside a paragraph (A/RES/80/1 splits OP1 (a) across a page break). So the
    paragraph's lines are read from Paragraph.line up to the next paragraph's line, white
    space collapsed the same way, and the character is found by its left context, shortened
    until it matches.
    """

    def __init__(self, res: Resolution, text: str | None):
        self.lines = text.splitlines() if text else []
        nodes = [p for top in res.paragraphs() for p in top.walk()]
        starts = sorted({p.line for p in nodes if p.line})
        # Keyed by object: a text may print the same label twice ("(c)", "(c)").
        self.span: dict[int, tuple[int, int]] = {}
        for p in nodes:
            if not p.line:
                continue
            later = [s for s in starts if s > p.line]
            self.span[id(p)] = (p.line, later[0] if later else len(self.lines) + 1)
        self._flat: dict[int, tuple[str, list[tuple[int, int]]]] = {}

    def _flatten(self, pid: int) -> tuple[str, list[tuple[int, int]]]:
        if pid not in self._flat:
            first, end = self.span[pid]
            chars: list[str] = []
            where: list[tuple[int, int]] = []
            for n in range(first, min(end, len(self.lines) + 1)):
                for col, ch in enumerate(self.lines[n - 1] + "\n", 1):
                    if ch.isspace():
                        if chars and chars[-1] != " ":
                            chars.append(" ")
                            where.append((n, col))
                        continue
                    chars.append(ch)
                    where.append((n, col))
            self._flat[pid] = ("".join(chars), where)
        return self._flat[pid]

    def locate(self, p: Paragraph, index: int | None = None) -> tuple[int, int]:
        """Line and column of p.text[index] (of the paragraph's start when index is None)."""
        if id(p) not in self.span or not self.lines:
            return (p.line or 1, 1)
        flat, where = self._flatten(id(p))
        if index is None:
            return where[0] if where else (p.line, 1)
        text = p.text
        for left in (40, 20, 10, 4, 0):
            needle = text[max(0, index - left):index + 1]
            if not needle.strip():
                continue
            # the k-th occurrence in the paragraph is the k-th in the file's lines
            k = _count(text[:index + 1], needle)
            pos = _nth(flat, needle, k)
            if pos is not None:
                return where[pos + len(needle) - 1]
        return where[0] if where else (p.line, 1)

    def find(self, needle: str) -> tuple[int, int] | None:
        for n, line in enumerate(self.lines, 1):
            col = line.find(needle)
            if col >= 0:
                return n, col + 1
        return None


def _count(hay: str, needle: str) -> int:
    n, start = 0, 0
    while (i := hay.find(needle, start)) >= 0:
        n += 1
        start = i + 1
    return n


def _nth(hay: str, needle: str, k: int) -> int | None:
    start, i = 0, -1
    for _ in range(k):
        i = hay.find(needle, start)
        if i < 0:
            return None
        start = i + 1
    return i if k else None


# --------------------------------------------------------------------------------------
# Checks
# --------------------------------------------------------------------------------------

class _Report:
    def __init__(self, file: str, locator: Locator):
        self.file = file
        self.loc = locator
        self.findings: list[Finding] = []

    def at(self, p: Paragraph, index: int | None, severity: str, message: str) -> None:
        line, col = self.loc.locate(p, index)
        self.findings.append(Finding(self.file, line, col, severity, message))

    def at_line(self, line: int, col: int, severity: str, message: str) -> None:
        self.findings.append(Finding(self.file, line, col, severity, message))


def _live(paras):
    return [p for p in paras if p.status != "deleted"]


# "a)" or "1)" printed inside a paragraph ("a) los Estados ...; b) ..."): a list marker,
# not a closing parenthesis.
_INLINE_MARKER = re.compile(r"(?:^|(?<=[\s;:,]))(?:[a-z]|[ivx]{1,4}|\d{1,2})\)")

_PAIRS = {"]": "[", ")": "(", "\u201d": "\u201c", "\u00bb": "\u00ab"}
_NAMES = {"[": "square bracket", "(": "parenthesis", "\u201c": "quote", "\u00ab": "guillemet"}


def _balance(top: Paragraph, final: bool, report: _Report) -> None:
    """Brackets, parentheses and quotes of one paragraph with its sub-paragraphs."""
    stacks: dict[str, list[tuple[Paragraph, int]]] = {o: [] for o in _PAIRS.values()}
    straight: list[tuple[Paragraph, int]] = []
    brackets = 0
    for node in top.walk():
        skip = {m.end() - 1 for m in _INLINE_MARKER.finditer(node.text)}
        for i, ch in enumerate(node.text):
            if ch in stacks:
                stacks[ch].append((node, i))
                brackets += ch == "["
            elif ch in _PAIRS:
                if ch == ")" and i in skip and not stacks["("]:
                    continue
                opener = _PAIRS[ch]
                if stacks[opener]:
                    stacks[opener].pop()
                else:
                    report.at(node, i, "error", f"unmatched '{ch}' (no '{opener}' opens it)")
            elif ch == '"':
                straight.append((node, i))
    for opener, left in stacks.items():
        for node, i in left:
            report.at(node, i, "error", f"'{opener}' is never closed")
    if len(straight) % 2:
        node, i = straight[-1]
        report.at(node, i, "error", "odd number of straight quotes '\"': one is not closed")
    if final and brackets:
        open_ = [(n, i) for n in top.walk() for i, c in enumerate(n.text) if c == "["]
        node, i = open_[0]
        report.at(node, i, "warning", "square brackets left in a final text")


# What a paragraph's last words may be: the mark, then "and"/"or" in four languages.
_ENDING = re.compile(r"([;,.:])\s*(?:and|or|y|o|e|et|ou)?$|(\S)$")
_TRAILING = re.compile(r"[\s\u00a0\u202f\u201d\u00bb\"\u2019'\]]+$")
_FOOTNOTE_MARK = re.compile(r"(?<=[;,.:\u201d])\s?\d{1,2}$")       # "Council,1", "2022; 11"


def _ending(text: str) -> tuple[str, int]:
    """The end punctuation of a text and its index: "... and their Families; and" -> ";".

    Closing quotes and a footnote mark after the mark are skipped ('... Issues,”' -> ",").
    French typography puts a space before ';' and ':'; white space is skipped too.
    """
    t = _FOOTNOTE_MARK.sub("", text.rstrip())
    t = _TRAILING.sub("", t)
    m = _ENDING.search(t)
    if not m:
        return "", max(len(text) - 1, 0)
    if m[1]:
        return m[1], m.start(1)
    return "", m.start(2)


_STYLE_NAMES = {"un": "UN", "oas": "OAS"}


def _expected(res: Resolution, part: str, last: bool) -> tuple[str, ...]:
    if res.style == "oas":
        return (";", ",") if part == "PP" else (".",)
    if part == "PP":
        return (",",)
    return (".",) if last else (";",)


def _punctuation(res: Resolution, report: _Report) -> None:
    style = _STYLE_NAMES.get(res.style, res.style)
    for part, paras in (("PP", _live(res.preambular)), ("OP", _live(res.operative))):
        for k, top in enumerate(paras):
            last_para = k == len(paras) - 1
            nodes = [n for n in top.walk() if n.status != "deleted"]
            leaves = [n for n in nodes if not _live(n.subparagraphs)]
            for node in nodes:
                if not node.text:
                    continue
                mark, i = _ending(node.text)
                if node is leaves[-1]:
                    want = _expected(res, part, last_para)
                    where = "the last operative paragraph" if part == "OP" and last_para \
                        else ("a preambular paragraph" if part == "PP"
                              else "an operative paragraph")
                elif _live(node.subparagraphs):
                    want = (":", ",", ";")
                    where = "a paragraph introducing sub-paragraphs"
                else:
                    want = (";", ",")
                    where = "a sub-paragraph"
                if not mark:
                    report.at(node, i, ERROR,
                              f"{node.id} ends without punctuation; {style} style ends "
                              f"{where} with {' or '.join(repr(w) for w in want)}")
                elif mark not in want:
                    report.at(node, i, WARNING,
                              f"{node.id} ends with {mark!r}; {style} style ends "
                              f"{where} with {' or '.join(repr(w) for w in want)}")


def _number_column(report: _Report, p: Paragraph) -> int:
    if not p.line or not report.loc.lines or not p.number:
        return 1
    line = report.loc.lines[p.line - 1]
    m = re.search(rf"(?<!\d){re.escape(p.number[0])}", line)
    return m.start() + 1 if m else 1


def _numbering(res: Resolution, report: _Report) -> None:
    final = res.kind == "resolution"
    for part, paras in (("PP", res.preambular), ("OP", res.operative)):
        seen: dict[tuple[int, int], Paragraph] = {}
        prev: tuple[int, int] | None = None
        for p in paras:
            if p.number is None:
                continue
            line, col = p.line or 1, _number_column(report, p)
            try:
                key = split_label(p.number)
            except LabelError:
                report.at_line(line, col, ERROR, f"{p.number!r} is not a paragraph number")
                continue
            if key in seen:
                first = seen[key].line
                report.at_line(line, col, ERROR, f"paragraph number {p.number} used twice"
                               + (f" (first on line {first})" if first else ""))
                continue
            seen[key] = p
            if final and key[1] and p.status != "deleted":
                report.at_line(line, col, ERROR, f"{part}{p.number} keeps its negotiating "
                               "number in a final text; run `drafting renumber`")
            if prev is not None and key < prev:
                report.at_line(line, col, ERROR,
                               f"paragraph {p.number} comes after {join_label(*prev)}")
            else:
                missing = None
                want = 1 if prev is None else prev[0] + 1
                if key[1] == 0:
                    if key[0] > want:
                        missing = str(want) if key[0] == want + 1 else f"{want} to {key[0] - 1}"
                elif prev != (key[0], key[1] - 1):
                    # 5bis needs 5 before it, 5ter needs 5bis
                    if prev is not None and prev[0] == key[0]:
                        missing = join_label(key[0], key[1] - 1)
                    else:
                        missing = str(key[0]) if want == key[0] else f"{want} to {key[0]}"
                if missing:
                    report.at_line(line, col, ERROR if final else WARNING,
                                   f"{part} numbering jumps to {p.number}: {missing} missing")
            prev = key if prev is None or key > prev else prev
        for top in paras:
            _sub_labels(top, report)


def _sub_labels(p: Paragraph, report: _Report, level: int = 1) -> None:
    subs = p.subparagraphs
    if not subs:
        return
    scheme = label_scheme(subs[0].label, level)
    value = {"alpha": letters_value, "roman": roman_value, "digit": int,
             "ALPHA": lambda s: letters_value(s.lower()),
             "ROMAN": lambda s: roman_value(s.lower())}[scheme]
    seen: set[int] = set()
    expect = 1
    for s in subs:
        try:
            n = value(s.label or "")
        except ValueError:
            n = None
        line, col = s.line or p.line or 1, 1
        if report.loc.lines and s.line and s.marker:
            col = report.loc.lines[s.line - 1].find(s.marker) + 1 or 1
        if n is None:
            report.at_line(line, col, WARNING, f"sub-paragraph {s.marker or s.label!r} is "
                           "out of the lettering sequence")
        elif n in seen:
            report.at_line(line, col, ERROR, f"sub-paragraph {s.marker or s.label} used twice")
        elif n != expect:
            report.at_line(line, col, WARNING,
                           f"sub-paragraph {s.marker or s.label} out of sequence")
        if n is not None:
            seen.add(n)
            expect = n + 1
        _sub_labels(s, report, level + 1)


def _word_casing(word: str) -> str:
    letters = [c for c in word if c.isalpha()]
    if not letters:
        return "none"
    if all(c.isupper() for c in letters):
        return "upper" if len(letters) > 1 else "sentence"
    if letters[0].isupper() and all(c.islower() for c in letters[1:]):
        return "sentence"
    if all(c.islower() for c in letters):
        return "lower"
    return "mixed"


def _casing(opener: str) -> str:
    """"RECALLING" upper, "Recalling also" sentence, "ConsiderING" mixed.

    The first word decides ("Calls upon the Government" stays sentence case even when an
    opener carries a proper noun); in capitals every word must be in capitals ("TAKING
    note" is mixed). Bracketed alternatives ("[Decides][Invites]") are read one by one.
    """
    classes = set()
    for alt in re.split(r"\]\s*\[", opener):
        words = re.sub(r"[\[\]*_]", " ", alt).split()
        if not words:
            continue
        c = _word_casing(words[0])
        if c == "upper" and any(_word_casing(w) in ("lower", "sentence", "mixed")
                                for w in words[1:]):
            c = "mixed"
        classes.add(c)
    return classes.pop() if len(classes) == 1 else ("mixed" if classes else "none")


_CASING_NAMES = {"upper": "all capitals", "sentence": "sentence case", "lower": "lower case",
                 "mixed": "mixed case"}


def _openers(res: Resolution, report: _Report) -> None:
    for part, paras in (("preambular", _live(res.preambular)),
                        ("operative", _live(res.operative))):
        found = []
        for p in paras:
            opener = p.opener or (p.text.split()[0] if p.text.split() else "")
            if opener:
                found.append((p, opener, _casing(opener)))
        counts: dict[str, int] = {}
        for _, _, c in found:
            counts[c] = counts.get(c, 0) + 1
        pattern = max(counts, key=counts.get) if counts else None
        if pattern is not None and (counts[pattern] < 2 or counts[pattern] * 2 <= len(found)):
            pattern = None
        for p, opener, c in found:
            if pattern and c != pattern:
                msg = (f'opener "{opener}" breaks the casing of the other {part} openers '
                       f"({_CASING_NAMES[pattern]})")
            elif c == "mixed":
                msg = f'opener "{opener}" has mixed casing'
            else:
                continue
            i = p.text.find(opener)
            report.at(p, max(i, 0), WARNING, msg)


def _references(res: Resolution, report: _Report) -> None:
    order = {p.id: i for i, p in enumerate(p for top in res.paragraphs() for p in top.walk())}
    for top in res.paragraphs():
        if top.status == "deleted":
            continue
        for node in top.walk():
            for ref in find_references(node.text, res.language, top.id):
                words = ref.text(node.text)
                told = False    # one direction warning per reference, not per target
                for t in ref.targets:
                    target = res.find(t.id)
                    if target is None:
                        report.at(node, ref.start, ERROR if ref.qualified else WARNING,
                                  f'"{words}" refers to {t.id}, which does not exist')
                    elif target.status == "deleted":
                        report.at(node, ref.start, WARNING,
                                  f'"{words}" refers to {t.id}, which is deleted')
                    elif ref.direction and not told and not node.id.startswith(t.id):
                        # "paragraph 1 (a) above" written in OP2 is fine; "above" pointing
                        # at a later paragraph is a reference that renumbering broke.
                        later = order[t.id] > order[node.id]
                        if later != (ref.direction == "below"):
                            told = True
                            where = "after" if later else "before"
                            said = (ABOVE.match(node.text, ref.end)
                                    or BELOW.match(node.text, ref.end)).group().strip()
                            report.at(node, ref.start, WARNING,
                                      f'"{words} {said}" refers to {t.id}, which '
                                      f"comes {where} it")


# A well-formed symbol: UN "A/C.3/80/L.24/Rev.1", "S/RES/2532 (2020)";
# OAS "AG/RES. 2738 (XLII-O/12)", "CP/RES. 953 (1700/09)", "CIDI/CAM/doc.4/13 rev. 3".
_UN_SYMBOL = re.compile(r"""^
    [A-Z]{1,6}                                     # organ: A, S, E, FCCC
    (?:/[A-Z0-9][A-Za-z0-9\-]*(?:\.[A-Za-z0-9\-]+)*)+   # /RES /C.3 /80 /L.24 /Rev.1
    (?:\s\(\d{4}\))?                               # Security Council year: (2020)
$""", re.VERBOSE)
_OAS_SYMBOL = re.compile(r"""^
    [A-Z]+(?:/[A-Z]+)*                             # AG, CP, CIDI/CAM
    /(?:RES|DEC|doc|INF)\.\s?\d+(?:/\d+)?          # RES. 2738, doc.4/13
    (?:\s\((?:[IVXLC]+-[OE]/\d{2}|\d+/\d{2})\))?   # (XLII-O/12), (1700/09)
    (?:\s(?:rev|corr|add)\.\s\d+)*                 # rev. 3
$""", re.VERBOSE)
# Symbol-like runs: two slashes at least, spaces around them tolerated so that
# "A/RES /70/1" is caught, with a year or session in parentheses ("S/RES/2532(2020)");
# OAS "AG/RES 2738" with its missing dot.
_SESSION = r"(?:\s?\((?:[IVXLC]+-[OE]/\d{2}|\d+/\d{2}|\d{4})\)?)?"
_SYMBOL_IN_TEXT = re.compile(
    r"(?<![\w/])[A-Z]{2,}(?:/[A-Z]+)*/(?:RES|DEC|doc)\.?\s*\d+(?:/\d+)?" + _SESSION
    + r"(?:\s(?:rev|corr|add)\.\s?\d+)?"
    + r"|(?<![\w/.\-])[A-Z]{1,6}(?:[ ]?/[ ]?[A-Za-z0-9.\-]*){2,}(?<![ ])" + _SESSION)


def well_formed_symbol(symbol: str) -> bool:
    """"A/C.3/80/L.24/Rev.1", "S/RES/2532 (2020)", "AG/RES. 2738 (XLII-O/12)": True;
    "A/RES/80//1", "S/RES/2532(2020)", "AG/RES.2738", "A/RES /70/1": False."""
    symbol = symbol.strip()
    if re.search(r"/(?:RES|DEC)\.", symbol):
        # OAS resolutions and declarations: "AG/RES. 2738", a space after the dot
        return bool(_OAS_SYMBOL.match(symbol)) and bool(re.search(r"/(?:RES|DEC)\. \d", symbol))
    return bool(_UN_SYMBOL.match(symbol) or _OAS_SYMBOL.match(symbol))


def _symbols(res: Resolution, report: _Report) -> None:
    if res.symbol and not well_formed_symbol(res.symbol):
        line, col = report.loc.find(res.symbol) or (1, 1)
        report.at_line(line, col, ERROR, f"malformed document symbol {res.symbol!r}")
    # The front matter as written: a symbol the parser could not read is not in the model.
    # The document's own symbol heads its line ("S/RES/2532(2020)"); symbols inside the
    # prose of a report around the draft are not the draft's.
    first = min((p.line for p in res.paragraphs() if p.line), default=1)
    for n, line in enumerate(report.loc.lines[:first - 1], 1):
        m = _SYMBOL_IN_TEXT.match(line.strip())
        if m and not well_formed_symbol(m.group().rstrip(".")) and m.group() != res.symbol:
            col = len(line) - len(line.lstrip()) + 1
            report.at_line(n, col, ERROR, f"malformed document symbol {m.group().rstrip('.')!r}")
    for top in res.paragraphs():
        for node in top.walk():
            for m in _SYMBOL_IN_TEXT.finditer(node.text):
                s = m.group().rstrip(".")
                if not well_formed_symbol(s):
                    report.at(node, m.start(), WARNING, f"malformed document symbol {s!r}")


def check(res: Resolution, text: str | None = None, file: str | None = None) -> list[Finding]:
    """Every finding on `res`, sorted by place. `text` is the user's file as read, so
    that lines and columns point into it; without it, positions fall back to each
    paragraph's first line."""
    report = _Report(file or res.source or "<input>", Locator(res, text))
    final = res.kind == "resolution"
    for top in res.paragraphs():
        if top.status != "deleted":
            _balance(top, final, report)
    _punctuation(res, report)
    _numbering(res, report)
    _openers(res, report)
    _references(res, report)
    _symbols(res, report)
    return sorted(set(report.findings), key=lambda f: (f.line, f.column, f.message))


def has_errors(findings: list[Finding]) -> bool:
    return any(f.severity == ERROR for f in findings)
