"""`encyclint rules`: the documentation each rule carries."""

from __future__ import annotations

import click

from linter.cli import main
from linter.cli.options import (
    reports_user_errors,
)
from linter.errors import UserError


@main.command(name="rules")
@click.argument("code", required=False)
@reports_user_errors
def rules_command(code: str | None) -> None:
    """Rule documentation: all rules, or one in full."""
    from linter.registry import rules

    registry = rules()
    if code is None:
        for rule in registry.values():
            click.echo(f"{rule.code}  {rule.name:<24} {rule.severity:<8} {rule.summary}")
        return
    chosen = registry.get(code.upper())
    if chosen is None:
        raise UserError(f"unknown rule {code!r} (see `encyclint rules`)")
    click.echo(f"{chosen.code} {chosen.name} (default severity: {chosen.severity})\n\n{chosen.doc}")
