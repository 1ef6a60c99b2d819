"""The pipeline, run once per article: parse → claims → facts → rules → diagnostics."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from linter import claims as claim_extraction
from linter import parse, source
from linter.cache import Cache, code_version, digest
from linter.claims import Claim
from linter.config import Config
from linter.context import ArticleContext, CitationScope, attach_citations
from linter.diagnostic import Diagnostic, Severity
from linter.document import Definition, Document, Span
from linter.errors import InternalError, UserError
from linter.escape import display_path
from linter.registry import READS, Reads, matches, rules

if TYPE_CHECKING:
    from linter.facts.knowledge import KnowledgeBase
    from linter.facts.matching import Verdict


@dataclass(slots=True)
class Settings:
    """Everything a run needs besides the articles; built once from options and config."""

    config: Config = field(default_factory=Config)
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    citation_scope: CitationScope = "sentence"
    knowledge: KnowledgeBase | None = None
    keep_text: bool = False
    """Keep each article's lines in its result (the HTML report shows the text)."""
    keep_claims: bool = True
    """Keep each article's claims and verdicts (check needs only their number)."""
    explain: bool = False
    """List in each verdict the facts that share only their first keyword with the sentence."""
    cache: Cache | None = None
    keep_document: bool = False
    """Keep each article's parsed Document in its result (the language server's hovers)."""

    def enabled(self, code: str) -> bool:
        known = rules().get(code)
        if known is not None and known.opt_in and code not in self.select:
            return False
        selected = not self.select or matches(code, self.select)
        return selected and not matches(code, self.ignore)

    def reads(self) -> Reads:
        """How far to work an article out: as far as the furthest-reading enabled rule, and
        all the way when claims are kept (a claims listing, an audit, ``--explain``)."""
        if self.keep_claims:
            return "verdicts"
        levels = [
            rule.reads
            for code, rule in rules().items()
            if rule.check is not None and rule.scope == "article" and self.enabled(code)
        ]
        return max(levels, key=READS.index, default="document")

    def severity_of(self, code: str, default: Severity) -> Severity:
        level = self.config.severity.get(code, default)
        return level  # type: ignore[return-value]

    def fingerprint(self) -> str:
        """Everything besides the article a result depends on, for the result cache's key."""
        config = self.config
        return digest(
            code_version(),
            repr(
                (
                    self.select,
                    self.ignore,
                    self.citation_scope,
                    self.keep_text,
                    self.keep_claims,
                    self.explain,
                )
            ),
            repr((sorted(config.severity.items()), sorted(config.per_file_ignores.items()))),
            config.precision,
            self.knowledge.digest if self.knowledge is not None else "no facts",
        )


@dataclass(slots=True)
class ArticleResult:
    """One article's findings, with what the audit and claims listing need."""

    path: str
    diagnostics: list[Diagnostic]
    claims: list[Claim]
    verdicts: list[Verdict | None]
    markers: int
    definitions: list[Definition]
    lines: tuple[str, ...] = ()
    claim_count: int = 0
    document: Document | None = None


def _suppressed(document: Document, diagnostic: Diagnostic, used: list[set[str]]) -> bool:
    """Whether a suppression comment covers the finding; each that does records its code."""
    hit = False
    for index, suppression in enumerate(document.suppressions):
        if suppression.first_line <= diagnostic.span.line <= suppression.last_line and (
            not suppression.codes or matches(diagnostic.code, suppression.codes)
        ):
            used[index].add(diagnostic.code)
            hit = True
    return hit


def analyse(text_source: source.Source, settings: Settings) -> ArticleContext:
    """Parse an article, extract its claims and match them to the fact table, as far as the
    enabled rules read: citation rules alone need neither claims nor verdicts."""
    reads = settings.reads()
    document = parse.parse(text_source)
    claims = claim_extraction.extract(document) if reads != "document" else []
    attach_citations(document, claims, settings.citation_scope)
    context = ArticleContext(document, claims, settings.citation_scope, settings.knowledge)
    if settings.knowledge is not None and reads == "verdicts":
        from linter.facts.matching import judge_all

        strict = settings.config.precision == "strict"
        context.verdicts = list(
            judge_all(settings.knowledge, document, claims, settings.explain, strict)
        )
    else:
        context.verdicts = [None] * len(claims)
    return context


