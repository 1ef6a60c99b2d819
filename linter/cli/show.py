"""``check --show-settings`` and ``--show-files``: what a run would use, without running it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from linter.engine import Settings


def show(settings: Settings, files: Sequence[str], show_settings: bool, fail_on: str) -> None:
    """Print the resolved settings (root, config file, paths, fact tables, rules and how many
    files), or else the files, each as every report names it."""
    config = settings.config
    label = config.label
    if show_settings:
        from linter.registry import rules

        knowledge = settings.knowledge
        lines = {
            "root": config.root,
            "config": config.file or "(none: defaults)",
            "paths": ", ".join(config.paths) or "articles (default)",
            "exclude": ", ".join(config.exclude) or "(none)",
            "respect-gitignore": str(config.respect_gitignore).lower(),
            "facts": ", ".join(knowledge.tables) if knowledge is not None else "(none found)",
            "rules": ", ".join(
                code
                for code, rule in rules().items()
                if rule.scope != "corpus" and settings.enabled(code)  # corpus rules: audit's
            ),
            "fail-on": fail_on,
            "citation-scope": settings.citation_scope,
        }
        for name, value in lines.items():
            click.echo(f"{name}: {value}")
        if config.severity:
            click.echo("severity: " + ", ".join(f"{c}={s}" for c, s in config.severity.items()))
        for pattern, codes in config.per_file_ignores.items():
            click.echo(f"per-file-ignores: {pattern} = {', '.join(codes)}")
        click.echo(f"files: {len(files)}")
        return
    for path in files:
        click.echo(label(path))
