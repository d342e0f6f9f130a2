"""drafting.compare, drafting.render.diff and `drafting compare`: alignment, word diff, outputs."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from drafting.cli import cli
from drafting.compare import canonical, compare, mark_spans
from drafting.model import Footnote, Paragraph, Resolution
from drafting.render import diff as render

from conftest import CORPUS, corpus_text

L2 = "un-ga-80-L2-draft-palestine-participation-original.txt"
RES = "un-ga-res-80-1-palestine-participation-adopted-from-rev1.txt"


def pp(n, text, **kw):
    return Paragraph(id=f"PP{n}", text=text, **kw)


def op(number, text, subs=(), **kw):
    return Paragraph(id=f"OP{number}", number=str(number), text=text, subparagraphs=tuple(subs),
                     **kw)


def sub(parent, label, text):
    return Paragraph(id=f"OP{parent}({label})", label=label, marker=f"({label})", text=text)


def res(pre=(), ops=(), symbol=None):
    return Resolution(symbol=symbol, preambular=tuple(pre), operative=tuple(ops))


def triples(c):
    return [(p.old_id, p.new_id, p.change) for p in c.paragraphs]


def rebuilt(diff):
    return ("".join(t for o, t in diff if o != "+"), "".join(t for o, t in diff if o != "-"))


# -- the real pair: A/80/L.2 -> A/RES/80/1 ----------------------------------------------------

@pytest.fixture(scope="module")
def real():
    from drafting.parse import parse_text

    return compare(parse_text(corpus_text(L2), L2), parse_text(corpus_text(RES), RES))


def test_real_pair_aligned_as_its_truth(real):
    truth = json.loads((CORPUS / "pairs.json").read_text(encoding="utf-8"))[0]
    assert triples(real) == [tuple(t) for t in truth["paragraphs"]]
    assert [p.moved for p in real.paragraphs] == [False] * 8
    assert [(s.old_id, s.new_id, s.change) for s in real.paragraphs[5].subparagraphs] == [
        ("OP1(a)", "OP1(a)", "modified"), ("OP1(b)", "OP1(b)", "modified"),
        ("OP1(c)", "OP1(c)", "modified")]


def test_real_pair_word_diffs(real):
    pp1, pp2 = real.paragraphs[0], real.paragraphs[1]
    # "Nations 1" -> "Nations1": the footnote mark is kept, only the space before it goes.
    assert pp1.diff == (
        ("=", "Expressing"), ("-", " grave"),
        ("=", " concern regarding situations in which representatives referred to in section"
              " 11 of the Agreement between the United Nations and the United States of America"
              " regarding the Headquarters of the United Nations"),
        ("-", " "), ("=", "1 are prevented from participating in"), ("-", " person in"),
        ("=", " the meetings of the General Assembly,"))
    assert [part for part in pp2.diff if part[0] != "="] == [
        ("-", "Deploring"), ("+", "Regretting"), ("-", " arbitrarily"), ("-", " upcoming"),
        ("+", " eightieth session of the"), ("-", " session"), ("-", " person in"),
        ("-", " demanding"), ("+", " seeking")]
    op1a = real.paragraphs[5].subparagraphs[0]
    # pre-recorded (U+002D) -> pre‑recorded (U+2011): both verbatim, nothing else around it.
    assert [part for part in op1a.diff if part[0] != "="] == [
        ("-", "-"), ("+", "\u2011"), ("-", " Head of State"), ("+", " President")]


def test_real_pair_diffs_rebuild_both_texts(real):
    for top in real.paragraphs:
        for p in (top,) + top.subparagraphs:
            if p.change in ("modified", "unchanged") and p.diff:
                assert rebuilt(p.diff) == (p.old_text, p.new_text), p.new_id


def test_real_pair_strict_shows_typography():
    from drafting.parse import parse_text

    c = compare(parse_text(corpus_text(L2), L2), parse_text(corpus_text(RES), RES), strict=True)
    op1a = c.paragraphs[5].subparagraphs[0]
    assert ("-", "-") in op1a.diff and ("+", "\u2011") in op1a.diff
    assert [part for part in c.paragraphs[0].diff if part[0] != "="][1:3] == [
        ("-", " Nations 1"), ("+", " Nations1")]


# -- alignment -------------------------------------------------------------------------------

A = "Recalling its resolution 70/1 of 25 September 2015 on the 2030 Agenda,"
B = "Reaffirming the Charter of the United Nations and the principles of international law,"
C = "Welcoming the report of the Secretary-General on oceans and the law of the sea,"
D = "Noting with concern the effects of climate change on the marine environment,"


def test_inserted_preambular_paragraph_shifts_the_rest_unchanged():
    old = res([pp(1, A), pp(2, B), pp(3, C)])
    new = res([pp(1, A), pp(2, B), pp(3, D), pp(4, C)])
    c = compare(old, new)
    assert triples(c) == [("PP1", "PP1", "unchanged"), ("PP2", "PP2", "unchanged"),
                          (None, "PP3", "inserted"), ("PP3", "PP4", "unchanged")]
    assert c.changed
    assert render.render_stat(c) == "PP3 inserted; PP3 -> PP4 renumbered\n"


def test_modified_and_shifted_paragraph_pairs_by_similarity():
    old = res([pp(1, A), pp(2, B), pp(3, C)])
    new = res([pp(1, A), pp(2, D), pp(3, B.replace("principles", "purposes and principles")),
               pp(4, C)])
    assert triples(compare(old, new)) == [
        ("PP1", "PP1", "unchanged"), (None, "PP2", "inserted"), ("PP2", "PP3", "modified"),
        ("PP3", "PP4", "unchanged")]


def test_deleted_paragraph_sits_where_it_was():
    old = res(ops=[op(1, "Decides " + A), op(2, "Requests " + B), op(3, "Urges " + C)])
    new = res(ops=[op(1, "Decides " + A), op(3, "Urges " + C)])
    c = compare(old, new)
    assert triples(c) == [("OP1", "OP1", "unchanged"), ("OP2", None, "deleted"),
                          ("OP3", "OP3", "unchanged")]
    assert c.paragraphs[1].diff == (("-", "Requests " + B),)


def test_moved_paragraph_is_a_move_not_delete_and_insert():
    old = res([pp(1, A), pp(2, B), pp(3, C), pp(4, D)])
    new = res([pp(1, A), pp(2, C), pp(3, D), pp(4, B)])
    c = compare(old, new)
    assert [(p.old_id, p.new_id, p.change, p.moved) for p in c.paragraphs] == [
        ("PP1", "PP1", "unchanged", False), ("PP3", "PP2", "unchanged", False),
        ("PP4", "PP3", "unchanged", False), ("PP2", "PP4", "unchanged", True)]
    assert render.render_stat(c) == "PP3 -> PP2, PP4 -> PP3 renumbered; PP2 -> PP4 moved\n"


def test_by_id_pairs_by_id_even_when_rewritten():
    old = res(ops=[op(1, A), op(2, B)])
    new = res(ops=[op(1, A), op(2, D), Paragraph(id="OP2bis", number="2bis", text=C)])
    c = compare(old, new, by_id=True)
    assert triples(c) == [("OP1", "OP1", "unchanged"), ("OP2", "OP2", "modified"),
                          (None, "OP2bis", "inserted")]
    # Between files the rewritten OP2 is another paragraph.
    assert triples(compare(old, new)) == [
        ("OP1", "OP1", "unchanged"), ("OP2", None, "deleted"), (None, "OP2", "inserted"),
        (None, "OP2bis", "inserted")]


def test_moved_and_modified_paragraph():
    old = res([pp(1, A), pp(2, B), pp(3, C), pp(4, D)])
    new = res([pp(1, C.replace("Welcoming", "Welcoming with appreciation")), pp(2, A), pp(3, B),
               pp(4, D)])
    c = compare(old, new)
    assert [(p.old_id, p.new_id, p.change, p.moved) for p in c.paragraphs] == [
        ("PP3", "PP1", "modified", True), ("PP1", "PP2", "unchanged", False),
        ("PP2", "PP3", "unchanged", False), ("PP4", "PP4", "unchanged", False)]
    assert c.paragraphs[0].diff[:2] == (("=", "Welcoming"), ("+", " with appreciation"))


def test_by_id_an_id_printed_twice_pairs_once():
    old = res(ops=[op(1, A), op(1, B)])
    new = res(ops=[op(1, A)])
    assert triples(compare(old, new, by_id=True)) == [
        ("OP1", "OP1", "unchanged"), ("OP1", None, "deleted")]


def test_subparagraph_change_makes_its_parent_modified():
    old = res(ops=[op(1, "Decides that:", [sub(1, "a", A), sub(1, "b", B)])])
    new = res(ops=[op(1, "Decides that:", [sub(1, "a", A), sub(1, "b", D), sub(1, "c", B)])])
    (top,) = compare(old, new).paragraphs
    assert (top.change, top.diff) == ("modified", (("=", "Decides that:"),))
    assert [(s.old_id, s.new_id, s.change) for s in top.subparagraphs] == [
        ("OP1(a)", "OP1(a)", "unchanged"), (None, "OP1(b)", "inserted"),
        ("OP1(b)", "OP1(c)", "unchanged")]


def test_identical_texts_compare_equal():
    r = res([pp(1, A)], [op(1, "Decides " + B, [sub(1, "a", C)])], symbol="A/80/L.1")
    c = compare(r, r)
    assert not c.changed
    assert render.render_stat(c) == "no changes\n"


# -- no noise --------------------------------------------------------------------------------

def test_typographic_variants_are_not_changes():
    old = res([pp(1, 'Requests the Secretary-General to report on "oceans" in 2025,')])
    new = res([pp(1, "Requests the Secretary\u2011General\u00a0to report on \u201coceans\u201d in 2025,")])
    (p,) = compare(old, new).paragraphs
    # No diff: one made of typographic pairs would count as changed words.
    assert (p.change, p.diff) == ("unchanged", ())
    (p,) = compare(old, new, strict=True).paragraphs
    assert p.change == "modified"
    # Semantic clean-up merges the close variants into one change.
    assert p.diff == (
        ("=", "Requests the Secretary"), ("-", '-General to report on "oceans"'),
        ("+", "\u2011General\u00a0to report on \u201coceans\u201d"), ("=", " in 2025,"))
    assert rebuilt(p.diff) == (old.preambular[0].text, new.preambular[0].text)


def test_footnote_marks_are_not_changes():
    f = (Footnote("1", "See resolution 169 (II)."),)
    old = res([pp(1, "the Headquarters of the United Nations 1 are prevented,", footnotes=f)])
    new = res([pp(1, "the Headquarters of the United Nations1 are prevented,", footnotes=f)])
    assert triples(compare(old, new)) == [("PP1", "PP1", "unchanged")]
    assert triples(compare(old, new, strict=True)) == [("PP1", "PP1", "modified")]


def test_mark_spans_glued_spaced_and_references():
    assert mark_spans("the United Nations1 are", ["1"]) == [(18, 19)]
    assert mark_spans("the United Nations 1 are", ["1"]) == [(19, 20)]
    assert mark_spans("decision;2 and", ["2"]) == [(9, 10)]
    # A number after "paragraph" is a reference; the mark is the later one.
    assert mark_spans("paragraph 1 (a) of the Nations 1 above", ["1"]) == [(31, 32)]
    assert mark_spans("resolution A/RES/80/1 of", ["1"]) == []


def test_canonical_examples():
    assert canonical("pre\u2011recorded \u201cstatement\u201d") == 'pre-recorded"statement"'
    assert canonical("the Nations 1 are ,", ("1",)) == "theNationsare,"
    assert canonical("the Nations 1 are", ("1",), strict=True) == "the Nations 1 are"


# -- word diff -------------------------------------------------------------------------------

def test_big_paragraph_diff_is_never_truncated():
    words = [f"w{k}" for k in range(6000)]
    changed = list(words)
    for k in range(0, 6000, 600):
        changed[k] = "CHANGED"
    old = res([pp(1, " ".join(words))])
    new = res([pp(1, " ".join(changed))])
    (p,) = compare(old, new).paragraphs
    assert rebuilt(p.diff) == (old.preambular[0].text, new.preambular[0].text)
    assert sum(1 for o, _ in p.diff if o == "+") == 10
    assert sum(len(t.split()) for o, t in p.diff if o == "-") == 10


WORD = st.sampled_from(["the", "States", "Secretary-General", "Secretary\u2011General", "report",
                        ",", ";", "(a)", "\u201coceans\u201d", '"oceans"', "2030", "and"])


@settings(max_examples=150, deadline=None)
@given(st.lists(WORD, max_size=30), st.lists(WORD, max_size=30), st.booleans())
def test_diff_parts_rebuild_both_texts(a, b, strict):
    old, new = " ".join(a), " ".join(b)
    (p,) = compare(res([pp(1, old)]), res([pp(1, new)]), strict=strict, by_id=True).paragraphs
    if p.diff:
        assert rebuilt(p.diff) == (old, new)
    if p.change == "unchanged" and not strict:
        assert canonical(old) == canonical(new)


# -- renderers -------------------------------------------------------------------------------

def _small():
    old = res([pp(1, "Recalling its relevant resolutions,"), pp(2, B)], symbol="A/1")
    new = res([pp(1, "Recalling its pertinent resolutions,"), pp(2, B), pp(3, C)], symbol="A/2")
    return compare(old, new)


def test_render_text_markers():
    assert render.render_text(_small(), old_name="a.txt", new_name="b.txt") == (
        "--- A/1 (a.txt)\n"
        "+++ A/2 (b.txt)\n"
        "symbol: [-A/1-]{+A/2+}\n"
        "PP1 modified\n"
        "    Recalling its[- relevant-]{+ pertinent+} resolutions,\n"
        "PP3 inserted\n"
        f"    {{+{C}+}}\n")


def test_render_terminal_colours():
    out = render.render_text(_small(), color=True)
    assert "\x1b[31;9m relevant\x1b[0m\x1b[32m pertinent\x1b[0m" in out


def test_render_json_shape():
    d = json.loads(render.render_json(_small(), "a.txt", "b.txt"))
    assert d["old"] == {"file": "a.txt", "symbol": "A/1"}
    assert d["new"] == {"file": "b.txt", "symbol": "A/2"}
    assert d["paragraphs"][0] == {
        "old_id": "PP1", "new_id": "PP1", "change": "modified", "moved": False,
        "old_text": "Recalling its relevant resolutions,",
        "new_text": "Recalling its pertinent resolutions,",
        "diff": [["=", "Recalling its"], ["-", " relevant"], ["+", " pertinent"],
                 ["=", " resolutions,"]],
        "subparagraphs": []}


def test_render_html_is_one_self_contained_page():
    page = render.render_html(_small())
    assert page.startswith("<!DOCTYPE html>")
    assert "<del> relevant</del><ins> pertinent</ins>" in page
    assert "<script" not in page and "<link" not in page and "src=" not in page


# -- the command -----------------------------------------------------------------------------

def run(*args):
    return CliRunner().invoke(cli, ["compare", *map(str, args)])


def test_cli_exit_status_as_diff():
    assert run(CORPUS / L2, CORPUS / L2).exit_code == 0
    assert run(CORPUS / L2, CORPUS / RES).exit_code == 1
    missing = run(CORPUS / "no-such-file.txt", CORPUS / RES)
    assert missing.exit_code == 2
    assert "no such file" in missing.output
    amendment = run(CORPUS / "un-ga-c3-80-L65-amendment-report-hrc.txt", CORPUS / RES)
    assert amendment.exit_code == 2
    assert "not a resolution" in amendment.output


def test_cli_stat_and_json():
    r = run(CORPUS / L2, CORPUS / RES, "--stat")
    assert r.output.startswith("PP1, PP2 modified; PP3 inserted; PP3 -> PP4, PP4 -> PP5 "
                               "renumbered; OP1, OP2 modified;")
    d = json.loads(run(CORPUS / L2, CORPUS / RES, "--format", "json").output)
    assert list(d) == ["old", "new", "paragraphs"]
    assert d["new"]["symbol"] == "A/RES/80/1"


def test_cli_text_format_without_tty():
    r = run(CORPUS / L2, CORPUS / RES, "--format", "text")
    assert "    Expressing[- grave-] concern regarding" in r.output
    assert "\x1b[" not in r.output


def test_cli_docx(tmp_path):
    pytest.importorskip("drafting.render.revisions")
    out = tmp_path / "cmp.docx"
    r = run(CORPUS / L2, CORPUS / RES, "--format", "docx", "-o", out, "--date", "2025-09-19")
    assert r.exit_code == 1, r.output
    assert out.read_bytes()[:2] == b"PK"
    assert run(CORPUS / L2, CORPUS / RES, "--format", "docx").exit_code == 2
    # The command parses with openers for Word (set in italics there) ...
    from drafting.parse import parse_file
    from drafting.render.revisions import render_comparison

    full = compare(parse_file(str(CORPUS / L2)), parse_file(str(CORPUS / RES)))
    assert full.new.preambular[0].opener == "Expressing concern"
    assert out.read_bytes() == render_comparison(full, author="drafting",
                                                 date="2025-09-19T00:00:00Z")


def test_comparison_without_openers_reads_the_same():
    """... and without them for the other outputs, which never show an opener."""
    from drafting.parse import parse_file

    full = compare(parse_file(str(CORPUS / L2)), parse_file(str(CORPUS / RES)))
    light = compare(parse_file(str(CORPUS / L2), openers=False),
                    parse_file(str(CORPUS / RES), openers=False))
    assert all(p.opener is None for p in light.new.preambular)
    assert render.render_json(light, "a", "b") == render.render_json(full, "a", "b")
    assert render.render_html(light, "a", "b") == render.render_html(full, "a", "b")
    assert render.render_text(light) == render.render_text(full)
    assert render.render_stat(light) == render.render_stat(full)


def test_cli_revisions_of_one_draft_pair_by_id(tmp_path):
    pytest.importorskip("drafting.amend")
    from datetime import datetime, timezone

    from drafting import store
    from drafting.model import Operation

    now = datetime(2025, 9, 19, tzinfo=timezone.utc)
    folder = tmp_path / "draft"
    store.create(folder, res([pp(1, A), pp(2, B)], [op(1, "Decides " + C)], symbol="A/80/L.9"),
                 now=now)
    filed = store.file_amendment(folder, [
        Operation("replace_paragraph", target="PP2", new=D),
        Operation("replace_text", target="OP1", old="oceans", new="seas")], ["Chile"], now=now)
    store.set_status(folder, [filed.amendment.id], "accepted", now=now)
    store.revise(folder, now=now)
    r = run(f"{folder}@rev0", f"{folder}@latest", "--stat")
    # By id PP2 is rewritten in place; between files it would be deleted + inserted.
    assert (r.exit_code, r.output) == (1, "PP2, OP1 modified; symbol changed\n")


# -- the closing (trailer, annex) --------------------------------------------------------------

ANNEXED = """The General Assembly,

