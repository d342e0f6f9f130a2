"""Parse texts into the model; the only module that knows where grammar/ lives.

Pipeline, each stage callable on its own: `preprocess.split_lines` -> `preprocess.find_body`
and `read_front` (front matter) -> `preprocess.lex_body` (line tokens) -> the LALR grammar
`grammar/resolution.lark` -> `ToNodes` (applied as the parser reduces) -> `_build` -> `Resolution`.
"""
from __future__ import annotations

import os
import re
import sys
from functools import lru_cache
from pathlib import Path

from lark import Lark, Transformer, Token
from lark.exceptions import UnexpectedInput
from lark.lexer import Lexer

from drafting import lexicon, preprocess
from drafting.errors import ParseError
from drafting.model import Footnote, Paragraph, Resolution
from drafting.numbering import SUFFIXES
from drafting.symbols import symbols_in


def grammar_dir() -> Path:
    """grammar/ inside the installed package (wheel), else at the top of the repository."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "grammar", here.parent / "grammar"):
        if (candidate / "resolution.lark").is_file():
            return candidate
    raise FileNotFoundError("grammar/resolution.lark not found next to the drafting package")


class _TokenStream(Lexer):
    """The grammar's 'lexer': the tokens are already made by preprocess.lex_body."""

    def __init__(self, lexer_conf):
        pass

    def lex(self, data):
        yield from data


def _cache_file(name: str) -> str | bool:
    """Where lark keeps the analysed grammar `name` (its LALR tables) between runs: the
    user's cache folder, so a command does not rebuild the tables each time (15 ms of every
    parse). lark checks the grammar's hash, its options and its own version before using
    the file, and rebuilds when the file is stale, unreadable or cut short. False (no
    cache) when the folder cannot be made."""
    import lark

    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    folder = os.path.join(base, "drafting")
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
    except OSError:
        return False
    if not os.access(folder, os.W_OK | os.R_OK):
        return False
    py = "%d%d" % sys.version_info[:2]
    return os.path.join(folder, f"{name}-lark{lark.__version__}-py{py}.cache")


def load_grammar(name: str, **options) -> Lark:
    """The LALR parser of grammar/`name`.lark, its tables cached (see `_cache_file`)."""
    path = grammar_dir() / f"{name}.lark"
    return Lark(path.read_text(encoding="utf-8"), parser="lalr", import_paths=[grammar_dir()],
                cache=_cache_file(name), **options)


@lru_cache(maxsize=None)
def _parser() -> Lark:
    return load_grammar("resolution", lexer=_TokenStream, strict=False, transformer=ToNodes())


# ---------------------------------------------------------------------------------------
# Openers

_OPTION_LABEL = re.compile(
    r"^\s*(\*\*)?(option|opción|variante)\s+\w+(\*\*)?\s*:?\s*(\*\*)?\s*:?\s*", re.IGNORECASE)


_HEAD_CHARS = 400          # an opener lies well inside a paragraph's first 400 characters
_CLOSING = (",", ";", ":", ".")
_PARTICIPLE_ENDINGS = ("é", "ée", "és", "ées", "ed", "ado", "ada", "ido", "ida")


def _opener_zh(text: str) -> str | None:
    """"又回顾其第2177(2014)号决议，" -> "又回顾"; "严重关切..." -> "严重关切"."""
    plain = _plain_start(text[:_HEAD_CHARS])
    adverb = next((a for a in lexicon.OPENER_ADVERBS_ZH if plain.startswith(a)), "")
    rest = plain[len(adverb):]
    verb = next((v for v in lexicon.OPENER_VERBS_ZH if rest.startswith(v)), None)
    if verb is None and adverb:                 # "并" was the verb's own first character
        adverb, verb = "", next((v for v in lexicon.OPENER_VERBS_ZH if plain.startswith(v)), None)
    return adverb + verb if verb else None


