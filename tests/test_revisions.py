"""Tracked changes (drafting.render.revisions): comparisons and the compilation text.

Independent readers decide: pandoc's --track-changes=accept must give the new text and
=reject the old one, word for word; LibreOffice must convert every document to PDF. The
marks themselves are checked with XPath (counts, authors, dates, unique ids).
"""
from __future__ import annotations

import io
import random
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from conftest import CORPUS
from drafting.cli import cli
from drafting.compare import compare
from drafting.docx_read import docx_to_text
from drafting.model import Amendment, Comparison, Operation, Paragraph, ParagraphChange, \
    Resolution
from drafting.parse import parse_file
from drafting.render.revisions import render_comparison, render_compilation, word_diff

NS = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
W = "{%s}" % NS["w"]
DATE = "2025-09-19T00:00:00Z"
P = Paragraph
O = Operation


def lines_of(res: Resolution) -> list[str]:
    """The text a reader sees in a UN-style document, built here independently."""
    out = [x for x in (res.symbol,) if x]
    # OAS style prints the sponsorship note instead of a sponsors line, when there is one.
    if res.sponsors and not (res.style == "oas" and res.sponsor_note):
        names = res.sponsors
        joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        out.append(f"{joined}: draft resolution")
    out += [x for x in (res.title, res.sponsor_note) if x]
    out += list(res.notes)              # "[without reference to a Main Committee (...)]"
    if res.body:
        out.append(res.body if res.body.endswith(",") else res.body + ",")
    tops = list(res.preambular) + ([None] if res.transition else []) + list(res.operative)
    for top in tops:
        if top is None:
            out.append(res.transition)
            continue
        for p in top.walk():
            label = p.marker if p.label else (f"{p.number}." if p.part == "operative" else "")
            out.append(f"{label} {p.text}" if label else p.text)
    out += [line for line in res.closing if line.strip()]     # "3rd plenary meeting"
    return [" ".join(x.split()) for x in out]


def pandoc_lines(path: Path, changes: str) -> list[str]:
    out = subprocess.run(["pandoc", "-f", "docx", "-t", "plain", "--wrap=none",
                          f"--track-changes={changes}", str(path)],
                         check=True, capture_output=True, text=True).stdout
    return [" ".join(line.split()) for line in out.splitlines() if line.strip()]


def root_of(docx: bytes):
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        return etree.fromstring(z.read("word/document.xml"))


def xp(root, path: str):
    return root.xpath(path, namespaces=NS)


needs_pandoc = pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc not installed")


# -- a hand-built pair: every kind of change, the Comparison built by hand ---------------------

OLD = Resolution(
    symbol="A/80/L.2", title="Participation", body="The General Assembly", sponsors=("Palestine",),
    preambular=(P("PP1", "Deploring the grave decision,", opener="Deploring"),
                P("PP2", "Recalling its resolutions,", opener="Recalling"),
                P("PP3", "Noting the moved one,", opener="Noting")),
    operative=(
        P("OP1", "Decides that:", number="1", opener="Decides", subparagraphs=(
            P("OP1(a)", "the old thing;", label="a", marker="(a)"),
            P("OP1(b)", "gone;", label="b", marker="(b)"))),
        P("OP2", "Requests to go away;", number="2", opener="Requests"),
        P("OP3", "Also decides to remain seized.", number="3", opener="Also decides")))
NEW = Resolution(
    symbol="A/80/L.2/Rev.1", title="Participation", body="The General Assembly",
    sponsors=("Palestine", "Chile"),
    preambular=(P("PP1", "Noting the moved one,", opener="Noting"),
                P("PP2", "Regretting the decision,", opener="Regretting"),
                P("PP3", "Recalling its resolutions,", opener="Recalling"),
                P("PP4", "Taking note of the meeting,", opener="Taking note")),
    operative=(
        P("OP1", "Decides that:", number="1", opener="Decides", subparagraphs=(
            P("OP1(a)", "the new thing;", label="a", marker="(a)"),)),
        P("OP2", "Also decides to remain seized.", number="2", opener="Also decides")))


