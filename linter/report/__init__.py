"""``audit --html DIR``: a report folder that opens from disk and can be published as it is.

``DIR/index.html`` steers the corpus (totals, charts, a sortable and filterable table of
articles, corpus findings grouped by fact, trends against an earlier ``audit --json``);
``DIR/pages/*.html`` shows one article rendered, its claims and findings marked. Shared
CSS and JavaScript sit beside them; nothing is fetched from the network. Pages are written
as results arrive (see :class:`ReportWriter`), so the audit need not hold the articles.
"""

from __future__ import annotations

from linter.report.writer import ReportWriter

__all__ = ["ReportWriter"]
