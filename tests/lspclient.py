"""A real LSP client (pygls' own) driving ``python -m linter lsp`` over stdio, for the tests."""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.client import LanguageClient

from tests.helpers import ROOT

TIMEOUT = 20.0


class Session:
    """One server process, the client talking to it, and what the server has sent."""

    def __init__(self, folder: Path, *, watch: bool = True) -> None:
        self.folder = folder
        self.watch = watch
        self.client = LanguageClient("encyclint-tests", "1")
        self.published: dict[str, list[types.PublishDiagnosticsParams]] = {}
        self.arrived = asyncio.Event()
        self.shown: list[types.ShowDocumentParams] = []
        self.versions: dict[str, int] = {}

        @self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def publish(params: types.PublishDiagnosticsParams) -> None:
            self.published.setdefault(params.uri, []).append(params)
            self.arrived.set()

        @self.client.feature(types.CLIENT_REGISTER_CAPABILITY)
        def register(params: types.RegistrationParams) -> None:
            return None

        @self.client.feature(types.WINDOW_SHOW_DOCUMENT)
        def show(params: types.ShowDocumentParams) -> types.ShowDocumentResult:
            self.shown.append(params)
            return types.ShowDocumentResult(success=True)

        @self.client.feature(types.WINDOW_SHOW_MESSAGE)
        def message(params: types.ShowMessageParams) -> None:
            return None

    async def __aenter__(self) -> Session:
        env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_CACHE_HOME": str(self.folder / ".xdg")}
        await self.client.start_io(sys.executable, "-m", "linter", "lsp", cwd=str(self.folder),
                                   env=env)  # fmt: skip
        watched = types.DidChangeWatchedFilesClientCapabilities(dynamic_registration=self.watch)
        capabilities = types.ClientCapabilities(
            workspace=types.WorkspaceClientCapabilities(did_change_watched_files=watched),
            window=types.WindowClientCapabilities(show_document=types.ShowDocumentClientCapabilities(support=True)),
        )  # fmt: skip
        await self.client.initialize_async(
            types.InitializeParams(
                capabilities=capabilities,
                root_uri=self.folder.as_uri(),
                workspace_folders=[types.WorkspaceFolder(uri=self.folder.as_uri(), name="w")],
            )
        )
        self.client.initialized(types.InitializedParams())
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.client.shutdown_async(None)
        self.client.exit(None)
        await self.client.stop()

    def uri(self, relative: str) -> str:
        return (self.folder / relative).resolve().as_uri()

    def open(self, relative: str, text: str | None = None) -> str:
        path = self.folder / relative
        text = path.read_text(encoding="utf-8") if text is None else text
        uri = self.uri(relative)
        language = "yaml" if relative.endswith(".yaml") else "markdown"
        self.versions[uri] = 1
        self.client.text_document_did_open(types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id=language, version=1, text=text)
        ))  # fmt: skip
        return uri

    def replace(self, uri: str, text: str) -> None:
        """Send the whole new text as one change."""
        self.versions[uri] += 1
        self.client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=self.versions[uri]),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        ))  # fmt: skip

    def edit(self, uri: str, range_: types.Range, text: str) -> None:
        """Send one incremental change, as an editor does for a keystroke."""
        self.versions[uri] += 1
        self.client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=self.versions[uri]),
            content_changes=[types.TextDocumentContentChangePartial(range=range_, text=text)],
        ))  # fmt: skip

    def files_changed(self, *relative: str) -> None:
        changes = [
            types.FileEvent(uri=self.uri(r), type=types.FileChangeType.Changed) for r in relative
        ]
        self.client.workspace_did_change_watched_files(
            types.DidChangeWatchedFilesParams(changes=changes)
        )

    def saved(self, relative: str) -> None:
        self.client.text_document_did_save(types.DidSaveTextDocumentParams(
            text_document=types.TextDocumentIdentifier(uri=self.uri(relative))
        ))  # fmt: skip

    async def diagnostics(
        self,
        uri: str,
        until: Callable[[list[types.Diagnostic]], bool] = lambda found: True,
        after: int = 0,
    ) -> list[types.Diagnostic]:
        """The first diagnostics published for ``uri`` (from the ``after``-th on) that satisfy
        ``until``; fails after TIMEOUT seconds."""

        async def wait() -> list[types.Diagnostic]:
            while True:
                for params in self.published.get(uri, [])[after:]:
                    if until(list(params.diagnostics)):
                        return list(params.diagnostics)
                self.arrived.clear()
                await self.arrived.wait()

        return await asyncio.wait_for(wait(), TIMEOUT)

    def count(self, uri: str) -> int:
        return len(self.published.get(uri, []))

    async def request(self, method: str, params: Any) -> Any:
        return await asyncio.wait_for(
            self.client.protocol.send_request_async(method, params), TIMEOUT
        )


def position(line: int, character: int) -> types.Position:
    return types.Position(line=line, character=character)


def codes(found: list[types.Diagnostic]) -> list[str]:
    return sorted(str(d.code) for d in found)
