"""INP: files that cannot be checked. The engine reports them; this entry documents them."""

from __future__ import annotations

from collections.abc import Iterator

from linter.diagnostic import Finding
from linter.registry import rule


@rule(code="INP001", name="unreadable-input", severity="error", scope="input")
def unreadable_input(ctx: object) -> Iterator[Finding]:
    """File could not be checked.

    ## What it does
    Reports, at the file (and the line, where one is to blame), every file that could not
    be checked: not valid UTF-8 or UTF-16, blockquotes or lists nested too deeply, not a
    regular file (a FIFO, a socket, a device, a dangling or looping link), unreadable,
    larger than `max-article-mib`, or checked by a worker process that died. Every other
    file is still checked and reported; the run exits 2 at the end. `--select`,
    `--ignore`, per-file ignores, suppression comments and baselines never hide it.

    ## Why is this bad?
    A file that was not checked has no findings, which looks the same as a clean file.
    A CI check must not pass because an article could not be read.

    ## Example
    ```text
    articles/latin1.md:3:1: INP001 not valid UTF-8 (byte 211); save the file as UTF-8
    articles/pipe.md:1:1: INP001 cannot read: a named pipe (FIFO), not a file
    ```
    """
    return iter(())
