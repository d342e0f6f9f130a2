"""Clean Word output (drafting.render.docx): house styles checked with XPath, the text read
back with independent readers (pandoc, LibreOffice) and with our own parser."""
from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from conftest import CORPUS
from drafting.cli import cli
from drafting.docx_read import docx_to_text
from drafting.errors import RenderError
from drafting.model import Footnote, Paragraph, Resolution
from drafting.parse import parse_file, parse_text
from drafting.render.docx import render_docx

NS = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
P = Paragraph

UN = Resolution(
    symbol="A/80/L.99", title="Oceans and the law of the sea", body="The General Assembly",
    sponsors=("Chile", "Fiji", "Norway"),
    preambular=(
        P("PP1", "Recalling its resolutions on oceans & <seas>,", opener="Recalling"),
        P("PP2", "Deeply concerned by the rise of the sea level,", opener="Deeply concerned"),
    ),
    operative=(
        P("OP1", "Decides that:", number="1", opener="Decides", subparagraphs=(
            P("OP1(a)", "the conference shall meet in 2026;", label="a", marker="(a)",
              subparagraphs=(P("OP1(a)(i)", "in New York;", label="i", marker="(i)"),)),
            P("OP1(b)", "its rules shall apply;", label="b", marker="(b)"),
        )),
        P("OP1bis", "Requests the Secretary-General to report;", number="1bis",
          opener="Requests"),
        P("OP2", "Decides to remain seized of the matter.", number="2", opener="Decides"),
    ),
)

OAS = Resolution(
    symbol="CIDI/CAM/doc.4/13 rev. 3", title="Strengthening the topic of migration",
    body="THE GENERAL ASSEMBLY", sponsors=("Mexico",),
    sponsor_note="(Presented by the delegation of Mexico)",
    preambular=(P("PP1", "ConsiderING the report;", opener="ConsiderING"),),
    transition="RESOLVES:",
    operative=(P("OP1", "To instruct the Committee to act.", number="1", opener="To instruct"),),
)

UN_LINES = [
    "A/80/L.99", "Chile, Fiji and Norway: draft resolution", "Oceans and the law of the sea",
    "The General Assembly,", "Recalling its resolutions on oceans & <seas>,",
    "Deeply concerned by the rise of the sea level,", "1. Decides that:",
    "(a) the conference shall meet in 2026;", "(i) in New York;", "(b) its rules shall apply;",
    "1bis. Requests the Secretary-General to report;",
    "2. Decides to remain seized of the matter.",
]
OAS_LINES = [
    "CIDI/CAM/doc.4/13 rev. 3", "Strengthening the topic of migration",
    "(Presented by the delegation of Mexico)", "THE GENERAL ASSEMBLY,",
    "ConsiderING the report;", "RESOLVES:", "1. To instruct the Committee to act.",
]


def part(docx: bytes, name: str = "word/document.xml"):
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        return etree.fromstring(z.read(name))


def paragraph_texts(root) -> list[str]:
    return ["".join(p.xpath(".//w:t/text()", namespaces=NS)) for p in
            root.xpath("//w:body/w:p", namespaces=NS)]


def runs_with(root, prop: str) -> list[str]:
    return root.xpath(f"//w:r[w:rPr/w:{prop}]/w:t/text()", namespaces=NS)


def pandoc_lines(path: Path) -> list[str]:
    out = subprocess.run(["pandoc", "-f", "docx", "-t", "plain", "--wrap=none", str(path)],
                         check=True, capture_output=True, text=True).stdout
    return [" ".join(line.split()) for line in out.splitlines() if line.strip()]


needs_pandoc = pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc not installed")


# -- house styles ---------------------------------------------------------------------------

def test_un_style_italic_openers_and_body_and_numbered_paragraphs():
    root = part(render_docx(UN))
    assert runs_with(root, "i") == ["The General Assembly,", "Recalling", "Deeply concerned",
                                    "Decides", "Requests", "Decides"]
    assert runs_with(root, "caps") == []
    styles = root.xpath("//w:body/w:p/w:pPr/w:pStyle/@w:val", namespaces=NS)
    assert styles == ["Symbol", "Sponsors", "ResolutionTitle", "Body", "Preambular",
                      "Preambular", "Operative", "SubParagraph1", "SubParagraph2",
                      "SubParagraph1", "Operative", "Operative"]
    # The number, then a tab to the hanging indent.
    first_op = root.xpath("//w:body/w:p[w:pPr/w:pStyle/@w:val='Operative']", namespaces=NS)[0]
    assert etree.QName(first_op.xpath("w:r[1]/*", namespaces=NS)[-1]).localname == "tab"
    assert paragraph_texts(root) == [line.replace(". ", ".", 1) if line[0].isdigit() else
                                     line.replace(") ", ")", 1) if line[0] == "(" else line
                                     for line in UN_LINES]


