"""The `drafting` command line: a thin shell over the library.

Only click is imported at start-up; each command's module is imported when that command
runs (LazyGroup), and library modules inside the command functions. Every DraftingError is
turned into a one-line message and an exit status here, in one place.
"""
from __future__ import annotations

import importlib
import sys

import click

from drafting.errors import DraftingError

# command name -> "module:function"; the modules live in drafting/commands/.
COMMANDS = {
    "parse": "drafting.commands.parsing:parse",
    "new": "drafting.commands.drafts:new",
    "amend": "drafting.commands.drafts:amend",
    "amendments": "drafting.commands.drafts:amendments",
    "accept": "drafting.commands.drafts:accept",
    "reject": "drafting.commands.drafts:reject",
    "withdraw": "drafting.commands.drafts:withdraw",
    "revise": "drafting.commands.drafts:revise",
    "show": "drafting.commands.drafts:show",
    "compare": "drafting.commands.comparing:compare",
    "render": "drafting.commands.word:render",
    "compile": "drafting.commands.word:compile_",
    "finalize": "drafting.commands.final:finalize",
    "renumber": "drafting.commands.final:renumber",
    "check": "drafting.commands.final:check",
}


class LazyGroup(click.Group):
    """A group whose sub-commands are imported only when listed or run."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(COMMANDS))

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in self.commands:
            return self.commands[name]
        target = COMMANDS.get(name)
        if target is None:
            return None
        module_name, attr = target.split(":")
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as e:
            # A command whose module is not written yet: say so instead of a traceback.
            if e.name == module_name:
                return None
            raise
        return getattr(module, attr)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except DraftingError as e:
            sub = self.get_command(ctx, ctx.invoked_subcommand) if ctx.invoked_subcommand else None
            click.echo(f"error: {e}", err=True)
            ctx.exit(getattr(sub, "trouble_exit_code", 1))
        except BrokenPipeError:
            # `drafting ... | head`: the reader left; not an error of ours.
            sys.stderr.close()
            ctx.exit(0)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="drafting")
def cli():
    """Draft resolutions: parse them, track amendments, compare revisions, render Word.

    Example:

        drafting parse drafts/oas-migration/rev0.txt
    """
