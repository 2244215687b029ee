"""The outline of a report: ``一、`` parts, ``（一）`` sections, ``1．`` items, with their text."""

from __future__ import annotations

import re

from planwatch.model import Section

HEADING_PATTERNS: list[tuple[int, re.Pattern[str]]] = [
    (1, re.compile(r"^(?P<number>[一二三四五六七八九十]+、)\s*(?P<rest>.*)$")),
    (2, re.compile(r"^(?P<number>[（(][一二三四五六七八九十]+[）)])\s*(?P<rest>.*)$")),
    (3, re.compile(r"^(?P<number>\d{1,2}[．.])(?!\d)\s*(?P<rest>.*)$")),
]


def heading_of(line: str) -> tuple[int, str, str, str] | None:
    """(level, number, title, text after the title) if the line starts a section.

    An item often runs on after its title in the same line (``1．产业实力稳步提升。聚焦…``):
    the title ends at the first ``。``.
    """
    stripped = line.strip()
    for level, pattern in HEADING_PATTERNS:
        match = pattern.match(stripped)
        if not match:
            continue
        rest = match["rest"].strip()
        if not rest:
            return None
        title, _, after = rest.partition("。")
        return level, match["number"], title.strip(), after.strip()
    return None


def build_sections(lines: list[str]) -> list[Section]:
    """Sections from prose lines (tables removed); text before the first heading is dropped."""
    roots: list[Section] = []
    stack: list[Section] = []
    texts: dict[int, list[str]] = {}
    for line in lines:
        heading = heading_of(line)
        if heading is None:
            if stack and line.strip():
                texts.setdefault(id(stack[-1]), []).append(line.strip())
            continue
        level, number, title, after = heading
        section = Section(number=number, title=title, level=level)
        while stack and stack[-1].level >= level:
            stack.pop()
        (stack[-1].children if stack else roots).append(section)
        stack.append(section)
        if after:
            texts.setdefault(id(section), []).append(after)
    for root in roots:
        for section in root.walk():
            section.text = "\n".join(texts.get(id(section), []))
    return roots
