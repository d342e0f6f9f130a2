"""Line lexer: the user's text -> classified lines (lark tokens) at their original positions.

Real texts arrive as PDF extractions (hard wraps, numbers alone on their line, page headers,
footnote blocks after a `____` line, page breaks inside a paragraph), Markdown renderings,
e-mails, or whole reports that carry the draft as an annex. This module finds the authoring
body line ("The General Assembly,"), reads the front matter above it, drops page furniture,
and classifies each remaining line as the start of a paragraph, a number, a sub-paragraph
label or a continuation. Every token keeps the line and column of the user's own file, so
errors point there, not into a pre-processed copy.
"""
from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass, field
from typing import Callable

from lark import Token

from drafting import lexicon
from drafting.names import list_goes_on, names_start, split_names
from drafting.numbering import SUFFIXES
from drafting.symbols import SYMBOL, SYMBOL_LINE, is_symbol


class _Lazy:
    """A pattern compiled on its first use: those that most texts never need (unflatten's
    compiled at import would cost every command about 2 ms)."""

    __slots__ = ("args", "rx")

    def __init__(self, *args):
        self.args, self.rx = args, None

    def __getattr__(self, name):
        if self.rx is None:
            self.rx = re.compile(*self.args)
        return getattr(self.rx, name)


# ---------------------------------------------------------------------------------------
# Lines


@dataclass(frozen=True)
class Line:
    """One physical line of the user's file."""

    no: int       # 1-based line number in the user's file
    raw: str      # as in the file, without its line break
    text: str     # stripped of surrounding white space
    column: int   # 1-based column where `text` starts

    @property
    def indent(self) -> int:
        return len(self.raw.expandtabs(4)) - len(self.raw.expandtabs(4).lstrip())


# Characters a text may carry that print nothing: zero-width spaces and joiners, the word
# joiner, a byte-order mark inside the text, the soft hyphen.
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
# For matching labels and marks only (texts keep them): no-break spaces read as spaces,
# invisible characters as nothing.
_MATCHING = str.maketrans({"\u00a0": " ", **{c: None for c in _INVISIBLE}})


def for_matching(text: str) -> str:
    """`text` with no-break spaces as spaces and invisible characters left out, for the
    patterns that recognise labels ("Adopted by the Security Council", "draft resolution")."""
    return text if text.isascii() else text.translate(_MATCHING)


def split_lines(text: str) -> list[Line]:
    if "\r" in text and "\n" not in text:   # old Mac line endings: CR alone
        text = text.replace("\r", "\n")
    lines = []
    # Split on line feeds only, as editors count lines: PDF extractions carry form feeds
    # (page breaks) and U+2028 inside lines, which str.splitlines would count as lines.
    for no, raw in enumerate(text.split("\n"), start=1):
        raw = raw.rstrip("\r")
        stripped = raw.strip()
        if stripped and not stripped.strip(_INVISIBLE + " \t"):
            stripped = ""               # a line of zero-width characters is a blank line
        column = (len(raw) - len(raw.lstrip())) + 1 if stripped else 1
        lines.append(Line(no, raw, stripped, column))
    return lines


def strip_markdown(text: str) -> str:
    """"*The Conference of the Parties,*" -> "The Conference of the Parties,"; also drops
    heading marks and footnote references "[^13]"."""
    if "*" not in text and "#" not in text and "[^" not in text and "\\" not in text:
        return text.strip()
    text = re.sub(r"\[\^\w+\]", "", text)
    text = re.sub(r"^#{1,6}\s+", "", text)
    text = text.replace("**", "").replace("*", "")
    return re.sub(r"\\(?=[^\w\s])", "", text).strip()


def collapse(text: str) -> str:
    """Join wrapped lines and collapse runs of white space (the only normalisation of text)."""
    return " ".join(text.split())


# A hyphen at a line's end inside a compound; not a suspended one ("small-" / "and
# medium-sized").
_HYPHEN_WRAP = re.compile(r"(?<=[^\W\d_][-\u2010\u2011])\s*\n\s*"
                          r"(?!(?:and|or|to|et|ou|y|o|e|und)\b)(?=[^\W\d_])")


def join_lines(lines) -> str:
    """Wrapped lines as one text: a line that ends with a hyphen inside a compound goes on
    without a space ("eighty-" / "first session" -> "eighty-first session"; PDF texts of
    the United Nations do not hyphenate words, so the hyphen is the word's own); otherwise
    as `collapse`."""
    if len(lines) == 1:
        return " ".join(lines[0].split())
    text = "\n".join(lines)
    if "-\n" in text or "\u2010\n" in text or "\u2011\n" in text:
        text = _HYPHEN_WRAP.sub("", text)
    return " ".join(text.split())


# ---------------------------------------------------------------------------------------
# Page furniture

# A date on a line of its own: 15 September 2025, 1er juillet 2020, 1 июля 2020 года,
# 1 تموز/يوليه 2020, 2020年7月1日, May 10, 2013.
_DATE = (r"\d{1,2}(?:er)?\s+(?:de\s+)?[^\W\d_]+(?:/[^\W\d_]+)?\s+(?:de\s+)?\d{4}(?:\s+(?:года|г\.))?"
         r"|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日"
         r"|[^\W\d_]+\s+\d{1,2},\s+\d{4}")
_FURNITURE = [re.compile(p, re.IGNORECASE) for p in (
    r"^(united nations|nations unies|naciones unidas|nações unidas|organization of american states|"
    r"организация объединенных наций|联合国|الأمم المتحدة)$",
    r"^(general assembly|security council|economic and social council|assemblée générale|"
    r"conseil de sécurité|conseil économique et social|asamblea general|consejo de seguridad|"
    r"consejo económico y social|генеральная ассамблея|совет безопасности|"
    r"экономический и социальный совет|大会|安全理事会|经济及社会理事会|الجمعية العامة|مجلس الأمن|"
    r"المجلس الاقتصادي والاجتماعي)$",
    r"^distr\.?\s*:?\s.*$|^distr\.?\s*:.*$",
    r"^original\s*:.*$",
    rf"^(?:{_DATE})$",
    r"^\d{2}-\d{4,6}\s*(\([A-Z]\))?(\s+\d{6})?(\s+\d{6})?$",          # 25-14762 (E)    170925
    r"^\*\d{6,8}\*$",                                                 # *2514762*
    r"^\d{6}$",                                                       # 170925 (print date code)
    r"^(?:OEA|OAS)/Ser\.[A-Z](?:/[\w.]+)*$",                            # OAS series: OEA/Ser.G
    r"^\d{1,3}/\d{1,3}$",                                             # 2/2
    r"^[\w-]+\s+session$",                                            # Eightieth session
    r"^[\w-]+\s+(período de sesiones|session)$",
    r"^(first|second|third|fourth|fifth|sixth)\s+committee$",
    r"^(première|deuxième|troisième|quatrième|cinquième|sixième)\s+commission$",
    r"^(primera|segunda|tercera|cuarta|quinta|sexta)\s+comisión$",
    r"^annex(e)?\s*[IVX0-9]*\.?$|^anexo\s*[IVX0-9]*\.?$",
    r"^(english|français|español|русский|中文|العربية|português)$",   # language of this version
)]
# "Agenda item 7", "Agenda items 14 and 117", "Tema 66 del programa", "Points 14 et 117 de l'ordre du jour"
_AGENDA = re.compile(r"^(agenda items?|items?|temas?|points?)\s+\d+.*$|^.*\bdel programa$", re.IGNORECASE)


def is_furniture(text: str) -> bool:
    t = text.strip()
    return any(p.match(t) for p in _FURNITURE)


# Page furniture inside the body: job numbers "25-14762", "*2514762*", page marks "2/2",
# "2/4 25-14762" on one line, OAS page numbers "- 3 -", "Page 2".
_JOB_OR_PAGE = re.compile(
    r"^(\d{2}-\d{4,6}(\s*\([A-Z]\))?(\s+\d{6})*|\*\d{6,8}\*|\d{1,3}/\d{1,3}"
    r"|\d{1,3}/\d{1,3}\s+\d{2}-\d{4,6}|\d{2}-\d{4,6}\s+\d{1,3}/\d{1,3}"
    r"|\d{1,3}\s+\d{2}-\d{5}(\s*\([A-Z]\))?|\d{2}-\d{5}(\s*\([A-Z]\))?\s+\d{1,3}"  # "2    11-42453"
    r"|[-–]\s*\d{1,3}\s*[-–]|(page|página|pág\.)\s*\d{1,3})$", re.IGNORECASE)
FOOTNOTE_RULE = re.compile(r"^_{5,}\s*$")
# Markdown footnotes: "[^1]: A/80/129.", under a "---" rule.
_MD_NOTE = re.compile(r"^\[\^(?P<mark>[\w*]+)\]:\s*(?P<text>.*)$")
_MD_RULE = re.compile(r"^-{3,}\s*$")
_GLUED_RULE = re.compile(r"(?<=\S)\s+-{3,}\s*$")
_NOTE_AFTER_RULE = re.compile(r"^(?:\[\^[\w*]+\]:|\d{1,3}\s+\S)")    # "[^1]: ...", "1 Resolution"
# A footnote printed without its rule: its number, a space, its text ("1 See A/80/100.").
_LOOSE_NOTE = re.compile(r"^(?P<mark>\d{1,3})\s+(?P<text>\S.*)$")


def footnote_mark(mark: str) -> re.Pattern:
    """Where a text cites footnote `mark`: "Nations1 are", "Council,1", "Council,1,2",
    "(Treaty of Tlatelolco)1", "November 20242" and "of 1990 3 and" (after a year),
    "Nations 1 are", "Secretary-General, 1  and" (PDF spacing), Markdown "[^14]"."""
    m = re.escape(mark)
    return re.compile(
        rf"(?<=[^\W\d_]){m}(?=[\s,;.:)\]]|$)"
        rf"|(?<=[,;.:)\]”’\"]){m}(?=\s|,\d|$)"
        rf"|(?<=\b(?:19|20)\d\d){m}(?=[\s,;.:]|$)"
        rf"|(?<=[^\W\d_]) {m}(?= +[a-z]|$)"
        rf"|(?<=\b(?:19|20)\d\d ){m}(?= +[a-z])"
        rf"|(?:(?<=[^\W\d_][,;] )|(?<=\b(?:19|20)\d\d[,;] )){m}(?= [a-z]|  |$)"   # not "1, 2 and"
        rf"|\[\^{m}\]")


def _ends_with_mark(text: str) -> bool:
    """Does a line end with a paragraph's end mark ("...,", "...;1")? Not "..., and": a
    paragraph that goes on over the page."""
    mark = _last_mark(text)
    return bool(mark) and mark in _ENDS


def _note_ended(note: str, line: str, last_note: int) -> bool:
    """Has a footnote printed without its rule ended before `line`, which no blank line
    sets apart (an extraction that lost them)? When the line is the next note ("2 See
    A/80/100."), a paragraph's number or a sub-paragraph's letter ("3. Recalls ...", "(b)
    To request ..."; not "9068." after "No."), or when the note has its full stop and the
    line opens with a capital (the page's running title, the next paragraph)."""
    nm = _LOOSE_NOTE.match(line)
    if nm and int(nm.group("mark")) == last_note + 1:
        return True
    word = note.rstrip().rsplit(None, 1)[-1] if note.strip() else ""
    if word.lower() in _ABBREVIATIONS:
        return False                    # "Supplement No." / "42 (A/54/42)."
    numbered = _numbered(line)
    if numbered and len(numbered.group("num")) <= 3:
        return True                     # "3. Recalls ..."
    sub = _SUB.match(line)
    if sub and sub.group("rest").strip()[:1].isupper():
        return True                     # "(b) To request ...", not "(a) and (b), and para. 10."
    return word.endswith(".") and line[:1].isupper()


# Abbreviations a footnote's line may end on ("Supplement No." / "42 (A/54/42)").
_ABBREVIATIONS = frozenset("no. nos. vol. vols. p. pp. para. paras. sect. chap. art. arts. "
                           "corr. add. rev. ibid. e.g. i.e. st. mr. ms. dr.".split())


def _cites(text: str, mark: str) -> bool:
    """True when `text` (raw lines, their spacing kept) cites footnote `mark` the way PDF
    text prints a mark: glued to a word, a mark or a year ("Nations1", "1979,1", "(Treaty
    of Tlatelolco)1", "November 20242": footnote 2 after 2024), or apart with two spaces
    after it ("Destruction 3  and", "of 1990 3  and") or after a comma ("verification, 1",
    "Rarotonga, 3 Bangkok4");
    Markdown "[^1]"; apart before a small letter ("Treaty 10 that"), but not "paragraph 1
    of", which only numbers."""
    m = re.escape(mark)
    if re.search(
            rf"(?:(?<=[^\W\d_])|(?<=[,;.:)\]”’\"])|(?<=\b(?:19|20)\d\d)){m}(?=[\s,;.:)\]]|$)"
            rf"|(?<=\S ){m}(?=  )|(?:(?<=[^\W\d_][,;] )|(?<=\b(?:19|20)\d\d[,;] )){m}(?=\s|$)"
            rf"|\[\^{m}\]"
            # glued to the next word instead: "Weapons 6and the", "weapons, 7in which"
            rf"|(?<=\S ){m}(?=[a-z])(?!(?:st|nd|rd|th)\b)", text, re.MULTILINE):
        return True
    # "the Arms Trade Treaty 10 that": apart, before a small letter, after a word that
    # does not number things ("article 1 of", "paragraph 1 of" do).
    return any(text[:c.start()].rsplit(None, 1)[-1].lower() not in lexicon.NUMBERING_WORDS
               for c in re.finditer(rf"(?<=[^\W\d_]) {m}(?= [a-z])", text))


