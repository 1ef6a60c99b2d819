"""`encyclint lsp` end to end: a real LSP client (pygls') drives the server over stdio."""

from __future__ import annotations

import ast
import asyncio
import json
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

pytest.importorskip("pygls")
from lsprotocol import types
from pygls.workspace import TextDocument

from tests.helpers import ROOT, run_cli
from tests.lspclient import Session, codes, position

REAL_TABLE = (ROOT / "facts" / "sino-soviet-split.yaml").read_text(encoding="utf-8")
WRONG_DATE = "😀 Stalin died on March 15, 1953.[^taubman]\n"
"""An emoji (two UTF-16 code units, one column) before a contradicted date and a dangling marker."""
FIXED = "😀 Stalin died on March 5, 1953.[^taubman]\n\n[^taubman]: Taubman, *Khrushchev* (2003).\n"


def stalin_table(date: str = "1953-03-05") -> str:
    """The real table's sources and its stalin-death fact (the date replaceable for a test of
    a table being corrected)."""
    head = REAL_TABLE[: REAL_TABLE.index("\nfacts:")]
    fact = REAL_TABLE[
        REAL_TABLE.index("  - id: stalin-death") : REAL_TABLE.index("  - id: secret-speech-date")
    ]
    return head + "\nfacts:\n" + fact.replace("date: 1953-03-05", f"date: {date}")


def project(folder: Path, article: str, table: str | None = None) -> Path:
    (folder / "articles").mkdir()
    (folder / "facts").mkdir()
    (folder / "pyproject.toml").write_text(
        '[tool.encyclint]\npaths = ["articles"]\nfacts = ["facts"]\n'
    )
    (folder / "facts" / "stalin.yaml").write_text(table or stalin_table(), encoding="utf-8")
    (folder / "articles" / "stalin.md").write_text(article, encoding="utf-8")
    return folder


def run(test: Callable[[], Coroutine[Any, Any, None]]) -> None:
    asyncio.run(test())


def span(found: types.Diagnostic) -> tuple[int, int, int, int]:
    r = found.range
    return (r.start.line, r.start.character, r.end.line, r.end.character)


def by_code(found: list[types.Diagnostic]) -> dict[str, types.Diagnostic]:
    return {str(d.code): d for d in found}


def test_buffer_diagnostics_at_utf16_ranges_then_fixed_in_the_buffer(tmp_path: Path) -> None:
    folder = project(tmp_path, "# Stalin\n\nsaved text, not what is checked\n")

    async def scenario() -> None:
        async with Session(folder) as session:
            uri = session.open("articles/stalin.md", "# Stalin\n\n" + WRONG_DATE)
            found = by_code(await session.diagnostics(uri, lambda d: len(d) == 2))
            assert sorted(found) == ["CIT001", "FCT001"]
            # Column 18 in characters; the emoji is two code units, so character 18 (0-based).
            assert span(found["FCT001"]) == (2, 18, 2, 32)
            assert span(found["CIT001"]) == (2, 33, 2, 43)
            fct = found["FCT001"]
            assert fct.severity == types.DiagnosticSeverity.Error
            assert fct.source == "encyclint"
            assert fct.code_description is not None
            page = Path(urlparse(fct.code_description.href).path)
            assert "contradicted-claim" in page.read_text(encoding="utf-8")
            assert fct.related_information is not None
            location = fct.related_information[0].location
            table = folder / "facts" / "stalin.yaml"
            assert location.uri == table.resolve().as_uri()
            fact_line = table.read_text(encoding="utf-8").splitlines()[location.range.start.line]
            assert fact_line.strip() == "- id: stalin-death"
            session.replace(uri, "# Stalin\n\n" + FIXED)
            assert await session.diagnostics(uri, lambda d: not d) == []

    run(scenario)


def test_edits_are_debounced_and_only_the_last_version_is_published(tmp_path: Path) -> None:
    folder = project(tmp_path, "# Stalin\n\n" + FIXED)

    async def scenario() -> None:
        async with Session(folder) as session:
            uri = session.open("articles/stalin.md")
            assert await session.diagnostics(uri) == []
            before = session.count(uri)
            five = position(2, 24)  # "5" of "March 5", in UTF-16 units (the emoji is two)
            after = position(2, 25)
            for typed in range(9):  # "March 15", "March 5", "March 15", ... typed fast
                if typed % 2 == 0:
                    session.edit(uri, types.Range(start=five, end=five), "1")
                else:
                    session.edit(uri, types.Range(start=five, end=after), "")
            await asyncio.sleep(1.0)
            published = session.published[uri][before:]
            assert [p.version for p in published] == [session.versions[uri]]
            assert codes(published[0].diagnostics) == ["FCT001"]
            assert '"March 15, 1953"' in published[0].diagnostics[0].message

    run(scenario)


