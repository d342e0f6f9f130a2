"""Read a user's input file into text: UTF-8 (with or without BOM), UTF-16 with BOM, or .docx.

Anything else is refused with the file, line and column of the first byte that is not text,
never guessed: a wrong guess would silently corrupt the delegations' words.
"""
from __future__ import annotations

import sys
from pathlib import Path

from drafting.errors import InputError, ParseError

MAX_BYTES = 64 * 1024 * 1024


def _position(data: bytes, offset: int) -> tuple[int, int]:
    before = data[:offset]
    line = before.count(b"\n") + 1
    column = offset - (before.rfind(b"\n") + 1) + 1
    return line, column


def decode(data: bytes, source: str) -> str:
    """Bytes -> text, or a ParseError at the first offending byte."""
    if not data.strip():
        raise ParseError("empty file: expected the text of a resolution", source, 1, 1)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise ParseError(f"not valid UTF-16 text ({e.reason})", source, 1, 1) from None
    nul = data.find(b"\x00")
    if nul >= 0:
        line, col = _position(data, nul)
        raise ParseError("binary file (a NUL byte): expected UTF-8 text or a .docx", source, line, col)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line, col = _position(data, e.start)
        raise ParseError(
            f"not UTF-8 text (byte 0x{data[e.start]:02x}): expected UTF-8; convert the file "
            f"first, e.g. iconv -f WINDOWS-1252 -t UTF-8", source, line, col) from None
    bad = next((i for i, ch in enumerate(text[:4096]) if ord(ch) < 32 and ch not in "\t\n\r\f\v"), None)
    if bad is not None:
        prefix = text[:bad]
        line = prefix.count("\n") + 1
        col = bad - (prefix.rfind("\n") + 1) + 1
        raise ParseError(f"binary file (control character U+{ord(text[bad]):04X}): expected text",
                         source, line, col)
    return text


def read_bytes(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read(MAX_BYTES + 1)
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"file too large ({size} bytes; the limit is {MAX_BYTES})", path)
        return p.read_bytes()
    except IsADirectoryError:
        raise InputError("is a folder, expected a file (for a draft folder use DIR@revN)", path) from None
    except FileNotFoundError:
        raise InputError("no such file", path) from None
    except PermissionError:
        raise InputError("permission denied", path) from None


def read_text(path: str) -> str:
    """The text of a .txt/.md file or of a .docx (its paragraphs, one per line)."""
    data = read_bytes(path)
    source = "<stdin>" if path == "-" else path
    if data[:4] == b"PK\x03\x04" or str(path).lower().endswith(".docx"):
        from drafting.docx_read import docx_to_text
        return docx_to_text(data, source)
    return decode(data, source)
