"""The CJK font of the charts: the vendored subset first, installed CJK fonts after it.

Matplotlib's default DejaVu Sans has no hanzi, so a chart drawn with it shows empty boxes
(tofu). planwatch ships ``fonts/PlanwatchSansSC-Regular.otf`` (a GB 2312 subset of Noto Sans
CJK SC, OFL) so charts render on any machine, offline; a character outside the subset falls
back to an installed CJK font, and a character no font has is reported, never drawn as a box.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from planwatch.errors import ChartFontMissing
from planwatch.report.chart_cache import chart_cache_dir, content_version, mark_used, store_text

FONT_FILE = Path(__file__).resolve().parent.parent / "fonts" / "PlanwatchSansSC-Regular.otf"
FONT_FAMILY = "Planwatch Sans SC"
# Installed fonts tried, in order, for characters outside the subset (rare hanzi in names).
FALLBACK_FAMILIES = [
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Microsoft YaHei",
    "SimHei",
    "DejaVu Sans",
]


@cache
def chart_font_families() -> tuple[str, ...]:
    """Register the vendored font with matplotlib; the families to draw with, in order."""
    from matplotlib import font_manager

    if not FONT_FILE.is_file():
        raise ChartFontMissing(
            f"缺少图表中文字体文件 {FONT_FILE}，请重新安装 planwatch",
            f"the bundled CJK font {FONT_FILE.name} is missing: reinstall planwatch",
        )
    font_manager.fontManager.addfont(str(FONT_FILE))
    installed = {entry.name for entry in font_manager.fontManager.ttflist}
    return (FONT_FAMILY, *(f for f in FALLBACK_FAMILIES if f in installed))


@cache
def _charmap(family: str) -> frozenset[int]:
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    path = font_manager.findfont(
        font_manager.FontProperties(family=family), fallback_to_default=False
    )
    return frozenset(FT2Font(path).get_charmap())


def uncovered_characters(texts: list[str], families: list[str] | None = None) -> str:
    """The characters of ``texts`` that no chart font (or none of ``families``) can draw."""
    families = families or list(chart_font_families())
    missing = {
        char
        for text in texts
        for char in text
        if not char.isspace() and not any(ord(char) in _charmap(f) for f in families)
    }
    return "".join(sorted(missing))


def font_for(char: str) -> str | None:
    """The family that will draw ``char``: the first in order whose charmap has it."""
    return next((f for f in chart_font_families() if ord(char) in _charmap(f)), None)


def vendored_font_covers(texts: list[str]) -> bool:
    """Whether the vendored font has every character of ``texts`` (then no font warning).

    Its character map is kept in the chart cache, so a report whose charts are all cached
    needs no matplotlib at all; on a miss it is read from the font."""
    folder = chart_cache_dir()
    version = content_version(Path(__file__), FONT_FILE)
    stored = folder / f"charmap-{version}.txt" if folder is not None else None
    try:
        charmap = {int(c) for c in stored.read_text("ascii").split()} if stored else None
    except (OSError, ValueError):
        charmap = None
    if charmap is not None and stored is not None:
        mark_used(stored)  # kept by the cache's eviction while reports use it
    if charmap is None:
        chart_font_families()  # registers the vendored font before its charmap is read
        charmap = set(_charmap(FONT_FAMILY))
        if stored is not None:
            store_text(stored, " ".join(map(str, sorted(charmap))))
    return all(ord(c) in charmap for text in texts for c in text if not c.isspace())


def font_warnings(texts: list[str]) -> list[str]:
    """What the user should know about the fonts a chart of ``texts`` is drawn with.

    A character outside the vendored subset (CO₂'s ₂, a rare hanzi of a place name) is drawn
    with the first installed font that has it, and the warning names that font, since the
    chart then depends on this machine; one that no font has would be a box, and the warning
    says so and how to install a CJK font, rather than letting a chart with tofu pass."""
    if vendored_font_covers(texts):  # the usual case, known without matplotlib (issue 17)
        return []
    chart_font_families()  # registers the vendored font before its charmap is read
    outside = uncovered_characters(texts, [FONT_FAMILY])
    by_family: dict[str, str] = {}
    for char in outside:
        family = font_for(char)
        if family is not None:
            by_family[family] = by_family.get(family, "") + char
    warnings = [
        f"图表字体 {FONT_FAMILY} 缺少这些字符：{chars}，已改用系统字体 {family} 绘制"
        for family, chars in by_family.items()
    ]
    missing = "".join(c for c in outside if font_for(c) is None)
    if missing:
        warnings.append(
            f"图表字体缺少这些字符，显示可能为方框：{missing}"
            "（可安装中文字体后重试，如 Debian/Ubuntu：apt-get install fonts-noto-cjk）"
        )
    return warnings
