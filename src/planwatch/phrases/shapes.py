"""The shapes of numeric and relative phrases: sequences of token classes, not of words.

A phrase is tokenized (``tokens.tokenize``) and each token becomes one letter of its class;
a shape is a regular expression over those letters, so ``增长不超过5%``, ``增速控制在5%以内``
and ``降幅超过3%`` are one shape with different words, and a word the lexicon does not know
can only stand where a shape allows a free name. The comparator is computed once, from the
words before and after the number (``comparator_of``): a comparator word is a class of its own
and can never be read as a subject.

Letters: N number, R range dash, P pre-comparator, B post-comparator, C change verb, T 至/到,
L level verb, I increment verb, M measure, G relation, S 同步, F reference, V 上年, H hedge,
A filler, E 分别, K rank word, O 第N位, W a name (unknown word or known noun), X punctuation,
Y 、, Z 从 (a change's start), Q 占 (a share of).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import TypedDict

from planwatch.model import FLIPPED, Comparator, Quantity, TargetKind, TargetSpec, Trend
from planwatch.phrases.lexicon import lexicon
from planwatch.phrases.numbers import (
    MULTIPLIER_WORDS,
    NO_UNIT_HINT,
    PERCENT,
    POINTS,
    UnitHint,
    exact_float,
)
from planwatch.phrases.tokens import NUMBER, WORD, Token, tokenize

# One hint object for the caches' keys: tokenize(core) and tokenize(core, UnitHint()) read alike.
NO_HINT = NO_UNIT_HINT

LETTERS = {
    NUMBER: "N",
    "range": "R",
    "pre_comparator": "P",
    "post_comparator": "B",
    "change_verb": "C",
    "to": "T",
    "level_verb": "L",
    "increment_verb": "I",
    "measure": "M",
    "relation": "G",
    "sync": "S",
    "reference": "F",
    "previous": "V",
    "hedge": "H",
    "filler": "A",
    "rank": "K",
    "rank_position": "O",
    "noun": "W",
    "from": "Z",
    "run": "U",
    "share_of": "Q",
    WORD: "W",
    "punct": "X",
    "list": "Y",
}
COMPARATORS = {
    "ge": Comparator.GE,
    "le": Comparator.LE,
    "approx": Comparator.APPROX,
    "range": Comparator.RANGE,
}

NUMERIC = re.compile(
    r"H*A*(?P<subj>[WF][WFMA]*?)?A*(?P<run>UN)?A*(?P<from>Z(?:NA)?NA*)?(?P<pre>P)?A*(?P<l0>L)?A*(?P<m>M)?A*"
    r"(?:(?P<c>C)(?P<to>T)?|(?P<i>I)(?P<what>[WF][WFA]*?)?)?"
    r"A*(?P<l>L)?A*(?P<pre2>P)?A*(?P<l2>L)?A*(?P<year>NA)?(?P<n>N)(?:R(?P<n2>N))?(?P<post>B)?A*"
)
RELATIVE = re.compile(
    r"H*A*(?P<subj>[WF][WFMA]*?)?A*(?P<c>C)?A*M?A*(?P<rel>[GPL])(?P<ref>[FWA]+?)(?P<m>M)?A*"
    r"(?P<gpre>P)?(?P<gap>N)?(?P<s>S)?(?P<c2>C)?"
)
SHARE_OF = re.compile(
    r"A*(?P<pre>P)?(?:Q(?P<scope>[FW][FWA]*?)|(?P<l0>L)(?P<whole>F))(?P<m>M)?A*(?P<l>L)?A*"
    r"(?P<pre2>P)?A*(?P<n>N)(?P<post>B)?"
)


def letter(token: Token) -> str:
    if token.cls == "filler" and token.meaning == "respectively":
        return "E"
    return LETTERS.get(token.cls, "X")


def letters(tokens: tuple[Token, ...]) -> str:
    return "".join(map(letter, tokens))


class SpecFields(TypedDict, total=False):
    """The fields of a ``TargetSpec`` a builder may fill in besides its phrase, kind and family."""

    comparator: Comparator
    value: Quantity | None
    upper: Quantity | None
    basis: str | None
    tolerance: float | None
    trend: Trend | None
    reference: str | None
    subject: str | None
    parts: list[TargetSpec]
    stretch: TargetSpec | None
    note: str | None


@dataclass(frozen=True)
class Reading:
    """What a shape made of a phrase: the spec, or why it could not."""

    spec: TargetSpec | None = None
    why: str | None = None


class Groups:
    """The tokens each named group of a shape matched (one letter is one token).

    Each group is sliced when asked for: a shape names about twenty groups and a reading
    asks for a few of them (issue 17: cold parsing)."""

    __slots__ = ("_index", "_match", "_tokens")

    def __init__(self, match: re.Match[str], tokens: tuple[Token, ...]) -> None:
        self._match, self._tokens, self._index = match, tokens, match.re.groupindex

    def span(self, group: str) -> tuple[Token, ...]:
        index = self._index.get(group)
        if index is None:
            return ()
        start, end = self._match.span(index)
        return self._tokens[start:end] if end > start else ()

    def one(self, group: str) -> Token | None:
        index = self._index.get(group)
        if index is None:
            return None
        start, end = self._match.span(index)
        return self._tokens[start] if end > start else None

    def only(self, group: str) -> Token:
        """The token of a group the shape always matches (``KeyError`` if it did not)."""
        found = self.one(group)
        if found is None:
            raise KeyError(group)
        return found


def _text(found: tuple[Token, ...]) -> str | None:
    return "".join(t.text for t in found) or None


def comparator_of(*words: Token | None) -> Comparator | None:
    """The comparator of the bound words, last (after the number) first; ``None`` when they
    contradict each other (``不超过5%以上``)."""
    said = [COMPARATORS[w.meaning] for w in words if w is not None and w.meaning in COMPARATORS]
    if not said:
        return Comparator.EQ
    strict = {c for c in said if c in (Comparator.GE, Comparator.LE)}
    if len(strict) > 1:
        return None
    return said[-1]


def _negated(quantity: Quantity) -> Quantity:
    return Quantity(value=-quantity.value, unit=quantity.unit, text=quantity.text)


def _range(low_token: Token, high_token: Token | None) -> tuple[Quantity, Quantity | None] | None:
    """The ends of ``5%-6%`` or ``5-6万人``: the first borrows the second's multiplier and
    unit; ends in different units, or the wrong way round, are no range we understand."""
    low = low_token.quantity
    if low is None:
        return None
    if high_token is None:
        return low, None
    high = high_token.quantity
    if high is None:
        return None
    if low.unit is None and low_token.meaning is None and high.unit is not None:
        factor = MULTIPLIER_WORDS.get(high_token.meaning or "", Decimal(1))
        exact = Decimal(repr(low.value)) * factor
        low = Quantity(value=exact_float(exact), unit=high.unit, text=low.text)
    if low.unit != high.unit or low.value > high.value:
        return None
    return low, high


@lru_cache(maxsize=1)
def noun_suffixes() -> frozenset[str]:
    return frozenset(lexicon().words("noun_suffix"))


def _names_a_measure(subject: tuple[Token, ...]) -> bool:
    """A subject right before its number must be a measured noun: 失业率, 粮食产量, 比重."""
    last = subject[-1]
    return last.cls in ("noun", "reference", "measure") or last.text[-1] in noun_suffixes()


@lru_cache(maxsize=65536)
def read_numeric(core: str, hint: UnitHint = NO_HINT) -> Reading:
    """Growth, level and increment phrases: one shape, the kind from the verb and the unit.

    Cached by the core's text (cheap to hash, unlike its tokens)."""
    tokens, hint_growth = tokenize(core, hint), hint.growth
    match = NUMERIC.fullmatch(letters(tokens))
    if match is None:
        return Reading()
    groups = Groups(match, tokens)
    one = groups.one
    comparator = comparator_of(one("pre"), one("pre2"), one("post"))
    if comparator is None:
        return Reading(why="比较词前后矛盾")
    found = _range(groups.only("n"), one("n2"))
    if found is None:
        return Reading(why="范围两端的单位或大小不一致")
    low, high = found
    if high is not None:
        comparator = Comparator.RANGE
    elif comparator is Comparator.RANGE:
        return Reading(why="“之间”需要两个数值")
    subject = groups.span("subj")
    verb, to, measure, increment = one("c"), one("to"), one("m"), one("i")
    if not _years_only(groups.span("year"), groups.span("from")):
        return Reading(why="数值前后的年份不清楚")
    start, run = one("from"), groups.span("run")
    if start is not None and start.meaning == "from" and to is None:
        return Reading(why="“从…”之后应有“提高到/下降至…”")
    if start is not None and start.meaning == "base":
        base = groups.span("from")[1:2]
        if not base or not _is_year(base[0]):
            return Reading(why="“较/比”之后应为年份")
    if run and not _is_year(run[1]):
        return Reading(why="“连续”之后应为年数")
    if verb is not None and low.unit == TIMES:  # 增长4.9倍 is a growth of 490 %
        low = _times_as_percent(low)
        high = _times_as_percent(high) if high else None
    fields: SpecFields = {"comparator": comparator, "value": low, "upper": high}
    fields["subject"] = _text(subject)
    down = verb is not None and verb.meaning == "down"
    if verb is not None and to is None:
        if measure is not None and measure.meaning == "fall":
            return Reading(why=f"“{measure.text}”与“{verb.text}”重复")
        kind = _change_kind(low)
        fields["trend"] = Trend.DOWN if down else Trend.UP
    elif verb is not None:
        kind, fields["trend"] = TargetKind.LEVEL, Trend.DOWN if down else Trend.UP
    elif increment is not None:
        if low.unit in (PERCENT, POINTS):
            return Reading(why=f"“{increment.text}”后应为数量，不是百分比")
        # 新增150家 is an increment; 完成投资80亿元 the amount done, a level
        done = increment.meaning == "done"
        kind = TargetKind.LEVEL if done else TargetKind.INCREMENT
        fields["trend"] = None if done else Trend.UP
        fields["subject"] = _text(subject + groups.span("what"))
    elif measure is not None and measure.meaning in ("growth", "fall"):
        if low.unit not in (PERCENT, None):
            return Reading(why=f"“{measure.text}”后应为百分比")
        kind, down = TargetKind.GROWTH, measure.meaning == "fall"
        fields["trend"] = Trend.DOWN if down else Trend.UP
    else:
        bare = not any(one(g) for g in ("pre", "l0", "m", "l", "pre2", "l2"))
        if subject and bare and not _names_a_measure(subject):
            return Reading(why=f"不认识“{_text(subject)}”")
        printed_unit = groups.only("n").text[-1].isdigit()
        kind = TargetKind.GROWTH if hint_growth and printed_unit else TargetKind.LEVEL
    if down and kind is not TargetKind.LEVEL:
        fields["value"], fields["upper"] = (
            (_negated(high), _negated(low)) if high else (_negated(low), None)
        )
        fields["comparator"] = FLIPPED.get(comparator, comparator)
    family = {TargetKind.SHARE_CHANGE: "growth", TargetKind.INCREMENT: "increment"}
    family[TargetKind.GROWTH] = "growth"
    return Reading(TargetSpec(phrase="", kind=kind, family=family.get(kind, "level"), **fields))


