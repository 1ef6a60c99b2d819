"""Which files a run checks: the given or configured paths, less ``exclude`` and .gitignore.

Patterns have git's semantics (pathspec's gitignore matching, as black and ruff use):
``*`` stops at ``/``, ``**`` crosses it, a pattern with a slash is anchored at the root.
Every pattern is matched against a path relative to the project root, so ``articles``,
``./articles`` and the same folder reached from a subfolder select the same files.
pathspec is imported only here, when folders are walked or files filtered.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from linter.config import Config, inside, work_tree_top
from linter.errors import UserError

if TYPE_CHECKING:
    from pathspec import PathSpec


@functools.lru_cache(maxsize=256)
def _compiled(lines: tuple[str, ...]) -> PathSpec[Any]:
    from pathspec import GitIgnoreSpec

    return GitIgnoreSpec.from_lines(lines)


def patterns(lines: Sequence[str]) -> PathSpec[Any]:
    """Patterns with .gitignore semantics (compiled once per distinct list)."""
    return _compiled(tuple(line.removeprefix("./") for line in lines))


class GitIgnores:
    """The .gitignore files from the work tree's top down, read once per folder.

    A path's verdict is that of the last matching pattern, deeper files winning over
    shallower ones, as git decides; an ignored folder is not entered at all.
    """

    def __init__(self, root: str) -> None:
        self.top = work_tree_top(root) or root
        self._specs: dict[str, PathSpec[Any] | None] = {}
        exclude = os.path.join(self.top, ".git", "info", "exclude")
        self._info = patterns(_lines(exclude)) if os.path.isfile(exclude) else None

    def _spec(self, folder: str) -> PathSpec[Any] | None:
        if folder not in self._specs:
            path = os.path.join(folder, ".gitignore")
            self._specs[folder] = patterns(_lines(path)) if os.path.isfile(path) else None
        return self._specs[folder]

    def ignored(self, path: str, is_folder: bool) -> bool:
        """Whether git ignores ``path`` (absolute, under the top)."""
        relative = os.path.relpath(path, self.top)
        if relative.startswith(".."):
            return False
        parts = relative.split(os.sep)
        suffix = "/" if is_folder else ""
        verdict: bool | None = None
        if self._info is not None:
            verdict = self._info.check_file("/".join(parts) + suffix).include
        folder = self.top
        for depth in range(len(parts)):
            spec = self._spec(folder)
            if spec is not None:
                found = spec.check_file("/".join(parts[depth:]) + suffix).include
                verdict = found if found is not None else verdict
            folder = os.path.join(folder, parts[depth])
        return bool(verdict)


def _lines(path: str) -> list[str]:
    try:
        with open(path, encoding="utf-8", errors="replace") as stream:
            return stream.read().splitlines()
    except OSError:
        return []


def walk(folder: str, config: Config, gitignores: GitIgnores | None) -> list[str]:
    """The Markdown files below ``folder`` (sorted), without excluded or ignored ones.

    Hidden folders and links to folders are not entered.
    """
    excluded = patterns(config.exclude)
    found: list[str] = []
    for current, subfolders, names in os.walk(folder):
        kept = []
        for name in sorted(subfolders):
            path = os.path.join(current, name)
            if name.startswith(".") or excluded.match_file(config.label(path) + "/"):
                continue
            if gitignores is None or not gitignores.ignored(path, True):
                kept.append(name)
        subfolders[:] = kept
        for name in names:
            if not name.endswith(".md"):
                continue
            path = os.path.join(current, name)
            if excluded.match_file(config.label(path)):
                continue
            if gitignores is None or not gitignores.ignored(path, False):
                found.append(path)
    return sorted(found)


def selected(path: str, config: Config, within: Sequence[str]) -> bool:
    """Whether a file given by name belongs to the run under ``--force-exclude``: inside one
    of the paths ``within`` (absolute) and not excluded."""
    absolute = os.path.abspath(path)
    return any(inside(absolute, folder) for folder in within) and not (
        config.exclude and patterns(config.exclude).match_file(config.label(path))
    )


def files(
    paths: Sequence[str], config: Config, *, force_exclude: bool = False, within: Sequence[str] = ()
) -> list[str]:
    """Expand folders to their Markdown files; with ``force_exclude``, drop the given files
    that lie outside ``within`` or match ``exclude`` (as pre-commit passes every changed
    file). Absolute paths, in the order given, each once."""
    gitignores: GitIgnores | None = None  # built at the first folder: named files need none
    found: list[str] = []
    for given in paths:
        if os.path.isdir(given):
            if gitignores is None and config.respect_gitignore:
                gitignores = GitIgnores(config.root)
            folder = os.path.abspath(given)
            # A folder named on the command line is walked even when git ignores it (as
            # ruff does); what lies below a folder found by walking keeps git's verdict.
            named_ignored = gitignores is not None and gitignores.ignored(folder, True)
            below = walk(folder, config, None if named_ignored else gitignores)
            if not below and not force_exclude:
                raise UserError("folder holds no Markdown (*.md) files", path=given)
            found.extend(below)
        elif os.path.exists(given) or os.path.islink(given):
            if not force_exclude or selected(given, config, within):
                found.append(os.path.abspath(given))
        else:
            raise UserError("no such file or folder", path=given)
    return list(dict.fromkeys(found))
