"""The research panel: targets and results across jurisdictions and years (issue 12).

``build_panel(documents)`` pairs every jurisdiction-year's targets with that year's results
from any mix of documents and judges them; ``write_panel`` writes the rows as CSV, Excel,
JSON or Parquet. The store keeps the rows (``store.replace_panel``) for the web pages.
"""

from planwatch.panel.build import PanelResult, SourcedDocument, build_panel
from planwatch.panel.export import PanelFormat, panel_csv, panel_json, panel_xlsx, write_panel

__all__ = [
    "PanelFormat",
    "PanelResult",
    "SourcedDocument",
    "build_panel",
    "panel_csv",
    "panel_json",
    "panel_xlsx",
    "write_panel",
]
