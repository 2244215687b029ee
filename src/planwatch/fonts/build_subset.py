"""Rebuild ``PlanwatchSansSC-Regular.otf``, the CJK font the charts are drawn with.

Why a vendored subset: charts must show Chinese on an intranet machine with no CJK font
installed, and the full Noto Sans CJK is 16 MB. The subset keeps every character of GB 2312
(all 6,763 hanzi of the national standard that plan reports are typed in), the punctuation and
symbols such reports print (“”、（）Ⅲ ℃ ‰ …), ASCII, and every character of the bundled sample.

Source: Noto Sans CJK SC Regular (SIL Open Font License 1.1), e.g. from Debian's
``fonts-noto-cjk``. The OFL forbids a Modified Version to use a Reserved Font Name, so the
subset is renamed "Planwatch Sans SC"; copyright and licence stay in its name table.

Usage (from the repository root):
    python src/planwatch/fonts/build_subset.py \
        /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUTPUT = HERE / "PlanwatchSansSC-Regular.otf"
FAMILY = "Planwatch Sans SC"
SAMPLES = HERE.parent / "samples"

# Unicode blocks kept whole: ASCII and Latin-1 punctuation, general punctuation, letterlike
# symbols and number forms (℃ № Ⅲ), arrows and maths signs, CJK punctuation, full-width forms.
BLOCKS = [
    (0x20, 0x7E),
    (0xA0, 0xBF),
    (0xD7, 0xD7),
    (0xF7, 0xF7),
    (0x2010, 0x206F),
    (0x2100, 0x218F),
    (0x2190, 0x21FF),
    (0x2200, 0x22FF),
    (0x2460, 0x24FF),
    (0x25A0, 0x25FF),
    (0x3000, 0x303F),
    (0xFF00, 0xFFEF),
]


def gb2312_characters() -> set[str]:
    """Every character GB 2312 encodes: rows 0xA1-0xF7, cells 0xA1-0xFE."""
    chars: set[str] = set()
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                chars.add(bytes([high, low]).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return chars


def wanted_characters() -> set[str]:
    chars = gb2312_characters()
    for start, end in BLOCKS:
        chars.update(chr(code) for code in range(start, end + 1))
    for sample in SAMPLES.glob("*.txt"):
        chars.update(sample.read_text(encoding="utf-8"))
    return {c for c in chars if c.isprintable()}


def build(source: Path, output: Path = OUTPUT) -> Path:
    from fontTools import subset
    from fontTools.ttLib import TTCollection, TTFont

    if source.suffix.lower() == ".ttc":
        collection = TTCollection(str(source))
        font = next(f for f in collection.fonts if f["name"].getDebugName(1).endswith("CJK SC"))
    else:
        font = TTFont(str(source))
    options = subset.Options()
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.layout_features = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(c) for c in wanted_characters()])
    subsetter.subset(font)
    _rename(font)
    font.save(str(output))
    return output


def _rename(font) -> None:
    """Give the subset its own name (OFL §3), keeping copyright (ID 0) and licence (13, 14)."""
    names = font["name"]
    postscript = FAMILY.replace(" ", "") + "-Regular"
    for record in list(names.names):
        if record.nameID in (1, 4, 16, 18, 21):
            names.setName(
                FAMILY if record.nameID != 4 else f"{FAMILY} Regular",
                record.nameID,
                record.platformID,
                record.platEncID,
                record.langID,
            )
        elif record.nameID == 3:
            names.setName(
                f"{postscript};subset of Noto Sans CJK SC",
                3,
                record.platformID,
                record.platEncID,
                record.langID,
            )
        elif record.nameID == 6:
            names.setName(postscript, 6, record.platformID, record.platEncID, record.langID)
        elif record.nameID in (17, 22):
            names.setName(
                "Regular", record.nameID, record.platformID, record.platEncID, record.langID
            )
    if "CFF " in font:
        cff = font["CFF "].cff
        cff.fontNames = [postscript]
        top = cff.topDictIndex[0]
        top.FullName = f"{FAMILY} Regular"
        top.FamilyName = FAMILY


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    print(build(Path(sys.argv[1])))