def test_editing_the_table_clears_the_finding_without_touching_the_article(tmp_path: Path) -> None:
    typo = stalin_table("1953-03-15")  # the mistake a maintainer corrects
    folder = project(tmp_path, "# Stalin\n\n" + FIXED, typo)

    async def scenario() -> None:
        async with Session(folder) as session:
            uri = session.open("articles/stalin.md")
            assert codes(await session.diagnostics(uri, bool)) == ["FCT001"]
            seen = session.count(uri)
            table_uri = session.open("facts/stalin.yaml")
            session.replace(table_uri, stalin_table())  # unsaved: the buffer counts
            assert await session.diagnostics(uri, lambda d: not d, after=seen) == []
            # A schema error typed into the table is a TBL001 on the table, at its line.
            broken = stalin_table().replace("date: 1953-03-05", 'date: "5 March 1953"')
            session.replace(table_uri, broken)
            found = await session.diagnostics(table_uri, bool)
            assert codes(found) == ["TBL001"]
            wanted = broken.splitlines().index('    date: "5 March 1953"')
            assert found[0].range.start.line == wanted
            session.replace(table_uri, stalin_table())
            assert await session.diagnostics(table_uri, lambda d: not d) == []

    run(scenario)


@pytest.mark.parametrize("watch", [True, False], ids=["watched-files", "did-save"])
def test_a_table_changed_on_disk_rechecks_open_articles(tmp_path: Path, watch: bool) -> None:
    folder = project(tmp_path, "# Stalin\n\n" + FIXED, stalin_table("1953-03-15"))

    async def scenario() -> None:
        async with Session(folder, watch=watch) as session:
            uri = session.open("articles/stalin.md")
            assert codes(await session.diagnostics(uri, bool)) == ["FCT001"]
            seen = session.count(uri)
            (folder / "facts" / "stalin.yaml").write_text(stalin_table(), encoding="utf-8")
            if watch:
                session.files_changed("facts/stalin.yaml")
            else:
                session.saved("facts/stalin.yaml")
            assert await session.diagnostics(uri, lambda d: not d, after=seen) == []

    run(scenario)


def test_a_config_change_is_read_again(tmp_path: Path) -> None:
    folder = project(tmp_path, "# Stalin\n\n" + WRONG_DATE)

    async def scenario() -> None:
        async with Session(folder) as session:
            uri = session.open("articles/stalin.md")
            assert codes(await session.diagnostics(uri, bool)) == ["CIT001", "FCT001"]
            seen = session.count(uri)
            config = folder / "pyproject.toml"
            config.write_text(config.read_text() + 'ignore = ["CIT001"]\n')
            session.files_changed("pyproject.toml")
            found = await session.diagnostics(uri, lambda d: codes(d) == ["FCT001"], after=seen)
            assert codes(found) == ["FCT001"]

    run(scenario)


