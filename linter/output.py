"""Writing reports: to a temporary file beside the target, then renamed, so never half-written."""

from __future__ import annotations

import os
from collections.abc import Iterable

from linter.errors import UserError


def create_temporary(folder: str, prefix: str, mode: int = 0o666) -> tuple[int, str]:
    """A new file in ``folder`` that no one else has opened, as ``tempfile.mkstemp`` makes
    one but without its import, which costs a one-article run 5 ms. ``mode`` is narrowed
    by the umask, as for any new file."""
    while True:
        name = os.path.join(folder, prefix + os.urandom(8).hex())
        try:
            return os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode), name
        except FileExistsError:
            continue


def write_atomic(path: str, text: str | Iterable[str]) -> None:
    """Write ``text`` (or a stream of pieces) to ``path``: all of it, or nothing.

    A path that is not a regular file (``/dev/null``, a pipe) is written to as it is: to
    rename a file over it would replace the device itself.
    """
    if os.path.exists(path) and not os.path.isfile(path):
        try:
            with open(path, "w", encoding="utf-8") as stream:
                stream.writelines([text] if isinstance(text, str) else text)
        except OSError as exc:
            raise UserError(f"cannot write: {exc.strerror}", path=path) from None
        return
    folder = os.path.dirname(os.path.abspath(path))
    try:
        handle, temporary = create_temporary(folder, ".encyclint-")
    except OSError as exc:
        raise UserError(f"cannot write: {exc.strerror}", path=path) from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            if isinstance(text, str):
                stream.write(text)
            else:
                stream.writelines(text)
        os.replace(temporary, path)
    except BaseException as exc:
        os.unlink(temporary)  # a failure half-way (an error, Ctrl-C) leaves the old file as it was
        if isinstance(exc, OSError):
            raise UserError(f"cannot write: {exc.strerror}", path=path) from None
        raise


def write_atomic_bytes(path: str, data: bytes, mode: int = 0o666) -> None:
    """Replace ``path`` with ``data`` all at once (a fixed article), with permission ``mode``."""
    folder = os.path.dirname(os.path.abspath(path))
    try:
        handle, temporary = create_temporary(folder, ".encyclint-", mode)
    except OSError as exc:
        raise UserError(f"cannot write: {exc.strerror}", path=path) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException as exc:
        os.unlink(temporary)
        if isinstance(exc, OSError):
            raise UserError(f"cannot write: {exc.strerror}", path=path) from None
        raise
