"""The command line: thin; it reads options, builds Settings, runs the engine, picks a formatter.

One module per command (or command group), named as the command; each registers itself on
``main`` when imported, and ``main`` imports only the one a run invokes (all of them for
``--help``): a pre-commit run of ``check`` does not pay for the others' imports.
"""

from __future__ import annotations

import gc

# A run allocates many objects that live to its end (modules, tokens, claims, the fact
# table); at the default threshold the collector rescans them hundreds of times: 4% of a
# run. So the threshold is raised before anything else is imported, and far enough that a
# one-article run collects once, not three times (1.6% of its instructions; the 1,000-
# article check's peak memory grows 0.4 MB).
gc.set_threshold(100_000, 10, 10)

import os  # noqa: E402
import signal  # noqa: E402
import sys  # noqa: E402
import threading  # noqa: E402
from importlib import import_module  # noqa: E402
from typing import Any  # noqa: E402

import click  # noqa: E402

from linter import __version__  # noqa: E402

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

    def main(self, args: Any = None, *rest: Any, **options: Any) -> Any:
        """Run as the program (arguments from the command line, not a caller's list), the
        process ends without the interpreter's teardown, which frees every module and
        object one by one: 4% of a one-article run. Only once nothing is left to clean up:
        the output flushed, no other thread running, no profiler or coverage tool watching;
        any other ending is the usual one."""
        if args is not None:
            return super().main(args, *rest, **options)
        try:
            return super().main(None, *rest, **options)
        except SystemExit as ending:
            code = 0 if ending.code is None else ending.code
            if not isinstance(code, int) or threading.active_count() > 1 or _observed():
                raise
            try:
                sys.stdout.flush()
                sys.stderr.flush()
            except (OSError, ValueError):
                raise ending from None
            os._exit(code)


def _observed() -> bool:
    """Whether a profiler, debugger or coverage tool watches the run: it writes its results
    at the interpreter's exit, so the run must end the usual way."""
    if sys.gettrace() is not None or sys.getprofile() is not None:
        return True
    monitoring = getattr(sys, "monitoring", None)  # Python 3.12+: coverage's sysmon core
    return monitoring is not None and any(
        monitoring.get_tool(tool) is not None for tool in range(6)
    )


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="encyclint")
def main() -> None:
    """Lint encyclopedia articles: facts against sourced tables, citations against references."""
    # SIGTERM (a CI job cancelled) unwinds like Ctrl-C, so that no temporary file is left.
    signal.signal(signal.SIGTERM, _terminated)


def _terminated(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)
