"""`encyclint check`: lint articles and report findings in the chosen format."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from typing import TYPE_CHECKING, NoReturn

import click

from linter import config as config_module
from linter.cli import main
from linter.cli.options import (
    article_files,
    build_settings,
    colour,
    colour_option,
    common_options,
    emit,
    exit_for_unreadable,
    fact_paths,
    fail_on_option,
    format_option,
    jobs_count,
    jobs_option,
    load_config,
    report_unreadable,
    reports_user_errors,
    selection_options,
    warn_without_facts,
)
from linter.errors import UserError
from linter.text import plural

if TYPE_CHECKING:
    from linter import engine
    from linter.facts.knowledge import Problem
    from linter.fixes.run import Fixing


@main.command()
@common_options
@format_option(
    "text", "full", "concise", "json", "sarif", "github",
    help="Output format; text is full (with source context) on a terminal, else concise.",
)  # fmt: skip
@selection_options
@fail_on_option("the config's fail-on, else error")
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
@click.option(
    "--diff",
    "diff_ref",
    metavar="REF",
    help="Report only the findings introduced since the merge base of REF and HEAD.",
)
@click.option(
    "--force-exclude",
    is_flag=True,
    help="Drop given files outside the configured paths or matching exclude (for hooks).",
)
@click.option("--show-settings", is_flag=True, help="Print the resolved settings and exit.")
@click.option("--show-files", is_flag=True, help="Print the files that would be checked and exit.")
@colour_option
@click.option(
    "--statistics", is_flag=True, help="Count the findings by rule instead of listing them."
)
@click.option("--quiet", "-q", is_flag=True, help="Print the findings only, without the summary.")
@click.option("--silent", "-s", is_flag=True, help="Print nothing: only the exit code tells.")
@click.option(
    "--stdin-filename",
    metavar="PATH",
    help="With PATHS `-`: the path the buffer read from standard input stands for "
    "(for config, per-file ignores and the report).",
)
@click.option(
    "--add-suppression",
    is_flag=True,
    help="Write a suppression comment for every finding (merging codes on one comment).",
)
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
    statistics: bool,
    quiet: bool,
    silent: bool,
    stdin_filename: str | None,
    add_suppression: bool,
    fix: bool,
    unsafe_fixes: bool,
    show_fixes: bool,
    dry_run: bool,
    force_exclude: bool,
    show_settings: bool,
    show_files: bool,
) -> None:
    """Lint articles (default: the configured paths, else articles/).

    A fact table among PATHS (as pre-commit passes changed files) re-checks every
    configured article, since a fact edit can break an article nobody touched.
    """
    from linter import engine, formatters
    from linter.diagnostic import SEVERITY_RANK

    reading_stdin = paths == ("-",)
    if "-" in paths and not reading_stdin:
        raise UserError("`-` (standard input) must be the only path")
    if reading_stdin and add_suppression:
        raise UserError("--add-suppression writes files: it cannot take standard input")
    located = paths if not reading_stdin else (stdin_filename,) if stdin_filename else ()
    config = load_config(config_path, located)
    tables = fact_paths(config, facts)
    try:
        settings = build_settings(
            config,
            facts=facts,
            select=select,
            ignore=ignore,
            citation_scope=citation_scope,
            no_cache=no_cache,
        )
    except UserError as error:
        problems = getattr(error, "problems", None)
        if problems is None:
            raise
        _report_broken_tables(problems, config, output_format, output)
    settings.keep_claims = settings.explain = explain
    files = [] if reading_stdin else article_files(config, paths, tables, force_exclude)
    if show_settings or show_files:
        from linter.cli.show import show

        show(settings, files, show_settings, fail_on or config.fail_on)
        return
    claims_checked = settings.knowledge is not None
    introduced = None
    if diff_ref:
        from linter.gitdiff import Introduced

        options = {"select": select, "ignore": ignore, "citation_scope": citation_scope}
        introduced = Introduced(
            diff_ref, settings, paths, tables=facts, options=options, jobs=jobs_count(jobs)
        )
    if output_format == "text":  # as ruff: context on a terminal; one line a finding for tools
        output_format = "full" if sys.stdout.isatty() and output is None else "concise"
    settings.keep_text = output_format == "full"
    buffer: Buffer | None = None
    if reading_stdin:
        buffer = Buffer.read(stdin_filename or "-")
        stream: Iterable[engine.ArticleResult] = iter([buffer.lint(settings)])
    else:
        stream = engine.lint_files(files, settings, jobs=jobs_count(jobs))
    tally = engine.Tally(
        claims_read=claims_checked and settings.reads() != "document", root=config.root
    )
    fixing: Fixing | None = None
    if fix or dry_run:
        from linter.fixes.run import Fixing

        fixing = Fixing(settings, unsafe=unsafe_fixes, dry_run=dry_run, buffer=buffer)
        stream = fixing.run(stream)
    if write_baseline:
        from linter import baseline as baselines

        total = baselines.write(write_baseline, report_unreadable(tally.add(r) for r in stream))
        click.echo(f"Wrote {plural(total, 'finding')} to {write_baseline}.", err=True)
        exit_for_unreadable(tally)
        return
    if baseline:
        from linter import baseline as baselines

        stream = baselines.subtract(stream, baselines.read(baseline), tally.hide)
    if introduced is not None:
        stream = introduced.only_new(stream)
    if add_suppression:
        from linter.fixes.run import add_suppressions

        added, changed = add_suppressions(stream, config.root)
        if not silent:
            click.echo(
                f"Added {plural(added, 'suppression')} to {plural(changed, 'file')}.", err=True
            )
        return
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
        if not silent:
            emit(fixing.diffs, output)
        fixed = sum(tally.fixed.values())
        if not (quiet or silent):
            click.echo(f"Would fix {plural(fixed, 'problem')}.", err=True)
        sys.exit(1 if fixed else 0)
    render: Callable[..., Iterator[str]] = formatters.get(output_format)
    if statistics:
        from linter.formatters.statistics import render as counts

        render = partial(counts, as_json=output_format == "json")
    elif output_format in ("full", "concise"):
        render = partial(render, show_fixes=show_fixes, quiet=quiet)
    coloured = colour(color) and (output is None or color == "always")
    report = render(observed(), coloured, tally)
    if silent:
        for _ in report:
            pass
    elif buffer is not None and fixing is not None:  # the fixed buffer out, the report aside
        for piece in report:
            click.echo(piece, nl=False, err=True, color=coloured)
        sys.stdout.write(fixing.fixed_buffer or buffer.text)
    else:
        emit(report, output, color=coloured)
    if not claims_checked and tally.unreadable < tally.files and not (quiet or silent):
        warn_without_facts(settings)  # after the report, and only for a run that got far
    exit_for_unreadable(tally)
    if failed:
        sys.exit(1)


def _report_broken_tables(
    problems: list[Problem], config: config_module.Config, output_format: str, output: str | None
) -> NoReturn:
    """Fact-table problems, one line each on stderr and, in a report format or to a file, as
    findings (a GitHub annotation on the table's line, a SARIF result), the report written
    as usual so that CI can upload it; exit 2, as for any bad input."""
    for problem in problems:
        click.echo(f"encyclint: error: {problem}", err=True)
    if output_format not in ("text", "full", "concise") or output is not None:
        from linter import engine, formatters
        from linter.rules.tables import as_results

        tally = engine.Tally(claims_read=False, root=config.root)
        counted = (tally.add(result) for result in as_results(problems, config.root))
        name = "concise" if output_format == "text" else output_format
        emit(formatters.get(name)(counted, False, tally), output)
    click.echo("encyclint: error: the fact tables are invalid; no article was checked", err=True)
    sys.exit(2)


class Buffer:
    """An article read from standard input (``check -``), under the path it stands for."""

    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.text = text

    @classmethod
    def read(cls, path: str) -> Buffer:
        from linter import source

        return cls(path, source.decode(sys.stdin.buffer.read(), path))

    def lint(self, settings: engine.Settings) -> engine.ArticleResult:
        """The buffer checked as the file it stands for, under that file's printed label."""
        from linter import engine, source
        from linter.escape import display_path

        shown = self.path if self.path == "-" else display_path(settings.config.label(self.path))
        return engine.lint_source(source.from_text(self.text, shown), settings)