def _change(o, n, change, moved=False, subs=()):
    op, np_ = OLD.find(o) if o else None, NEW.find(n) if n else None
    diff = word_diff(op.text, np_.text) if op and np_ else ()
    return ParagraphChange(o, n, change, op and op.text, np_ and np_.text, diff, moved, subs,
                           old=op, new=np_)


HAND = Comparison(OLD, NEW, (
    _change("PP3", "PP1", "unchanged", moved=True),
    _change("PP1", "PP2", "modified"),
    _change("PP2", "PP3", "unchanged"),
    _change(None, "PP4", "inserted"),
    _change("OP1", "OP1", "modified", subs=(_change("OP1(a)", "OP1(a)", "modified"),
                                            _change("OP1(b)", None, "deleted"))),
    _change("OP2", None, "deleted"),
    _change("OP3", "OP2", "unchanged"),
))


def test_hand_pair_marks_counted_with_xpath():
    root = root_of(render_comparison(HAND, "Chair", DATE))
    deleted = ["|".join(xp(d, ".//w:delText/text()")) for d in xp(root, "//w:del[w:r]")]
    inserted = ["|".join(xp(i, ".//w:t/text()")) for i in xp(root, "//w:ins[w:r]")]
    # In document order: symbol, sponsors line, PP1's words, the moved paragraph at its old
    # place, OP1(a)'s word, OP1(b) and OP2 whole (number, tab, opener, text), "3." -> "2.".
    assert deleted == ["A/80/L.2", "Palestine:", "Deploring", "grave ",
                       "Noting| the moved one,", "old", "(b)|gone;", "2.|Requests| to go away;",
                       "3."]
    assert inserted == ["A/80/L.2/Rev.1", "Palestine and Chile:", "Noting| the moved one,",
                        "Regretting", "Taking note| of the meeting,", "new", "2."]
    assert set(xp(root, "//w:ins/@w:author | //w:del/@w:author")) == {"Chair"}
    assert set(xp(root, "//w:ins/@w:date | //w:del/@w:date")) == {DATE}
    ids = xp(root, "//w:ins/@w:id | //w:del/@w:id")
    assert len(ids) == len(set(ids)) == 21
    # Deleted paragraphs (old PP3 at its old place, OP1(b), OP2) lose their mark too;
    # inserted ones (PP3 at its new place, PP4) have an inserted mark.
    assert len(xp(root, "//w:pPr/w:rPr/w:del")) == 3
    assert len(xp(root, "//w:pPr/w:rPr/w:ins")) == 2
    # Openers keep their italics inside the marks.
    assert xp(root, "//w:del/w:r[w:rPr/w:i]/w:delText/text()") == ["Deploring", "Noting",
                                                                   "Requests"]
    assert xp(root, "//w:ins/w:r[w:rPr/w:i]/w:t/text()") == ["Noting", "Regretting",
                                                             "Taking note"]


def test_hand_pair_accept_and_reject_with_our_reader():
    docx = render_comparison(HAND, "Chair", DATE)
    assert docx_to_text(docx).split("\n\n") == [*lines_of(NEW)[:-1], lines_of(NEW)[-1] + "\n"]
    assert docx_to_text(docx, changes="reject").strip().split("\n\n") == lines_of(OLD)


def test_comparison_is_byte_identical():
    assert render_comparison(HAND, "Chair", DATE) == render_comparison(HAND, "Chair", DATE)


# -- documents for pandoc and LibreOffice -----------------------------------------------------

