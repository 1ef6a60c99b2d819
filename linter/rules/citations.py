"""CIT: citation markers and reference definitions."""

from __future__ import annotations

import re
from collections.abc import Iterator

from linter.context import ArticleContext
from linter.diagnostic import Finding
from linter.document import Definition
from linter.fixes import Applicability, Fix, delete_lines, replace
from linter.registry import rule

_LIST_ITEM = re.compile(r"\s*\d+[.)](\s|$)")


def _shown(label: str, style: str) -> str:
    return {"footnote": f"[^{label}]", "pandoc": f"@{label}"}.get(style, f"[{label}]")


def _removal(
    ctx: ArticleContext, definition: Definition, applicability: Applicability
) -> Fix | None:
    """Delete a definition's lines; not an ordered-list item before the list's last, since
    the items after it would be renumbered and cite other sources."""
    lines = ctx.document.lines
    if _LIST_ITEM.match(lines[definition.span.line - 1]):
        later = [
            d
            for d in ctx.document.definitions
            if d.span.line > definition.span.line and _LIST_ITEM.match(lines[d.span.line - 1])
        ]
        if later:
            return None
    span = delete_lines(lines, definition.span.line, definition.end_line)
    shown = _shown(definition.label, definition.style)
    return replace(span, "", f"Remove reference {shown}", applicability)


@rule(code="CIT001", name="dangling-marker", severity="error", reads="document")
def dangling_marker(ctx: ArticleContext) -> Iterator[Finding]:
    """Citation marker with no definition.

    ## What it does
    Flags every occurrence of a marker (`[^a]`, `[3]`, `[@key]`) that no reference
    definition, footnote or fact-table source defines. Pandoc keys are checked only
    when fact tables are loaded, since their `sources:` are the bibliography.

    ## Why is this bad?
    A marker that points nowhere looks like a citation but supports nothing: the
    reader cannot check the claim, and the article appears better sourced than it is.

    ## Example
    ```markdown
    Stalin died on 5 March 1953.[4]

    ## References
    1. Lüthi, *The Sino-Soviet Split*, 2008.
    ```
    `[4]` has no definition: only `[1]` is defined.
    """
    defined = ctx.defined_labels()
    for marker in ctx.document.markers:
        if marker.style == "pandoc" and ctx.knowledge is None:
            continue
        if (marker.style, marker.label) not in defined:
            shown = _shown(marker.label, marker.style)
            yield Finding(
                marker.span, f"citation marker {shown} has no definition", fingerprint=shown
            )


@rule(code="CIT002", name="unused-definition", severity="warning", reads="document")
def unused_definition(ctx: ArticleContext) -> Iterator[Finding]:
    """Reference definition never cited.

    ## What it does
    Flags a footnote, `[n]` line or references-list item that no marker in the
    article cites.

    ## Why is this bad?
    An uncited reference is either a leftover from a deleted passage or a source
    whose marker was lost in an edit; either way the reference list misleads.

    ## Example
    ```markdown
    The treaty was signed in 1950.[1]

    ## References
    1. Westad, *Brothers in Arms*, 1998.
    2. Lüthi, *The Sino-Soviet Split*, 2008.
    ```
    Item 2 defines `[2]`, which nothing cites.

    ## Fix
    The definition is removed (an unsafe fix: the marker may have been lost, not the
    source). A definition that links to a fact-table source is kept (CIT004's fix may cite
    it), and so is an ordered-list item before the list's last, since removing it would
    renumber the items after it.
    """
    cited = {(marker.style, marker.label) for marker in ctx.document.markers}
    for definition in ctx.document.definitions:
        if (definition.style, definition.label) not in cited:
            shown = _shown(definition.label, definition.style)
            yield Finding(
                definition.span,
                f"reference {shown} is never cited",
                fingerprint=shown,
                fix=None if ctx.source_keys(definition) else _removal(ctx, definition, "unsafe"),
            )


@rule(code="CIT003", name="duplicate-definition", severity="error", reads="document")
def duplicate_definition(ctx: ArticleContext) -> Iterator[Finding]:
    """The same reference defined twice.

    ## What it does
    Flags every definition of a label after the first one.

    ## Why is this bad?
    Readers and renderers pick one of the two definitions, so a marker may point
    to a different source than its author intended.

    ## Example
    ```markdown
    [^luthi]: Lüthi, *The Sino-Soviet Split*, p. 45.
    [^luthi]: Lüthi, *The Sino-Soviet Split*, p. 80.
    ```
    """
    first_line: dict[tuple[str, str], int] = {}
    for definition in ctx.document.definitions:
        key = (definition.style, definition.label)
        if key in first_line:
            shown = _shown(definition.label, definition.style)
            yield Finding(
                definition.span,
                f"reference {shown} is defined again (first on line {first_line[key]})",
                fingerprint=shown,
            )
        else:
            first_line[key] = definition.span.line


@rule(code="CIT005", name="empty-definition", severity="warning", reads="document")
def empty_definition(ctx: ArticleContext) -> Iterator[Finding]:
    """Empty reference definition.

    ## What it does
    Flags a footnote, `[n]` line or references-list item with no text.

    ## Why is this bad?
    A marker that resolves to an empty reference looks cited but names no source.

    ## Example
    ```markdown
    ## References
    1. Lüthi, *The Sino-Soviet Split*, 2008.
    2.
    ```

    ## Fix
    When nothing cites the empty definition, it is removed (a safe fix).
    """
    cited = {(marker.style, marker.label) for marker in ctx.document.markers}
    for definition in ctx.document.definitions:
        if not definition.text.strip():
            shown = _shown(definition.label, definition.style)
            uncited = (definition.style, definition.label) not in cited
            fix = _removal(ctx, definition, "safe") if uncited else None
            yield Finding(
                definition.span, f"reference {shown} is empty", fingerprint=shown, fix=fix
            )