def prepare(settings: Settings) -> None:
    """Load what checking an article needs (rule modules, the parser, the matcher) now,
    before worker processes are forked, so that they share it rather than each load it."""
    rules()
    parse.markdown()
    if settings.knowledge is not None and settings.reads() == "verdicts":
        import linter.facts.matching  # noqa: F401


def lint_source(
    text_source: source.Source, settings: Settings, analysed: ArticleContext | None = None
) -> ArticleResult:
    """Run every enabled rule on one article (``analysed``: already worked out, as the
    language server does a part at a time)."""
    context = analysed if analysed is not None else analyse(text_source, settings)
    document = context.document
    ignored_here = settings.config.ignored_for(text_source.path)
    block_lines = [block.line_numbers[0] for block in document.blocks]
    diagnostics: list[Diagnostic] = []
    used: list[set[str]] = [set() for _ in document.suppressions]
    running: list[str] = []
    for code, rule in rules().items():
        if rule.check is None or rule.scope != "article" or not settings.enabled(code):
            continue
        if matches(code, ignored_here):
            continue
        running.append(code)
        severity = settings.severity_of(code, rule.severity)
        for finding in rule.check(context):
            diagnostic = Diagnostic.from_finding(
                finding,
                path=text_source.path,
                code=code,
                severity=severity,
                section=_section_at(document, block_lines, finding.span.line),
            )
            if not document.suppressions or not _suppressed(document, diagnostic, used):
                diagnostics.append(diagnostic)
    if document.suppressions:
        from linter.rules.suppressions import suppression_findings

        every_rule_runs = not settings.select and not settings.ignore and not ignored_here
        for code, finding in suppression_findings(document, used, running, every_rule_runs):
            if settings.enabled(code) and not matches(code, ignored_here):
                severity = settings.severity_of(code, rules()[code].severity)
                diagnostics.append(
                    Diagnostic.from_finding(
                        finding, path=text_source.path, code=code, severity=severity
                    )
                )
    diagnostics.sort(key=Diagnostic.sort_key)
    keep = settings.keep_claims
    return ArticleResult(
        path=text_source.path,
        diagnostics=diagnostics,
        claims=context.claims if keep else [],
        verdicts=context.verdicts if keep else [],
        markers=len(document.markers),
        definitions=document.definitions if keep or settings.keep_text else [],
        lines=document.lines if settings.keep_text else (),
        claim_count=len(context.claims),
        document=document if settings.keep_document else None,
    )


def _section_at(document: Document, block_lines: list[int], line: int) -> str:
    """The section a line stands in: that of the last block starting on or before it."""
    index = bisect.bisect_right(block_lines, line) - 1
    return document.blocks[index].section if index >= 0 else ""


def lint_file(path: str, settings: Settings, fingerprint: str = "") -> ArticleResult:
    """Lint one file, through the result cache when there is one (keyed by its content).

    A file that cannot be checked is one INP001 diagnostic, not an exception: the rest of
    the corpus is still checked. The result names the file as the root-relative label every
    output prints (display_path quotes an unprintable one); the cache key holds that label,
    not the absolute path, so that a copy of the project elsewhere (the base revision of
    ``--diff``) reuses the results of unchanged files.
    """
    shown = display_path(settings.config.label(path))
    try:
        data = source.read_bytes(path, settings.config.max_article_bytes)
        store = settings.cache
        key = digest(fingerprint or settings.fingerprint(), shown, data) if store else ""
        if store is not None:
            cached = store.get("results", key)
            if isinstance(cached, ArticleResult):
                return cached
        result = lint_source(source.from_text(source.decode(data, shown), shown), settings)
    except UserError as error:
        return unreadable(shown, error.detail, error.line)
    except RecursionError:
        return unreadable(shown, "nested too deeply to be checked")
    except Exception as exc:
        raise InternalError.of(shown, exc) from None
    if store is not None:
        store.put("results", key, result)
    return result


