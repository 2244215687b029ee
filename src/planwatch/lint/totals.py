"""Totals the prose declares against the tables and the section tree.

``45个主要指标`` and ``七大类44个主要预期目标`` count rows and categories of the table of the
year they speak of; ``六个方面18项重点任务`` counts the sections under the one that says it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from planwatch.lineage.declared import count_word
from planwatch.lint.registry import Finding, Rule, Severity, rule, snippet
from planwatch.lint.tables import indicators, table_name
from planwatch.model import PlanDocument, Section

_N = r"\d+|[一二两三四五六七八九十百]+"
TOTAL = re.compile(rf"(?:(?P<cats>{_N})大类)?(?P<n>{_N})(?:个|项)主要(?:预期|计划)?(?:指标|目标)")
TASKS = re.compile(rf"(?P<areas>{_N})个方面(?P<tasks>{_N})项重点任务")
_YEAR = re.compile(r"(\d{4})年")


def sections_with_year(doc: PlanDocument) -> Iterator[tuple[Section, int | None]]:
    """Every section with the year its nearest titled ancestor speaks of (``一、2024年…``)."""

    def walk(section: Section, year: int | None) -> Iterator[tuple[Section, int | None]]:
        found = _YEAR.search(section.title)
        year = int(found[1]) if found else year
        yield section, year
        for child in section.children:
            yield from walk(child, year)

    for top in doc.sections:
        yield from walk(top, None)


@rule(
    "PW102", Severity.ERROR, "正文声明的指标总数或类别数（如“七大类44个主要预期目标”）与指标表不符"
)
def declared_totals(self: Rule, doc: PlanDocument) -> Iterator[Finding]:
    for section, section_year in sections_with_year(doc):
        for match in TOTAL.finditer(section.text):
            before = _YEAR.findall(section.text[max(0, match.start() - 40) : match.start()])
            year = int(before[-1]) if before else section_year
            table = doc.table_for(year=year) if year else None
            if table is None:
                continue
            rows = indicators(table)
            quote = snippet(section.text, match.start(), match.end())
            have = f"{table_name(table)}共{len(rows)}个指标、{len(table.categories)}类"
            declared = count_word(match["n"])
            if declared is not None and declared != len(rows):
                yield self.finding(
                    f"“{section.number}{section.title}”称{match['n']}个主要指标，"
                    f"{table_name(table)}（{table.year}年）实际有{len(rows)}个",
                    quote,
                    have,
                )
            cats = count_word(match["cats"]) if match["cats"] else None
            if cats is not None and cats != len(table.categories):
                yield self.finding(
                    f"“{section.number}{section.title}”称{match['cats']}大类，"
                    f"{table_name(table)}实际分{len(table.categories)}类",
                    quote,
                    f"{table_name(table)}的分类：" + "、".join(table.categories),
                )


@rule("PW103", Severity.ERROR, "正文声明的重点任务数（如“六个方面18项重点任务”）与章节结构不符")
def declared_tasks(self: Rule, doc: PlanDocument) -> Iterator[Finding]:
    for section in doc.walk_sections():
        for match in TASKS.finditer(section.text):
            areas = [c for c in section.children if c.level == section.level + 1]
            tasks = [g for c in areas for g in c.children]
            quote = snippet(section.text, match.start(), match.end())
            tree = (
                f"“{section.number}”下有{len(areas)}个方面"
                f"（{'、'.join(a.number + a.title for a in areas)}）、{len(tasks)}项任务"
            )
            want_areas, want_tasks = count_word(match["areas"]), count_word(match["tasks"])
            if want_areas is not None and want_areas != len(areas):
                yield self.finding(
                    f"“{section.number}{section.title}”称{match['areas']}个方面，"
                    f"其下实际有{len(areas)}个方面",
                    quote,
                    tree,
                )
            if want_tasks is not None and want_tasks != len(tasks):
                yield self.finding(
                    f"“{section.number}{section.title}”称{match['tasks']}项重点任务，"
                    f"其下实际有{len(tasks)}项",
                    quote,
                    tree,
                )
