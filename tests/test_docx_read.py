"""Reading Word files (drafting.docx_read): automatic numbering, tracked changes seen
accepted or rejected, per-author amendments, and hostile files."""
from __future__ import annotations

import io
import tracemalloc
import zipfile

import pytest

import drafting.docx_read as docx_read
from conftest import CORPUS
from drafting.docx_read import amendments_from_docx, change_authors, docx_to_text
from drafting.errors import InputError
from drafting.parse import parse_file
from drafting.render.docx import render_docx

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>')
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>')


def make_docx(body: str, numbering: str | None = None, styles: str | None = None,
              extra: dict[str, bytes] | None = None) -> bytes:
    """A minimal .docx written by hand, as another word processor would."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", ROOT_RELS)
        z.writestr("word/document.xml",
                   f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}">'
                   f"<w:body>{body}<w:sectPr/></w:body></w:document>")
        if numbering is not None:
            z.writestr("word/numbering.xml",
                       f'<w:numbering xmlns:w="{W_NS}">{numbering}</w:numbering>')
        if styles is not None:
            z.writestr("word/styles.xml", f'<w:styles xmlns:w="{W_NS}">{styles}</w:styles>')
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return buf.getvalue()


def p(text: str, num: str | None = None, ilvl: int = 0, style: str | None = None) -> str:
    ppr = ""
    if style:
        ppr += f'<w:pStyle w:val="{style}"/>'
    if num:
        ppr += f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num}"/></w:numPr>'
    return f'<w:p><w:pPr>{ppr}</w:pPr><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


# Level 0 "1.", level 1 "(a)", level 2 "(i)": the usual numbering of operative paragraphs.
NUMBERING = """
<w:abstractNum w:abstractNumId="7">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%2)"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="(%3)"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="8">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="\u2022"/></w:lvl>
</w:abstractNum>
<w:num w:numId="3"><w:abstractNumId w:val="7"/></w:num>
<w:num w:numId="4"><w:abstractNumId w:val="7"/>
  <w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