_FOOTNOTE_START = re.compile(r"^(?P<mark>\*{1,3}|\d{1,3})\.?\s+(?P<text>\S.*)$")   # "1  See", OAS "1. The"

# ---------------------------------------------------------------------------------------
# The body line and the front matter


def _norm_word(w: str) -> str:
    return w.strip("*_,;:.()[]\"'“”‘’").lower()


def is_body_line(text: str) -> bool:
    """"The General Assembly,", "*The Conference of the Parties,*", "EL CONSEJO PERMANENTE DE
    LA ORGANIZACIÓN DE LOS ESTADOS AMERICANOS,", "L'Assemblée générale,"."""
    t = strip_markdown(text)
    if t.endswith("，"):                    # Chinese: "安全理事会，"
        head = t[:-1].strip()
        return (0 < len(head) <= 20 and "，" not in head and "," not in head
                and head.endswith(lexicon.ORGAN_ENDINGS_ZH))
    if t.endswith("،"):                     # Arabic comma: "إن مجلس الأمن،"
        t = t[:-1] + ","
    if t.endswith(":") and "," not in t and len(t) <= 80 and all(
            w[:1].isupper() or (w.islower() and len(w) <= 3) for w in t[:-1].split()):
        # "The General Assembly:" before a decision's lettered paragraphs: the organ's
        # name alone, in capitals ("The General Assembly decides:" is a paragraph).
        t = t[:-1] + ","
    if not t.endswith(",") or len(t) > 160 or t.count(",") != 1:
        return False
    words = t[:-1].split()
    if not 1 <= len(words) <= 28:      # "The Conference of the Parties and the Conference
        return False                   # of the Parties serving as the meeting of ...,"
    if words[0] in lexicon.BODY_PARTICLES_AR:
        return len(words) <= 10 and any(_norm_word(w) in lexicon.ORGAN_WORDS for w in words[1:])
    if _CYRILLIC.match(words[0]):
        # Russian has no articles: "Совет Безопасности,", "Генеральная Ассамблея,",
        # "Совет по правам человека,". Capitalised, short, and naming an organ.
        return (words[0][:1].isupper() and len(words) <= 8
                and any(_norm_word(w) in lexicon.ORGAN_WORDS for w in words))
    first = words[0].lower()
    article_glued = re.match(r"^([lL]['’])(\w.*)$", words[0])    # "L'Assemblée générale,"
    if first not in lexicon.BODY_ARTICLES and not article_glued or not words[0][:1].isupper():
        return False        # (a body line opens with its article in capitals: "The", "La")
    if len(words) < 2 and not article_glued:
        return False
    rest = words[1:] if not article_glued else [article_glued.group(2)] + words[1:]
    if not rest[0][:1].isupper() or any(_norm_word(w) in _NOT_IN_BODIES for w in rest):
        # "The General Assembly approves,", "The Assembly further invites the Bureau ...,":
        # a decision's words, not an organ's name.
        return False
    return any(_norm_word(w) in lexicon.ORGAN_WORDS for w in rest)


_CYRILLIC = dict(lexicon.SCRIPTS)["ru"]


def find_body(lines: list[Line]) -> int | None:
    for i, line in enumerate(lines):
        if line.text and is_body_line(line.text):
            return i
    return None


def join_wrapped_body(lines: list[Line]) -> list[Line] | None:
    """The lines with a body line that wraps onto the next one joined into one ("EL CONSEJO
    PERMANENTE DE LA ORGANIZACIÓN DE LOS" / "ESTADOS AMERICANOS,"), or None when no two
    lines make a body line."""
    for i in range(len(lines) - 1):
        a, b = lines[i], lines[i + 1]
        if a.text and b.text and b.text.endswith((",", "，", "،")) and len(b.text) < 80 \
                and not a.text.endswith((",", ";", ".", ":")) \
                and not (looks_like_opener(b.text) and not (a.text.isupper() and b.text.isupper())) \
                and is_body_line(f"{a.text} {b.text}"):
            return lines[:i] + [Line(a.no, a.raw, f"{a.text} {b.text}", a.column)] + lines[i + 2:]
    return None


def find_run_on_body(lines: list[Line]) -> tuple[int, Line, Line] | None:
    """A decision's body running on into its one paragraph: "The General Assembly decides to
    take note of the following documents:". (index of that line, the body as a line of its
    own, the rest of the line from the verb), or None. The body is what `is_body_line`
    accepts with a comma; the word after it a decision's verb in the present tense."""
    for i, line in enumerate(lines):
        words = line.text.split()
        if len(words) < 3 or words[0].lower().strip("*") not in lexicon.BODY_ARTICLES and \
                not re.match(r"^[lL]['’]", words[0]):
            continue
        for k in range(2, min(len(words), 14)):
            if words[k].lower().rstrip(":,") in _RUN_ON_VERBS and \
                    is_body_line(" ".join(words[:k]) + ","):
                at = line.raw.index(words[k], line.column - 1 + len(" ".join(words[:k])))
                body = Line(line.no, line.raw, " ".join(words[:k]), line.column)
                rest = Line(line.no, line.raw, line.raw[at:].strip(), at + 1)
                return i, body, rest
    return None


def find_clause_body(lines: list[Line]) -> tuple[int, list[Line]] | None:
    """A decision whose body runs on into a clause: "The General Assembly, taking note of
    the application of ..., decides to appoint ..." or "The General Assembly, recalling
    ...: (a) Decides ...". (The index of the body line, the lines with the body on a line of
    its own, then the clause, then its decision from the verb on, set apart by a blank
    line), or None."""
    for i, line in enumerate(lines):
        head, comma, rest = line.text.partition(",")
        rest = rest.lstrip()
        words = head.split()
        if not comma or not rest[:1].islower() or not 1 < len(words) <= 10 \
                or words[-1].lower() in _RUN_ON_VERBS or not is_body_line(head + ","):
            continue
        at = line.raw.index(rest, line.column - 1 + len(head) + 1)
        body = Line(line.no, line.raw, head + ",", line.column)
        block = [Line(line.no, line.raw, rest, at + 1)] + lines[i + 1:]
        for k, ln in enumerate(block):
            if not ln.text:
                break                   # the clause's paragraph ends without a decision
            m = _CLAUSE_VERB.search(ln.text, 1 if k == 0 else 0)
            if m is None or (m.start() == 0 and not ends_paragraph(block[k - 1].text)):
                continue
            end = ln.text[:m.end()].rstrip()
            parts = [Line(ln.no, ln.raw, end, ln.column)] if end else []
            parts += [Line(ln.no, ln.raw, "", ln.column),
                      Line(ln.no, ln.raw, ln.text[m.end():], ln.column + m.end())]
            return i, lines[:i] + [body] + block[:k] + parts + block[k + 1:]
        return i, lines[:i] + [body] + block
    return None


def find_bare_body(lines: list[Line]) -> int | None:
    """The index of a body line printed without its comma, alone on its line, when the
    next text line opens with a decision's verb ("The General Assembly" / "Adopts the 2025
    Political Declaration ..., annexed to the present resolution."), or None."""
    for i, line in enumerate(lines):
        t = strip_markdown(line.text)
        if not t or t.endswith((",", "，", "،")) or len(t) > 120 or not is_body_line(t + ","):
            continue
        nxt = next((ln.text for ln in lines[i + 1:] if ln.text), "")
        first = nxt.split(maxsplit=1)[0] if nxt else ""
        if first[:1].isupper() and first.lower() in _RUN_ON_VERBS:
            return i
    return None


# Verbs a decision's body runs on into: "The General Assembly decides ...", "takes note",
# "L'Assemblée générale décide", "La Asamblea General decide", "toma nota".
# Not those that open a presidential statement ("The Security Council welcomes",
# "reaffirms", "notes", "invites", "recommends"), which is no resolution.
_RUN_ON_VERBS = frozenset("""decides takes requests adopts approves elects appoints
authorizes endorses décide prend prie adopte approuve élit nomme autorise decide toma
solicita pide aprueba elige nombra autoriza""".split())
# Words no organ's name holds: a decision's verbs and the adverbs that lead them.
_NOT_IN_BODIES = _RUN_ON_VERBS | frozenset("""invites further also notes welcomes calls urges
reaffirms recalls recognizes expresses stresses emphasizes encourages acknowledges demands
condemns is was were are has had have will would installed established""".split())
# (Report prose wrapped after a comma, "The CAM was installed at the meeting of CIDI of July
# 24," or "The General Assembly, by resolution ..., established", is no body line.)
# Where a decision's verb follows its clause: "... held in Vienna, 2025,1 decides to
# appoint", "...; requests", or a line that opens with it after a comma.
_CLAUSE_VERB = _Lazy(r"(?:(?<=[,;:])\d{0,2}\s+|^)(?=(?:also\s+|further\s+)?(?:"
                     + "|".join(sorted(_RUN_ON_VERBS, key=len, reverse=True)) + r")\b)")


_KIND_LABELS = [
    ("draft_decision", re.compile(r"\b(draft decision|projet de décision|proyecto de decisión|projeto de decisão)\b", re.I)),
    ("negotiating_text", re.compile(r"\b(negotiating text|compilation text|rolling text|zero draft|texto de negociación|texte de négociation)\b", re.I)),
    ("draft_resolution", re.compile(r"\b(draft resolution|projet de résolution|proyecto de resolución|projeto de resolução)\b", re.I)),
]
_RESOLUTION_MARKS = re.compile(
    r"^(resolution|résolution|resolución|resolução|резолюция|القرار)(\s+\d+\s*\(\d{4}\))?,?$"
    r"|^(resolution adopted by|adopted by the|résolution adoptée par|adoptée par le|"
    r"resolución aprobada por|aprobada por el|resolução adotada|"
    r"принята |принятая |الذي اتخذه|الذي اتخذته)"          # "принятая Советом Безопасности ..."
    r"|^第\s*\d+\s*[(（]\d{4}[)）]\s*号决议$"               # 第2532(2020)号决议
    r"|^.{0,40}通过$"                                        # 2020年7月1日安全理事会第8741次会议通过
    r"|^\((aprobada|adopted|adoptée|approved|aprovada)\b"
    # OAS: "Aprobada en la sesión plenaria celebrada el 1 de junio de 2011", "Adopted at
    # the fourth plenary session" without the brackets.
    r"|^(aprobad[ao]|adopted|adoptée?|aprovad[ao])\s+(en|at|lors|na|durante)\s", re.IGNORECASE)
# "80/1. Title" (adopted); "58/... Title", "58/… Title" (a draft: its number is not given yet)
# The label of a decision of a treaty body's conference: "Decision 1/CP.20", "Decision
# 2/CMA.1", "Resolution 1/CP.21"; a draft's has a dash for its number: "Draft decision
# -/CP.21", "Projet de décision -/CMP.11"; the number alone ("1/CP.20", as the canonical
# text prints the symbol).
_DECISION_LABEL = re.compile(
    r"^(?:(?P<draft>(?:draft|projet\s+de|proyecto\s+de)\s+)?"
    r"(?:decision|décision|decisión|(?P<resolution>resolution|résolution|resolución))\s+)?"
    r"(?P<symbol>(?P<num>\d{1,3}|[-–—])/(?:CP|CMP|CMA|COP|MOP|COP-MOP|CP/RES)\.\d{1,3})$",
    re.IGNORECASE)
_NUMBERED_TITLE = re.compile(
    r"^(?P<num>\d{1,3}/(?:\d{1,4}\.|(?P<draft>\.{3}|…)\.?))\s+(?P<title>\S.*)$")
_SPONSOR_LINE = re.compile(
    r"^(?P<who>.+?)\s*:\s*\**\s*(?P<what>(revised\s+)?(draft\s+(resolution|decision)|amendments?\b.*)|"
    r"(proyecto|projet)\s+de\s+(resolución|résolution|decisión|décision).*)\s*$", re.IGNORECASE)
_ENDS_WITH_SYMBOL = _Lazy(rf"(?:{SYMBOL.pattern})\s*$", re.VERBOSE)
_SUBMITTED_BY = re.compile(
    r"^(?:draft|projet\s+de|proyecto\s+de)\s+"
    r"(?:resolution|résolution|resolución|(?P<decision>decision|décision|decisión))"
    r"\s+(?:submitted|présenté|presentado)\s+(?:by|par|por)\b",
    re.IGNORECASE)
_OAS_SPONSORS = re.compile(r"^\((presented|presentado|présenté|apresentado)\b", re.IGNORECASE)


# The series of adopted resolutions, by the organ a "Resolution adopted by ..." line names.
_SERIES = [(re.compile(r"\bhuman rights council\b", re.IGNORECASE), "A/HRC/RES/"),
           (re.compile(r"\bgeneral assembly\b", re.IGNORECASE), "A/RES/")]


@dataclass
class Front:
    """What the front matter says; each field None when the text does not print it."""

    symbol: str | None = None
    title: str | None = None
    sponsors: tuple[str, ...] = ()
    sponsor_note: str | None = None
    kind: str | None = None
    notes: list[str] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)


def _tok(kind: str, line: Line, value: str | None = None) -> Token:
    return Token(kind, line.text if value is None else value, line=line.no, column=line.column,
                 end_line=line.no, end_column=line.column + len(line.text))


