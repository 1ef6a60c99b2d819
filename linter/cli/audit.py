"""`encyclint audit`: the whole corpus, each article's standing and corpus-wide findings."""

from __future__ import annotations

import sys

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
    "--html", "html_path", type=click.Path(dir_okay=False), help="Also write an HTML report."
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
    settings.keep_text = html_path is not None
    with Progress() as report:
        stream = engine.lint_paths(
            configured_paths(config, paths), settings, jobs_count(jobs), progress=report
        )
        tally = engine.Tally()
        results = [tally.add(result) for result in stream]
    result = audits.build(results, settings)
    if links:
        from linter.links import Options, check_corpus_links

        options = Options(cache=settings.cache)
        found, offline = check_corpus_links(results, settings, options)
        if offline:
            say_offline()
        result.corpus.extend(found)
        result.totals["corpus_findings"] = len(result.corpus)
    if html_path:
        from linter.output import write_atomic
        from linter.report_html import render

        write_atomic(html_path, render(result, results, settings.knowledge))
    text = audits.render_json(result) if output_format == "json" else audits.render_text(result)
    emit(text, output)
    exit_for_unreadable(tally)
    findings = [d for r in results for d in r.diagnostics] + list(result.corpus)
    if fails(findings, fail_on or "never"):
        sys.exit(1)
