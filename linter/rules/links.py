"""LNK: dead sources. The link checker (``encyclint links``, ``audit --links``) reports them."""

from __future__ import annotations

from collections.abc import Iterator

from linter.diagnostic import Finding
from linter.registry import rule


@rule(code="LNK001", name="dead-link", severity="warning", scope="links")
def dead_link(ctx: object) -> Iterator[Finding]:
    """Dead link in a reference or fact-table source.

    ## What it does
    Checks every http(s) URL of the articles' reference definitions and the fact
    tables' sources: HEAD, then GET where HEAD is refused, redirects followed. A URL is
    dead on a 4xx answer, a 5xx answer that persists after retries, a host that cannot
    be found, a time-out, a redirect loop or too many redirects.

    ## Why is this bad?
    A source the reader cannot open supports nothing. Dead links are also the first
    sign that a cited page was moved or withdrawn.

    ## Example
    ```markdown
    1. "Treaty text". <https://example.org/treaty-1950.html>   (answers 404)
    ```
    """
    return iter(())


@rule(code="LNK002", name="moved-link", severity="info", scope="links")
def moved_link(ctx: object) -> Iterator[Finding]:
    """Link permanently redirected.

    ## What it does
    Reports a URL that answers with a permanent redirect (301 or 308, through any chain
    of permanent redirects) to a page that works, and names the new address.

    ## Why is this bad?
    Permanent redirects break sooner or later; citing the final address keeps the
    reference working and shows readers where the source lives now.

    ## Example
    ```markdown
    1. <http://example.org/old>   (301 to https://example.org/new: cite that)
    ```
    """
    return iter(())


@rule(code="LNK003", name="unchecked-link", severity="info", scope="links")
def unchecked_link(ctx: object) -> Iterator[Finding]:
    """Link not checked this run.

    ## What it does
    Reports a URL the link checker could not get an answer about, and why: its host
    answered 429 asking to wait longer than `links` waits (the host is then not asked again
    in the run), the run's `--deadline` passed first, or the network is unreachable (no
    name resolved and no host answered). Such a URL is neither reported dead nor cached.

    ## Why is this bad?
    It is not bad in itself: the link may be fine. But a run that checked none of a
    host's links must not pass for one that found them all alive.

    ## Example
    ```text
    a.md:7:4: LNK003 https://example.org/x not checked: example.org is rate-limiting (HTTP 429, Retry-After 3600 s); not asked again this run
    ```
    """
    return iter(())