def _sentence_goes_on(last: str, nxt: str) -> bool:
    """Does the line `last` plainly go on onto `nxt`: "... of the" / "Economic and Social
    Council", "... following" / "informal consultations", "..., Ms. Doe" / "(Ireland)"."""
    if nxt[:1].islower() or nxt[:1] in "([" or is_symbol(nxt.split()[0].rstrip(".,;")):
        return True
    return last.rstrip().endswith((",", "(")) or _ends_mid_phrase(last.rstrip())


def _sponsorship_note(front: "Front", lines: list[Line], i: int, goes_on) -> int:
    """Read the sponsorship note that starts at lines[i] into `front`: it wraps onto the
    next non-blank line while goes_on(last line, next line). Returns the index of the line
    after it."""
    start = i
    while i + 1 < len(lines) and lines[i + 1].text and goes_on(lines[i], lines[i + 1]):
        i += 1
    block = lines[start:i + 1]
    front.sponsor_note = collapse(" ".join(x.text for x in block))
    front.tokens.extend(_tok("HEAD_SPONSORS", x) for x in block)
    return i + 1


def _oas_sponsors(note: str) -> tuple[str, ...]:
    """"(Presented by the delegation of Mexico and co-sponsored by the delegation of Ecuador."""
    names: list[str] = []
    pattern = re.compile(
        r"(?:delegations?|delegaci[oó]n(?:es)?|d[ée]l[ée]gations?|missions?|permanent missions?)\s+"
        r"(?:of|de|du|de la|des|of the)\s+(?P<who>.+?)(?=\s+and\s+co-?sponsored|\s+y\s+copatrocinad|"
        r"\s+et\s+coparrain|[.;)]|\s+Agreed|\s+Aprobad|$)", re.IGNORECASE)
    for m in pattern.finditer(note):
        names.extend(split_names(m.group("who")))
    return tuple(dict.fromkeys(names))


_ANNEX_LABEL = re.compile(r"^(annex(e)?|anexo)(\s+[IVXL0-9]+)?\s*[:.—–-]\s*\S", re.IGNORECASE)


def header_start(lines: list[Line], body: int) -> int:
    """Where the front matter of the draft above `body` begins: the file's start, or, in a
    report that carries the draft as an annex, the line after the report's last prose line."""
    i = body - 1
    while i >= 0:
        t = lines[i].text
        if is_annex_heading(t) or len(t) <= 60 and _ANNEX_LABEL.match(t):
            # "ANNEX I", "Anexo: proyecto de resolución"; not a title that opens with the
            # word ("ANEXO — RESOLUÇÃO APROVADA: CP/RES. 953 (1700/09) — SITUACIÓN ...").
            return i + 1
        if len(t) > 200 and not _is_long_front_line(strip_markdown(t)) \
                and not _AGENDA.match(t) and (ends_paragraph(t) or any(c.isdigit() for c in t)):
            # (A long title printed on one line, with no number and no end mark, is no
            # report prose, nor an agenda item's long title run together on one line.)
            return i + 1
        i -= 1
    return 0


# The meeting line of an adopted text's trailer, set apart or not: "3rd plenary meeting",
# "8741st meeting", "3a sesión plenaria", "52ª sesión plenaria", "3e séance plénière".
_MEETING = (r"\d{1,4}\s?(?:st|nd|rd|th|a|ª|º|e|ème|re)\.?\s+(?:plenary\s+)?"
            r"(?:meeting|sesión(?:\s+plenaria)?|séance(?:\s+plénière)?)")
_MEETING_LINE = re.compile(rf"^{_MEETING}(?:,?\s+(?:{_DATE}))?$", re.IGNORECASE)   # its date too
# The date of a trailer.
_DATE_LINE = re.compile(rf"^(?:{_DATE})$")
# A line that opens with a date: "1 December 2024, in which it decided ..." (a paragraph's
# rest, not footnote 1; "10 See 2010 Review Conference" is a footnote).
DATE_START = re.compile(
    r"^\d{1,2}(?:er)?\s+(?:de\s+)?(?:january|february|march|april|may|june|july|august"
    r"|september|october|november|december|janvier|février|mars|avril|mai|juin|juillet|août"
    r"|septembre|octobre|novembre|décembre|enero|febrero|marzo|abril|mayo|junio|julio"
    r"|agosto|septiembre|setiembre|octubre|noviembre|diciembre)\b", re.IGNORECASE)
# A footnote of the front matter's "*" printed after the text: "* State not a member ...".
STAR_NOTE = re.compile(r"^(?P<mark>\*{1,3})\s+(?P<text>\S.*)$")


def is_trailer_line(text: str) -> bool:
    """"50th plenary meeting", "19 September 2025": a line of an adopted text's trailer."""
    return bool(_MEETING_LINE.match(text) or _DATE_LINE.match(text))


def _ends_the_text(lines: list[Line], at: int, marks: frozenset[str]) -> bool:
    """Do the few lines from lines[at] on, to the end, read as a note's wrapped lines (or
    a trailer, or the notes of the front's other marks, "**") and not as paragraphs: no
    number, label or sub-paragraph marker, no note on a mark the front does not print?"""
    rest = [ln.text for ln in lines[at:] if ln.text and not is_trailer_line(ln.text)]
    return len(rest) <= 8 and not any(
        _numbered(t) or _SUB.match(t) or _NEGOTIATING_LABEL.match(t)
        or ((m := STAR_NOTE.match(t)) and m.group("mark") not in marks)
        for t in rest)


def _and_goes_on(text: str, line: str) -> bool:
    """Does a paragraph that ends ", and" go on with `line` after a blank line, as a break
    in the extraction ("... from their territories, and" / "strongly supporting ...")? Yes
    when the line opens with a small Latin letter and no decision's verb."""
    return ("a" <= line[:1] <= "z" and bool(_END_CONJUNCTION.search(_trimmed_end(text)))
            and line.split(None, 1)[0] not in _RUN_ON_VERBS)


def _ends_mid_phrase(text: str) -> bool:
    """Does the text end on a word that cannot end a paragraph ("... Development,
    Production and", "... the Convention on the")? A blank line after it is a break in
    the extraction, not between paragraphs."""
    last = text[text.rfind(" ") + 1:]
    return last in _FUNCTION_WORDS


# Words no paragraph ends on: the phrase stops, and the conjunctions.
_FUNCTION_WORDS = lexicon.PHRASE_STOPS | frozenset("and or nor with as et y e o ou al".split())


def _is_heading(lines: list[Line], at: int) -> bool:
    """Is lines[at - 1] a short line set apart (a blank line or a number after it) before a
    paragraph (a numbered one, or one that opens as preambular paragraphs do), a heading
    ("Peacebuilding Commission", "Countries in special situations")? Twelve words at most,
    and not a paragraph's opening ("Noting the report" that lost its comma)."""
    text = lines[at - 1].text
    words = text.split()
    if at >= len(lines) or lines[at].text and not _numbered(for_matching(lines[at].text)):
        # Set apart by a blank line after it or, where an extraction lost the blank lines,
        # by the number of the paragraph right under it ("1.").
        return False
    if len(words) > 12 \
            or any(c.isdigit() for c in text) or text.endswith(("*", "]", ")")):
        return False        # "Reaffirming Security Council resolution 1325 (2000)": a paragraph
    if len(words) > 1 and words[1][:1].islower() and looks_like_opener(text):
        return False
    nxt = for_matching(strip_markdown(next((ln.text for ln in lines[at:] if ln.text), "")))
    return bool(_numbered(nxt)) or looks_like_opener(nxt)


def _numbered(text: str) -> re.Match | None:
    """The paragraph number the line opens with ("5.", "5bis", "1.Demands", or "2" alone
    on its line, its text on the next), as the lexer reads one, or None."""
    nm = _NUM.match(text)
    return nm if nm and (nm.group("dot") or nm.group("glued") or nm.group("sfx")
                         or not nm.group("rest").strip()
                         or _EMPHASIS_AFTER_NUMBER.match(nm.group("rest"))) else None


# "53 *Recalls* decisions ...", "54 *Also requests* the": a number without its full stop
# before an emphasised verb (a Markdown negotiating text); not a footnote "1 *Official
# Records of the General Assembly* ...".
_EMPHASIS_AFTER_NUMBER = re.compile(
    r"\s+(?:\*{1,3}|_{1,2})\[?[A-Z][^\W\d_]*(?:\s+[a-z][^\W\d_]*)?(?:\*{1,3}|_{1,2})\s+[a-z\[]")


def _ends_agenda(t: str) -> bool:
    """Does this line start what follows an agenda item's title?"""
    return bool(_is_long_front_line(t) or _RESOLUTION_MARKS.match(t) or _NUMBERED_TITLE.match(t)
                or _DECISION_LABEL.match(t)
                or SYMBOL_LINE.match(t) or (t.startswith("[") and t.endswith("]"))
                or any(p.search(t) for _, p in _KIND_LABELS) and len(t.split()) <= 6)


def _is_long_front_line(t: str) -> bool:
    """Front-matter lines that may run past 200 characters, as the canonical text prints
    them on one line: a long sponsors line, a sponsorship note."""
    return bool(_LONG_SPONSORS.search(t) or _SUBMITTED_BY.match(t) or _OAS_SPONSORS.match(t))


# "draft resolution" alone on its line, the sponsors' names on the lines above it.
_KIND_ONLY = re.compile(r"^\**\s*(revised\s+)?draft\s+(resolution|decision)\s*\**$", re.IGNORECASE)
# "Albania, Andorra, ... and Zambia: draft resolution" (not report prose that says
# ": amendments" somewhere)
_LONG_SPONSORS = re.compile(r":\s*\**\s*(revised\s+)?draft\s+(resolution|decision)\s*$", re.IGNORECASE)


def _cells(lines: list[Line]) -> list[Line]:
    """PDF mastheads put several fields on one line, apart by tabs or wide gaps:
    "United Nations<TAB>A/HRC/RES/52/1". Each field becomes a line of its own (same line
    number, its own column)."""
    out = []
    for line in lines:
        parts = list(re.finditer(r"[^\t]+?(?=\t| {3,}|$)", line.raw))
        cells = [m for m in parts if m.group(0).strip()]
        if len(cells) <= 1:
            out.append(line)
            continue
        for m in cells:
            lead = len(m.group(0)) - len(m.group(0).lstrip())
            out.append(Line(line.no, line.raw, m.group(0).strip(), m.start() + lead + 1))
    return out


def _continues_title(block: list[Line], line: Line, plain: str) -> bool:
    """A line of words that reads as furniture ("3 July 2025", "General Assembly", "fifty-
    eighth session") right under a title line, at its margin, is the title's wrapped end:
    "... of the end of the Second World War of" / "3 July 2025". Job numbers, page marks
    and "Distr.: General" never are."""
    if not block:
        return False
    prev = block[-1]
    return (prev.no == line.no - 1 and abs(prev.column - line.column) <= 1
            and ":" not in plain and not _JOB_OR_PAGE.match(plain)
            and any(c.isalpha() for c in plain)
            and not prev.text.rstrip().endswith((".", ":", ";")))


