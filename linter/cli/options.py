"""What the commands share: options, config and settings, where a report goes."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import wraps
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from linter import config as config_module
from linter.errors import InternalError, UserError
from linter.escape import printable
from linter.text import plural

if TYPE_CHECKING:
    from linter.cache import Cache
    from linter.engine import ArticleResult, Tally

F = TypeVar("F", bound=Callable[..., Any])


def comma_list(values: Sequence[str]) -> list[str]:
    """Codes, prefixes or rule names, comma-separated; a rule's name stands for its code."""
    from linter.registry import code_for

    parts = [part.strip() for value in values for part in value.split(",") if part.strip()]
    return [code_for(part) for part in parts]


_verbose = False


def _set_verbose(context: click.Context, parameter: click.Parameter, value: bool) -> None:
    global _verbose
    _verbose = value


def reports_user_errors(command: F) -> F:
    """Exit codes CI can trust: a UserError is one line (or one per table problem) on stderr
    and exit 2; so is an unexpected exception (a bug), never the 1 of findings: one line
    naming the file being processed, the traceback only with ``--verbose``. A standard
    output that cannot be written (``> /dev/full``) is one line and exit 2 too. Adds
    ``--verbose`` to the command."""

    @wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            result = command(*args, **kwargs)
            _flush_output()
            return result
        except UserError as error:
            for line in str(error).splitlines():
                click.echo(f"encyclint: error: {line}", err=True)
            sys.exit(2)
        except BrokenPipeError:
            _silence_stdout()
            sys.stderr.close()
            sys.exit(1)
        except KeyboardInterrupt:
            click.echo("encyclint: interrupted", err=True)
            sys.exit(130)
        except OSError as error:
            if not _writing_output(error):
                _internal_error(f"{type(error).__name__}: {error}", _traceback(error))
            click.echo(f"encyclint: error: cannot write to standard output: {error.strerror}",
                       err=True)  # fmt: skip
            _silence_stdout()
            sys.exit(2)
        except InternalError as error:
            _internal_error(error.summary, error.traceback, error.path)
        except Exception as error:
            _internal_error(f"{type(error).__name__}: {error}", _traceback(error))

    verbose = click.option("--verbose", is_flag=True, expose_value=False, callback=_set_verbose,
                           help="On an internal error, print the traceback.")  # fmt: skip
    return verbose(run)  # type: ignore[return-value]


def _writing_output(error: OSError) -> bool:
    """Whether ``error`` came from writing to standard output (the flush above, or
    click.echo, through which every command prints), not from a bug elsewhere."""
    traceback = error.__traceback__
    while traceback is not None and traceback.tb_next is not None:
        traceback = traceback.tb_next
    if traceback is None:
        return False
    code = traceback.tb_frame.f_code
    from_echo = code.co_name == "echo" and "click" in code.co_filename
    return from_echo or code is _flush_output.__code__


def _flush_output() -> None:
    sys.stdout.flush()  # a full disk must show here, not as a message at exit


