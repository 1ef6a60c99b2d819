"""`encyclint check`: lint articles and report findings in the chosen format."""

from __future__ import annotations

import sys
from collections.abc import Iterator

import click

from linter import config as config_module
from linter.cli import main
from linter.cli.options import (
    article_paths,
    build_settings,
    colour,
    common_options,
    emit,
    exit_for_unreadable,
    format_option,
    jobs_count,
    jobs_option,
    load_config,
    report_unreadable,
    reports_user_errors,
    selection_options,
)


@main.command()
@common_options
@format_option("text", "json", "sarif", "github")
@selection_options
@click.option(
    "--fail-on",
    type=click.Choice(config_module.FAIL_ON),
    help="Exit 1 at this severity or above (default: error).",
)
@click.option("--explain", is_flag=True, help="Show, for each claim, the facts considered and why.")
@jobs_option
@click.option(
    "--baseline", type=click.Path(dir_okay=False), help="Report only findings not in FILE."
)
@click.option(
    "--write-baseline",
    type=click.Path(dir_okay=False),
    help="Record the current findings in FILE (and exit 0).",
)
@click.option("--diff", "diff_ref", metavar="REF", help="Report only lines changed since git REF.")
@reports_user_errors
def check(
    paths: tuple[str, ...],
    facts: tuple[str, ...],
    config_path: str | None,
    output: str | None,
    citation_scope: str | None,
    no_cache: bool,
    output_format: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str | None,
    explain: bool,
    jobs: int | None,
    baseline: str | None,
    write_baseline: str | None,
    diff_ref: str | None,
) -> None:
    """Lint articles (default: the configured paths, else articles/).

    A fact table among PATHS (as pre-commit passes changed files) re-checks every
    configured article, since a fact edit can break an article nobody touched.
    """
    from linter import engine, formatters
    from linter.diagnostic import SEVERITY_RANK

    config = load_config(config_path)
    settings = build_settings(
        config,
        facts=facts,
        select=select,
        ignore=ignore,
        citation_scope=citation_scope,
        no_cache=no_cache,
    )
    settings.keep_claims = explain
    stream = engine.lint_paths(article_paths(config, paths), settings, jobs=jobs_count(jobs))
    tally = engine.Tally(claims_read=settings.reads() != "document")
    if write_baseline:
        from linter import baseline as baselines

        total = baselines.write(write_baseline, report_unreadable(tally.add(r) for r in stream))
        click.echo(f"Wrote {total} findings to {write_baseline}.", err=True)
        exit_for_unreadable(tally)
        return
    if baseline:
        from linter import baseline as baselines

        stream = baselines.subtract(stream, baselines.read(baseline))
    if diff_ref:
        from linter.gitdiff import keep_changed

        stream = keep_changed(stream, diff_ref)
    threshold = fail_on or config.fail_on
    limit = SEVERITY_RANK.get(threshold, len(SEVERITY_RANK))
    failed = False

    def observed() -> Iterator[engine.ArticleResult]:
        nonlocal failed
        for result in stream:
            tally.add(result)
            failed = failed or any(SEVERITY_RANK[d.severity] >= limit for d in result.diagnostics)
            if explain:
                from linter.explain import render_explanations

                text = render_explanations([result])
                click.echo(text, nl=False, err=output_format != "text" or output is not None)
            yield result

    render = formatters.get(output_format)
    emit(render(observed(), colour() and not output, tally), output)
    exit_for_unreadable(tally)
    if failed:
        sys.exit(1)
