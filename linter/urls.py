"""Whether a URL can be fetched at all: one check for the link checker and the fact tables."""

from __future__ import annotations

from urllib.parse import urlsplit


def url_problem(url: str) -> str | None:
    """Why ``url`` is not a valid http(s) URL (``http://[oops/x``, a bad port, no host), or
    None. Other schemes are not this module's business: they are valid or skipped."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (a bad port raises only when asked for)
    except ValueError as exc:
        return f"invalid URL: {exc}"
    if parts.scheme.lower() in ("http", "https") and not parts.hostname:
        return "invalid URL: no host"
    return None