def _by_first_word(phrases) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Phrases grouped by their first word, in their order (the longest is listed first)."""
    out: dict[str, tuple[tuple[str, ...], ...]] = {}
    for phrase in phrases:
        out[phrase[0]] = out.get(phrase[0], ()) + (phrase,)
    return out


_IDIOMS_BY_FIRST = _by_first_word(lexicon.ADVERBIAL_IDIOMS)
_PARTICLES_BY_FIRST = _by_first_word(lexicon.PARTICLE_PHRASES)


def _phrase_at(candidates, ahead) -> tuple[str, ...] | None:
    """The first of `candidates` (phrases starting with the current word) that the words
    ahead begin with."""
    if not candidates:
        return None
    rest = ahead()
    return next((p for p in candidates if rest[:len(p)] == p), None)


def _plain_start(text: str) -> str:
    """The text without option labels ("**Option 2:**") and Markdown emphasis."""
    plain = preprocess.strip_markdown(_OPTION_LABEL.sub("", text, count=1))
    return preprocess.strip_markdown(_OPTION_LABEL.sub("", plain, count=1))


def _bare(word: str) -> str:
    return word.strip("*_,;:.()[]\"'“”‘’").lower()


def _is_adverb(word: str, language: str, leading: bool = False) -> bool:
    w = word.strip("*_,;:")
    low = w.lower()
    if low in lexicon.ADVERBS:
        return True
    # A capitalised word inside a sentence is a name ("July", "Italy"), not an adverb.
    if not leading and w[:1].isupper() and not w.isupper():
        return False
    ending = {"en": "ly", "es": "mente", "pt": "mente", "fr": "ment"}.get(language, "ly")
    return len(low) > len(ending) + 2 and low.endswith(ending)


def _matching_bracket(text: str, start: int) -> int | None:
    depth = 0
    for i in range(start, len(text)):
        if text[i] == "[":
            depth += 1
        elif text[i] == "]":
            depth -= 1
            if depth == 0:
                return i
    return None


def opener_of(text: str, language: str = "en") -> str | None:
    """The opening phrase of a paragraph, as printed.

    "Expressing grave concern regarding ..." -> "Expressing grave concern"
    "Recalling also the Headquarters Agreement," -> "Recalling also"
    "Deploring, in this regard, ..." -> "Deploring"
    "Condemns in the strongest terms the ..." -> "Condemns in the strongest terms"
    "*[Takes note* of] *[Welcomes]* the synthesis ..." -> "[Takes note of] [Welcomes]"
    "*[Recognizes* that Parties ... Depositary;]" -> "Recognizes" (a bracket round the whole paragraph)
    "Se déclarant gravement préoccupé par ..." -> "Se déclarant gravement préoccupé"
    "TAKING NOTE of the work ..." -> "TAKING NOTE";  "To instruct the CAM ..." -> "To instruct"
    """
    if language == "zh":
        return _opener_zh(text)
    # An opener is a few words long: look at the paragraph's head only, dropping its last,
    # perhaps cut, word. A bracket round the paragraph needs the whole text.
    cut = len(text) > _HEAD_CHARS
    plain = _plain_start(text[:_HEAD_CHARS] if cut else text)
    if plain.startswith("[") and cut:
        plain, cut = _plain_start(text), False
    if plain.startswith("["):
        close = _matching_bracket(plain, 0)
        if close is None or len(plain[1:close].split()) > 8 or close >= len(plain.rstrip(" ;,.")) - 1:
            plain = plain[1:]
        else:
            end = close + 1
            while True:
                m = re.match(r"\s*\[", plain[end:])
                if not m:
                    break
                nxt = _matching_bracket(plain, end + m.end() - 1)
                if nxt is None or len(plain[end:nxt].split()) > 8:
                    break
                end = nxt + 1
            return plain[:end]
    words = plain.split()
    if cut:
        words.pop()
    if not words:
        return None
    out: list[str] = []
    i = 0

    def take(k: int) -> bool:
        """Take words[i:i+k]; False when the last one ends the opener with punctuation."""
        nonlocal i
        for w in words[i:i + k]:
            out.append(w)
        i += k
        return not out[-1].endswith(_CLOSING)

    # Leading adverbs: "Also recalling", "Deeply concerned", "Further decides".
    while i + 1 < len(words) and _is_adverb(words[i], language, leading=True) and \
            not words[i].endswith((",", ";", ":")):
        take(1)
    head = _bare(words[i]) if i < len(words) else ""
    go = take(1) if i < len(words) else False
    if go and head in lexicon.COMPOUND_HEADS and i < len(words):
        # "Having considered", "Se déclarant", "To instruct", "Ayant examiné"
        head = _bare(words[i])
        go = take(1)
    after_adverb = False
    bare: list[str] = []         # _bare(words[k]), filled as far as the look-ahead needs

    def ahead() -> tuple[str, ...]:
        """The bare words from i, six at most."""
        need = min(i + 6, len(words))
        while len(bare) < need:
            bare.append(_bare(words[len(bare)]))
        return tuple(bare[i:need])

    while go and i < len(words):
        w = _bare(words[i])
        idiom = _phrase_at(_IDIOMS_BY_FIRST.get(w), ahead)
        if idiom:
            go = take(len(idiom))
            continue
        if head in lexicon.PARTICLE_HEADS:
            particle = _phrase_at(_PARTICLES_BY_FIRST.get(w), ahead)
            if particle:
                go = take(len(particle))
                head = ""
                continue
        if head in lexicon.LIGHT_VERBS:
            rest = ahead()
            j = 0
            while j < len(rest) and rest[j] in lexicon.LIGHT_NOUN_MODIFIERS:
                j += 1
            if j < len(rest) and rest[j] and rest[j] not in lexicon.PHRASE_STOPS:
                go = take(j + 1)
                head = ""
                continue
            break
        if _is_adverb(words[i], language):
            go = take(1)
            after_adverb = True
            continue
        if after_adverb and w.endswith(_PARTICIPLE_ENDINGS):
            go = take(1)
            after_adverb = False
            continue
        if w in lexicon.WITH_WORDS:
            rest = ahead()
            j = 1
            while j < len(rest) and j <= 3 and rest[j] and rest[j] not in lexicon.PHRASE_STOPS:
                j += 1
            if j > 1:
                go = take(j)
                continue
        break
    if not out:
        return None
    return re.sub(r"[,;:.]+$", "", " ".join(out)) or None


# ---------------------------------------------------------------------------------------
# Language


def detect_language(text: str) -> str:
    """"ru", "zh" or "ar" by script when most letters are of it; else the language whose
    function words are most frequent: "en", "es", "fr" or "pt"."""
    sample = text[:20000]
    letters = sum(1 for c in sample if c.isalpha())
    for language, script in lexicon.SCRIPTS:
        if letters and len(script.findall(sample)) * 2 > letters:
            return language
    words = re.findall(r"[^\W\d_]+", sample.lower())
    scores = {lang: sum(1 for w in words if w in stop) for lang, stop in lexicon.STOPWORDS.items()}
    return max(scores, key=lambda k: (scores[k], k == "en"))


# ---------------------------------------------------------------------------------------
# Tokens -> model


class _Node:
    """A paragraph as the grammar shapes it: joined text, number or label, sub-paragraphs.
    Ids, opener, references and footnotes are given in `_build`, once the whole text is in."""

    __slots__ = ("text", "number", "label", "marker", "line", "subs", "heading")

    def __init__(self, text: str, number, label, marker, line, subs: list["_Node"],
                 heading: tuple[str, ...] = ()):
        self.text, self.number, self.label, self.marker = text, number, label, marker
        self.line, self.subs, self.heading = line, subs, heading

    def walk(self):
        yield self
        for sub in self.subs:
            yield from sub.walk()


class ToNodes(Transformer):
    """Applied by the LALR parser as it reduces each rule (no parse tree is built)."""

    @staticmethod
    def _node(children: list, number=None, label=None, marker=None) -> _Node:
        """The paragraph whose tokens are `children`: its heading lines, a negotiating
        label (PP3bis), then its first line (PARA, or the NUM/SUB token, whose text follows
        as LINE), lines and subs."""
        k = 0
        while children[k].type.endswith("HEADING"):
            k += 1
        heading = tuple(str(t) for t in children[:k])
        if children[k].type == "PPNUM":
            number = str(children[k])
            k += 1
        head = children[k]
        lines: list[str] = [head] if head.type == "PARA" else []
        subs: list[_Node] = []
        for c in children[k + 1:]:
            (subs if isinstance(c, _Node) else lines).append(c)
        # Wrapped lines joined ("eighty-" / "first": no space), runs of white space
        # collapsed: the only normalisation.
        return _Node(preprocess.join_lines(lines), number, label, marker, head.line, subs,
                     heading)

    def preambular(self, children):
        return self._node(children)

    def operative_paragraph(self, children):
        num = str(next(c for c in children if c.type == "NUM"))
        if num and (num[0] in "(（" or num[-1] in ")）"):
            # A decision's lettered paragraph, "(a) Approves ...": unnumbered, its letter
            # kept as printed.
            return self._node(children, marker=num)
        return self._node(children, number=num or None)   # "": printed unnumbered

    def subparagraph(self, children):
        marker = str(next(c for c in children if c.type in ("SUB", "SUBSUB"))).strip()
        # "(a bis)", the label the tool gives an inserted sub-paragraph, is label "abis".
        return self._node(children, label="".join(marker.strip("()（）").split()), marker=marker)

    subsubparagraph = subparagraph

    def preamble(self, children):
        return ("preamble", children)

    def operative(self, children):
        return ("operative", children)

    def transition(self, children):
        return ("transition", str(children[0]))

    def front(self, children):
        return ("front", children)

    def start(self, children):
        return children


def _build(node: _Node, pid: str, language: str, footnotes: tuple = (),
           openers: bool = True) -> Paragraph:
    """The model's paragraph for `node`, with id `pid`; sub-paragraphs "OP3(a)", "OP3(a)#2"."""
    subs = ()
    if node.subs:
        sub_ids = _unique([f"{pid}({s.label})" for s in node.subs])
        subs = tuple(_build(s, sid, language) for s, sid in zip(node.subs, sub_ids))
    text = node.text
    return Paragraph(id=pid, text=text, number=node.number, label=node.label,
                     marker=node.marker,
                     opener=opener_of(text, language) if openers and node.label is None else None,
                     subparagraphs=subs, footnotes=footnotes, references=symbols_in(text),
                     heading=node.heading, line=node.line)


