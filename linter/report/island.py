"""JSON data islands: data written once per page, read by the page's script."""

from __future__ import annotations

import json
from typing import Any


def island(element_id: str, data: Any) -> str:
    """A ``<script type="application/json">``; ``<`` is escaped so no text can close it."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    return f'<script type="application/json" id="{element_id}">{text}</script>'
