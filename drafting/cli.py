"""The `drafting` command line: a thin shell over the library.

Only click is imported at start-up; each command's module is imported when that command
runs (LazyGroup), and library modules inside the command functions. Every DraftingError is
turned into a one-line message and an exit status here, in one place.
"""
from __future__ import annotations

import sys

import click

# command name -> ("module:function", short help). The short help is listed here so that
# `drafting --help` imports no command module; tests check it equals the command's own.
COMMANDS = {
    "parse": ("drafting.commands.parsing:parse", "Parse FILE and show its structure."),
    "new": ("drafting.commands.drafts:new", "Start a draft folder DIR from a text."),
    "amend": ("drafting.commands.drafts:amend", "File an amendment against the current revision."),
    "amendments": ("drafting.commands.drafts:amendments", "List amendments, collisions and stale ones."),
    "accept": ("drafting.commands.drafts:accept", "Accept amendments for the next revision."),
    "reject": ("drafting.commands.drafts:reject", "Reject amendments."),
    "withdraw": ("drafting.commands.drafts:withdraw", "Withdraw amendments."),
    "revise": ("drafting.commands.drafts:revise", "Issue the next revision from accepted amendments."),
    "show": ("drafting.commands.drafts:show", "Print a revision of a draft folder."),
    "compare": ("drafting.commands.comparing:compare", "Compare two revisions or files."),
    "render": ("drafting.commands.word:render", "Render a clean Word document in house style."),
    "compile": ("drafting.commands.word:compile_", "Write the compilation text with every proposal."),
    "finalize": ("drafting.commands.final:finalize", "Renumber the final text of a draft folder."),
    "renumber": ("drafting.commands.final:renumber", "Renumber a lone file and its cross-references."),
    "check": ("drafting.commands.final:check", "Check a text for brackets, punctuation, numbering."),
}


class LazyGroup(click.Group):
    """A group whose sub-commands are imported only when listed or run."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(COMMANDS))

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in self.commands:
            return self.commands[name]
        entry = COMMANDS.get(name)
        if entry is None:
            return None
        module_name, attr = entry[0].split(":")
        try:
            module = __import__(module_name, fromlist=[attr])
        except ModuleNotFoundError as e:
            # A command whose module is not written yet: say so instead of a traceback.
            if e.name == module_name:
                return None
            raise
        return getattr(module, attr)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list from COMMANDS, without importing every command's module."""
        rows = [(name, COMMANDS[name][1]) for name in sorted(COMMANDS)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def invoke(self, ctx: click.Context):
        # drafting.errors is imported only when something failed: start-up stays click alone.
        try:
            return super().invoke(ctx)
        except BrokenPipeError:  # pragma: no cover - `drafting ... | head`: the reader left
            sys.stderr.close()
            ctx.exit(0)
        except Exception as e:
            from drafting.errors import DraftingError
            if not isinstance(e, DraftingError):
                raise
            sub = self.get_command(ctx, ctx.invoked_subcommand) if ctx.invoked_subcommand else None
            click.echo(f"error: {e}", err=True)
            ctx.exit(getattr(sub, "trouble_exit_code", 1))


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="drafting")
def cli():
    """Draft resolutions: parse them, track amendments, compare revisions, render Word.

    Example:

        drafting parse drafts/oas-migration/rev0.txt
    """
