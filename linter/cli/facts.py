"""`encyclint facts`: fact-table commands."""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from linter.cli import main
from linter.cli.options import (
    fact_paths,
    load_config,
    reports_user_errors,
)
from linter.errors import UserError
from linter.text import plural


@main.group()
def facts() -> None:
    """Fact-table commands."""


@facts.command(name="validate")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--config", "config_path", type=click.Path(), help="Config file.")
@reports_user_errors
def validate(paths: tuple[str, ...], config_path: str | None) -> None:
    """Validate fact tables (default: the configured ones, else facts/)."""
    from linter.facts.files import table_files
    from linter.facts.knowledge import build
    from linter.facts.tables import read_table

    config = load_config(config_path)
    given = fact_paths(config, paths)
    if not given:
        raise UserError("no fact tables given and no facts/ folder here")
    files = table_files(given)
    knowledge, problems = build(read_table(path) for path in files)
    for problem in problems:
        click.echo(str(problem), err=True)
    if problems:
        sys.exit(2)
    click.echo(f"{plural(len(files), 'table')}, {plural(len(knowledge.sources), 'source')}, "
               f"{plural(len(knowledge.facts), 'fact')}: valid")  # fmt: skip


@facts.command(name="suggest")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False),
    help="Write the drafts as a new table to FILE (- for standard output).",
)
@click.option(
    "--into",
    "into",
    type=click.Path(dir_okay=False),
    help="Append the drafts to this existing table, leaving its text as it is.",
)
@click.option(
    "--facts",
    "facts_given",
    multiple=True,
    type=click.Path(),
    help="Existing fact tables (default: the configured ones, else facts/).",
)
@click.option("--config", "config_path", type=click.Path(), help="Config file.")
@reports_user_errors
def suggest(paths: tuple[str, ...], output: str | None, into: str | None,
            facts_given: tuple[str, ...], config_path: str | None) -> None:  # fmt: skip
    """Draft a fact for every claim no fact covers (each marked status: draft)."""
    from linter.cli.options import article_files
    from linter.facts.knowledge import load
    from linter.facts.suggest import suggest as draft_facts

    if (output is None) == (into is None):
        raise click.UsageError("give exactly one of --output/-o FILE and --into TABLE")
    config = load_config(config_path, paths)
    tables = fact_paths(config, facts_given)
    if into is not None and not os.path.isfile(into):
        raise UserError("no such fact table (--into appends to an existing one)", path=into)
    loaded = _expanded(tables)
    if output is not None and any(_same_file(output, t) for t in loaded):
        raise UserError(
            "is one of the fact tables read: writing the drafts there would replace it "
            "(use --into to add to it)",
            path=output,
        )
    if into is not None and not any(_same_file(into, t) for t in loaded):
        tables = [*tables, into]
    knowledge = load(tables, label=config.label) if tables else None
    files = [os.path.relpath(f) for f in article_files(config, paths, tables)]  # as named before
    result = draft_facts(files, scope=config.citation_scope,  # type: ignore[arg-type]
                         knowledge=knowledge)  # fmt: skip
    for problem in result.problems:
        click.echo(f"encyclint: error: {problem}", err=True)
    _write_drafts(result, output, into)
    where = output if output is not None else into
    click.echo(f"{plural(len(result.drafts), 'draft fact')} for "
               f"{plural(result.unverified, 'unverified claim')} "
               f"({result.shared} stated in several articles) → {where}", err=True)  # fmt: skip
    _listed(result.misses, "not verified by its own draft: review its keywords")
    _listed(result.dropped, "no draft: every one tried would change what the tables decide of "
                            "a claim beside it")  # fmt: skip
    if result.problems:
        sys.exit(2)


def _listed(places: list[str], message: str, most: int = 10) -> None:
    """A warning for each of the first ``most`` places, then how many more."""
    for place in places[:most]:
        click.echo(f"{place}: warning: {message}", err=True)
    if len(places) > most:
        click.echo(f"encyclint: warning: {len(places) - most} more claims: {message}", err=True)


def _expanded(tables: list[str]) -> list[str]:
    from linter.facts.files import table_files

    return table_files(tables)


def _same_file(first: str, second: str) -> bool:
    return os.path.realpath(first) == os.path.realpath(second)


def _write_drafts(result: Any, output: str | None, into: str | None) -> None:
    from linter.facts.files import read_bytes
    from linter.facts.suggest import HEADER, draft_table
    from linter.facts.writing import append

    if into is None:
        _write_checked(output or "-", draft_table(result, HEADER))
        return
    data = read_bytes(into)
    bom = "\ufeff" if data.startswith(b"\xef\xbb\xbf") else ""
    existing = data.decode("utf-8-sig")
    _write_checked(into, bom + append(existing, into, result.sources, result.drafts))


def _write_checked(path: str, text: str) -> None:
    """Write a table (``-``: to standard output) once it is known to validate."""
    from linter.facts.tables import parse_table, schema_errors
    from linter.output import write_atomic

    errors = schema_errors(parse_table(text.lstrip("\ufeff"), path))
    if errors:  # a bug, not the user's: say so rather than write an invalid table
        line, message = errors[0]
        raise RuntimeError(f"the table written would be invalid: {path}:{line}: {message}")
    if path == "-":
        click.echo(text, nl=False)
    else:
        write_atomic(path, text)


