"""An on-disk cache for compiled knowledge bases and per-article results.

Entries live in ``.encyclint_cache/`` (safe to delete, ignored by git), one file each,
named by a hash of everything the entry depends on, so an entry is never stale: it
is simply not found. Files are written to a temporary name and renamed, so two
processes sharing the cache never see half an entry.

Entries are pickles, and a pickle can run code when loaded; a cache folder could come
from someone else (a checked-in folder, a shared disk). So each entry is signed with
a key that lives in the user's own cache folder (``~/.cache/encyclint/key``, mode 0600),
bound to the entry's name, and an entry whose signature does not verify is ignored. A
repository can also commit links (``.encyclint_cache`` itself, or a folder in it) that
would send writes outside it: files are opened without following links, and a cache
folder encyclint did not create is not used at all.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import hmac
import os
import pickle
import stat
from typing import Any

from linter.output import create_temporary

FOLDER = ".encyclint_cache"
_SIGNATURE = 32


def digest(*parts: bytes | str) -> str:
    """A hex digest of the parts, each length-prefixed so that no two lists collide."""
    hasher = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "little"))
        hasher.update(data)
    return hasher.hexdigest()


@functools.cache
def code_version() -> str:
    """The version, and the size and time of every module: an edited encyclint (a developer's
    checkout) must not reuse results the old code computed."""
    from linter import __version__

    package = os.path.dirname(os.path.abspath(__file__))
    stats = []
    for folder, _, files in os.walk(package):
        for name in files:
            if name.endswith(".py"):
                info = os.stat(os.path.join(folder, name))
                relative = os.path.relpath(os.path.join(folder, name), package)
                stats.append(f"{relative}:{info.st_size}:{info.st_mtime_ns}")
    return digest(__version__, *sorted(stats))


def _user_key() -> bytes | None:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    path = os.path.join(base, "encyclint", "key")
    try:
        return _read(path)
    except FileNotFoundError:
        pass
    except OSError:
        return None
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        handle, temporary = create_temporary(os.path.dirname(path), ".tmp-", 0o600)
        with os.fdopen(handle, "wb") as stream:
            stream.write(os.urandom(32))
        with contextlib.suppress(FileExistsError):
            os.link(temporary, path)  # the first process to get here sets the key
        os.unlink(temporary)
        return _read(path)
    except OSError:
        return None


def _read(path: str) -> bytes:
    """A regular file's bytes, never through a symbolic link and never blocking."""
    handle = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode):
            raise OSError(f"{path}: not a regular file")
        # One read asking a byte more than fstat's size: getting exactly that size is the
        # end, so a warm run reads each entry with one call, not two.
        data = os.read(handle, info.st_size + 1)
        if len(data) == info.st_size:
            return data
        chunks = [data]  # changed since fstat: read on to the end
        while chunk := os.read(handle, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(handle)


def _write_all(handle: int, data: bytes) -> None:
    """Write to a descriptor as it is: a file object around it would cost an fstat and an
    object per entry, a thousand of each in a cold run."""
    view = memoryview(data)
    while view:
        view = view[os.write(handle, view) :]


_OWNER = ".encyclint-owner"
"""In the cache folder: a signature of the folder's identity (device, inode, user) with the
user's key. A repository can commit a folder of that name, even one with this file, but
cannot sign its checked-out copy: so a folder encyclint did not create is not trusted."""


def _owner_mark(key: bytes, info: os.stat_result) -> bytes:
    identity = f"{info.st_dev}:{info.st_ino}:{info.st_uid}".encode()
    return hmac.digest(key, b"encyclint cache folder " + identity, "sha256").hex().encode()


def _is_folder(info: os.stat_result) -> bool:
    return stat.S_ISDIR(info.st_mode) and info.st_uid == os.geteuid()


def _own_folder(folder: str, key: bytes) -> str | None:
    """Create the cache folder if missing; None if it is ours, else why it is not used.

    It is made under a temporary name with its ``.gitignore`` of ``*`` (as .pytest_cache
    has: git ignores it without anyone editing the project's .gitignore) and its owner
    mark, then renamed: a process racing this one sees a whole folder or none.
    """
    try:
        info = os.lstat(folder)
    except FileNotFoundError:
        created = _create_folder(folder, key)
        if created is None:
            return "cannot be created"
        info = created
    except OSError as exc:
        return f"cannot be read ({exc.strerror})"
    if stat.S_ISLNK(info.st_mode):
        return "is a symbolic link"
    if not _is_folder(info):
        return "is not a folder of yours"
    try:
        mark = _read(os.path.join(folder, _OWNER))
    except OSError:
        mark = b""
    if not hmac.compare_digest(mark, _owner_mark(key, info)):
        return "was not created by encyclint here"
    return None


def _create_folder(folder: str, key: bytes) -> os.stat_result | None:
    temporary = f"{folder}.tmp-{os.urandom(6).hex()}"
    try:
        os.mkdir(temporary, 0o700)
        info = os.lstat(temporary)
        for name, data in ((".gitignore", b"# Created by encyclint.\n*\n"),
                           (_OWNER, _owner_mark(key, info))):  # fmt: skip
            handle = os.open(os.path.join(temporary, name),
                             os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)  # fmt: skip
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
        os.rename(temporary, folder)
    except OSError:
        import shutil  # only here: its import (lzma, bz2) costs a one-article run 2 ms

        shutil.rmtree(temporary, ignore_errors=True)  # another process made it first: use that
        try:
            return os.lstat(folder)
        except OSError:
            return None
    return info


def _subfolder(path: str) -> bool:
    """Make ``path`` a folder (if missing) and say whether it is a real folder of ours, not a
    link that would send writes elsewhere."""
    with contextlib.suppress(FileExistsError):
        os.mkdir(path, 0o700)
    return _is_folder(os.lstat(path))


class Cache:
    """A folder of signed pickles; every failure is a miss, never an error.

    The folder must be one encyclint created for this user (see ``_own_folder``); any
    other (a link, a file, a folder from a repository or a copy) is left alone: nothing is
    read from it or written into it, and ``refusal`` says why.
    """

    def __init__(self, folder: str) -> None:
        self.folder = folder
        self._key: bytes | bool | None = False
        self._refusal: str | bool | None = False
        self._folders: set[str] = set()
        """Entry folders already made and checked (real folders of ours) in this process:
        a cold run writes a thousand entries into 256 folders, each checked once."""

    @property
    def key(self) -> bytes | None:
        if self._key is False:
            self._key = _user_key()
        return self._key  # type: ignore[return-value]

    @property
    def refusal(self) -> str | None:
        """None when the folder can be used, else why not (asked once, then remembered)."""
        if self._refusal is False:
            key = self.key
            self._refusal = (
                "has no key to sign with" if key is None else _own_folder(self.folder, key)
            )
        return self._refusal  # type: ignore[return-value]

    def _path(self, kind: str, name: str) -> str:
        return os.path.join(self.folder, kind, name[:2], name)

    @staticmethod
    def _sign(key: bytes, kind: str, name: str, payload: bytes) -> bytes:
        """Bound to the entry's kind and name: an entry copied under another name is a miss."""
        return hmac.digest(key, digest(kind, name).encode() + payload, "sha256")

    def get(self, kind: str, name: str) -> Any:
        key = self.key
        if key is None or self.refusal is not None:
            return None
        try:
            data = _read(self._path(kind, name))
        except OSError:
            return None
        signature, payload = data[:_SIGNATURE], data[_SIGNATURE:]
        if not hmac.compare_digest(signature, self._sign(key, kind, name, payload)):
            return None
        try:
            return pickle.loads(payload)
        except Exception:  # a damaged entry is a miss
            return None

    def put(self, kind: str, name: str, value: Any) -> None:
        key = self.key
        if key is None or self.refusal is not None:
            return
        path = self._path(kind, name)
        try:
            payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
            folder = os.path.dirname(path)
            if folder not in self._folders:
                if not (_subfolder(os.path.dirname(folder)) and _subfolder(folder)):
                    return
                self._folders.add(folder)
            handle, temporary = create_temporary(folder, ".tmp-", 0o600)
        except (OSError, pickle.PicklingError):
            self._folders.discard(os.path.dirname(path))  # gone (deleted?): check it again
            return
        try:
            try:
                _write_all(handle, self._sign(key, kind, name, payload) + payload)
            finally:
                os.close(handle)
            os.replace(temporary, path)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
