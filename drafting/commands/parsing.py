"""`drafting parse`: show the structure of a draft, a resolution or an amendment document."""
from __future__ import annotations

import click


def outline(doc) -> str:
    """One line per paragraph: id, opener, first words."""
    lines = []
    head = [doc.kind, doc.language, doc.symbol or "(no symbol)"]
    lines.append("  ".join(head))
    if getattr(doc, "title", None):
        lines.append(f"title: {doc.title}")
    if getattr(doc, "body", None):
        lines.append(f"body: {doc.body}")
    if doc.sponsors:
        lines.append("sponsors: " + ", ".join(doc.sponsors))
    for note in getattr(doc, "notes", ()):
        lines.append(f"note: {note}")
    for f in getattr(doc, "footnotes", ()):
        lines.append(f"footnote {f.mark}: {f.text}")
    if doc.kind == "amendment":
        lines.append(f"amends: {doc.amends}")
        for op in doc.operations:
            target = op.position if op.op == "insert_paragraph" else op.target
            detail = op.new or op.old or ""
            lines.append(f"{op.op:18} {target or '':10} {detail[:60]}")
        return "\n".join(lines) + "\n"

    def words(text: str, n: int = 8) -> str:
        w = text.split()
        return " ".join(w[:n]) + (" ..." if len(w) > n else "")

    def walk(p, depth):
        opener = f"[{p.opener}] " if p.opener else ""
        lines.append(f"{'  ' * depth}{p.id:10} {opener}{words(p.text)}")
        for s in p.subparagraphs:
            walk(s, depth + 1)

    for p in doc.preambular:
        walk(p, 0)
    if doc.transition:
        lines.append(doc.transition)
    for p in doc.operative:
        walk(p, 0)
    closing = [line for line in doc.closing if line.strip()]
    if closing:
        lines.append("closing: " + " / ".join(closing[:3]) + (" / ..." if len(closing) > 3 else ""))
    return "\n".join(lines) + "\n"


@click.command()
@click.argument("file", type=click.Path(allow_dash=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the structure as JSON.")
def parse(file: str, as_json: bool):
    """Parse FILE (.txt, .md, .docx; - for standard input) and show its structure.

    Without --json: one line per paragraph (id, opener, first words).

    Example:

        drafting parse drafts/oas-migration/rev0.txt --json
    """
    import json

    from drafting.parse import parse_file

    doc = parse_file(file)
    if as_json:
        click.echo(json.dumps(doc.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(outline(doc), nl=False)
