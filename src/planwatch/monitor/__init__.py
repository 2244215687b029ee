"""In-year monitoring: the board of a plan and period, checked entry and import of figures.

Glue between ``store`` (figures, requests, overrides) and ``assess`` (序时进度, warnings,
forecasts); the CLI, the web app and the bulletin all read a ``Board`` from ``load_board``.
"""

from planwatch.monitor.board import Board, load_board, previous_period
from planwatch.monitor.entry import check_series, enter_figure, import_figures
from planwatch.monitor.periods import parse_period

__all__ = [
    "Board",
    "check_series",
    "enter_figure",
    "import_figures",
    "load_board",
    "parse_period",
    "previous_period",
]