Recalling its resolution 75/1,

1. Adopts the programme annexed to the present resolution.

Annex

Programme of action

1. Member States will report
every two years.
"""


def test_a_changed_annex_is_a_change_and_a_rewrapped_one_is_not(tmp_path):
    from drafting.parse import parse_text

    old = parse_text(ANNEXED)
    assert old.closing[0] == "Annex" and old.closing[-1] == "every two years."
    rewrapped = parse_text(ANNEXED.replace("report\nevery", "report every"))
    assert rewrapped.closing != old.closing
    assert compare(old, rewrapped).header == ()
    changed = compare(old, parse_text(ANNEXED.replace("two years", "three years")))
    assert [name for name, _, _ in changed.header] == ["closing"]
    assert all(p.change == "unchanged" for p in changed.paragraphs)

    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(ANNEXED, encoding="utf-8")
    b.write_text(ANNEXED.replace("two years", "three years"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["compare", str(a), str(b), "--format", "text"])
    assert result.exit_code == 1
    assert "closing: " in result.output and "{+" in result.output and "three years" in result.output


def test_a_changed_heading_is_a_change():
    from drafting.parse import parse_text

    text = ("The General Assembly,\n\nRecalling its resolution 75/1,\n\n### I. General\n\n"
            "1. Decides to act;\n\n### II. Follow-up\n\n2. Requests a report.\n")
    old = parse_text(text)
    assert [p.heading for p in old.operative] == [("### I. General",), ("### II. Follow-up",)]
    new = parse_text(text.replace("II. Follow-up", "II. Implementation"))
    assert [name for name, _, _ in compare(old, new).header] == ["headings"]
    assert compare(old, parse_text(text)).header == ()


def test_cli_output_to_dev_stdout_reaches_the_pipe():
    """`-o /dev/stdout` writes into the pipe, as scripts expect, instead of trying to
    replace a file that is not one."""
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "drafting", "compare", str(CORPUS / L2), str(CORPUS / RES),
         "--stat", "-o", "/dev/stdout"], capture_output=True, text=True)
    assert (done.returncode, done.stderr) == (1, "")
    assert done.stdout.startswith("PP1, PP2 modified; PP3 inserted;")


def test_a_long_front_value_is_shown_word_by_word():
    """A changed closing (an annex) or title long enough is shown as a word diff, its line
    breaks as spaces, not struck out whole and written again."""
    from drafting.parse import parse_text

    body = "\n\nThe General Assembly,\n\nRecalling its resolution 1,\n\n1. Decides to act.\n\n"
    annex = ("Annex\n\nDeclaration on the matter\n\n1. We, the States Members of the United "
             "Nations, welcome the\nanniversary of the Plan and reaffirm our commitments.\n")
    old = parse_text("A/80/L.8" + body + annex)
    new = parse_text("A/80/L.8" + body + annex.replace("reaffirm", "renew"))
    out = render.render_text(compare(old, new))
    [line] = [ln for ln in out.splitlines() if ln.startswith("closing:")]
    assert "[- reaffirm-]{+ renew+}" in line
    assert "welcome the anniversary" in line


def test_a_footnote_mark_apart_after_a_comma_is_no_change():
    """"held in New York from 2 to 13 July 1979, 1" (the draft's PDF spacing) against
    "... 1979,1" (the adopted text): the same words (A/C.1/80/L.10 -> A/RES/80/13)."""
    from drafting.parse import parse_text

    a = parse_text("The General Assembly,\n\nRecalling the report, held in New York from 2 to "
                   "13 July 1979, 1\n\n1. Decides to act.\n\n__________\n\n1 A/34/45.\n")
    b = parse_text("The General Assembly,\n\nRecalling the report, held in New York from 2 to "
                   "13 July 1979,1\n\n1. Decides to act.\n\n__________\n\n1 A/34/45.\n")
    assert [p.change for p in compare(a, b).paragraphs] == ["unchanged", "unchanged"]
    assert [p.change for p in compare(a, b, strict=True).paragraphs][0] == "modified"


def test_a_number_in_an_enumeration_is_no_footnote_mark():
    """"paragraphs 1, 2 and 3 of the Convention 2 that": the mark is the one after
    "Convention", not the 2 of the list."""
    t = "Recalling also paragraphs 1, 2 and 3 of the Convention 2 that entered into force,"
    [(s, e)] = mark_spans(t, ["2"])
    assert t[s - 11:e] == "Convention 2"
