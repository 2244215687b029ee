"""Chinese line breaking: the one set of rules the terminal's tables and the charts' labels use.

Why one module: the rules (kinsoku shori, numbers kept whole with their units) were written
twice, once for ``cli.terminal`` and once for ``report.charts``, and had drifted (the charts
let ``,`` or ``〉`` start a line). Here are the shared pieces — the display width of a string,
the text cut into unbreakable pieces with punctuation glued on, and the greedy wrap — and the
callers keep only their extras (the terminal's hanging indents, the charts' balanced lines).

A leaf: it imports nothing of planwatch (the units are read from the phrase grammar's lexicon
file, not by importing ``planwatch.phrases``, whose import costs a third of a second).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import cache

# Never at the start of a line (kinsoku shori): closing punctuation, and what ends a number.
NO_START = frozenset("，。、；：！？）」』】》〉”’〕］｝…—,.;:!?)]}%％‰·")
# Never at the end of a line: opening brackets and quotes.
NO_END = frozenset("（「『【《〈“‘〔［｛([{")
_ASCII_WORD = re.compile(r"[!-~]+")
_DIGIT_END = re.compile(r"[0-9%％‰]$")
_NUMBER_CHARS = frozenset("0123456789.%")

Measure = Callable[[str], int]


def display_width(text: str) -> int:
    """Width in display units: a wide or full-width character (hanzi, ``，``) 2, others 1."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


@cache
def _number_suffixes() -> tuple[str, ...]:
    """The multipliers and units of the phrase grammar, longest first: ``6.5万人`` stays whole."""
    import tomllib
    from importlib.resources import files

    lexicon = files("planwatch").joinpath("phrases", "lexicon.toml").read_text("utf-8")
    raw = tomllib.loads(lexicon)
    words = {w for cls in ("multiplier", "unit") for w in raw[cls] if w != "_doc"}
    words |= {"月", "季度", "日", "号", "多", "余", "左右", "以上", "以下", "以内"}  # 1-6月, 5%左右
    return tuple(sorted(words, key=len, reverse=True))


def pieces(text: str) -> list[str]:
    """The text cut into pieces a line may not break inside.

    An ASCII run (a number, ``PW301``, ``PM2.5``, ``1.77:1``) is one piece, a path breaks
    after each ``/``; a number takes the multipliers and units after it; every other character
    is a piece; then closing punctuation joins the piece before it and opening punctuation
    the one after (``glue``).
    """
    found: list[str] = []
    position = 0
    while position < len(text):
        match = _ASCII_WORD.match(text, position)
        if match is None:
            found.append(text[position])
            position += 1
            continue
        word = match.group()
        position = match.end()
        if _DIGIT_END.search(word):
            word, position = _with_suffixes(text, word, position)
        found.extend(re.findall(r"[^/]*/|[^/]+", word))
    return glue(found)


def _with_suffixes(text: str, word: str, position: int) -> tuple[str, int]:
    """A number and the multiplier and unit that follow it (``1.2`` + ``万亿`` + ``元``)."""
    for _ in range(3):
        suffix = next((s for s in _number_suffixes() if text.startswith(s, position)), None)
        if suffix is None:
            break
        word += suffix
        position += len(suffix)
    return word, position


def glue(raw: Iterable[str]) -> list[str]:
    """Closing punctuation onto the piece before, opening punctuation onto the piece after.

    Spaces stay pieces of their own (a line may break there, and the space is then dropped);
    punctuation after a space is not glued to it.
    """
    glued: list[str] = []
    pending = ""
    for piece in raw:
        if piece.isspace():
            if pending:
                glued.append(pending)
                pending = ""
            glued.append(piece)
        elif glued and not pending and piece[0] in NO_START and not glued[-1].isspace():
            glued[-1] += piece
        elif piece[-1] in NO_END:
            pending += piece
        else:
            glued.append(pending + piece)
            pending = ""
    if pending:
        glued.append(pending)
    return glued


def wrap(text: str, width: int, measure: Measure = display_width) -> list[str]:
    """``text`` broken into lines of at most ``width`` (by ``measure``), greedily.

    A piece wider than the whole line (a long path) is the one thing cut; spaces at a break
    are dropped; the text's own newlines are kept. Joining the lines gives back the text
    less the spaces dropped at the breaks.
    """
    width = max(width, 2)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(_wrap_paragraph(paragraph, width, measure))
    return lines


def _wrap_paragraph(paragraph: str, width: int, measure: Measure) -> list[str]:
    lines: list[str] = []
    line = ""
    for piece in pieces(paragraph):
        if measure(line + piece) <= width:
            line += piece
            continue
        if piece.isspace():
            lines.append(line.rstrip())
            line = ""
            continue
        if line.strip():
            lines.append(line.rstrip())
        line = ""
        while measure(piece) > width:  # only a piece wider than a whole line is cut
            head = piece[: _cut(piece, len(_fit(piece, width, measure)))]
            lines.append(head)
            piece = piece[len(head) :]
        line = piece
    lines.append(line.rstrip())
    return lines


def _cut(piece: str, most: int) -> int:
    """Where to cut a piece wider than a line, at most ``most`` characters in: not before
    closing punctuation, and not inside a number's digits if that can be helped."""

    def inside_number(n: int) -> bool:
        return piece[n - 1] in _NUMBER_CHARS and piece[n] in _NUMBER_CHARS

    allowed = [n for n in range(most, 0, -1) if piece[n] not in NO_START]
    return next((n for n in allowed if not inside_number(n)), allowed[0] if allowed else most)


def _fit(text: str, width: int, measure: Measure) -> str:
    """The longest start of ``text`` within ``width`` (at least one character)."""
    end = 1
    while end < len(text) and measure(text[: end + 1]) <= width:
        end += 1
    return text[:end]