def test_oas_style_capitals_for_body_openers_and_transition_not_operative_verbs():
    root = part(render_docx(OAS))
    assert runs_with(root, "caps") == ["THE GENERAL ASSEMBLY,", "ConsiderING", "RESOLVES:"]
    assert runs_with(root, "i") == []
    # Source text stays verbatim: capitals are a display property (w:caps).
    assert "ConsiderING" in paragraph_texts(root)[4]


def test_styles_part_title_centred_capitals_hanging_indents_times_page_numbers():
    docx = render_docx(UN)
    styles = part(docx, "word/styles.xml")

    def style(sid):
        return styles.xpath(f"//w:style[@w:styleId='{sid}']", namespaces=NS)[0]

    title = style("ResolutionTitle")
    assert title.xpath("w:pPr/w:jc/@w:val", namespaces=NS) == ["center"]
    assert title.xpath("w:rPr/w:caps", namespaces=NS) and title.xpath("w:rPr/w:b",
                                                                     namespaces=NS)
    assert style("Operative").xpath("w:pPr/w:ind/@w:hanging", namespaces=NS) == ["720"]
    assert style("Operative").xpath("w:pPr/w:ind/@w:left", namespaces=NS) == ["720"]
    assert style("SubParagraph1").xpath("w:pPr/w:ind/@w:left", namespaces=NS) == ["1440"]
    assert style("Normal").xpath("w:rPr/w:rFonts/@w:ascii", namespaces=NS) == [
        "Times New Roman"]
    footer = part(docx, "word/footer1.xml")
    assert footer.xpath("//w:instrText/text()", namespaces=NS) == [" PAGE "]


def test_xml_space_preserve_on_every_text_and_escaping():
    root = part(render_docx(UN))
    texts = root.xpath("//w:t", namespaces=NS)
    assert texts and all(
        t.get("{http://www.w3.org/XML/1998/namespace}space") == "preserve" for t in texts)
    assert paragraph_texts(root)[4] == "Recalling its resolutions on oceans & <seas>,"


def test_control_characters_are_dropped_not_written():
    res = Resolution(preambular=(P("PP1", "Noting\x0c the form feed,", opener="Noting"),))
    assert paragraph_texts(part(render_docx(res))) == ["Noting the form feed,"]


def test_output_is_byte_identical_and_zip_times_fixed():
    a, b = render_docx(UN), render_docx(UN)
    assert a == b
    with zipfile.ZipFile(io.BytesIO(a)) as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = z.read("docProps/core.xml").decode()
    assert "2000-01-01T00:00:00Z" in core and "Oceans and the law of the sea" in core


def test_date_block_under_the_symbol():
    root = part(render_docx(UN, date="19 September 2025"))
    assert paragraph_texts(root)[:2] == ["A/80/L.99", "19 September 2025"]


def test_style_override_and_unknown_style():
    assert runs_with(part(render_docx(UN, "oas")), "caps")[:2] == [
        "The General Assembly,", "Recalling"]
    with pytest.raises(RenderError, match="unknown house style 'icao'"):
        render_docx(UN, "icao")


def test_footnotes_are_word_footnotes_with_the_verbatim_mark():
    res = Resolution(preambular=(P("PP1", "Recalling the Headquarters Agreement 1 of 1947,",
                                   opener="Recalling",
                                   footnotes=(Footnote("1", "See resolution 169 (II)."),)),))
    docx = render_docx(res)
    root = part(docx)
    refs = root.xpath("//w:footnoteReference", namespaces=NS)
    assert [r.get(f"{{{NS['w']}}}id") for r in refs] == ["1"]
    assert paragraph_texts(root) == ["Recalling the Headquarters Agreement 1 of 1947,"]
    notes = part(docx, "word/footnotes.xml")
    assert notes.xpath("//w:footnote[@w:id='1']//w:t/text()", namespaces=NS) == [
        "See resolution 169 (II)."]


