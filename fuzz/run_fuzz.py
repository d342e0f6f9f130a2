#!/usr/bin/env python3
"""Fuzz every reader: each input must give a result or a DraftingError, never another
exception, a hang or runaway memory.

Readers: resolution texts and amendment documents (`drafting.parse.parse_document`),
amendment instructions (`drafting.instructions.parse_instructions`) and Word files
(`drafting.docx_read.docx_to_text`). Inputs are the real corpus texts mutated (lines
deleted, duplicated, swapped; random characters and bytes; truncation; numbers shuffled;
brackets, quotes, "5bis", "(a)" injected), random text, and a valid .docx from
`render_docx` damaged (bytes flipped, truncated, document.xml replaced by random or
entity-laden XML, zip bombs, missing parts).

Usage: .venv/bin/python fuzz/run_fuzz.py N [--seed S] [--jobs J] [--timeout SECONDS]
Prints inputs / results / clean errors / unexpected per reader; unexpected inputs are saved
under /tmp/drafting-fuzz/ and the exit status is 1 when there is any.
"""
from __future__ import annotations

import argparse
import io
import json
import os
import random
import resource
import signal
import sys
import time
import zipfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "fixtures" / "corpus"
OUT = Path(os.environ.get("DRAFTING_FUZZ_OUT", "/tmp/drafting-fuzz"))

# Pieces the drafts are made of: the mutations splice them in where they hurt the most.
TOKENS = ["5bis", "5 bis", "ter", "(a)", "(ii)", "a)", "1.", "12.", "[", "]", "[[", "]]",
          '"', "“", "”", "‘", "’", "«", "»", "(", ")", ",", ";", ":", ".", "\t", "\u00a0",
          "\u2011", "\ufeff", "\u200b", "\r", "\r\n", "\n\n", "*", "**", "#", "_", "Recalling",
          "Decides", "RESOLVES:", "RESUELVE:", "The General Assembly,", "The Security Council,",
          "Amendment to draft resolution A/C.3/80/L.24", "A/C.3/80/L.65", "OP3", "PP2",
          "operative paragraph", "preambular paragraph", "insert", "delete", "replace", "with",
          "after", "before", "the words", "reading:", "1/", "\u0301", "\U0001F600", "\x00",
          "\x0c", "\x1b", "0", "9999", "bis", "quater", "(xiv)", "(z)", "A/RES/80/1"]

INSTRUCTIONS = [
    'In operative paragraph 3, replace "rights" with "freedoms"',
    'In operative paragraph 3, after "rights" (second occurrence), insert "x"',
    'After operative paragraph 5, insert a new paragraph reading: "To instruct the CAM"',
    "Delete the fourteenth and fifteenth preambular paragraphs",
    'OP5bis: replace "a" with "b"',
    'In OP1(a)(ii), delete "x"',
    "Move operative paragraph 4 to follow operative paragraph 6",
    'Throughout the text, replace "x" with "y"',
    '1. In OP3, delete "a".\n2. Delete PP2.\n3. PP4: delete',
    "Replace operative paragraph 6 with:\nRequests the Secretary-\nGeneral\nto report.",
    'In operative paragraphs 2, 5 and 7, delete "x"',
    'At the end of operative paragraph 3, add "and to report thereon"',
    'In operative paragraph 3, after “the ‘so-called’” insert “and the \"new\" one”',
    'Before the first preambular paragraph, insert a new preambular paragraph: "Recalling x,"',
    "Delete subparagraph (c) of operative paragraph 2",
]


def corpus_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]


# --- text mutations ---------------------------------------------------------------------

def _lines_op(rng: random.Random, text: str) -> str:
    lines = text.split("\n")
    if not lines:
        return text
    i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
    what = rng.randrange(4)
    if what == 0:
        del lines[i]
    elif what == 1:
        lines.insert(j, lines[i])
    elif what == 2:
        lines[i], lines[j] = lines[j], lines[i]
    else:
        lines[i:i + rng.randrange(1, 20)] = []
    return "\n".join(lines)


def _insert_piece(rng: random.Random, text: str) -> str:
    at = rng.randrange(len(text) + 1)
    if rng.random() < 0.3:
        # At a line start, where numbers and markers are read.
        at = text.rfind("\n", 0, at) + 1
    piece = rng.choice(TOKENS) if rng.random() < 0.7 else _random_chars(rng, rng.randrange(1, 8))
    return text[:at] + piece + text[at:]


