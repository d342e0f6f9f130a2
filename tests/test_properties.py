"""Properties that hold for any resolution built from real pieces: the text round trip,
derived amendments reproducing an edited copy, and comparison diffs that rebuild both texts.
"""
from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafting.amend import apply_operations, derive_operations
from drafting.compare import compare
from drafting.model import Paragraph, Resolution
from drafting.parse import parse_text
from drafting.render.text import render_text

CORPUS = Path(__file__).parent / "fixtures" / "corpus"
SETTINGS = settings(max_examples=60, deadline=None, derandomize=True, database=None,
                    suppress_health_check=list(HealthCheck))

# Real pieces from the English UN texts of the corpus: whole preambular and operative
# texts, sub-paragraph texts, with their quirks (footnote marks aside, as the generated
# models carry no footnotes).
_ENGLISH = ["un-ga-c3-80-L24-draft-report-hrc.txt", "un-ga-80-L2-draft-palestine-participation-original.txt",
            "un-sc-res-2532-2020-en.txt", "un-sc-draft-S-2024-37-red-sea.txt",
            "un-ga-res-80-1-palestine-participation-adopted-from-rev1.txt"]
_PARSED = [parse_text((CORPUS / name).read_text(encoding="utf-8")) for name in _ENGLISH]
PP_TEXTS = sorted({p.text for r in _PARSED for p in r.preambular if not p.footnotes})
OP_TEXTS = sorted({p.text for r in _PARSED for p in r.operative if not p.footnotes})
SUB_TEXTS = sorted({s.text for r in _PARSED for p in r.operative for s in p.subparagraphs
                    if not s.footnotes and not s.subparagraphs})
SYMBOLS = [None, "A/C.3/80/L.24", "S/2024/37", "A/80/L.2/Rev.1"]
TITLES = [None, "Report of the Human Rights Council", "Situation in the Red Sea"]
BODIES = ["The General Assembly", "The Security Council"]
SPONSORS = [(), ("Mauritania",), ("Japan", "United States of America")]
LETTERS = "abcdefgh"


@st.composite
def resolutions(draw, subparagraphs: bool = True) -> Resolution:
    """A resolution as hand-built from pieces (ids, numbers, labels; no openers yet)."""
    pre = tuple(Paragraph(id=f"PP{k}", number=str(k), text=t) for k, t in enumerate(
        draw(st.lists(st.sampled_from(PP_TEXTS), min_size=0, max_size=6)), start=1))
    ops = []
    for k, t in enumerate(draw(st.lists(st.sampled_from(OP_TEXTS), min_size=1, max_size=8)),
                          start=1):
        subs = draw(st.lists(st.sampled_from(SUB_TEXTS), max_size=3 if subparagraphs else 0))
        if subs:
            # A paragraph that introduces sub-paragraphs ends with a colon.
            t = t.rstrip(";.,") + ":"
        ops.append(Paragraph(id=f"OP{k}", number=str(k), text=t, subparagraphs=tuple(
            Paragraph(id=f"OP{k}({LETTERS[i]})", label=LETTERS[i], marker=f"({LETTERS[i]})",
                      text=s) for i, s in enumerate(subs))))
    return Resolution(symbol=draw(st.sampled_from(SYMBOLS)), title=draw(st.sampled_from(TITLES)),
                      body=draw(st.sampled_from(BODIES)), sponsors=draw(st.sampled_from(SPONSORS)),
                      preambular=pre, operative=tuple(ops))


def shape(res: Resolution) -> list[tuple]:
    """What the hand-built model states: every paragraph's id, number, label and text."""
    return [(p.id, p.number if p.label is None else p.label, p.text)
            for top in res.paragraphs() for p in top.walk()]


def texts(res: Resolution) -> list[tuple[str, str]]:
    return [(p.part, p.full_text()) for p in res.paragraphs()]


@SETTINGS
@given(res=resolutions())
def test_render_then_parse_gives_the_model_back(res):
    parsed = parse_text(render_text(res))
    # The parser adds what it infers (openers, references, language); everything stated
    # in the model comes back unchanged ...
    assert shape(parsed) == shape(res)
    assert (parsed.symbol, parsed.title, parsed.body, parsed.sponsors) == \
        (res.symbol, res.title, res.body, res.sponsors)
    # ... and the parsed model is a fixed point of the round trip, inferred fields included.
    assert parse_text(render_text(parsed)) == parsed