# -- read back -----------------------------------------------------------------------------

def _corpus_resolutions():
    out = []
    for path in sorted(CORPUS.glob("*.txt")):
        doc = parse_file(str(path))
        if isinstance(doc, Resolution):
            out.append(pytest.param(doc, id=path.stem))
    return out


@pytest.mark.parametrize("style", ["un", "oas"])
@pytest.mark.parametrize("res", _corpus_resolutions())
def test_corpus_round_trips_through_word(res, style):
    assert parse_text(docx_to_text(render_docx(res, style))) == res


@needs_pandoc
def test_pandoc_reads_the_paragraphs(tmp_path):
    for res, lines in ((UN, UN_LINES), (OAS, OAS_LINES)):
        path = tmp_path / "out.docx"
        path.write_bytes(render_docx(res))
        assert pandoc_lines(path) == lines


def test_cli_render_file_and_draft_revision(tmp_path):
    from datetime import datetime, timezone

    from drafting import store

    src = CORPUS / "oas-cam-report-2013.txt"
    out = tmp_path / "m.docx"
    runner = CliRunner()
    result = runner.invoke(cli, ["render", str(src), "-o", str(out)])
    assert result.exit_code == 0, result.output
    res = parse_file(str(src))
    assert out.read_bytes() == render_docx(res)

    folder = tmp_path / "draft"
    store.create(folder, res, now=datetime(2025, 1, 1, tzinfo=timezone.utc), by="Mexico")
    result = runner.invoke(cli, ["render", f"{folder}@rev0", "-o", str(out), "--style", "un"])
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == render_docx(store.load_ref(f"{folder}@rev0"), "un")


def test_cli_render_refuses_an_amendment_document(tmp_path):
    src = CORPUS / "un-ga-c3-80-L65-amendment-report-hrc.txt"
    result = CliRunner().invoke(cli, ["render", str(src), "-o", str(tmp_path / "x.docx")])
    assert result.exit_code == 1
    assert "is an amendment document, not a resolution" in result.output


# -- LibreOffice: one soffice run for every document this module produces ----------------

@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_libreoffice_converts_every_produced_document(tmp_path):
    docs = {"un": render_docx(UN), "oas": render_docx(OAS),
            "un-as-oas": render_docx(UN, "oas")}
    for param in _corpus_resolutions():
        res = param.values[0]
        docs[param.id] = render_docx(res)
    for name, data in docs.items():
        (tmp_path / f"{name}.docx").write_bytes(data)
    convert_all(tmp_path, sorted(tmp_path.glob("*.docx")))
    for name in docs:
        pdf = tmp_path / "pdf" / f"{name}.pdf"
        assert pdf.is_file() and pdf.read_bytes().startswith(b"%PDF"), name


def convert_all(tmp: Path, files: list[Path]) -> None:
    """One soffice call for all files, with its own profile (parallel runs do not clash)."""
    profile = (tmp / "lo-profile").as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp / "pdf"), *map(str, files)],
                   check=True, capture_output=True, timeout=180)


def test_the_sponsors_footnote_is_a_word_footnote_on_the_sponsors_line():
    from conftest import corpus_text

    res = parse_text(corpus_text("un-ga-c3-80-L24-draft-report-hrc.txt"))
    data = render_docx(res)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        document = z.read("word/document.xml").decode()
        notes = z.read("word/footnotes.xml").decode()
    assert "On behalf of the States Members" in notes
    text = docx_to_text(data)
    assert "Mauritania:* draft resolution" in text
    assert "* On behalf of the States Members" in text
    assert document.count("w:footnoteReference") == 2      # the sponsors' "*" and PP4's "1"


