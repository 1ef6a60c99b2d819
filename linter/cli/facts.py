"""`encyclint facts`: fact-table commands."""

from __future__ import annotations

import sys

import click

from linter.cli import main
from linter.cli.options import (
    fact_paths,
    load_config,
    reports_user_errors,
)
from linter.errors import UserError


@main.group()
def facts() -> None:
    """Fact-table commands."""


@facts.command(name="validate")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--config", "config_path", type=click.Path(), help="Config file.")
@reports_user_errors
def validate(paths: tuple[str, ...], config_path: str | None) -> None:
    """Validate fact tables (default: the configured ones, else facts/)."""
    from linter.facts.files import table_files
    from linter.facts.knowledge import build
    from linter.facts.tables import read_table

    config = load_config(config_path)
    given = fact_paths(config, paths)
    if not given:
        raise UserError("no fact tables given and no facts/ folder here")
    files = table_files(given)
    knowledge, problems = build(read_table(path) for path in files)
    for problem in problems:
        click.echo(str(problem), err=True)
    if problems:
        sys.exit(2)
    click.echo(f"{len(files)} tables, {len(knowledge.sources)} sources, "
               f"{len(knowledge.facts)} facts: valid")  # fmt: skip
