"""The draft commands end to end (CliRunner), and the worked examples in drafts/."""
from __future__ import annotations

import json
import re
import shlex
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import CORPUS
from drafting import store
from drafting.cli import COMMANDS, cli
from drafting.parse import parse_file

DRAFTS = Path(__file__).parent.parent / "drafts"
L24 = CORPUS / "un-ga-c3-80-L24-draft-report-hrc.txt"
L65 = CORPUS / "un-ga-c3-80-L65-amendment-report-hrc.txt"
OAS_REPORT = CORPUS / "oas-cam-report-2013.txt"
L65_SPONSORS = [
    "Bulgaria", "Chile", "Croatia", "Cyprus", "Denmark", "Estonia", "Finland", "Germany",
    "Luxembourg", "Malta", "Mexico", "Norway", "Poland", "Portugal", "Slovakia", "Slovenia",
    "Spain", "Switzerland", "United Kingdom of Great Britain and Northern Ireland", "Uruguay"]
EPOCH = "1763110800"  # 2025-11-14T09:00:00Z


def run(*args, epoch=EPOCH, input=None):
    return CliRunner().invoke(cli, [str(a) for a in args], input=input,
                              env={"SOURCE_DATE_EPOCH": epoch})


@pytest.fixture
def l24(tmp_path) -> Path:
    folder = tmp_path / "l24"
    result = run("new", folder, "--from", L24)
    assert (result.exit_code, result.output) == (
        0, f"{folder}: rev0 A/C.3/80/L.24, 4 preambular paragraphs, 2 operative paragraphs\n")
    return folder


def test_new_refuses_an_existing_draft_and_an_amendment_document(l24, tmp_path):
    result = run("new", l24, "--from", L24)
    assert (result.exit_code, result.stderr) == (1, f"error: {l24}: already a draft\n")
    result = run("new", tmp_path / "other", "--from", L65)
    assert result.exit_code == 1
    assert result.stderr == (f"error: {L65}: is an amendment document, not a draft; file it "
                             "with `drafting amend DIR --file`\n")


def test_l65_filed_by_its_sponsors_accepted_and_revised(l24):
    result = run("amend", l24, "--file", L65)
    assert (result.exit_code, result.output) == (0, "A1\n")
    filed = store.get_amendment(l24, "A1")
    assert list(filed.amendment.delegations) == L65_SPONSORS
    assert filed.document == "A/C.3/80/L.65"
    assert filed.amendment.text == "Delete preambular paragraph 3.\nDelete operative paragraph 2."
    assert run("accept", l24, "A1").output == "A1 accepted\n"
    result = run("revise", l24, "--no-docx", epoch="1763478000")
    assert (result.exit_code, result.output) == (
        0, "rev1 A/C.3/80/L.24/Rev.1: incorporates A1\n")
    rev0, rev1 = store.load_ref(f"{l24}@rev0"), store.load_ref(f"{l24}@rev1")
    assert rev1.symbol == "A/C.3/80/L.24/Rev.1"
    kept = list(rev1.paragraphs())
    assert [p.id for p in kept] == ["PP1", "PP2", "PP4", "OP1"]
    assert kept == [rev0.find(pid) for pid in ("PP1", "PP2", "PP4", "OP1")]
    assert rev1.evolve(symbol=None, preambular=(), operative=()) == \
        rev0.evolve(symbol=None, preambular=(), operative=())


def test_amend_refuses_what_cannot_apply_naming_target(l24):
    before = sorted(p.name for p in (l24 / "amendments").iterdir())
    result = run("amend", l24, "--by", "Chile", "Delete operative paragraph 9.")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: amendment A1 (target OP9): ")
    result = run("amend", l24, "--by", "Chile",
                 'In operative paragraph 1, replace "no such words" with "other words".')
    assert result.exit_code == 1
    assert result.stderr.startswith("error: amendment A1 (target OP1): ")
    result = run("amend", l24, "--by", "Chile", "Shred", "paragraph", "2.")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: <instruction>:1:1: ")
    assert sorted(p.name for p in (l24 / "amendments").iterdir()) == before == []


@pytest.mark.parametrize("args, message", [
    ([], "give exactly one of INSTRUCTION..., --file, --edited, --docx"),
    (["Delete operative paragraph 2.", "--file", str(L65)],
     "give exactly one of INSTRUCTION..., --file, --edited, --docx (got INSTRUCTION, --file)"),
    (["Delete operative paragraph 2."], "--by DELEGATION is required"),
    (["--with", "Chile", "Delete operative paragraph 2."], "--with needs --by"),
])
def test_amend_usage_errors(l24, args, message):
    result = run("amend", l24, *args)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == f"Error: {message}"


