"""Writing reports: to a temporary file beside the target, then renamed, so never half-written."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable

from linter.errors import UserError


def write_atomic(path: str, text: str | Iterable[str]) -> None:
    """Write ``text`` (or a stream of pieces) to ``path``: all of it, or nothing."""
    folder = os.path.dirname(os.path.abspath(path))
    try:
        handle, temporary = tempfile.mkstemp(prefix=".encyclint-", dir=folder)
    except OSError as exc:
        raise UserError(f"cannot write: {exc.strerror}", path=path) from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            if isinstance(text, str):
                stream.write(text)
            else:
                stream.writelines(text)
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp's 0600 is not what a report wants
        os.replace(temporary, path)
    except BaseException as exc:
        os.unlink(temporary)  # a failure half-way (an error, Ctrl-C) leaves the old file as it was
        if isinstance(exc, OSError):
            raise UserError(f"cannot write: {exc.strerror}", path=path) from None
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
