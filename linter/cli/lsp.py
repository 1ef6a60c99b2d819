"""`encyclint lsp`: the language server over standard input and output (extra: lsp)."""

from __future__ import annotations

import sys

import click

from linter.cli import main

INSTALL_HINT = (
    "encyclint: error: the language server needs the lsp extra (pygls, lsprotocol): "
    "pip install 'encyclint[lsp]'"
)


@main.command(name="lsp")
@click.option("--stdio", is_flag=True, help="Talk over standard input and output (the default).")
def lsp_command(stdio: bool) -> None:
    """Language server: the checks of `check` on the editor's unsaved text, as it is typed."""
    try:
        import lsprotocol  # noqa: F401
        import pygls  # noqa: F401
    except ImportError:
        click.echo(INSTALL_HINT, err=True)
        sys.exit(2)
    from linter.lsp.server import run

    run()
