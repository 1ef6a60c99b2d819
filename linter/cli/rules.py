"""`encyclint rules`: the documentation each rule carries."""

from __future__ import annotations

import json

import click

from linter.cli import main
from linter.cli.options import (
    reports_user_errors,
)
from linter.errors import UserError


@main.command(name="rules")
@click.argument("code", required=False)
@click.option(
    "--format", "output_format", type=click.Choice(["text", "json"]), default="text",
    show_default=True, help="Output format.",
)  # fmt: skip
@reports_user_errors
def rules_command(code: str | None, output_format: str) -> None:
    """Rule documentation: all rules, or one in full (by code or name)."""
    from linter.registry import code_for, rules

    registry = rules()
    chosen = list(registry.values())
    if code is not None:
        rule = registry.get(code_for(code))
        if rule is None:
            raise UserError(f"unknown rule {code!r} (see `encyclint rules`)")
        chosen = [rule]
    if output_format == "json":
        entries = [rule.to_json() for rule in chosen]
        click.echo(
            json.dumps(entries if code is None else entries[0], indent=2, ensure_ascii=False)
        )
    elif code is None:
        for rule in chosen:
            click.echo(f"{rule.code}  {rule.name:<24} {rule.severity:<8} {rule.summary}")
    else:
        rule = chosen[0]
        click.echo(f"{rule.code} {rule.name} (default severity: {rule.severity})\n\n{rule.doc}")