def _lettered_number(marker: str | None) -> str | None:
    """The name of a decision's lettered paragraph, from its letter: "(a)" -> "1", "(b)" ->
    "2", "(a bis)" -> "1bis" (as the tool letters a paragraph inserted after (a))."""
    from drafting.finalize import letters_value

    m = re.match(r"^[(（]?([a-z]+)(?:\s*([a-z]+))?[)）]$", marker or "")
    n = letters_value(m.group(1)) if m else None
    if n is None or (m.group(2) and m.group(2) not in SUFFIXES):
        return None
    return f"{n}{m.group(2) or ''}"


def _unique(ids: list[str]) -> list[str]:
    """Repeated numbers (alternative option blocks that each number 6-9) get "#2", "#3"."""
    seen: dict[str, int] = {}
    out = []
    for pid in ids:
        seen[pid] = seen.get(pid, 0) + 1
        out.append(pid if seen[pid] == 1 else f"{pid}#{seen[pid]}")
    return out


def _find_footnotes(tops: list[_Node], notes: list[tuple[str, str, int]]
                    ) -> tuple[dict[int, list[Footnote]], list[Footnote]]:
    """Each numbered footnote goes to the first top-level paragraph, in order, whose text
    (or a sub-paragraph's) carries its mark: (top index -> footnotes, the footnotes no
    paragraph cites, such as the sponsors' "*")."""
    found: dict[int, list[Footnote]] = {}
    left: list[Footnote] = []
    start = 0
    flat = [(k, n) for k, top in enumerate(tops) for n in top.walk()]
    # A note the text marks "[^1]" (in a paragraph or a heading) is cited only so
    # ("paragraph 1 of" is a number).
    marked = " ".join(n.text + " " + " ".join(n.heading) for _, n in flat)
    for mark, text, _line in notes:
        if mark.isdigit():
            pat = (re.compile(rf"\[\^{mark}\]") if f"[^{mark}]" in marked
                   else preprocess.footnote_mark(mark))
            for pos in range(start, len(flat)):
                k, n = flat[pos]
                if pat.search(n.text):
                    found.setdefault(k, []).append(Footnote(mark, text))
                    start = pos
                    break
            else:
                left.append(Footnote(mark, text))
        else:
            left.append(Footnote(mark, text))
    return found, left


