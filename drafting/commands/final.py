"""`drafting renumber`, `drafting finalize`, `drafting check`: the text that goes to adoption."""
from __future__ import annotations

import click

from drafting.commands import command_time as _now, write_output




def _resolution(doc, file: str):
    from drafting.errors import InputError
    from drafting.model import Resolution

    if not isinstance(doc, Resolution):
        raise InputError("an amendment document, not a resolution", file)
    return doc


def _map_lines(old, mapping: dict[str, str]) -> list[str]:
    """"OP5bis -> OP6" for every id that changes, "OP4 -> deleted" for every one dropped."""
    lines = []
    for top in old.paragraphs():
        for p in top.walk():
            new = mapping.get(p.id)
            if new is None:
                lines.append(f"{p.id} -> deleted")
            elif new != p.id:
                lines.append(f"{p.id} -> {new}")
    return lines


def _echo_map(old, mapping, err: bool) -> None:
    lines = _map_lines(old, mapping)
    for line in lines:
        click.echo(line, err=err)
    if not lines:
        click.echo("numbering unchanged", err=err)


@click.command()
@click.argument("file", type=click.Path(allow_dash=True, dir_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True),
              help="Write the renumbered text here instead of standard output.")
def renumber(file: str, output: str | None):
    """Renumber FILE for its final text and rewrite its internal references.

    Paragraphs are numbered 1, 2, 3 ... (5bis becomes 6 and every later paragraph moves),
    sub-paragraphs re-lettered, deleted paragraphs dropped; "paragraph 5bis above",
    "párrafos 3 a 5", "paragraphe 5 bis" follow, while "paragraph 14 of resolution 2216
    (2015)" is left alone. The old -> new map ("OP5bis -> OP6", one per line) goes to
    standard error, the text to standard output (or to --output).

    Example:

        drafting renumber draft.txt -o final.txt
    """
    from drafting.finalize import renumber as renumber_
    from drafting.parse import parse_file
    from drafting.render.text import render_text

    res = _resolution(parse_file(file), file)
    new, mapping = renumber_(res)
    _echo_map(res, mapping, err=True)
    text = render_text(new)
    text = text if text.endswith("\n") else text + "\n"
    if output:
        write_output(output, text)
    else:
        click.echo(text, nl=False)


def _blockers(res, open_amendments) -> list[str]:
    """Why a draft cannot be finalized yet, one reason per line."""
    reasons = []
    for f in open_amendments:
        state = "proposed" if f.amendment.status == "proposed" else \
            "accepted but not yet in a revision"
        reasons.append(f"amendment {f.id} ({', '.join(f.amendment.delegations)}) is {state}")
    bracketed = [p.id for top in res.paragraphs() for p in top.walk()
                 if "[" in p.text or "]" in p.text]
    if bracketed:
        reasons.append("square brackets remain in " + ", ".join(bracketed))
    return reasons


@click.command()
@click.argument("directory", type=click.Path(file_okay=False))
@click.option("--force", is_flag=True,
              help="Finalize even with open amendments or square brackets left.")
@click.option("--by", default="Secretariat", show_default=True,
              help="Who issues the final revision.")
def finalize(directory: str, force: bool, by: str):
    """Issue the final revision of the draft in DIRECTORY: renumbered, references rewritten.

    Refuses, saying why, while an amendment is proposed or accepted but not incorporated,
    or while square brackets remain, unless --force. Prints the old -> new map
    ("OP5bis -> OP6", one per line).

    Example:

        drafting finalize drafts/oas-migration
    """
    from drafting import store
    from drafting.errors import StoreError
    from drafting.finalize import renumber as renumber_

    res = store.load_ref(f"{directory}@latest")
    reasons = _blockers(res, [f for f in store.list_amendments(directory) if f.open])
    if reasons and not force:
        raise StoreError(f"{directory}: not ready to finalize (use --force to override):\n  "
                         + "\n  ".join(reasons))
    new, mapping = renumber_(res)
    entry = store.write_revision(directory, new, now=_now(), by=by, note="final text")
    _echo_map(res, mapping, err=False)
    click.echo(f"{directory}: rev{entry.number} is the final text")


def _with_lines(model, parsed):
    """The stored model with each paragraph's line taken from the parse of its text file.

    The stored JSON has the ids (OP5bis, a deleted PP4) and no line numbers; the text file
    has the lines. Paragraphs are matched by id."""
    from dataclasses import replace

    lines = {p.id: p.line for top in parsed.paragraphs() for p in top.walk()}

    def graft(p):
        return replace(p, line=lines.get(p.id),
                       subparagraphs=tuple(graft(s) for s in p.subparagraphs))

    return model.evolve(preambular=tuple(graft(p) for p in model.preambular),
                        operative=tuple(graft(p) for p in model.operative))


@click.command()
@click.argument("target", metavar="FILE|DIR")
@click.pass_context
def check(ctx: click.Context, target: str):
    """Check a text before adoption; exit status 1 when there is an error.

    Prints one finding per line, `FILE:LINE:COL: error|warning: message`, with positions
    in the file as written: unbalanced square brackets, parentheses and quotes; paragraph
    end punctuation against the house style (UN: preambular ',', operative ';', the last
    '.'; OAS: operative '.'); numbering gaps, duplicates and disorder; 5bis left in a
    resolution; an opener whose casing breaks the pattern ("ConsiderING"); a reference to
    a paragraph that does not exist; a malformed document symbol. A draft's folder is
    checked on its latest revision's text.

    Example:

        drafting check tests/fixtures/corpus/oas-cam-report-2013.txt
    """
    from pathlib import Path

    from drafting import store
    from drafting.check import check as check_
    from drafting.check import has_errors
    from drafting.parse import parse_document, parse_text
    from drafting.reader import read_text

    if store.is_ref(target):
        folder, number = store.parse_ref(target)
        if number is None:
            number = store.revisions(folder)[-1].number
        file = str(Path(folder) / f"rev{number}.txt")
        text = read_text(file)
        res = _with_lines(store.load_revision(folder, number), parse_text(text, file))
    else:
        file = "<stdin>" if target == "-" else target
        text = read_text(target)
        res = _resolution(parse_document(text, file), file)
    findings = check_(res, text, file)
    for f in findings:
        click.echo(str(f))
    if has_errors(findings):
        ctx.exit(1)
