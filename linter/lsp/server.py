"""``encyclint lsp``: the server, its document state, and the order in which checks run.

Every check runs on one worker thread, one at a time, so that the editor's messages are
read while a check runs; a result whose document has changed since is dropped, since a
newer check is already scheduled. Edits are debounced: a burst of keystrokes is one check.
Everything that touches projects and tables runs on that same thread, in order.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from linter import __version__
from linter.lsp import actions, hover
from linter.lsp.analysis import Analysis, analyse
from linter.lsp.convert import line_location, problem_to_lsp, uri_of
from linter.lsp.incremental import Incremental
from linter.lsp.projects import CONFIG_NAMES, Project, Projects
from linter.lsp.tables import LiveTables

DEBOUNCE = 0.15
"""Seconds of quiet after an edit before the buffer is checked."""
TABLE_SUFFIXES = (".yaml", ".yml")
WATCHERS = ("**/*.yaml", "**/*.yml", *(f"**/{name}" for name in CONFIG_NAMES))
T = TypeVar("T")


def _path(uri: str) -> str:
    return os.path.abspath(to_fs_path(uri) or uri)


def _is_article(path: str) -> bool:
    return path.endswith((".md", ".markdown"))


class Server(LanguageServer):
    """The language server and what it knows of the open documents."""

    def __init__(self) -> None:
        super().__init__(
            "encyclint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental
        )
        self.tables = LiveTables()
        self.projects = Projects(self.tables)
        self.analyses: dict[str, Analysis] = {}
        self.parts: dict[str, Incremental] = {}
        """Each open article's parts, parsed once and kept while untouched by edits."""
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="encyclint-check")
        self.timers: dict[str, asyncio.TimerHandle] = {}
        self.running: set[asyncio.Task[Any]] = set()
        self.watching = False
        """Whether the client sends watched-file events (else saves stand in for them)."""
        self.published_tables: dict[str | None, set[str]] = {}
        """By config file: the tables whose problems were last published, to clear them."""
        self.debounce = float(os.environ.get("ENCYCLINT_LSP_DEBOUNCE", DEBOUNCE))

    async def on_worker(self, job: Callable[..., T], *args: Any) -> T:
        return await asyncio.get_running_loop().run_in_executor(self.worker, job, *args)

    def schedule(self, key: str, delay: float | None = None) -> None:
        """Check ``key`` (a document URI, or ``*`` for every open article) after a quiet spell."""
        timer = self.timers.pop(key, None)
        if timer is not None:
            timer.cancel()
        loop = asyncio.get_running_loop()

        def fire() -> None:
            self.timers.pop(key, None)
            job = self.check_all() if key == "*" else self.check(key)
            task = loop.create_task(job)
            self.running.add(task)
            task.add_done_callback(self.running.discard)

        self.timers[key] = loop.call_later(self.debounce if delay is None else delay, fire)

    def open_articles(self) -> list[str]:
        return [uri for uri in self.workspace.text_documents if _is_article(_path(uri))]

    async def check_all(self) -> None:
        for uri in self.open_articles():
            await self.check(uri)

    async def check(self, uri: str) -> Analysis | None:
        """Check the buffer as it is now; publish unless it changed meanwhile."""
        document = self.workspace.text_documents.get(uri)
        if document is None:
            return None
        version, text, path = document.version, document.source, _path(uri)
        analysis, fresh = await self.on_worker(self._analyse, path, text, version)
        current = self.workspace.text_documents.get(uri)
        if current is None or current.version != version:
            return None  # stale: a newer edit has its own check scheduled
        self.analyses[uri] = analysis
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(
                uri=uri, version=version, diagnostics=analysis.lsp_diagnostics()
            )
        )
        if fresh:
            self.publish_project(analysis.project)
        return analysis

    def _analyse(self, path: str, text: str, version: int | None) -> tuple[Analysis, bool]:
        project, fresh = self.projects.for_document(path)
        parts = self.parts.setdefault(uri_of(path), Incremental())
        return analyse(project, path, text, version, parts), fresh

    async def current(self, uri: str) -> Analysis | None:
        """The analysis of the buffer as it is now (checked at once if it is not yet)."""
        analysis = self.analyses.get(uri)
        document = self.workspace.text_documents.get(uri)
        if document is None or not _is_article(_path(uri)):
            return None
        if analysis is not None and analysis.version == document.version:
            return analysis
        return await self.check(uri)

    def publish_project(self, project: Project) -> None:
        """The project's table problems (TBL) on the tables, and its config error if any."""
        by_path: dict[str, list[types.Diagnostic]] = {path: [] for path in project.table_files}
        for problem in project.problems:
            lines = self._lines_of(problem.path)
            by_path.setdefault(problem.path, []).append(problem_to_lsp(problem, lines))
        error = project.error
        if error is not None:
            where = error.path if error.path and os.path.isfile(error.path) else project.config_file
            if where is not None:
                line = (error.line or 1) - 1
                at = types.Range(
                    start=types.Position(line=line, character=0),
                    end=types.Position(line=line + 1, character=0),
                )
                diagnostic = types.Diagnostic(
                    range=at, message=error.detail, severity=types.DiagnosticSeverity.Error,
                    source="encyclint",
                )  # fmt: skip
                by_path.setdefault(os.path.abspath(where), []).append(diagnostic)
            self.window_show_message(
                types.ShowMessageParams(type=types.MessageType.Error, message=f"encyclint: {error}")
            )
        for path in self.published_tables.get(project.config_file, set()) - by_path.keys():
            by_path[path] = []
        for path, diagnostics in by_path.items():
            self.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(uri=uri_of(path), diagnostics=diagnostics)
            )
        self.published_tables[project.config_file] = {p for p, found in by_path.items() if found}

    def _lines_of(self, path: str) -> tuple[str, ...]:
        document = self.workspace.text_documents.get(uri_of(path))
        if document is not None:
            text = document.source
        else:
            try:
                with open(path, encoding="utf-8-sig", errors="replace") as stream:
                    text = stream.read()
            except OSError:
                text = ""
        return tuple(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))

    async def files_changed(self, paths: list[str], text: dict[str, str | None]) -> None:
        """Tables or configs changed (on disk, or in a buffer: ``text``): re-check everything."""
        tables = [p for p in paths if p.endswith(TABLE_SUFFIXES)]
        configs = [p for p in paths if os.path.basename(p) in CONFIG_NAMES]
        if not tables and not configs:
            return

        def forget() -> None:
            for path in tables:
                if path in text:
                    self.tables.edited(path, text[path])
                else:
                    self.tables.changed(path)
            self.projects.forget(configs=bool(configs))

        await self.on_worker(forget)
        self.schedule("*")
        for path in tables:  # a table no open article uses still gets its findings
            project, _ = await self.on_worker(self.projects.for_document, path)
            if path in project.table_files:
                self.publish_project(project)


