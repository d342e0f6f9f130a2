"""Render a Comparison for people and scripts: terminal, word-diff text, one-line stat, HTML, JSON.

Every renderer returns a string and writes nothing. The text form follows git's word-diff
convention, `[-deleted-]{+inserted+}`; the terminal form is the same with colours
(insertions green, deletions red and struck through) in place of the markers.
"""
from __future__ import annotations

import html
import json

from drafting.model import Comparison, ParagraphChange

_RED_STRUCK = "\x1b[31;9m"
_GREEN = "\x1b[32m"
_BOLD = "\x1b[1m"
_RESET = "\x1b[0m"


def label(p: ParagraphChange) -> str:
    """"PP1", "OP5bis", or "PP3 -> PP4" when the paragraph was renumbered."""
    if p.old_id and p.new_id and p.old_id != p.new_id:
        return f"{p.old_id} -> {p.new_id}"
    return p.new_id or p.old_id or "?"


def status(p: ParagraphChange) -> str:
    """What happened, in words: "modified", "inserted", "unchanged, renumbered", "moved" ..."""
    words = [p.change]
    if p.moved:
        words = ["moved"] if p.change == "unchanged" else [p.change, "moved"]
    elif p.change == "unchanged" and p.old_id != p.new_id:
        words = ["renumbered"]
    return ", ".join(words)


def _worth_showing(p: ParagraphChange) -> bool:
    return p.change != "unchanged" or p.moved or p.old_id != p.new_id


def shown_diff(diff, strict: bool = False) -> list[tuple[str, str]]:
    """The diff as people should see it: a "-"/"+" group that differs only typographically
    ("pre-recorded" -> "pre\u2011recorded", "Nations 1" -> "Nations1") is shown as its new
    text, kept; with `strict` everything shows.
    """
    if strict:
        return list(diff)
    from drafting.compare import canonical

    out: list[tuple[str, str]] = []
    k = 0
    while k < len(diff):
        if diff[k][0] == "=":
            out.append(diff[k])
            k += 1
            continue
        group = []
        while k < len(diff) and diff[k][0] != "=":
            group.append(diff[k])
            k += 1
        old = "".join(t for op, t in group if op == "-")
        new = "".join(t for op, t in group if op == "+")
        if canonical(old) == canonical(new):
            out.append(("=", new))
        else:
            out += group
    return out


def _diff_text(p: ParagraphChange, color: bool, strict: bool = False) -> str:
    if p.change == "unchanged" or not p.diff:
        return p.new_text or ""
    return _marked(p.diff, color, strict)


def _marked(diff, color: bool, strict: bool) -> str:
    out = []
    for op, text in shown_diff(diff, strict):
        if op == "=":
            out.append(text)
        elif color:
            out.append((_RED_STRUCK if op == "-" else _GREEN) + text + _RESET)
        else:
            out.append(f"[-{text}-]" if op == "-" else f"{{+{text}+}}")
    return "".join(out)


def render_text(comparison: Comparison, *, color: bool = False, old_name: str | None = None,
                new_name: str | None = None, strict: bool = False) -> str:
    """Changed paragraphs with their word diffs; unchanged ones in place are left out."""
    lines = [f"--- {_name(comparison.old, old_name)}", f"+++ {_name(comparison.new, new_name)}"]
    for name, old, new in comparison.header:
        lines.append(f"{name}: " + _header_change(name, old, new, color, strict))
    for p in comparison.paragraphs:
        if _worth_showing(p):
            _entry_lines(p, 0, color, strict, lines)
    if len(lines) == 2 and not comparison.header:
        lines.append("no changes")
    return "\n".join(lines) + "\n"


def _entry_lines(p: ParagraphChange, depth: int, color: bool, strict: bool,
                 lines: list[str]) -> None:
    head = f"{'  ' * depth}{label(p)} {status(p)}"
    lines.append(f"{_BOLD}{head}{_RESET}" if color else head)
    if p.change == "inserted":
        body = p.new_text or ""
        body = body and ((_GREEN + body + _RESET) if color else f"{{+{body}+}}")
    elif p.change == "deleted":
        body = p.old_text or ""
        body = body and ((_RED_STRUCK + body + _RESET) if color else f"[-{body}-]")
    else:
        body = _diff_text(p, color, strict)
    if body:
        lines.append(f"{'  ' * depth}    {body}")
    for sub in p.subparagraphs:
        if _worth_showing(sub):
            _entry_lines(sub, depth + 1, color, strict, lines)


def _header_change(name: str, old, new, color: bool, strict: bool) -> str:
    """A changed front-matter value: word by word when both are long (a title, an annex
    in the closing, whose line breaks are layout), else the old value struck and the new
    one."""
    a, b = _show(old), _show(new)
    if a and b and len(a) + len(b) > 160:
        from drafting.compare import word_diff

        if name == "closing" and not strict:
            a, b = _show(old, " "), _show(new, " ")
        return _marked(word_diff(a, b, strict), color, strict)
    return _change_text(a, b, color)


