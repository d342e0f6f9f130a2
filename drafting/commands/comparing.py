"""`drafting compare`: what changed between two revisions, structurally and word by word."""
from __future__ import annotations

import os
import sys

import click

from drafting.commands import write_output

FORMATS = ("terminal", "text", "html", "json", "docx")


def _load(sides: list[str], openers: bool) -> list[tuple[object, object]]:
    """Each side of the comparison: a draft folder revision (DIR@rev1, DIR@latest) or a file,
    as (resolution, folder or None). The files are parsed side by side (`parse_files`),
    after the revisions are loaded: a wrong revision name is reported at once. Openers are
    found only when asked (`openers`): only Word output sets them in italics."""
    from pathlib import Path

    from drafting.errors import InputError
    from drafting.model import Resolution

    try:
        from drafting import store
    except ImportError:  # the store is optional: without it every side is a file
        store = None
    out: list = [None] * len(sides)
    files: list[int] = []
    for k, side in enumerate(sides):
        if store is not None and store.is_ref(side):
            folder, _ = store.parse_ref(side)
            out[k] = (store.load_ref(side), folder.resolve())
        elif side != "-" and not Path(side).is_file():
            raise InputError("no such file or draft revision", file=side)
        else:
            files.append(k)
    if files:
        from drafting.parse import parse_files

        for k, doc in zip(files, parse_files([sides[k] for k in files], openers=openers)):
            if not isinstance(doc, Resolution):
                raise InputError("not a resolution (an amendment document?)", file=sides[k])
            out[k] = (doc, None)
    return out


@click.command()
@click.argument("old")
@click.argument("new")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="terminal",
              show_default=True,
              help="terminal: colours when output is a terminal, else as text; "
                   "text: [-deleted-]{+inserted+}; docx: Word tracked changes (needs -o).")
@click.option("--stat", is_flag=True, help="One line: which paragraphs changed, and how.")
@click.option("--strict", is_flag=True,
              help="Show typographic variants and footnote marks as changes too.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True),
              help="Write to this file instead of standard output.")
@click.option("--author", default="drafting", show_default=True,
              help="Author of the tracked changes (--format docx).")
@click.option("--date", default=None,
              help="Date of the tracked changes, e.g. 2025-09-19 (--format docx; default today).")
def compare(old, new, fmt, stat, strict, output, author, date):
    """Compare two revisions: paragraphs inserted, deleted, modified, moved, renumbered, and
    the words changed inside each.

    OLD and NEW are files (.txt, .md, .docx) or revisions in a draft folder (DIR@rev1,
    DIR@latest). Exit status as diff(1): 0 no changes, 1 changes, 2 trouble.

    Example:

        drafting compare drafts/migration@rev1 drafts/migration@latest --stat

        drafting compare A-80-L2.txt A-RES-80-1.txt --format json
    """
    from drafting.compare import compare as compare_revisions
    from drafting.errors import InputError
    from drafting.render import diff as render

    (old_res, old_folder), (new_res, new_folder) = _load([old, new], openers=fmt == "docx")
    # Inside one draft folder ids are stable; between files only text and numbers tell.
    by_id = old_folder is not None and old_folder == new_folder
    comparison = compare_revisions(old_res, new_res, strict=strict, by_id=by_id)

    if stat:
        out = render.render_stat(comparison)
    elif fmt == "json":
        out = render.render_json(comparison, old, new)
    elif fmt == "html":
        out = render.render_html(comparison, old, new, strict=strict)
    elif fmt == "docx":
        out = _docx(comparison, author, date)
    else:
        # https://no-color.org: an empty NO_COLOR does not count.
        color = (fmt == "terminal" and output is None and sys.stdout.isatty()
                 and not os.environ.get("NO_COLOR"))
        out = render.render_text(comparison, color=color, old_name=old, new_name=new,
                                 strict=strict)

    if isinstance(out, bytes) and not output:
        raise InputError("--format docx writes a Word file: give it with -o OUT.docx")
    if output:
        write_output(output, out)
    else:
        click.echo(out, nl=False)
    sys.exit(1 if comparison.changed else 0)


def _docx(comparison, author: str, date: str | None) -> bytes:
    from drafting.errors import RenderError

    try:
        from drafting.render.revisions import render_comparison
    except ImportError as e:
        raise RenderError(f"Word output is not available: {e}") from e
    if date is None:
        import datetime

        date = datetime.date.today().isoformat()
    if len(date) == 10:  # a plain day: Word wants a W3CDTF date-time
        date += "T00:00:00Z"
    return render_comparison(comparison, author=author, date=date)


# diff(1): 2 is trouble, 1 only means "they differ".
compare.trouble_exit_code = 2
