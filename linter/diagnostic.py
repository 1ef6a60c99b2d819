"""The finding record every rule yields and every formatter prints."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from linter.document import Span

if TYPE_CHECKING:
    from linter.fixes import Fix

Severity = Literal["error", "warning", "info"]
SEVERITY_RANK: dict[str, int] = {"info": 0, "warning": 1, "error": 2}


@dataclass(frozen=True, slots=True)
class Related:
    """Another place a finding is about: the earlier claim a corpus finding disagrees with,
    so that a report can group findings by it without reading their messages."""

    path: str
    span: Span
    message: str

    def __reduce__(self) -> tuple[type[Related], tuple[str, Span, str]]:
        return (Related, (self.path, self.span, self.message))

    def to_json(self) -> dict[str, Any]:
        s = self.span
        return {"path": self.path, "line": s.line, "column": s.column, "end_line": s.end_line,
                "end_column": s.end_column, "message": self.message}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Finding:
    """What a rule reports: where, and what is wrong; the engine adds code and severity."""

    span: Span
    message: str
    claim: dict[str, Any] | None = None
    fact: dict[str, Any] | None = None
    fingerprint: str = ""
    """Text that identifies the finding without its line: the marker or claim text."""
    path: str | None = None
    """For corpus rules, the file the finding is in (article rules: the article linted)."""
    fix: Fix | None = None
    """The edits that would resolve the finding, when the rule knows them."""
    related: tuple[Related, ...] = ()


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A finding attributed to a file, a rule code and the severity in force."""

    path: str
    span: Span
    code: str
    severity: Severity
    message: str
    claim: dict[str, Any] | None = None
    fact: dict[str, Any] | None = None
    fingerprint: str = ""
    section: str = ""
    fix: Fix | None = None
    related: tuple[Related, ...] = ()

    @classmethod
    def from_finding(
        cls, finding: Finding, *, path: str, code: str, severity: Severity, section: str = ""
    ) -> Diagnostic:
        """A rule's finding, attributed: the one place findings become diagnostics."""
        return cls(
            path, finding.span, code, severity, finding.message, finding.claim, finding.fact,
            finding.fingerprint, section, finding.fix, finding.related,
        )  # fmt: skip

    def __reduce__(self) -> tuple[type[Diagnostic], tuple[Any, ...]]:
        # Pickled by the thousand between worker processes: skip dataclasses' slow state hooks.
        return (
            Diagnostic,
            (self.path, self.span, self.code, self.severity, self.message, self.claim,
             self.fact, self.fingerprint, self.section, self.fix, self.related),
        )  # fmt: skip

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.span.line, self.span.column, self.code)

    def to_json(self) -> dict[str, Any]:
        """The JSON shape of SPEC.md § JSON output."""
        data: dict[str, Any] = {
            "path": self.path,
            "line": self.span.line,
            "column": self.span.column,
            "end_line": self.span.end_line,
            "end_column": self.span.end_column,
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
        }
        if self.claim is not None:
            data["claim"] = self.claim
        if self.fact is not None:
            data["fact"] = self.fact
        if self.fix is not None:
            data["fix"] = self.fix.to_json()
        if self.related:
            data["related"] = [place.to_json() for place in self.related]
        return data