def _workload(seed: int, n_pp: int, n_op: int) -> tuple[Resolution, Resolution]:
    """A synthetic draft and its revision (10% of paragraphs edited, bis paragraphs
    inserted, a few deleted, one moved), in the spirit of the project's workload generator."""
    rng = random.Random(seed)
    words = ("States Member cooperation implementation development protection measures "
             "national regional international sustainable effective the of and to in for "
             "with on by all relevant appropriate resources assistance framework").split()
    openers_pp = ["Recalling", "Reaffirming", "Taking note of", "Bearing in mind", "Welcoming"]
    openers_op = ["Calls upon States to", "Requests the Secretary-General to", "Decides to",
                  "Encourages States to", "Invites Member States to"]

    def sentence(lo, hi):
        return " ".join(rng.choice(words) for _ in range(rng.randint(lo, hi)))

    pps = tuple(P(f"PP{i}", f"{o} {sentence(20, 60)},", opener=o)
                for i in range(1, n_pp + 1) for o in [rng.choice(openers_pp)])
    ops = []
    for i in range(1, n_op + 1):
        o = rng.choice(openers_op)
        subs = ()
        if rng.random() < 0.15:
            subs = tuple(P(f"OP{i}({c})", f"{sentence(8, 25)};", label=c, marker=f"({c})")
                         for c in "abc"[:rng.randint(2, 3)])
        ops.append(P(f"OP{i}", f"{o} {sentence(20, 60)}{':' if subs else ';'}", number=str(i),
                     opener=o, subparagraphs=subs))
    old = Resolution(symbol="A/79/L.1", title="Oceans and the law of the sea",
                     body="The General Assembly", sponsors=("Norway",), preambular=pps,
                     operative=tuple(ops))

    def edit(p: Paragraph) -> Paragraph:
        w = p.text.split()
        keep = len(p.opener.split()) if p.opener else 0
        for _ in range(rng.randint(1, 3)):
            at = rng.randint(keep, max(keep, len(w) - 2))
            r = rng.random()
            if r < 0.4:
                w[at:at] = sentence(1, 4).split()
            elif r < 0.7:
                del w[at:at + rng.randint(1, 4)]
            else:
                w[at:at + 2] = sentence(1, 3).split()
        return P(p.id, " ".join(w), number=p.number, opener=p.opener,
                 subparagraphs=p.subparagraphs)

    new_pp = [edit(p) if rng.random() < 0.1 else p for p in pps]
    new_op = [edit(p) if rng.random() < 0.1 else p for p in ops]
    for k in sorted(rng.sample(range(len(new_op) - 1), max(1, n_op // 150)), reverse=True):
        if not new_op[k].subparagraphs:
            del new_op[k]
    for k in sorted(rng.sample(range(len(new_op)), max(1, n_op // 100)), reverse=True):
        base = new_op[k]
        o = rng.choice(openers_op)
        new_op.insert(k + 1, P(f"OP{base.number}bis", f"{o} {sentence(20, 50)};",
                               number=f"{base.number}bis", opener=o))
    new_pp.insert(len(new_pp) // 2, new_pp.pop(1))  # a move
    new = old.evolve(symbol="A/79/L.1/Rev.1", preambular=tuple(new_pp), operative=tuple(new_op))
    return old, new


def _oas_pair() -> tuple[Resolution, Resolution]:
    """The OAS 2013 draft and a revision made by amendments of the kind delegations file."""
    from drafting.amend import apply_operations

    old = parse_file(str(CORPUS / "oas-cam-report-2013.txt"))
    new = apply_operations(old, (
        O("replace_text", target="OP1", old="To instruct", new="To request"),
        O("insert_paragraph", target="OP5bis", position="after OP5bis",
          new="To request the General Secretariat to report on the implementation of this "
              "resolution."),
        O("delete_paragraph", target="PP4"),
    ), "A1")
    return old, new


@pytest.fixture(scope="module")
def produced(tmp_path_factory) -> dict[str, tuple[Path, Resolution, Resolution]]:
    """Every comparison this module checks, written once: name -> (file, old, new)."""
    folder = tmp_path_factory.mktemp("comparisons")
    pairs = {"hand": (OLD, NEW, HAND)}
    l2 = parse_file(str(CORPUS / "un-ga-80-L2-draft-palestine-participation-original.txt"))
    res1 = parse_file(str(CORPUS / "un-ga-res-80-1-palestine-participation-adopted-from-rev1.txt"))
    pairs["L2-RES-80-1"] = (l2, res1, compare(l2, res1))
    oas_old, oas_new = _oas_pair()
    pairs["oas-2013"] = (oas_old, oas_new, compare(oas_old, oas_new, by_id=True))
    big_old, big_new = _workload(2, 150, 350)
    pairs["large"] = (big_old, big_new, compare(big_old, big_new))
    out = {}
    for name, (old, new, comparison) in pairs.items():
        path = folder / f"{name}.docx"
        path.write_bytes(render_comparison(comparison, "Chair", DATE))
        out[name] = (path, old, new)
    return out


@needs_pandoc
@pytest.mark.parametrize("name", ["hand", "L2-RES-80-1", "oas-2013", "large"])
def test_pandoc_accept_gives_new_and_reject_gives_old(produced, name):
    path, old, new = produced[name]
    assert pandoc_lines(path, "accept") == lines_of(new)
    assert pandoc_lines(path, "reject") == lines_of(old)


@pytest.mark.parametrize("name", ["L2-RES-80-1", "oas-2013", "large"])
def test_our_reader_agrees(produced, name):
    path, old, new = produced[name]
    assert docx_to_text(path).split() == " ".join(lines_of(new)).split()
    assert docx_to_text(path, changes="reject").split() == " ".join(lines_of(old)).split()


def test_real_pair_marks(produced):
    root = root_of(produced["L2-RES-80-1"][0].read_bytes())
    deleted = "".join(xp(root, "//w:del//w:delText/text()"))
    inserted = "".join(xp(root, "//w:ins//w:t/text()"))
    # pairs.json notes: 'Deploring' -> 'Regretting', 'demanding' -> 'seeking', new PP3.
    for word in ("Deploring", "arbitrarily", "demanding"):
        assert word in deleted
    for word in ("Regretting", "seeking", "Taking note of the meeting of the Committee"):
        assert word in inserted
    # The new PP3 is one inserted paragraph, mark included; so is each line of the adopted
    # text's trailer, and its note, which the draft did not have.
    adopted = produced["L2-RES-80-1"][2]
    assert adopted.closing == ("3rd plenary meeting", "19 September 2025")
    assert adopted.notes == ("[without reference to a Main Committee (A/80/L.2/Rev.1)]",)
    assert len(xp(root, "//w:pPr/w:rPr/w:ins")) == 1 + len(adopted.closing) + len(adopted.notes)


# -- the compilation text ---------------------------------------------------------------------

AMENDMENTS = [
    Amendment("A1", (O("replace_text", target="PP2", old="Deploring", new="Regretting"),),
              ("Canada",), text='In PP2, replace "Deploring" with "Regretting"'),
    Amendment("A2", (O("delete_text", target="PP2", old="arbitrarily "),), ("Chile",)),
    Amendment("A3", (O("replace_text", target="OP2", old="the Head of State",
                       new="the President"),), ("Mexico",)),
    Amendment("A4", (O("replace_text", target="OP2", old="Head of State by",
                       new="Head of Government by"),), ("Peru", "Chile")),
    Amendment("A5", (O("insert_paragraph", target="OP2", position="after OP2",
                       new="Requests the Secretary-General to report;"),), ("Brazil",)),
    Amendment("A6", (O("delete_paragraph", target="PP4"),), ("United States",)),
    Amendment("A7", (O("delete_text", target="PP1", old="grave "),), ("Cuba",),
              status="withdrawn"),
]


@pytest.fixture(scope="module")
def compilation(tmp_path_factory):
    res = parse_file(str(CORPUS / "un-ga-80-L2-draft-palestine-participation-original.txt"))
    path = tmp_path_factory.mktemp("compilation") / "compilation.docx"
    path.write_bytes(render_compilation(res, AMENDMENTS, {"OP3": "agreed_ad_ref"}, date=DATE))
    return path, res


def test_compilation_attributes_each_mark_to_its_delegation(compilation):
    root = root_of(compilation[0].read_bytes())

    def by(author):
        return ["".join(xp(m, ".//w:t/text() | .//w:delText/text()"))
                for m in xp(root, f"//w:body//*[(self::w:ins or self::w:del) and w:r and "
                                  f"@w:author='{author}']")]

    assert by("Canada") == ["Deploring", "Regretting"]
    assert by("Chile") == [" arbitrarily"]
    assert by("Brazil") == ["2bis.Requests the Secretary-General to report;"]
    assert by("United States") == ["Recalling also the Headquarters Agreement,"]
    assert by("Cuba") == []  # withdrawn
    # Overlapping proposals on OP2 become alternatives, each with its own marks.
    assert by("Mexico") == [" Head of State", " President"]
    assert by("Peru, Chile") == [" State", " Government"]
    # A proposed deletion strikes the paragraph mark too; a proposed paragraph is inserted.
    assert xp(root, "//w:pPr/w:rPr/w:del/@w:author") == ["United States"]
    assert xp(root, "//w:pPr/w:rPr/w:ins/@w:author") == ["Brazil"]


def test_compilation_text_alternatives_and_statuses(compilation):
    lines = docx_to_text(compilation[0], changes="reject").strip().split("\n\n")
    alts = [line for line in lines if " alt (" in line]
    assert [a.split(" Also decides")[0] for a in alts] == ["OP2 alt (Mexico)",
                                                           "OP2 alt (Peru, Chile)"]
    assert lines[-1].endswith("during the eightieth session. (agreed ad ref)")
    assert lines[lines.index("The General Assembly,") + 1].endswith(
        "meetings of the General Assembly, (pending)")
    assert "A7" not in " ".join(lines)


@needs_pandoc
def test_compilation_accept_applies_the_proposals_that_do_not_clash(compilation):
    from drafting.amend import apply_amendments

    path, res = compilation
    agreed = apply_amendments(res, [a for a in AMENDMENTS if a.id in ("A1", "A2", "A5", "A6")])
    accepted = pandoc_lines(path, "accept")
    body = [line.removesuffix(" (pending)").removesuffix(" (agreed ad ref)")
            for line in accepted[accepted.index("The General Assembly,"):]
            if " alt (" not in line]
    expected = lines_of(agreed)
    assert body == expected[expected.index("The General Assembly,"):]


def test_cli_compile(tmp_path):
    from datetime import datetime, timezone

    from drafting import store

    res = parse_file(str(CORPUS / "un-ga-80-L2-draft-palestine-participation-original.txt"))
    folder = tmp_path / "draft"
    now = datetime(2025, 9, 19, tzinfo=timezone.utc)
    store.create(folder, res, now=now, by="Palestine")
    for a in AMENDMENTS[:2]:
        store.file_amendment(folder, a.operations, a.delegations, now=now, text=a.text)
    out = tmp_path / "c.docx"
    result = CliRunner().invoke(cli, ["compile", str(folder), "-o", str(out),
                                      "--date", "2025-09-19"])
    assert result.exit_code == 0, result.output
    root = root_of(out.read_bytes())
    assert sorted(set(xp(root, "//w:ins/@w:author | //w:del/@w:author"))) == ["Canada", "Chile"]
    assert set(xp(root, "//w:ins/@w:date | //w:del/@w:date")) == {DATE}


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_libreoffice_converts_every_produced_document(produced, compilation, tmp_path):
    files = [path for path, _, _ in produced.values()] + [compilation[0]]
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), *map(str, files)],
                   check=True, capture_output=True, timeout=180)
    for f in files:
        pdf = tmp_path / (f.stem + ".pdf")
        assert pdf.is_file() and pdf.read_bytes().startswith(b"%PDF"), f.name
