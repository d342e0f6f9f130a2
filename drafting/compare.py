"""Compare two revisions: align their paragraphs, then diff the words inside each pair (pure).

Alignment (`compare(old, new)`):
- inside one draft folder (`by_id=True`) ids are stable, so paragraphs pair by id;
- between any two files (`by_id=False`) numbers are not to be trusted (preambular paragraphs
  are numbered by position, an adopted text is renumbered), so paragraphs pair first by
  identical normalised text (unique on both sides), then, between those anchors, by an
  order-keeping alignment on text similarity with a bonus for the same number; what is left
  pairs across the document when the texts are clearly the same paragraph (a move).
  An inserted PP3 therefore shifts the old PP3 to PP4 *unchanged*, not "modified".
A pair out of order with its neighbours (outside the longest in-order run) is `moved`.

Normalisation (only here, never in the model), unless `strict=True`:
    "pre‑recorded" (U+2011)        -> "pre-recorded"
    "Secretary‑General" NBSP "of"  -> "Secretary-General of"
    "“Agenda 2030”"               -> '"Agenda 2030"'
    "United Nations 1 are", "United Nations1 are" (footnote mark 1) -> "United Nations are"
    "word ,", "word,"             -> "word," (white space is not compared)
The word diff still gives both verbatim texts back: where tokens are equal only after
normalisation it emits the old form as "-" and the new form as "+", without counting the
paragraph as changed.
"""
from __future__ import annotations

import re
from collections import Counter

from diff_match_patch import diff_match_patch

from drafting import lexicon
from drafting.model import Comparison, Paragraph, ParagraphChange, Resolution
from drafting.order import in_order

# Typographic variants that print the same for a reader; folded away unless strict.
TYPOGRAPHIC = str.maketrans({
    "\u2010": "-", "\u2011": "-",                      # hyphen, non-breaking hyphen
    "\u00a0": " ", "\u202f": " ", "\u2007": " ", "\u2009": " ",  # no-break, narrow, figure, thin
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"',
    "\ufb01": "fi", "\ufb02": "fl",                     # ligatures left by PDF extraction
})


# Punctuation is not a word for similarity: "decision," and "decision" are one word.
_PUNCT_TO_SPACE = str.maketrans({c: " " for c in "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
                                 "\u2018\u2019\u201c\u201d\u2010\u2011\u2013\u2014\u00ab\u00bb"})
_FOLD_PUNCT_TO_SPACE = {**TYPOGRAPHIC, **_PUNCT_TO_SPACE}
# A token is a word, a punctuation mark, or one Chinese character (Chinese has no spaces
# between words: a whole clause would otherwise be one "word").
_CJK = "\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF"
_TOKEN = re.compile(rf"\s*(?:[{_CJK}]|[^\W{_CJK}]+|[^\w\s])|\s+")
_KEY = re.compile(rf"\s*([{_CJK}]|[^\W{_CJK}]+|[^\w\s])|\s+")  # the same, white space left out
_CJK_RUN = re.compile(rf"[{_CJK}]+")

# Similarity (Dice on sets of content words) needed to pair two paragraphs. Measured on the
# corpus: two different paragraphs of one text score under 0.3 in 94 % of cases; the
# amended paragraphs of A/80/L.2 -> A/RES/80/1 score 0.86 to 0.99.
PAIR_SIMILARITY = 0.45         # between two anchors, in order
SAME_NUMBER_SIMILARITY = 0.3   # ... when they also carry the same number
ALONE_SIMILARITY = 0.25        # ... when each is alone between its two anchors
ALONE_SAME_NUMBER_SIMILARITY = 0.15
SAME_NUMBER_BONUS = 0.2
MOVE_SIMILARITY = 0.6          # across the document (a move)
# Above these sizes the quadratic steps fall back to cheaper rules (two unrelated texts).
_DP_LIMIT = 4_000
_MOVE_LIMIT = 40_000

_MARK_CODE = "\x00"  # key of a footnote mark token


def compare(old: Resolution, new: Resolution, *, strict: bool = False,
            by_id: bool = False) -> Comparison:
    """The structural and word-level difference from `old` to `new`.

    Entries: the preambular paragraphs, then the operative ones, in the new text's order
    with each deleted paragraph after the one it followed.
    """
    differ = _Differ(strict)
    entries = (_compare_lists(old.preambular, new.preambular, differ, by_id)
               + _compare_lists(old.operative, new.operative, differ, by_id))
    return Comparison(old=old, new=new, paragraphs=tuple(entries),
                      header=front_changes(old, new, strict))


