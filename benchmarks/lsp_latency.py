#!/usr/bin/env python3
"""The language server's per-edit latency: one keystroke in the 13 KB project article.

    python benchmarks/lsp_latency.py          # needs the lsp extra

Two figures, each the median of 101 edits with the fact tables already loaded:
- the re-check itself, in process: what the server does for a new version of the buffer
  (the engine with the project's settings, then diagnostics as LSP structures);
- end to end over stdio with a real client (pygls'), debounce off: from sending
  ``didChange`` to receiving that version's ``publishDiagnostics``.
The target (issue 18) is the re-check: under 15 ms median.
"""

from __future__ import annotations

import asyncio
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
ARTICLE = ROOT / "articles" / "sino-soviet-split.md"
EDITS = 101
TARGET_MS = 15.0


def keystrokes(text: str, count: int) -> list[str]:
    """The article after each of ``count`` keystrokes, each typed into the middle of the next
    paragraph in turn (so every part of the article is edited, the long ones too)."""
    versions = []
    for n in range(count):
        paragraphs = [m.start() for m in re.finditer(r"\n\n(?=[A-Z])", text)]
        start = paragraphs[n % len(paragraphs)] + 2
        at = text.index(" ", start + (text.find("\n", start) - start) // 2)
        text = text[:at] + " x" + text[at:]
        versions.append(text)
    return versions


def in_process() -> float:
    from linter.lsp.analysis import analyse
    from linter.lsp.incremental import Incremental
    from linter.lsp.projects import Projects
    from linter.lsp.tables import LiveTables

    path = str(ARTICLE)
    text = ARTICLE.read_text(encoding="utf-8")
    project, _ = Projects(LiveTables()).for_document(path)
    parts = Incremental()
    analyse(project, path, text, 0, parts).lsp_diagnostics()  # as on opening the article
    times = []
    for version, edited in enumerate(keystrokes(text, EDITS), 1):
        start = time.perf_counter()
        analyse(project, path, edited, version, parts).lsp_diagnostics()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


async def over_stdio() -> float:
    from lsprotocol import types
    from pygls.lsp.client import LanguageClient

    client = LanguageClient("benchmark", "1")
    arrived: dict[int, float] = {}
    ready = asyncio.Event()

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def published(params: types.PublishDiagnosticsParams) -> None:
        if params.version is not None:
            arrived[params.version] = time.perf_counter()
            ready.set()

    env = {**os.environ, "PYTHONPATH": str(ROOT), "ENCYCLINT_LSP_DEBOUNCE": "0",
           "XDG_CACHE_HOME": tempfile.mkdtemp()}  # fmt: skip
    await client.start_io(sys.executable, "-m", "linter", "lsp", cwd=str(ROOT), env=env)
    await client.initialize_async(types.InitializeParams(capabilities=types.ClientCapabilities()))
    client.initialized(types.InitializedParams())
    uri = ARTICLE.as_uri()
    text = ARTICLE.read_text(encoding="utf-8")
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id="markdown", version=0, text=text)
    ))  # fmt: skip
    await asyncio.wait_for(ready.wait(), 30)
    times = []
    for version, edited in enumerate(keystrokes(text, EDITS), 1):
        ready.clear()
        sent = time.perf_counter()
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=edited)],
        ))  # fmt: skip
        while version not in arrived:
            await asyncio.wait_for(ready.wait(), 30)
            ready.clear()
        times.append(arrived[version] - sent)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return statistics.median(times) * 1000


def measure() -> dict[str, float]:
    return {"re-check": in_process(), "stdio": asyncio.run(over_stdio())}


def main() -> None:
    size = ARTICLE.stat().st_size / 1000
    found = measure()
    print(f"language server, one edit of a {size:.1f} KB article, median of {EDITS} edits:")
    print(f"  re-check in the server          {found['re-check']:7.1f} ms")
    print(f"  didChange → publishDiagnostics  {found['stdio']:7.1f} ms (stdio, debounce off)")
    met = found["re-check"] < TARGET_MS
    print(f"target: re-check < {TARGET_MS:.0f} ms median: {'met' if met else 'NOT met'}")


if __name__ == "__main__":
    main()
