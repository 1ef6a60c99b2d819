"""The command line: thin; it reads options, builds Settings, runs the engine, picks a formatter."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import wraps
from typing import Any, TypeVar

import click

from linter import __version__
from linter import config as config_module
from linter.errors import UserError

F = TypeVar("F", bound=Callable[..., Any])


def _comma_list(values: Sequence[str]) -> list[str]:
    return [part.strip().upper() for value in values for part in value.split(",") if part.strip()]


def _reports_user_errors(command: F) -> F:
    """Turn a UserError into one line (or one per table problem) on stderr and exit 2."""

    @wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except UserError as error:
            for line in str(error).splitlines():
                click.echo(f"encyclint: error: {line}", err=True)
            sys.exit(2)
        except BrokenPipeError:
            sys.stderr.close()
            sys.exit(1)
        except KeyboardInterrupt:
            click.echo("encyclint: interrupted", err=True)
            sys.exit(130)

    return run  # type: ignore[return-value]


def _common(command: F) -> F:
    """Options shared by check, claims and audit."""
    decorators = [
        click.argument("paths", nargs=-1, type=click.Path()),
        click.option("--facts", "facts", multiple=True, type=click.Path(),
                     help="Fact table file or folder (repeatable)."),
        click.option("--config", "config_path", type=click.Path(),
                     help="Config file (default: pyproject.toml [tool.encyclint], then encyclint.toml)."),
        click.option("--output", "-o", type=click.Path(dir_okay=False),
                     help="Write the report to FILE (atomically)."),
        click.option("--citation-scope", type=click.Choice(config_module.SCOPES),
                     help="Where a marker must stand to cite a claim."),
        click.option("--no-cache", is_flag=True,
                     help="Neither read nor write the cache in .encyclint_cache/."),
    ]  # fmt: skip
    for decorator in reversed(decorators):
        command = decorator(command)
    return command


def _format_option(*choices: str) -> Callable[[F], F]:
    return click.option(
        "--format",
        "output_format",
        default="text",
        show_default=True,
        type=click.Choice(choices),
        help="Output format.",
    )


def _selection(command: F) -> F:
    """--select and --ignore, shared by check and audit."""
    command = click.option(
        "--ignore", multiple=True, help="Skip these codes or prefixes (comma-separated)."
    )(command)
    return click.option(
        "--select", multiple=True, help="Only these codes or prefixes (comma-separated)."
    )(command)


_jobs_option = click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes (default: the machine's cores).",
)


def _load_config(config_path: str | None) -> config_module.Config:
    if config_path is not None and not os.path.isfile(config_path):
        raise UserError("no such config file", path=config_path)
    return config_module.load(config_path or config_module.find())


def _fact_paths(config: config_module.Config, given: Sequence[str]) -> list[str]:
    if given:
        return list(given)
    if config.facts is not None:
        return [config_module.resolve(config, p) for p in config.facts]
    beside = config_module.resolve(config, "facts") if config.file else None
    for candidate in (beside, "facts"):
        if candidate and os.path.isdir(candidate):
            return [candidate]
    return []


def _settings(
    config: config_module.Config,
    *,
    facts: Sequence[str],
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    citation_scope: str | None = None,
    no_cache: bool = True,
) -> Any:
    from linter.engine import Settings

    settings = Settings(
        config=config,
        select=_comma_list(select) or config.select,
        ignore=_comma_list(ignore) + config.ignore,
        citation_scope=(citation_scope or config.citation_scope),  # type: ignore[arg-type]
    )
    _check_codes(settings.select + settings.ignore)
    if not no_cache:
        from linter.cache import FOLDER, Cache

        settings.cache = Cache(os.path.join(config.root, FOLDER))
    fact_paths = _fact_paths(config, facts)
    if fact_paths:
        from linter.facts.knowledge import load

        knowledge = load(fact_paths, settings.cache)
        settings.knowledge = knowledge if knowledge.tables else None
    return settings


def _check_codes(patterns: Sequence[str]) -> None:
    from linter.registry import rules

    codes = rules()
    for pattern in patterns:
        if not any(code.startswith(pattern) for code in codes):
            raise UserError(f"unknown rule code or prefix {pattern!r} (see `encyclint rules`)")


def _paths(config: config_module.Config, given: Sequence[str]) -> list[str]:
    if given:
        return list(given)
    if config.paths:
        return [config_module.resolve(config, p) for p in config.paths]
    if os.path.isdir("articles"):
        return ["articles"]
    raise UserError("no paths given and none configured (set paths in [tool.encyclint])")


def _article_paths(config: config_module.Config, given: Sequence[str]) -> list[str]:
    """Markdown paths to lint; a fact table among them stands for every configured article."""
    tables = [p for p in given if p.endswith((".yaml", ".yml"))]
    articles = [p for p in given if p not in tables]
    if tables:
        articles = _paths(config, ()) + articles
    return _paths(config, articles)


def _emit(text: str | Iterable[str], output: str | None) -> None:
    """Write the report to ``output`` (atomically) or standard output, as it is produced."""
    if output:
        from linter.output import write_atomic

        write_atomic(output, text)
    elif isinstance(text, str):
        click.echo(text, nl=False)
    else:
        for piece in text:
            click.echo(piece, nl=False)


def _colour() -> bool:
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="encyclint")
def main() -> None:
    """Lint encyclopedia articles: facts against sourced tables, citations against references."""
    # A run allocates many objects that live to its end (tokens, claims, the fact table);
    # at the default threshold the collector rescans them hundreds of times, 4% of a run.
    gc.set_threshold(10_000, 10, 10)


@main.command()
@_common
@_format_option("text", "json", "sarif", "github")
@_selection
@click.option(
    "--fail-on",
    type=click.Choice(config_module.FAIL_ON),
    help="Exit 1 at this severity or above (default: error).",
)
@click.option("--explain", is_flag=True, help="Show, for each claim, the facts considered and why.")
@_jobs_option
@click.option(
    "--baseline", type=click.Path(dir_okay=False), help="Report only findings not in FILE."
)
@click.option(
    "--write-baseline",
    type=click.Path(dir_okay=False),
    help="Record the current findings in FILE (and exit 0).",
)
@click.option("--diff", "diff_ref", metavar="REF", help="Report only lines changed since git REF.")
@_reports_user_errors
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

    config = _load_config(config_path)
    settings = _settings(
        config,
        facts=facts,
        select=select,
        ignore=ignore,
        citation_scope=citation_scope,
        no_cache=no_cache,
    )
    settings.keep_claims = explain
    stream = engine.lint_paths(_article_paths(config, paths), settings, jobs=_jobs(jobs))
    if write_baseline:
        from linter import baseline as baselines

        total = baselines.write(write_baseline, stream)
        click.echo(f"Wrote {total} findings to {write_baseline}.", err=True)
        return
    if baseline:
        from linter import baseline as baselines

        stream = baselines.subtract(stream, baselines.read(baseline))
    if diff_ref:
        from linter.gitdiff import keep_changed

        stream = keep_changed(stream, diff_ref)
    threshold = fail_on or config.fail_on
    limit = SEVERITY_RANK.get(threshold, len(SEVERITY_RANK))
    tally = engine.Tally(claims_read=settings.reads() != "document")
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
    _emit(render(observed(), _colour() and not output, tally), output)
    if failed:
        sys.exit(1)


def _jobs(jobs: int | None) -> int:
    return jobs if jobs is not None else (os.cpu_count() or 1)


@main.command()
@_common
@_format_option("text", "json")
@_reports_user_errors
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

    config = _load_config(config_path)
    settings = _settings(
        config, facts=facts, citation_scope=citation_scope, select=["CIT001"], no_cache=no_cache
    )
    results = list(engine.lint_paths(_article_paths(config, paths), settings, jobs=1))
    _emit(render_claims(results, output_format), output)


@main.command()
@_common
@_format_option("text", "json")
@click.option(
    "--html", "html_path", type=click.Path(dir_okay=False), help="Also write an HTML report."
)
@_selection
@click.option("--links", is_flag=True, help="Also check every URL of the references and sources.")
@_jobs_option
@_reports_user_errors
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
) -> None:
    """Whole-corpus report: each article's standing, worst first, and corpus-wide findings."""
    from linter import audit as audits
    from linter import engine

    config = _load_config(config_path)
    settings = _settings(
        config,
        facts=facts,
        select=select,
        ignore=ignore,
        citation_scope=citation_scope,
        no_cache=no_cache,
    )
    settings.keep_text = html_path is not None
    with _progress() as report:
        stream = engine.lint_paths(_paths(config, paths), settings, _jobs(jobs), progress=report)
        results = list(stream)
    result = audits.build(results, settings)
    if links:
        from linter.links import Options, check_corpus_links

        cache_path = None if no_cache else _links_cache(config)
        result.corpus.extend(check_corpus_links(results, settings, Options(cache_path=cache_path)))
        result.totals["corpus_findings"] = len(result.corpus)
    if html_path:
        from linter.output import write_atomic
        from linter.report_html import render

        write_atomic(html_path, render(result, results, settings.knowledge))
    text = audits.render_json(result) if output_format == "json" else audits.render_text(result)
    _emit(text, output)