@st.composite
def edited_pairs(draw, subparagraphs: bool = True):
    old = parse_text(render_text(draw(resolutions(subparagraphs))))
    rng = random.Random(draw(st.integers(0, 2**32 - 1)))
    parts = {"pre": list(old.preambular), "op": list(old.operative)}
    for _ in range(rng.randrange(1, 6)):
        key = rng.choice(["pre", "op"])
        pars = parts[key]
        what = rng.randrange(5)
        if what == 0 and len(pars) > 1:
            del pars[rng.randrange(len(pars))]
        elif what == 1:
            pool = PP_TEXTS if key == "pre" else OP_TEXTS
            pars.insert(rng.randrange(len(pars) + 1),
                        Paragraph(id=f"{key}new{rng.random()}", text=rng.choice(pool)))
        elif what == 2 and len(pars) > 1:
            i, j = rng.randrange(len(pars)), rng.randrange(len(pars))
            pars[i], pars[j] = pars[j], pars[i]
        elif pars:
            # Word edits: drop, repeat or replace words of one paragraph's own text.
            i = rng.randrange(len(pars))
            words = pars[i].text.split(" ")
            for _ in range(rng.randrange(1, 4)):
                w = rng.randrange(len(words))
                words[w:w + 1] = rng.choice([[], [words[w], words[w]], ["newly"], ["[", words[w]]])
            pars[i] = replace(pars[i], text=" ".join(words).strip() or "Decides")
    new = replace(old, preambular=tuple(parts["pre"]), operative=tuple(parts["op"]))
    # The edited copy as a user would hand it in: rendered and parsed again.
    return old, parse_text(render_text(_renumber(new)))


def _renumber(res: Resolution) -> Resolution:
    pre = tuple(replace(p, id=f"PP{k}", number=str(k)) for k, p in enumerate(res.preambular, 1))
    ops = tuple(replace(p, id=f"OP{k}", number=str(k), subparagraphs=tuple(
        replace(s, id=f"OP{k}({s.label})") for s in p.subparagraphs))
        for k, p in enumerate(res.operative, 1))
    return replace(res, preambular=pre, operative=ops)


@SETTINGS
@given(pair=edited_pairs(subparagraphs=False))
def test_derived_amendments_reproduce_the_edited_copy(pair):
    old, new = pair
    assert texts(apply_operations(old, derive_operations(old, new))) == texts(new)


@SETTINGS
@given(res=resolutions(), seed=st.integers(0, 2**32 - 1))
def test_derived_word_edits_reproduce_the_edited_copy(res, seed):
    # Word edits only, sub-paragraphs included (paragraph numbers stay where they were).
    old = parse_text(render_text(res))
    rng = random.Random(seed)
    new = old
    for _ in range(rng.randrange(1, 5)):
        ids = [p.id for top in new.paragraphs() for p in top.walk()]
        pid = rng.choice(ids)
        par = new.find(pid)
        words = par.text.split(" ")
        w = rng.randrange(len(words))
        words[w:w + 1] = rng.choice([[], [words[w], words[w]], ["newly"]])
        new = _with_text(new, pid, " ".join(words).strip() or "Decides")
    new = parse_text(render_text(new))
    assert texts(apply_operations(old, derive_operations(old, new))) == texts(new)


def _with_text(res: Resolution, pid: str, text: str) -> Resolution:
    def fix(p: Paragraph) -> Paragraph:
        if p.id == pid:
            return replace(p, text=text)
        return replace(p, subparagraphs=tuple(fix(s) for s in p.subparagraphs))
    return replace(res, preambular=tuple(map(fix, res.preambular)),
                   operative=tuple(map(fix, res.operative)))