def _random_chars(rng: random.Random, n: int) -> str:
    out = []
    for _ in range(n):
        r = rng.random()
        if r < 0.5:
            out.append(chr(rng.randrange(32, 127)))
        elif r < 0.7:
            out.append(chr(rng.randrange(0, 32)))
        elif r < 0.9:
            out.append(chr(rng.randrange(0x80, 0x3000)))
        else:
            c = rng.randrange(0x3000, 0x110000)
            out.append(chr(c) if not 0xD800 <= c < 0xE000 else "\ufffd")
    return "".join(out)


def _delete_span(rng: random.Random, text: str) -> str:
    if not text:
        return text
    a = rng.randrange(len(text))
    return text[:a] + text[a + rng.randrange(1, 200):]


def _truncate(rng: random.Random, text: str) -> str:
    return text[:rng.randrange(len(text) + 1)]


def _shuffle_numbers(rng: random.Random, text: str) -> str:
    import re
    return re.sub(r"\d+", lambda m: rng.choice([m.group(), "0", str(rng.randrange(10000)),
                                                m.group() + "bis", ""])
                  if rng.random() < 0.3 else m.group(), text)


def _splice(rng: random.Random, text: str) -> str:
    other = rng.choice(_SEEDS) if _SEEDS else text
    a, b = rng.randrange(len(text) + 1), rng.randrange(len(other) + 1)
    return text[:a] + other[b:b + rng.randrange(1, 2000)] + text[a:]


def _case(rng: random.Random, text: str) -> str:
    a = rng.randrange(len(text) + 1)
    b = a + rng.randrange(1, 300)
    return text[:a] + rng.choice([str.upper, str.lower, str.title])(text[a:b]) + text[b:]


MUTATORS = [_lines_op, _lines_op, _insert_piece, _insert_piece, _insert_piece, _delete_span,
            _truncate, _shuffle_numbers, _splice, _case]
_SEEDS: list[str] = []


def mutate(rng: random.Random, text: str, rounds: int | None = None) -> str:
    for _ in range(rounds if rounds is not None else rng.randrange(1, 6)):
        text = rng.choice(MUTATORS)(rng, text)
    return text


def random_text(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randrange(1, 40)):
        parts.append(rng.choice(TOKENS) if rng.random() < 0.6
                     else _random_chars(rng, rng.randrange(1, 12)))
        parts.append(rng.choice([" ", " ", "\n", "\n\n", ""]))
    return "".join(parts)


# --- Word files -------------------------------------------------------------------------

def valid_docx() -> bytes:
    from drafting.parse import parse_text
    from drafting.render.docx import render_docx
    return render_docx(parse_text((CORPUS / "un-ga-c3-80-L24-draft-report-hrc.txt")
                                  .read_text(encoding="utf-8")))


