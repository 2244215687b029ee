"""A mutation corpus of the bundled sample, and the judge of what a reader makes of each file.

The sample is written in every format a reader takes (its own text; Word, Excel, HTML and PDF
with the writers of tests/test_ingest_formats_writers.py), then damaged in the ways files are
damaged on the way to us, deterministically by seed: cut at many offsets, bytes flipped,
lines shuffled or deleted, cells and rows deleted, a table doubled, other encodings (GBK,
UTF-16 with its BOM, UTF-8 cut inside a character), control characters and NUL inserted,
HTML rows missing the cell a rowspan covers, zip entries of .docx/.xlsx damaged.

``judge`` reads one mutated file with ``planwatch.ingest.read_bytes`` and says what came of
it (see ``OUTCOMES``); ``benchmarks/bench_fuzz.py`` runs the whole corpus, and
tests/test_fuzz_mutations.py a bounded part of it.
"""

from __future__ import annotations

import io
import random
import re
import sys
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

import expected_sample  # noqa: E402
from planwatch.errors import PlanwatchError  # noqa: E402

FORMATS = ("txt", "docx", "xlsx", "html", "pdf")

# What came of reading a file. The first three are fine; CHANGED is a cell the mutation
# itself altered (a flipped byte inside a cell's text, a deleted line or paragraph holding
# whole clauses of one cell's text), read as the file now says.
GOOD = ("right", "right_prefix", "fewer_tables", "warned", "refused", "changed")
BAD = ("traceback", "hang", "memory", "silent_wrong")
OUTCOMES = GOOD + BAD

# Warnings about the document around the tables, which do not vouch for a table.
_NOT_ABOUT_TABLES = ("未找到报告标题", "未找到以“关于”开头", "正文中未找到", "文件编码为")


@dataclass(frozen=True)
class Mutation:
    name: str  # what was done, e.g. ``docx:truncate@1234``
    fmt: str
    kind: str
    data: bytes


@dataclass(frozen=True)
class Outcome:
    outcome: str
    detail: str


# ---------------------------------------------------------------- expected tables

Row = tuple[int | None, str | None, str, str | None, str | None]


def expected_tables() -> list[list[Row]]:
    review: list[Row] = [
        (no, cat, name, target, actual)
        for cat, rows in expected_sample.REVIEW_ROWS.items()
        for no, name, target, actual in rows
    ]
    plan: list[Row] = [
        (no, cat, name, target, None)
        for cat, rows in expected_sample.PLAN_ROWS.items()
        for no, name, target in rows
    ]
    return [review, plan]


EXPECTED = expected_tables()


# ---------------------------------------------------------------- the sample in every format


def base_files() -> dict[str, bytes]:
    """The sample as .txt, .docx, .xlsx, .html and .pdf."""
    import tempfile

    from planwatch.ingest import SAMPLE_REPORT, read_document
    from test_ingest_formats_writers import BINARY_WRITERS

    sample = read_document(SAMPLE_REPORT)
    files = {"txt": SAMPLE_REPORT.read_bytes()}
    with tempfile.TemporaryDirectory() as folder:
        for fmt, writer in BINARY_WRITERS.items():
            files[fmt] = _timeless(writer(sample, Path(folder) / f"sample.{fmt}").read_bytes())
    return files


