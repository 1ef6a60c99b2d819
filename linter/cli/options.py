"""What the commands share: options, config and settings, where a report goes."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import wraps
from typing import TYPE_CHECKING, Any, TypeVar

import click

from linter import config as config_module
from linter.errors import UserError

if TYPE_CHECKING:
    from linter.cache import Cache
    from linter.engine import ArticleResult, Tally

F = TypeVar("F", bound=Callable[..., Any])


def comma_list(values: Sequence[str]) -> list[str]:
    return [part.strip().upper() for value in values for part in value.split(",") if part.strip()]


def reports_user_errors(command: F) -> F:
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


def common_options(command: F) -> F:
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


def format_option(*choices: str, help: str = "Output format.") -> Callable[[F], F]:
    return click.option(
        "--format",
        "output_format",
        default="text",
        show_default=True,
        type=click.Choice(choices),
        help=help,
    )


def selection_options(command: F) -> F:
    """--select and --ignore, shared by check and audit."""
    command = click.option(
        "--ignore", multiple=True, help="Skip these codes or prefixes (comma-separated)."
    )(command)
    return click.option(
        "--select", multiple=True, help="Only these codes or prefixes (comma-separated)."
    )(command)


jobs_option = click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes (default: the machine's cores).",
)


def load_config(config_path: str | None) -> config_module.Config:
    if config_path is not None and not os.path.isfile(config_path):
        raise UserError("no such config file", path=config_path)
    return config_module.load(config_path or config_module.find())


def fact_paths(config: config_module.Config, given: Sequence[str]) -> list[str]:
    if given:
        return list(given)
    if config.facts is not None:
        return [config_module.resolve(config, p) for p in config.facts]
    beside = config_module.resolve(config, "facts") if config.file else None
    for candidate in (beside, "facts"):
        if candidate and os.path.isdir(candidate):
            return [candidate]
    return []


def build_settings(
    config: config_module.Config,
    *,
    facts: Sequence[str],
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    citation_scope: str | None = None,
    no_cache: bool = True,
    load_facts: Callable[[list[str]], Any] | None = None,
) -> Any:
    """Settings from options and config; ``load_facts`` builds the knowledge base from the
    fact-table paths (default: ``knowledge.load``, through the cache; the language server
    passes its own, which keeps tables parsed between edits)."""
    from linter.engine import Settings

    settings = Settings(
        config=config,
        select=comma_list(select) or config.select,
        ignore=comma_list(ignore) + config.ignore,
        citation_scope=(citation_scope or config.citation_scope),  # type: ignore[arg-type]
    )
    check_codes(settings.select + settings.ignore)
    if not no_cache:
        settings.cache = open_cache(config)
    tables = fact_paths(config, facts)
    if tables:
        if load_facts is None:
            from linter.facts.knowledge import load

            knowledge = load(tables, settings.cache)
        else:
            knowledge = load_facts(tables)
        settings.knowledge = knowledge if knowledge.tables else None
    return settings


def check_codes(patterns: Sequence[str]) -> None:
    from linter.registry import rules

    codes = rules()
    for pattern in patterns:
        if not any(code.startswith(pattern) for code in codes):
            raise UserError(f"unknown rule code or prefix {pattern!r} (see `encyclint rules`)")


def configured_paths(config: config_module.Config, given: Sequence[str]) -> list[str]:
    if given:
        return list(given)
    if config.paths:
        return [config_module.resolve(config, p) for p in config.paths]
    if os.path.isdir("articles"):
        return ["articles"]
    raise UserError("no paths given and none configured (set paths in [tool.encyclint])")


def article_paths(config: config_module.Config, given: Sequence[str]) -> list[str]:
    """Markdown paths to lint; a fact table among them stands for every configured article."""
    tables = [p for p in given if p.endswith((".yaml", ".yml"))]
    articles = [p for p in given if p not in tables]
    if tables:
        articles = configured_paths(config, ()) + articles
    return configured_paths(config, articles)


def emit(text: str | Iterable[str], output: str | None, *, color: bool | None = None) -> None:
    """Write the report to ``output`` (atomically) or standard output, as it is produced.
    ``color``: keep colour codes even when standard output is not a terminal (click strips
    them there otherwise)."""
    if output:
        from linter.output import write_atomic

        write_atomic(output, text)
    elif isinstance(text, str):
        click.echo(text, nl=False, color=color)
    else:
        for piece in text:
            click.echo(piece, nl=False, color=color)


def report_unreadable(results: Iterable[ArticleResult]) -> Iterator[ArticleResult]:
    """The results, each file that could not be checked (INP001) also told on stderr: for
    the commands whose output has no place for it (a baseline, a claims listing)."""
    from linter.engine import UNREADABLE

    for result in results:
        for d in result.diagnostics:
            if d.code == UNREADABLE:
                click.echo(
                    f"{d.path}:{d.span.line}:{d.span.column}: {d.code} {d.message}", err=True
                )
        yield result


def exit_for_unreadable(tally: Tally) -> None:
    """Exit 2 once the report is out if any file could not be checked."""
    if tally.unreadable:
        files = "file" if tally.unreadable == 1 else "files"
        click.echo(f"encyclint: error: {tally.unreadable} {files} could not be checked (INP001)",
                   err=True)  # fmt: skip
        sys.exit(2)


def say_offline() -> None:
    click.echo("encyclint: warning: the network is unreachable (no host name resolved, no host "
               "answered): links not checked (LNK003), nothing cached", err=True)  # fmt: skip


colour_option = click.option(
    "--color",
    "color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Colour the text report: auto is on a terminal unless NO_COLOR is set "
    "(FORCE_COLOR forces it on).",
)


def colour(choice: str = "auto") -> bool:
    """Whether to colour: ``--color always|never`` wins, then NO_COLOR, then FORCE_COLOR
    (each when set and not empty, as no-color.org and force-color.org say), then a terminal."""
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty()


def jobs_count(jobs: int | None) -> int:
    return jobs if jobs is not None else (os.cpu_count() or 1)


def open_cache(config: config_module.Config) -> Cache:
    """The project's cache; a warning when a folder of that name is there but not one that
    encyclint made for this user (a link, a file, a folder from the repository)."""
    from linter.cache import FOLDER, Cache

    cache = Cache(os.path.join(config.root, FOLDER))
    refusal = cache.refusal
    if refusal is not None and refusal not in ("cannot be created", "has no key to sign with"):
        from linter.escape import display_path

        click.echo(f"encyclint: warning: {display_path(cache.folder)} {refusal}, so it is not "
                   "used as a cache (delete it and encyclint makes its own)", err=True)  # fmt: skip
    return cache


class Progress:
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

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