def test_the_chair_files_decides_and_lists(l24):
    # Unquoted words are one instruction.
    assert run("amend", l24, "--by", "Chile", "--with", "Peru", "--with", "Spain",
               "--justification", "Outside the mandate.",
               "Delete", "operative", "paragraph", "2.").output == "A1\n"
    assert run("amend", l24, "--by", "Egypt",
               'In operative paragraph 2, replace "streamline" with "coordinate"').output \
        == "A2\n"
    assert run("amend", l24, "--by", "Cuba",
               'In operative paragraph 1, after "recommendations" insert "as adopted"'
               ).output == "A3\n"
    assert run("amend", l24, "--by", "Iran", "PP2: delete").output == "A4\n"
    result = run("reject", l24, "A4", "--note", "Withdrawn in substance.")
    assert (result.exit_code, result.output) == (0, "A4 rejected\n")
    assert run("withdraw", l24, "A3").output == "A3 withdrawn\n"
    result = run("accept", l24, "A3")
    assert (result.exit_code, result.stderr) == (
        1, "error: amendment A3 is withdrawn; it cannot be accepted\n")
    result = run("accept", l24, "A9")
    assert (result.exit_code, result.stderr) == (1, f"error: {l24}: no amendment A9\n")
    result = run("amendments", l24)
    assert (result.exit_code, result.output) == (0, """\
A1  proposed  Chile (with Peru, Spain)
    Delete operative paragraph 2.
    ! collides with A2: A1 deletes OP2, which A2 amends
A2  proposed  Egypt
    In operative paragraph 2, replace "streamline" with "coordinate"
    ! collides with A1: A1 deletes OP2, which A2 amends
A3  withdrawn  Cuba
    In operative paragraph 1, after "recommendations" insert "as adopted"
A4  rejected  Iran
    PP2: delete
""")
    listed = json.loads(run("amendments", l24, "--json").output)
    assert [(a["id"], a["status"], a["delegations"], a["stale"]) for a in listed] == [
        ("A1", "proposed", ["Chile", "Peru", "Spain"], None),
        ("A2", "proposed", ["Egypt"], None),
        ("A3", "withdrawn", ["Cuba"], None),
        ("A4", "rejected", ["Iran"], None)]
    assert listed[0]["collisions"] == [
        {"collides_with": "A2", "reason": "A1 deletes OP2, which A2 amends"}]
    assert listed[0]["justification"] == "Outside the mandate."
    assert listed[3]["history"] == [
        {"action": "filed", "at": "2025-11-14T09:00:00Z", "by": "Iran", "note": "against rev. 0"},
        {"action": "rejected", "at": "2025-11-14T09:00:00Z", "by": "Chair",
         "note": "Withdrawn in substance."}]
    # Accepting A1 and revising makes A2 stale: its paragraph is gone.
    assert run("accept", l24, "A1").output == "A1 accepted\n"
    assert run("revise", l24, "--no-docx").output == "rev1 A/C.3/80/L.24/Rev.1: incorporates A1\n"
    assert run("amendments", l24).output == """\
A1  accepted, in rev1  Chile (with Peru, Spain)
    Delete operative paragraph 2.
A2  proposed  Egypt
    In operative paragraph 2, replace "streamline" with "coordinate"
    ! stale: OP2 no longer exists
A3  withdrawn  Cuba
    In operative paragraph 1, after "recommendations" insert "as adopted"
A4  rejected  Iran
    PP2: delete
"""
    assert json.loads(run("amendments", l24, "--json").output)[1]["stale"] == \
        "OP2 no longer exists"


def test_revise_refuses_naming_the_amendment_and_writes_nothing(l24):
    run("amend", l24, "--by", "Chile", "Delete operative paragraph 2.")
    run("amend", l24, "--by", "Egypt", 'In operative paragraph 2, replace "streamline" with "x"')
    run("accept", l24, "A1", "A2")
    files = sorted(p.name for p in l24.rglob("*"))
    result = run("revise", l24)
    assert result.exit_code == 1
    assert result.stderr.startswith("error: amendment A2 (target OP2): ")
    assert sorted(p.name for p in l24.rglob("*")) == files
    result = run("revise", l24, "--no-docx")
    assert result.exit_code == 1
    run("reject", l24, "A1", "A2")
    result = run("revise", l24)
    assert (result.exit_code, result.stderr) == (
        1, f"error: {l24}: no accepted amendment to incorporate since rev0\n")