TIMES = "倍"


def _times_as_percent(quantity: Quantity) -> Quantity:
    exact = Decimal(repr(quantity.value)) * 100
    return Quantity(value=exact_float(exact), unit=PERCENT, text=quantity.text)


def _years_only(year: tuple[Token, ...], start: tuple[Token, ...]) -> bool:
    """In 从2020年的10.5万元提高到2025年的14万元 the numbers before 的 are years."""
    dated = [year[0]] if year else []
    if len(start) > 2 and start[2].cls == "filler":  # 从 N 的 N: the first is a year
        dated.append(start[1])
    return all(map(_is_year, dated))


def _is_year(token: Token) -> bool:
    return token.quantity is not None and token.quantity.unit == "年"


def _change_kind(value: Quantity) -> TargetKind:
    """增长5% is a rate, 提高0.5个百分点 a change of share, 增加150家 an increment."""
    if value.unit == POINTS:
        return TargetKind.SHARE_CHANGE
    if value.unit in (PERCENT, None):
        return TargetKind.GROWTH
    return TargetKind.INCREMENT


@lru_cache(maxsize=65536)
def read_relative(core: str) -> Reading:
    """与经济增长基本同步, 增长和经济发展同步, 快于经济增长, 高于地区生产总值增幅."""
    tokens = tokenize(core, NO_HINT)
    match = RELATIVE.fullmatch(letters(tokens))
    if match is None:
        return Reading()
    groups = Groups(match, tokens)
    relation, sync = groups.one("rel"), groups.one("s")
    reference = groups.span("ref")
    measured = groups.one("m") is not None  # 城镇居民收入增速: another indicator's growth
    gapped = groups.one("gap") is not None  # 高于全部规上工业2.3个百分点: a comparison by its gap
    if not (measured or gapped) and not any(t.cls == "reference" for t in reference):
        return Reading(why=f"不认识比较对象“{_text(reference)}”")
    assert relation is not None
    if relation.meaning == "with" and sync is None:
        return Reading()
    if relation.cls == "level_verb" and relation.meaning == "reach":  # 达到全国平均水平
        relation = Token("relation", relation.text, "ge")
    if relation.meaning not in ("with", "ge", "le"):
        return Reading()
    gap = groups.one("gap")
    if gap is not None and (sync is not None or gap.quantity is None):
        return Reading(why="同步目标不应带差距数值")
    if gap is not None and gap.quantity is not None and gap.quantity.unit not in (POINTS, PERCENT):
        return Reading(why=f"与比较对象的差距“{gap.text}”应为百分点")
    if relation.meaning != "with" and sync is not None:
        return Reading(why=f"“{relation.text}”与“{sync.text}”矛盾")
    comparator = Comparator.APPROX if sync is not None else COMPARATORS[relation.meaning]
    family = "relative_sync" if sync is not None else "relative"
    spec = TargetSpec(
        phrase="",
        kind=TargetKind.RELATIVE,
        comparator=comparator,
        reference=_text(reference),
        value=gap.quantity if gap is not None else None,
        subject=_text(groups.span("subj")),
        family=family,
    )
    return Reading(spec)


@lru_cache(maxsize=65536)
def read_share(core: str) -> Reading:
    """占全国份额达15%, 约占全国比重的24.2%: a share of a wider whole, in per cent."""
    tokens = tokenize(core, NO_HINT)
    match = SHARE_OF.fullmatch(letters(tokens))
    if match is None:
        return Reading()
    groups = Groups(match, tokens)
    one = groups.one
    comparator = comparator_of(one("pre"), one("pre2"), one("post"))
    value = groups.only("n").quantity
    if comparator is None or value is None or value.unit != PERCENT:
        return Reading(why="占比应为百分比")
    scope = _text(groups.span("scope") or groups.span("whole"))  # 稳定在全国1/10以上
    spec = TargetSpec(
        phrase="",
        kind=TargetKind.SHARE,
        comparator=comparator,
        value=value,
        subject=scope,
        family="share_value",
    )
    return Reading(spec)


def with_phrase(spec: TargetSpec, phrase: str, basis: str | None, note: str | None) -> TargetSpec:
    """A shape's spec dressed with the phrase as printed, its basis and remark."""
    return spec.model_copy(update={"phrase": phrase, "basis": basis, "note": note})
