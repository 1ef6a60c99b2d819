"""The report folder: each file written atomically, nothing left over from an earlier run."""

from __future__ import annotations

import contextlib
import os

from linter.errors import UserError
from linter.output import write_atomic

MANIFEST = ".encyclint-report"
"""Lists the files the last run wrote, so the next one removes what it no longer writes."""


class ReportFolder:
    def __init__(self, path: str) -> None:
        self.path = path
        self.written: set[str] = set()
        self.previous = self._claim()

    def _claim(self) -> set[str]:
        """Create the folder, or take over one an earlier report wrote; never another's."""
        try:
            os.makedirs(os.path.join(self.path, "pages"), exist_ok=True)
        except OSError as exc:
            raise UserError(
                f"cannot create the report folder: {exc.strerror}", path=self.path
            ) from None
        manifest = os.path.join(self.path, MANIFEST)
        if os.path.isfile(manifest):
            with open(manifest, encoding="utf-8") as stream:
                return {line for line in stream.read().splitlines() if line}
        others = [n for n in os.listdir(self.path) if n != "pages"]
        if others or os.listdir(os.path.join(self.path, "pages")):
            raise UserError(
                "not an encyclint report folder and not empty: choose an empty or new folder",
                path=self.path,
            )
        return set()

    def write(self, name: str, text: str) -> None:
        """Write ``name`` (relative, with forward slashes) in the folder, all or nothing."""
        write_atomic(os.path.join(self.path, *name.split("/")), text)
        self.written.add(name)

    def finish(self) -> None:
        """Remove the earlier run's files this run did not write, then record this run's."""
        for name in sorted(self.previous - self.written):
            if ".." in name.split("/"):
                continue
            with contextlib.suppress(FileNotFoundError):
                os.unlink(os.path.join(self.path, *name.split("/")))
        write_atomic(
            os.path.join(self.path, MANIFEST), "".join(f"{n}\n" for n in sorted(self.written))
        )