def test_revise_writes_the_word_files(l24):
    pytest.importorskip("drafting.render.revisions")
    run("amend", l24, "--file", L65)
    run("accept", l24, "A1")
    result = run("revise", l24)
    assert (result.exit_code, result.output) == (
        0, "rev1 A/C.3/80/L.24/Rev.1: incorporates A1\nwrote rev1.docx and rev1.compare.docx\n")
    for name in ("rev1.docx", "rev1.compare.docx"):
        with zipfile.ZipFile(l24 / name) as z:
            assert "word/document.xml" in z.namelist()
    xml = zipfile.ZipFile(l24 / "rev1.compare.docx").read("word/document.xml").decode()
    assert 'w:author="Chair"' in xml and "<w:del " in xml


def test_edited_copy_becomes_an_amendment(l24, tmp_path):
    from drafting.render.text import render_text

    rev0 = store.load_revision(l24)
    op1 = rev0.operative[0]
    edited = rev0.evolve(operative=(
        op1.__class__(**{**op1.__dict__, "text": op1.text.replace("Takes note", "Welcomes")}),
        rev0.operative[1]))
    copy = tmp_path / "edited.txt"
    copy.write_text(render_text(edited), encoding="utf-8")
    result = run("amend", l24, "--by", "Chile", "--edited", copy)
    assert (result.exit_code, result.output) == (0, "A1\n")
    run("accept", l24, "A1")
    run("revise", l24, "--no-docx")
    assert store.load_revision(l24).operative[0].text == op1.text.replace("Takes note",
                                                                          "Welcomes")
    same = tmp_path / "same.txt"
    same.write_text(render_text(store.load_revision(l24)), encoding="utf-8")
    result = run("amend", l24, "--by", "Chile", "--edited", same)
    assert (result.exit_code, result.stderr) == (
        1, f"error: {same}: no change from the current revision\n")


def test_edited_copy_names_the_changes_an_amendment_cannot_carry(l24, tmp_path):
    """A heading or a closing changed in an edited copy is said, not dropped in silence:
    a warning beside the amendment, or the reason when there is nothing else."""
    from dataclasses import replace

    from drafting.render.text import render_text

    rev0 = store.load_revision(l24)
    op1, op2 = rev0.operative
    headed = rev0.evolve(operative=(replace(op1, heading=("### I. Findings",)), op2),
                         closing=("Annex", "A list of the reports."))
    copy = tmp_path / "headed.txt"
    copy.write_text(render_text(headed), encoding="utf-8")
    result = run("amend", l24, "--by", "Chile", "--edited", copy)
    assert (result.exit_code, result.stderr) == (
        1, f"error: {copy}: no change from the current revision to the title or paragraphs "
           f"(it changes: headings, closing; an amendment cannot)\n")

    both = headed.evolve(operative=(replace(op1, heading=("### I. Findings",),
                                            text=op1.text.replace("Takes note", "Welcomes")),
                                    op2))
    copy.write_text(render_text(both), encoding="utf-8")
    result = run("amend", l24, "--by", "Chile", "--edited", copy)
    assert (result.exit_code, result.stdout) == (0, "A1\n")
    assert result.stderr == (f"warning: {copy}: not carried by the amendment, which changes "
                             f"the title and paragraphs only: headings, closing\n")

    # A copy pasted without the masthead proposes nothing about it.
    bare = rev0.evolve(symbol=None, sponsors=(), title=None,
                       operative=(replace(op1, text=op1.text + " Again."), op2))
    copy.write_text(render_text(bare), encoding="utf-8")
    result = run("amend", l24, "--by", "Chile", "--edited", copy)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "A2\n", "")


def test_word_tracked_changes_become_amendments_by_author(l24, tmp_path):
    render = pytest.importorskip("drafting.render.revisions")
    pytest.importorskip("drafting.docx_read")
    from drafting.compare import compare

    rev0 = store.load_revision(l24)
    edited = rev0.evolve(operative=rev0.operative[:1])
    (tmp_path / "canada.docx").write_bytes(
        render.render_comparison(compare(rev0, edited), "Canada", "2025-11-14T00:00:00Z"))
    result = run("amend", l24, "--docx", tmp_path / "canada.docx")
    assert (result.exit_code, result.output) == (0, "A1\n")
    filed = store.get_amendment(l24, "A1")
    assert filed.amendment.delegations == ("Canada",)
    assert filed.amendment.operations[0].target == "OP2"
    result = run("amend", l24, "--docx", tmp_path / "canada.docx", "--by", "Chile")
    assert result.output == "A2\n"
    assert store.get_amendment(l24, "A2").amendment.delegations == ("Chile",)


