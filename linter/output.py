"""Writing reports: to a temporary file beside the target, then renamed, so never half-written."""

from __future__ import annotations

import os
import tempfile

from linter.errors import UserError


def write_atomic(path: str, text: str) -> None:
    folder = os.path.dirname(os.path.abspath(path))
    try:
        handle, temporary = tempfile.mkstemp(prefix=".encyclint-", dir=folder)
    except OSError as exc:
        raise UserError(f"cannot write: {exc.strerror}", path=path) from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp's 0600 is not what a report wants
        os.replace(temporary, path)
    except OSError as exc:
        os.unlink(temporary)
        raise UserError(f"cannot write: {exc.strerror}", path=path) from None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