<w:num w:numId="5"><w:abstractNumId w:val="8"/></w:num>
"""

STYLES = """
<w:style w:type="paragraph" w:styleId="OpPara"><w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="OpParaChild"><w:basedOn w:val="OpPara"/></w:style>
"""


def test_automatic_numbers_are_materialised_with_levels_and_restarts():
    body = "".join([
        p("The General Assembly,"),
        p("Decides that:", "3"),
        p("the first;", "3", 1),
        p("in New York;", "3", 2),
        p("in Geneva;", "3", 2),
        p("the second;", "3", 1),
        p("Requests a report;", "3"),
        p("a new sub-list restarts its letters;", "3", 1),
        p("Numbered through the paragraph style;", style="OpParaChild"),
        p("A list restarted at five;", "4"),
        p("and continued;", "4"),
        p("A bullet prints no number;", "5"),
        p("numId 0 means no numbering;", "0"),
    ])
    text = docx_to_text(make_docx(body, NUMBERING, STYLES))
    assert text.split("\n\n") == [
        "The General Assembly,", "1. Decides that:", "(a) the first;", "(i) in New York;",
        "(ii) in Geneva;", "(b) the second;", "2. Requests a report;",
        "(a) a new sub-list restarts its letters;", "3. Numbered through the paragraph style;",
        "5. A list restarted at five;", "6. and continued;", "A bullet prints no number;",
        "numId 0 means no numbering;\n"]


def test_without_numbering_part_numbers_are_ignored():
    assert docx_to_text(make_docx(p("Decides;", "3"))) == "Decides;\n"


def ins(author: str, text: str, n: int) -> str:
    return (f'<w:ins w:id="{n}" w:author="{author}" w:date="2025-01-01T00:00:00Z"><w:r>'
            f'<w:t xml:space="preserve">{text}</w:t></w:r></w:ins>')


def dele(author: str, text: str, n: int) -> str:
    return (f'<w:del w:id="{n}" w:author="{author}" w:date="2025-01-01T00:00:00Z"><w:r>'
            f'<w:delText xml:space="preserve">{text}</w:delText></w:r></w:del>')


def run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


TRACKED = "".join([
    f"<w:p>{run('Recalling ')}{dele('Canada', 'grave ', 1)}{run('concern,')}</w:p>",
    # A paragraph Chile inserted: its mark is inserted too.
    f'<w:p><w:pPr><w:rPr><w:ins w:id="2" w:author="Chile" w:date="2025-01-01T00:00:00Z"/>'
    f"</w:rPr></w:pPr>{ins('Chile', 'Noting the report,', 3)}</w:p>",
    # A paragraph Canada deleted, mark and all.
    f'<w:p><w:pPr><w:rPr><w:del w:id="4" w:author="Canada" w:date="2025-01-01T00:00:00Z"/>'
    f"</w:rPr></w:pPr>{dele('Canada', 'Welcoming the decision,', 5)}</w:p>",
    f"<w:p>{run('Decides to ')}{ins('Chile', 'continue to ', 6)}{run('act.')}</w:p>",
])


def test_tracked_changes_accepted_and_rejected():
    docx = make_docx(TRACKED)
    assert docx_to_text(docx) == ("Recalling concern,\n\nNoting the report,\n\n"
                                  "Decides to continue to act.\n")
    assert docx_to_text(docx, changes="reject") == (
        "Recalling grave concern,\n\nWelcoming the decision,\n\nDecides to act.\n")
    assert change_authors(docx) == ("Canada", "Chile")
    with pytest.raises(ValueError, match="accept' or 'reject"):
        docx_to_text(docx, changes="all")


BASE_TEXT = ("The General Assembly,\n\nRecalling its grave concern,\n\n"
             "Welcoming the decision,\n\n1. Decides to act.\n")

# Canada and Chile answer with their own tracked changes in one copy of the text.
TWO_AUTHORS = "".join([
    p("The General Assembly,"),
    f"<w:p>{run('Recalling its ')}{dele('Canada', 'grave ', 1)}{run('concern,')}</w:p>",
    f'<w:p><w:pPr><w:rPr><w:ins w:id="2" w:author="Chile" w:date="2025-01-01T00:00:00Z"/>'
    f"</w:rPr></w:pPr>{ins('Chile', 'Noting the report,', 3)}</w:p>",
    p("Welcoming the decision,"),
    f"<w:p>{run('1. Decides to ')}{ins('Chile', 'continue to ', 4)}{run('act.')}</w:p>",
])


def test_amendments_grouped_by_author(tmp_path):
    from drafting.amend import apply_operations
    from drafting.parse import parse_text

    base = parse_text(BASE_TEXT)
    path = tmp_path / "answers.docx"
    path.write_bytes(make_docx(TWO_AUTHORS))
    ops = amendments_from_docx(path, base)
    assert list(ops) == ["Canada", "Chile"]
    assert apply_operations(base, ops["Canada"]) == parse_text(
        BASE_TEXT.replace("its grave concern", "its concern"))
    chile = apply_operations(base, ops["Chile"])
    # The new paragraph takes a negotiating number: PP1bis, and PP2 stays PP2.
    assert [(q.id, q.text) for q in chile.paragraphs()] == [
        ("PP1", "Recalling its grave concern,"), ("PP1bis", "Noting the report,"),
        ("PP2", "Welcoming the decision,"), ("OP1", "Decides to continue to act.")]


def test_amendments_from_a_comparison_written_by_us(tmp_path):
    from drafting.amend import apply_operations
    from drafting.compare import compare
    from drafting.model import Operation
    from drafting.render.revisions import render_comparison

    base = parse_file(str(CORPUS / "un-ga-80-L2-draft-palestine-participation-original.txt"))
    canada = apply_operations(base, [Operation("replace_text", target="PP2", old="Deploring",
                                               new="Regretting")])
    path = tmp_path / "canada.docx"
    path.write_bytes(render_comparison(compare(base, canada, by_id=True), "Canada"))
    ops = amendments_from_docx(path, base)
    assert list(ops) == ["Canada"]
    assert apply_operations(base, ops["Canada"]) == canada


def test_parse_reads_docx_like_text(tmp_path):
    from drafting.parse import parse_file as parse

    res = parse(str(CORPUS / "oas-cam-report-2013.txt"))
    path = tmp_path / "oas.docx"
    path.write_bytes(render_docx(res))
    assert parse(str(path)) == res


# -- hostile files ----------------------------------------------------------------------------

def test_not_a_zip(tmp_path):
    path = tmp_path / "fake.docx"
    path.write_bytes(b"This is plain text pretending to be Word.")
    with pytest.raises(InputError, match="not a Word file"):
        docx_to_text(path)
    with pytest.raises(InputError, match="<docx>: not a Word file"):
        docx_to_text(b"PK\x03\x04 truncated")


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="cannot open"):
        docx_to_text(tmp_path / "nowhere.docx")


def test_missing_document_xml():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("word/styles.xml", "<styles/>")
    with pytest.raises(InputError, match="no word/document.xml in the archive"):
        docx_to_text(buf.getvalue())


BILLION_LAUGHS = f"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&lol3;</w:t></w:r></w:p></w:body></w:document>"""