def _front_marks(front: str) -> frozenset[str]:
    """The footnote marks "*", "**", "***" the front matter prints after a word or mark
    ("Albania,*", "Mauritania:*")."""
    return frozenset(m.group(1) for m in re.finditer(r"[^\s*](\*{1,3})(?!\*)", front))


def _marked_notes(closing: list[str], marks: frozenset[str]) -> tuple[list[str], list[Footnote]]:
    """The sponsors' note left after the last paragraph when no footnote rule came before
    it ("* State not a member of the Human Rights Council."): a footnote, when the front
    matter prints its mark (`marks`). Its wrapped lines go with it; trailer lines ("50th
    meeting", a date) stay in the closing, and an annex (after a blank line or its heading)
    is not looked at."""
    out: list[str] = []
    notes: list[Footnote] = []
    for k, line in enumerate(closing):
        if not line or preprocess.is_annex_heading(line):
            out += closing[k:]
            break
        m = preprocess.STAR_NOTE.match(line)
        if m and m["mark"] in marks:
            notes.append(Footnote(m["mark"], m["text"]))
        elif notes and not preprocess.is_trailer_line(line):
            notes[-1] = Footnote(notes[-1].mark, f"{notes[-1].text} {line}")
        else:
            out.append(line)
    return out, notes


