"""The one exception type for a user's mistake: it becomes one line on stderr and exit 2."""

from __future__ import annotations


class UserError(Exception):
    """Bad input, configuration or arguments; the message names the file and line where known."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None) -> None:
        self.path = path
        self.line = line
        self.detail = message
        where = ""
        if path is not None:
            where = f"{path}:{line}: " if line is not None else f"{path}: "
        super().__init__(f"{where}{message}")
