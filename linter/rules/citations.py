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


@rule(code="CIT006", name="marker-order", severity="info", reads="document", opt_in=True)
def marker_order(ctx: ArticleContext) -> Iterator[Finding]:
    """Numeric markers not numbered in order of first use.

    ## What it does
    Flags an article whose numeric markers (`[1]`, `[2]` …) are not numbered in the order
    they are first cited, at the first marker out of order. An opt-in rule: it runs only
    when selected by its code or name (`--select CIT006`), since many articles number their
    references alphabetically or by date on purpose.

    ## Why is this bad?
    Readers of a numbered style expect `[1]` to come first; a `[7]` before any `[2]` sends
    them hunting through the list, and edits that move passages make it worse.

    ## Example
    ```markdown
    Mao arrived in Moscow.[2] Stalin met him.[1]
    ```

    ## Fix
    Markers and their definitions are renumbered together into first-use order (a safe
    fix): `[n]` lines are relabelled, the items of a references list reordered. Uncited
    definitions follow the cited ones. There is no fix while a numeric marker is dangling or
    a number is defined twice.
    """
    numeric = [m for m in ctx.document.markers if m.style == "numeric"]
    order = list(dict.fromkeys(m.label for m in numeric))
    expected = [str(n) for n in range(1, len(order) + 1)]
    if order == expected:
        return
    first = next(m for m in numeric if order.index(m.label) + 1 != int(m.label))
    before = order[: order.index(first.label)]
    message = f"numeric marker [{first.label}] is cited after {', '.join(f'[{b}]' for b in before) or 'nothing'}: not in order of first use"
    yield Finding(first.span, message, fingerprint=f"[{first.label}]", fix=_renumbering(ctx, order))


def _renumbering(ctx: ArticleContext, order: list[str]) -> Fix | None:
    """Every numeric marker and definition renumbered into first-use order, or None when the
    numbering cannot be trusted (a dangling marker, a number defined twice, mixed styles)."""
    from linter.document import Span
    from linter.fixes import Edit

    document = ctx.document
    definitions = [d for d in document.definitions if d.style == "numeric"]
    labels = [d.label for d in definitions]
    if len(set(labels)) != len(labels) or not set(order) <= set(labels):
        return None
    uncited = sorted((label for label in labels if label not in order), key=int)
    new = {old: str(n) for n, old in enumerate([*order, *uncited], start=1)}
    edits = [Edit(m.span, f"[{new[m.label]}]") for m in document.markers if m.style == "numeric"]
    items = [d for d in definitions if _LIST_ITEM.match(document.lines[d.span.line - 1])]
    if items and len(items) != len(definitions):
        return None
    if not items:
        edits += [Edit(d.span, f"[{new[d.label]}]") for d in definitions]
    else:
        by_label = {d.label: d for d in items}
        if sorted(labels, key=int) != [str(n) for n in range(1, len(labels) + 1)]:
            return None
        moved = {new_label: by_label[old] for old, new_label in new.items()}
        for place in items:  # the item at ``place`` receives the one renumbered to its number
            source = moved[place.label]
            text = "\n".join(document.lines[source.span.line - 1 : source.end_line])
            marker = document.lines[source.span.line - 1][
                source.span.column - 1 : source.span.end_column - 1
            ]
            text = text.replace(marker, re.sub(r"\d+", place.label, marker, count=1), 1)
            last = document.lines[place.end_line - 1]
            region = Span(place.span.line, 1, place.end_line, len(last) + 1)
            edits.append(Edit(region, text))
    return Fix("safe", tuple(edits), "Renumber the markers and definitions in order of first use")