def _change_text(old: str, new: str, color: bool) -> str:
    if color:
        return " ".join(x for x in (old and f"{_RED_STRUCK}{old}{_RESET}",
                                    new and f"{_GREEN}{new}{_RESET}") if x)
    return (old and f"[-{old}-]") + (new and f"{{+{new}+}}")


def _show(value, sep: str = "; ") -> str:
    if isinstance(value, (tuple, list)):
        return sep.join(str(v) for v in value if v or sep == "; ")
    return "" if value is None else str(value)


def _name(res, given: str | None) -> str:
    parts = [x for x in (res.symbol, f"({given})" if given else None) if x]
    return " ".join(parts) or "(untitled)"


def render_stat(comparison: Comparison) -> str:
    """One line: "PP1, PP2 modified; PP3 inserted; PP3 -> PP4, PP4 -> PP5 renumbered; ..."."""
    groups: list[tuple[str, list[str]]] = []
    for p in comparison.paragraphs:
        if not _worth_showing(p):
            continue
        s = status(p)
        if groups and groups[-1][0] == s:
            groups[-1][1].append(label(p))
        else:
            groups.append((s, [label(p)]))
    parts = [f"{', '.join(names)} {s}" for s, names in groups]
    parts += [f"{name} changed" for name, _, _ in comparison.header]
    return ("; ".join(parts) if parts else "no changes") + "\n"


def to_dict(comparison: Comparison, old_file: str | None = None,
            new_file: str | None = None) -> dict:
    """The JSON shape of issue 4: {"old": {file, symbol}, "new": {...}, "paragraphs": [...]}."""
    return {
        "old": {"file": old_file, "symbol": comparison.old.symbol},
        "new": {"file": new_file, "symbol": comparison.new.symbol},
        "paragraphs": [p.to_dict() for p in comparison.paragraphs],
    }


def render_json(comparison: Comparison, old_file: str | None = None,
                new_file: str | None = None) -> str:
    return json.dumps(to_dict(comparison, old_file, new_file), ensure_ascii=False, indent=2) + "\n"


_CSS = """
body { font-family: "Times New Roman", Georgia, serif; max-width: 52em; margin: 2em auto;
       padding: 0 1em; line-height: 1.45; color: #111; }
h1 { font-size: 1.2em; } h1 .arrow { color: #666; }
.meta { color: #555; font-size: .9em; }
section { margin: .8em 0; padding: .2em .8em; border-left: 4px solid #ddd; }
section.modified { border-color: #c90; } section.inserted { border-color: #2a2; }
section.deleted { border-color: #c22; } section.unchanged { color: #666; }
section section { margin-left: 1.2em; }
.id { font-family: monospace; font-weight: bold; margin-right: .6em; }
.status { font-family: monospace; font-size: .85em; color: #555; }
del { color: #b00; background: #fee; text-decoration: line-through; }
ins { color: #060; background: #efe; text-decoration: none; }
"""


def render_html(comparison: Comparison, old_name: str | None = None,
                new_name: str | None = None, strict: bool = False) -> str:
    """One self-contained page (inline CSS, no scripts, no links): every paragraph in order."""
    e = html.escape
    old_title = _name(comparison.old, old_name)
    new_title = _name(comparison.new, new_name)
    out = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
           f"<title>{e(old_title)} -> {e(new_title)}</title>", f"<style>{_CSS}</style>",
           "</head>", "<body>",
           f'<h1>{e(old_title)} <span class="arrow">&rarr;</span> {e(new_title)}</h1>',
           f'<p class="meta">{e(render_stat(comparison).strip())}</p>']
    for name, old, new in comparison.header:
        out.append(f'<p class="meta">{e(name)}: <del>{e(_show(old))}</del> '
                   f'<ins>{e(_show(new))}</ins></p>')
    for p in comparison.paragraphs:
        _html_entry(p, strict, out)
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"


def _html_entry(p: ParagraphChange, strict: bool, out: list[str]) -> None:
    e = html.escape
    out.append(f'<section class="{p.change}">')
    out.append(f'<div><span class="id">{e(label(p))}</span>'
               f'<span class="status">{e(status(p))}</span></div>')
    if p.change == "inserted":
        body = f"<ins>{e(p.new_text or '')}</ins>" if p.new_text else ""
    elif p.change == "deleted":
        body = f"<del>{e(p.old_text or '')}</del>" if p.old_text else ""
    elif p.change == "unchanged" or not p.diff:
        body = e(p.new_text or "")
    else:
        body = "".join(e(t) if op == "=" else f"<{'del' if op == '-' else 'ins'}>{e(t)}"
                       f"</{'del' if op == '-' else 'ins'}>" for op, t in shown_diff(p.diff, strict))
    if body:
        out.append(f"<p>{body}</p>")
    for sub in p.subparagraphs:
        _html_entry(sub, strict, out)
    out.append("</section>")
