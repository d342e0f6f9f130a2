"""`drafting check`: findings located in the user's original file, on real texts and small cases."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from conftest import CORPUS, corpus_text
from drafting.check import Finding, check, well_formed_symbol
from drafting.cli import cli
from drafting.model import Paragraph, Resolution
from drafting.parse import parse_text


def _check(text: str, file: str = "t.txt", **changes) -> list[str]:
    res = parse_text(text, file)
    if changes:
        res = res.evolve(**changes)
    return [str(f) for f in check(res, text, file)]


# --- the corpus ---------------------------------------------------------------------------

def test_oas_2013_stray_bracket_and_considering():
    text = corpus_text("oas-cam-report-2013.txt")
    lines = text.splitlines()
    found = check(parse_text(text), text, "oas-cam-report-2013.txt")
    assert found == [
        Finding("oas-cam-report-2013.txt", 138, 216, "error",
                "unmatched ']' (no '[' opens it)"),
        Finding("oas-cam-report-2013.txt", 140, 1, "warning",
                'opener "ConsiderING" breaks the casing of the other preambular openers '
                "(all capitals)"),
    ]
    # the positions point at the characters themselves in the file as written
    assert lines[137].startswith("TAKING NOTE") and lines[137][215] == "]"
    assert lines[137][199:216] == " Migration (IOM)]"
    assert lines[139].startswith("ConsiderING")


@pytest.mark.parametrize("name", [
    "un-ga-res-80-1-palestine-participation-adopted-from-rev1.txt",
    "un-sc-res-2532-2020-en.txt",
    "un-sc-res-2532-2020-es.txt",
    "un-sc-res-2532-2020-fr.txt",
    "oas-cp-res-953-1700-09-honduras-es.txt",
])
def test_adopted_resolutions_are_clean(name):
    # French puts a space before ';' ("... envoyés spéciaux ;"): not a finding.
    text = corpus_text(name)
    assert check(parse_text(text), text, name) == []


def test_unfccc_negotiating_text_leftovers():
    name = "unfccc-cop21-draft-decision-6nov2015-bis-ter-excerpt.txt"
    text = corpus_text(name)
    errors = [f for f in check(parse_text(text), text, name) if f.severity == "error"]
    # the stray ']' after "support;" and the excerpt's missing paragraph 11bis
    assert Finding(name, 71, 488, "error", "unmatched ']' (no '[' opens it)") in errors
    assert Finding(name, 73, 243, "error",
                   '"paragraph 11bis" refers to OP11bis, which does not exist') in errors


# --- small cases --------------------------------------------------------------------------

def test_brackets_quotes_numbering_and_references():
    text = (
        "A/RES/80//1\n"
        "\n"
        "The General Assembly,\n"
        "\n"
        "Recalling its resolution 70/1 (2015,\n"
        "\n"
        "Noting the report “of the Secretary-General,\n"
        "\n"
        "RECOGNIZING the role of the Committee;\n"
        "\n"
        "1. Decides to act [urgently;\n"
        "\n"
        "2. Requests the Secretary-General to report on paragraph 11bis above;\n"
        "\n"
        "2. Invites States to apply paragraph 1 \"as decided;\n"
        "\n"
        "5bis. Notes the report)\n"
        "\n"
        "4. Decides to remain seized of the matter;\n"
    )
    assert _check(text) == [
        "t.txt:1:1: error: malformed document symbol 'A/RES/80//1'",
        "t.txt:5:31: error: '(' is never closed",
        "t.txt:7:19: error: '“' is never closed",
        't.txt:9:1: warning: opener "RECOGNIZING" breaks the casing of the other preambular '
        "openers (sentence case)",
        "t.txt:9:38: warning: PP3 ends with ';'; UN style ends a preambular paragraph with ','",
        "t.txt:11:19: error: '[' is never closed",
        't.txt:13:48: error: "paragraph 11bis" refers to OP11bis, which does not exist',
        "t.txt:15:1: error: paragraph number 2 used twice (first on line 13)",
        "t.txt:15:40: error: odd number of straight quotes '\"': one is not closed",
        "t.txt:17:1: warning: OP numbering jumps to 5bis: 3 to 5 missing",
        "t.txt:17:23: error: OP5bis ends without punctuation; UN style ends an operative "
        "paragraph with ';'",
        "t.txt:17:23: error: unmatched ')' (no '(' opens it)",
        "t.txt:19:1: error: paragraph 4 comes after 5bis",
        "t.txt:19:42: warning: OP4 ends with ';'; UN style ends the last operative paragraph "
        "with '.'",
    ]


FINAL = """S/RES/9999 (2030)

The Security Council,

Recalling its resolution 2532 (2020),

1. Decides to act;

1bis. Requests the Secretary-General to report;

