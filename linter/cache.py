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
from pathlib import Path
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

    package = Path(__file__).parent
    stats = []
    for module in sorted(package.rglob("*.py")):
        info = module.stat()
        stats.append(f"{module.relative_to(package)}:{info.st_size}:{info.st_mtime_ns}")
    return digest(__version__, *stats)


def _user_key() -> bytes | None:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    path = Path(base) / "encyclint" / "key"
    try:
        return path.read_bytes()
    except FileNotFoundError:
        pass
    except OSError:
        return None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = create_temporary(str(path.parent), ".tmp-", 0o600)
        with os.fdopen(handle, "wb") as stream:
            stream.write(os.urandom(32))
        with contextlib.suppress(FileExistsError):
            os.link(temporary, path)  # the first process to get here sets the key
        os.unlink(temporary)
        return path.read_bytes()
    except OSError:
        return None


def ensure_folder(folder: Path) -> None:
    """Create the cache folder with a ``.gitignore`` of ``*`` in it, as .pytest_cache has:
    git then ignores the folder without anyone editing the project's .gitignore."""
    if not folder.is_dir():
        folder.mkdir(parents=True, exist_ok=True)
        (folder / ".gitignore").write_text("# Created by encyclint.\n*\n")


class Cache:
    """A folder of signed pickles; every failure is a miss, never an error."""

    def __init__(self, folder: str) -> None:
        self.folder = Path(folder)
        self._key: bytes | bool | None = False

    @property
    def key(self) -> bytes | None:
        if self._key is False:
            self._key = _user_key()
        return self._key  # type: ignore[return-value]

    def _path(self, kind: str, name: str) -> Path:
        return self.folder / kind / name[:2] / name

    def get(self, kind: str, name: str) -> Any:
        key = self.key
        if key is None:
            return None
        try:
            data = self._path(kind, name).read_bytes()
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
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = create_temporary(str(path.parent), ".tmp-", 0o600)
        except (OSError, pickle.PicklingError):
            return
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(hmac.digest(key, payload, "sha256") + payload)
            os.replace(temporary, path)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
