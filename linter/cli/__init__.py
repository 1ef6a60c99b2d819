"""The command line: thin; it reads options, builds Settings, runs the engine, picks a formatter.

One module per command (or command group), named as the command; each registers itself on
``main`` when imported, and ``main`` imports only the one a run invokes (all of them for
``--help``): a pre-commit run of ``check`` does not pay for the others' imports.
"""

from __future__ import annotations

import gc
import signal
from importlib import import_module

import click

from linter import __version__

COMMANDS = ("audit", "check", "claims", "facts", "links", "lsp", "rules")
"""Every command's name, which is also its module's under ``linter.cli``."""


class _Commands(click.Group):
    """A group whose commands are imported when first looked up; a name that is no command
    imports them all, so that click's error can suggest the closest one."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands:
            for name in (cmd_name,) if cmd_name in COMMANDS else COMMANDS:
                import_module(f"linter.cli.{name}")
        return super().get_command(ctx, cmd_name)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="encyclint")
def main() -> None:
    """Lint encyclopedia articles: facts against sourced tables, citations against references."""
    # A run allocates many objects that live to its end (tokens, claims, the fact table);
    # at the default threshold the collector rescans them hundreds of times, 4% of a run.
    gc.set_threshold(10_000, 10, 10)
    # SIGTERM (a CI job cancelled) unwinds like Ctrl-C, so that no temporary file is left.
    signal.signal(signal.SIGTERM, _terminated)


def _terminated(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)
