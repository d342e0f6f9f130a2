"""Commands on a draft's folder: new, amend, amendments, accept, reject, withdraw, revise, show.

Each command reads the clock once (SOURCE_DATE_EPOCH when set, for reproducible drafts),
calls drafting.store, and prints. Library modules are imported inside the commands so that
`drafting --help` stays fast.
"""
from __future__ import annotations

import click

from drafting.commands import command_time as _now

DIR = click.Path(file_okay=False)




def _counts(res) -> str:
    pp, op = len(res.preambular), len(res.operative)
    return (f"{pp} preambular paragraph{'s' * (pp != 1)}, "
            f"{op} operative paragraph{'s' * (op != 1)}")


@click.command()
@click.argument("directory", type=DIR)
@click.option("--from", "source", required=True, metavar="FILE",
              type=click.Path(dir_okay=False, allow_dash=True),
              help="The text as tabled (.txt, .md, .docx; - for stdin).")
@click.option("--symbol", help="The draft's symbol, when the text prints none.")
@click.option("--by", help="Who tables it (default: the text's first sponsor).")
def new(directory, source, symbol, by):
    """Start a draft in DIRECTORY from a text: it becomes rev0.

    Example:

        drafting new drafts/oas-migration --from tabled.txt --symbol "CIDI/CAM/doc.4/13"
    """
    from drafting import store
    from drafting.errors import InputError
    from drafting.model import Resolution
    from drafting.parse import parse_file

    res = parse_file(source)
    if not isinstance(res, Resolution):
        raise InputError("is an amendment document, not a draft; file it with "
                         "`drafting amend DIR --file`", source)
    if symbol:
        res = res.evolve(symbol=symbol)
    entry = store.create(directory, res, now=_now(), by=by or next(iter(res.sponsors), None),
                         source=None if source == "-" else source)
    shown = f" {entry.symbol}" if entry.symbol else ""
    click.echo(f"{directory}: rev0{shown}, {_counts(res)}")


def _operations_from(directory, base, instruction, file, edited, docx, delegations):
    """[(delegations, operations, instruction text, document symbol)] from the one source given."""
    from drafting.errors import InputError, ParseError
    from drafting.instructions import parse_instructions, to_instruction
    from drafting.model import AmendmentDocument

    def sentences(ops):
        return "\n".join(to_instruction(op) for op in ops)

    if instruction:
        # Unquoted words arrive one per argument: `drafting amend D --by X Delete OP2`.
        text = " ".join(instruction)
        return [(delegations, parse_instructions(text, source="<instruction>"), text, None)]
    if file:
        text = click.open_file(file, encoding="utf-8").read()
        try:
            return [(delegations, parse_instructions(text, source=file), text.strip(), None)]
        except ParseError as not_instructions:
            # A whole amendment document (A/C.3/80/L.65) names its sponsors and symbol.
            from drafting.parse import parse_document

            try:
                doc = parse_document(text, source=file)
            except ParseError:
                raise not_instructions from None
            if not isinstance(doc, AmendmentDocument):
                raise not_instructions from None
            return [(delegations or doc.sponsors, doc.operations, sentences(doc.operations),
                     doc.symbol)]
    if edited:
        from drafting.amend import derive_operations, not_carried
        from drafting.model import Resolution
        from drafting.parse import parse_file

        copy = parse_file(edited)
        if not isinstance(copy, Resolution):
            raise InputError("is an amendment document, not an edited copy of the text", edited)
        ops = derive_operations(base, copy)
        # An amendment changes the title and the paragraphs: say what else the copy changes
        # rather than drop it without a word.
        left = ", ".join(not_carried(base, copy, ops))
        if not ops:
            raise InputError("no change from the current revision"
                             + (f" to the title or paragraphs (it changes: {left}; an "
                                f"amendment cannot)" if left else ""), edited)
        if left:
            click.echo(f"warning: {edited}: not carried by the amendment, which changes the "
                       f"title and paragraphs only: {left}", err=True)
        return [(delegations, ops, sentences(ops), None)]
    try:
        from drafting.docx_read import amendments_from_docx
    except ModuleNotFoundError as e:
        if e.name not in ("drafting.docx_read", "docx"):
            raise
        raise InputError("reading amendments from Word is not available in this version "
                         "(drafting.docx_read is missing)", docx) from None
    by_author = amendments_from_docx(docx, base)
    if not any(by_author.values()):
        raise InputError("no tracked change in the document", docx)
    if delegations:
        # --by overrides the authors Word recorded: one amendment with every change.
        ops = tuple(op for group in by_author.values() for op in group)
        return [(delegations, ops, sentences(ops), None)]
    return [((author,), ops, sentences(ops), None) for author, ops in by_author.items() if ops]


