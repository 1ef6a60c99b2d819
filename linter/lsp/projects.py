"""Which settings check a document: the CLI's config discovery, from the document's folder.

A project is one config file (or none) with the Settings and fact tables the CLI would use
for a file below it. Projects are made on first use and dropped when a config file or a
fact table changes; the tables themselves stay parsed in LiveTables.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from linter import config as config_module
from linter.cli.options import build_settings
from linter.engine import Settings
from linter.errors import UserError
from linter.facts.knowledge import Fact, KnowledgeBase, Problem
from linter.lsp.tables import Built, LiveTables

CONFIG_NAMES = config_module.CONFIG_NAMES


@dataclass(slots=True)
class Project:
    """The settings for the documents under one config file, and its tables' state."""

    config_file: str | None
    settings: Settings
    table_files: tuple[str, ...] = ()
    problems: tuple[Problem, ...] = ()
    error: UserError | None = None
    """A config or fact-table path error: the documents are checked with the defaults."""
    _facts: dict[str, Fact] = field(default_factory=dict)

    def fact(self, fact_id: str) -> Fact | None:
        knowledge = self.settings.knowledge
        if knowledge is None:
            return None
        if not self._facts:
            self._facts = {fact.id: fact for fact in knowledge.facts}
        return self._facts.get(fact_id)


def _settings_for_server(settings: Settings) -> Settings:
    settings.keep_claims = True
    settings.keep_document = True
    return settings


class Projects:
    """Projects by config file, and the config file of each folder asked about."""

    def __init__(self, tables: LiveTables) -> None:
        self.tables = tables
        self._by_config: dict[str, Project] = {}
        self._config_of: dict[str, tuple[str | None, str]] = {}
        """Folder → its config file (None: none), and the project's key."""

    def for_document(self, path: str) -> tuple[Project, bool]:
        """The project of the document at ``path``, and whether it was made just now."""
        folder = os.path.dirname(os.path.abspath(path))
        if folder not in self._config_of:
            found = config_module.find(folder)
            # Without a config file, the project is the work tree (the CLI's default root).
            key = found if found is not None else "\0" + config_module.default_root(folder)
            self._config_of[folder] = (found, key)
        config_file, key = self._config_of[folder]
        project = self._by_config.get(key)
        if project is not None:
            return project, False
        project = self._open(config_file, folder)
        self._by_config[key] = project
        return project, True

    def forget(self, *, configs: bool) -> None:
        """Drop every project (a table changed); with ``configs``, config discovery too."""
        self._by_config.clear()
        if configs:
            self._config_of.clear()

    def _open(self, config_file: str | None, folder: str) -> Project:
        built: list[Built] = []

        def load_facts(paths: list[str]) -> KnowledgeBase:
            built.append(self.tables.build(paths))
            return built[-1].knowledge

        try:
            config = config_module.load(config_file, folder)
            settings = build_settings(config, facts=(), load_facts=load_facts)
        except UserError as error:
            return Project(config_file, _settings_for_server(Settings()), error=error)
        project = Project(config_file, _settings_for_server(settings))
        if built:
            project.table_files = built[-1].files
            project.problems = built[-1].problems
        return project
