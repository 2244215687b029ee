"""Markdown and HTML: both drawn from Jinja2 templates, so their layout is edited, not coded."""

from __future__ import annotations

import re
from pathlib import Path

from planwatch.report.build import ReportContent
from planwatch.report.layout import STATUS_COLOURS, STATUS_TINTS
from planwatch.report.templating import render


def write_markdown(content: ReportContent, out: Path, templates: Path | None = None) -> None:
    out.write_text(render("table.md.j2", templates, content=content), encoding="utf-8")


_METADATA = re.compile(r"<metadata>.*?</metadata>\s*", re.DOTALL)


def _inline_svg(svg: bytes) -> str:
    """The chart's SVG inside the page (no external file): without its XML prologue, and
    without matplotlib's RDF metadata, which only repeats the creation date per chart."""
    text = svg.decode("utf-8")
    return _METADATA.sub("", text[text.index("<svg") :], count=1)


def write_html(content: ReportContent, out: Path, templates: Path | None = None) -> None:
    """One self-contained page: styles inline, charts as inline SVG, no CDN, works offline."""
    from markupsafe import Markup

    charts = [
        {"title": chart.title, "svg": Markup(_inline_svg(chart.image("svg")))}
        for chart in content.charts
    ]
    page = render(
        "report.html.j2",
        templates,
        content=content,
        charts=charts,
        colours={s.value: c for s, c in STATUS_COLOURS.items()},
        tints={s.value: c for s, c in STATUS_TINTS.items()},
    )
    out.write_text(page, encoding="utf-8")