def _raise_syntax(e: UnexpectedInput, source: str | None, lines) -> None:
    tok = getattr(e, "token", None)
    line = getattr(tok, "line", None) or getattr(e, "line", 1) or 1
    col = getattr(tok, "column", None) or getattr(e, "column", 1) or 1
    names = {"NUM": "a numbered operative paragraph", "PARA": "a preambular paragraph",
             "SUB": "a sub-paragraph", "SUBSUB": "a sub-paragraph", "LINE": "paragraph text",
             "TRANSITION": "the operative transition", "BODY": "the authoring body",
             "PPNUM": "a preambular paragraph label", "PPHEADING": "a heading",
             "OPHEADING": "a heading", "SUBHEADING": "a heading", "SUBSUBHEADING": "a heading",
             "$END": "the end of the text"}
    expected = sorted({names.get(x, x) for x in getattr(e, "expected", ()) or ()})
    what = names.get(getattr(tok, "type", ""), "this line")
    msg = f"unexpected {what}" + (f"; expected {' or '.join(expected)}" if expected else "")
    src = lines[line - 1].raw if 0 < line <= len(lines) else None
    raise ParseError(msg, source, line, col, src) from None


# Symbols of adopted texts: A/RES/80/1, AG/RES. 2908 (XLVII-O/17), UNEP/EA.5/Res.14, WHA76.1.
_ADOPTED = re.compile(r"/RES[/.]|/Res\.\d|^WHA\d|^EB\d+\.R\d")