_ISO_TIME = re.compile(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")
_PDF_TIME = re.compile(rb"\(D:\d{14}")
_PDF_ID = re.compile(rb"(?<=<)[0-9a-f]{32}(?=>)")


def _timeless(data: bytes) -> bytes:
    """The file without the time it was written (zip entries' dates, core.xml's created and
    modified, a PDF's dates and ID), so that a seed makes the same corpus on every run. Each
    stamp keeps its length, so that a PDF's byte offsets stay right."""

    def fixed(text: bytes) -> bytes:
        text = _ISO_TIME.sub(b"2025-01-01T00:00:00Z", text)
        return _PDF_TIME.sub(b"(D:20250101000000", text)

    if not data.startswith(b"PK"):
        head, mark, tail = fixed(data).rpartition(b"/ID")
        return head + mark + _PDF_ID.sub(b"0" * 32, tail, count=2) if mark else fixed(data)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            stamp = zipfile.ZipInfo(info.filename, date_time=(2025, 1, 1, 0, 0, 0))
            stamp.compress_type = info.compress_type
            target.writestr(stamp, fixed(source.read(info.filename)))
    return out.getvalue()


# ---------------------------------------------------------------- byte and line mutations


def _truncations(data: bytes, rng: random.Random, n: int) -> Iterator[tuple[str, bytes]]:
    offsets = {len(data) * (i + 1) // (n // 2 + 1) for i in range(n // 2)}
    offsets |= {rng.randrange(1, len(data)) for _ in range(n - len(offsets))}
    for offset in sorted(offsets):
        yield f"truncate@{offset}", data[:offset]


def _flips(data: bytes, rng: random.Random, n: int) -> Iterator[tuple[str, bytes]]:
    for _ in range(n):
        out = bytearray(data)
        spots = sorted(rng.randrange(len(data)) for _ in range(rng.choice((1, 1, 2, 4))))
        for spot in spots:
            out[spot] ^= rng.randrange(1, 256)
        yield "flip@" + ",".join(map(str, spots)), bytes(out)


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


def _shuffles(data: bytes, rng: random.Random, n: int) -> Iterator[tuple[str, bytes]]:
    lines = _lines(data)
    for _ in range(n):
        start = rng.randrange(len(lines) - 1)
        width = rng.choice((2, 3, 5, 10))
        window = lines[start : start + width]
        rng.shuffle(window)
        out = lines[:start] + window + lines[start + width :]
        yield f"shuffle@{start}+{width}", b"\n".join(out)


def _deleted_lines(data: bytes, rng: random.Random, n: int) -> Iterator[tuple[str, bytes]]:
    lines = _lines(data)
    filled = [i for i, line in enumerate(lines) if line.strip()]
    for _ in range(n):
        index = rng.choice(filled)
        yield f"delete-line@{index}", b"\n".join(lines[:index] + lines[index + 1 :])


_CONTROLS = ("\x00", "\x01", "\x07", "\x0b", "\x0c", "\x1b", "\x7f", "\ufeff", "\u200b")


def _controls(text: str, rng: random.Random, n: int) -> Iterator[tuple[str, str]]:
    for _ in range(n):
        spots = sorted(rng.randrange(len(text)) for _ in range(rng.choice((1, 3, 10))))
        char = rng.choice(_CONTROLS)
        out = text
        for spot in reversed(spots):
            out = out[:spot] + char + out[spot:]
        yield f"control{ord(char):#x}@" + ",".join(map(str, spots)), out


def _encodings(text: str, rng: random.Random, n: int) -> Iterator[tuple[str, bytes]]:
    """The whole text in another encoding (``n`` unused: there are only so many)."""
    yield "gbk", text.encode("gbk", errors="replace")
    yield "gb18030", text.encode("gb18030")
    yield "utf-16-bom", text.encode("utf-16")  # Python writes the BOM
    yield "utf-8-bom", text.encode("utf-8-sig")


def _encoding_cuts(text: str, rng: random.Random, n: int) -> Iterator[tuple[str, bytes]]:
    """UTF-8 cut inside a character, GBK cut anywhere: truncations in an encoding."""
    raw = text.encode()
    starts = [i for i in range(1, len(raw)) if raw[i] & 0xC0 == 0x80]
    for _ in range(n):
        cut = rng.choice(starts)
        yield f"utf8-cut-in-char@{cut}", raw[:cut]
        yield f"gbk-cut@{cut}", text.encode("gbk", errors="replace")[: cut * 2 // 3]


def _doubled_text(text: str) -> Iterator[tuple[str, str]]:
    """表1 (caption to the paragraph after it) printed twice, and the whole report twice."""
    start = text.index("表1")
    end = text.index("\n", text.index("表2") - 200)
    yield "double-table1", text[:end] + "\n" + text[start:end] + text[end:]
    yield "double-report", text + "\n" + text


# ---------------------------------------------------------------- structured mutations


def _element_deletions(
    xml: bytes, tag: str, rng: random.Random, n: int
) -> Iterator[tuple[str, bytes]]:
    """``xml`` with one random ``tag`` element removed (tag without namespace)."""
    from lxml import etree

    root = etree.fromstring(xml)
    count = sum(1 for e in root.iter() if isinstance(e.tag, str) and e.tag.endswith("}" + tag))
    if not count:
        count = sum(1 for e in root.iter() if e.tag == tag)
    for _ in range(n):
        index = rng.randrange(count)
        tree = etree.fromstring(xml)
        found = [
            e
            for e in tree.iter()
            if isinstance(e.tag, str) and (e.tag.endswith("}" + tag) or e.tag == tag)
        ]
        target = found[index]
        parent = target.getparent()
        if parent is None:
            continue
        parent.remove(target)
        yield f"delete-{tag}#{index}", etree.tostring(tree, xml_declaration=True, encoding="UTF-8")


def _doubled_element(xml: bytes, tag: str) -> Iterator[tuple[str, bytes]]:
    from copy import deepcopy

    from lxml import etree

    tree = etree.fromstring(xml)
    first = next(e for e in tree.iter() if isinstance(e.tag, str) and e.tag.endswith("}" + tag))
    first.addnext(deepcopy(first))
    yield f"double-{tag}", etree.tostring(tree, xml_declaration=True, encoding="UTF-8")


def _zip_entries(data: bytes) -> list[tuple[zipfile.ZipInfo, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return [(info, package.read(info)) for info in package.infolist()]


def _zip(entries: list[tuple[str, bytes]], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as package:
        for name, body in entries:
            package.writestr(name, body)
    return out.getvalue()


def _replace_part(data: bytes, part: str, body: bytes | None) -> bytes:
    entries = [
        (info.filename, body if info.filename == part else old)
        for info, old in _zip_entries(data)
        if not (info.filename == part and body is None)
    ]
    return _zip([(n, b) for n, b in entries if b is not None])


def _zip_damage(data: bytes, main: str, rng: random.Random, n: int) -> Iterator[tuple[str, bytes]]:
    entries = _zip_entries(data)
    names = [info.filename for info, _ in entries]
    for name in names:
        yield f"zip-drop:{name}", _replace_part(data, name, None)
    body = dict((info.filename, old) for info, old in entries)[main]
    for _ in range(n):
        cut = rng.randrange(1, len(body))
        yield f"zip-cut:{main}@{cut}", _replace_part(data, main, body[:cut])
    for _ in range(n):  # a byte of a part's XML changed: often no longer well-formed
        part = rng.choice(names)
        old = dict((info.filename, b) for info, b in entries)[part]
        if not old:
            continue
        spot = rng.randrange(len(old))
        new = old[:spot] + bytes([old[spot] ^ rng.randrange(1, 256)]) + old[spot + 1 :]
        yield f"zip-xml-flip:{part}@{spot}", _replace_part(data, part, new)
    for part in names:
        yield f"zip-garbage:{part}", _replace_part(data, part, b"\x00garbage<<")
        yield f"zip-empty:{part}", _replace_part(data, part, b"")
    # the compressed stream of an entry damaged in place (the local header left intact)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        infos = package.infolist()
    for _ in range(n):
        info = rng.choice(infos)
        start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
        if info.compress_size < 2:
            continue
        spot = start + rng.randrange(info.compress_size)
        out = bytearray(data)
        out[spot] ^= rng.randrange(1, 256)
        yield f"zip-stream-flip:{info.filename}@{spot}", bytes(out)
    stored = _zip([(i.filename, b) for i, b in entries], zipfile.ZIP_STORED)
    yield "zip-stored", stored
    yield "zip-cut-central-directory", data[: data.rfind(b"PK\x01\x02")]


def _with_part(data: bytes, part: str, mutate: Iterator[tuple[str, bytes]]):
    for name, body in mutate:
        yield name, _replace_part(data, part, body)


def _part(data: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return package.read(name)


def _html_rowspan(text: str, rng: random.Random, n: int) -> Iterator[tuple[str, str]]:
    """Rows that lose the cell a rowspan stands for, or a rowspan that says the wrong count."""
    spans = [m for m in re.finditer(r"<td rowspan='(\d+)'>[^<]*</td>", text)]
    for m in spans:
        yield f"html-drop-rowspan-cell@{m.start()}", text[: m.start()] + text[m.end() :]
    for _ in range(n):
        m = rng.choice(spans)
        wrong = str(max(1, int(m.group(1)) + rng.choice((-3, -1, 1, 2, 5))))
        out = text[: m.start(1)] + wrong + text[m.end(1) :]
        yield f"html-rowspan-{m.group(1)}-to-{wrong}@{m.start()}", out
    rows = [m for m in re.finditer(r"<tr>(?!<td rowspan)(<td>.*?</td>)", text)]
    for _ in range(n):  # a row under a rowspan that keeps a category cell anyway
        m = rng.choice(rows)
        out = text[: m.start(1)] + "<td>多余</td>" + text[m.start(1) :]
        yield f"html-extra-cell@{m.start()}", out


# ---------------------------------------------------------------- the corpus


def mutations(seed: int = 2024, scale: int = 1) -> Iterator[Mutation]:
    """Every mutation of every format; ``scale`` multiplies the random ones."""
    rng = random.Random(seed)
    files = base_files()
    n = 10 * scale

    def emit(fmt: str, kind: str, made) -> Iterator[Mutation]:
        for name, data in made:
            if isinstance(data, str):
                data = data.encode()
            yield Mutation(f"{fmt}:{name}", fmt, kind, data)

    for fmt in FORMATS:
        yield Mutation(f"{fmt}:original", fmt, "original", files[fmt])
    text_like = {"txt": files["txt"], "html": files["html"]}
    for fmt, data in text_like.items():
        text = data.decode()
        yield from emit(fmt, "truncate", _truncations(data, rng, 4 * n))
        yield from emit(fmt, "flip", _flips(data, rng, 4 * n))
        yield from emit(fmt, "shuffle", _shuffles(data, rng, 3 * n))
        yield from emit(fmt, "delete-line", _deleted_lines(data, rng, 3 * n))
        yield from emit(fmt, "control", _controls(text, rng, 2 * n))
        yield from emit(fmt, "encoding", _encodings(text, rng, n))
        yield from emit(fmt, "truncate", _encoding_cuts(text, rng, n))
    yield from emit("txt", "double", _doubled_text(files["txt"].decode()))
    html = files["html"].decode()
    yield from emit("html", "rowspan", _html_rowspan(html, rng, n))
    yield from emit(
        "html",
        "double",
        [
            (
                "double-table",
                html.replace(
                    "</table>",
                    "</table>" + html[html.index("<p>表1") : html.index("</table>") + 8],
                    1,
                ),
            )
        ],
    )
    for tag in ("td", "tr"):
        from lxml import html as lxml_html

        def html_deletions(tag: str = tag) -> Iterator[tuple[str, bytes]]:
            for _ in range(n):
                tree = lxml_html.fromstring(files["html"])
                found = list(tree.iter(tag))
                index = rng.randrange(len(found))
                found[index].drop_tree()
                yield f"delete-{tag}#{index}", lxml_html.tostring(tree, encoding="utf-8")

        yield from emit("html", f"delete-{tag}", html_deletions())

    packages = {"docx": "word/document.xml", "xlsx": "xl/worksheets/sheet1.xml"}
    for fmt, main in packages.items():
        data = files[fmt]
        yield from emit(fmt, "truncate", _truncations(data, rng, 2 * n))
        yield from emit(fmt, "flip", _flips(data, rng, 2 * n))
        yield from emit(fmt, "zip", _zip_damage(data, main, rng, 2 * n))
        xml = _part(data, main)
        cell, row = ("tc", "tr") if fmt == "docx" else ("c", "row")
        yield from emit(
            fmt, "delete-cell", _with_part(data, main, _element_deletions(xml, cell, rng, 3 * n))
        )
        yield from emit(
            fmt, "delete-row", _with_part(data, main, _element_deletions(xml, row, rng, 3 * n))
        )
        if fmt == "docx":
            yield from emit(fmt, "double", _with_part(data, main, _doubled_element(xml, "tbl")))
            yield from emit(
                fmt,
                "delete-paragraph",
                _with_part(data, main, _element_deletions(xml, "p", rng, 2 * n)),
            )
        text = xml.decode()
        yield from emit(
            fmt,
            "control",
            _with_part(data, main, ((k, v.encode()) for k, v in _controls(text, rng, n))),
        )
        if fmt == "xlsx":  # 表2's sheet too
            second = "xl/worksheets/sheet2.xml"
            xml = _part(data, second)
            cells = _element_deletions(xml, "c", rng, n)
            yield from emit(fmt, "delete-cell", _with_part(data, second, cells))
            rows = _element_deletions(xml, "row", rng, n)
            yield from emit(fmt, "delete-row", _with_part(data, second, rows))
    pdf = files["pdf"]
    yield from emit("pdf", "truncate", _truncations(pdf, rng, 3 * n))
    yield from emit("pdf", "flip", _flips(pdf, rng, 3 * n))


# ---------------------------------------------------------------- the judge

_TARGET_KINDS = {"growth", "level", "increment", "external", "qualitative", "event_count"}
_TARGET_KINDS |= {"compound", "share_change", "relative"}
_NUMBER = re.compile(r"^[\s\d.,%％+\-－—]*$")


def _suspicious_name(name: str) -> str | None:
    from planwatch.phrases.target import parse_target

    if _NUMBER.match(name):
        return f"row name {name!r} is a number"
    try:
        spec = parse_target(name)
    except Exception:
        return None
    # a real name may read as a direction (主要污染物排放总量削减), never as these
    if spec.kind.value in _TARGET_KINDS:
        return f"row name {name!r} parses as a target phrase"
    return None


def _is_prefix(got: list[list[Row]], expected: list[list[Row]]) -> bool:
    if not got or len(got) > len(expected):
        return False
    *whole, last = got
    if any(g != e for g, e in zip(whole, expected, strict=False)):
        return False
    return last == expected[len(got) - 1][: len(last)]


def classify(tables: list[list[Row]], warnings: list[str], kind: str) -> Outcome:
    """What a read document's tables and warnings amount to for a mutation of ``kind``."""
    if tables == EXPECTED:
        return Outcome("right", "")
    telling = [w for w in warnings if not w.startswith(_NOT_ABOUT_TABLES)]
    if telling and _is_prefix(tables, EXPECTED):
        return Outcome("right_prefix", telling[0])
    if (
        kind == "truncate"
        and tables
        and len(tables) < len(EXPECTED)
        and tables == EXPECTED[: len(tables)]
    ):
        return Outcome("fewer_tables", f"{len(tables)} of {len(EXPECTED)} tables")
    if telling:
        return Outcome("warned", telling[0])
    problems = _problems(tables)
    if not problems and kind in ("flip", "control", "zip"):
        changed = _changed_cells(tables)
        if changed is not None and changed <= 2:
            return Outcome("changed", f"{changed} text(s) differ")
    if not problems and kind in ("delete-line", "delete-paragraph"):
        lost = _lost_clause(tables)
        if lost:
            return Outcome("changed", lost)
    if not problems and kind == "shuffle":
        moved = _moved_whole(tables)
        if moved:
            return Outcome("changed", moved)
    if not problems:
        problems = [_first_difference(tables)]
    return Outcome("silent_wrong", "; ".join(problems[:3]))


def _problems(tables: list[list[Row]]) -> list[str]:
    problems = []
    if len(tables) != len(EXPECTED):
        problems.append(f"{len(tables)} tables, expected {len(EXPECTED)}")
    for number, (got, want) in enumerate(zip(tables, EXPECTED, strict=False), start=1):
        if len(got) != len(want):
            problems.append(f"表{number}: {len(got)} rows, expected {len(want)}")
    for number, table in enumerate(tables, start=1):
        for row in table:
            problem = _suspicious_name(row[2])
            if problem:
                problems.append(f"表{number}: {problem}")
    return problems


def _changed_cells(tables: list[list[Row]]) -> int | None:
    if len(tables) != len(EXPECTED):
        return None
    changed = set()  # a flipped category changes every row of its group: one text changed
    for got, want in zip(tables, EXPECTED, strict=True):
        if len(got) != len(want):
            return None
        pairs = (pair for g, w in zip(got, want, strict=True) for pair in zip(g, w, strict=True))
        changed |= {(a, b) for a, b in pairs if a != b}
    return len(changed)


_CLAUSE_ENDS = ("，", "；", "、", "。", ",", ";")


def _lost_clause(tables: list[list[Row]]) -> str | None:
    """A deleted line or paragraph that held whole clauses of one cell (a Word cell's
    ``净增1500家以上，`` paragraph): what is left is a complete phrase, read as the file now
    prints it. Only one text may differ, by whole clauses at its start or end."""
    if _changed_cells(tables) != 1:
        return None
    for got, want in zip(tables, EXPECTED, strict=True):
        for g, w in zip(got, want, strict=True):
            for a, b in zip(g, w, strict=True):
                if a == b or not isinstance(a, str) or not isinstance(b, str) or not a:
                    continue
                head = b.endswith(a) and b[: len(b) - len(a)].endswith(_CLAUSE_ENDS)
                tail = b.startswith(a) and b[len(a)] in _CLAUSE_ENDS
                return f"“{b}” now reads “{a}”" if head or tail else None
    return None


def _moved_whole(tables: list[list[Row]]) -> str | None:
    """Shuffled lines that each held one whole cell of the same row (the sample prints a cell
    a line): the row's target and result exchanged, so the file now prints
    target ``5.9%`` and result ``3.5%`` where it printed them the other way round, and no
    reader can tell (both read as plausible values). Only one row may differ."""
    if len(tables) != len(EXPECTED):
        return None
    differing = [
        (g, w)
        for got, want in zip(tables, EXPECTED, strict=True)
        if len(got) == len(want)
        for g, w in zip(got, want, strict=True)
        if g != w
    ]
    if any(len(got) != len(want) for got, want in zip(tables, EXPECTED, strict=True)):
        return None
    if len(differing) != 1:
        return None
    got, want = differing[0]
    if got[:3] != want[:3] or (got[3], got[4]) != (want[4], want[3]):
        return None  # only a target and its result exchanged, the row's name kept
    return f"target and result of “{got[2]}” exchanged whole: {got[3]!r}, {got[4]!r}"


def _first_difference(tables: list[list[Row]]) -> str:
    for number, (got, want) in enumerate(zip(tables, EXPECTED, strict=False), start=1):
        for g, w in zip(got, want, strict=False):
            if g != w:
                return f"表{number}: read {g}, expected {w}"
    return "tables differ"


def rows_of(doc) -> list[list[Row]]:
    return [[(r.no, r.category, r.name, r.target, r.actual) for r in t.rows] for t in doc.tables]


def judge(mutation: Mutation, read: Callable | None = None) -> Outcome:
    """Read the mutated file and classify the result (no time or memory bound here)."""
    if read is None:
        from planwatch.ingest import read_bytes

        read = read_bytes
    try:
        doc = read(mutation.data, f"fuzz.{mutation.fmt}")
    except PlanwatchError as error:
        return Outcome("refused", error.message[:120])
    except MemoryError:
        return Outcome("memory", "MemoryError")
    except Exception as error:
        import traceback

        where = traceback.extract_tb(error.__traceback__)[-1]
        place = f"{Path(where.filename).name}:{where.lineno}"
        return Outcome("traceback", f"{type(error).__name__}: {str(error)[:100]} at {place}")
    return classify(rows_of(doc), doc.warnings, mutation.kind)
