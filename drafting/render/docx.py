"""Render a resolution as a clean Word document in UN or OAS house style.

python-docx builds the package once (styles, page-number footer, page set-up) and we keep
its parts; each document's body is then written as WordprocessingML text directly, because
python-docx adds runs at about 0.35 ms a paragraph and the huge workload has 2,500 of them.
The same input gives byte-identical output: zip timestamps and core-property dates are fixed.

The building blocks here (runs, paragraphs, the package writer) are shared with
`drafting.render.revisions`, the only module that writes revision marks (w:ins / w:del).

Specimen of one UN operative paragraph as written here:

    <w:p><w:pPr><w:pStyle w:val="Operative"/></w:pPr>
      <w:r><w:t xml:space="preserve">1.</w:t></w:r><w:r><w:tab/></w:r>
      <w:r><w:rPr><w:i/></w:rPr><w:t xml:space="preserve">Decides</w:t></w:r>
      <w:r><w:t xml:space="preserve">, without setting a precedent ...</w:t></w:r></w:p>
"""
from __future__ import annotations

import functools
import io
import re
import zipfile
from dataclasses import dataclass, replace
from typing import Iterable, Iterator, Sequence

from drafting.errors import RenderError
from drafting.model import Paragraph, Resolution

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# Dates written into docProps/core.xml when the caller gives none: a fixed value keeps the
# output byte-identical from one run to the next (git diffs, golden files).
FIXED_DATE = "2000-01-01T00:00:00Z"
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)

STYLES = ("un", "oas")

# Run formats: a short string of flags, b(old) i(talic) c(aps) s(uperscript).
PLAIN = ""


@dataclass(frozen=True)
class HouseStyle:
    """How one house formats the parts of a resolution (conventions.md, "House styles")."""

    name: str
    body: str            # "The General Assembly,"
    pp_opener: str       # "Recalling" / "RECALLING"
    op_opener: str       # "Decides" (UN) ; OAS operative verbs ("To instruct") stay plain
    transition: str      # "RESOLVES:"


HOUSES = {
    "un": HouseStyle("un", body="i", pp_opener="i", op_opener="i", transition="i"),
    "oas": HouseStyle("oas", body="c", pp_opener="c", op_opener=PLAIN, transition="c"),
}

_KIND_WORDS = {
    "draft_resolution": "draft resolution",
    "draft_decision": "draft decision",
    "resolution": "resolution",
    "negotiating_text": "negotiating text",
}

# Characters XML 1.0 forbids (form feeds from PDF extraction, stray controls): dropped.
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def escape(text: str) -> str:
    """Text for an XML element or attribute value."""
    if _ILLEGAL_XML.search(text):
        text = _ILLEGAL_XML.sub("", text)
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


def rpr(fmt: str, extra: str = "") -> str:
    """Run properties for a format string; `extra` goes first (a revision mark, w:rStyle)."""
    if not fmt and not extra:
        return ""
    # Order follows CT_RPr in the schema: b, i, caps, ..., vertAlign.
    return ("<w:rPr>" + extra
            + ("<w:b/>" if "b" in fmt else "")
            + ("<w:i/>" if "i" in fmt else "")
            + ("<w:caps/>" if "c" in fmt else "")
            + ('<w:vertAlign w:val="superscript"/>' if "s" in fmt else "")
            + "</w:rPr>")


def run(text: str, fmt: str = PLAIN, deleted: bool = False) -> str:
    """One run; `deleted` writes w:delText, which is only valid inside a w:del."""
    if not text:
        return ""
    tag = "w:delText" if deleted else "w:t"
    # A tab inside a label ("1.\t") becomes Word's own tab element.
    if "\t" in text:
        pieces = text.split("\t")
        out = []
        for i, piece in enumerate(pieces):
            if i:
                out.append("<w:tab/>")
            if piece:
                out.append(f'<{tag} xml:space="preserve">{escape(piece)}</{tag}>')
        return f"<w:r>{rpr(fmt)}{''.join(out)}</w:r>"
    return f'<w:r>{rpr(fmt)}<{tag} xml:space="preserve">{escape(text)}</{tag}></w:r>'


def paragraph(style: str, content: str, mark: str = "") -> str:
    """A paragraph of style `style`; `mark` is the paragraph mark's run properties content
    (revisions.py puts a w:ins or w:del there for an inserted or deleted paragraph)."""
    mark_xml = f"<w:rPr>{mark}</w:rPr>" if mark else ""
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{mark_xml}</w:pPr>{content}</w:p>'


# ---------------------------------------------------------------------------------------
# Paragraph layout shared by the clean text, comparisons and the compilation.

def depth_style(depth: int) -> str:
    """Style id of a paragraph at this depth below an operative paragraph."""
    return ("Operative", "SubParagraph1", "SubParagraph2", "SubParagraph3")[min(depth, 3)]


def label_of(p: Paragraph) -> str:
    """The printed number of a paragraph: "1.", "5bis.", "(a)"; "" for preambular ones."""
    if p.label is not None:
        return p.marker or f"({p.label})"
    if p.part == "operative" and p.number:
        return f"{p.number}."
    if p.part == "operative" and p.marker:
        return p.marker                     # a decision's lettered paragraph, "(a)"
    return ""


def style_of(p: Paragraph, depth: int) -> str:
    if p.part == "preambular" and depth == 0:
        return "Preambular"
    return depth_style(depth)


def opener_length(p: Paragraph) -> int:
    """How many leading characters of p.text are the opener (0 when it does not prefix)."""
    op = p.opener
    if not op or not p.text:
        return 0
    if p.text.startswith(op) or p.text[:len(op)].lower() == op.lower():
        return len(op)
    return 0


def opener_format(p: Paragraph, house: HouseStyle) -> str:
    return house.pp_opener if p.part == "preambular" else house.op_opener


def text_spans(p: Paragraph, house: HouseStyle) -> list[tuple[str, str]]:
    """The paragraph's own text as (text, format) pieces: the opener set off."""
    n = opener_length(p)
    if not n:
        return [(p.text, PLAIN)]
    return [(p.text[:n], opener_format(p, house)), (p.text[n:], PLAIN)]


def front_matter(res: Resolution, house: HouseStyle, date: str | None = None
                 ) -> list[tuple[str, str, str]]:
    """(style id, text, run format) for the symbol block, sponsors, title, note and body."""
    out: list[tuple[str, str, str]] = []
    if res.symbol:
        out.append(("Symbol", res.symbol, PLAIN))
    if date:
        out.append(("Symbol", date, PLAIN))
    kind = _KIND_WORDS.get(res.kind, res.kind.replace("_", " "))
    if res.sponsors and (house.name == "un" or not res.sponsor_note):
        out.append(("Sponsors", f"{_join_names(res.sponsors)}: {kind}", PLAIN))
    elif res.kind not in ("draft_resolution", "resolution") or (
            res.kind == "resolution" and not res.symbol):
        # Nothing else would say what the text is ("Draft decision -/CP.21", UNFCCC 2015;
        # an adopted text without its symbol).
        out.append(("Heading", kind[0].upper() + kind[1:], PLAIN))
    if res.title:
        out.append(("ResolutionTitle", res.title, PLAIN))
    if res.sponsor_note:
        out.append(("Note", res.sponsor_note, PLAIN))
    for note in res.notes:
        out.append(("FrontNote", note, PLAIN))
    if res.body and res.run_on_paragraph() is not None:
        # A decision's body runs on into its paragraph: printed as the words it is
        # ("The General Assembly" before "decides", "The General Assembly," before a clause).
        out.append(("Body", res.run_on_lead(), PLAIN))
    elif res.body:
        out.append(("Body", res.body_line, house.body))
    return out


def _join_names(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def footnote_run(mark: str, note_id: int) -> str:
    """A footnote reference printing `mark` itself (w:customMarkFollows): the paragraph's
    text keeps its verbatim mark ("Nations 1 are") and Word still links the note."""
    return (f'<w:r>{rpr("s")}<w:footnoteReference w:customMarkFollows="1" w:id="{note_id}"/>'
            f'<w:t xml:space="preserve">{escape(mark)}</w:t></w:r>')


def _with_footnotes(p: Paragraph, spans: list[tuple[str, str]], notes: list[str]) -> str:
    """Runs for the spans, each footnote mark of p made a reference to a note in `notes`."""
    if not p.footnotes:
        return "".join(run(text, fmt) for text, fmt in spans)
    from drafting.compare import mark_spans

    marks = [f.mark for f in p.footnotes]
    places = mark_spans(p.text, marks)
    texts = {}
    for f in p.footnotes:
        texts.setdefault(f.mark, []).append(f.text)
    out: list[str] = []
    pos = 0
    cuts = sorted(places)
    for text, fmt in spans:
        end = pos + len(text)
        at = pos
        for a, b in cuts:
            if a >= at and b <= end:
                out.append(run(p.text[at:a], fmt))
                mark = p.text[a:b]
                body = texts.get(mark, [""]).pop(0) if texts.get(mark) else ""
                notes.append(body)
                out.append(footnote_run(mark, len(notes)))
                at = b
        out.append(run(p.text[at:end], fmt))
        pos = end
    return "".join(out)


def _title_footnotes(res: Resolution) -> tuple[list, list]:
    """(the front footnotes whose marks end the title, glued as printed: "... sea1", in
    order; the others)."""
    title, on_title = res.title or "", []
    for f in reversed(res.footnotes):
        rest = title[:-len(f.mark)] if f.mark and title.endswith(f.mark) else None
        if not rest or rest[-1].isspace() or (f.mark.isdigit() and rest[-1].isdigit()):
            break
        on_title.insert(0, f)
        title = rest
    return on_title, [f for f in res.footnotes if f not in on_title]


def _with_front_footnotes(style: str, text: str, fmt: str, footnotes,
                          notes: list[str]) -> str:
    """Runs for a front line with references to `footnotes`: after the colon of the
    sponsors line ("Mauritania:* draft resolution"), else at the end."""
    head, tail = text, ""
    if style == "Sponsors" and ": " in text:
        cut = text.index(": ") + 1
        head, tail = text[:cut], text[cut:]
    return run(head, fmt) + _note_refs(footnotes, notes) + (run(tail, fmt) if tail else "")


def _note_refs(footnotes, notes: list[str]) -> str:
    """References to `footnotes`, their texts appended to `notes` (ids are positions)."""
    refs = []
    for f in footnotes:
        notes.append(f.text)
        refs.append(footnote_run(f.mark, len(notes)))
    return "".join(refs)


def clean_paragraph(p: Paragraph, house: HouseStyle, depth: int = 0,
                    notes: list[str] | None = None) -> Iterator[str]:
    """The paragraph and its sub-paragraphs as plain (untracked) w:p elements; footnote
    texts are appended to `notes` (their ids are 1-based positions in it)."""
    for line in p.heading:
        yield paragraph("SectionHeading", run(line))
    label = label_of(p)
    spans = text_spans(p, house)
    body = _with_footnotes(p, spans, notes) if notes is not None else "".join(
        run(text, fmt) for text, fmt in spans)
    yield paragraph(style_of(p, depth), (run(label + "\t") if label else "") + body)
    for sub in p.subparagraphs:
        yield from clean_paragraph(sub, house, depth + 1, notes)


def house_of(res: Resolution, style: str | None) -> HouseStyle:
    name = (style or res.style).lower()
    if name not in HOUSES:
        raise RenderError(f"unknown house style {style!r}: expected one of {', '.join(STYLES)}")
    return HOUSES[name]


def body_paragraphs(res: Resolution, house: HouseStyle, date: str | None = None,
                    notes: list[str] | None = None) -> Iterator[str]:
    front = front_matter(res, house, date)
    on_title, elsewhere = _title_footnotes(res)
    first = res.run_on_paragraph()
    if first is not None and (not elsewhere or any(
            style in ("Sponsors", "ResolutionTitle") for style, _, _ in front)):
        # "The General Assembly decides to ...": the body leads the first paragraph's line
        # (unless the body line is the only place left for the front's footnotes).
        front = [f for f in front if f[0] != "Body"]
        lead = replace(first, text=f"{res.run_on_lead()} {first.text}", opener=None)
        res = res.evolve(preambular=tuple(lead if p is first else p for p in res.preambular),
                         operative=tuple(lead if p is first else p for p in res.operative))
    # The footnotes no paragraph cites: one whose mark ends the title ("... of the sea1")
    # hangs there, on that mark; the others on the sponsors line ("Mauritania:*"), else on
    # the title, else on the body line.
    styles = [style for style, _, _ in front]
    anchor = next((styles.index(s) for s in ("Sponsors", "ResolutionTitle", "Body")
                   if s in styles), None) if elsewhere and notes is not None else None
    for k, (style, text, fmt) in enumerate(front):
        tail = ""
        if style == "ResolutionTitle" and on_title and notes is not None:
            text = text[:len(text) - sum(len(f.mark) for f in on_title)]
            tail = _note_refs(on_title, notes)
        if k == anchor:
            yield paragraph(style, _with_front_footnotes(style, text, fmt, elsewhere, notes)
                            + tail)
        else:
            yield paragraph(style, run(text, fmt) + tail)
    for p in res.preambular:
        yield from clean_paragraph(p, house, 0, notes)
    if res.transition:
        yield paragraph("Transition", run(res.transition, house.transition))
    for p in res.operative:
        yield from clean_paragraph(p, house, 0, notes)
    for line in closing_lines(res):
        yield paragraph("Closing", run(line))


def closing_lines(res: Resolution) -> list[str]:
    """The closing (trailer, annex) as Word paragraphs: one per printed line, blank lines
    left to the paragraph spacing."""
    return [line.strip() for line in res.closing if line.strip()]


def render_docx(res: Resolution, style: str | None = None, *, date: str | None = None) -> bytes:
    """The resolution as a .docx in house style `style` ("un" | "oas"; default res.style).

    `date` is printed under the symbol when given (the UN symbol and date block). Footnotes
    become Word footnotes at the foot of the page.
    """
    house = house_of(res, style)
    notes: list[str] = []
    body = "".join(body_paragraphs(res, house, date, notes))
    return package(body, title=res.title or "", footnotes=notes)


# ---------------------------------------------------------------------------------------
# The package: built once with python-docx, then reused with a new body.

@dataclass(frozen=True)
class _Template:
    parts: tuple[tuple[str, bytes], ...]   # every part but document.xml and core.xml, in order
    head: str                              # document.xml up to and including <w:body>
    tail: str                              # the section properties and the closing tags


# Twips: 1 inch = 1440, 0.5 inch = 720.
_INDENT = 720


@functools.lru_cache(maxsize=1)
def _template() -> _Template:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt, Twips
    from lxml import etree

    doc = Document()
    pkg = doc.part.package
    # The default template's thumbnail shows somebody else's page, and stylesWithEffects is
    # a Word 2010 leftover: neither belongs in our documents.
    for rels, reltype in ((pkg.rels, "relationships/metadata/thumbnail"),
                          (doc.part.rels, "relationships/stylesWithEffects"),
                          (doc.part.rels, "relationships/customXml")):
        for rid in [r for r, rel in rels.items() if rel.reltype.endswith(reltype)]:
            del rels[rid]

    normal = doc.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(12)
    # East-Asian and complex-script slots too, so Word does not fall back to Calibri.
    rfonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), "Times New Roman")
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.0

    def add(name: str, *, align: str | None = None, left: int = 0, first: int = 0,
            bold: bool = False, caps: bool = False, keep_next: bool = False,
            size: int | None = None, after: int = 120):
        # Written as XML: python-docx's add_style scans the template's 270 latent styles
        # for every style added (40 ms a process for these 13).
        sid = name.replace(" ", "")
        ind = ""
        if left or first:
            ind = "<w:ind" + (f' w:left="{left}"' if left else "") + (
                f' w:hanging="{-first}"' if first < 0 else
                f' w:firstLine="{first}"' if first else "") + "/>"
        ppr = ("<w:keepNext/>" if keep_next else "") + f'<w:spacing w:after="{after}"/>' + ind + (
            f'<w:jc w:val="{align}"/>' if align else "")
        rpr_xml = ("<w:b/>" if bold else "") + ("<w:caps/>" if caps else "") + (
            f'<w:sz w:val="{size}"/>' if size else "")
        styles_el.append(etree.fromstring(
            f'<w:style xmlns:w="{W_NS}" w:type="paragraph" w:customStyle="1" '
            f'w:styleId="{sid}"><w:name w:val="{name}"/><w:basedOn w:val="Normal"/>'
            f"<w:qFormat/><w:pPr>{ppr}</w:pPr>"
            + (f"<w:rPr>{rpr_xml}</w:rPr>" if rpr_xml else "") + "</w:style>"))

    styles_el = doc.styles.element
    add("Symbol", align="right")
    add("Sponsors", keep_next=True)
    add("ResolutionTitle", align="center", bold=True, caps=True, keep_next=True)
    add("Note", align="center")
    add("FrontNote", align="center")
    add("Body", first=_INDENT, keep_next=True)
    add("Preambular", first=_INDENT)
    add("Transition", keep_next=True)
    # Hanging indents: the number sits at the left, the text at the next tab stop.
    add("Operative", left=_INDENT, first=-_INDENT)
    add("SubParagraph1", left=2 * _INDENT, first=-_INDENT)
    add("SubParagraph2", left=3 * _INDENT, first=-_INDENT)
    add("SubParagraph3", left=4 * _INDENT, first=-_INDENT)
    add("Closing")
    add("SectionHeading", bold=True, keep_next=True)
    add("Heading", align="center", bold=True, keep_next=True)
    add("Footnote Text", size=20, after=0)

    section = doc.sections[0]
    # A4 with 1-inch margins, as UN and OAS documents are printed.
    section.page_width, section.page_height = Twips(11906), Twips(16838)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Twips(1440))
    footer_p = section.footer.paragraphs[0]
    footer_p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    # A PAGE field: Word and LibreOffice print the page number.
    for xml in ('<w:r %s><w:fldChar w:fldCharType="begin"/></w:r>',
                '<w:r %s><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>',
                '<w:r %s><w:fldChar w:fldCharType="separate"/></w:r>',
                '<w:r %s><w:t>1</w:t></w:r>',
                '<w:r %s><w:fldChar w:fldCharType="end"/></w:r>'):
        footer_p._p.append(etree.fromstring(xml % f'xmlns:w="{W_NS}"'))

    buf = io.BytesIO()
    doc.save(buf)
    with zipfile.ZipFile(buf) as z:
        parts = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    document = dict(parts)["word/document.xml"].decode("utf-8")
    start = document.index("<w:body>") + len("<w:body>")
    sect = document.index("<w:sectPr", start)
    return _Template(
        parts=tuple((n, b) for n, b in parts
                    if n not in ("word/document.xml", "docProps/core.xml")),
        head=document[:start],
        tail=document[sect:],
    )


def w3cdtf(date) -> str:
    """A date for w:date and core properties: a datetime (UTC) or a string kept as given."""
    if date is None:
        return FIXED_DATE
    if isinstance(date, str):
        return date
    from datetime import timezone

    if getattr(date, "tzinfo", None) is not None:
        date = date.astimezone(timezone.utc)
    return date.strftime("%Y-%m-%dT%H:%M:%SZ")


def _core_xml(title: str, date: str) -> bytes:
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
        'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(title)}</dc:title><dc:creator>drafting</dc:creator>"
        "<cp:lastModifiedBy>drafting</cp:lastModifiedBy><cp:revision>1</cp:revision>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{escape(date)}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{escape(date)}</dcterms:modified>'
        "</cp:coreProperties>").encode("utf-8")


_FOOTNOTES_TYPE = ("application/vnd.openxmlformats-officedocument.wordprocessingml."
                   "footnotes+xml")
_FOOTNOTES_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"


def _footnotes_xml(notes: Sequence[str]) -> bytes:
    # Ids -1 and 0 are Word's separator lines above the notes.
    out = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes xmlns:w="{W_NS}">'
           '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
           '</w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
           '<w:continuationSeparator/></w:r></w:p></w:footnote>']
    for i, text in enumerate(notes, 1):
        out.append(f'<w:footnote w:id="{i}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
                   f"{run(text)}</w:p></w:footnote>")
    out.append("</w:footnotes>")
    return "".join(out).encode("utf-8")


