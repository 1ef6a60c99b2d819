"""TBL: fact-table errors. The loader finds them; these entries document them, and
``as_results`` turns them into findings every format reports (the run then exits 2)."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from linter.context import ArticleContext
from linter.diagnostic import Diagnostic, Finding
from linter.document import Span
from linter.registry import rule

if TYPE_CHECKING:
    from linter.engine import ArticleResult
    from linter.facts.knowledge import Problem


def as_results(problems: Sequence[Problem], root: str) -> list[ArticleResult]:
    """One result per table, each problem a diagnostic spanning its line (tables are named
    relative to ``root``, where their text is read again to find the line's end)."""
    from linter.engine import ArticleResult

    by_table: dict[str, list[Diagnostic]] = {}
    for problem in problems:
        width = _line_length(os.path.join(root, problem.path), problem.line)
        span = Span(problem.line, 1, problem.line, width + 1)
        diagnostic = Diagnostic(problem.path, span, problem.code, "error", problem.message)
        by_table.setdefault(problem.path, []).append(diagnostic)
    return [ArticleResult(path, found, [], [], 0, []) for path, found in by_table.items()]


def _line_length(path: str, number: int) -> int:
    try:
        with open(path, encoding="utf-8-sig", errors="replace") as stream:
            for current, line in enumerate(stream, 1):
                if current == number:
                    return len(line.rstrip("\r\n"))
    except OSError:
        pass
    return 0


@rule(code="TBL001", name="invalid-fact-table", severity="error", scope="table")
def invalid_fact_table(ctx: ArticleContext) -> Iterator[Finding]:
    """Fact table invalid against the schema.

    ## What it does
    Validates every fact table against `schemas/facts.schema.json`: sources with a
    citation, facts with an id, keywords, sources and exactly one value key (`date`,
    `count`, `money`, `percent`, `duration`) in the right form. Each error names the
    file, line and field: `facts/x.yaml:42: facts[7].date: "Feb 14" is not an ISO date`.

    ## Why is this bad?
    A malformed fact cannot be checked against, so every claim it should cover would
    silently go unverified. `check` stops with exit 2 until the table is fixed.

    ## Example
    ```yaml
    facts:
      - id: stalin-death
        keywords: [Stalin, "death|died"]
        date: 5 March 1953        # not an ISO date: write 1953-03-05
        sources: [luthi2008]
    ```
    """
    return iter(())


@rule(code="TBL002", name="unknown-source", severity="error", scope="table")
def unknown_source(ctx: ArticleContext) -> Iterator[Finding]:
    """Fact cites an unknown source key.

    ## What it does
    Flags a key in a fact's `sources:` that no table's `sources:` defines.

    ## Why is this bad?
    A fact whose source cannot be named is an unsourced fact, and FCT003 cannot link
    the article's citations to it.

    ## Example
    ```yaml
    sources:
      luthi2008: {citation: "Lüthi, The Sino-Soviet Split, 2008."}
    facts:
      - {id: x, keywords: [Stalin], date: 1953-03-05, sources: [lüthi2008]}
    ```
    """
    return iter(())


@rule(code="TBL003", name="duplicate-fact-id", severity="error", scope="table")
def duplicate_fact_id(ctx: ArticleContext) -> Iterator[Finding]:
    """Duplicate fact id.

    ## What it does
    Flags a fact whose `id` another fact, in the same table or another, already has.

    ## Why is this bad?
    Reports, baselines and `--explain` name facts by id; two facts with one id make
    every such reference ambiguous.

    ## Example
    ```yaml
    facts:
      - {id: stalin-death, keywords: [Stalin], date: 1953-03-05, sources: [luthi2008]}
      - {id: stalin-death, keywords: [Stalin], date: 1953, sources: [luthi2008]}
    ```
    """
    return iter(())
