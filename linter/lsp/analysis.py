"""One check of one buffer, kept for hovers, definitions and code actions on that version."""

from __future__ import annotations

import re
from dataclasses import dataclass

from lsprotocol import types

from linter import engine, source
from linter.claims import Claim
from linter.diagnostic import Diagnostic
from linter.document import Definition, Marker
from linter.errors import UserError
from linter.escape import display_path
from linter.facts.matching import Verdict
from linter.lsp.convert import to_lsp
from linter.lsp.incremental import Incremental
from linter.lsp.positions import contains, from_position
from linter.lsp.projects import Project

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(slots=True)
class Analysis:
    """An article's text at one version, what the engine found in it, and its project."""

    path: str
    version: int | None
    lines: tuple[str, ...]
    result: engine.ArticleResult
    project: Project
    newline: str = "\n"
    """The buffer's own line ending, for the text of edits."""

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return self.result.diagnostics

    def lsp_diagnostics(self) -> list[types.Diagnostic]:
        return [to_lsp(d, self.lines, self.project) for d in self.diagnostics]

    def claim_at(self, position: types.Position) -> tuple[Claim, Verdict | None] | None:
        line, column = from_position(self.lines, position)
        for claim, verdict in zip(self.result.claims, self.result.verdicts, strict=True):
            if contains(claim.span, line, column):
                return claim, verdict
        return None

    def marker_at(self, position: types.Position) -> Marker | None:
        document = self.result.document
        if document is None:
            return None
        line, column = from_position(self.lines, position)
        return next((m for m in document.markers if contains(m.span, line, column)), None)

    def definitions_of(self, marker: Marker) -> list[Definition]:
        document = self.result.document
        if document is None:
            return []
        return [
            d for d in document.definitions if d.label == marker.label and d.style == marker.style
        ]


def analyse(
    project: Project,
    path: str,
    text: str,
    version: int | None,
    parts: Incremental | None = None,
) -> Analysis:
    """Check ``text`` as the CLI would check the file at ``path`` with ``project``'s settings
    (``parts``: the document's last parts, to parse again only those an edit changed).

    Text that cannot be checked (nested too deeply) is one INP001 diagnostic, as in the CLI.
    """
    # The engine names the file as the CLI prints it (root-relative): per-file-ignores
    # match that; positions and links keep the absolute path.
    label = display_path(project.settings.config.label(path))
    text_source = source.from_text(text, label)
    try:
        try:
            context = parts.context(text_source, project.settings) if parts else None
        except UserError:
            context = None  # the whole document's parse names the line, as the CLI's does
        result = engine.lint_source(text_source, project.settings, context)
    except UserError as error:
        result = engine.unreadable(label, error.detail, error.line)
    except RecursionError:
        result = engine.unreadable(label, "nested too deeply to be checked")
    found = _LINE_BREAK.search(text)
    newline = found.group() if found else "\n"
    return Analysis(path, version, text_source.lines, result, project, newline)