@facts.group(name="import")
def import_group() -> None:
    """Import facts from other databases."""


@import_group.command(name="wikidata")
@click.argument("qids", nargs=-1)
@click.option(
    "--properties",
    "properties",
    multiple=True,
    metavar="P...",
    help="Only these properties (repeatable or comma-separated; default: every date and quantity).",
)
@click.option(
    "--sparql",
    "sparql_file",
    type=click.Path(dir_okay=False),
    help="A SPARQL query whose results name the items to import.",
)
@click.option(
    "--endpoint",
    default=None,
    metavar="URL",
    help="The Action API (api.php) to ask, for a mirror or a test server.",
)
@click.option("--sparql-endpoint", default=None, metavar="URL", help="The SPARQL endpoint.")
@click.option(
    "--output",
    "-o",
    required=True,
    type=click.Path(dir_okay=False),
    help="The fact table to write (- for standard output).",
)
@click.option("--no-cache", is_flag=True, help="Neither read nor write cached responses.")
@click.option("--config", "config_path", type=click.Path(), help="Config file.")
@reports_user_errors
def import_wikidata(qids: tuple[str, ...], properties: tuple[str, ...],
                    sparql_file: str | None, endpoint: str | None,
                    sparql_endpoint: str | None, output: str, no_cache: bool,
                    config_path: str | None) -> None:  # fmt: skip
    """Write facts from Wikidata items' dates and quantities (QID... or --sparql FILE)."""
    import re

    from linter.cache import FOLDER, Cache
    from linter.facts import wikiclient
    from linter.facts.wikidata import Importer
    from linter.facts.writing import table_text

    config = load_config(config_path)
    if not config.wikidata_contact:
        raise UserError(
            "Wikimedia asks every API client for a contact: set wikidata-contact = "
            '"you@example.org" in [tool.encyclint] (or encyclint.toml)'
        )
    items = [q.strip().upper() for value in qids for q in value.split(",") if q.strip()]
    wanted = [p.strip().upper() for value in properties for p in value.split(",") if p.strip()]
    for given in items:
        if not re.fullmatch(r"Q[1-9]\d*", given):
            raise click.BadParameter(f"{given!r} is not an item id such as Q42", param_hint="QID")
    for given in wanted:
        if not re.fullmatch(r"P[1-9]\d*", given):
            raise click.BadParameter(f"{given!r} is not a property id such as P585",
                                     param_hint="--properties")  # fmt: skip
    cache = None if no_cache else Cache(os.path.join(config.root, FOLDER))
    client = wikiclient.Client(config.wikidata_contact, cache)
    if sparql_file is not None:
        try:
            with open(sparql_file, encoding="utf-8") as stream:
                query = stream.read()
        except (OSError, UnicodeDecodeError) as exc:
            raise UserError(f"cannot read the query: {exc}", path=sparql_file) from None
        items += wikiclient.sparql_items(client, sparql_endpoint or wikiclient.SPARQL, query)
    if not items:
        raise click.UsageError("give item ids (QID...) or --sparql FILE")
    importer = Importer(client, endpoint or wikiclient.API)
    result = importer.run(list(dict.fromkeys(items)), wanted)
    header = (f"Imported from Wikidata by `encyclint facts import wikidata` "
              f"({', '.join(dict.fromkeys(items))}).\n"
              "Each fact cites the item at the revision read; review before relying on it.")  # fmt: skip
    _write_checked(output, table_text(result.sources, result.facts, header))
    for skipped in result.skipped:
        click.echo(f"encyclint: skipped {skipped}", err=True)
    click.echo(f"{plural(len(result.facts), 'fact')} from {plural(len(items), 'item')}, "
               f"{plural(result.deprecated, 'deprecated statement')} dropped, "
               f"{plural(client.requests, 'request')} → {output}",
               err=True)  # fmt: skip


@facts.command(name="diff")
@click.argument("old", type=click.Path())
@click.argument("new", type=click.Path())
@click.option(
    "--format",
    "output_format",
    default="text",
    show_default=True,
    type=click.Choice(["text", "json"]),
    help="Output format.",
)
@click.option("--exit-code", is_flag=True, help="Exit 1 when anything changed.")
@reports_user_errors
def diff(old: str, new: str, output_format: str, exit_code: bool) -> None:
    """Facts that changed value, were edited, appeared or went, from OLD to NEW (files or
    folders of tables; facts are matched by id)."""
    import json

    from linter.facts.diff import diff as changes_between
    from linter.facts.diff import read_side, summary

    changes = changes_between(read_side([old]), read_side([new]))
    if output_format == "json":
        click.echo(json.dumps({"version": 1, "changes": [c.to_json() for c in changes]},
                              ensure_ascii=False, indent=2))  # fmt: skip
    else:
        for change in changes:
            click.echo(change.text())
        click.echo(summary(changes))
    if exit_code and changes:
        sys.exit(1)