def _silence_stdout() -> None:
    """Point standard output at /dev/null, so that the interpreter's last flush at exit does
    not fail again with a second message."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def _traceback(error: BaseException) -> str:
    import traceback

    return "".join(traceback.format_exception(error)).rstrip()


def _internal_error(summary: str, traceback: str, path: str | None = None) -> NoReturn:
    where = f" while checking {path}" if path else ""
    hint = "" if _verbose else " (--verbose shows the traceback)"
    click.echo(f"encyclint: internal error{where}, please report it: {printable(summary)}{hint}",
               err=True)  # fmt: skip
    if _verbose:
        click.echo(traceback, err=True)
    sys.exit(2)


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


def fail_on_option(default: str) -> Callable[[F], F]:
    """--fail-on, as check has it; ``default`` is said in --help."""
    return click.option(
        "--fail-on",
        type=click.Choice(config_module.FAIL_ON),
        help=f"Exit 1 at this severity or above (default: {default}).",
    )


def fails(diagnostics: Iterable[Any], threshold: str) -> bool:
    """Whether any finding is at or above ``threshold`` (``never``: none is)."""
    from linter.diagnostic import SEVERITY_RANK

    limit = SEVERITY_RANK.get(threshold, len(SEVERITY_RANK))
    return any(SEVERITY_RANK[d.severity] >= limit for d in diagnostics)


jobs_option = click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes (default: the machine's cores).",
)


def load_config(config_path: str | None, paths: Sequence[str] = ()) -> config_module.Config:
    """The given config, else the one found from the current folder; run from outside any
    project (no config, no git work tree here), the one found from the given paths."""
    if config_path is not None:
        if not os.path.isfile(config_path):
            raise UserError("no such config file", path=config_path)
        return config_module.load(config_path)
    start = "."
    found = config_module.find(start)
    if found is None and paths and config_module.work_tree_top(start) is None:
        folders = [os.path.dirname(os.path.abspath(p)) or os.sep for p in paths]
        with contextlib.suppress(ValueError):
            common = os.path.commonpath([os.path.abspath(f) for f in folders])
            found = config_module.find(common)
            if found is not None or config_module.work_tree_top(common) is not None:
                start = common  # else the current folder stays the root
    return config_module.load(found, start)


def fact_paths(config: config_module.Config, given: Sequence[str]) -> list[str]:
    """The fact tables: given, else configured, else a facts/ folder at the project root."""
    if given:
        return list(given)  # as typed: an error about one names it so
    if config.facts is not None:
        return [config_module.resolve(config, p) for p in config.facts]
    beside = config_module.resolve(config, "facts")
    return [beside] if os.path.isdir(beside) else []


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
        select=comma_list(select) or comma_list(config.select),
        ignore=comma_list(ignore) + comma_list(config.ignore),
        citation_scope=(citation_scope or config.citation_scope),  # type: ignore[arg-type]
    )
    check_codes(settings.select + settings.ignore)
    if not no_cache:
        settings.cache = open_cache(config)
    tables = fact_paths(config, facts)
    if tables:
        if load_facts is None:
            from linter.facts.knowledge import load

            knowledge = load(tables, settings.cache, config.label)
        else:
            knowledge = load_facts(tables)
        settings.knowledge = knowledge if knowledge.tables else None
    return settings


def warn_without_facts(settings: Any) -> None:
    """One line on stderr when fact rules are on and there is no table to check against."""
    from linter.registry import rules

    if any(code.startswith("FCT") and settings.enabled(code) for code in rules()):
        root = settings.config.root
        click.echo(
            f"encyclint: warning: no fact table found (no facts/ folder in {root} and none "
            "configured): FCT rules have nothing to check against; set facts in the config "
            "or pass --facts",
            err=True,
        )


def check_codes(patterns: Sequence[str]) -> None:
    from linter.registry import rules

    codes = rules()
    for pattern in patterns:
        if not any(code.startswith(pattern) for code in codes):
            raise UserError(
                f"unknown rule code, prefix or name {pattern!r} (see `encyclint rules`)"
            )


def configured_paths(config: config_module.Config, given: Sequence[str] = ()) -> list[str]:
    """What to lint: the given paths, else the configured ones, else articles/ at the root."""
    if given:
        return list(given)
    if config.paths:
        return [config_module.resolve(config, p) for p in config.paths]
    default = config_module.resolve(config, "articles")
    if os.path.isdir(default):
        return [default]
    raise UserError("no paths given and none configured (set paths in [tool.encyclint])")


def is_table(path: str, tables: Sequence[str]) -> bool:
    absolute = os.path.abspath(path)
    return any(config_module.inside(absolute, table) for table in tables)


def article_files(
    config: config_module.Config,
    given: Sequence[str],
    tables: Sequence[str],
    force_exclude: bool = False,
) -> list[str]:
    """The Markdown files to lint. A fact table among ``given`` (as pre-commit passes changed
    files) stands for every configured article; with ``force_exclude`` only files inside the
    configured paths and not excluded are kept, and YAML that is no fact table is dropped."""
    from linter.selection import files

    yaml = [p for p in given if p.endswith((".yaml", ".yml"))]
    changed_table = any(is_table(p, tables) for p in yaml) if force_exclude else bool(yaml)
    articles = [p for p in given if p not in yaml]
    if not given:
        return files(configured_paths(config), config)
    if not force_exclude:
        everything = configured_paths(config) if changed_table else []
        return files(everything + articles, config)
    within = _configured_or_default(config)
    chosen = files(within if changed_table else [], config)
    return list(dict.fromkeys(chosen + files(articles, config, force_exclude=True, within=within)))


def _configured_or_default(config: config_module.Config) -> list[str]:
    try:
        return configured_paths(config)
    except UserError:
        return []  # --force-exclude with nothing configured and no articles/: nothing to lint


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
        files = plural(tally.unreadable, "file")
        click.echo(f"encyclint: error: {files} could not be checked (INP001)", err=True)
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
