"""The command line: thin; it reads options, builds Settings, runs the engine, picks a formatter.

One module per command group; each registers its commands on ``main``.
"""

from __future__ import annotations

import gc
import signal

import click

from linter import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
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


# Registered after main exists; each module adds its commands to it.
from linter.cli import audit, check, claims, facts, links, lsp, rules  # noqa: E402

__all__ = ["audit", "check", "claims", "facts", "links", "lsp", "main", "rules"]
