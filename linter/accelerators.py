"""Optional accelerators: compiled code used where it is installed, pure Python elsewhere.

Most hook users install from source on machines without a compiler, so every accelerator
has a pure-Python path that gives the same results, and that path is the one to trust.
``ENCYCLINT_PURE_PYTHON=1`` turns every accelerator off, so that tests and benchmarks can
run both paths on one machine.
"""

from __future__ import annotations

import os
from importlib import import_module
from types import ModuleType

PURE_PYTHON_ENV = "ENCYCLINT_PURE_PYTHON"


def allowed() -> bool:
    """Whether accelerators may be used at all (not when ``ENCYCLINT_PURE_PYTHON`` is set)."""
    return os.environ.get(PURE_PYTHON_ENV, "").strip().lower() in ("", "0", "false", "no")


_MODULES = {"pyahocorasick": "linter.facts.automaton", "C anchor scan": "linter._anchors"}
"""Each accelerator by the name users know it by, and the module that fails to import
where it cannot be used (missing, or a build that does not count characters as str does)."""


def load(module: str) -> ModuleType | None:
    """An accelerator's module, or None where it is switched off, missing, or refuses the
    build it finds (its import fails)."""
    if not allowed():
        return None
    try:
        return import_module(module)
    except ImportError:
        return None


def in_use() -> list[str]:
    """The accelerators this process uses: importable, and not switched off."""
    return [name for name, module in _MODULES.items() if load(module) is not None]
