"""Configuration: encyclint.toml (or .encyclint.toml), else ``[tool.encyclint]`` in pyproject.toml.

Every key is checked here, so that a typo is an error naming the file, line and key
rather than a setting silently ignored. The config file's folder is the project root
(without one, the git work tree's top, else the current folder): every configured path,
pattern and printed path is relative to it, whichever folder encyclint runs from.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from linter.errors import UserError

if TYPE_CHECKING:
    import tomllib

SEVERITIES = ("error", "warning", "info")
FAIL_ON = ("error", "warning", "info", "never")
SCOPES = ("sentence", "paragraph")
_KEYS = {
    "paths", "facts", "select", "ignore", "fail-on", "citation-scope", "severity",
    "per-file-ignores", "exclude", "max-article-mib", "wikidata-contact", "respect-gitignore",
    "precision",
}  # fmt: skip
PRECISIONS = ("written", "strict")
"""How a round number is read: to the last digit written (``10,000`` is 5,000–15,000), or
strictly, to within 5% of its value (9,500–10,500)."""


@dataclass(slots=True)
class Config:
    """Settings after the file is read; paths are relative to ``root``, the project root."""

    file: str | None = None
    root: str = field(default_factory=os.getcwd)
    """The project root, absolute: the config file's folder, else the git work tree's top."""
    paths: list[str] = field(default_factory=list)
    facts: list[str] | None = None
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    fail_on: str = "error"
    citation_scope: str = "sentence"
    severity: dict[str, str] = field(default_factory=dict)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    max_article_bytes: int = 16 * 1024 * 1024
    """A larger article is not read (INP001): time and memory stay bounded."""
    wikidata_contact: str | None = None
    """An e-mail address or URL for the User-Agent of `facts import wikidata` (Wikimedia's
    policy asks every client for one)."""
    respect_gitignore: bool = True
    precision: str = "written"

    def label(self, path: str) -> str:
        """How ``path`` is printed everywhere: relative to the root with forward slashes,
        or absolute when it lies outside the root."""
        absolute = os.path.abspath(path)  # folders resolved, as the root is; the file is not
        absolute = os.path.join(
            os.path.realpath(os.path.dirname(absolute)), os.path.basename(absolute)
        )
        if not inside(absolute, self.root):
            return absolute
        relative = absolute[len(self.root.rstrip(os.sep)) + 1 :]
        return relative.replace(os.sep, "/") or "."

    def ignored_for(self, label: str) -> list[str]:
        """Codes that per-file-ignores turn off for the file printed as ``label``."""
        if not self.per_file_ignores:
            return []
        from linter.selection import patterns

        return [
            code
            for pattern, ignored in self.per_file_ignores.items()
            if patterns([pattern]).match_file(label)
            for code in ignored
        ]


def inside(path: str, folder: str) -> bool:
    """Whether the absolute ``path`` is ``folder`` or lies below it."""
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


CONFIG_NAMES = ("encyclint.toml", ".encyclint.toml", "pyproject.toml")
"""Looked for in this order in each folder, as ruff does: its own file wins over pyproject."""


def find(start: str = ".") -> str | None:
    """The nearest config file upwards from ``start``, stopping at the git work tree's top.

    In one folder encyclint.toml wins over .encyclint.toml, which wins over a pyproject.toml
    with ``[tool.encyclint]`` (a pyproject.toml without it is not a config file).
    """
    folder = os.path.realpath(start)
    while True:
        for name in CONFIG_NAMES:
            candidate = os.path.join(folder, name)
            if not os.path.isfile(candidate):
                continue
            if name != "pyproject.toml" or "[tool.encyclint" in _read_text(candidate, "replace"):
                return candidate
        parent = os.path.dirname(folder)
        if os.path.exists(os.path.join(folder, ".git")) or parent == folder:
            return None
        folder = parent


def work_tree_top(start: str) -> str | None:
    """The nearest folder upwards from ``start`` that holds ``.git``: no git process needed."""
    folder = os.path.realpath(start)
    while True:
        if os.path.exists(os.path.join(folder, ".git")):
            return folder
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def default_root(start: str = ".") -> str:
    """The root without a config file: the git work tree's top, else ``start``."""
    return work_tree_top(start) or os.path.realpath(start)


MAX_CONFIG_BYTES = 16 * 1024 * 1024


def _read_text(path: str, errors: str = "strict") -> str:
    """A config file's text: a regular file of at most MAX_CONFIG_BYTES (or a UserError)."""
    from linter.files import read_regular

    data = read_regular(path, MAX_CONFIG_BYTES, "config file")
    try:
        return data.decode("utf-8", errors)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise UserError(f"not valid UTF-8 (byte {exc.start})", path=path, line=line) from None


def _line_of(text: str, key: str) -> int | None:
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip().strip('"')
        if stripped.startswith((key + " ", key + "=", key + '"', f'"{key}"')):
            return number
    return None


def _string_list(value: Any, key: str, error: Any) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise error(key, "must be a list of strings")
    return list(value)