def test_hover_definition_and_code_actions(tmp_path: Path) -> None:
    folder = project(
        tmp_path,
        "# Stalin\n\n" + WRONG_DATE + "\nSee [^gone] and [^t].\n\n[^t]: Taubman, *Khrushchev*.\n",
    )

    async def scenario() -> None:
        async with Session(folder) as session:
            uri = session.open("articles/stalin.md")
            found = await session.diagnostics(uri, bool)
            document = types.TextDocumentIdentifier(uri=uri)
            hovered = await session.request(
                types.TEXT_DOCUMENT_HOVER,
                types.HoverParams(text_document=document, position=position(2, 20)),
            )
            text = hovered.contents.value
            assert "stalin-death" in text and "contradicted" in text and "1953-03-15" in text
            assert "Stalin died on 5 March 1953." in text
            assert "taubman2003" in text and "Taubman, Khrushchev: The Man and His Era" in text
            marker = await session.request(
                types.TEXT_DOCUMENT_HOVER,
                types.HoverParams(text_document=document, position=position(4, 18)),
            )
            assert "Taubman, *Khrushchev*." in marker.contents.value
            to_fact = await session.request(
                types.TEXT_DOCUMENT_DEFINITION,
                types.DefinitionParams(text_document=document, position=position(2, 25)),
            )
            table = (folder / "facts" / "stalin.yaml").read_text(encoding="utf-8").splitlines()
            assert table[to_fact[0].range.start.line].strip() == "- id: stalin-death"
            to_definition = await session.request(
                types.TEXT_DOCUMENT_DEFINITION,
                types.DefinitionParams(text_document=document, position=position(4, 17)),
            )
            assert to_definition[0].uri == uri and to_definition[0].range.start.line == 6
            fct = by_code(found)["FCT001"]
            offered = await session.request(
                types.TEXT_DOCUMENT_CODE_ACTION,
                types.CodeActionParams(text_document=document, range=fct.range,
                                       context=types.CodeActionContext(diagnostics=[fct])),
            )  # fmt: skip
            titles = [a.title for a in offered]
            assert "Suppress FCT001 on this line" in titles
            opener = next(a for a in offered if a.title.startswith("Open the fact"))
            # lsprotocol's converter reads any code action that carries a command as a bare
            # Command, its command the action's command as text: read that back.
            command = ast.literal_eval(opener.command)
            name, arguments = command["command"], command["arguments"]
            await session.request(types.WORKSPACE_EXECUTE_COMMAND,
                                  types.ExecuteCommandParams(command=name, arguments=arguments))  # fmt: skip
            assert session.shown[0].uri == (folder / "facts" / "stalin.yaml").resolve().as_uri()
            assert table[session.shown[0].selection.start.line].strip() == "- id: stalin-death"

    run(scenario)


def test_without_the_extra_the_command_says_how_to_install_it(tmp_path: Path) -> None:
    blocker = tmp_path / "sitecustomize.py"
    blocker.write_text(
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('pygls', 'lsprotocol'):\n"
        "            raise ImportError(name)\n"
        "sys.meta_path.insert(0, Block())\n"
    )
    done = run_cli("lsp", env={"PYTHONPATH": f"{tmp_path}:{ROOT}"})
    assert done.returncode == 2
    assert "pip install 'encyclint[lsp]'" in done.stderr
    assert "Traceback" not in done.stderr


def test_utf16_positions_count_astral_characters_twice() -> None:
    from linter.document import Span
    from linter.lsp.positions import from_position, to_range

    lines = ("a😀b𝄞c\tdé",)
    # Characters: a(1) 😀(2) b(3) 𝄞(4) c(5) tab(6) d(7) é(8); code units: 😀 and 𝄞 are two.
    shown = to_range(lines, Span(1, 3, 1, 6))  # "b𝄞c"
    assert (shown.start.character, shown.end.character) == (3, 7)
    assert [from_position(lines, position(0, unit)) for unit in (0, 1, 3, 4, 6, 7, 9, 99)] == [
        (1, 1), (1, 2), (1, 3), (1, 4), (1, 5), (1, 6), (1, 8), (1, 9)
    ]  # fmt: skip


def test_unchanged_tables_are_never_read_again(tmp_path: Path) -> None:
    from linter.lsp.tables import LiveTables

    (tmp_path / "a.yaml").write_text(stalin_table(), encoding="utf-8")
    (tmp_path / "b.yaml").write_text("facts: []\n", encoding="utf-8")
    tables = LiveTables()
    first = tables.build([str(tmp_path)])
    assert tables.reads == 2 and [f.id for f in first.knowledge.facts] == ["stalin-death"]
    tables.build([str(tmp_path)])
    assert tables.reads == 2
    tables.changed(str(tmp_path / "b.yaml"))
    again = tables.build([str(tmp_path)])
    assert tables.reads == 3 and again.knowledge.digest == first.knowledge.digest
    tables.edited(str(tmp_path / "a.yaml"), stalin_table("1953-03-15"))
    edited = tables.build([str(tmp_path)])
    assert tables.reads == 4 and edited.knowledge.facts[0].shown == "1953-03-15"
    assert edited.knowledge.digest != first.knowledge.digest


