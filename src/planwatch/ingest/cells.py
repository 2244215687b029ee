"""Cell text as every layout leaves it: spaces, full-width digits, not-applicable marks.

Also how a value split over an absolute and a growth column reads as one phrase, the way
the report's prose would print it (``8029.8亿元，增长3.7%``).
"""

from __future__ import annotations

import re

# Typed full-width by some authors; numbers and % are half-width in a clean report.
_HALF_WIDTH = str.maketrans("０１２３４５６７８９％＋", "0123456789%+")
_WIDE = r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]"
_CJK_GAP = re.compile(rf"(?<={_WIDE})[ \t\u3000]+(?={_WIDE})")
# Word and LibreOffice space Chinese apart from digits when they print (``2024 年``).
_DIGIT_GAP = re.compile(rf"(?<={_WIDE})[ \t\u3000]+(?=\d)|(?<=\d)[ \t\u3000]+(?={_WIDE})")
_NEEDS_CLEANING = re.compile(r"[\s\u3000０-９％＋．－−]")
_FULL_STOP_IN_NUMBER = re.compile(r"(?<=\d)．(?=\d)")
_MINUS_BEFORE_NUMBER = re.compile(r"[－−](?=\d)")
# A cell that says "not applicable": a dash of any width, a slash, an ellipsis.
_NOT_APPLICABLE = re.compile(r"^[—－\-–/／…·]+$")
_NUMBER_WITH_QUALIFIER = re.compile(
    r"^(?P<sign>[+-]?)(?P<number>\d+(?:\.\d+)?)(?P<percent>%?)(?P<rest>.*)$"
)
_QUALIFIERS = ("左右", "以上", "以下", "以内", "上下", "")


def clean_cell(text: str | None) -> str:
    """One line, trimmed, no spaces between Chinese characters, half-width digits and %."""
    if not text:
        return ""
    if not _NEEDS_CLEANING.search(text):
        return text  # most cells: nothing to do, and this runs for every cell twice
    text = " ".join(text.split())
    text = _CJK_GAP.sub("", text).translate(_HALF_WIDTH)
    text = _FULL_STOP_IN_NUMBER.sub(".", text)
    return _MINUS_BEFORE_NUMBER.sub("-", text)


def close_cjk_gaps(text: str) -> str:
    """``关 于 苏 州`` → ``关于苏州``, ``苏州市 2024 年`` → ``苏州市2024年``: the spacing a
    PDF's layout puts between Chinese characters, and between Chinese and digits."""
    return _DIGIT_GAP.sub("", _CJK_GAP.sub("", text))


def is_not_applicable(text: str | None) -> bool:
    """``—``, ``-``, ``/``: the table says the column does not apply to this row."""
    if not text:
        return False
    return bool(_NOT_APPLICABLE.match(text.strip()))


def value_or_none(text: str | None) -> str | None:
    """The cell's text, or None when it is empty or marked not applicable."""
    if not text or is_not_applicable(text):
        return None
    return text


def growth_phrase(cell: str) -> str:
    """``3.7`` → ``增长3.7%``, ``-2.1`` → ``下降2.1%``, ``7左右`` → ``增长7%左右``.

    A cell that already says what it is (``增长5%``, ``持平``) is kept as printed.
    """
    match = _NUMBER_WITH_QUALIFIER.match(cell)
    if not match or match["rest"] not in _QUALIFIERS:
        return cell
    verb = "下降" if match["sign"] == "-" else "增长"
    return f"{verb}{match['number']}%{match['rest']}"


def absolute_phrase(cell: str, unit: str | None) -> str:
    """``8029.8`` with unit ``亿元`` → ``8029.8亿元``, ``60以上`` → ``60家以上``.

    Text, or a number that already carries a unit, is kept as printed.
    """
    match = _NUMBER_WITH_QUALIFIER.match(cell)
    if not unit or not match or match["percent"] or match["rest"] not in _QUALIFIERS:
        return cell
    return f"{match['sign']}{match['number']}{unit}{match['rest']}"


def combine_parts(parts: dict[str, str], unit: str | None) -> str | None:
    """The phrase the report would print for a value split into absolute and growth."""
    pieces = []
    if "absolute" in parts:
        pieces.append(absolute_phrase(parts["absolute"], unit))
    if "growth" in parts:
        pieces.append(growth_phrase(parts["growth"]))
    return "，".join(pieces) or None