# -- normalisation -------------------------------------------------------------------------


def word_diff(old_text: str, new_text: str, strict: bool = False) -> tuple[tuple[str, str], ...]:
    """The word diff of two texts, as a paragraph's: [("=", "Recalling its "), ("-",
    "relevant "), ("+", "pertinent "), ...]."""
    return _Differ(strict).diff(old_text, new_text, ())


def mark_spans(text: str, marks: tuple[str, ...] | list[str]) -> list[tuple[int, int]]:
    """Where the footnote marks `marks` sit in `text`, as (start, end) spans, sorted.

    A mark is printed glued to the word it follows ("Nations1", "Nations;1") or after a
    space before a lower-case word or punctuation ("Nations 1 are", "in 1979, 1" at the
    end), never after a word that refers to a number ("paragraph 1 (a)"). Each mark listed claims one occurrence;
    the glued form wins.
    """
    spans: list[tuple[int, int]] = []
    for mark in marks:
        if not mark:
            continue
        m = re.escape(mark)
        glued = re.compile(rf"(?:(?<=[^\W\d_])|(?<=[)\].,;:’”\"'])){m}(?!\w)")
        # After a word, or after a mark that follows a word or a year ("1979, 1"); not
        # after a number ("paragraphs 1, 2 and 3").
        spaced = re.compile(rf"(?:(?<=[^\W\d_])|(?<=[^\W\d_][,;:)\]”’\"])"
                            rf"|(?<=\b(?:19|20)\d\d[,;])) ({m})(?=\s+[^\W\d_A-Z]|[,;.:]|$)")
        found = None
        for match in glued.finditer(text):
            span = (match.start(), match.end())
            if span not in spans:
                found = span
                break
        if found is None:
            for match in spaced.finditer(text):
                before = text[:match.start()].rsplit(None, 1)
                if before and before[-1].lower() in lexicon.NUMBERING_WORDS:
                    continue
                span = (match.start(1), match.end(1))
                if span not in spans:
                    found = span
                    break
        if found is not None:
            spans.append(found)
    return sorted(spans)


def _strip_spans(text: str, spans: list[tuple[int, int]]) -> str:
    if not spans:
        return text
    out, at = [], 0
    for start, end in spans:
        out.append(text[at:start])
        at = end
    out.append(text[at:])
    return "".join(out)


def canonical(text: str, marks: tuple[str, ...] = (), strict: bool = False) -> str:
    """The text as compared: equal canonical forms mean "unchanged".

    Not strict: footnote marks dropped, typographic variants folded, white space dropped
    (line wraps, "word ," = "word,"; only "prerecorded" = "pre recorded" is lost, a
    spacing slip too): "the Nations 1 are" -> "theNationsare".
    """
    if strict:
        return text
    if marks:
        text = _strip_spans(text, mark_spans(text, marks))
    return "".join((text if text.isascii() else text.translate(TYPOGRAPHIC)).split())


def _marks(p: Paragraph) -> tuple[str, ...]:
    return tuple(f.mark for f in p.footnotes)


# -- word diff -----------------------------------------------------------------------------