def package(body_xml: str, title: str = "", date=FIXED_DATE,
            footnotes: Sequence[str] = ()) -> bytes:
    """A complete .docx whose body is `body_xml` (a run of w:p elements); `footnotes` are
    the texts of footnotes 1, 2 ... that the body references."""
    t = _template()
    date = w3cdtf(date)
    document = (t.head + body_xml + t.tail).encode("utf-8")
    parts = t.parts
    if footnotes:
        parts = tuple(_with_footnotes_part(n, b) for n, b in parts) + (
            ("word/footnotes.xml", _footnotes_xml(footnotes)),)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in _ordered(parts, document, _core_xml(title, date)):
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0o644 << 16
            z.writestr(info, data)
    return buf.getvalue()


def _with_footnotes_part(name: str, data: bytes) -> tuple[str, bytes]:
    """The content types and the document's relationships, declaring word/footnotes.xml."""
    if name == "[Content_Types].xml":
        data = data.replace(b"</Types>", (
            f'<Override PartName="/word/footnotes.xml" ContentType="{_FOOTNOTES_TYPE}"/>'
            "</Types>").encode())
    elif name == "word/_rels/document.xml.rels":
        data = data.replace(b"</Relationships>", (
            f'<Relationship Id="rIdFootnotes" Type="{_FOOTNOTES_REL}" Target="footnotes.xml"/>'
            "</Relationships>").encode())
    return name, data


def _ordered(parts: Iterable[tuple[str, bytes]], document: bytes, core: bytes
             ) -> Iterator[tuple[str, bytes]]:
    # [Content_Types].xml first, as Word expects; then the template's order.
    yield from ((n, b) for n, b in parts if n == "[Content_Types].xml")
    yield "word/document.xml", document
    yield "docProps/core.xml", core
    yield from ((n, b) for n, b in parts if n != "[Content_Types].xml")
