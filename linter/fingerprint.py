"""Finding identities that survive edits elsewhere in the file.

A finding is keyed by its path, code, section and normalised text (the marker label
or the claim), never its line; identical keys in one file are told apart by their
order. Baselines and SARIF ``partialFingerprints`` both use these keys, so an alert
keeps its identity when lines above it move.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Iterator

from linter.diagnostic import Diagnostic


def key(diagnostic: Diagnostic) -> tuple[str, str, str, str]:
    """Paths are already relative to the project root (see ``Config.label``), so a key is
    the same whichever folder encyclint runs from."""
    text = " ".join((diagnostic.fingerprint or diagnostic.message).split()).lower()
    return (diagnostic.path, diagnostic.code, diagnostic.section, text)


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
