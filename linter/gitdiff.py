"""``--diff REF``: the findings a change introduced, not those on the lines it touched.

The base side is the merge base of REF and HEAD, read with ``git archive`` into a
temporary folder (the user's work tree is never touched) and checked there with the base
revision's own config, fact tables and articles. A finding is introduced when its
baseline key (path, code, section, text; see fingerprint.py) is absent at the base, so a
fact edit that breaks an untouched article is reported, and a finding that was already
there is not reported again because its line was edited. Paths are root-relative on both
sides, so the keys compare, and the result cache serves every unchanged article.
"""

from __future__ import annotations

import os
import subprocess
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import click

from linter import config as config_module
from linter.engine import UNREADABLE, ArticleResult, Settings
from linter.errors import UserError
from linter.fingerprint import key

Keys = Counter[tuple[str, str, str, str]]


def git(args: Sequence[str], cwd: str, what: str) -> subprocess.CompletedProcess[bytes]:
    """Run git; ``what`` names the step in the error when git is missing."""
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except FileNotFoundError:
        raise UserError(f"--diff needs git to {what}, and git is not installed") from None


def _text(completed: subprocess.CompletedProcess[bytes]) -> str:
    return completed.stdout.decode("utf-8", "replace").strip()


def merge_base(ref: str, top: str) -> str:
    """The merge base of ``ref`` and HEAD, or a UserError saying what to do."""
    found = git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}"],
                top, "read the ref")  # fmt: skip
    if found.returncode != 0:
        raise UserError(
            f"--diff: unknown revision {ref!r}: no branch, tag or commit of that name here "
            f"(in CI, fetch it first: git fetch origin <branch>, then use origin/<branch>)"
        )
    base = git(["merge-base", _text(found), "HEAD"], top, "find the merge base")
    if base.returncode == 0:
        return _text(base)
    shallow = _text(git(["rev-parse", "--is-shallow-repository"], top, "read the clone"))
    if shallow == "true":
        raise UserError(
            f"--diff: {ref!r} and HEAD have no merge base in this shallow clone: fetch the "
            "history (git fetch --unshallow, or actions/checkout with fetch-depth: 0)"
        )
    raise UserError(f"--diff: {ref!r} and HEAD share no history (git merge-base found none)")


def work_tree(root: str) -> str:
    found = git(["rev-parse", "--show-toplevel"], root, "find the repository")
    if found.returncode != 0:
        raise UserError(f"--diff: the project root {root} is not inside a git repository")
    return os.path.realpath(_text(found))


class Introduced:
    """The base side's finding keys, computed at once, so that a bad ref fails before output."""

    def __init__(
        self,
        ref: str,
        settings: Settings,
        paths: Sequence[str],
        *,
        tables: Sequence[str],
        options: dict[str, Any],
        jobs: int,
    ) -> None:
        root = settings.config.root
        self.top = top = work_tree(root)
        given = [os.path.realpath(p) for p in (*paths, *tables)]
        for original, path in zip((*paths, *tables), given, strict=True):
            if not config_module.inside(path, top):
                raise UserError(f"--diff: outside the git repository at {top}", path=original)
        self.base = merge_base(ref, top)
        import tempfile

        with tempfile.TemporaryDirectory(prefix="encyclint-base-") as folder:
            self.keys = self._base_keys(folder, settings, paths, tables, options, jobs)

    def _export(self, folder: str, wanted: Sequence[str]) -> bool:
        """Write the base revision's files under ``wanted`` (relative to the top) to ``folder``."""
        import io
        import tarfile

        archive = git(["archive", "--format=tar", self.base, "--", *wanted], self.top, "export")
        if archive.returncode != 0:
            return False  # none of them existed at the base: nothing was there to report
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(folder, filter="data")
        return True

    def _base_keys(
        self,
        folder: str,
        settings: Settings,
        paths: Sequence[str],
        tables: Sequence[str],
        options: dict[str, Any],
        jobs: int,
    ) -> Keys:
        from linter import engine
        from linter.cli.options import article_files, build_settings, fact_paths

        config = settings.config
        top = self.top

        def there(path: str) -> str:
            return os.path.join(folder, os.path.relpath(os.path.realpath(path), top))

        outside = [t for t in tables if not config_module.inside(os.path.realpath(t), config.root)]
        wanted = [os.path.relpath(p, top) for p in (config.root, *outside)]
        if not self._export(folder, [w.replace(os.sep, "/") for w in wanted]):
            return Counter()
        base_root = there(config.root)
        os.makedirs(base_root, exist_ok=True)
        base_file = there(config.file) if config.file else None
        base_tables = [there(t) for t in tables if os.path.exists(there(t))]
        try:
            if base_file is not None and os.path.isfile(base_file):
                base_config = config_module.load(base_file)  # the base revision's own config
            else:
                base_config = config_module.Config(root=os.path.realpath(base_root))
            from linter.facts.knowledge import load

            def tables_through_cache(found: list[str]) -> Any:  # the project's cache, not one
                return load(found, settings.cache, base_config.label)  # in the temporary copy

            base = build_settings(
                base_config, facts=base_tables, load_facts=tables_through_cache, **options
            )
            base.cache = settings.cache
            base.keep_claims = False
            base_paths = [there(p) for p in paths if os.path.exists(there(p))]
            if paths and not base_paths:
                return Counter()
            files = article_files(base_config, base_paths, fact_paths(base_config, base_tables))
            results = engine.lint_files(files, base, jobs)
            return Counter(  # a file unreadable now is reported whatever it was at the base
                key(d) for result in results for d in result.diagnostics if d.code != UNREADABLE
            )
        except UserError as error:
            click.echo(
                f"encyclint: warning: --diff: the base revision {self.base[:12]} cannot be "
                f"checked ({error.detail}); every finding counts as introduced",
                err=True,
            )
            return Counter()

    def only_new(self, results: Iterable[ArticleResult]) -> Iterator[ArticleResult]:
        """The results without the findings the base side already had."""
        from linter.baseline import subtract

        return subtract(results, self.keys)