EXTERNAL = f"""<?xml version="1.0"?>
<!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>"""


def _zip_with_document(xml) -> bytes:
    """A zip holding only word/document.xml: enough for the reader's refusals."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", xml)
    return buf.getvalue()


@pytest.mark.parametrize("xml", [BILLION_LAUGHS, EXTERNAL], ids=["entities", "external"])
def test_entities_and_dtds_are_refused(xml):
    with pytest.raises(InputError, match="word/document.xml declares a DTD or entities"):
        docx_to_text(_zip_with_document(xml))


def test_doctype_in_utf16_is_refused_after_parsing():
    xml = (f'<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE d><w:document xmlns:w="{W_NS}">'
           "<w:body/></w:document>").encode("utf-16")
    with pytest.raises(InputError, match="declares a DTD"):
        docx_to_text(_zip_with_document(xml))


def test_malformed_xml():
    with pytest.raises(InputError, match="not well-formed XML"):
        docx_to_text(_zip_with_document("<w:document"))


def test_zip_bomb_refused_before_reading():
    # 20 MB of one byte compresses about 1000:1.
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b" " * (20 * 1024 * 1024))
    bomb = buf.getvalue()
    assert len(bomb) < 100_000
    tracemalloc.start()
    try:
        with pytest.raises(InputError, match="compressed .*:1 \\(zip bomb\\?\\)"):
            docx_to_text(bomb)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 2 * 1024 * 1024


def test_declared_sizes_over_the_limits(monkeypatch):
    docx = make_docx(p("Decides;") * 200)
    monkeypatch.setattr(docx_read, "MAX_TOTAL", 1000)
    with pytest.raises(InputError, match="the archive unpacks to .* bytes"):
        docx_to_text(docx)
    monkeypatch.setattr(docx_read, "MAX_TOTAL", 10 ** 9)
    monkeypatch.setattr(docx_read, "MAX_PART", 1000)
    with pytest.raises(InputError, match="word/document.xml unpacks to .* bytes"):
        docx_to_text(docx)


def test_lying_size_header_is_caught_by_the_read_cap(monkeypatch):
    # The central directory says 10 bytes; the data is bigger: reading stops at the cap.
    docx = make_docx(p("Decides;") * 200)
    monkeypatch.setattr(docx_read, "MAX_PART", 2000)
    real_getinfo = zipfile.ZipFile.getinfo

    def lying(self, name):
        info = real_getinfo(self, name)
        if name == "word/document.xml":
            info.file_size = 10
        return info

    monkeypatch.setattr(zipfile.ZipFile, "getinfo", lying)
    with pytest.raises(InputError, match="(more than 2000 bytes|damaged archive member)"):
        docx_to_text(docx)


def test_cli_parse_docx_and_hostile_docx(tmp_path):
    from click.testing import CliRunner

    from drafting.cli import cli

    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip at all")
    result = CliRunner().invoke(cli, ["parse", str(bad)])
    assert result.exit_code == 1
    assert "not a Word file" in result.output
    assert "Traceback" not in result.output