def test_the_quick_fix_edit_equals_the_cli_fix(tmp_path: Path) -> None:
    article = "# Stalin\r\n\r\n" + WRONG_DATE.replace("\n", "\r\n")
    folder = project(tmp_path, article)

    async def scenario() -> str:
        async with Session(folder) as session:
            uri = session.open("articles/stalin.md", article)
            fct = by_code(await session.diagnostics(uri, bool))["FCT001"]
            document = types.TextDocumentIdentifier(uri=uri)
            offered = await session.request(
                types.TEXT_DOCUMENT_CODE_ACTION,
                types.CodeActionParams(text_document=document, range=fct.range,
                                       context=types.CodeActionContext(diagnostics=[fct])),
            )  # fmt: skip
            assert offered[0].title.startswith("Replace `March 15, 1953` with `March 5, 1953`")
            (edit,) = offered[0].edit.changes[uri]
            buffer = TextDocument(uri, source=article)
            buffer.apply_change(
                types.TextDocumentContentChangePartial(range=edit.range, text=edit.new_text)
            )
            return buffer.source

    fixed_in_editor = asyncio.run(scenario())
    done = run_cli("check", "--fix", "--unsafe-fixes", "articles/stalin.md", cwd=folder)
    assert "FCT001" not in done.stdout
    fixed_by_cli = (folder / "articles" / "stalin.md").read_bytes().decode("utf-8")
    assert fixed_in_editor == fixed_by_cli
    assert "😀 Stalin died on March 5, 1953.[^taubman]\r\n" in fixed_by_cli


def test_suppress_on_this_line_silences_the_finding(tmp_path: Path) -> None:
    folder = project(tmp_path, "# Stalin\n\n" + WRONG_DATE)

    async def scenario() -> None:
        async with Session(folder) as session:
            text = "# Stalin\n\n" + WRONG_DATE
            uri = session.open("articles/stalin.md", text)
            found = by_code(await session.diagnostics(uri, lambda d: len(d) == 2))
            document = types.TextDocumentIdentifier(uri=uri)
            offered = await session.request(
                types.TEXT_DOCUMENT_CODE_ACTION,
                types.CodeActionParams(text_document=document, range=found["FCT001"].range,
                                       context=types.CodeActionContext(diagnostics=[found["FCT001"]])),
            )  # fmt: skip
            action = next(a for a in offered if a.title == "Suppress FCT001 on this line")
            (edit,) = action.edit.changes[uri]
            buffer = TextDocument(uri, source=text)
            buffer.apply_change(
                types.TextDocumentContentChangePartial(range=edit.range, text=edit.new_text)
            )
            assert buffer.lines[2].endswith("[^taubman] <!-- encyclint-disable-line FCT001 -->\n")
            seen = session.count(uri)
            session.replace(uri, buffer.source)
            left = await session.diagnostics(uri, lambda d: codes(d) == ["CIT001"], after=seen)
            assert codes(left) == ["CIT001"]

    run(scenario)


def test_per_file_ignores_and_the_nearest_config_apply_as_in_the_cli(tmp_path: Path) -> None:
    folder = project(tmp_path, "# Stalin\n\n" + WRONG_DATE)
    config = folder / "pyproject.toml"
    config.write_text(
        config.read_text()
        + '\n[tool.encyclint.per-file-ignores]\n"articles/drafts/**" = ["FCT001"]\n'
    )
    (folder / "articles" / "drafts").mkdir()
    (folder / "articles" / "drafts" / "draft.md").write_text(
        "# Draft\n\n" + WRONG_DATE, encoding="utf-8"
    )
    (folder / "articles" / "own").mkdir()
    (folder / "articles" / "own" / "encyclint.toml").write_text(
        'select = ["FCT"]\nfacts = ["../../facts"]\n'
    )
    (folder / "articles" / "own" / "own.md").write_text("# Own\n\n" + WRONG_DATE, encoding="utf-8")

    async def scenario() -> dict[str, list[str]]:
        async with Session(folder) as session:
            found = {}
            for name in ("articles/stalin.md", "articles/drafts/draft.md", "articles/own/own.md"):
                uri = session.open(name)
                found[name] = codes(await session.diagnostics(uri))
            return found

    found = asyncio.run(scenario())
    assert found == {
        "articles/stalin.md": ["CIT001", "FCT001"],
        "articles/drafts/draft.md": ["CIT001"],
        "articles/own/own.md": ["FCT001"],
    }
    for name, wanted in found.items():  # the CLI, run from the article's folder, agrees
        article = folder / name
        done = run_cli("check", "--format", "json", article.name, cwd=article.parent)
        assert sorted(d["code"] for d in json.loads(done.stdout)["diagnostics"]) == wanted, name
