"""`encyclint check`: lint articles and report findings in the chosen format."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from typing import TYPE_CHECKING

import click

from linter import config as config_module
from linter.cli import main
from linter.cli.options import (
    article_paths,
    build_settings,
    colour,
    colour_option,
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
from linter.text import plural

if TYPE_CHECKING:
    from linter import engine
    from linter.diagnostic import Diagnostic


@main.command()
@common_options
@format_option(
    "text", "full", "concise", "json", "sarif", "github",
    help="Output format; text is full (with source context) on a terminal, else concise.",
)  # fmt: skip
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
@colour_option
@click.option(
    "--fix", is_flag=True, help="Apply safe fixes to the files, then report what is left."
)
@click.option(
    "--unsafe-fixes",
    is_flag=True,
    help="With --fix, apply unsafe fixes too (they may change meaning).",
)
@click.option("--show-fixes", is_flag=True, help="With --fix, list the findings fixed.")
@click.option(
    "--dry-run", is_flag=True, help="With --fix, print a unified diff instead of writing files."
)
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
    color: str,
    fix: bool,
    unsafe_fixes: bool,
    show_fixes: bool,
    dry_run: bool,
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
    if output_format == "text":  # as ruff: context on a terminal; one line a finding for tools
        output_format = "full" if sys.stdout.isatty() and output is None else "concise"
    settings.keep_text = output_format == "full"
    stream = engine.lint_paths(article_paths(config, paths), settings, jobs=jobs_count(jobs))
    tally = engine.Tally(claims_read=settings.reads() != "document")
    fixing: Fixing | None = None
    if fix or dry_run:
        fixing = Fixing(settings, unsafe=unsafe_fixes, dry_run=dry_run)
        stream = fixing.run(stream)
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
            if fixing is not None:
                tally.add_fixed(fixing.fixed.pop(result.path, []))
            failed = failed or any(SEVERITY_RANK[d.severity] >= limit for d in result.diagnostics)
            if explain:
                from linter.explain import render_explanations

                text = render_explanations([result])
                click.echo(
                    text,
                    nl=False,
                    err=output_format not in ("full", "concise") or output is not None,
                )
            yield result

    if fixing is not None and fixing.dry_run:
        for _ in observed():
            pass
        emit(fixing.diffs, output)
        fixed = sum(tally.fixed.values())
        click.echo(f"Would fix {plural(fixed, 'problem')}.", err=True)
        sys.exit(1 if fixed else 0)
    render: Callable[..., Iterator[str]] = formatters.get(output_format)
    if output_format in ("full", "concise"):
        render = partial(render, show_fixes=show_fixes)
    coloured = colour(color) and (output is None or color == "always")
    emit(render(observed(), coloured, tally), output, color=coloured)
    exit_for_unreadable(tally)
    if failed:
        sys.exit(1)


class Fixing:
    """``--fix``: each article with fixes is fixed and written (or diffed), then reported
    as it now stands."""

    def __init__(self, settings: engine.Settings, *, unsafe: bool, dry_run: bool) -> None:
        self.settings = settings
        self.unsafe = unsafe
        self.dry_run = dry_run
        self.diffs: list[str] = []
        self.fixed: dict[str, list[Diagnostic]] = {}

    def run(self, stream: Iterable[engine.ArticleResult]) -> Iterator[engine.ArticleResult]:
        from linter.fixes import files
        from linter.fixes.apply import fixable

        for result in stream:
            if not any(fixable(d, self.unsafe) for d in result.diagnostics):
                yield result
                continue
            text, encoding = files.read(result.path)
            fixed, latest = files.fix_result(result, self.settings, text, unsafe=self.unsafe)
            if fixed.text != text:
                self.fixed[result.path] = fixed.fixed
                if self.dry_run:
                    self.diffs.append(files.unified_diff(result.path, text, fixed.text))
                else:
                    files.write(result.path, fixed.text, encoding)
            yield latest