class _Differ:
    """One diff_match_patch and one token -> character code book for a whole comparison.

    Each token (a word or a punctuation mark, with the white space before it) becomes one
    character, so that diff-match-patch diffs words, not letters. Punctuation maps to
    itself and words to letters from the CJK block, so its semantic clean-up still tells
    words from punctuation.
    """

    def __init__(self, strict: bool):
        self.strict = strict
        self.dmp = diff_match_patch()
        # Never let the time-out turn a big diff into delete-all / insert-all.
        self.dmp.Diff_Timeout = 0
        self.codes: dict[str, str] = {}
        self.next_code = 0x4E00

    def code(self, key: str) -> str:
        c = self.codes.get(key)
        if c is None:
            if len(key) == 1 and not key.isalnum() and key != "_":
                c = key
            else:
                c = chr(self.next_code)
                self.next_code += 1
                if self.next_code == 0xA000:  # end of the CJK block: go on in Extension B
                    self.next_code = 0x20000
            self.codes[key] = c
        return c

    def tokens(self, text: str, marks: tuple[str, ...]) -> tuple[list[str], list[str]]:
        """Verbatim tokens and their keys: a word or punctuation mark with the white space
        before it (" concern", ","), the key without it; a footnote mark is one token with
        key _MARK_CODE.

        White space rides on the token after it, so the diff works on half as many tokens
        and a change of spacing alone is never a changed word. Folding maps a hyphen to a
        hyphen, a space to a space, a ligature to letters, so the folded text splits into
        the same tokens as the verbatim one.
        """
        if self.strict:
            verbatim = _TOKEN.findall(text)
            return verbatim, verbatim
        spans = mark_spans(text, marks) if marks else []
        verbatim: list[str] = []
        keys: list[str] = []
        at = 0
        for start, end in spans + [(len(text), len(text))]:
            piece = text[at:start]
            verbatim += _TOKEN.findall(piece)
            keys += _KEY.findall(piece if piece.isascii() else piece.translate(TYPOGRAPHIC))
            if end > start:
                mark = text[start:end]
                if verbatim and verbatim[-1].isspace():  # "Nations 1": the space goes too
                    mark = verbatim.pop() + mark
                    keys.pop()
                verbatim.append(mark)
                keys.append(_MARK_CODE)
            at = end
        return verbatim, keys

    def encode(self, keys: list[str]) -> str:
        coded = list(map(self.codes.get, keys))
        if None in coded:
            coded = [c or self.code(k) for c, k in zip(coded, keys)]
        return "".join(coded)

    def diff(self, old_text: str, new_text: str,
             marks: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
        head = tail = ""
        if not marks:
            # Leave the common beginning and end, cut at white space, out of the token work.
            n = self.dmp.diff_commonPrefix(old_text, new_text)
            n = _token_start(old_text, n)
            head, old_text, new_text = old_text[:n], old_text[n:], new_text[n:]
            m = self.dmp.diff_commonSuffix(old_text, new_text)
            m = len(old_text) - _token_end(old_text, len(old_text) - m + 1) if m else 0
            if m:
                tail, old_text, new_text = old_text[-m:], old_text[:-m], new_text[:-m]
        parts = self._diff_tokens(old_text, new_text, marks)
        if head:
            parts.insert(0, ("=", head))
        if tail:
            parts.append(("=", tail))
        return _merge(parts)

    def _diff_tokens(self, old_text: str, new_text: str,
                     marks: tuple[str, ...]) -> list[tuple[str, str]]:
        old, old_keys = self.tokens(old_text, marks)
        new, new_keys = self.tokens(new_text, marks)
        diffs = self.dmp.diff_main(self.encode(old_keys), self.encode(new_keys), False)
        self.dmp.diff_cleanupSemantic(diffs)
        parts: list[tuple[str, str]] = []
        i = j = 0
        for op, data in diffs:
            n = len(data)
            if op == 0:
                a, b = "".join(old[i:i + n]), "".join(new[j:j + n])
                if a == b:
                    parts.append(("=", a))
                else:
                    for va, vb in zip(old[i:i + n], new[j:j + n]):
                        if va == vb:
                            parts.append(("=", va))
                        else:  # equal once normalised: give both verbatim forms back
                            _variant(va, vb, parts)
                i += n
                j += n
            elif op < 0:
                parts.append(("-", "".join(old[i:i + n])))
                i += n
            else:
                parts.append(("+", "".join(new[j:j + n])))
                j += n
        return parts


def _token_start(text: str, n: int) -> int:
    """The last place before n where a run of white space begins, or 0: a token starts
    there (with its white space) in both texts, since they agree up to n."""
    k = n
    while k > 0 and not (text[k - 1].isspace() and (k == 1 or not text[k - 2].isspace())):
        k -= 1
    return k - 1 if k > 0 else 0


def _token_end(text: str, n: int) -> int:
    """The first place at or after n where a run of white space begins, or the end."""
    k = n
    while k < len(text) and not (text[k].isspace() and (k == 0 or not text[k - 1].isspace())):
        k += 1
    return k


def _variant(old: str, new: str, parts: list[tuple[str, str]]) -> None:
    """Parts for two tokens equal once normalised, each side verbatim, and as little as
    possible marked: "Nations 1" / "Nations1" differ by a space only ("-" " ").
    """
    body_old, body_new = old.lstrip(), new.lstrip()
    space_old, space_new = old[:len(old) - len(body_old)], new[:len(new) - len(body_new)]
    if space_old == space_new:
        parts.append(("=", space_old))
    else:
        parts.append(("-", space_old))
        parts.append(("+", space_new))
    if body_old == body_new:
        parts.append(("=", body_old))
    else:
        parts.append(("-", body_old))
        parts.append(("+", body_new))


def _merge(parts: list[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    """Join neighbouring parts: runs of "=", and between two "=" all "-" then all "+"."""
    out: list[tuple[str, str]] = []
    same: list[str] = []
    dels: list[str] = []
    ins: list[str] = []

    def flush_changes():
        if dels:
            out.append(("-", "".join(dels)))
        if ins:
            out.append(("+", "".join(ins)))
        dels.clear()
        ins.clear()

    for op, text in parts:
        if not text:
            continue
        if op == "=":
            flush_changes()
            same.append(text)
        else:
            if same:
                out.append(("=", "".join(same)))
                same.clear()
            (dels if op == "-" else ins).append(text)
    flush_changes()
    if same:
        out.append(("=", "".join(same)))
    return tuple(out)


# -- alignment -----------------------------------------------------------------------------


class _Item:
    """A paragraph as the aligner sees it: text, number, canonical text and word bag (lazy)."""

    __slots__ = ("p", "strict", "number", "_key", "_bag")

    def __init__(self, p: Paragraph, strict: bool):
        self.p = p
        self.strict = strict
        self.number = p.label if p.label is not None else p.number
        self._key = None
        self._bag = None

    @property
    def key(self) -> str:
        if self._key is None:
            self._key = canonical(self.p.text, _marks(self.p), self.strict)
        return self._key

    @property
    def bag(self) -> frozenset:
        if self._bag is None:
            # Sub-paragraphs count too: a chapeau "Decides that:" says little on its own.
            text = self.p.full_text() if self.p.subparagraphs else self.p.text
            table = _PUNCT_TO_SPACE if self.strict else _FOLD_PUNCT_TO_SPACE
            # Chinese counts by pairs of characters, its words having no spaces around them.
            runs = _CJK_RUN.findall(text) if not text.isascii() else []
            pairs = {r[k:k + 2] for r in runs for k in range(max(1, len(r) - 1))}
            if runs:
                text = _CJK_RUN.sub(" ", text)
            words = frozenset(text.translate(table).lower().split())
            # Content words only: "the", "of", "and" (and "de", "la", "les") make any two
            # paragraphs look alike; a paragraph of short words keeps them all.
            self._bag = (frozenset(w for w in words if len(w) > 3) or words) | pairs
        return self._bag

    def similarity(self, other: "_Item") -> float:
        """Dice coefficient of the two word sets: 1.0 same words, 0.0 none in common."""
        a, b = self.bag, other.bag
        total = len(a) + len(b)
        return 2.0 * len(a & b) / total if total else 1.0



def _pair_score(a: _Item, b: _Item) -> float | None:
    sim = a.similarity(b)
    same = a.number is not None and a.number == b.number
    if sim >= PAIR_SIMILARITY or (same and sim >= SAME_NUMBER_SIMILARITY):
        return sim + (SAME_NUMBER_BONUS if same else 0.0)
    return None


def _align_gap(olds: list[_Item], news: list[_Item], oi: list[int], nj: list[int],
               pairs: dict[int, int]) -> None:
    """Pair, in order, the unpaired paragraphs between two anchors (maximum total score)."""
    n, m = len(oi), len(nj)
    if not n or not m:
        return
    if n == 1 and m == 1:
        # One paragraph out, one in, at the same place: rewritten rather than replaced,
        # unless they have next to nothing in common.
        a, b = olds[oi[0]], news[nj[0]]
        same = a.number is not None and a.number == b.number
        if a.similarity(b) >= (ALONE_SAME_NUMBER_SIMILARITY if same else ALONE_SIMILARITY):
            pairs[oi[0]] = nj[0]
        return
    if n * m > _DP_LIMIT:
        # Two unrelated stretches: pair by number only.
        by_number = {news[j].number: j for j in nj if news[j].number is not None}
        for i in oi:
            j = by_number.get(olds[i].number)
            if j is not None and j not in pairs.values() and _pair_score(olds[i], news[j]):
                pairs[i] = j
        return
    score = [[0.0] * (m + 1) for _ in range(n + 1)]
    step = [[0] * (m + 1) for _ in range(n + 1)]  # 0 skip old, 1 skip new, 2 pair
    for x in range(1, n + 1):
        step[x][0] = 0
    for y in range(1, m + 1):
        step[0][y] = 1
    for x in range(1, n + 1):
        a = olds[oi[x - 1]]
        for y in range(1, m + 1):
            best, how = score[x - 1][y], 0
            if score[x][y - 1] > best:
                best, how = score[x][y - 1], 1
            s = _pair_score(a, news[nj[y - 1]])
            if s is not None and score[x - 1][y - 1] + s > best:
                best, how = score[x - 1][y - 1] + s, 2
            score[x][y], step[x][y] = best, how
    x, y = n, m
    while x and y:
        how = step[x][y]
        if how == 2:
            pairs[oi[x - 1]] = nj[y - 1]
            x, y = x - 1, y - 1
        elif how == 0:
            x -= 1
        else:
            y -= 1


def _align(olds: list[_Item], news: list[_Item], by_id: bool) -> dict[int, int]:
    """old index -> new index for every pair found."""
    pairs: dict[int, int] = {}
    if by_id:
        new_by_id: dict[str, int] = {}
        for j, it in enumerate(news):
            new_by_id.setdefault(it.p.id, j)
        for i, it in enumerate(olds):
            j = new_by_id.pop(it.p.id, None)  # pop: an id printed twice pairs once
            if j is not None:
                pairs[i] = j
    else:
        # 1. Anchors: identical text, unique on both sides; first verbatim (no work), then
        #    normalised among the rest (an adopted text may retype every hyphen).
        _anchor(olds, news, lambda it: it.p.text, pairs)
        _anchor(olds, news, lambda it: it.key, pairs)
        # 2. Between consecutive in-order anchors, pair the rest in order.
        anchors = sorted(pairs.items())
        keep = in_order([j for _, j in anchors])
        kept_anchors = [anchors[k] for k in sorted(keep)]
        paired_new = set(pairs.values())
        bounds = [(-1, -1)] + kept_anchors + [(len(olds), len(news))]
        for (i0, j0), (i1, j1) in zip(bounds, bounds[1:]):
            oi = [i for i in range(i0 + 1, i1) if i not in pairs]
            nj = [j for j in range(j0 + 1, j1) if j not in paired_new]
            _align_gap(olds, news, oi, nj, pairs)
    # 3. What is left: the same paragraph elsewhere (a move), by similarity.
    left_old = [i for i in range(len(olds)) if i not in pairs]
    paired_new = set(pairs.values())
    left_new = [j for j in range(len(news)) if j not in paired_new]
    if left_old and left_new and len(left_old) * len(left_new) <= _MOVE_LIMIT:
        candidates = []
        for i in left_old:
            for j in left_new:
                sim = 1.0 if olds[i].key == news[j].key else olds[i].similarity(news[j])
                if sim >= MOVE_SIMILARITY:
                    candidates.append((-sim, i, j))
        candidates.sort()
        used_new: set[int] = set()
        for _, i, j in candidates:
            if i not in pairs and j not in used_new:
                pairs[i] = j
                used_new.add(j)
    return pairs


def _anchor(olds: list[_Item], news: list[_Item], key, pairs: dict[int, int]) -> None:
    """Pair the unpaired items whose `key` occurs once on each side."""
    paired_new = set(pairs.values())
    old_keys = [(i, key(it)) for i, it in enumerate(olds) if i not in pairs]
    new_keys = [(j, key(it)) for j, it in enumerate(news) if j not in paired_new]
    old_count = Counter(k for _, k in old_keys)
    new_count = Counter(k for _, k in new_keys)
    new_at = {k: j for j, k in new_keys}
    for i, k in old_keys:
        if old_count[k] == 1 and new_count[k] == 1:
            pairs[i] = new_at[k]


def _compare_lists(olds_p, news_p, differ: _Differ, by_id: bool) -> list[ParagraphChange]:
    if not olds_p and not news_p:
        return []
    olds = [_Item(p, differ.strict) for p in olds_p]
    news = [_Item(p, differ.strict) for p in news_p]
    if len(olds_p) == len(news_p) and all(
            a.text == b.text and (a.id == b.id or not by_id) for a, b in zip(olds_p, news_p)):
        # Same texts in the same order (most sub-paragraph lists): nothing to align.
        return [_pair(a, b, differ, by_id, moved=False) for a, b in zip(olds, news)]
    pairs = _align(olds, news, by_id)
    ordered = sorted(pairs.items())
    kept = in_order([j for _, j in ordered])
    moved_old = {ordered[k][0] for k in range(len(ordered)) if k not in kept}
    new_to_old = {j: i for i, j in pairs.items()}

    # Sort keys: a new paragraph sits at (j, 0); a deleted one right after the new place of
    # the nearest old paragraph before it that stayed in order, deletions before insertions.
    keyed: list[tuple[tuple, ParagraphChange]] = []
    for j, it in enumerate(news):
        i = new_to_old.get(j)
        if i is None:
            change = _inserted(it.p)
        else:
            change = _pair(olds[i], it, differ, by_id, moved=i in moved_old)
        keyed.append(((j, 0, 0), change))
    anchor = -1
    for i, it in enumerate(olds):
        if i in pairs:
            if i not in moved_old:
                anchor = pairs[i]
            continue
        keyed.append(((anchor, 1, i), _deleted(it.p)))
    keyed.sort(key=lambda kc: kc[0])
    return [c for _, c in keyed]


def _inserted(p: Paragraph) -> ParagraphChange:
    return ParagraphChange(old_id=None, new_id=p.id, change="inserted", new_text=p.text,
                           diff=(("+", p.text),) if p.text else (),
                           subparagraphs=tuple(_inserted(s) for s in p.subparagraphs), new=p)


def _deleted(p: Paragraph) -> ParagraphChange:
    return ParagraphChange(old_id=p.id, new_id=None, change="deleted", old_text=p.text,
                           diff=(("-", p.text),) if p.text else (),
                           subparagraphs=tuple(_deleted(s) for s in p.subparagraphs), old=p)


def _pair(a: _Item, b: _Item, differ: _Differ, by_id: bool, moved: bool) -> ParagraphChange:
    old, new = a.p, b.p
    subs = (tuple(_compare_lists(old.subparagraphs, new.subparagraphs, differ, by_id))
            if old.subparagraphs or new.subparagraphs else ())
    if old.text == new.text:
        diff = (("=", old.text),) if old.text else ()
        own_changed = False
    else:
        marks = tuple(dict.fromkeys(_marks(old) + _marks(new)))
        if a.key == b.key or (marks and canonical(old.text, marks, differ.strict)
                              == canonical(new.text, marks, differ.strict)):
            # Unchanged, typographically only: a diff of typographic pairs would read as a
            # change, so such a paragraph carries none.
            diff = ()
            own_changed = False
        else:
            diff = differ.diff(old.text, new.text, marks)
            own_changed = True
    changed = own_changed or (subs and any(s.change != "unchanged" or s.moved for s in subs))
    return ParagraphChange(
        old_id=old.id, new_id=new.id, change="modified" if changed else "unchanged",
        old_text=old.text, new_text=new.text, diff=diff, moved=moved,
        subparagraphs=subs, old=old, new=new)


# Front matter compared as text; the tuples among them as their words joined, since line
# breaks and blank lines in a trailer or annex are layout, not words.
_JOINED = frozenset({"closing", "notes", "footnotes", "headings"})


def _front_values(res: Resolution) -> dict[str, object]:
    """What `front_changes` compares: the resolution's front fields, its uncited footnotes as
    "mark text", and its section headings and option labels in order (their paragraphs'
    numbers may shift with an insertion: the words are compared, not where they hang)."""
    values = {name: getattr(res, name) for name in (
        "kind", "symbol", "title", "body", "sponsors", "transition", "sponsor_note", "notes")}
    values["footnotes"] = tuple(f"{f.mark} {f.text}" for f in res.footnotes)
    values["headings"] = tuple(h for top in res.paragraphs() for p in top.walk()
                               for h in p.heading)
    values["closing"] = res.closing
    return values


def front_changes(old: Resolution, new: Resolution,
                  strict: bool = False) -> tuple[tuple[str, object, object], ...]:
    """Front matter that changed: (name, old value, new value)."""
    out = []
    news = _front_values(new)
    for name, a in _front_values(old).items():
        b = news[name]
        if name in _JOINED and not strict:
            same = canonical(" ".join(a)) == canonical(" ".join(b))
        elif isinstance(a, str) and isinstance(b, str) and not strict:
            same = canonical(a) == canonical(b)
        else:
            same = a == b
        if not same:
            out.append((name, a, b))
    return tuple(out)
