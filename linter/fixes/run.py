"""``check --fix``, ``check --add-suppression`` and ``links --fix`` over results: each
article that needs it is fixed (or suppressed) on disk, or diffed, then reported as it now
stands."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from linter import engine
from linter.diagnostic import Diagnostic
from linter.fixes.apply import fix_text

if TYPE_CHECKING:
    from linter.cli.check import Buffer
    from linter.links import LinkReport


class Fixing:
    """``--fix``: each article with fixes is fixed and written (or diffed), then reported
    as it now stands."""

    def __init__(
        self, settings: engine.Settings, *, unsafe: bool, dry_run: bool, buffer: Buffer | None
    ) -> None:
        self.settings = settings
        self.unsafe = unsafe
        self.dry_run = dry_run
        self.buffer = buffer
        self.fixed_buffer: str | None = None
        """The buffer read from standard input, fixed (it is written to standard output)."""
        self.diffs: list[str] = []
        self.fixed: dict[str, list[Diagnostic]] = {}

    def run(self, stream: Iterable[engine.ArticleResult]) -> Iterator[engine.ArticleResult]:
        from linter.fixes import files
        from linter.fixes.apply import fixable

        for result in stream:
            if not any(fixable(d, self.unsafe) for d in result.diagnostics):
                yield result
                continue
            on_disk = os.path.join(self.settings.config.root, result.path)  # path: root-relative
            if self.buffer is not None:
                text = self.buffer.text
            else:
                text, encoding = files.read(on_disk)
            fixed, latest = files.fix_result(result, self.settings, text, unsafe=self.unsafe)
            if fixed.text != text:
                self.fixed[result.path] = fixed.fixed
                if self.dry_run:
                    self.diffs.append(files.unified_diff(result.path, text, fixed.text))
                elif self.buffer is not None:
                    self.fixed_buffer = fixed.text
                else:
                    files.write(on_disk, fixed.text, encoding)
            yield latest


def add_suppressions(stream: Iterable[engine.ArticleResult], root: str) -> tuple[int, int]:
    """Suppress every finding of every article with a comment; (comments, files) changed."""
    from linter import source
    from linter.fixes import files
    from linter.fixes.apply import apply_edits
    from linter.fixes.suppress import suppression_edits

    added = changed = 0
    for result in stream:
        if not result.diagnostics or result.path == "-":
            continue
        on_disk = os.path.join(root, result.path)
        text, encoding = files.read(on_disk)
        edits = suppression_edits(source.from_text(text, result.path).lines, result.diagnostics)
        if edits:
            files.write(on_disk, apply_edits(text, edits), encoding)
            added += len(edits)
            changed += 1
    return added, changed


def fix_links(
    result: engine.ArticleResult, report: LinkReport, settings: engine.Settings, *, dry_run: bool
) -> tuple[list[Diagnostic], str]:
    """``links --fix``: an article's moved URLs replaced by their new addresses, written (or,
    with ``dry_run``, only diffed). Its findings are placed again in the fixed text, so that
    every column left points where it now stands: the findings fixed, and the diff."""
    from dataclasses import replace

    from linter import source
    from linter.fixes import files
    from linter.links import article_urls, diagnostics

    on_disk = os.path.join(settings.config.root, result.path)  # path: root-relative
    text, encoding = files.read(on_disk)
    definitions_only = replace(settings, select=["CIT001"])  # as `links` read the article

    def relint(changed: str) -> list[Diagnostic]:
        linted = engine.lint_source(source.from_text(changed, result.path), definitions_only)
        return diagnostics(list(article_urls(linted)), report.statuses, settings)

    fixed = fix_text(text, result.diagnostics, relint)
    if fixed.text == text:
        return [], ""
    result.diagnostics = fixed.remaining
    if dry_run:
        return fixed.fixed, files.unified_diff(result.path, text, fixed.text)
    files.write(on_disk, fixed.text, encoding)
    return fixed.fixed, ""