UNREADABLE = "INP001"


def unreadable(path: str, message: str, line: int | None = None) -> ArticleResult:
    """The result of a file that could not be checked: one INP001 error at the file (or the
    line to blame), whatever the selection, severities, suppressions and baselines say."""
    at = line or 1
    diagnostic = Diagnostic(path, Span(at, 1, at, 1), UNREADABLE, "error", message)
    return ArticleResult(path, [diagnostic], [], [], 0, [])


def lint_paths(
    paths: Sequence[str],
    settings: Settings,
    jobs: int = 1,
    progress: Callable[[int], None] | None = None,
) -> Iterator[ArticleResult]:
    """Lint every Markdown file of ``paths`` (folders walked; see selection.py), yielding
    results in file order (from worker processes when jobs > 1).

    Files are found before the first result, so that a bad path fails before any output.
    ``progress`` is told the number of files first, then called with 1 per file done.
    """
    from linter.selection import files

    return lint_files(files(paths, settings.config), settings, jobs, progress)


def lint_files(
    files: list[str],
    settings: Settings,
    jobs: int = 1,
    progress: Callable[[int], None] | None = None,
) -> Iterator[ArticleResult]:
    """Lint the files of a list already selected (see ``lint_paths``)."""
    if progress is not None:
        progress(-len(files))
    if jobs > 1 and len(files) >= 2 * jobs:
        from linter.parallel import lint_parallel

        produced: Iterable[ArticleResult] = lint_parallel(files, settings, jobs)
    else:
        fingerprint = settings.fingerprint()
        produced = (lint_file(path, settings, fingerprint) for path in files)
    for result in produced:
        if progress is not None:
            progress(1)
        yield result


@dataclass(slots=True)
class Tally:
    """Counts kept while results stream past, for the summary line and the exit code."""

    files: int = 0
    claims: int = 0
    unreadable: int = 0
    """Files that could not be checked (INP001): the run exits 2."""
    claims_read: bool = True
    """False when no enabled rule reads claims, so none were extracted to count, or when
    there is no fact table to check them against."""
    root: str = ""
    """The project root, which every path reported is relative to (SARIF names it)."""
    by_severity: dict[str, int] = field(
        default_factory=lambda: {"error": 0, "warning": 0, "info": 0}
    )
    fixable: dict[str, int] = field(default_factory=lambda: {"safe": 0, "unsafe": 0})
    """Findings left with a fix, by applicability: the summary's ``--fix`` hint."""
    fixed: dict[tuple[str, str], int] = field(default_factory=dict)
    """Findings ``--fix`` resolved, by (path, code)."""
    by_code: dict[str, list[int]] = field(default_factory=dict)
    """Findings by code: [count, how many have a fix] (``--statistics``)."""
    baselined: int = 0
    """Findings a baseline hid."""

    def add(self, result: ArticleResult) -> ArticleResult:
        self.files += 1
        self.claims += result.claim_count
        for diagnostic in result.diagnostics:
            self.by_severity[diagnostic.severity] += 1
            self.unreadable += diagnostic.code == UNREADABLE
            counts = self.by_code.setdefault(diagnostic.code, [0, 0])
            counts[0] += 1
            if diagnostic.fix is not None:
                self.fixable[diagnostic.fix.applicability] += 1
                counts[1] += 1
        return result

    def hide(self, diagnostic: Diagnostic) -> None:
        """Count a finding the baseline hid."""
        self.baselined += 1

    def add_fixed(self, diagnostics: Iterable[Diagnostic]) -> None:
        for diagnostic in diagnostics:
            key = (diagnostic.path, diagnostic.code)
            self.fixed[key] = self.fixed.get(key, 0) + 1

    def summary(self) -> dict[str, Any]:
        return {
            "files": self.files,
            "claims": self.claims,
            "errors": self.by_severity["error"],
            "warnings": self.by_severity["warning"],
            "infos": self.by_severity["info"],
            **({"fixed": sum(self.fixed.values())} if self.fixed else {}),
        }
