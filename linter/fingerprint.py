"""Finding identities that survive edits elsewhere in the file.

A finding is keyed by its path, code, section and normalised text (the marker label
or the claim), never its line; identical keys in one file are told apart by their
order. Baselines and SARIF ``partialFingerprints`` both use these keys, so an alert
keeps its identity when lines above it move.
"""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from linter.diagnostic import Diagnostic


def normalised_path(path: str) -> str:
    """The path relative to the current folder, with forward slashes."""
    try:
        relative = os.path.relpath(os.path.abspath(path))
    except ValueError:
        relative = path
    return Path(relative).as_posix()


def key(diagnostic: Diagnostic) -> tuple[str, str, str, str]:
    text = " ".join((diagnostic.fingerprint or diagnostic.message).split()).lower()
    return (normalised_path(diagnostic.path), diagnostic.code, diagnostic.section, text)


def keyed(
    diagnostics: Iterable[Diagnostic],
) -> Iterator[tuple[tuple[str, str, str, str], int, Diagnostic]]:
    """Each diagnostic with its key and its occurrence number among equal keys."""
    seen: Counter[tuple[str, str, str, str]] = Counter()
    for diagnostic in diagnostics:
        identity = key(diagnostic)
        seen[identity] += 1
        yield identity, seen[identity], diagnostic


def digest(identity: tuple[str, str, str, str], occurrence: int) -> str:
    text = "\x1f".join((*identity, str(occurrence)))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]