3. Decides to remain seized of the matter.
"""


def test_bis_left_in_a_final_text_is_an_error():
    assert parse_text(FINAL).kind == "resolution"
    assert _check(FINAL) == [
        "t.txt:9:1: error: OP1bis keeps its negotiating number in a final text; run "
        "`drafting renumber`",
        "t.txt:11:1: error: OP numbering jumps to 3: 2 missing",
    ]
    drafted = _check(FINAL, kind="draft_resolution")
    assert drafted == ["t.txt:11:1: warning: OP numbering jumps to 3: 2 missing"]


def test_oas_punctuation_and_casing():
    text = ("THE GENERAL ASSEMBLY,\n\nRECALLING resolution AG/RES. 2738 (XLII-O/12);\n\n"
            "AWARE of the need; and\n\nConsidering the report,\n\nRESOLVES:\n\n"
            "1. To instruct the Committee to act;\n\n2. To request the Council to report.\n")
    assert _check(text) == [
        't.txt:7:1: warning: opener "Considering" breaks the casing of the other preambular '
        "openers (all capitals)",
        "t.txt:11:36: warning: OP1 ends with ';'; OAS style ends an operative paragraph "
        "with '.'",
    ]


def test_subparagraph_punctuation_and_lettering():
    text = ("The General Assembly,\n\nRecalling its resolution 70/1,\n\n"
            "1. Decides that:\n\n(a) The Committee shall meet;\n\n(c) The Bureau shall report;\n\n"
            "(c) The Secretariat shall assist\n\n"
            "2. Requests the Secretary-General to apply subparagraph (b) of paragraph 1.\n")
    assert _check(text) == [
        "t.txt:9:1: warning: sub-paragraph (c) out of sequence",
        "t.txt:11:1: error: sub-paragraph (c) used twice",
        "t.txt:11:32: error: OP1(c)#2 ends without punctuation; UN style ends an operative "
        "paragraph with ';'",
        # not said to be "above" or "of the present resolution": perhaps another text's
        't.txt:13:44: warning: "subparagraph (b) of paragraph 1" refers to OP1(b), which '
        "does not exist",
    ]


def test_french_space_before_semicolon_and_direction_of_references():
    text = ("Le Conseil de sécurité,\n\nRappelant sa résolution 2532 (2020),\n\n"
            "1. Décide d’appliquer le paragraphe 2 ci-dessus ;\n\n"
            "2. Décide de rester saisi de la question.\n")
    assert _check(text) == [
        't.txt:5:26: warning: "paragraphe 2 ci-dessus" refers to OP2, which comes after it',
    ]


def test_positions_without_the_source_text_fall_back_to_the_paragraph_line():
    res = Resolution(operative=(
        Paragraph(id="OP1", number="1", text="Decides [to act.", line=7),))
    assert [str(f) for f in check(res, None, "x.txt")] == [
        "x.txt:7:1: error: '[' is never closed",
    ]


def test_well_formed_symbols():
    for good in ("A/RES/80/1", "S/RES/2532 (2020)", "A/C.3/80/L.24/Rev.1",
                 "AG/RES. 2738 (XLII-O/12)", "CP/RES. 953 (1700/09)",
                 "CIDI/CAM/doc.4/13 rev. 3", "FCCC/CP/2015/L.9/Rev.1"):
        assert well_formed_symbol(good), good
    for bad in ("A/RES/80//1", "S/RES/2532(2020)", "A/C.3/80/L.24/rev.1", "A/RES/ 80/1",
                "AG/RES.2738 (XLII-O/12)", "A/RES/80/1/"):
        assert not well_formed_symbol(bad), bad


# --- the command --------------------------------------------------------------------------

def test_check_command_exit_status_and_format():
    runner = CliRunner()
    bad = runner.invoke(cli, ["check", str(CORPUS / "oas-cam-report-2013.txt")])
    assert bad.exit_code == 1
    path = CORPUS / "oas-cam-report-2013.txt"
    assert bad.stdout == (
        f"{path}:138:216: error: unmatched ']' (no '[' opens it)\n"
        f'{path}:140:1: warning: opener "ConsiderING" breaks the casing of the other '
        "preambular openers (all capitals)\n")
    good = runner.invoke(cli, ["check", str(CORPUS / "un-sc-res-2532-2020-fr.txt")])
    assert (good.exit_code, good.stdout) == (0, "")


def test_check_command_warnings_alone_exit_zero(tmp_path):
    f = tmp_path / "w.txt"
    f.write_text("The General Assembly,\n\nRecalling its resolution 70/1;\n\n"
                 "1. Decides to act.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(f)])
    assert result.exit_code == 0
    assert result.stdout == (f"{f}:3:30: warning: PP1 ends with ';'; UN style ends a "
                             "preambular paragraph with ','\n")


def test_check_command_refuses_an_amendment_document():
    result = CliRunner().invoke(cli, ["check",
                                      str(CORPUS / "un-ga-c3-80-L65-amendment-report-hrc.txt")])
    assert result.exit_code == 1
    assert "an amendment document, not a resolution" in result.stderr


def test_a_footnote_mark_printed_apart_after_the_end_mark():
    """PDF text prints a paragraph's last footnote mark apart: "adopted on 17 June 2022; 11",
    "to verification, 1". The paragraph still ends with its mark."""
    res = parse_text("The General Assembly,\n\nRecalling the Final Document, in particular the "
                     "paragraphs relevant to verification, 1\n\n1. Recalls the declaration "
                     "adopted on 17 June 2022; 11\n\n2. Decides to remain seized of the matter.\n")
    assert not [f for f in check(res) if "without punctuation" in f.message]
