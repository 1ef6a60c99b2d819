"""The language server (``encyclint lsp``): the CLI's checks on the editor's unsaved text.

Needs the ``lsp`` extra (pygls, lsprotocol); nothing outside this package imports them.
"""
