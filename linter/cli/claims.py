"""`encyclint claims`: list every claim with its value, citations and status."""

from __future__ import annotations

from linter.cli import main
from linter.cli.options import (
    article_files,
    build_settings,
    common_options,
    emit,
    exit_for_unreadable,
    fact_paths,
    format_option,
    load_config,
    reports_user_errors,
)


@main.command()
@common_options
@format_option("text", "json")
@reports_user_errors
def claims(
    paths: tuple[str, ...],
    facts: tuple[str, ...],
    config_path: str | None,
    output: str | None,
    citation_scope: str | None,
    no_cache: bool,
    output_format: str,
) -> None:
    """List every claim found, with its value, citations and status."""
    from linter import engine
    from linter.listing import render_claims

    config = load_config(config_path, paths)
    settings = build_settings(
        config, facts=facts, citation_scope=citation_scope, select=["CIT001"], no_cache=no_cache
    )
    tally = engine.Tally()
    files = article_files(config, paths, fact_paths(config, facts))
    results = [tally.add(result) for result in engine.lint_files(files, settings, jobs=1)]
    emit(render_claims(results, output_format), output)
    exit_for_unreadable(tally)