def test_show(l24):
    result = run("show", l24)
    assert result.exit_code == 0
    assert result.output.splitlines()[4:7] == [
        "footnote *: On behalf of the States Members of the United Nations that are members "
        "of the Group of African States.",
        "PP1        [Recalling] Recalling its resolutions 60/251 of 15 March 2006, ...",
        "PP2        [Recalling also] Recalling also its resolutions 62/219 of 22 December ...",
    ]
    parsed = json.loads(CliRunner().invoke(cli, ["parse", str(L24), "--json"]).output)
    shown = json.loads(run("show", f"{l24}@rev0", "--json").output)
    for p in parsed["preambular"] + parsed["operative"]:
        del p["line"]
    assert shown == parsed
    result = run("show", f"{l24}@rev3")
    assert (result.exit_code, result.stderr) == (
        1, f"error: {l24}: no revision 3 (latest is rev0)\n")
    result = run("show", f"{l24}/nothing")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {l24}/nothing: not a draft")


def test_revise_names_runs_of_amendments_briefly():
    from drafting.commands.drafts import _runs

    assert _runs(["A1", "A2", "A4"]) == "A1, A2, A4"
    assert _runs([f"A{n}" for n in range(1, 2001)] + ["A2003"]) == "A1-A2000, A2003"
    assert _runs(["A7"]) == "A7"


def test_every_draft_command_has_help_with_an_example():
    for name, target in COMMANDS.items():
        if target[0].startswith("drafting.commands.drafts:"):
            result = CliRunner().invoke(cli, [name, "--help"])
            assert result.exit_code == 0, name
            assert "Example:" in result.output, name


# ---------------------------------------------------------------------------------------
# The worked examples: replay make.sh in a temporary folder, compare with drafts/.

_STEP = re.compile(r"^SOURCE_DATE_EPOCH=(\d+) drafting (.+)$")


def replay(example: Path, into: Path) -> None:
    steps = [m.groups() for line in (example / "make.sh").read_text().splitlines()
             if (m := _STEP.match(line))]
    assert steps
    for epoch, command in steps:
        args = [a.replace("$D", str(into)).replace("$HERE", str(example))
                for a in shlex.split(command)]
        result = run(*args, epoch=epoch)
        assert result.exit_code == 0, (command, result.output)


def tracked_files(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): p.read_text(encoding="utf-8")
            for p in sorted(folder.rglob("*"))
            if p.is_file() and (p.name == "draft.json" or p.parent.name == "amendments"
                                or re.match(r"rev\d+\.", p.name))}


@pytest.mark.parametrize("name", ["oas-migration", "a-c3-80-l24"])
def test_worked_example_is_what_make_sh_builds(name, tmp_path):
    replay(DRAFTS / name, tmp_path / name)
    built = tracked_files(tmp_path / name)
    assert built == tracked_files(DRAFTS / name)


def test_oas_example_ends_in_the_agreed_text():
    final = store.load_ref(str(DRAFTS / "oas-migration"))
    agreed = parse_file(str(OAS_REPORT))
    assert final.symbol == "CIDI/CAM/doc.4/13 rev. 3"
    assert final.evolve(symbol=None) == agreed
    assert [p.number for p in final.operative] == ["1", "2", "3", "4", "5", "5bis", "6", "7"]
    assert final.preambular[7].text.startswith("ConsiderING the need")
    assert "(IOM)], whose key theme was “Main Opportunities" in final.preambular[6].text
    rev0 = store.load_ref(f"{DRAFTS / 'oas-migration'}@rev0")
    assert rev0 != agreed.evolve(symbol="CIDI/CAM/doc.4/13")


def test_l24_example_rev1_drops_pp3_and_op2():
    folder = DRAFTS / "a-c3-80-l24"
    rev0 = parse_file(str(L24))
    rev1 = store.load_ref(f"{folder}@rev1")
    assert rev1.symbol == "A/C.3/80/L.24/Rev.1"
    kept = list(rev1.paragraphs())
    assert kept == [rev0.find(pid) for pid in ("PP1", "PP2", "PP4", "OP1")]
