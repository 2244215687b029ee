"""HTML pages: the text as paragraphs, ``<table>``s as grids with rowspan/colspan expanded.

Government pages wrap the report in navigation, scripts and often in layout tables. Scripts,
styles, ``<nav>``/``<header>``/``<footer>`` and elements whose class or id says navigation
are skipped; a table holding another table is layout, and only its innermost tables are
read as tables. Unclosed ``<p>``, ``<td>`` and ``<tr>`` (common in hand-written pages) are
closed the way browsers do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from planwatch.ingest.assemble import assemble_document
from planwatch.ingest.decode import decode_text, normalise_text
from planwatch.ingest.structured import Grid, blocks_from
from planwatch.model import PlanDocument

_SKIP = {
    "script",
    "style",
    "nav",
    "header",
    "footer",
    "noscript",
    "head",
    "iframe",
    "form",
    "select",
    "button",
    "template",
    "svg",
}
_SKIP_CLASS = re.compile(
    r"\b(nav|navbar|menu|breadcrumbs?|crumbs?|footer|topbar|sidebar|share)\b", re.I
)
_VOID = {"br", "img", "hr", "meta", "link", "input", "col", "area", "base", "wbr", "source"}
_BLOCK = {
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "tr",
    "br",
    "section",
    "article",
    "title",
    "dd",
    "dt",
    "blockquote",
    "center",
    "pre",
    "ul",
    "ol",
    "caption",
}
# An open tag that a new one of these closes: <td> closes <td>/<th>, <tr> closes cells and rows.
_CLOSES = {
    "td": {"td", "th"},
    "th": {"td", "th"},
    "tr": {"td", "th", "tr"},
    "p": {"p"},
    "li": {"li"},
}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list[Node | str] = field(default_factory=list)


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        closes = _CLOSES.get(tag, set())
        while closes and self.stack[-1].tag in closes:
            self.stack.pop()
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in _VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        if any(node.tag == tag for node in self.stack[1:]):
            while self.stack[-1].tag != tag:
                self.stack.pop()
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def _skipped(node: Node) -> bool:
    marks = f"{node.attrs.get('class', '')} {node.attrs.get('id', '')}"
    return node.tag in _SKIP or bool(_SKIP_CLASS.search(marks))


def _has_table(node: Node) -> bool:
    return any(isinstance(c, Node) and (c.tag == "table" or _has_table(c)) for c in node.children)


def _text(node: Node) -> str:
    """A cell's text with its line breaks (``<br>``, ``<p>``, ``<div>``)."""
    parts: list[str] = []
    for child in node.children:
        if isinstance(child, str):
            parts.append(child.replace("\n", " "))
        elif not _skipped(child):
            inner = _text(child)
            parts.append(f"\n{inner}\n" if child.tag in _BLOCK else inner)
    return "".join(parts)


def _rows(node: Node) -> list[Node]:
    found: list[Node] = []
    for child in node.children:
        if isinstance(child, Node) and not _skipped(child):
            found.extend([child] if child.tag == "tr" else _rows(child))
    return found


def _span(node: Node, name: str) -> int:
    value = re.match(r"\d+", node.attrs.get(name, "1").strip() or "1")
    return max(1, min(int(value.group(0)) if value else 1, 100))


def table_grid(table: Node) -> list[list[str | None]]:
    """The table's cells with each rowspan/colspan cell repeated over the positions it covers."""
    grid: list[list[str | None]] = []
    below: dict[tuple[int, int], str] = {}
    for r, tr in enumerate(_rows(table)):
        row: list[str | None] = []
        cells = [c for c in tr.children if isinstance(c, Node) and c.tag in ("td", "th")]
        for cell in cells:
            while (r, len(row)) in below:
                row.append(below.pop((r, len(row))))
            text = _text(cell).strip()
            for _ in range(_span(cell, "colspan")):
                for down in range(1, _span(cell, "rowspan")):
                    below[(r + down, len(row))] = text
                row.append(text)
        while (r, len(row)) in below:
            row.append(below.pop((r, len(row))))
        grid.append(row)
    return grid


def _caption(table: Node) -> str | None:
    for child in table.children:
        if isinstance(child, Node) and child.tag == "caption":
            return " ".join(_text(child).split()) or None
    return None


class _Walker:
    """Paragraph lines and grids in document order."""

    def __init__(self) -> None:
        self.items: list[str | Grid] = []
        self.line: list[str] = []
        self.tables = 0  # the layout tables being walked through
        self.stray_rows = 0  # <tr> outside any <table>: a table whose start was lost

    def flush(self) -> None:
        text = "".join(self.line)
        self.items.extend(part.strip() for part in text.split("\n") if part.strip())
        self.line = []

    def walk(self, node: Node) -> None:
        for child in node.children:
            if isinstance(child, str):
                self.line.append(child.replace("\n", " "))
            elif _skipped(child):
                continue
            elif child.tag == "table" and not _has_table(child):
                self.flush()
                caption = _caption(child)
                if caption:
                    self.items.append(caption)
                self.items.append(Grid(rows=table_grid(child), line=None))
            else:
                block = child.tag in _BLOCK or child.tag in ("table", "td", "th")
                if child.tag == "tr" and not self.tables:
                    self.stray_rows += 1
                if block:
                    self.flush()
                self.tables += child.tag == "table"
                self.walk(child)
                self.tables -= child.tag == "table"
                if block:
                    self.flush()


def _walked(data: bytes, source: str) -> _Walker:
    text, _ = decode_text(data, source)
    builder = _TreeBuilder()
    builder.feed(normalise_text(text))
    builder.close()
    walker = _Walker()
    walker.walk(builder.root)
    walker.flush()
    lower = text.lower()
    if lower.rfind("<table") > lower.rfind("</table"):  # saved half way, inside a table
        grids = [item for item in walker.items if isinstance(item, Grid)]
        if grids:
            grids[-1].cut = True
    return walker


def html_items(data: bytes, source: str) -> list[str | Grid]:
    return _walked(data, source).items


def read_html(data: bytes, source: str) -> PlanDocument:
    walker = _walked(data, source)
    doc = assemble_document(blocks_from(walker.items), source)
    if walker.stray_rows:
        doc.warnings.append(
            f"网页中有{walker.stray_rows}个表格行（<tr>）不在任何表格（<table>）之内，"
            "已按文字读取：表格的开头可能缺失，请核对原网页"
        )
    return doc
