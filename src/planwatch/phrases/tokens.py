"""The tokenizer of the phrase grammar: a normalised phrase to a list of classed tokens.

At each position, in order: a rank (``第7位``), a number with its multiplier and unit
(``1.3万亿斤``, ``-2.6``, ``1.77:1``, ``两家``), a range dash between two numbers, then the
longest word of the lexicon; anything else gathers into an unknown word. A one-character word
of the lexicon standing against unknown characters is part of that unknown word: 居 is a rank
word in 居全国第7位 but a letter of 居民, 排 ranks in 排第3 but not in 排放. So only words a
phrase really uses as words take part in its shape.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import cache, lru_cache
from typing import NamedTuple

from planwatch.model import Quantity
from planwatch.phrases.lexicon import Entry, lexicon
from planwatch.phrases.numbers import (
    CHINESE_NUMERAL_CHARS,
    MULTIPLIER_WORDS,
    PERCENT,
    RATIO,
    UNIT_ALIASES,
    UNIT_FACTORS,
    UNITS,
    UnitHint,
    chinese_numeral,
    exact_float,
    multiplier_at,
)

NUMBER = "number"
RANGE = "range"
WORD = "word"  # an unknown word
RANK_POSITION = "rank_position"  # 第7位
PUNCT = "punct"
LIST = "list"  # 、 between the parts of 分别增长5%、6%

_DIGITS = re.compile(r"[+-]?\d+(?:\.\d+)?(?::\d+(?:\.\d+)?)?")
_FRACTION = re.compile(r"(\d+)/(\d+)(?![\d.])")
_RANK = re.compile(r"第(\d+|[一二三四五六七八九十]+)(?:位|名)")
_CN_NUMERAL_CHARS = frozenset(CHINESE_NUMERAL_CHARS)
CN_NUMERAL = re.compile(f"[{CHINESE_NUMERAL_CHARS}]+")
_DASHES = frozenset("-~")
_RANGE_WORDS = ("至", "到")
_PUNCT = frozenset("、,;:.。()“”\"'!?/|")


class Token(NamedTuple):
    """One token: its class (a lexicon class, or number, range, word …), text and meaning.

    A named tuple, not a dataclass: phrases make many, and a tuple is built several times faster.
    """

    cls: str
    text: str
    meaning: str | None = None
    quantity: Quantity | None = None


@cache
def _words() -> dict[str, Entry]:
    return lexicon().token_words()


@cache
def _count_units() -> tuple[str, ...]:
    return tuple(sorted(lexicon().words("count_unit"), key=len, reverse=True))


@cache
def _units_by_length() -> tuple[tuple[int, frozenset[str]], ...]:
    sizes = sorted({len(u) for u in UNITS}, reverse=True)
    return tuple((size, frozenset(u for u in UNITS if len(u) == size)) for size in sizes)


def _unit_at(text: str, start: int) -> str | None:
    """The longest unit at ``start`` (个百分点 before 个)."""
    for size, units in _units_by_length():
        if text[start : start + size] in units:
            return text[start : start + size]
    return None


def _number_at(text: str, start: int, hint: UnitHint) -> tuple[Token, int] | None:
    """A number with its multiplier and unit at ``start``, and where it ends."""
    fraction = _FRACTION.match(text, start)
    if fraction and _unit_at(text, fraction.end()) is None and int(fraction.group(2)):
        # 占全国1/3以上: a part of a whole is a share, in per cent
        exact = Decimal(fraction.group(1)) / Decimal(fraction.group(2)) * 100
        share = Quantity.model_construct(
            value=exact_float(exact), unit=PERCENT, text=fraction.group()
        )
        return Token(NUMBER, fraction.group(), None, share), fraction.end()
    match = _DIGITS.match(text, start)
    if match is None:
        return _chinese_number_at(text, start)
    digits = match.group()
    end = match.end()
    # Try with the multiplier and without: 5千千瓦 is 5000 千瓦, 5千瓦 is 5 千瓦.
    choices: list[tuple[int, tuple[str, Decimal] | None, str | None]] = []
    mult = multiplier_at(text, end)
    if mult is not None:
        word, _ = mult
        unit = _unit_at(text, end + len(word))
        choices.append((len(word) + len(unit or ""), mult, unit))
    unit = _unit_at(text, end)
    choices.append((len(unit or ""), None, unit))
    size, mult, unit = max(choices, key=lambda c: c[0])
    per = _per_unit(text, end + size) if unit else None
    if per is not None:  # 0.6人/百亿元: a unit per an amount of another
        unit, size = f"{unit}/{per}", size + 1 + len(per)
    quantity = _quantity(digits, mult, unit, hint, text[start : end + size])
    if quantity is None:
        return None
    printed = text[start : end + size]
    return Token(NUMBER, printed, mult[0] if mult else None, quantity), end + size


def _per_unit(text: str, start: int) -> str | None:
    """``/百亿元`` after a unit: the unit it is counted per, with its multiplier."""
    if not text.startswith("/", start):
        return None
    mult = multiplier_at(text, start + 1)
    after = start + 1 + (len(mult[0]) if mult else 0)
    unit = _unit_at(text, after)
    return text[start + 1 : after] + unit if unit else None


def _quantity(
    digits: str, mult: tuple[str, Decimal] | None, unit: str | None, hint: UnitHint, text: str
) -> Quantity | None:
    """The exact value of a printed number: decimals, not floats, until the very end."""
    try:
        if ":" in digits:
            if mult or unit:
                return None
            top, bottom = (Decimal(part) for part in digits.split(":"))
            if bottom == 0:
                return None
            return Quantity.model_construct(value=exact_float(top / bottom), unit=RATIO, text=text)
        value = Decimal(digits)
    except InvalidOperation:
        return None
    if mult is not None:
        value *= mult[1]
    if unit:
        value *= UNIT_FACTORS.get(unit, Decimal(1))
        unit = UNIT_ALIASES.get(unit, unit)
    elif hint.unit and mult is None:
        value *= Decimal(repr(hint.multiplier))
        unit = hint.unit
    if not value.is_finite():
        return None
    return Quantity.model_construct(value=exact_float(value), unit=unit, text=text)


def _chinese_number_at(text: str, start: int) -> tuple[Token, int] | None:
    """``两家``, ``十二项``, ``一千五百人``: Chinese numerals count only before a measure word
    and not before more numerals (三个一百 and 十四五 are names)."""
    match = CN_NUMERAL.match(text, start)
    if match is None:
        return None
    unit = next((u for u in _count_units() if text.startswith(u, match.end())), None)
    if unit is None:
        return None
    end = match.end() + len(unit)
    if CN_NUMERAL.match(text, end):
        return None
    value = chinese_numeral(match.group())
    if value is None:
        return None
    printed = text[start:end]
    exact = Decimal(value) * UNIT_FACTORS.get(unit, Decimal(1))
    quantity = Quantity.model_construct(
        value=exact_float(exact), unit=UNIT_ALIASES.get(unit, unit), text=printed
    )
    return Token(NUMBER, printed, quantity=quantity), end


# 突破万亿元, 超千亿: after a comparator or a level verb a multiplier alone is one of it.
_BEFORE_BARE_MULTIPLIER = frozenset({"pre_comparator", "level_verb"})


def _bare_multiplier_at(text: str, start: int, hint: UnitHint) -> tuple[Token, int] | None:
    mult = multiplier_at(text, start)
    if mult is None or mult[0] in ("千", "百"):  # 超千家 is rare; 超百分之 is not a number
        return None
    end = start + len(mult[0])
    unit = _unit_at(text, end)
    if unit is None:
        return None
    end += len(unit)
    quantity = _quantity("1", mult, unit, hint, text[start:end])
    if quantity is None:
        return None
    return Token(NUMBER, text[start:end], mult[0], quantity), end


def number_needs() -> str:
    """A pattern found wherever the tokenizer can make a number, as the branches above make
    one: a digit; Chinese numerals before a measure word (两家, 一千五百人); a multiplier
    other than 千 and 百 before a unit (超万亿元); a number word (翻番, 一半).

    Wider than the tokenizer, which also looks at what comes before and after, and never
    narrower: a core without it has no number, and the numeric shape reads none. The numeral
    characters alone were the numeric families' key words, so 一般公共预算收入, 零售总额 and
    每万劳动力 were tokenized and matched for nothing (issue 17: a big table's names).
    """
    multipliers = sorted(set(MULTIPLIER_WORDS) - {"千", "百"}, key=len, reverse=True)
    units = "|".join(map(re.escape, UNITS))
    return "|".join(
        (
            r"\d",
            f"[{CHINESE_NUMERAL_CHARS}]+(?:{'|'.join(map(re.escape, _count_units()))})",
            f"(?:{'|'.join(map(re.escape, multipliers))})(?:{units})",
            lexicon().alternation("number_word"),
        )
    )


def _number_word(entry: Entry) -> list[Token]:
    """一半 → 50 %; 翻番 → a change verb and 100 % (it says both how and how much)."""
    verb, _, amount = entry.meaning.rpartition(" ")
    value = Decimal(amount.removesuffix("%"))
    quantity = Quantity.model_construct(value=exact_float(value), unit=PERCENT, text=entry.word)
    number = Token(NUMBER, entry.word, None, quantity)
    return [Token("change_verb", "", "up"), number] if verb == "growth" else [number]


@cache
def _sizes_by_first_character() -> dict[str, tuple[int, ...]]:
    """For each first character, the lengths of the words that begin with it, longest first."""
    sizes: dict[str, set[int]] = {}
    for word in _words():
        sizes.setdefault(word[0], set()).add(len(word))
    return {char: tuple(sorted(found, reverse=True)) for char, found in sizes.items()}


def _word_at(text: str, start: int) -> Entry | None:
    words = _words()
    for size in _sizes_by_first_character().get(text[start], ()):
        entry = words.get(text[start : start + size])
        if entry is not None:
            return entry
    return None


def _is_range(text: str, start: int, previous: Token | None) -> str | None:
    """A dash or 至/到 between two numbers: 5%-6%, 5至6万人."""
    if previous is None or previous.cls != NUMBER:
        return None
    for mark in (*_DASHES, *_RANGE_WORDS):
        after = start + len(mark)
        if text.startswith(mark, start) and after < len(text) and text[after].isdigit():
            return mark
    return None


@cache
def _starts() -> frozenset[str]:
    """Every character at which a token other than an unknown word can begin.

    Why: most characters of a long name (规上工业增加值) start nothing; testing them against this
    one set skips the rank, range, number, multiplier, numeral and word tests, which would each
    fail (issue 17: cold parsing). Digits are tested apart (``str.isdigit`` knows more than 0-9).
    """
    multipliers = {word[0] for word in MULTIPLIER_WORDS}
    words = set(_sizes_by_first_character())
    marks = {"第", "+", *_DASHES, *(w[0] for w in _RANGE_WORDS)}
    return frozenset(marks | multipliers | words | _CN_NUMERAL_CHARS | _PUNCT)


@lru_cache(maxsize=65536)
def tokenize(core: str, hint: UnitHint | None = None) -> tuple[Token, ...]:
    """The tokens of a normalised phrase core (see ``grammar.prepare``); cached, since a
    phrase's clauses and its diagnosis read the same cores again."""
    hint = hint or UnitHint()
    tokens: list[Token] = []
    unknown: list[str] = []
    i = 0

    def push(token: Token) -> None:
        if unknown:
            tokens.append(Token(WORD, "".join(unknown)))
            unknown.clear()
        tokens.append(token)

    starts = _starts()
    while i < len(core):
        if core[i] not in starts and not core[i].isdigit():
            unknown.append(core[i])  # no branch below can start here: a letter of a name
            i += 1
            continue
        previous = tokens[-1] if tokens and not unknown else None
        rank = _RANK.match(core, i) if core[i] == "第" else None
        if rank:
            push(Token(RANK_POSITION, rank.group(), rank.group(1)))
            i = rank.end()
            continue
        dash = _is_range(core, i, previous) if previous and previous.cls == NUMBER else None
        if dash:
            push(Token(RANGE, dash))
            i += len(dash)
            continue
        signed = core[i] in "+-" and not (previous and previous.cls == NUMBER)
        if signed or core[i].isdigit():
            found = _number_at(core, i, hint)
            if found:
                push(found[0])
                i = found[1]
                continue
        if previous is not None and previous.cls in _BEFORE_BARE_MULTIPLIER:
            found = _bare_multiplier_at(core, i, hint)
            if found:
                push(found[0])
                i = found[1]
                continue
        if core[i] in _CN_NUMERAL_CHARS:
            found = _chinese_number_at(core, i)
            if found:
                push(found[0])
                i = found[1]
                continue
        entry = _word_at(core, i)
        if entry is not None and entry.cls == "number_word":
            for token in _number_word(entry):
                push(token)
            i += len(entry.word)
            continue
        if entry is not None:
            push(Token(entry.cls, entry.word, entry.meaning))
            i += len(entry.word)
            continue
        if core[i] in _PUNCT:
            push(Token(LIST if core[i] == "、" else PUNCT, core[i]))
        else:
            unknown.append(core[i])
        i += 1
    if unknown:
        tokens.append(Token(WORD, "".join(unknown)))
    return tuple(_absorb_letters(tokens))


def _absorb_letters(tokens: list[Token]) -> list[Token]:
    """One-character words next to an unknown word are letters of it (居 in 居民).

    The first unknown word with a letter beside it takes it (the one on its left first), and
    again until none is left. A merge never gives an earlier unknown word a new letter beside
    it, so the scan goes on from the merged word instead of from the start: one pass, where
    restarting made a long name of many one-character words quadratic (issue 17).
    """
    index = 0
    while index < len(tokens):
        if tokens[index].cls == WORD:
            other = next(
                (
                    i
                    for i in (index - 1, index + 1)
                    if 0 <= i < len(tokens) and _is_letter(tokens[i])
                ),
                None,
            )
            if other is not None:
                low, high = sorted((index, other))
                tokens[low : high + 1] = [Token(WORD, tokens[low].text + tokens[high].text)]
                index = low
                continue
        index += 1
    return tokens


def _is_letter(token: Token) -> bool:
    return len(token.text) == 1 and token.cls not in (NUMBER, RANGE, PUNCT, LIST, WORD)


def unknown_words(tokens: tuple[Token, ...]) -> list[str]:
    """The words no lexicon entry knows, for the note of an unknown phrase."""
    return [t.text for t in tokens if t.cls in (WORD, PUNCT)]