def _members(data: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return [(n, z.read(n)) for n in z.namelist()]


def _zip(members, method=zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as z:
        for name, data in members:
            z.writestr(name, data)
    return buf.getvalue()


_BOMB_XML = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
             b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
             b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
             b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
             b'<w:body><w:p><w:r><w:t>&lol3;</w:t></w:r></w:p></w:body></w:document>')
_XXE_XML = (b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            b'<w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>')
_W = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _random_xml(rng: random.Random) -> bytes:
    tags = ["w:p", "w:r", "w:t", "w:ins", "w:del", "w:delText", "w:pPr", "w:numPr", "w:ilvl",
            "w:numId", "w:footnoteReference", "w:tab", "w:br", "w:sdt", "w:sdtContent",
            "w:moveTo", "w:moveFrom", "w:hyperlink", "w:tbl", "w:tr", "w:tc", "w:pStyle"]

    def el(depth: int) -> str:
        tag = rng.choice(tags)
        attrs = ""
        if rng.random() < 0.4:
            attrs = f' w:val="{rng.choice(["0", "1", "-1", "99999999999", "x", "", "Heading1"])}"'
        if rng.random() < 0.2:
            attrs += f' w:id="{rng.choice(["0", "1", "-5", "a", "3"])}"'
        if depth > 6 or rng.random() < 0.3:
            text = random_text(rng)[:50].replace("&", "&amp;").replace("<", "&lt;")
            text = "".join(c for c in text if c in "\t\n\r" or ord(c) >= 32)
            text = "".join(c for c in text if not 0xD800 <= ord(c) < 0xE000 and c not in "\ufffe\uffff")
            return f"<{tag}{attrs}>{text}</{tag}>"
        return f"<{tag}{attrs}>" + "".join(el(depth + 1) for _ in range(rng.randrange(0, 4))) \
            + f"</{tag}>"

    body = "".join(el(0) for _ in range(rng.randrange(1, 10)))
    xml = f'<w:document {_W.decode()}><w:body>{body}</w:body></w:document>'.encode("utf-8")
    if rng.random() < 0.2:
        xml = mutate_bytes(rng, xml)
    return xml


def mutate_bytes(rng: random.Random, data: bytes) -> bytes:
    b = bytearray(data)
    for _ in range(rng.randrange(1, 10)):
        if not b:
            break
        i = rng.randrange(len(b))
        r = rng.random()
        if r < 0.6:
            b[i] ^= 1 << rng.randrange(8)
        elif r < 0.8:
            b[i] = rng.randrange(256)
        else:
            del b[i:i + rng.randrange(1, 64)]
    return bytes(b)


_BOMBS: dict[int, list[bytes]] = {}


def _bombs(good: bytes) -> list[bytes]:
    """Zip bombs made once: a 60 MiB part of spaces inside valid XML, or of zeros (~1000:1)."""
    key = hash(good)
    if key not in _BOMBS:
        members = _members(good)
        spaces = b"<w:document " + _W + b"><w:body><w:p><w:r><w:t>" + b" " * (60 << 20) \
            + b"</w:t></w:r></w:p></w:body></w:document>"
        _BOMBS[key] = [_zip([(n, big if n == "word/document.xml" else d) for n, d in members])
                       for big in (spaces, b"\0" * (60 << 20))]
    return _BOMBS[key]


def mutate_docx(rng: random.Random, good: bytes) -> bytes:
    what = rng.randrange(9)
    members = _members(good)
    if what == 0:
        return mutate_bytes(rng, good)
    if what == 1:
        return good[:rng.randrange(len(good) + 1)]
    if what == 2:
        return _zip([(n, _random_xml(rng) if n == "word/document.xml" else d)
                     for n, d in members])
    if what == 3:
        return _zip([(n, rng.choice([_BOMB_XML, _XXE_XML, _BOMB_XML.decode().encode("utf-16")])
                      if n == "word/document.xml" else d) for n, d in members])
    if what == 4:
        return rng.choice(_bombs(good))
    if what == 5:
        keep = [m for m in members if rng.random() < 0.7]
        return _zip(keep)
    if what == 6:
        # Damage one member's XML bytes (styles, numbering, footnotes, rels, document).
        k = rng.randrange(len(members))
        return _zip([(n, mutate_bytes(rng, d) if i == k else d)
                     for i, (n, d) in enumerate(members)])
    if what == 7:
        # The document's text mutated as text, the XML kept well-formed.
        k = [n for n, _ in members].index("word/document.xml")
        xml = members[k][1].decode("utf-8")
        for _ in range(rng.randrange(1, 4)):
            a = rng.randrange(len(xml))
            xml = xml[:a] + rng.choice(["<w:p><w:r><w:t>5bis</w:t></w:r></w:p>", "</w:p><w:p>",
                                        "<w:ins w:author=\"X\"><w:r><w:t>(a)</w:t></w:r></w:ins>",
                                        "<w:numPr><w:ilvl w:val=\"9\"/><w:numId w:val=\"1\"/></w:numPr>"]) + xml[a:]
        members[k] = (members[k][0], xml.encode("utf-8"))
        return _zip(members)
    return _zip(members, zipfile.ZIP_STORED) if rng.random() < 0.5 else mutate_bytes(rng, _zip(members, zipfile.ZIP_STORED))


# --- running ----------------------------------------------------------------------------

class Hang(Exception):
    pass


def _alarm(signum, frame):
    raise Hang()


def make_input(rng: random.Random, reader: str, good_docx: bytes | None):
    if reader == "docx":
        return mutate_docx(rng, good_docx)
    if reader == "instructions":
        if rng.random() < 0.2:
            return random_text(rng)
        base = "\n".join(rng.sample(INSTRUCTIONS, rng.randrange(1, 4)))
        return mutate(rng, base)
    if rng.random() < 0.1:
        return random_text(rng)
    return mutate(rng, rng.choice(_SEEDS))


def call(reader: str, data):
    if reader == "document":
        from drafting.parse import parse_document
        return parse_document(data, "fuzz.txt")
    if reader == "instructions":
        from drafting.instructions import parse_instructions
        return parse_instructions(data)
    from drafting.docx_read import docx_to_text
    text = docx_to_text(data, "fuzz.docx")
    # What the user does next with a Word file: parse what it says.
    if text.strip():
        from drafting.parse import parse_document
        parse_document(text, "fuzz.docx")
    return text


def run_one(reader: str, data, timeout: float) -> str:
    """'result', 'error' (a DraftingError) or 'unexpected: <Type: message>'."""
    from drafting.errors import DraftingError
    signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        call(reader, data)
        return "result"
    except DraftingError:
        return "error"
    except Hang:
        return f"unexpected: hang over {timeout} s"
    except MemoryError:
        return "unexpected: MemoryError"
    except Exception as e:  # noqa: BLE001 - the point is to find these
        return f"unexpected: {type(e).__name__}: {str(e)[:200]}"
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def worker(args) -> dict:
    reader, n, seed, timeout = args
    signal.signal(signal.SIGALRM, _alarm)
    # Runaway memory shows as a MemoryError instead of taking the machine down.
    resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))
    _SEEDS[:] = corpus_texts()
    good = valid_docx() if reader == "docx" else None
    rng = random.Random(seed)
    counts: Counter = Counter()
    failures = []
    for k in range(n):
        data = make_input(rng, reader, good)
        outcome = run_one(reader, data, timeout)
        counts[outcome if not outcome.startswith("unexpected") else "unexpected"] += 1
        if outcome.startswith("unexpected"):
            failures.append((outcome, seed, k, data))
    return {"reader": reader, "counts": counts, "failures": failures}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", type=int, help="total inputs, shared across the readers")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--timeout", type=float, default=10.0, help="seconds per input")
    args = ap.parse_args()

    # Word inputs are slower (zip, XML, then a parse): fewer of them.
    share = {"document": 0.5, "instructions": 0.35, "docx": 0.15}
    chunk = 2000
    tasks = []
    for reader, frac in share.items():
        total = int(args.n * frac)
        for i in range(0, total, chunk):
            tasks.append((reader, min(chunk, total - i), args.seed * 1_000_003 + len(tasks), args.timeout))
    start = time.time()
    from multiprocessing import Pool
    totals = {r: Counter() for r in share}
    failures = []
    with Pool(args.jobs) as pool:
        for res in pool.imap_unordered(worker, tasks):
            totals[res["reader"]].update(res["counts"])
            failures.extend((res["reader"],) + f for f in res["failures"])
    elapsed = time.time() - start

    print(f"{'reader':14} {'inputs':>8} {'results':>8} {'errors':>8} {'unexpected':>10}")
    for reader, c in totals.items():
        print(f"{reader:14} {sum(c.values()):8} {c['result']:8} {c['error']:8} {c['unexpected']:10}")
    allc = sum(totals.values(), Counter())
    print(f"{'total':14} {sum(allc.values()):8} {allc['result']:8} {allc['error']:8} "
          f"{allc['unexpected']:10}   ({elapsed:.0f} s, {args.jobs} jobs, seed {args.seed})")
    if failures:
        OUT.mkdir(parents=True, exist_ok=True)
        kinds = Counter(f[1] for f in failures)
        for kind, count in kinds.most_common():
            print(f"  {count:6} x {kind}")
        for i, (reader, outcome, seed, k, data) in enumerate(failures[:200]):
            ext = "docx" if reader == "docx" else "txt"
            path = OUT / f"{reader}-{i:03}.{ext}"
            path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8", "surrogatepass"))
            (OUT / f"{reader}-{i:03}.json").write_text(json.dumps(
                {"outcome": outcome, "seed": seed, "index": k}), encoding="utf-8")
        print(f"  inputs saved under {OUT}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
