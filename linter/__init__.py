"""encyclint: a linter for the facts and citations of encyclopedia articles."""

__version__ = "0.1.0"