def read_front(lines: list[Line]) -> Front:
    """Symbol, title, sponsors and kind from the lines above the body line."""
    lines = _cells(lines)
    front = Front()
    candidates: list[list[Line]] = [[]]
    organ = number = None       # "Resolution adopted by the General Assembly", "80/13."
    i = 0
    n = len(lines)
    while i < n:
        line = lines[i]
        t = line.text
        plain = for_matching(strip_markdown(t))
        if not t:
            if candidates[-1]:
                candidates.append([])
            i += 1
            continue
        m = SYMBOL_LINE.match(plain)
        if m and front.symbol is None:
            front.symbol = collapse(m.group("symbol"))
            front.tokens.append(_tok("HEAD_SYMBOL", line))
            if m.group("rest"):
                front.title = m.group("rest").strip()
            i += 1
            continue
        if m and collapse(m.group("symbol")) == front.symbol:
            i += 1
            continue
        if _AGENDA.match(plain):
            # "Agenda item 7" and the item's title on the following lines, up to a blank
            # line, or, in a text without blank lines, up to what comes after an agenda
            # title: a sponsors line (from its first wrapped line), a label, a note, a title.
            i += 1
            start = i
            while i < n and lines[i].text and not _ends_agenda(strip_markdown(lines[i].text)):
                i += 1
            if i < n and lines[i].text:
                # The sponsors' names wrapped before ": draft resolution" ("Albania,
                # Andorra," / "Argentina and State of" / "Palestine:* draft resolution", or
                # "... and Viet Nam:" / "draft resolution"): from their first line.
                end = strip_markdown(lines[i].text)
                names_end = i if _LONG_SPONSORS.search(end) else (
                    i - 1 if i - 1 > start and _KIND_ONLY.match(end)
                    and lines[i - 1].text.rstrip(" *").endswith(":") else None)
                if names_end is not None:
                    i = names_end
                    while i - 1 > start and list_goes_on(lines[i - 1].text, lines[i].text):
                        i -= 1
            continue
        if is_furniture(plain) or is_furniture(t):   # "*2514762*" (a job number as a bar code)
            if _continues_title(candidates[-1], line, plain):
                candidates[-1].append(line)
            i += 1
            continue
        # A sponsor line may wrap over several lines before its ": draft resolution".
        j = i
        block = [plain]
        while (j + 1 < n and lines[j + 1].text and not _SPONSOR_LINE.match(collapse(" ".join(block)))
               and not _AGENDA.match(strip_markdown(lines[j + 1].text))  # no blank lines
               and j - i < 30):   # long sponsor lists wrap over many lines
            j += 1
            block.append(strip_markdown(lines[j].text))
        joined = collapse(" ".join(block))
        sm = _SPONSOR_LINE.match(joined)
        if sm and not _SPONSOR_LINE.match(collapse(" ".join(block[:-1]))) if len(block) > 1 else sm:
            front.sponsors = split_names(sm.group("who"))
            for k in range(i, j + 1):
                front.tokens.append(_tok("HEAD_LABEL", lines[k]))
            what = sm.group("what").lower()
            if "decision" in what or "décision" in what or "decisión" in what:
                front.kind = front.kind or "draft_decision"
            else:
                front.kind = front.kind or "draft_resolution"
            i = j + 1
            if candidates[-1]:
                candidates.append([])
            continue
        submitted = _SUBMITTED_BY.match(plain)
        if submitted:
            # "Draft resolution submitted by the Vice-Chair of the Committee, ..., on the
            # basis of informal consultations on draft resolution A/C.2/79/L.10": who put
            # the text forward, not a list of sponsoring States. It ends at a blank line, or
            # with the symbol of the draft it was based on when the next line starts anew
            # (a title), not "and A/C.2/79/L.11".
            if any(not x.text for x in lines[i:]):
                i = _sponsorship_note(front, lines, i, lambda last, nxt: not (
                    _ENDS_WITH_SYMBOL.search(last.text) and nxt.text[:1].isupper()))
            else:
                # No blank line before the body (an extraction that lost them): the note
                # wraps only where its sentence plainly goes on, at its own margin.
                i = _sponsorship_note(front, lines, i, lambda last, nxt: (
                    nxt.column == lines[i].column and _sentence_goes_on(last.text, nxt.text)))
            front.kind = front.kind or ("draft_decision" if submitted.group("decision")
                                        else "draft_resolution")
            if candidates[-1]:
                candidates.append([])
            continue
        if _OAS_SPONSORS.match(plain):
            # "(Presented by the delegation of Mexico and co-sponsored by ...)", to its ")".
            i = _sponsorship_note(front, lines, i, lambda last, nxt: ")" not in last.text)
            front.sponsors = _oas_sponsors(front.sponsor_note)
            continue
        dl = _DECISION_LABEL.match(plain)
        if dl:
            # "Decision 1/CP.20" above its title: an adopted decision of a treaty body, its
            # number the symbol; "Draft decision -/CP.21": a draft, not numbered yet.
            if dl.group("num").isdigit() and not dl.group("draft"):
                front.kind = front.kind or "resolution"
                front.symbol = front.symbol or collapse(dl.group("symbol"))
            else:       # a draft: "Draft decision -/CP.21", "Draft resolution -/CMP.11"
                front.kind = front.kind or ("draft_resolution" if dl.group("resolution")
                                            else "draft_decision")
            front.tokens.append(_tok("HEAD_LABEL", line))
            if candidates[-1]:
                candidates.append([])
            i += 1
            continue
        if _RESOLUTION_MARKS.match(plain) and not "a" <= plain[:1] <= "z":
            # ("resolution 2719 (2023)" in small Latin letters is a title's wrapped line;
            # Russian "принятая Советом Безопасности ..." is a mark in small letters.)
            front.kind = "resolution"
            front.tokens.append(_tok("HEAD_LABEL", line))
            organ = next((prefix for pat, prefix in _SERIES if pat.search(plain)), organ)
            # "Resolution adopted by the General Assembly" / "on 19 September 2025";
            # "Aprobada en la sesión plenaria celebrada el 1 de junio de 2011" / "y sujeta
            # a revisión de la Comisión de Estilo": the label's wrapped line.
            nxt = lines[i + 1].text if i + 1 < n else ""
            if re.match(r"^(on|el|le|em)\s+\d", nxt) or ("a" <= nxt[:1] <= "z" and len(nxt) < 100
                                                          and not ends_paragraph(t)):
                i += 1
            i += 1
            continue
        kind = next((k for k, p in _KIND_LABELS if p.search(plain)), None)
        if kind and len(plain.split()) <= 6:
            front.kind = front.kind or kind
            front.tokens.append(_tok("HEAD_LABEL", line))
            i += 1
            if candidates[-1]:
                candidates.append([])
            continue
        nt = _NUMBERED_TITLE.match(plain)
        if nt:
            if not nt.group("draft"):
                front.kind = front.kind or "resolution"
                number = nt.group("num").rstrip(".")
            if candidates[-1]:      # "80/13. Title" opens the title, blank line or not
                candidates.append([])
            candidates[-1].append(Line(line.no, line.raw, nt.group("title"), line.column))
            i += 1
            continue
        if (plain.startswith("[") and plain.endswith("]")) or (t.startswith("*") and re.sub(r"(\[\^\w+\])+$", "", t).endswith("*")):
            # "[without reference to a Main Committee (A/80/L.2/Rev.1)]", "*Edited version of ...*"
            front.tokens.append(_tok("HEAD_NOTE", line))
            front.notes.append(t)
            i += 1
            continue
        candidates[-1].append(line)
        i += 1
    if front.symbol is None and number and organ:
        # "Resolution adopted by the General Assembly" / "80/13. Title" where the masthead
        # lost the symbol: the resolution's symbol, as its series writes it.
        front.symbol = organ + number
    blocks = [b for b in candidates if b]
    if blocks and front.title is None:
        block = blocks[-1]
        front.title = join_lines([strip_markdown(x.text) for x in block])
        for x in block:
            front.tokens.append(_tok("HEAD_TITLE", x))
    front.tokens.sort(key=lambda tk: tk.line)
    return front


# ---------------------------------------------------------------------------------------
# The body: paragraphs, numbers, sub-paragraphs

def is_annex_heading(text: str) -> bool:
    """"Annex", "ANNEX II", "Anexo", "Appendix": the line that opens an annex."""
    return bool(_ANNEX.match(strip_markdown(text)))


_ANNEX = re.compile(r"^(annex(e)?|anexo|appendix|appendice|apéndice)(\s+[IVXL0-9]+)?\.?$", re.IGNORECASE)
_SUFFIX_RE = "|".join(s for s in SUFFIXES if s) + "|nonies|quinqiues"
# "1.", "5bis", "19 quinquies.", "1．" (full-width stop), "1 - " before Arabic text only
# ("1 - يطالب"; "4 – 6 May 2024," is a date range). Degraded extractions glue the text to
# the number's stop: "1.Demands" (never "1.5 million").
_NUM = re.compile(
    rf"^(?P<num>\d{{1,4}})(?:\s?(?P<sfx>{_SUFFIX_RE}))?"
    rf"(?:(?P<dot>[.．]|\s[-–](?=\s+[\[(«\"*\u200e\u200f]*[\u0600-\u06FF\uFB50-\uFDFF\uFE70-\uFEFF]))?"
    rf"(?=\s|$)|(?P<glued>\.)(?=[^\W\d_]))"
    rf"(?P<rest>.*)$",
    re.IGNORECASE)
# "PP3bis Recalling ...", "OP5 bis: Decides ..." in negotiating texts that label paragraphs.
_NEGOTIATING_LABEL = re.compile(
    rf"^(?P<part>PP|OP)\s?(?P<num>\d{{1,4}})(?:\s?(?P<sfx>{_SUFFIX_RE}))?\s*[.:]?(?=\s|$)(?P<rest>.*)$")
# "(a)", "a)", "(iv)"; Chinese "（a）"; Arabic letters in the abjad order "(أ)", "(ب)", "(هـ)";
# numbers "(1)", "(2)" (World Health Assembly: "1. URGES Member States: (1) to ...")
# and the labels the tool gives inserted ones: "(a bis)", "(1 ter)", "(أ bis)".
_SUB = re.compile(r"^(?:[(（](?P<p>[a-z]{1,2}|[ivxlc]{1,7}|[\u0621-\u064A]\u0640?|\d{1,2})"
                  rf"(?:\s?(?P<sfx>{'|'.join(x for x in SUFFIXES if x)}))?[)）]"
                  r"(?=\s|$|[A-Z\[])"                 # "(a)The", "(g)[Enhance" glued
                  r"|(?P<q>[a-z]{1,2}|[ivxlc]{1,7})\)(?=\s|$))(?P<rest>.*)$")
_HEADING = re.compile(
    r"^(#{1,6}\s.*|(?-i:[IVX]{1,6}\.\s+[^a-z]+)|(\*\*)?(option|opción|variante)\s+[\w]+(\*\*)?\s*[:*(].*)$",
    re.IGNORECASE)

# A section of a resolution, its mark alone on a line: "I", "II." (Fifth Committee and
# omnibus resolutions: "I" / "Revised estimates relating to ..." / "1. Takes note ..."), or a
# lettered part "A". Its title, when one follows, is on the lines after it.
_SECTION_MARK = re.compile(r"^(?:[IVX]{1,6}|(?P<letter>[A-H]))\.?$")
# A section heading "I. General" in ordinary case (capitals are `_HEADING`'s): short, and no
# paragraph's end mark ("I. Decides ...;" is a paragraph numbered in roman numerals).
_SECTION_INITIALS = frozenset("IVXABCDEFGH")
_SECTION_TITLE = re.compile(
    r"^(?-i:[IVX]{1,6}|[A-H])\.\s+[^\W\d_].{0,250}(?<![,;:.，；：。،؛])$")