def parse_text(text: str, source: str | None = None, *, openers: bool = True) -> Resolution:
    """A resolution, draft resolution or draft decision from its text.

    `openers=False` leaves every paragraph's opener None, for callers that never show it
    (a comparison in text or JSON): finding them is a fifth of the parse."""
    if text.startswith("\ufeff"):          # a byte-order mark is encoding, not text
        text = text[1:]
    lines = file_lines = preprocess.split_lines(text)
    body_at = preprocess.find_body(lines)
    if body_at is None:
        # A body line wrapped onto a second line (a narrow column of a PDF).
        joined = preprocess.join_wrapped_body(file_lines)
        if joined is not None:
            lines, body_at = joined, preprocess.find_body(joined)
    run_on = False
    if body_at is None:
        # "The General Assembly, taking note of ..., decides to appoint ..." (before the
        # degraded extractions: such a line may be long, but its clause is in small letters).
        found = preprocess.find_clause_body(file_lines)
        if found:
            body_at, lines = found
            run_on = True
    if body_at is None:
        # A degraded extraction may run the body and the paragraphs together.
        lines = preprocess.unflatten(file_lines)
        body_at = preprocess.find_body(lines)
    if body_at is None:
        # A decision: "The General Assembly decides to take note of ...".
        found = preprocess.find_run_on_body(file_lines)
        if found:
            body_at, body_part, rest = found
            lines = file_lines[:body_at] + [body_part, rest] + file_lines[body_at + 1:]
            run_on = True
    bare = False
    if body_at is None:
        # "The General Assembly" without its comma, then its paragraph ("Adopts the ...").
        body_at = preprocess.find_bare_body(file_lines)
        if body_at is not None:
            lines, bare = file_lines, True
    if body_at is None:
        lines = file_lines
        first = next((ln for ln in lines if ln.text), None)
        raise ParseError(
            "not a resolution: expected an authoring body line such as 'The General Assembly,' "
            "before the paragraphs", source, first.no if first else 1,
            first.column if first else 1, first.raw if first else None)
    start = preprocess.header_start(lines, body_at)
    front = preprocess.read_front(lines[start:body_at])
    body_line = lines[body_at]
    body = preprocess.strip_markdown(body_line.text).rstrip().rstrip(",，،:").strip()
    colon = preprocess.strip_markdown(body_line.text).rstrip().endswith(":")
    marks = _front_marks(" ".join(ln.raw for ln in lines[start:body_at]))
    lexed = preprocess.lex_body(lines[body_at + 1:], front.symbol, front.title, marks)
    language = detect_language(body + " " + " ".join(
        str(t) for t in lexed.tokens if t.type in ("PARA", "LINE")))
    stream = front.tokens + [Token("BODY", body_line.text, line=body_line.no,
                                   column=body_line.column)] + lexed.tokens
    try:
        result = _parser().parse(stream)
    except UnexpectedInput as e:
        _raise_syntax(e, source, file_lines)
    sections = {name: value for name, value in (r for r in result if isinstance(r, tuple))}
    pre: list[_Node] = sections.get("preamble", [])
    ops: list[_Node] = sections.get("operative", [])
    if not pre and not ops:
        raise ParseError("not a resolution: no preambular or operative paragraph after the body line",
                         source, body_line.no, body_line.column, file_lines[body_line.no - 1].raw)
    # Preambular paragraphs are numbered by position, unless the text labels them (PP3bis).
    for k, node in enumerate(pre, start=1):
        node.number = node.number or str(k)
    # An unnumbered operative paragraph is named by its place, as preambular ones are.
    ids = _unique([f"PP{n.number}" for n in pre]) + _unique(
        [f"OP{n.number or _lettered_number(n.marker) or k}" for k, n in enumerate(ops, start=1)])
    notes, left = _find_footnotes(pre + ops, lexed.footnotes) if lexed.footnotes else ({}, [])
    built = [_build(node, pid, language, tuple(notes.get(k, ())), openers)
             for k, (node, pid) in enumerate(zip(pre + ops, ids))]
    pre, ops = built[:len(pre)], built[len(pre):]
    closing, marked = _marked_notes(lexed.closing, marks)
    left += marked
    kind = front.kind or ("resolution" if front.symbol and _ADOPTED.search(front.symbol)
                          else "draft_resolution")
    return Resolution(kind=kind, language=language, symbol=front.symbol, title=front.title,
                      body=body, sponsors=front.sponsors, preambular=tuple(pre),
                      operative=tuple(ops), transition=lexed.transition,
                      closing=tuple(closing),
                      sponsor_note=front.sponsor_note, notes=tuple(front.notes),
                      footnotes=tuple(left), body_runs_on=run_on, body_bare=bare, body_colon=colon,
                      source=source)


