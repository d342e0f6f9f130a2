"""Read Word files: the text of a .docx as plain lines, and tracked changes as amendments.

What Word shows is what we read: numbers produced by automatic numbering are materialised
from numbering.xml ("1. ", "(a) "), text inside w:ins counts and w:del is skipped (the
accepted view; `changes="reject"` gives the rejected one). A paragraph whose mark is
deleted joins the next one, as it does when Word accepts the deletion.

Word files come from outside, so they are treated as hostile: the zip's declared sizes and
compression ratios are checked before anything is read, every part is read with a size cap,
and XML is parsed without DTDs, entity expansion or network access (a DOCTYPE is refused
outright). Each failure is an InputError naming the file.
"""
from __future__ import annotations

import io
import os
import re
import zipfile
import zlib
from dataclasses import dataclass
from typing import Callable

from drafting.errors import InputError
from drafting.model import Operation, Resolution

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_OFFICE_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

# Bounds for hostile archives. The huge workload (2,000 paragraphs) has a 3 MB document.xml
# compressed about 5:1; real Word files stay well under 30:1.
MAX_PART = 48 * 1024 * 1024          # uncompressed bytes of any one part we read
MAX_TOTAL = 256 * 1024 * 1024        # declared uncompressed bytes of the whole archive
MAX_RATIO = 200                      # uncompressed / compressed, for parts over 1 MiB
MAX_MEMBERS = 10_000

# Tracked-change containers: inserted content (shown when the change is accepted) and
# deleted content (shown when it is rejected).
_INSERTED = (W + "ins", W + "moveTo")
_DELETED = (W + "del", W + "moveFrom")
_SKIP = {W + t for t in ("pPr", "rPr", "instrText", "delInstrText", "txbxContent",
                         "endnoteReference", "commentReference", "footnoteRef",
                         "fldData", "drawing", "pict", "object")}

# Printed between the text and its footnotes, as in the UN's own documents (and as the
# parser expects a footnote block to start).
FOOTNOTE_RULE = "__________________"

Accepts = Callable[[object], bool]


# ---------------------------------------------------------------------------------------
# The archive

@dataclass(frozen=True)
class _Package:
    name: str
    document: object                     # lxml root of the main document part
    numbering: object | None
    styles: object | None
    footnotes: object | None = None


def _fail(message: str, source: str) -> InputError:
    return InputError(message, file=source)


def _open_zip(path_or_bytes, source: str) -> zipfile.ZipFile:
    if isinstance(path_or_bytes, (bytes, bytearray, memoryview)):
        stream = io.BytesIO(bytes(path_or_bytes))
    else:
        try:
            stream = open(os.fspath(path_or_bytes), "rb")
        except OSError as e:
            raise _fail(f"cannot open: {e.strerror or e}", source) from None
    try:
        return zipfile.ZipFile(stream)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError,
            NotImplementedError, RuntimeError):
        stream.close()
        raise _fail("not a Word file: a .docx is a zip archive and this is not one",
                    source) from None


def _check_archive(z: zipfile.ZipFile, source: str) -> None:
    infos = z.infolist()
    if len(infos) > MAX_MEMBERS:
        raise _fail(f"refused: {len(infos)} members in the archive", source)
    total = sum(i.file_size for i in infos)
    if total > MAX_TOTAL:
        raise _fail(f"refused: the archive unpacks to {total} bytes (zip bomb?)", source)


def _read_part(z: zipfile.ZipFile, name: str, source: str) -> bytes | None:
    try:
        info = z.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MAX_PART:
        raise _fail(f"refused: {name} unpacks to {info.file_size} bytes", source)
    if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
        raise _fail(f"refused: {name} is compressed {info.file_size // max(info.compress_size, 1)}"
                    ":1 (zip bomb?)", source)
    try:
        with z.open(info) as f:
            # The header's size can lie: never read more than the cap.
            data = f.read(MAX_PART + 1)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError,
            RuntimeError, ValueError) as e:
        # ValueError: a central directory offset past the end ("negative seek value").
        raise _fail(f"damaged archive member {name}: {e}", source) from None
    if len(data) > MAX_PART:
        raise _fail(f"refused: {name} unpacks to more than {MAX_PART} bytes", source)
    return data


def _parse_xml(data: bytes, name: str, source: str):
    from lxml import etree

    # Entity tricks (billion laughs, external entities) all need a DTD: refuse any.
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise _fail(f"refused: {name} declares a DTD or entities", source)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False, remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as e:
        raise _fail(f"{name} is not well-formed XML: {e}", source) from None
    # The same check after parsing, for encodings the byte search cannot see (UTF-16).
    if root.getroottree().docinfo.doctype:
        raise _fail(f"refused: {name} declares a DTD", source)
    return root


def _targets(z: zipfile.ZipFile, rels_name: str, base: str, source: str) -> dict[str, str]:
    """Relationship type (last path segment) -> part name, from a .rels part."""
    data = _read_part(z, rels_name, source)
    if data is None:
        return {}
    out = {}
    for rel in _parse_xml(data, rels_name, source).iter(_REL_NS + "Relationship"):
        kind = (rel.get("Type") or "").rsplit("/", 1)[-1]
        target = rel.get("Target") or ""
        if rel.get("TargetMode") == "External" or not target:
            continue
        name = target.lstrip("/") if target.startswith("/") else _join(base, target)
        out.setdefault(kind, name)
    return out


def _join(base: str, target: str) -> str:
    parts = [p for p in (base.split("/") if base else [])] + target.split("/")
    out: list[str] = []
    for p in parts:
        if p == "..":
            if out:
                out.pop()
        elif p and p != ".":
            out.append(p)
    return "/".join(out)


def _load(path_or_bytes, source: str | None) -> _Package:
    if source is None:
        source = "<docx>" if isinstance(path_or_bytes, (bytes, bytearray, memoryview)) \
            else os.fspath(path_or_bytes)
    z = _open_zip(path_or_bytes, source)
    with z:
        _check_archive(z, source)
        main = _targets(z, "_rels/.rels", "", source).get("officeDocument", "word/document.xml")
        data = _read_part(z, main, source)
        if data is None:
            raise _fail(f"not a Word document: no {main} in the archive", source)
        document = _parse_xml(data, main, source)
        folder = main.rsplit("/", 1)[0] if "/" in main else ""
        rels = f"{folder}/_rels/{main.rsplit('/', 1)[-1]}.rels" if folder else \
            f"_rels/{main}.rels"
        parts = _targets(z, rels, folder, source)
        loaded = {}
        for kind in ("numbering", "styles", "footnotes"):
            name = parts.get(kind, _join(folder, f"{kind}.xml"))
            raw = _read_part(z, name, source)
            loaded[kind] = _parse_xml(raw, name, source) if raw is not None else None
    return _Package(source, document, loaded["numbering"], loaded["styles"],
                    loaded["footnotes"])


# ---------------------------------------------------------------------------------------
# Automatic numbering (numbering.xml)

@dataclass(frozen=True)
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    restart: int | None = None         # w:lvlRestart: restart after this level (1-based)


def _int(el, default: int | None = None, attr: str = "val") -> int | None:
    """The integer in attribute w:`attr` of `el`, or `default` when there is none or it is
    not a number (a damaged file)."""
    if el is None:
        return default
    try:
        return int(el.get(W + attr))
    except (TypeError, ValueError):
        return default


class _Numbering:
    """Counters for Word's automatic numbering, advanced paragraph by paragraph."""

    def __init__(self, numbering, styles):
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.abstract_link: dict[str, str] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        self.style_numpr: dict[str, tuple[str | None, int | None]] = {}
        self.style_base: dict[str, str] = {}
        self.counters: dict[str, list[int | None]] = {}
        self.started: set[str] = set()
        if styles is not None:
            for st in styles.iter(W + "style"):
                sid = st.get(W + "styleId")
                if not sid:
                    continue
                base = st.find(W + "basedOn")
                if base is not None and base.get(W + "val"):
                    self.style_base[sid] = base.get(W + "val")
                numpr = st.find(f"{W}pPr/{W}numPr")
                if numpr is not None:
                    num = numpr.find(W + "numId")
                    self.style_numpr[sid] = (
                        num.get(W + "val") if num is not None else None,
                        _int(numpr.find(W + "ilvl")))
        if numbering is None:
            return
        for ab in numbering.iter(W + "abstractNum"):
            aid = ab.get(W + "abstractNumId")
            levels = {}
            for lvl in ab.iter(W + "lvl"):
                ilvl = _int(lvl, 0, "ilvl")
                fmt = lvl.find(W + "numFmt")
                text = lvl.find(W + "lvlText")
                levels[ilvl] = _Level(
                    start=_int(lvl.find(W + "start"), 0),
                    fmt=fmt.get(W + "val") if fmt is not None else "decimal",
                    text=text.get(W + "val") if text is not None and text.get(W + "val")
                    is not None else "",
                    restart=_int(lvl.find(W + "lvlRestart")))
            self.abstract[aid] = levels
            link = ab.find(W + "numStyleLink")
            if link is not None and link.get(W + "val"):
                self.abstract_link[aid] = link.get(W + "val")
        for num in numbering.iter(W + "num"):
            nid = num.get(W + "numId")
            ab = num.find(W + "abstractNumId")
            overrides = {}
            for ov in num.iter(W + "lvlOverride"):
                start = _int(ov.find(W + "startOverride"))
                if start is not None:
                    overrides[_int(ov, 0, "ilvl")] = start
            self.nums[nid] = (ab.get(W + "val") if ab is not None else "", overrides)

    def _style_numpr(self, style: str | None) -> tuple[str | None, int | None]:
        seen = set()
        while style and style not in seen:
            seen.add(style)
            if style in self.style_numpr:
                return self.style_numpr[style]
            style = self.style_base.get(style)
        return None, None

    def _abstract_of(self, nid: str) -> tuple[str, dict[int, _Level]] | None:
        if nid not in self.nums:
            return None
        aid, _ = self.nums[nid]
        # A list style: the abstract numbering only points to a style that holds the real one.
        if aid in self.abstract_link:
            linked, _ = self._style_numpr(self.abstract_link[aid])
            if linked and linked in self.nums and self.nums[linked][0] in self.abstract:
                aid = self.nums[linked][0]
        if aid not in self.abstract:
            return None
        return aid, self.abstract[aid]

    def label(self, ppr) -> str:
        """The number Word prints before this paragraph ("" if none), counters advanced."""
        nid = ilvl = style = None
        if ppr is not None:
            st = ppr.find(W + "pStyle")
            style = st.get(W + "val") if st is not None else None
            numpr = ppr.find(W + "numPr")
            if numpr is not None:
                num = numpr.find(W + "numId")
                nid = num.get(W + "val") if num is not None else None
                ilvl = _int(numpr.find(W + "ilvl"))
        if nid is None:
            s_nid, s_ilvl = self._style_numpr(style)
            nid = s_nid
            ilvl = ilvl if ilvl is not None else s_ilvl
        if not nid or nid == "0":
            return ""
        found = self._abstract_of(nid)
        if found is None:
            return ""
        aid, levels = found
        ilvl = max(0, min(ilvl or 0, 8))
        overrides = self.nums[nid][1]
        # A num with start overrides is a restarted list: its own counters.
        key = nid if overrides else aid
        counters = self.counters.setdefault(key, [None] * 9)
        level = levels.get(ilvl, _Level())
        if counters[ilvl] is None:
            counters[ilvl] = overrides.get(ilvl, level.start)
        else:
            counters[ilvl] += 1
        for deeper in range(ilvl + 1, 9):
            lv = levels.get(deeper)
            if lv is None or lv.restart is None or lv.restart > ilvl:
                counters[deeper] = None

        def value(m: re.Match) -> str:
            k = int(m[1]) - 1
            lv = levels.get(k, _Level())
            n = counters[k] if counters[k] is not None else overrides.get(k, lv.start)
            return _format(n, lv.fmt)

        if level.fmt in ("bullet", "none"):
            return ""
        return re.sub(r"%([1-9])", value, level.text)


def _format(n: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        # Word repeats the letter past z: aa, bb ...
        s = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else ""
        return s.upper() if fmt == "upperLetter" else s
    if fmt in ("lowerRoman", "upperRoman"):
        s = _roman(n)
        return s.upper() if fmt == "upperRoman" else s
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


def _roman(n: int) -> str:
    if n <= 0:
        return str(n)
    out = []
    for value, numeral in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"),
                           (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"),
                           (4, "iv"), (1, "i")):
        while n >= value:
            out.append(numeral)
            n -= value
    return "".join(out)


# ---------------------------------------------------------------------------------------
# Text

def _blocks(el):
    """Paragraphs of the body in reading order, tables and content controls included."""
    for child in el:
        tag = child.tag
        if tag == W + "p":
            yield child
        elif tag != W + "sectPr" and isinstance(tag, str):
            yield from _blocks(child)


def _runs_text(el, accepts: Accepts, out: list[str], refs: list | None = None) -> None:
    """Append the visible text under `el` to `out`; footnote references go to `refs` as
    (footnote id, mark), and an automatically numbered one prints its number."""
    for child in el:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag == W + "footnoteReference":
            if refs is None:
                continue
            if child.get(W + "customMarkFollows") in ("1", "true", "on"):
                # The mark is the text that follows in the run ("Nations 1 are").
                follow = child.getnext()
                mark = follow.text or "" if follow is not None and follow.tag == W + "t" else ""
            else:
                mark = str(1 + sum(1 for _, _, auto in refs if auto))
                out.append(mark)
            refs.append((child.get(W + "id"), mark,
                         child.get(W + "customMarkFollows") not in ("1", "true", "on")))
        elif tag == W + "t" or tag == W + "delText":
            out.append(child.text or "")
        elif tag in (W + "tab", W + "br", W + "cr", W + "ptab"):
            out.append(" ")
        elif tag == W + "noBreakHyphen":
            out.append("\u2011")
        elif tag in _INSERTED:
            if accepts(child):
                _runs_text(child, accepts, out, refs)
        elif tag in _DELETED:
            if not accepts(child):
                _runs_text(child, accepts, out, refs)
        else:
            _runs_text(child, accepts, out, refs)


def _mark_kept(ppr, accepts: Accepts) -> bool:
    """Whether the paragraph mark survives: a tracked inserted or deleted mark may not."""
    if ppr is None:
        return True
    rpr = ppr.find(W + "rPr")
    if rpr is None:
        return True
    for child in rpr:
        if child.tag in _INSERTED and not accepts(child):
            return False
        if child.tag in _DELETED and accepts(child):
            return False
    return True


def _effective_ppr(ppr, accepts: Accepts):
    """The paragraph properties in this view: a rejected w:pPrChange restores the old ones."""
    if ppr is None:
        return None
    change = ppr.find(W + "pPrChange")
    if change is not None and not accepts(change):
        old = change.find(W + "pPr")
        return old if old is not None else ppr
    return ppr


def _lines(pkg: _Package, accepts: Accepts) -> list[str]:
    numbering = _Numbering(pkg.numbering, pkg.styles)
    body = pkg.document.find(W + "body")
    if body is None:
        raise _fail("not a Word document: word/document.xml has no w:body", pkg.name)
    lines: list[str] = []
    pending: list[str] = []
    refs: list = []
    for p in _blocks(body):
        ppr = p.find(W + "pPr")
        out: list[str] = []
        _runs_text(p, accepts, out, refs)
        pending.extend(out)
        if not _mark_kept(ppr, accepts):
            # The mark is gone: this paragraph's words run on into the next one.
            continue
        text = " ".join("".join(pending).split())
        pending = []
        label = numbering.label(_effective_ppr(ppr, accepts))
        if text:
            lines.append(f"{label} {text}" if label else text)
    tail = " ".join("".join(pending).split())
    if tail:
        lines.append(tail)
    notes = _footnote_texts(pkg, accepts)
    block = [f"{mark} {notes[fid]}" for fid, mark, _ in refs if notes.get(fid)]
    if block:
        lines.append(FOOTNOTE_RULE)
        lines.extend(block)
    return lines


def _footnote_texts(pkg: _Package, accepts: Accepts) -> dict[str, str]:
    if pkg.footnotes is None:
        return {}
    out = {}
    for note in pkg.footnotes.iter(W + "footnote"):
        if note.get(W + "type") in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        words: list[str] = []
        for p in _blocks(note):
            _runs_text(p, accepts, words)
            words.append(" ")
        out[note.get(W + "id")] = " ".join("".join(words).split())
    return out


def _all_accepted(_el) -> bool:
    return True


def _all_rejected(_el) -> bool:
    return False


def docx_to_text(path_or_bytes, source: str | None = None, changes: str = "accept") -> str:
    """The document's paragraphs as plain text: one paragraph a line, a blank line between.

    `changes` is "accept" (Word's "accept all": the text as it would be) or "reject" (the
    text before the tracked changes).
    """
    if changes not in ("accept", "reject"):
        raise ValueError(f"changes must be 'accept' or 'reject', not {changes!r}")
    pkg = _load(path_or_bytes, source)
    accepts = _all_accepted if changes == "accept" else _all_rejected
    lines = _lines(pkg, accepts)
    return "\n\n".join(lines) + "\n" if lines else ""


_CHANGE_TAGS = _INSERTED + _DELETED + (W + "pPrChange",)


def change_authors(path_or_bytes, source: str | None = None) -> tuple[str, ...]:
    """The authors of the tracked changes in the document, in order of first appearance."""
    return _authors(_load(path_or_bytes, source))


def _authors(pkg: _Package) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for el in pkg.document.iter(*_INSERTED, *_DELETED):
        seen.setdefault(el.get(W + "author") or "unknown", None)
    return tuple(seen)


def amendments_from_docx(path, base: Resolution, source: str | None = None
                         ) -> dict[str, tuple[Operation, ...]]:
    """Each author's tracked changes as amendment operations against `base`.

    For each author, the text with only that author's changes accepted (everyone else's
    rejected) is parsed and compared with `base` (`drafting.amend.derive_operations`).
    """
    from drafting.amend import derive_operations
    from drafting.parse import parse_text

    pkg = _load(path, source)
    out: dict[str, tuple[Operation, ...]] = {}
    for author in _authors(pkg):
        def accepts(el, author=author) -> bool:
            return (el.get(W + "author") or "unknown") == author

        text = "\n\n".join(_lines(pkg, accepts)) + "\n"
        edited = parse_text(text, source=f"{pkg.name} ({author}'s changes)")
        out[author] = tuple(derive_operations(base, edited))
    return out