def test_output_files_are_replaced_whole_or_left_alone(tmp_path, monkeypatch):
    """-o writes go through a temporary file and a rename: a failed write leaves the old
    file intact and no temporary file behind, and the error names the file."""
    import os

    src = CORPUS / "oas-cam-report-2013.txt"
    out = tmp_path / "m.docx"
    out.write_bytes(b"the delegation's earlier copy")
    runner = CliRunner()

    def no_room(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", no_room)
    result = runner.invoke(cli, ["render", str(src), "-o", str(out)])
    assert result.exit_code == 1
    assert f"{out}: cannot write: No space left on device" in result.output
    assert out.read_bytes() == b"the delegation's earlier copy"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.docx"]

    monkeypatch.undo()
    result = runner.invoke(cli, ["render", str(src), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == render_docx(parse_file(str(src)))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.docx"]
    assert oct(out.stat().st_mode & 0o777) == oct(0o666 & ~_umask())


def _umask() -> int:
    import os

    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_output_through_a_link_keeps_the_link_and_the_file_mode(tmp_path):
    """-o to a symbolic link replaces its target, not the link; a private file (0600)
    stays private; a long file name does not make the temporary name too long."""
    import os

    from drafting.commands import write_output

    target = tmp_path / "confidential.txt"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o600)
    link = tmp_path / "link.txt"
    link.symlink_to(target.name)
    write_output(str(link), "new text\n")
    assert link.is_symlink() and os.readlink(link) == target.name
    assert target.read_text(encoding="utf-8") == "new text\n"
    assert oct(target.stat().st_mode & 0o777) == oct(0o600)
    long_name = tmp_path / ("n" * 240 + ".txt")
    write_output(str(long_name), b"x")
    assert long_name.read_bytes() == b"x"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["confidential.txt", "link.txt", long_name.name])


def test_output_to_a_pipe_is_written_in_place(tmp_path):
    """A pipe or device (-o /dev/stdout) cannot be replaced by a rename: it is written."""
    import os
    import threading

    from drafting.commands import write_output

    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    write_output(str(fifo), b"through the pipe")
    reader.join(timeout=10)
    assert got == [b"through the pipe"]
    assert fifo.is_fifo()


@needs_pandoc
def test_a_decision_whose_body_runs_on_prints_as_one_line(tmp_path):
    """"The General Assembly decides to take note ...": Word prints the body leading the
    paragraph, as the text does, and the clean text reads back the same."""
    from pathlib import Path as _Path

    src = _Path(__file__).parent / "fixtures" / "layouts" / "ga-c3-draft-decision.txt"
    res = parse_file(str(src))
    path = tmp_path / "decision.docx"
    path.write_bytes(render_docx(res))
    lines = pandoc_lines(path)
    assert "The General Assembly decides to take note of the following documents:" in lines
    assert "The General Assembly," not in lines and "The General Assembly" not in lines
    assert lines[-1] == ("(b) Note by the Secretary-General transmitting the report of the "
                         "Special Rapporteur on violence against women.")


@needs_pandoc
def test_a_footnote_on_the_title_hangs_on_the_title(tmp_path):
    """A front footnote whose mark ends the title ("... of the sea1") is a Word footnote on
    that mark, not on the sponsors line; the "*" of the sponsors stays there. Read back,
    the title and both notes are what the text has."""
    from drafting.parse import parse_text

    text = ("A/80/L.50\n\nArgentina* and Chile: draft resolution\n\n"
            "Oceans and the law of the sea1\n\nThe General Assembly,\n\n"
            "Recalling its resolution 79/1,\n\n1. Decides to act.\n\n__________\n"
            "* On behalf of a group.\n1 A note on the title.\n")
    res = parse_text(text)
    assert [f.mark for f in res.footnotes] == ["*", "1"]
    path = tmp_path / "t.docx"
    path.write_bytes(render_docx(res))
    lines = pandoc_lines(path)
    assert "Argentina and Chile:[1] draft resolution" in lines
    assert "Oceans and the law of the sea[2]" in lines
    back = parse_file(str(path))
    assert back.title == res.title
    assert [(f.mark, f.text) for f in back.footnotes] == [(f.mark, f.text) for f in res.footnotes]


@needs_pandoc
def test_a_run_on_decision_keeps_its_front_footnote_in_word(tmp_path):
    """With no sponsors line and no title, the body line is where the front's footnote
    hangs: Word then prints the body on its own line rather than lose the note."""
    from drafting.parse import parse_text

    res = parse_text("The General Assembly decides to defer the item.*\n\n__________\n"
                     "* A note on the decision.\n")
    assert res.body_runs_on and [f.mark for f in res.footnotes] == ["*"]
    path = tmp_path / "d.docx"
    path.write_bytes(render_docx(res))
    lines = pandoc_lines(path)
    assert "The General Assembly[1]" in lines
    assert "[1] A note on the decision." in lines
