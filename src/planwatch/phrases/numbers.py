"""Numbers and units of plan phrases: ``1.85万家`` is 18500 家, ``2.45万亿元`` is 2.45e12 元.

Plan phrases print numbers in few ways: Arabic digits (half- or full-width) with an optional
万/亿/万亿 multiplier and a unit, ratios such as ``1.77:1``, and, rarely, Chinese numerals before
a measure word (``新增两家``). Chinese numerals that are names (``十四五``, ``三个一百``) are not
quantities and are left alone. Percentages (``%``) and percentage points (``个百分点``) are
distinct units: a growth of 5 % and a change of 5 points are not comparable.

Nothing here raises on bad input: a string that is not exactly one quantity gives ``None``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from planwatch.model import Quantity
from planwatch.phrases.lexicon import lexicon

PERCENT = "%"
POINTS = "个百分点"
RATIO = ":1"

# Full-width and typographic forms seen in Word and PDF exports, mapped to ASCII.
# Full-width ASCII (Ｆ０１–ＦＦ５Ｅ: digits, ％, ．, －, ：, （）, ，, ；, letters) and typographic
# dashes seen in Word and PDF exports, mapped to ASCII.
_TRANSLATE = str.maketrans(
    {
        **{chr(code): chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)},
        "−": "-",
        "﹣": "-",
        "–": "-",
        "—": "-",
        "∶": ":",
        "〜": "~",
        "\u3000": " ",
    }
)
_SPACE = re.compile(r"\s+")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")


def normalise(text: str) -> str:
    """Half-width digits and signs, no spaces, no thousands separators.

    Why: the same phrase arrives full-width from Word, with stray spaces from PDF, and with
    ``20,170.45`` from Excel; the grammar should see one form only.
    """
    text = _SPACE.sub("", text.translate(_TRANSLATE))
    return _THOUSANDS.sub("", text) if "," in text else text


def _lexicon_units() -> tuple[tuple[str, ...], dict[str, str]]:
    """The units of the lexicon, longest first so that 个百分点 wins over 个 and 微克/立方米
    over 米; and the aliases (百分点 is 个百分点, 千米 is 公里)."""
    units = {word: base.split("×")[0] for word, base in lexicon().words("unit").items()}
    ordered = tuple(sorted(units, key=len, reverse=True))
    return ordered, {word: base for word, base in units.items() if word != base}


UNITS, UNIT_ALIASES = _lexicon_units()
# Units that are a multiple of their base: 成 is ten per cent (下降超3成 is −30 %).
UNIT_FACTORS: dict[str, Decimal] = {
    word: Decimal(base.split("×")[1])
    for word, base in lexicon().words("unit").items()
    if "×" in base
}
MULTIPLIER_WORDS: dict[str, Decimal] = lexicon().multipliers()
MULTIPLIERS: dict[str, float] = {w: float(v) for w, v in MULTIPLIER_WORDS.items()}


def _multiplier_pattern() -> str:
    """Multipliers after Arabic digits, longest first; 千 is not one in 千瓦/千米/千克 and 百
    not in 百分点 (units of their own that begin with a multiplier)."""
    parts = []
    for word in sorted(MULTIPLIER_WORDS, key=len, reverse=True):
        rests = sorted({u[len(word) :] for u in UNITS if u.startswith(word) and u != word})
        guard = f"(?!{'|'.join(map(re.escape, rests))})" if rests else ""
        parts.append(re.escape(word) + guard)
    return "|".join(parts)


MULT = _multiplier_pattern()
_LONGEST_MULTIPLIERS_FIRST = tuple(sorted(MULTIPLIER_WORDS, key=len, reverse=True))


def multiplier_at(text: str, start: int) -> tuple[str, Decimal] | None:
    """The longest multiplier word at ``start`` and its exact factor."""
    for word in _LONGEST_MULTIPLIERS_FIRST:
        if text.startswith(word, start):
            return word, MULTIPLIER_WORDS[word]
    return None


def exact_float(value: Decimal) -> float:
    """The float nearest an exact decimal: ``21937.07亿`` and ``2.193707万亿`` give one float,
    where multiplying floats gives two that differ in the last bit."""
    return float(value)


# Chinese numerals count only before a measure word and not before more numerals:
# 新增两家 is 2 家; 三个一百 (a programme name) and 十四五 (a plan period) are not numbers.
_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4}
_CN_DIGITS |= {"五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_SMALL = {"十": 10, "百": 100, "千": 1000}
_CN_LARGE = {"万": 10_000, "亿": 100_000_000}
CHINESE_NUMERAL_CHARS = "".join([*_CN_DIGITS, *_CN_SMALL, *_CN_LARGE])
_COUNT_UNITS = "|".join(sorted(lexicon().words("count_unit"), key=len, reverse=True))


_UNIT_ALT = "|".join(re.escape(u) for u in UNITS)
_NUM = r"\d+(?:\.\d+)?"


def qty_pattern(name: str) -> str:
    """A regex for one quantity whose groups are prefixed ``name_`` (several fit in one regex).

    ``5%``, ``-2.6``, ``1.85万家``, ``69.05亿美元``, ``1.77:1``.
    """
    return (
        rf"(?P<{name}>(?:(?P<{name}_sign>[+-])?(?P<{name}_num>{_NUM})(?::(?P<{name}_den>{_NUM}))?"
        rf"(?P<{name}_mult>{MULT})?"
        rf"|(?P<{name}_cn>[{CHINESE_NUMERAL_CHARS}]+)(?=(?:{_COUNT_UNITS})(?![{CHINESE_NUMERAL_CHARS}])))"
        rf"(?P<{name}_unit>{_UNIT_ALT})?)"
    )


@dataclass(frozen=True)
class UnitHint:
    """What a column header says about bare numbers: ``目标增长(%)`` is a growth in %."""

    unit: str | None = None
    multiplier: float = 1.0
    growth: bool = False


_HINT_UNIT = re.compile(rf"(?P<mult>{MULT})?(?P<unit>{_UNIT_ALT})")
_HINT_PAREN = re.compile(r"\(([^)]*)\)")


NO_UNIT_HINT = UnitHint()


@lru_cache(maxsize=4096)
def parse_unit_hint(hint: str | None) -> UnitHint:
    """Read a unit header: ``%``, ``亿元``, ``万人``, ``目标增长(%)``, ``增长(%)``.

    Cached: a table has a handful of headers and every cell of a column reads the same one."""
    if not hint:
        return NO_UNIT_HINT
    text = normalise(hint)
    growth = any(word in text for word in ("增长", "增速", "增幅"))
    inside = _HINT_PAREN.search(text)
    match = _HINT_UNIT.search(inside.group(1) if inside else text)
    if not match:
        return UnitHint(growth=growth)
    unit = UNIT_ALIASES.get(match.group("unit"), match.group("unit"))
    return UnitHint(unit, MULTIPLIERS.get(match.group("mult") or "", 1.0), growth)


def quantity_from(match: re.Match[str], name: str, hint: UnitHint | None = None) -> Quantity | None:
    """Build the ``Quantity`` a ``qty_pattern(name)`` group matched; ``None`` if not finite.

    A bare number takes the unit and multiplier of the header hint, if any.
    """
    num = match.group(f"{name}_num")
    if num is None:
        counted = chinese_numeral(match.group(f"{name}_cn") or "")
        if counted is None:
            return None
        return Quantity(
            value=float(counted), unit=match.group(f"{name}_unit"), text=match.group(name)
        )
    try:
        exact = Decimal(num)
        den = match.group(f"{name}_den")
        unit = match.group(f"{name}_unit")
        mult = match.group(f"{name}_mult")
        if den is not None:
            denominator = Decimal(den)
            if denominator == 0 or unit or mult:
                return None
            exact, unit = exact / denominator, RATIO
    except InvalidOperation:
        return None
    if match.group(f"{name}_sign") == "-":
        exact = -exact
    if mult:
        exact *= MULTIPLIER_WORDS[mult]  # exact: 1.85万 is 18500, not 18500.000000000004
    if unit:
        exact *= UNIT_FACTORS.get(unit, Decimal(1))
        unit = UNIT_ALIASES.get(unit, unit)
    elif hint is not None and hint.unit and not mult:
        exact *= Decimal(repr(hint.multiplier))
        unit = hint.unit
    value = exact_float(exact)
    if not math.isfinite(value):
        return None
    return Quantity(value=value, unit=unit, text=match.group(name))


_ONE = re.compile(qty_pattern("q"))


def parse_quantity(text: str, unit_hint: str | None = None) -> Quantity | None:
    """Exactly one quantity (``5.5%``, ``1.85万家``, ``１．７７：１``), else ``None``.

    Never raises: whatever the input, the answer is a quantity or ``None``.
    """
    if not isinstance(text, str):
        return None
    core = normalise(text)
    match = _ONE.fullmatch(core)
    return quantity_from(match, "q", parse_unit_hint(unit_hint)) if match else None


def chinese_numeral(text: str) -> int | None:
    """``十五`` → 15, ``一百零五`` → 105, ``两万三千`` → 23000.

    ``None`` for names such as ``十四五``: two digits in a row are not a number.
    """
    if not text:
        return None
    if text in ("零", "〇"):
        return 0
    total = section = 0
    digit: int | None = None
    for char in text:
        if char in ("零", "〇"):
            continue  # a placeholder inside a number: 一百零五
        if char in _CN_DIGITS:
            if digit is not None:
                return None  # two digits in a row (十四五, 二三) is a name, not a number
            digit = _CN_DIGITS[char]
        elif char in _CN_SMALL:
            section += (1 if digit is None else digit) * _CN_SMALL[char]
            digit = None
        else:
            total += (section + (digit or 0) or 1) * _CN_LARGE[char]
            section, digit = 0, None
    return total + section + (digit or 0)


def find_quantities(text: str) -> list[Quantity]:
    """Every Arabic-numeral quantity in a piece of prose, in order (for key-task commitments).

    Years (``2025年``) and ordinals are returned too; callers that need them gone filter by unit.
    """
    if not isinstance(text, str):
        return []
    found = []
    for match in _ONE.finditer(normalise(text)):
        quantity = quantity_from(match, "q")
        if quantity is not None:
            found.append(quantity)
    return found


_SCALES: tuple[tuple[float, str], ...] = ((1e8, "亿"), (1e4, "万"))
_UNSCALED = (PERCENT, POINTS, "‰")


def _scale_of(magnitude: float, unit: str) -> tuple[float, str]:
    """The multiplier a magnitude is best read in: 亿 from 1e8, 万 from 1e4 (1000亿斤, not
    10000000万斤); ``unit`` is kept for callers, any unit scales the same."""
    for size, word in _SCALES:
        if magnitude >= size:
            return size, word
    return 1.0, ""


_LONG_DECIMAL = re.compile(r"\d+\.\d{2,}")
_WHOLE = re.compile(r"\d{3,}\.\d+")


def rough_amount(value: float, unit: str | None, scale: float | None = None) -> str:
    """``format_amount`` for a computed amount (what is due by now, a forecast): three
    figures and one decimal at most are all it can claim (156家, 1114亿元, 20.5万人)."""
    text = _LONG_DECIMAL.sub(lambda m: f"{float(m[0]):.1f}", format_amount(value, unit, scale))
    return _WHOLE.sub(lambda m: str(round(float(m[0]))), text)


def format_amount(value: float, unit: str | None, scale: float | None = None) -> str:
    """A number for a reason sentence: ``0.7个百分点``, ``1.9万户``, ``21亿元``, ``1.77:1``.

    ``scale`` is the number the amount is read against (the target's value, for a margin):
    its multiplier is kept, so a margin of a ``1050亿元`` target reads ``0亿元`` or ``0.5亿元``,
    not ``0元`` or ``5000万元``, unless the amount is under a tenth of that multiplier
    (``200家``, not ``0.02万家``).
    Zero with no scale is plain ``0``: ``0元`` would drop a multiplier we cannot know.
    """
    unit = unit or ""
    if unit == RATIO:
        return f"{_short(value)}:1"
    if unit in _UNSCALED:
        return f"{_short(value)}{unit}"
    size, word = _scale_of(abs(value), unit)
    if scale is not None:
        kept, kept_word = _scale_of(abs(scale), unit)
        if value == 0 or abs(value) / kept >= 0.1:
            size, word = kept, kept_word
    elif value == 0:
        return "0"
    return f"{_short(value / size)}{word}{unit}"


def _short(value: float) -> str:
    """At most four decimals, no trailing zeros: 0.7000000001 → ``0.7``."""
    text = f"{round(value, 4):.4f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
