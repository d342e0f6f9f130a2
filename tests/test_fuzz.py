"""A bounded fuzz sample in the suite: every reader gives a result or a DraftingError.

The long run (>= 100,000 inputs, per-input time limit) is `fuzz/run_fuzz.py N`; this file
uses the same mutations, derandomized so CI sees the same inputs every time.
"""
from __future__ import annotations

import functools
import importlib.util
import random
import struct
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafting.docx_read import docx_to_text
from drafting.errors import DraftingError
from drafting.instructions import parse_instructions
from drafting.parse import parse_document

_spec = importlib.util.spec_from_file_location(
    "run_fuzz", Path(__file__).resolve().parent.parent / "fuzz" / "run_fuzz.py")
fuzz = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fuzz)
fuzz._SEEDS[:] = fuzz.corpus_texts()

SETTINGS = settings(max_examples=150, deadline=None, derandomize=True, database=None,
                    suppress_health_check=list(HealthCheck))

# Text built from the drafts' own pieces (numbers, markers, quotes, openers) and raw
# characters, so hypothesis reaches past "not a resolution" into the grammar.
pieces = st.lists(st.one_of(st.sampled_from(fuzz.TOKENS), st.text(max_size=12)), max_size=40)
draftish = pieces.map(lambda xs: " ".join(xs))


def outcome(fn, *args):
    """'result' or 'error'; any other exception fails the test."""
    try:
        fn(*args)
        return "result"
    except DraftingError:
        return "error"


@SETTINGS
@given(seed=st.integers(0, 2**32 - 1))
def test_mutated_corpus_texts(seed):
    rng = random.Random(seed)
    text = fuzz.mutate(rng, rng.choice(fuzz._SEEDS))
    assert outcome(parse_document, text, "fuzz.txt") in ("result", "error")


@SETTINGS
@given(text=st.one_of(st.text(max_size=300), draftish))
def test_random_text_as_document(text):
    assert outcome(parse_document, text, "fuzz.txt") in ("result", "error")


@SETTINGS
@given(seed=st.integers(0, 2**32 - 1), text=st.one_of(st.text(max_size=200), draftish))
def test_instructions(seed, text):
    rng = random.Random(seed)
    mutated = fuzz.mutate(rng, "\n".join(rng.sample(fuzz.INSTRUCTIONS, rng.randrange(1, 4))))
    assert outcome(parse_instructions, mutated) in ("result", "error")
    assert outcome(parse_instructions, text) in ("result", "error")


_valid_docx = functools.cache(fuzz.valid_docx)  # hypothesis tests cannot take fixtures


@pytest.fixture(scope="module")
def good_docx():
    return _valid_docx()


def test_valid_docx_reads_back(good_docx):
    text = docx_to_text(good_docx, "good.docx")
    assert parse_document(text, "good.docx").operative


@settings(max_examples=60, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
@given(seed=st.integers(0, 2**32 - 1))
def test_damaged_docx(seed):
    data = fuzz.mutate_docx(random.Random(seed), _valid_docx())
    assert outcome(fuzz.call, "docx", data) in ("result", "error")


@pytest.mark.parametrize("xml", [fuzz._BOMB_XML, fuzz._XXE_XML, fuzz._BOMB_XML.decode().encode("utf-16")],
                         ids=["billion-laughs", "external-entity", "utf16-dtd"])
def test_entity_tricks_refused(good_docx, xml):
    data = fuzz._zip([(n, xml if n == "word/document.xml" else d)
                      for n, d in fuzz._members(good_docx)])
    with pytest.raises(DraftingError, match="DTD"):
        docx_to_text(data, "evil.docx")


@pytest.mark.parametrize("which", [0, 1], ids=["spaces", "zeros"])
def test_zip_bomb_refused(good_docx, which):
    with pytest.raises(DraftingError, match="refused"):
        docx_to_text(fuzz._bombs(good_docx)[which], "bomb.docx")


# Minimal inputs of the unexpected exceptions found by `fuzz/run_fuzz.py 200000 --seed 7`.

def test_amendment_heading_without_sponsors():
    text = "RESUELVE:\nAmendment to draft resolution A/C.3/80/L.24"
    assert outcome(parse_document, text, "fuzz.txt") in ("result", "error")


def test_docx_with_unsupported_zip_version(good_docx):
    b = bytearray(good_docx)
    b[b.index(b"PK\x01\x02") + 6] = 84  # version needed to extract: 8.4
    assert outcome(docx_to_text, bytes(b), "fuzz.docx") == "error"


def test_docx_with_lying_central_directory_offset(good_docx):
    b = bytearray(good_docx)
    end = b.rindex(b"PK\x05\x06")
    struct.pack_into("<I", b, end + 16, struct.unpack_from("<I", b, end + 16)[0] + 5_000_000)
    assert outcome(docx_to_text, bytes(b), "fuzz.docx") == "error"


def test_docx_numbering_level_that_is_no_number(good_docx):
    """`fuzz/run_fuzz.py 100000 --seed 157`: a w:lvl whose w:ilvl reads " " (ValueError)."""
    members = [(n, d.replace(b'w:ilvl="0"', b'w:ilvl=" "', 1) if n == "word/numbering.xml"
                else d) for n, d in fuzz._members(good_docx)]
    assert b'w:ilvl=" "' in dict(members)["word/numbering.xml"]
    assert outcome(docx_to_text, fuzz._zip(members), "fuzz.docx") == "result"


@pytest.mark.parametrize("name", ["seed211-clause-empty-head.txt", "seed211-empty-plain-line.txt"])
def test_fuzz_findings_of_seed_211(name):
    """A line that opens with a comma (no words before it for a body), and a line whose
    text is all Markdown marks after a blank line (no first character), raised
    IndexError in the section and clause rules (found by `run_fuzz.py 100000 --seed 211`)."""
    text = (Path(__file__).parent / "fixtures" / "fuzz" / name).read_text(
        encoding="utf-8", errors="surrogateescape")
    assert outcome(parse_document, text, name) in ("result", "error")


def test_a_markdown_only_line_between_paragraphs():
    res = parse_document("The General Assembly,\n\nRecalling x,\n\n**\n\n1. Decides y.\n")
    assert [p.number for p in res.operative] == ["1"]