@click.command()
@click.argument("directory", type=DIR)
@click.argument("instruction", nargs=-1)
@click.option("--by", "by", metavar="DELEGATION",
              help="The delegation proposing it (default with --file of an amendment "
                   "document: its sponsors; with --docx: each tracked change's author).")
@click.option("--with", "with_", metavar="DELEGATION", multiple=True,
              help="A delegation supporting it (repeatable).")
@click.option("--justification", default="", help="Why, in the delegation's words.")
@click.option("--file", "file",
              type=click.Path(exists=True, dir_okay=False, allow_dash=True),
              help="Read the instructions, or a whole amendment document, from a file.")
@click.option("--edited", type=click.Path(exists=True, dir_okay=False),
              help="Derive the amendment from an edited copy of the current text.")
@click.option("--docx", type=click.Path(exists=True, dir_okay=False),
              help="One amendment per author of the tracked changes in a Word file.")
def amend(directory, instruction, by, with_, justification, file, edited, docx):
    """File an amendment against the current revision of the draft in DIRECTORY.

    The amendment is checked against the current revision first: an instruction that does
    not parse or cannot apply is refused, naming its target. Prints the new id.

    Example:

        drafting amend drafts/oas-migration --by Canada --with Chile \\
            'In operative paragraph 3, after "sustainable" insert "and predictable"'
    """
    from drafting import store

    given = [name for name, value in (("INSTRUCTION", instruction), ("--file", file),
                                      ("--edited", edited), ("--docx", docx)) if value]
    if len(given) != 1:
        raise click.UsageError("give exactly one of INSTRUCTION..., --file, --edited, --docx"
                               + (f" (got {', '.join(given)})" if given else ""))
    if by is None and with_:
        raise click.UsageError("--with needs --by")
    delegations = ((by,) + tuple(with_)) if by else ()
    now = _now()
    base = store.load_revision(directory)
    batches = _operations_from(directory, base, instruction, file, edited, docx, delegations)
    for who, ops, text, document in batches:
        if not who:
            raise click.UsageError("--by DELEGATION is required")
        filed = store.file_amendment(directory, ops, who, now=now, text=text,
                                     justification=justification, document=document)
        click.echo(filed.id)


def _status_line(filed) -> str:
    status = filed.amendment.status
    if filed.revision is not None:
        status += f", in rev{filed.revision}"
    return status


def _flags(directory, filed_all):
    """{id: [flag, ...]} for open amendments that collide or have gone stale."""
    from drafting import store
    from drafting.amend import find_collisions, stale_reason

    res = store.load_revision(directory)
    open_ = [f for f in filed_all if f.open]
    flags: dict[str, list[dict]] = {f.id: [] for f in open_}
    for a, b, reason in find_collisions(res, [f.amendment for f in open_]):
        flags[a].append({"collides_with": b, "reason": reason})
        flags[b].append({"collides_with": a, "reason": reason})
    for f in open_:
        reason = stale_reason(res, f.amendment)
        if reason:
            flags[f.id].append({"stale": reason})
    return flags


@click.command()
@click.argument("directory", type=DIR)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a listing.")
def amendments(directory, as_json):
    """List the amendments of the draft in DIRECTORY, in filing order.

    Open amendments (proposed, or accepted and not yet in a revision) that touch the same
    words as another, or whose target or anchor is gone from the current revision, are
    flagged.

    Example:

        drafting amendments drafts/oas-migration
    """
    import json

    from drafting import store

    filed_all = store.list_amendments(directory)
    flags = _flags(directory, filed_all)
    if as_json:
        out = []
        for f in filed_all:
            d = f.to_dict()
            found = flags.get(f.id, [])
            d["collisions"] = [x for x in found if "collides_with" in x]
            d["stale"] = next((x["stale"] for x in found if "stale" in x), None)
            out.append(d)
        click.echo(json.dumps(out, indent=2, ensure_ascii=False))
        return
    for f in filed_all:
        a = f.amendment
        who = a.delegations[0] + (f" (with {', '.join(a.delegations[1:])})"
                                  if len(a.delegations) > 1 else "")
        click.echo(f"{a.id}  {_status_line(f)}  {who}"
                   + (f"  [{f.document}]" if f.document else ""))
        for line in a.text.splitlines():
            click.echo(f"    {line}")
        for flag in flags.get(f.id, []):
            if "stale" in flag:
                click.echo(f"    ! stale: {flag['stale']}")
            else:
                click.echo(f"    ! collides with {flag['collides_with']}: {flag['reason']}")