_ROMANS = []
for _n in range(1, 40):
    _vals = ((10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
    _s, _m = "", _n
    for _v, _r in _vals:
        while _m >= _v:
            _s += _r
            _m -= _v
    _ROMANS.append(_s)
ROMANS = tuple(_ROMANS)


# ---------------------------------------------------------------------------------------
# Degraded extractions: paragraphs run together on long lines

_FLAT_LINE = 200            # a line this long may hold several paragraphs
# Where a body line may start inside a long line; a look-ahead, so that a candidate that is
# not a body ("A new programme, ...") does not hide one that starts inside it.
# The articles (and Arabic particle) a body line opens with, as is_body_line takes them.
# ("L'" glued to its noun is matched apart.)
_BODY_OPENINGS = "|".join(sorted(
    {form for w in lexicon.BODY_ARTICLES if not w.endswith(("'", "’"))
     for form in (w.capitalize(), w.upper())} | set(lexicon.BODY_PARTICLES_AR),
    key=lambda x: (-len(x), x)))
_BODY_IN_LINE = _Lazy(
    rf"(?:(?<=\s)|^)(?=([*_]{{0,2}}(?:(?:{_BODY_OPENINGS})\s+"
    r"|L['’])[^,;:.()،]{2,90}?[,،][*_]{0,2}))")
# Where a paragraph may end inside a long line: a mark, perhaps a footnote mark glued to it
# ("Council,1"), or "; and" ("; y", "; et"), then white space.
_PARAGRAPH_BREAK = _Lazy(
    r"(?:[,;]\s(?:and|or|y|o|et|ou|e)|[,;:.，；。،؛]\d{0,2})\s+(?=\S)"
    r"|\s+(?=_{5,})|(?<=_{5})\s+")                    # a footnote rule ("__________")
# The end of a sponsors line run together with the title: "...:* draft resolution Title".
_FRONT_KIND_END = _Lazy(r":\s*\*?\s*(?:revised\s+)?draft\s+(?:resolution|decision)\b", re.IGNORECASE)
# What a long front line runs together: the symbol, "Distr.: General", "Original: English",
# "Resolution 2532 (2020)", "Adopted by the Security Council ...": each starts a piece.
_FRONT_BREAK = _Lazy(
    r"(?<=\s)(?=Distr\.|Original\s*:|Resolution\s+(?:\d|adopted)|Adopted\s+by\b|Résolution\s+\d|"
    r"Adoptée\s+par\b|Resolución\s+\d|Aprobada\s+por\b|Agenda\s+items?\s+\d"
    r"|\((?:Aprobada|Adopted|Adoptée|Approved|Aprovada)\b"
    r"|\[|\d{1,3}/\d{1,4}\.\s)")                     # "[without reference ...]", "80/1. Title"
_FLAT_NUMBER = _Lazy(rf"(?P<num>\d{{1,3}})(?:\s?(?P<sfx>{_SUFFIX_RE}))?"
                     rf"(?:\.(?=\s|[^\W\d_])|\s[-–](?=\s+[\[(«*]*[\u0600-\u06FF]))",  # "2.", "2 - "
                     re.IGNORECASE)
_FLAT_SUB = _Lazy(r"\((?P<label>[a-z]|[ivx]{1,5}|\d{1,2}|[\u0621-\u064A]\u0640?)\)(?=\s|[A-Z])")
# The order of Arabic sub-paragraph letters (abjad): (أ), (ب), (ج), (د), (هـ), ...
_ABJAD = ("أ", "ب", "ج", "د", "هـ", "و", "ز", "ح", "ط", "ي", "ك", "ل", "م", "ن", "س", "ع",
          "ف", "ص", "ق", "ر", "ش", "ت", "ث", "خ", "ذ", "ض", "ظ", "غ")


def unflatten(lines: list[Line]) -> list[Line]:
    """Cut long lines where paragraphs begin, for texts whose extraction lost the breaks:
    "The Security Council, Reaffirming its primary responsibility ..., Recalling ...,
    1. Demands ...; 2. Calls upon ...: (a) To ...". Each piece becomes a line of its own,
    keeping its line number and column, with a blank line between pieces. The line that
    holds the body is cut, and every long line after it (a page break may survive).

    Cuts: before and after the body ("The Security Council,"); after a comma, before a
    word shaped like an opener (a participle followed by a lower-case word, an adverb,
    "Aware", "Having"), until the first operative number; before each next operative
    number ("2.", "2bis.") and sub-paragraph label after ":" or ";".
    """
    flat = _Flat()
    # The text's last line, page furniture after it ("25-15106 (E)", "3/3") aside.
    last = max((k for k, line in enumerate(lines) if line.text
                and not _JOB_OR_PAGE.match(line.text) and not is_furniture(line.text)),
               default=-1)
    out: list[Line] = []
    for k, line in enumerate(lines):
        if len(line.text) < _FLAT_LINE:
            if flat.found and line.text:
                flat.scan(line.raw, 0, [], at_start=True)   # a short "3. Invites ..." counts
            out.append(line)
            continue
        cuts = flat.cuts(line.raw, last=k == last)
        start = 0
        for cut in sorted(set(cuts)) + [len(line.raw)]:
            piece = line.raw[start:cut]
            if piece.strip():
                lead = len(piece) - len(piece.lstrip())
                if out and out[-1].text:
                    out.append(Line(line.no, "", "", 1))
                out.append(Line(line.no, piece, piece.strip(), start + lead + 1))
            start = cut
    return out


class _Flat:
    """Where paragraphs begin in run-together lines, line after line: the operative number
    to come next and the sub-paragraph labels met carry over from one line to the next."""

    def __init__(self):
        self.found = False          # the body has been met
        self.expected = 1           # the next operative number
        self.labels: list[str] = []  # sub-paragraph labels met in the current paragraph

    def cuts(self, raw: str, last: bool) -> list[int]:
        start = 0
        cuts: list[int] = []
        if not self.found:
            body = next((m for m in _BODY_IN_LINE.finditer(raw) if is_body_line(m.group(1))),
                        None)
            if body is None:
                return []
            self.found = True
            front = raw[:body.start(1)]
            cuts = [m.start() for m in _FRONT_BREAK.finditer(front)]
            for m in _FRONT_KIND_END.finditer(front):
                cuts.append(m.end())
                # "... Agenda item 66 Report of the Human Rights Council Mauritania:* draft
                # resolution": the sponsors' names start a piece of their own.
                named = names_start(front[:m.start()])
                if named:
                    cuts.append(named)
            for m in SYMBOL.finditer(front):
                if front[max(0, m.start() - 1):m.start()] not in ("(", "["):  # "(A/80/L.2/Rev.1)]"
                    cuts.append(m.start())
                    if not re.match(r"\s*[—–]\s", front[m.end():]):
                        cuts.append(m.end())    # (not "CP/RES. 953 (1700/09) — TITLE")
            cuts = sorted(set(cuts) - {0}) + [body.start(1), body.end(1)]
            start = body.end(1)
        else:
            self.scan(raw, 0, cuts, at_start=True)
        breaks = list(_PARAGRAPH_BREAK.finditer(raw, start))
        for m in breaks:
            self.scan(raw, m.end(), cuts, punct=raw[m.start()])
        # The trailer of an adopted text after the last full stop: "3rd plenary meeting
        # 19 September 2025", short and unpunctuated; on the text's last line only.
        if last and self.expected > 1 and breaks and raw[breaks[-1].start()] == "." \
                and breaks[-1].end() not in cuts:
            tail = raw[breaks[-1].end():].strip()
            if tail and len(tail) <= 80 and not re.search(r"[,;:.]", tail):
                cuts.append(breaks[-1].end())
        return cuts

    def _opens(self, rest: str) -> bool:
        """Does a paragraph open with `rest`: the next operative number, or (before the
        first) an opener shaped as preambular paragraphs open?"""
        nm = _FLAT_NUMBER.match(rest)
        if nm:
            return int(nm.group("num")) == self.expected
        if self.expected > 1:
            return False
        words = rest.split(None, 2)
        first = words[0].strip("*_") if words else ""    # "*Recalling*": Markdown emphasis
        if not first[:1].isalpha() or is_symbol(first.rstrip(",;.")):
            return False                # "A/78/111, annex.": a footnote, not "Aware"
        return looks_like_opener(" ".join(rest.split(None, 6)[:6])) and (
            first.strip(",;:").lower().endswith(("ing", "ando", "endo", "ant"))
            or len(words) < 2 or not words[1][:1].isupper())

    def scan(self, raw: str, at: int, cuts: list[int], punct: str = "",
             at_start: bool = False) -> None:
        """Whether a paragraph begins at `at` (after the mark `punct`, or at the start of a
        line, where no cut is needed); cuts are added to `cuts`."""
        rest = raw[at:at + 60].lstrip() if at_start else raw[at:at + 60]
        if not at_start and (rest[:1] == "_" or raw[at - 1:at].isspace()
                             and raw[max(0, at - 8):at].rstrip()[-1:] == "_"):
            # A footnote rule stands on a line of its own; a blank to fill in ("held in
            # __________ on a date ...") is not one: a rule is followed by a footnote.
            rule_end = at if rest[:1] != "_" else at + len(rest) - len(rest.lstrip("_"))
            if _FOOTNOTE_AFTER_RULE.match(raw, rule_end):
                cuts.append(at)
                if rest[:1] != "_":
                    cuts += _page_header_cuts(raw, at)
            return
        pm = PAGE_MARK_IN_LINE.match(raw, at)
        if pm and (pm.group("symbol") is None or is_symbol(pm.group("symbol"))):
            # "...; A/C.1/80/L.14 3/3 25-16445 2. Also reaffirms ...": the foot and head of
            # a page between two paragraphs, a piece of its own (page furniture, dropped);
            # the next paragraph starts after it.
            end = pm.end() + len(raw[pm.end():]) - len(raw[pm.end():].lstrip())
            cuts += [at, end]
            self.scan(raw, end, cuts, punct)
            return
        sn = _FLAT_STAR_NOTE.match(raw, at)
        if sn:
            # "... disaster, * Any changes to the list of sponsors will be reflected in the
            # official record of the meeting. A/80/L.3 25-14866 2/2 Welcoming ...": the
            # sponsors' note at the foot of the first page, then the page break.
            cuts += [at, sn.end("note")]
            self.scan(raw, sn.end(), cuts, ".")
            return
        tm = _FLAT_MEETING.match(raw, at)
        if tm and punct == ".":
            # "... its recommendations. 50th plenary meeting 18 December 2019 ____": the
            # trailer on a line of its own, its date on the next.
            cuts += [at, tm.end()]
            return
        hm = _FLAT_SECTION.match(raw, at) if not at_start and self.expected > 1 else None
        if hm and int(hm.group("num")) == self.expected:
            # "...; I Legislative activities 2. Commends ...": a section's heading between
            # two operative paragraphs, a piece of its own; the next paragraph after it.
            cuts.append(hm.end("mark") if hm.group("mark") else at)    # a note's mark stays
            self.scan(raw, hm.end(), cuts, punct)
            return
        fm = _FLAT_MARK.match(rest) if not at_start and punct in ",;" else None
        sm = _FLAT_SUB.match(rest[fm.end():]) if fm and self.expected > 1 else None
        if sm and _next_label(self.labels, sm.group("label")):
            # "...; 3 (c) In the area of ...": the next item after a note's mark.
            cuts.append(at + fm.end())
            self.labels.append(sm.group("label"))
            return
        if fm and self._opens(rest[fm.end():]):
            # "... survival of civilization, 1 Welcoming the renewed ...": the footnote mark
            # printed apart after the comma stays with its paragraph.
            cuts.append(at + fm.end())
            nm = _FLAT_NUMBER.match(rest[fm.end():])
            if nm:
                self.expected = int(nm.group("num")) + 1
                self.labels = []
            return
        nm = _FLAT_NUMBER.match(rest)
        if nm:
            num = int(nm.group("num"))
            if num == self.expected or (nm.group("sfx") and num == self.expected - 1):
                if not at_start:
                    cuts.append(at)                         # "2.", "1bis."
                self.expected = num + 1
                self.labels = []
                return
        if at_start:
            return
        if self.expected > 1:
            sm = _FLAT_SUB.match(rest)
            if sm and punct and punct in ":;：；؛" and _next_label(self.labels, sm.group("label")):
                cuts.append(at)
                self.labels.append(sm.group("label"))
            return
        if self._opens(rest):
            cuts.append(at)


_FLAT_MEETING = _Lazy(rf"{_MEETING}(?=\s|$)", re.IGNORECASE)
_FLAT_MARK = _Lazy(r"\d{1,2}\s+(?=\S)")       # a footnote mark printed apart: "..., 1 Welcoming"
# A section's mark and title run into the text before the next number: "I Legislative
# activities 2. Commends", "...; 35 X Role of the Commission ... 25." (after a note's mark).
_FLAT_SECTION = _Lazy(r"(?P<mark>\d{1,2}\s+)?(?-i:[IVX]{1,6}|[A-H])\.?\s+(?-i:[A-Z])"
                      r"[^;:.\d]{0,150}?\s+(?=(?P<num>\d{1,3})\.\s)")
# The foot and head of a page run into a line of text: "A/80/L.2 25-14762 2/2", "25-14762
# (E) 2/4", "A/C.1/80/L.14 3/3 25-16445" (the symbol, when there is one, is the word
# before the mark; never "2/3" alone: a fraction). Shared by run-together texts and by
# amendment documents on one line.
_PAGE_MARK = (r"(?:(?P<symbol>[A-Z]\S*)\s+)?(?P<mark>\d{2}-\d{4,6}(?:\s*\([A-Z]\))?"
              r"(?:\s+\d{1,3}/\d{1,3})?|\d{1,3}/\d{1,3}\s+\d{2}-\d{4,6})(?=\s|$)")
PAGE_MARK_IN_LINE = _Lazy(_PAGE_MARK)
# A starred note run into the text, the page break right after it, or the text's end.
_FLAT_STAR_NOTE = _Lazy(
    rf"(?P<note>\*{{1,3}}\s+[^*\s][^*]{{4,400}}?[.)])(?:\s+(?={_PAGE_MARK})|\s*$)")


def _page_header_cuts(raw: str, at: int) -> list[int]:
    """Cuts in the footnotes that begin at `at`: before each footnote ("... (II). 2 See"),
    and around the first page mark after them, so that the footnotes end there and the
    text goes on after it; a running head before the mark (the symbol, then the title:
    "A/RES/80/1 Participation by ...") is cut from the last footnote too."""
    m = PAGE_MARK_IN_LINE.search(raw, at, at + 2000)
    end = m.start() if m else len(raw)
    cuts = [n.end() for n in _INLINE_FOOTNOTE.finditer(raw, at, end)]
    if not m:
        return cuts
    if m.group("symbol") and is_symbol(m.group("symbol")):
        cuts.append(m.start("symbol"))
    else:
        head = None
        for h in _SENTENCE_THEN_SYMBOL.finditer(raw, max(at, end - 250), end):
            head = h
        if head:
            cuts += [head.start("symbol"), head.end("symbol")]
    return cuts + [m.start("mark"), m.end()]


# After a footnote rule: the first footnote, "* On behalf of", "1 See resolution".
_FOOTNOTE_AFTER_RULE = _Lazy(r"\s*(?:\*{1,3}|\d{1,3})\.?\s+\S")
# In run-together footnotes: a sentence's end, then the next footnote's mark and text.
_INLINE_FOOTNOTE = _Lazy(r"(?<=[.;)])\s+(?=(?:\*{1,3}|\d{1,3})\.?\s+[A-Z])")
_SENTENCE_THEN_SYMBOL = _Lazy(rf"(?<=[.;)])\s+(?P<symbol>{SYMBOL.pattern})\s+(?=[A-Z])",
                                   re.VERBOSE)


def _next_label(labels: list[str], label: str) -> bool:
    """(a) first, then (b) after (a); (i) first, then (ii) after (i); (1), (2); (أ), (ب)."""
    if not labels:
        return label in ("a", "i", "1", _ABJAD[0])
    last = labels[-1]
    if last.isdigit() and label.isdigit():
        return int(label) == int(last) + 1
    if last in _ABJAD and label in _ABJAD:
        return _ABJAD.index(label) == _ABJAD.index(last) + 1
    if label in ROMANS and last in ROMANS and ROMANS.index(label) == ROMANS.index(last) + 1:
        return True
    return len(label) == 1 and len(last) == 1 and ord(label) == ord(last) + 1


def ends_paragraph(text: str, strong: bool = False) -> bool:
    """True when a paragraph's text so far ends as a paragraph ends: "Assembly,",
    "thereto;", "session.", "that:", "; and", "Council,1" (a footnote mark after the comma),
    "Depositary;]" (a bracket closing a bracketed paragraph), "][^14]". `strong`: only the
    marks that end an operative paragraph (a comma may end a wrapped line inside one)."""
    # Only the end matters: look at the last 60 characters, not the whole paragraph so far
    # (the $-anchored patterns would otherwise scan every position of a long paragraph).
    t = _trimmed_end(text)
    if not t:
        return False
    if t[-1] in (_STRONG_ENDS if strong else _ENDS):
        return True
    return bool(_END_CONJUNCTION.search(t))


# Marks that end a paragraph, with their full-width (Chinese) and Arabic forms.
_STRONG_ENDS = ";:.；：。؛"
_ENDS = _STRONG_ENDS + ",，،"
_END_FOOTNOTE_REFS = re.compile(r"(\[\^\w+\])+$")                  # "...thereto;[^14]"
_END_FOOTNOTE_MARK = re.compile(r"(?<=[,;:.，；：。،؛])\s?\d{1,2}$")     # "Council,1"
_END_CONJUNCTION = re.compile(r"[,;]\s*(and|or|y|o|et|ou|e)$", re.IGNORECASE)   # "; and"


_PARTICIPLE_ENDINGS = ("ing", "ed", "ando", "endo", "iendo", "ant", "é", "ée", "és", "ées", "ado",
                       "ada", "ido", "ida", "ados", "idos", "ly", "mente", "ment", "ING", "ED")
_ADJECTIVE_OPENERS = frozenset("""
aware mindful conscious cognizant desirous convinced determined alarmed concerned
conscient consciente convaincu convaincue convencido convencida decidido decidida deseoso
deseosa resuelto resuelta résolu résolue soucieux soucieuse persuadé persuadée preocupado
preocupada inquiet inquiète désireux désireuse vu visto vistos vista appreciative
grateful anxious confident hopeful supportive
""".split())


def looks_like_opener(text: str) -> bool:
    """Does a line start the way a preambular paragraph starts? A capitalised participle,
    adjective, adverb, or compound head: "Recalling", "Aware", "Deeply concerned",
    "Having considered", "Se félicitant", "*Also recalling*", "RECALLING", "ConsiderING"."""
    t = strip_markdown(text).lstrip("[(")
    words = t.split(None, 1)
    if not words:
        return False
    first = words[0].strip(",;:")
    caseless = first[:1].isalpha() and first[:1].lower() == first[:1].upper()   # Arabic
    if not first[:1].isupper() and not caseless:
        return False
    low = first.lower()
    if low in lexicon.COMPOUND_HEADS or low in lexicon.ADVERBS or low in _ADJECTIVE_OPENERS:
        return True
    if low in lexicon.LIGHT_VERBS or low in lexicon.PARTICLE_HEADS:
        return True
    if first.isupper() and len(first) >= 4:
        return True
    if low.endswith(("ly", "mente", "ment")) and not low.endswith(_HEAD_PARTICIPLE_ENDINGS):
        # An adverb opens a paragraph before its participle or adjective ("Deeply
        # concerned", "Profondément préoccupé"); "Establishment of" is a noun.
        rest = words[1].split(None, 1) if len(words) > 1 else []
        head = rest[0].strip("*_,;:").lower() if rest else ""
        return head.endswith(_HEAD_PARTICIPLE_ENDINGS) or head in _ADJECTIVE_OPENERS
    if low.endswith(_PAST_ENDINGS) and len(words) > 1 and words[1].lstrip("*_“\"")[:1].isupper():
        # A past participle opens a paragraph before "that", "by", "with" ("Convinced
        # that"); before a capital it begins a name: "United States of America", "Occupied
        # Palestinian Territory", "Estados Unidos" (a wrapped line, not a paragraph).
        return False
    return low.endswith(_PARTICIPLE_ENDINGS)


_PAST_ENDINGS = ("ed", "é", "ée", "és", "ées", "ado", "ada", "ados", "adas", "ido", "ida",
                 "idos")


@dataclass
class Body:
    tokens: list[Token]
    footnotes: list[tuple[str, str, int]]   # (mark, text, line)
    transition: str | None = None
    # After the last operative paragraph: its trailer ("3rd plenary meeting", a date) and
    # an annex, verbatim line by line ("" for a blank line), page furniture left out.
    closing: list[str] = field(default_factory=list)


def _rest_token(tokens: list[Token], line: Line, offset: int, rest: str) -> str:
    """The text after a number or label on the same line ("1.\tDemands ..."), as a LINE
    token at its own column; returns it stripped ("" when the label stands alone)."""
    text = rest.strip()
    if text:
        col = line.column + offset + (len(rest) - len(rest.lstrip()))
        tokens.append(Token("LINE", text, line=line.no, column=col,
                            end_line=line.no, end_column=col + len(text)))
    return text


def _title_lines(lines: list[Line], at: int, title: str) -> int:
    """How many lines from lines[at] spell the title (a running title wrapped over up to
    four lines), or 0."""
    pieces: list[str] = []
    for k in range(at, min(at + 4, len(lines))):
        piece = collapse(strip_markdown(lines[k].text))
        if not piece:
            return 0
        pieces.append(piece)
        joined = join_lines(pieces)
        if joined == title:
            return k - at + 1
        if not title.startswith(joined):
            return 0
    return 0


def _is_page_header_at(lines: list[Line], at: int, symbol: str | None) -> bool:
    """Is the next text line from lines[at] on a page header (the symbol at a page's foot,
    after the running title)?"""
    nxt = next((ln.text for ln in lines[at:at + 3] if ln.text), None)
    return nxt is not None and _is_page_header(nxt, symbol)


def _is_page_header(t: str, symbol: str | None) -> bool:
    if _JOB_OR_PAGE.match(t):
        return True
    # The document's symbol repeated at the top of a page (t is stripped, so it starts
    # with the symbol's first character: test that before collapsing the whole line).
    return bool(symbol) and t[:1] == symbol[:1] and collapse(t) == symbol


def lex_body(lines: list[Line], symbol: str | None, title: str | None,
             front_marks: frozenset[str] = frozenset()) -> Body:
    """Classify the lines after the body line. See the module docstring."""
    tokens: list[Token] = []
    footnotes: list[tuple[str, str, int]] = []
    transition = None
    section = "pre"          # "pre" before the first number, "op" after
    text_so_far = ""         # the current paragraph's text, to know whether it has ended
    blank = True             # a blank line (or page furniture) since the last text line
    level1_label: str | None = None
    level1_roman = False     # the first-level list opened with (i): roman numerals
    in_footnotes = False
    after_header = False     # just after a page header, where a running title may appear
    awaiting = False         # a number or label alone on its line: its text comes next
    # Lines set apart between paragraphs (a section heading, an option label, a trailer):
    # held until the next paragraph starts, then its heading; left over at the end, the
    # closing.
    held: list[Line] = []
    after_trailer = False    # the last text line was a trailer's ("50th plenary meeting")
    heading_at = -1          # the index (i) just after the last line of a held heading
    listing = False          # an operative paragraph's colon opened a list of unlettered items
    last_note = 0            # the number of the last numbered footnote
    recent: deque[str] = deque(maxlen=60)   # the last text lines: a footnote's mark is in them
    loose_note = False       # the last line was a footnote printed without its rule
    rule_glued = 0           # after a footnote rule run onto a text line's end: its i
    annex_at: int | None = None
    # A decision lettered throughout: its first line after the body is "(a) Approves ...".
    lettered = _opens_lettered_decision(lines)
    # The left margin of the paragraphs: the indentation of the last top-level paragraph's
    # first line (a text indented as a whole has its set-apart lines indented too).
    margin = next((line.indent for line in lines if line.text), 0)
    spaced = _spaced(lines[:next((k for k, ln in enumerate(lines) if _numbered(ln.text)),
                                 len(lines))])

    def flush(kind: str) -> None:
        """The held lines as the heading of the paragraph about to start."""
        for h in held:
            tokens.append(_tok(kind, h))
        held.clear()
    i = 0
    n = len(lines)
    while i < n:
        line = lines[i]
        t = line.text
        i += 1
        if not t:
            blank = True
            continue
        if FOOTNOTE_RULE.match(t):
            in_footnotes = True
            continue
        if _is_page_header(t, symbol) or line.raw.lstrip(" \t")[:1] == "\f" and is_symbol(t):
            # (A page's first line, after the extraction's form feed, that is a symbol
            # alone: the running head of the document that reprints the text, "A/65/908".)
            in_footnotes = False
            after_header = True
            blank = True
            continue
        if in_footnotes and section == "op" and i >= 2 and not lines[i - 2].text \
                and is_annex_heading(t):
            # "Annex" after the footnotes of the last page, set apart: the annex begins.
            annex_at = i - 1
            break
        if title and t[:6] == title[:6] and not (
                lettered and section == "pre" and _titles_a_list(lines, i, t)):
            # (Not the title of the list a lettered decision annexes: "Programme of work".)
            k = _title_lines(lines, i - 1, title)
            if k and (after_header or _is_page_header_at(lines, i - 1 + k, symbol) or (
                    i >= 2 and not lines[i - 2].text
                    and (i - 1 + k >= n or not lines[i - 1 + k].text))
                    or _between_paragraphs(lines, i - 1 + k, text_so_far)):
                # The running title at the head or foot of a page, wrapped or not, or set
                # apart on its own where an extraction lost the page's other furniture
                # (and the blank lines: between a finished paragraph and the next one).
                i += k - 1
                continue
        if in_footnotes:
            fm = _FOOTNOTE_START.match(t)
            if fm:
                footnotes.append((fm.group("mark"), collapse(fm.group("text")), line.no))
                if fm.group("mark").isdigit():
                    last_note = int(fm.group("mark"))
            elif footnotes:
                mark, text, no = footnotes[-1]
                footnotes[-1] = (mark, collapse(text + " " + t), no)
            continue
        if t.endswith(" ---") and _GLUED_RULE.search(t):
            # "... at the national, regional and international ---": the footnote rule of
            # the page run onto its last line; the notes under it are numbered in turn.
            t = _GLUED_RULE.sub("", t)
            line = Line(line.no, line.raw, t, line.column)
            rule_glued = i
        md = _MD_NOTE.match(t) if t[0] == "[" else None
        if md or (t[0] == "-" and _MD_RULE.match(t) and _NOTE_AFTER_RULE.match(
                next((ln.text for ln in lines[i:] if ln.text), ""))):
            # Markdown footnotes "[^1]: A/80/129." wherever an extraction collects them,
            # their wrapped lines after them; the "---" rule above footnotes goes.
            if md:
                footnotes.append((md.group("mark"), collapse(md.group("text")), line.no))
                loose_note, blank = True, False
            continue
        if loose_note and not blank and not _note_ended(footnotes[-1][1], t, last_note):
            # A footnote printed without its rule goes on over the next lines.
            mark, text, no = footnotes[-1]
            footnotes[-1] = (mark, collapse(text + " " + t), no)
            continue
        loose_note = False
        set_apart = i >= 2 and not lines[i - 2].text
        # (Set apart by a blank line, or, in a text without blank lines, under a line that
        # ends a paragraph, under the closing or a "---" rule: the sequence and the
        # citation tell it.)
        lm = _LOOSE_NOTE.match(t) if t[0].isdigit() and (
            set_apart or after_trailer or i >= 2 and (_ends_with_mark(lines[i - 2].text)
                                                      or _MD_RULE.match(lines[i - 2].text))
        ) else None
        if lm and (rule_glued and int(lm.group("mark")) > last_note
                   or int(lm.group("mark")) == last_note + 1
                   and _cites("\n".join(recent), lm.group("mark"))) \
                and not DATE_START.match(t):
            # "1 Official Records of the General Assembly, ..." set apart, its number the next
            # footnote's and cited by the text before it ("July 1979,1"): a footnote whose
            # rule the extraction lost, not a paragraph. The page goes on after the notes
            # (a running title, the rest of a paragraph), as after a page head.
            footnotes.append((lm.group("mark"), collapse(lm.group("text")), line.no))
            last_note = int(lm.group("mark"))
            loose_note = after_header = True
            blank = False
            continue
        # (Set apart by a blank line, or, where the extraction lost the blank lines, right
        # under the line before it: the front's mark tells it all the same.)
        sm = STAR_NOTE.match(t) if t[0] == "*" else None
        if sm and sm.group("mark") in front_marks and not _ends_the_text(lines, i, front_marks):
            # "* Any changes to the list of sponsors ..." at the foot of the first page, its
            # rule lost, the front printing its mark: a footnote, and the page goes on
            # after it (the rest of a paragraph, "stressing its significance ..."). At the
            # end of the text the closing takes it (below).
            footnotes.append((sm.group("mark"), collapse(sm.group("text")), line.no))
            loose_note = after_header = True
            blank = False
            continue
        recent.append(t)
        if rule_glued and rule_glued != i:
            rule_glued = 0          # the notes under the glued rule have ended
        crossed_page, after_header = after_header, False
        plain = for_matching(strip_markdown(t))
        if awaiting:
            complete = False
        else:
            complete = ends_paragraph(text_so_far) if text_so_far else True
        awaiting = False

        if (_MEETING_LINE.match(plain) or (after_trailer and _DATE_LINE.match(plain))) \
                and text_so_far and complete and ends_paragraph(text_so_far, strong=True):
            # "50th plenary meeting" after a finished paragraph, wherever the layout puts it
            # (adopted texts set it to the right), and the date under it: the closing.
            held.append(line)
            after_trailer = True
            blank = True
            continue
        after_trailer = False
        sn = STAR_NOTE.match(t)
        if sn and sn.group("mark") in front_marks and _last_mark(text_so_far) == "." \
                and _ends_the_text(lines, i, front_marks):
            # "* State not a member of the Human Rights Council." closing the text after its
            # full stop, its footnote rule lost, the front matter printing its mark: held
            # with the lines after it for the closing, where the parser gives it to "*".
            held += [ln for ln in lines[i - 1:] if ln.text]
            break

        if (complete or blank) and (_ANNEX.match(plain) or lettered and section == "pre"
                                    and _titles_a_list(lines, i, plain)) and (
                section == "op" or _last_mark(text_so_far) == "."):
            # "Annex" after the last operative paragraph (or, in a text that numbers none,
            # after a full stop, preambular paragraphs ending with commas): what follows (a
            # declaration, a programme, its own numbered paragraphs) is annexed to the
            # resolution, not of it. So is a titled list after a decision lettered
            # throughout ("(a) Approves the draft programme of work ... as set out below;
            # (b) ... ." / "Draft programme of work" / "1. Information and ...").
            annex_at = i - 1
            break

        if section == "pre" and lexicon.TRANSITION.match(t):
            transition = t
            tokens.append(_tok("TRANSITION", line))
            text_so_far, blank = "", True
            continue

        lm = _NEGOTIATING_LABEL.match(t)
        if lm and (complete or blank):
            label = lm.group("num") + (lm.group("sfx") or "").lower()
            rest = lm.group("rest").strip()
            col = line.column + len(t) - len(lm.group("rest")) + (len(lm.group("rest")) - len(lm.group("rest").lstrip()))
            if lm.group("part") == "PP" and section == "pre":
                flush("PPHEADING")
                margin = line.indent
                tokens.append(Token("PPNUM", label, line=line.no, column=line.column))
                tokens.append(Token("PARA", rest, line=line.no, column=col))
                text_so_far, awaiting, level1_label = rest, not rest, None
                blank = False
                continue
            if lm.group("part") == "OP":
                flush("OPHEADING")
                margin = line.indent
                tokens.append(Token("NUM", label, line=line.no, column=line.column))
                text_so_far = _rest_token(tokens, line, len(t) - len(lm["rest"]), lm["rest"])
                section, level1_label = "op", None
                awaiting = not text_so_far
                blank = False
                continue

        nm = _numbered(t)
        if nm and (complete or blank):
            label = nm.group("num") + (nm.group("sfx") or "").lower()
            flush("OPHEADING")
            margin = line.indent
            tokens.append(Token("NUM", label, line=line.no, column=line.column,
                                end_line=line.no, end_column=line.column + len(nm.group(0))))
            rest = nm.group("rest")
            twice = _NUMBER_AGAIN.match(rest)
            if twice and twice.group(1) == nm.group("num"):
                # "1.             1.    Levantar ...": a conversion that prints the number
                # twice; the text starts after the second.
                rest = rest[twice.end():]
            section = "op"
            level1_label = None
            listing = False
            text_so_far = _rest_token(tokens, line, len(t) - len(rest), rest)
            awaiting = not text_so_far
            blank = False
            continue

        sm = _SUB.match(t)
        if sm and (complete or blank) and (tokens or sm.group("p") or sm.group("q")):
            # (First after the body: a decision's lettered paragraph, "(a) Approves ...";
            # `_lettered_decisions` makes it operative, or a paragraph as before.)
            label = sm.group("p") or sm.group("q")
            if level1_label is None:
                level1_roman = False
            if label == "0":
                # "(0 bis)", inserted before a first sub-paragraph: at the level of the one
                # it precedes, and no letter of the list.
                level = _sub_level(_next_sub_label(lines, i), level1_label, level1_roman,
                                   lambda: None)
            else:
                level = _sub_level(label, level1_label, level1_roman,
                                   lambda: _next_sub_label(lines, i))
                if level == 1:
                    # A list that opens with (i) is of roman numerals: (ii) follows it.
                    level1_roman = level1_roman or (level1_label is None and label == "i")
                    level1_label = label
            marker = t[: len(t) - len(sm.group("rest"))]
            flush("SUBHEADING" if level == 1 else "SUBSUBHEADING")
            tokens.append(Token("SUB" if level == 1 else "SUBSUB", marker, line=line.no,
                                column=line.column, end_line=line.no,
                                end_column=line.column + len(marker)))
            rest = sm.group("rest")
            text_so_far = _rest_token(tokens, line, len(marker), rest)
            awaiting = not text_so_far
            blank = False
            continue

        if plain[:1] in _SECTION_INITIALS and (complete or section == "op") \
                and (blank or _is_section_title(plain) and _opens_section(lines, i)) \
                and _is_section_mark(plain, lines, i):
            # "I" / "Implementation of the Convention ..." set apart between paragraphs: a
            # section heading, with its title up to the next blank line; not a paragraph.
            # In a text without blank lines, "I.<TAB>Dates and venues of future sessions"
            # right above "A.<TAB>Twenty-second session ..." or "1.<TAB>Decides ...".
            held.append(line)
            title, taken = _section_title(lines, i) if not _is_section_title(plain) else ([], 0)
            if title:
                # A title wrapped over lines is one heading line.
                held.append(Line(title[0].no, title[0].raw,
                                 join_lines([ln.text for ln in title]), title[0].column))
            i += taken
            blank = True
            heading_at = i
            continue
        if _HEADING.match(t) and (complete or blank) and (
                line.indent <= margin + 1 or t.startswith("#")):     # "  ### I. GENERAL"
            # "### II. INTENDED NATIONALLY DETERMINED CONTRIBUTIONS", "**Option 2:** No text;"
            # between paragraphs: a section heading or an option label, not a paragraph.
            held.append(line)
            blank = True
            heading_at = i
            continue
        if heading_at == i - 1 and held and t.isupper() and held[-1].text.isupper() \
                and not _SUB.match(t) and not ends_paragraph(t) \
                and (not looks_like_opener(t.lower().capitalize())
                     or held[-1].text.count("[") > held[-1].text.count("]")
                     or _ends_mid_phrase(held[-1].text.lower())):
            # A heading in capitals wrapped onto the next line: "I. ADOPTION OF THE PARIS" /
            # "AGREEMENT UNDER THE UNITED NATIONS ...", "... [PARIS" / "IMPLEMENTING
            # AGREEMENT ..." (a bracket still open), not a paragraph in capitals after
            # it ("RECALLING ALL ITS RESOLUTIONS;": it ends as paragraphs do, and opens as
            # one once out of capitals).
            held[-1] = Line(held[-1].no, held[-1].raw, f"{held[-1].text} {t}", held[-1].column)
            heading_at = i
            continue

        if section == "pre" and blank and complete and tokens and len(t) <= 100 \
                and not ends_paragraph(t) and _is_heading(lines, i):
            # "Peacebuilding Commission" set apart before operative paragraph 1, "Countries
            # in special situations" between preambular paragraphs: the heading of the
            # paragraph after it, not a paragraph.
            held.append(line)
            blank = True
            heading_at = i
            continue
        if section == "pre":
            if not tokens:
                starts = True
            elif blank:
                # After a blank line: unless the paragraph before stops mid-phrase ("...,
                # and" / "strongly supporting", "Production and" / "Stockpiling ...").
                starts = (complete and not _and_goes_on(text_so_far, plain)
                          or looks_like_opener(plain) and not _ends_mid_phrase(text_so_far))
            else:
                # Right after a line: a new paragraph opens as one after a finished one,
                # though not after a comma in a text that sets its paragraphs apart,
                # unless it plainly opens one ("Welcoming the convening ...", not
                # "Stockpiling and Use of Chemical Weapons ...").
                starts = (complete and looks_like_opener(plain)
                          and not (spaced and _last_mark(text_so_far) == ","
                                   and not _plainly_opens(plain)))
            if starts and tokens and crossed_page and (
                    plain[:1].isdigit() or "a" <= plain[:1] <= "z" or "\u00df" <= plain[:1] <= "\u024f"):
                # Across a page, a line that opens with a number or a Latin small letter
                # ("74/132 of 18 December 2019, ...") goes on with the paragraph before:
                # preambular paragraphs open with a capital (Russian ones do not: Cyrillic
                # is left out).
                starts = False
            if tokens and (tokens[-1].type in ("PARA", "LINE") and not starts
                           or tokens[-1].type in ("SUB", "SUBSUB")):
                # (A label alone on its line, "(a)", takes the next line as its text.)
                tokens.append(_tok("LINE", line))
                text_so_far += " " + t
            else:
                flush("PPHEADING")
                margin = line.indent
                tokens.append(_tok("PARA", line))
                level1_label = None
                text_so_far = t
        else:
            finished = complete and text_so_far and ends_paragraph(text_so_far, strong=True)
            # A list the paragraph opened with its colon, its items set apart: "Recalls:" /
            # "The reports of ...;" / "The report of ...;".
            in_list = (_last_mark(text_so_far) == ":" or listing
                       and _last_mark(text_so_far) == ";") and not _sub_follows(lines, i)
            if (blank or _MEETING_LINE.match(t) or _heading_above_number(lines, i, t)) \
                    and finished and line.indent <= margin + 1 \
                    and not t[:1].islower() and t[:1] not in _OPENING_QUOTES \
                    and not in_list:
                # Unnumbered text set apart after a finished operative paragraph and not
                # indented under it: a trailer ("3rd plenary meeting"), a date, an option
                # label ("**Option 2:** No text;" after 19quinquies in the UNFCCC draft);
                # not a quotation or a list the paragraph introduced ("... replaced by the
                # following:" / "“Decides that ...", "Recalls:" / "The reports of ...;" /
                # "The report of ...;", items printed without their letters; but a label
                # over the next lettered item, "Alternative A" / "(a) ...", is held).
                # The lines that follow it without a break ("19 September 2025") go too.
                # Kept: the next paragraph's heading, or the closing when none comes after.
                held.append(line)
                blank = True
                continue
            else:
                listing = listing or in_list and blank
                tokens.append(_tok("LINE", line))
                text_so_far += " " + t
        blank = False
    closing = [collapse(h.text) for h in held]
    if annex_at is not None:
        closing += _verbatim_block(lines[annex_at:], symbol)
    tokens = _unnumbered_operative(tokens)
    if transition is not None and not any(t.type == "TRANSITION" for t in tokens):
        transition = None           # it was an operative paragraph's own text
    return Body(tokens, footnotes, transition, closing)


def _is_section_mark(plain: str, lines: list[Line], i: int) -> bool:
    """True when `plain`, the text of lines[i - 1], is a section's mark alone on its line
    ("II") or a section heading "I. General". A letter ("A") must be set apart below too:
    a lettered part's mark; a line wrapped before "A of ..." is not."""
    if _is_section_title(plain):
        return i >= len(lines) or not lines[i].text or _opens_section(lines, i)
    m = _SECTION_MARK.match(plain)
    if not m:
        return False
    return not m.group("letter") or i >= len(lines) or not lines[i].text


def _opens_section(lines: list[Line], i: int) -> bool:
    """Is lines[i] (the line right under a section heading "I. Title") a paragraph's number
    or a part's heading ("A. Title")? Then the heading is set apart without a blank line."""
    if i >= len(lines) or not lines[i].text:
        return False
    t = for_matching(strip_markdown(lines[i].text))
    return bool(_numbered(t) or _is_section_title(t))


def _is_section_title(t: str) -> bool:
    """"I. General", "A.<TAB>Twenty-second session ...": a mark, then a title in capitals
    that does not end as a paragraph does ("A. Smith;3" is a wrapped name and its note)."""
    return bool(_SECTION_TITLE.match(t)) and t.split(None, 1)[1][:1].isupper() \
        and not ends_paragraph(t)


def _section_title(lines: list[Line], i: int) -> tuple[list[Line], int]:
    """The title lines of the section whose mark is lines[i - 1], and how many lines they
    take (with a blank line before them): the lines up to the next blank, numbered or
    lettered one, and before a line that opens a paragraph ("Recalling its resolution
    77/263," is the section's first preambular paragraph). ([], 0) when the last of them
    ends as a paragraph does, or when they are too many for a title."""
    start = i + 1 if i < len(lines) and not lines[i].text else i
    block: list[Line] = []
    for line in lines[start:]:
        t = for_matching(strip_markdown(line.text))
        if not t or _numbered(t) or _SUB.match(t) or _NEGOTIATING_LABEL.match(t) \
                or _SECTION_MARK.match(t) or (block and looks_like_opener(t)):
            break
        block.append(line)
        if len(block) > 3:
            return [], 0
    if not block or ends_paragraph(block[-1].text):
        return [], 0
    return block, start - i + len(block)


_OPENING_QUOTES = "“«\"‘„"
_NUMBER_AGAIN = re.compile(r"\s+(\d{1,4})\.(?=\s)")     # "1.             1.    Levantar"


def _between_paragraphs(lines: list[Line], at: int, text_so_far: str) -> bool:
    """Does lines[at] open a paragraph ("Mindful that ...", "3. Decides ...") right after
    a finished one (`text_so_far`)?"""
    if not text_so_far or not ends_paragraph(text_so_far) or at >= len(lines):
        return False
    nxt = for_matching(strip_markdown(lines[at].text))
    return bool(nxt) and bool(_numbered(nxt) or looks_like_opener(nxt))


def _next_texts(lines: list[Line], i: int) -> list[str]:
    """The next two lines of text from lines[i] (blank lines skipped, within six lines), as
    the lexer matches them."""
    return [for_matching(strip_markdown(ln.text)) for ln in lines[i:i + 6] if ln.text][:2]


def _labelled_text(texts: list[str], m: re.Match) -> str:
    """The text after a number or letter `m` matched on texts[0]: the rest of its line, or
    the next line when the label stands alone ("1." / "Information and ...")."""
    return m.group("rest").strip() or (texts[1] if len(texts) > 1 else "")


def _short_title(t: str) -> bool:
    """A line that may be a heading or a list's title: short, capitalised, not ending as a
    paragraph ends."""
    return len(t) <= 100 and t[:1].isupper() and not ends_paragraph(t)


def _opens_lettered_decision(lines: list[Line]) -> bool:
    """Do the lines after the body open with a lettered decision, "(a) Approves ..." (the
    letter alone on its line, its text on the next, or both on one)?"""
    texts = _next_texts(lines, 0)
    sm = _SUB.match(texts[0]) if texts else None
    return bool(sm and _DECISION_VERB.match(_labelled_text(texts, sm)))


def _titles_a_list(lines: list[Line], i: int, t: str) -> bool:
    """Is `t` (lines[i - 1]) a short title above a numbered list, blank lines or not
    ("Draft programme of work1" / "1. Information and communications ...")? Not a heading
    above operative paragraphs ("Implementation" / "1. Decides to convene ...")."""
    texts = _next_texts(lines, i) if _short_title(t) else []
    nm = _numbered(texts[0]) if texts else None
    if not nm:
        return False
    item = _labelled_text(texts, nm)
    return not (looks_like_opener(item) or _DECISION_VERB.match(item))


def _heading_above_number(lines: list[Line], i: int, t: str) -> bool:
    """Is `t` (lines[i - 1]) a short heading right above the next numbered paragraph, with
    no blank line to set it apart ("Implementation plan" / "7.")?"""
    return (_short_title(t) and i < len(lines) and lines[i].text != ""
            and bool(_numbered(for_matching(strip_markdown(lines[i].text)))))


def _sub_follows(lines: list[Line], i: int) -> bool:
    """Is the next text line after lines[i - 1] a lettered sub-paragraph ("(a) ...")?"""
    texts = _next_texts(lines, i)
    return bool(texts and _SUB.match(texts[0]))


def _plainly_opens(text: str) -> bool:
    """Does a line open a preambular paragraph beyond doubt: a participle in -ing, then a
    word that begins its object ("Welcoming the", "Reaffirming its", "Noting that")?"""
    words = text.split(None, 2)
    return (len(words) > 1 and words[0].endswith("ing") and words[0][:1].isupper()
            and words[1] in lexicon.PHRASE_STOPS)


def _spaced(lines: list[Line]) -> bool:
    """Does the text set its paragraphs apart with blank lines? Then a line right after a
    comma that opens like a paragraph ("Stockpiling and Use of Chemical Weapons ...",
    wrapped after "Production,") goes on with the paragraph (after a semicolon it still
    opens one: some texts set only some paragraphs apart). Told by counting, over the
    preamble (a Council draft may set only its operative paragraphs apart): at least half
    as many runs of blank lines between text lines as lines ending as a paragraph may end."""
    runs = ends = 0
    was_blank = seen_text = False
    for line in lines:
        if not line.text:
            was_blank = True
            continue
        runs += was_blank and seen_text
        was_blank, seen_text = False, True
        ends += line.text[-1:] in ",;:."
    return runs * 2 >= ends > 0


def _unnumbered_operative(tokens: list[Token]) -> list[Token]:
    """The operative part of a text that numbers none of its paragraphs: the sole operative
    paragraph of a short resolution or decision is printed unnumbered ("Takes note of the
    report ... and its recommendations.").

    - After a transition ("RESUELVE:") every paragraph is operative.
    - A "Decides:" read as a transition with sub-paragraphs right after it is itself an
      operative paragraph; so are the paragraphs after it and, going back, those before it
      down to the preamble (`_back_to_preamble`).
    - Without a transition, when the text ends with a full stop (as a resolution's last
      paragraph does), the paragraphs at the end back to the preamble are.

    Those paragraphs' PARA (or TRANSITION) tokens become an empty NUM and a LINE, their
    headings OPHEADING. In a text that labels its preambular paragraphs ("PP1bis ...",
    the canonical text of a revision), only the paragraphs after the last label may be."""
    if any(t.type == "NUM" for t in tokens):
        return _sub_first_as_paragraph(tokens)
    lettered = _lettered_decisions(tokens)
    if lettered is not None:
        return lettered
    labelled = max((k for k, t in enumerate(tokens) if t.type == "PPNUM"), default=None)
    starts = [k for k, t in enumerate(tokens) if t.type == "PARA"]
    transition = next((k for k, t in enumerate(tokens) if t.type == "TRANSITION"), None)
    after = next((g for g, k in enumerate(starts) if transition is not None and k > transition),
                 len(starts))
    if transition is not None and transition + 1 < len(tokens) and \
            tokens[transition + 1].type == "SUB":
        return _as_operative(tokens, {transition} | set(
            starts[_back_to_preamble(tokens, starts, after):]))
    if transition is not None:
        run = set(starts[after:])
    elif starts and _last_mark(_group_end(tokens, starts, len(starts) - 1)) in (".", "。"):
        run = set(starts[_back_to_preamble(tokens, starts, len(starts)):])
    else:
        run = set()
    if labelled is not None:
        run = {k for k in run if k > labelled + 1}
    return _as_operative(tokens, run) if run else tokens


def _sub_first_as_paragraph(tokens: list[Token]) -> list[Token]:
    """A lettered line first after the body of a text that numbers its paragraphs ("(a)
    Recalling ..., (b) ..., 1. Urges", as the IAEA prints its preamble): a preambular
    paragraph whose text keeps its letter."""
    if not tokens or tokens[0].type != "SUB":
        return tokens
    first = tokens[0]
    rest = 1
    text = str(first)
    if len(tokens) > 1 and tokens[1].type == "LINE" and tokens[1].line == first.line:
        text, rest = f"{text} {tokens[1]}", 2
    return [Token("PARA", text, line=first.line, column=first.column)] + tokens[rest:]


# A decision's verb opening a lettered paragraph: "Approves", "Also decides", "Takes note".
_DECISION_VERB = re.compile(r"^(?:[A-Z][a-z]+s|(?:Also|Further)(?:\s+also)?\s+[a-z]+s)\b")


def _lettered_decisions(tokens: list[Token]) -> list[Token] | None:
    """A decision lettered throughout, with no number: "The General Assembly: (a) Approves
    ...; (b) Invites ..." (its letters first after the body), or "The General Assembly,
    recalling ...: (a) Expresses ...; (b) Endorses ..." (after a preambular paragraph that
    ends with a colon, each letter opening with a decision's verb). Its lettered paragraphs
    are the operative ones, unnumbered, their letters kept (a NUM token "(a)"); their
    sub-paragraphs come up a level. None when the text is not one."""
    subs = [k for k, t in enumerate(tokens) if t.type == "SUB"]
    if not subs:
        return None
    start = subs[0]
    if start > 0:
        paras = [k for k in range(start) if tokens[k].type == "PARA"]
        if not paras or any(t.type in ("TRANSITION", "PPNUM") for t in tokens[:start]):
            return None
        if _last_mark(_group_end(tokens, paras + [start], len(paras) - 1)) != ":":
            return None
        if _DECISION_VERB.match(str(tokens[paras[-1]])):
            return None         # "Decides that the meeting shall be open to: (a) States"
        for k in subs:
            text = next((str(t) for t in tokens[k + 1:k + 2] if t.type == "LINE"), "")
            m = _DECISION_VERB.match(text)
            if not m or m.group(0) in lexicon.PLURAL_NOUNS:
                return None
    if any(t.type == "PARA" for t in tokens[start:]):
        return None
    kinds = {"SUB": "NUM", "SUBSUB": "SUB", "SUBHEADING": "OPHEADING",
             "SUBSUBHEADING": "SUBHEADING"}
    out = tokens[:start]
    for t in tokens[start:]:
        kind = kinds.get(t.type, t.type)
        value = str(t).strip() if t.type == "SUB" else str(t)
        out.append(t if kind == t.type else Token(kind, value, line=t.line, column=t.column,
                                                   end_line=t.end_line, end_column=t.end_column))
    return out


def _group_end(tokens: list[Token], starts: list[int], g: int) -> str:
    """The last line of text of the g-th paragraph (its own or its last sub-paragraph's)."""
    end = starts[g + 1] if g + 1 < len(starts) else len(tokens)
    return next(str(tokens[j]) for j in range(end - 1, starts[g] - 1, -1)
                if tokens[j].type in ("PARA", "LINE"))


def _back_to_preamble(tokens: list[Token], starts: list[int], g: int) -> int:
    """Going back from the g-th paragraph, the first that is operative: the paragraphs
    before it end with a comma (as preambular ones do) or open as preambular ones do
    ("Noting ...", `_preambular_head`)."""
    while g > 0 and _last_mark(_group_end(tokens, starts, g - 1)) not in (",", "，", "،") \
            and not _preambular_head(str(tokens[starts[g - 1]])):
        g -= 1
    return g


def _as_operative(tokens: list[Token], run: set[int]) -> list[Token]:
    """The tokens with each PARA or TRANSITION at an index in `run` made an unnumbered
    operative paragraph (an empty NUM, then its text as LINE), its headings OPHEADING."""
    out: list[Token] = []
    heads: list[Token] = []
    for k, tok in enumerate(tokens):
        if k in run:
            while out and out[-1].type == "PPHEADING":
                heads.append(out.pop())
            out += [Token("OPHEADING", str(h), line=h.line, column=h.column)
                    for h in reversed(heads)]
            heads.clear()
            out.append(Token("NUM", "", line=tok.line, column=tok.column))
            out.append(Token("LINE", str(tok), line=tok.line, column=tok.column,
                             end_line=tok.end_line, end_column=tok.end_column))
        else:
            out.append(tok)
    return out


def _sub_level(label: str | None, level1_label: str | None, roman_list: bool,
               following: Callable[[], str | None]) -> int:
    """1 for a sub-paragraph, 2 for a sub-sub-paragraph.

    - In a list of roman numerals (it opened with "(i)"), a roman numeral is 1, a letter 2.
    - Otherwise a roman numeral after a letter it does not follow is 2 ("(i)" after "(a)");
      one that follows the letter ("(i)" after "(h)") is the letter, 1, unless the next
      label (`following()`, read only then) is the next roman numeral ("(ii)")."""
    if roman_list and label is not None:
        return 1 if label in ROMANS else 2
    if label in ROMANS and level1_label is not None:
        follows_letter = len(level1_label) == 1 and len(label) == 1 and \
            ord(label) == ord(level1_label) + 1
        if not follows_letter or following() == _next_roman(label):
            return 2
    return 1


def _next_roman(label: str) -> str | None:
    """"i" -> "ii", "v" -> "vi", "x" -> "xi"."""
    k = ROMANS.index(label) if label in ROMANS else -1
    return ROMANS[k + 1] if 0 <= k < len(ROMANS) - 1 else None


def _next_sub_label(lines: list[Line], at: int) -> str | None:
    """The label of the next sub-paragraph from lines[at] on, up to the next numbered
    paragraph (None when it, or the end, comes first); "(0 bis)" ones are passed over."""
    for line in lines[at:]:
        sm = _SUB.match(line.text) if line.text else None
        if sm and (sm.group("p") or sm.group("q")) != "0":
            return sm.group("p") or sm.group("q")
        if line.text and (_NUM.match(line.text) or _NEGOTIATING_LABEL.match(line.text)):
            return None
    return None


def _preambular_head(text: str) -> bool:
    """Does a paragraph open as preambular ones do, with a participle or an adjective
    ("Noting with concern", "Deeply concerned", "RECALLING", "Se félicitant", "Recordando",
    "Mindful"), not with an operative verb ("Takes note", "Decides", "Toma nota")?"""
    for word in strip_markdown(text).split()[:4]:
        low = word.strip("*_,;:.[]()").lower()
        if low in lexicon.ADVERBS or low in ("se", "s'") or low.endswith(("ly", "mente", "ment")):
            continue                   # "Deeply", "Also", "Profondément", "Se"
        if low.startswith(("s'", "s’")):
            low = low[2:]              # "S'inquiétant"
        return low.endswith(_HEAD_PARTICIPLE_ENDINGS) or low in _ADJECTIVE_OPENERS
    return False


# The participles among _PARTICIPLE_ENDINGS (adverbs are passed over before the head).
_HEAD_PARTICIPLE_ENDINGS = tuple(e for e in _PARTICIPLE_ENDINGS
                                 if e.islower() and e not in ("ly", "mente", "ment"))


def _trimmed_end(text: str) -> str:
    """The last 60 characters of a paragraph's text, without the footnote marks and
    closing brackets and quotes after its last mark ("Council,1" -> "...Council,")."""
    t = _END_FOOTNOTE_REFS.sub("", text[-60:].rstrip())
    return _END_FOOTNOTE_MARK.sub("", t).rstrip(" *_\"'”’])）")


def _last_mark(text: str) -> str:
    """The mark a paragraph's text ends with, footnote marks and closing brackets left
    out ("Council,1" -> ","), or ""."""
    return _trimmed_end(text)[-1:]


def _verbatim_block(lines: list[Line], symbol: str | None) -> list[str]:
    """Lines as printed, runs of white space collapsed as in paragraph text (the only
    normalisation), page furniture left out, runs of blank lines as one "", none at either
    end."""
    out: list[str] = []
    for line in lines:
        if line.text and _is_page_header(line.text, symbol):
            continue
        raw = collapse(line.raw)
        if raw or (out and out[-1]):
            out.append(raw)
    while out and not out[-1]:
        out.pop()
    return out