def create_server() -> Server:
    """The server with every feature registered."""
    server = Server()

    @server.feature(types.INITIALIZED)
    async def initialized(ls: Server, params: types.InitializedParams) -> None:
        capabilities = ls.client_capabilities.workspace
        watched = capabilities.did_change_watched_files if capabilities else None
        if watched is not None and watched.dynamic_registration:
            options = types.DidChangeWatchedFilesRegistrationOptions(
                watchers=[types.FileSystemWatcher(glob_pattern=g) for g in WATCHERS]
            )
            registration = types.Registration(
                id="encyclint-watch",
                method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                register_options=options,
            )
            await ls.client_register_capability_async(
                types.RegistrationParams(registrations=[registration])
            )
            ls.watching = True

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    async def did_open(ls: Server, params: types.DidOpenTextDocumentParams) -> None:
        uri = params.text_document.uri
        path = _path(uri)
        if path.endswith(TABLE_SUFFIXES):
            await ls.files_changed([path], {path: params.text_document.text})
        elif _is_article(path):
            ls.schedule(uri, delay=0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    async def did_change(ls: Server, params: types.DidChangeTextDocumentParams) -> None:
        uri = params.text_document.uri
        path = _path(uri)
        if path.endswith(TABLE_SUFFIXES):
            document = ls.workspace.get_text_document(uri)
            await ls.files_changed([path], {path: document.source})
        elif _is_article(path):
            ls.schedule(uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    async def did_save(ls: Server, params: types.DidSaveTextDocumentParams) -> None:
        if not ls.watching:  # no watcher tells of a table or config saved
            await ls.files_changed([_path(params.text_document.uri)], {})

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    async def did_close(ls: Server, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        path = _path(uri)
        if path.endswith(TABLE_SUFFIXES):
            await ls.files_changed([path], {path: None})
        elif _is_article(path):
            ls.analyses.pop(uri, None)
            ls.worker.submit(ls.parts.pop, uri_of(path), None)
            ls.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(uri=uri, diagnostics=[])
            )

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    async def watched(ls: Server, params: types.DidChangeWatchedFilesParams) -> None:
        paths = [_path(change.uri) for change in params.changes]
        open_tables = {_path(uri) for uri in ls.workspace.text_documents}
        # An open table's buffer is what counts; its file changing on disk changes nothing.
        await ls.files_changed([p for p in paths if p not in open_tables], {})

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    async def on_hover(ls: Server, params: types.HoverParams) -> types.Hover | None:
        analysis = await ls.current(params.text_document.uri)
        if analysis is None:
            return None
        knowledge = analysis.project.settings.knowledge
        found = analysis.claim_at(params.position)
        if found is not None:
            text = hover.claim_markdown(*found, knowledge)
        else:
            marker = analysis.marker_at(params.position)
            if marker is None:
                return None
            text = hover.marker_markdown(marker, analysis.definitions_of(marker), knowledge)
        content = types.MarkupContent(kind=types.MarkupKind.Markdown, value=text)
        return types.Hover(contents=content)

    @server.feature(types.TEXT_DOCUMENT_DEFINITION)
    async def definition(ls: Server, params: types.DefinitionParams) -> list[types.Location]:
        uri = params.text_document.uri
        analysis = await ls.current(uri)
        if analysis is None:
            return []
        found = analysis.claim_at(params.position)
        if found is not None:
            verdict = found[1]
            if verdict is None or verdict.fact is None:
                return []
            return [line_location(verdict.fact.path, verdict.fact.line)]
        marker = analysis.marker_at(params.position)
        if marker is None:
            return []
        places = [
            line_location(analysis.path, d.span.line) for d in analysis.definitions_of(marker)
        ]
        knowledge = analysis.project.settings.knowledge
        source = knowledge.sources.get(marker.label) if knowledge else None
        if marker.style == "pandoc" and source is not None and source.path:
            places.append(line_location(source.path, source.line))
        return places

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
    )
    async def code_action(ls: Server, params: types.CodeActionParams) -> list[types.CodeAction]:
        uri = params.text_document.uri
        analysis = await ls.current(uri)
        return actions.code_actions(analysis, uri, params.range) if analysis else []

    @server.command(actions.OPEN_FACT)
    async def open_fact(ls: Server, uri: str, line: int) -> None:
        start = types.Position(line=max(int(line) - 1, 0), character=0)
        await ls.window_show_document_async(
            types.ShowDocumentParams(
                uri=uri, take_focus=True, selection=types.Range(start=start, end=start)
            )
        )

    return server


def run() -> None:
    """Serve over standard input and output until the client says exit."""
    create_server().start_io()