def load(path: str | None, start: str = ".") -> Config:
    """Read the config file at ``path`` (or none: defaults rooted at the work tree's top
    above ``start``)."""
    if path is None:
        return Config(root=default_root(start))
    text = _read_text(path)
    import tomllib  # only with a config file: a one-article run without one saves its import

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise UserError(
            f"invalid TOML: {exc}", path=path, line=_toml_error_line(exc, text)
        ) from None
    except RecursionError:
        raise UserError("invalid TOML: nested too deeply", path=path) from None
    except ValueError as exc:  # an integer of more digits than Python converts
        raise UserError(f"invalid TOML: {exc}", path=path) from None
    in_pyproject = os.path.basename(path) == "pyproject.toml"
    if in_pyproject:
        tool = data.get("tool", {})
        data = tool.get("encyclint", {}) if isinstance(tool, dict) else {}
        if not isinstance(data, dict):
            raise UserError("[tool.encyclint] must be a table", path=path,
                            line=_line_of(text, "encyclint"))  # fmt: skip
    prefix = "[tool.encyclint] " if in_pyproject else ""

    def error(key: str, message: str) -> UserError:
        table, _, entry = key.partition(".")  # severity.FCT001: the line of FCT001
        line = (_line_of(text, entry) if entry else None) or _line_of(text, table)
        return UserError(f"{prefix}{key}: {message}", path=path, line=line)

    unknown = sorted(set(data) - _KEYS)
    if unknown:
        raise error(unknown[0], f"unknown key (known keys: {', '.join(sorted(_KEYS))})")
    config = Config(file=path, root=os.path.dirname(os.path.realpath(path)))
    config.paths = _string_list(data.get("paths", []), "paths", error)
    if "facts" in data:
        config.facts = _string_list(data["facts"], "facts", error)
    config.select = _codes(_string_list(data.get("select", []), "select", error), "select", error)
    config.ignore = _codes(_string_list(data.get("ignore", []), "ignore", error), "ignore", error)
    config.exclude = _string_list(data.get("exclude", []), "exclude", error)
    gitignore = data.get("respect-gitignore", True)
    if not isinstance(gitignore, bool):
        raise error("respect-gitignore", "must be true or false")
    config.respect_gitignore = gitignore
    config.precision = _choice(data.get("precision", "written"), PRECISIONS, "precision", error)
    config.fail_on = _choice(data.get("fail-on", "error"), FAIL_ON, "fail-on", error)
    config.citation_scope = _choice(
        data.get("citation-scope", "sentence"), SCOPES, "citation-scope", error
    )
    if "max-article-mib" in data:
        size = data["max-article-mib"]
        if isinstance(size, bool) or not isinstance(size, int | float) or not 0 < size <= 4096:
            raise error("max-article-mib", f"{size!r} is not a size in MiB (above 0, at most 4096)")
        config.max_article_bytes = int(size * 1024 * 1024)
    severity = data.get("severity", {})
    if not isinstance(severity, dict):
        raise error("severity", "must be a table of CODE = severity")
    for code, level in severity.items():
        (known,) = _codes([code], f"severity.{code}", error)
        config.severity[known] = _choice(level, SEVERITIES, f"severity.{code}", error)
    ignores = data.get("per-file-ignores", {})
    if not isinstance(ignores, dict):
        raise error("per-file-ignores", 'must be a table of "glob" = [codes]')
    for pattern, codes in ignores.items():
        listed = _string_list(codes, f"per-file-ignores.{pattern}", error)
        config.per_file_ignores[pattern] = _codes(listed, f"per-file-ignores.{pattern}", error)
    contact = data.get("wikidata-contact")
    if contact is not None and (not isinstance(contact, str) or not contact.strip()):
        raise error("wikidata-contact", "must be an e-mail address or URL")
    config.wikidata_contact = contact.strip() if contact else None
    return config


def _toml_error_line(error: tomllib.TOMLDecodeError, text: str) -> int:
    """The line tomllib names in its message (Python 3.11 has no attribute for it)."""
    found = re.search(r"line (\d+)", str(error))
    if found:
        return int(found.group(1))
    return max(1, len(text.splitlines()))  # "at end of document"


def _codes(given: list[str], key: str, error: Any) -> list[str]:
    """Codes, prefixes or rule names (``unverified-claim``), as codes; one that names no rule
    is refused (as ``--select`` does): a typo must not silently leave a rule at its default
    severity or unignored."""
    from linter.registry import code_for, rules

    known = rules()
    codes = [code_for(code) for code in given]
    for written, code in zip(given, codes, strict=True):
        if not any(name.startswith(code) for name in known):
            raise error(
                key, f"unknown rule code, prefix or name {written!r} (see `encyclint rules`)"
            )
    return codes


def _choice(value: Any, choices: tuple[str, ...], key: str, error: Any) -> str:
    if value not in choices:
        raise error(key, f"{value!r} is not one of {', '.join(choices)}")
    return str(value)


def resolve(config: Config, relative: str) -> str:
    """A path from the config file (relative to the root), made absolute."""
    return os.path.normpath(os.path.join(config.root, relative))