def _links_cache(config: config_module.Config) -> str:
    from linter.cache import FOLDER

    return os.path.join(config.root, FOLDER, "links.json")


class _Progress:
    """A progress bar on stderr for large corpora, only on a terminal and never in CI."""

    MINIMUM = 50

    def __init__(self) -> None:
        self.bar: Any = None
        self.enabled = sys.stderr.isatty() and not os.environ.get("CI")

    def __call__(self, step: int) -> None:
        if step < 0:
            if self.enabled and -step >= self.MINIMUM:
                self.bar = click.progressbar(length=-step, label="Checking", file=sys.stderr)
                self.bar.__enter__()
        elif self.bar is not None:
            self.bar.update(step)

    def __enter__(self) -> _Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


def _progress() -> _Progress:
    return _Progress()


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--facts", "facts", multiple=True, type=click.Path(), help="Fact table (repeatable).")
@click.option("--config", "config_path", type=click.Path(), help="Config file.")
@_format_option("text", "json")
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=10.0,
    show_default=True,
    help="Seconds to wait for each answer.",
)
@click.option("--no-cache", is_flag=True, help="Ignore and do not write the link cache.")
@click.option(
    "--cache-hours",
    type=click.FloatRange(min=0),
    default=24.0,
    show_default=True,
    help="How long a checked link is trusted.",
)
@_reports_user_errors
def links(
    paths: tuple[str, ...],
    facts: tuple[str, ...],
    config_path: str | None,
    output_format: str,
    timeout: float,
    no_cache: bool,
    cache_hours: float,
) -> None:
    """Check every URL of the articles' references and the fact tables' sources."""
    from linter import engine, formatters
    from linter.links import Options, check_corpus_links

    config = _load_config(config_path)
    settings = _settings(config, facts=facts, select=["CIT001"])
    settings.keep_text = True
    results = list(engine.lint_paths(_paths(config, paths), settings, jobs=1))
    options = Options(timeout=timeout, cache_seconds=cache_hours * 3600)
    options.cache_path = None if no_cache else _links_cache(config)
    settings.select = []
    found = check_corpus_links(results, settings, options)
    by_path: dict[str, list[Any]] = {}
    for diagnostic in found:
        by_path.setdefault(diagnostic.path, []).append(diagnostic)
    for result in results:
        result.diagnostics = by_path.pop(result.path, [])
    for table, table_findings in by_path.items():  # fact tables: reported like articles
        results.append(engine.ArticleResult(table, table_findings, [], [], 0, []))
    tally = engine.Tally(claims_read=False)
    counted = (tally.add(result) for result in results)
    _emit(formatters.get(output_format)(counted, _colour(), tally), None)
    if any(d.code == "LNK001" for d in found):
        sys.exit(1)


@main.command(name="rules")
@click.argument("code", required=False)
@_reports_user_errors
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


@main.group()
def facts() -> None:
    """Fact-table commands."""


@facts.command(name="validate")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--config", "config_path", type=click.Path(), help="Config file.")
@_reports_user_errors
def validate(paths: tuple[str, ...], config_path: str | None) -> None:
    """Validate fact tables (default: the configured ones, else facts/)."""
    from linter.facts.files import table_files
    from linter.facts.knowledge import build
    from linter.facts.tables import read_table

    config = _load_config(config_path)
    given = _fact_paths(config, paths)
    if not given:
        raise UserError("no fact tables given and no facts/ folder here")
    files = table_files(given)
    knowledge, problems = build(read_table(path) for path in files)
    for problem in problems:
        click.echo(str(problem), err=True)
    if problems:
        sys.exit(2)
    click.echo(f"{len(files)} tables, {len(knowledge.sources)} sources, "
               f"{len(knowledge.facts)} facts: valid")  # fmt: skip