def parse_document(text: str, source: str | None = None, *, openers: bool = True):
    """A resolution-like text, or an amendment document (A/C.3/80/L.65)."""
    try:
        from drafting import instructions
    except ImportError:
        instructions = None
    if instructions is not None and instructions.is_amendment_document(text):
        return instructions.parse_amendment_document(text, source)
    return parse_text(text, source, openers=openers)


def parse_file(path: str, *, openers: bool = True):
    """Read and parse a file (.txt, .md, .docx; "-" for standard input)."""
    from drafting.reader import read_text
    text = read_text(path)
    return parse_document(text, "<stdin>" if path == "-" else str(path), openers=openers)


# Below this size a second process costs more (fork, pickling) than it saves.
PARALLEL_MIN_BYTES = 256 * 1024


def parse_files(paths, min_bytes: int = PARALLEL_MIN_BYTES, *, openers: bool = True) -> list:
    """`parse_file` of each path, in order; large files after the first are parsed in
    child processes (fork) while this one parses the first.

    A child only ever sends back a whole result, framed by its length: when it fails for
    any reason (a parse error, a crash, no process or pipe to be had), this process parses
    that file itself, so errors are raised here, exactly as `parse_file` raises them. On an
    error the children still at work are stopped. Without fork (Windows), for standard
    input and for small files, the files are parsed one after the other."""
    paths = [str(p) for p in paths]
    forked: dict[int, tuple[int, int]] = {}      # index -> (pid, read end of its pipe)
    try:
        if hasattr(os, "fork") and len(paths) > 1:
            # What a child needs, loaded before forking: the child imports nothing, and
            # lark's table cache is written by one process only.
            _parser()
            from drafting import reader  # noqa: F401
            try:
                from drafting import instructions  # noqa: F401
            except ImportError:
                pass            # parse_document does without it
            for k, path in enumerate(paths[1:], start=1):
                if path != "-" and _size(path) >= min_bytes:
                    child = _fork_parse(path, openers)
                    if child is None:
                        break           # no process to be had: the rest are parsed here
                    forked[k] = child
        results = []
        for k, path in enumerate(paths):
            child = forked.pop(k, None)
            result = _child_result(*child) if child else None
            results.append(result if result is not None else parse_file(path, openers=openers))
        return results
    finally:
        for pid, fd in forked.values():    # an error on an earlier file: stop the others
            _stop(pid, fd)


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0            # parse_file reports it


_LENGTH = 8                 # bytes of the length that frames a child's result


def _fork_parse(path: str, openers: bool) -> tuple[int, int] | None:
    """(pid, read end) of a child parsing `path`, or None when no pipe or process could
    be made."""
    import pickle

    try:
        read_end, write_end = os.pipe()
    except OSError:
        return None
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return None
    if pid:
        os.close(write_end)
        return pid, read_end
    # The child: parse, send the pickled result after its length, leave without running
    # the parent's clean-up (atexit, buffered output it inherited).
    status = 1
    try:
        os.close(read_end)
        data = pickle.dumps(parse_file(path, openers=openers), protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(len(data).to_bytes(_LENGTH, "big") + data)
        status = 0
    except BaseException:
        pass
    finally:
        os._exit(status)


def _child_result(pid: int, read_end: int):
    """The result a child sent, or None when it did not send a whole one (the caller then
    parses the file itself)."""
    import pickle

    try:
        with os.fdopen(read_end, "rb") as pipe:
            data = pipe.read()
    finally:
        _reap(pid)
    size = int.from_bytes(data[:_LENGTH], "big") if len(data) >= _LENGTH else -1
    if size != len(data) - _LENGTH:
        return None
    try:
        return pickle.loads(memoryview(data)[_LENGTH:])
    except Exception:
        return None


def _stop(pid: int, read_end: int) -> None:
    import signal

    try:
        os.kill(pid, signal.SIGKILL)
    except OSError:
        pass
    try:
        os.close(read_end)
    except OSError:
        pass
    _reap(pid)


def _reap(pid: int) -> None:
    """Wait for the child; nothing to wait for when SIGCHLD is ignored (the system reaps)."""
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass
