"""`encyclint links`: dead and moved URLs in references and fact-table sources."""

from __future__ import annotations

import sys
from typing import Any

import click

from linter.cli import main
from linter.cli.options import (
    build_settings,
    colour,
    configured_paths,
    emit,
    exit_for_unreadable,
    fail_on_option,
    fails,
    format_option,
    load_config,
    open_cache,
    reports_user_errors,
    say_offline,
)
from linter.text import plural


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--facts", "facts", multiple=True, type=click.Path(), help="Fact table (repeatable).")
@click.option("--config", "config_path", type=click.Path(), help="Config file.")
@format_option("text", "json")
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=10.0,
    show_default=True,
    help="Seconds one URL may take, in all (requests, retries, redirects).",
)
@click.option(
    "--deadline",
    type=click.FloatRange(min=0.1),
    default=300.0,
    show_default=True,
    help="Seconds the whole run may take; URLs not checked by then are reported (LNK003).",
)
@click.option("--no-cache", is_flag=True, help="Ignore and do not write the link cache.")
@click.option(
    "--cache-hours",
    type=click.FloatRange(min=0),
    default=24.0,
    show_default=True,
    help="How long a checked link is trusted.",
)
@fail_on_option("the config's fail-on, else error")
@click.option(
    "--fix", is_flag=True, help="Cite moved URLs by their new addresses, then report what is left."
)
@click.option(
    "--dry-run", is_flag=True, help="With --fix, print a unified diff instead of writing files."
)
@reports_user_errors
def links(
    paths: tuple[str, ...],
    facts: tuple[str, ...],
    config_path: str | None,
    output_format: str,
    timeout: float,
    deadline: float,
    no_cache: bool,
    cache_hours: float,
    fail_on: str | None,
    fix: bool,
    dry_run: bool,
) -> None:
    """Check every URL of the articles' references and the fact tables' sources."""
    from linter import engine, formatters
    from linter.links import Options, check_corpus_links

    config = load_config(config_path, paths)
    settings = build_settings(config, facts=facts, select=["CIT001"])
    settings.keep_text = True
    results = list(engine.lint_paths(configured_paths(config, paths), settings, jobs=1))
    options = Options(timeout=timeout, deadline=deadline, cache_seconds=cache_hours * 3600)
    options.cache = None if no_cache else open_cache(config)
    settings.select = []
    report = check_corpus_links(results, settings, options)
    if report.unreachable:
        say_offline()
    by_path: dict[str, list[Any]] = {}
    for diagnostic in report.diagnostics:
        by_path.setdefault(diagnostic.path, []).append(diagnostic)
    for result in results:
        faults = [d for d in result.diagnostics if d.code == engine.UNREADABLE]
        result.diagnostics = faults + by_path.pop(result.path, [])
    tally = engine.Tally(claims_read=False, root=config.root)
    if fix or dry_run:
        from linter.fixes.run import fix_links

        diffs = []
        for result in results:
            if any(d.fix is not None for d in result.diagnostics):
                fixed, diff = fix_links(result, report, settings, dry_run=dry_run)
                tally.add_fixed(fixed)
                diffs += [diff] if diff else []
        if dry_run:
            emit(diffs, None)
            click.echo(f"Would fix {plural(sum(tally.fixed.values()), 'problem')}.", err=True)
            sys.exit(1 if tally.fixed else 0)
    for table, table_findings in by_path.items():  # fact tables: reported like articles
        results.append(engine.ArticleResult(table, table_findings, [], [], 0, []))
    counted = (tally.add(result) for result in results)
    emit(formatters.get(output_format)(counted, colour(), tally), None)
    exit_for_unreadable(tally)
    if fails([d for r in results for d in r.diagnostics], fail_on or config.fail_on):
        sys.exit(1)