def test_derived_amendments_keep_subparagraphs_of_a_renumbered_paragraph():
    old = parse_text("The General Assembly,\n\n1. Acknowledges the role of women in the "
                     "response:\n\n(a) The State may deliver statements;\n")
    new = parse_text("The General Assembly,\n\n1. Decides to remain seized of the matter.\n\n"
                     "2. Acknowledges the role of women in the the response:\n\n"
                     "(a) The State may deliver statements;\n")
    assert texts(apply_operations(old, derive_operations(old, new))) == texts(new)


@SETTINGS
@given(res=resolutions())
def test_compare_with_itself_has_no_change(res):
    assert not compare(res, res).changed


def _check_entry(change, old_texts, new_texts):
    kept_new = "".join(t for op, t in change.diff if op in "=+")
    kept_old = "".join(t for op, t in change.diff if op in "=-")
    if change.change == "modified":
        assert kept_new == change.new_text == new_texts[change.new_id]
        assert kept_old == change.old_text == old_texts[change.old_id]
    if change.new_id is not None:
        assert change.new_text == new_texts[change.new_id]
    if change.old_id is not None:
        assert change.old_text == old_texts[change.old_id]
    for sub in change.subparagraphs:
        _check_entry(sub, old_texts, new_texts)


@SETTINGS
@given(pair=edited_pairs())
def test_compare_diff_rebuilds_both_texts(pair):
    old, new = pair
    c = compare(old, new)
    old_texts = {p.id: p.text for top in old.paragraphs() for p in top.walk()}
    new_texts = {p.id: p.text for top in new.paragraphs() for p in top.walk()}
    for change in c.paragraphs:
        _check_entry(change, old_texts, new_texts)
    # Every paragraph of the new text is accounted for, once.
    shown = [ch.new_id for ch in c.paragraphs if ch.new_id is not None]
    assert sorted(shown) == sorted(p.id for p in new.paragraphs())
    assert c.changed == (texts(old) != texts(new) or old.paragraphs != new.paragraphs)


# Pieces of text around which symbols hide: capitals, slashes, digits, word characters.
_SYMBOL_PIECES = ["A/80/L.2", "A/C.3/80/L.24", "S/RES/2532 (2020)", "CP/RES. 953 (1700/09)",
                  "AG/RES. 2738 (XLII-O/12)", "CIDI/CAM/doc.4/13 rev. 3", "/Rev.1", "ABCDEFG/",
                  "A/", "/", "x", "X", "7", " ", ", ", "(", "resolution 63/23", "É", "_",
                  "WHA76.1", "EB152.R3", "UNEP/EA.5/Res.14"]


@SETTINGS
@given(pieces=st.lists(st.sampled_from(_SYMBOL_PIECES), max_size=12))
def test_symbols_in_finds_what_the_pattern_finds(pieces):
    from drafting.symbols import SYMBOL, symbols_in

    text = "".join(pieces)
    expected = tuple(dict.fromkeys(m.group(0).strip() for m in SYMBOL.finditer(text)))
    assert symbols_in(text) == expected


@SETTINGS
@given(res=resolutions(), seed=st.integers(0, 2**32 - 1))
def test_derived_amendments_carry_new_subparagraphs(res, seed):
    # A new operative paragraph with sub-paragraphs, or sub-paragraphs given to one that had
    # none: the derived amendments insert them too ("insert a new subparagraph").
    old = parse_text(render_text(res))
    rng = random.Random(seed)
    ops = list(old.operative)
    subs = tuple(Paragraph(id=f"x({LETTERS[i]})", label=LETTERS[i], marker=f"({LETTERS[i]})",
                           text=t) for i, t in enumerate(rng.sample(SUB_TEXTS, rng.randrange(1, 4))))
    bare = [k for k, p in enumerate(ops) if not p.subparagraphs]
    if bare and rng.random() < 0.5:
        k = rng.choice(bare)
        ops[k] = replace(ops[k], text=ops[k].text.rstrip(";.,") + ":", subparagraphs=subs)
    else:
        ops.insert(rng.randrange(len(ops) + 1),
                   Paragraph(id="OPnew", text="Decides that:", subparagraphs=subs))
    new = parse_text(render_text(_renumber(replace(old, operative=tuple(ops)))))
    derived = derive_operations(old, new)
    assert texts(apply_operations(old, derived)) == texts(new)
    assert any(op.position and op.position.startswith("into ") for op in derived)