def _status_command(status: str, verb: str):
    help_text = (
        f"Mark amendments of the draft in DIRECTORY as {status}.\n\n"
        + {"accepted": "Accepted amendments go into the next `drafting revise`.",
           "rejected": "A rejected amendment can still be accepted later.",
           "withdrawn": "A delegation withdraws its own amendment; it stays on record."}[status]
        + f"\n\nExample:\n\n    drafting {verb} drafts/oas-migration A2 A3\n")

    @click.command(name=verb, help=help_text)
    @click.argument("directory", type=DIR)
    @click.argument("ids", nargs=-1, required=True, metavar="ID...")
    @click.option("--by", metavar="NAME", help=f"Who {status} it (default: the chair; for "
                  "withdraw, the amendment's delegation).")
    @click.option("--note", help="A note kept in the amendment's history.")
    def command(directory, ids, by, note):
        from drafting import store

        if by is None and status != "withdrawn":
            by = "Chair"
        for filed in store.set_status(directory, ids, status, now=_now(), by=by, note=note):
            click.echo(f"{filed.id} {status}")

    return command


accept = _status_command("accepted", "accept")
reject = _status_command("rejected", "reject")
withdraw = _status_command("withdrawn", "withdraw")


def _word_files(author: str, now):
    """extra_files for store.revise: the clean .docx and the comparison, or None and why not."""
    try:
        from drafting.compare import compare
        from drafting.render.docx import render_docx
        from drafting.render.revisions import render_comparison
    except ImportError as e:
        return None, f"Word files not written: {e}"

    def extra(old, new):
        return {".docx": render_docx(new),
                ".compare.docx": render_comparison(compare(old, new, by_id=True), author, now)}
    return extra, None


def _runs(ids) -> str:
    """"A1, A2, A4" as is; runs of three or more shortened: "A1-A2000"."""
    numbers = [int(i[1:]) for i in ids]
    parts, start = [], 0
    for k in range(1, len(numbers) + 1):
        if k == len(numbers) or numbers[k] != numbers[k - 1] + 1:
            run = numbers[start:k]
            parts += ([f"A{run[0]}-A{run[-1]}"] if len(run) >= 3 else [f"A{n}" for n in run])
            start = k
    return ", ".join(parts)


@click.command()
@click.argument("directory", type=DIR)
@click.option("--by", default="Chair", show_default=True, help="Who issues the revision.")
@click.option("--docx/--no-docx", default=True, show_default=True,
              help="Also write revN.docx and revN.compare.docx (tracked changes).")
def revise(directory, by, docx):
    """Issue the next revision of the draft in DIRECTORY from its accepted amendments.

    The accepted amendments apply in filing order; new paragraphs are numbered 5bis, 5ter
    and the old numbers stay. The symbol moves on (.../Rev.1, ... rev. 1). If one amendment
    cannot apply, nothing is written and the error names it and its target. With Word
    support, the revision's .docx and its comparison with the previous one are written too.

    Example:

        drafting revise drafts/oas-migration
    """
    from drafting import store

    now = _now()
    extra, why_not = _word_files(by, now) if docx else (None, None)
    entry, _ = store.revise(directory, now=now, by=by, extra_files=extra)
    shown = f" {entry.symbol}" if entry.symbol else ""
    click.echo(f"rev{entry.number}{shown}: incorporates {_runs(entry.amendments)}")
    if extra:
        click.echo(f"wrote rev{entry.number}.docx and rev{entry.number}.compare.docx")
    elif why_not:
        click.echo(why_not, err=True)


@click.command()
@click.argument("ref", metavar="DIR[@revN|@latest]")
@click.option("--json", "as_json", is_flag=True, help="Print the model as `parse --json` does.")
def show(ref, as_json):
    """Print a revision of a draft: the latest, or revN with DIR@revN.

    Without --json, one line per paragraph (id, opener, first words), as `drafting parse`;
    the full text is in DIR/revN.txt.

    Example:

        drafting show drafts/a-c3-80-l24@rev1 --json
    """
    import json

    from drafting import store
    from drafting.commands.parsing import outline

    res = store.load_ref(ref)
    if as_json:
        click.echo(json.dumps(res.to_dict(), indent=2, ensure_ascii=False))
    else:
        click.echo(outline(res), nl=False)
