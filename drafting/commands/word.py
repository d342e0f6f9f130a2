"""Word commands: `render` (the clean text in house style) and `compile` (the rolling text).

Library modules are imported inside the commands so that `drafting --help` stays fast.
"""
from __future__ import annotations

import click

from drafting.commands import write_output


def _date(given: str | None) -> str:
    """The tracked changes' date: --date, else SOURCE_DATE_EPOCH (reproducible), else now."""
    import os
    from datetime import datetime, timezone

    from drafting.errors import InputError

    if given:
        # A plain day: Word wants a W3CDTF date-time.
        return given + "T00:00:00Z" if len(given) == 10 else given
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            when = datetime.fromtimestamp(int(epoch), tz=timezone.utc)
        except (ValueError, OverflowError):
            raise InputError(f"SOURCE_DATE_EPOCH is not a number of seconds: {epoch!r}")
    else:
        when = datetime.now(timezone.utc)
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


@click.command()
@click.argument("source")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="The Word file to write.")
@click.option("--style", type=click.Choice(["un", "oas"]), default=None,
              help="House style (default: the text's own, OAS when it has RESOLVES:).")
def render(source, output, style):
    """Write SOURCE as a clean Word document in UN or OAS house style.

    SOURCE is a file (.txt, .md, .docx; - for stdin) or a draft revision (DIR@rev2,
    DIR@latest). UN style: symbol, sponsors line, title, body and openers in italics. OAS
    style: body, openers and RESOLVES: in capitals. Both: title centred in capitals,
    operative paragraphs numbered with a hanging indent, page numbers.

    Example:

        drafting render drafts/oas-migration@latest -o migration.docx --style oas
    """
    from drafting import store
    from drafting.errors import InputError
    from drafting.model import Resolution
    from drafting.parse import parse_file
    from drafting.render.docx import render_docx

    if store.is_ref(source):
        res = store.load_ref(source)
    else:
        res = parse_file(source)
        if not isinstance(res, Resolution):
            raise InputError("is an amendment document, not a resolution", source)
    write_output(output, render_docx(res, style))


@click.command("compile")
@click.argument("directory", type=click.Path(file_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="The Word file to write.")
@click.option("--date", default=None,
              help="Date of the tracked changes, e.g. 2025-09-19 (default: SOURCE_DATE_EPOCH "
                   "or now).")
def compile_(directory, output, date):
    """Write the compilation text of the draft in DIRECTORY: its latest revision with every
    open amendment on it.

    Each proposal is a tracked change authored by its delegation(s); proposals on the same
    words are shown as alternatives ("OP3 alt (Canada)"). Each paragraph shows its status
    (pending, agreed ad ref, agreed).

    Example:

        drafting compile drafts/oas-migration -o compilation.docx
    """
    from drafting import store
    from drafting.render.revisions import render_compilation

    res = store.load_ref(f"{directory}@latest")
    pending = [f.amendment for f in store.list_amendments(directory) if f.open]
    write_output(output, render_compilation(res, pending, date=_date(date)))
