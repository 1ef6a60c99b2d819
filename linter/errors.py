"""A user's mistake (one line on stderr, exit 2) and a bug (an internal error, exit 2)."""

from __future__ import annotations


class UserError(Exception):
    """Bad input, configuration or arguments; the message names the file and line where known."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None) -> None:
        self.line = line
        self.detail = message
        where = ""
        if path is not None:
            from linter.escape import display_path

            path = display_path(path)
            where = f"{path}:{line}: " if line is not None else f"{path}: "
        self.path = path
        super().__init__(f"{where}{message}")


class InternalError(Exception):
    """An unexpected failure (a bug), with the file being processed when it happened, and
    what and where it was as text: it crosses from a worker process as a pickle, which
    keeps no exception chain."""

    def __init__(self, path: str, summary: str, traceback: str) -> None:
        super().__init__(path, summary, traceback)
        self.path = path
        self.summary = summary
        self.traceback = traceback

    @classmethod
    def of(cls, path: str, error: BaseException) -> InternalError:
        import traceback

        text = "".join(traceback.format_exception(error)).rstrip()
        return cls(path, f"{type(error).__name__}: {error}", text)
