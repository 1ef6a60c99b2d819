"""`encyclint audit`: the whole corpus, each article's standing and corpus-wide findings."""

from __future__ import annotations

import sys
from typing import NamedTuple

import click

from linter.cli import main
from linter.cli.options import (
    Progress,
    build_settings,
    common_options,
    configured_paths,
    emit,
    exit_for_unreadable,
    fail_on_option,
    fails,
    format_option,
    jobs_count,
    jobs_option,
    load_config,
    reports_user_errors,
    say_offline,
    selection_options,
)


@main.command()
@common_options
@format_option("text", "json")
@click.option(
    "--html",
    "html_path",
    type=click.Path(file_okay=False),
    help="Also write an HTML report folder: DIR/index.html and a page per article.",
)
@click.option(
    "--compare",
    "compare_path",
    type=click.Path(dir_okay=False),
    help="An earlier `audit --format json`: the report shows what changed since.",
)
@selection_options
@click.option("--links", is_flag=True, help="Also check every URL of the references and sources.")
@jobs_option
@fail_on_option("never: an audit reports, it does not judge")
@reports_user_errors
def audit(
    paths: tuple[str, ...],
    facts: tuple[str, ...],
    config_path: str | None,
    output: str | None,
    citation_scope: str | None,
    no_cache: bool,
    output_format: str,
    html_path: str | None,
    compare_path: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    links: bool,
    jobs: int | None,
    fail_on: str | None,
) -> None:
    """Whole-corpus report: each article's standing, worst first, and corpus-wide findings."""
    from linter import audit as audits
    from linter import engine

    config = load_config(config_path, paths)
    settings = build_settings(
        config,
        facts=facts,
        select=select,
        ignore=ignore,
        citation_scope=citation_scope,
        no_cache=no_cache,
    )
    if compare_path and not html_path:
        raise click.UsageError("--compare needs --html DIR: the comparison is shown in the report")
    writer = None
    if html_path:
        from linter.report import ReportWriter
        from linter.report.trends import load as load_previous

        previous = load_previous(compare_path) if compare_path else None
        writer = ReportWriter(html_path, settings.knowledge, previous)
    settings.keep_text = writer is not None
    builder = audits.AuditBuilder(keep_definitions=links)
    with Progress() as report:
        stream = engine.lint_paths(
            configured_paths(config, paths), settings, jobs_count(jobs), progress=report
        )
        tally = engine.Tally()
        for article in stream:  # each page is written as its result arrives, then let go
            stats = builder.add(tally.add(article))
            if writer is not None and stats is not None:
                writer.add(article, stats, builder.findings[article.path])
    result = builder.finish(settings)
    if links:
        from linter.links import Options, check_corpus_links

        options = Options(cache=settings.cache)
        checked = check_corpus_links(builder.kept, settings, options)
        if checked.unreachable:
            say_offline()
        result.corpus.extend(checked.diagnostics)
        result.totals["corpus_findings"] = len(result.corpus)
    if writer is not None:
        writer.finish(result)
    text = audits.render_json(result) if output_format == "json" else audits.render_text(result)
    emit(text, output)
    exit_for_unreadable(tally)
    severities = [f for findings in result.findings.values() for f in findings]
    if fails([*result.corpus, *(Severity(f["severity"]) for f in severities)], fail_on or "never"):
        sys.exit(1)


class Severity(NamedTuple):
    """A finding as ``fails`` reads it, from the audit's short form."""

    severity: str
