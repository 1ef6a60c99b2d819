"""SUP: suppression comments that suppress nothing, never end, or name no rule.

The engine reports these itself once every other rule has run, since only then is it
known which comment suppressed what; the functions below carry the documentation.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from linter.diagnostic import Finding
from linter.document import Document, Span, Suppression
from linter.fixes import Fix, delete_lines, replace
from linter.registry import code_for, matches, rule, rules

_ACTIONS = {"next-line": "disable-next-line", "line": "disable-line", "block": "disable"}


@rule(code="SUP001", name="unused-suppression", severity="warning", scope="suppression")
def unused_suppression(ctx: object) -> Iterator[Finding]:
    """Suppression comment that suppresses nothing.

    ## What it does
    Flags an `encyclint-disable-next-line`, `encyclint-disable-line` or `encyclint-disable`
    comment that covers no finding, and each code of a comment that covers no finding of
    that code. Only codes of rules that ran are judged (a `--select` that leaves a rule out
    does not make its suppressions unused); a comment without codes is judged only when
    every rule runs.

    ## Why is this bad?
    A stale suppression hides nothing today but will silently hide the next real problem on
    its line; once the finding it was written for is fixed, it should go.

    ## Example
    ```markdown
    <!-- encyclint-disable-next-line CIT001 -->
    Stalin died in 1953.[1]
    ```
    If `[1]` is defined, nothing is suppressed: the comment is reported.

    ## Fix
    The comment is removed, or the unused codes taken out of it (a safe fix).
    """
    return iter(())


@rule(code="SUP002", name="unclosed-disable", severity="warning", scope="suppression")
def unclosed_disable(ctx: object) -> Iterator[Finding]:
    """`encyclint-disable` block never closed.

    ## What it does
    Flags an `<!-- encyclint-disable ... -->` comment that no `<!-- encyclint-enable -->`
    follows, so that it suppresses to the end of the file.

    ## Why is this bad?
    A block meant to cover one passage covers everything after it, including problems
    added later that nobody meant to hide.

    ## Example
    ```markdown
    <!-- encyclint-disable CIT004 -->
    A disputed passage.
    (no `<!-- encyclint-enable -->` anywhere after it)
    ```
    """
    return iter(())


@rule(code="SUP003", name="unknown-code-in-suppression", severity="warning", scope="suppression")
def unknown_code(ctx: object) -> Iterator[Finding]:
    """Suppression comment names no rule.

    ## What it does
    Flags a code in a suppression comment that is neither a rule code, a code prefix
    (`CIT`) nor a rule name (`dangling-marker`).

    ## Why is this bad?
    A misspelt code (`CTI001`) suppresses nothing, while its author believes the finding
    is handled.

    ## Example
    ```markdown
    Stalin died in 1953.[1] <!-- encyclint-disable-line CTI001 -->
    ```
    """
    return iter(())


def suppression_findings(
    document: Document, used: Sequence[set[str]], running: Sequence[str], every_rule_runs: bool
) -> Iterator[tuple[str, Finding]]:
    """SUP001–003 for each comment, given the codes each suppression suppressed."""
    known = list(rules())
    for suppression, suppressed in zip(document.suppressions, used, strict=True):
        span = suppression.comment
        if span is None:
            continue
        if not suppression.closed:
            yield (
                "SUP002",
                Finding(
                    span,
                    "`encyclint-disable` is never closed by `encyclint-enable`: it runs to the "
                    "end of the file",
                    fingerprint=_text(document, suppression),
                ),
            )
        unknown = [
            c for c in suppression.written if not any(k.startswith(code_for(c)) for k in known)
        ]
        for written in unknown:
            yield "SUP003", Finding(
                span, f"{written!r} in a suppression comment is no rule code or name",
                fingerprint=f"{_text(document, suppression)}\n{written}",
            )  # fmt: skip
        yield from _unused(document, suppression, suppressed, unknown, running, every_rule_runs)


def _unused(
    document: Document,
    suppression: Suppression,
    suppressed: set[str],
    unknown: list[str],
    running: Sequence[str],
    every_rule_runs: bool,
) -> Iterator[tuple[str, Finding]]:
    """SUP001: the whole comment when it suppresses nothing, else each unused code."""
    if not suppression.written:
        if every_rule_runs and not suppressed:
            yield "SUP001", _nothing(document, suppression)
        return
    named = [c for c in suppression.written if c not in unknown]
    unused = [
        c
        for c in named
        if matches_running(code_for(c), running)
        and not any(matches(code, [code_for(c)]) for code in suppressed)
    ]
    if named and len(unused) == len(named):
        yield "SUP001", _nothing(document, suppression)
        return
    kept = [c for c in suppression.written if c not in unused]
    for written in unused:
        yield (
            "SUP001",
            Finding(
                suppression.comment or Span(1, 1, 1, 1),
                f"{written} in this suppression comment suppresses nothing",
                fingerprint=f"{_text(document, suppression)}\n{written}",
                fix=_rewrite(document, suppression, kept),
            ),
        )


def _text(document: Document, suppression: Suppression) -> str:
    """The comment as written: what identifies a SUP finding (and what its span holds)."""
    span = suppression.comment
    assert span is not None
    return document.lines[span.line - 1][span.column - 1 : span.end_column - 1]


def matches_running(pattern: str, running: Sequence[str]) -> bool:
    return any(code.startswith(pattern) for code in running)


def _nothing(document: Document, suppression: Suppression) -> Finding:
    assert suppression.comment is not None
    return Finding(
        suppression.comment,
        "suppression comment suppresses nothing",
        fingerprint=_text(document, suppression),
        fix=_rewrite(document, suppression, []),
    )


def _rewrite(document: Document, suppression: Suppression, kept: list[str]) -> Fix:
    """The comment with only ``kept`` codes; none kept: the comment removed (its line too,
    when the comment is all the line holds)."""
    span = suppression.comment
    assert span is not None
    if kept:
        text = f"<!-- encyclint-{_ACTIONS[suppression.kind]} {', '.join(kept)} -->"
        return replace(span, text, f"Keep only {', '.join(kept)} in the comment", "safe")
    line = document.lines[span.line - 1]
    if not (line[: span.column - 1] + line[span.end_column - 1 :]).strip():
        whole = delete_lines(document.lines, span.line, span.line)
        return replace(whole, "", "Remove the unused suppression comment", "safe")
    start = span.column - 1
    while start > 0 and line[start - 1] in " \t":
        start -= 1
    removal = Span(span.line, start + 1, span.line, span.end_column)
    return replace(removal, "", "Remove the unused suppression comment", "safe")
