"""An on-disk cache for compiled knowledge bases and per-article results.

Entries live in ``.encyclint_cache/`` (safe to delete, ignored by git), one file each,
named by a hash of everything the entry depends on, so an entry is never stale: it
is simply not found. Files are written to a temporary name and renamed, so two
processes sharing the cache never see half an entry.

Entries are pickles, and a pickle can run code when loaded; a cache folder could come
from someone else (a checked-in folder, a shared disk). So each entry is signed with
a key that lives in the user's own cache folder (``~/.cache/encyclint/key``, mode 0600),
and an entry whose signature does not verify is ignored.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import hmac
import os
import pickle
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
    with open(path, "rb") as stream:
        return stream.read()


def ensure_folder(folder: str) -> None:
    """Create the cache folder with a ``.gitignore`` of ``*`` in it, as .pytest_cache has:
    git then ignores the folder without anyone editing the project's .gitignore."""
    if not os.path.isdir(folder):
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, ".gitignore"), "w", encoding="utf-8") as stream:
            stream.write("# Created by encyclint.\n*\n")


class Cache:
    """A folder of signed pickles; every failure is a miss, never an error."""

    def __init__(self, folder: str) -> None:
        self.folder = folder
        self._key: bytes | bool | None = False

    @property
    def key(self) -> bytes | None:
        if self._key is False:
            self._key = _user_key()
        return self._key  # type: ignore[return-value]

    def _path(self, kind: str, name: str) -> str:
        return os.path.join(self.folder, kind, name[:2], name)

    def get(self, kind: str, name: str) -> Any:
        key = self.key
        if key is None:
            return None
        try:
            data = _read(self._path(kind, name))
        except OSError:
            return None
        signature, payload = data[:_SIGNATURE], data[_SIGNATURE:]
        if not hmac.compare_digest(signature, hmac.digest(key, payload, "sha256")):
            return None
        try:
            return pickle.loads(payload)
        except Exception:  # a damaged entry is a miss
            return None

    def put(self, kind: str, name: str, value: Any) -> None:
        key = self.key
        if key is None:
            return
        path = self._path(kind, name)
        try:
            payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
            ensure_folder(self.folder)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            handle, temporary = create_temporary(os.path.dirname(path), ".tmp-", 0o600)
        except (OSError, pickle.PicklingError):
            return
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(hmac.digest(key, payload, "sha256") + payload)
            os.replace(temporary, path)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
