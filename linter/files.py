"""Reading an input file safely: ``stat`` first, only regular files, never more than a limit.

A FIFO blocks ``open()`` forever, ``/dev/zero`` never ends, a 2 GiB file costs 2 GiB before
any size check: so the file is opened without blocking, checked with ``fstat`` (the file
actually opened, not the name, which could be swapped in between) and read to at most
``limit`` + 1 bytes.
"""

from __future__ import annotations

import os
import stat

from linter.errors import UserError

MIB = 1024 * 1024

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)
"""What a non-regular file is; any other kind is just "not a regular file"."""


def kind_of(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "a special file")


def size_text(size: int) -> str:
    return f"{size / MIB:.1f} MiB" if size >= MIB else f"{size:,} bytes"


def read_regular(path: str, limit: int, what: str = "file", hint: str = "") -> bytes:
    """The bytes of the regular file at ``path``, or a UserError saying why not (``hint``
    ends the message of a file over the limit)."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        dangling = os.path.islink(path)
        raise UserError("no such file (a dangling link)" if dangling else "no such file",
                        path=path) from None  # fmt: skip
    except OSError as exc:
        raise UserError(f"cannot read: {exc.strerror}", path=path) from None
    if not stat.S_ISREG(info.st_mode):
        raise UserError(f"cannot read: {kind_of(info.st_mode)}, not a regular file", path=path)
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as exc:
        raise UserError(f"cannot read: {exc.strerror}", path=path) from None
    try:
        opened = os.fstat(handle)
        if not stat.S_ISREG(opened.st_mode):
            raise UserError(
                f"cannot read: {kind_of(opened.st_mode)}, not a regular file", path=path
            )
        if opened.st_size > limit:
            raise _too_large(path, opened.st_size, limit, what, hint)
        chunks = []
        remaining = limit + 1
        while remaining > 0:
            chunk = os.read(handle, min(remaining, MIB))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
    except OSError as exc:
        raise UserError(f"cannot read: {exc.strerror}", path=path) from None
    finally:
        os.close(handle)
    data = b"".join(chunks)
    if len(data) > limit:  # it grew after the fstat
        raise _too_large(path, len(data), limit, what, hint)
    return data


def _too_large(path: str, size: int, limit: int, what: str, hint: str) -> UserError:
    message = f"{what} is {size_text(size)}, over the {size_text(limit)} limit"
    return UserError(f"{message}: {hint}" if hint else message, path=path)
