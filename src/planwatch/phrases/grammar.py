"""The machinery of the phrase grammar: a phrase family is a pattern plus a builder.

A family (``growth``, ``level``, ``external`` …) matches the *whole* core of a phrase, after
the basis (``同口径``, ``（新口径）``) and remarks in brackets are taken off. Partial matches are
not accepted: a phrase with words left over is a phrase we do not understand, and the product
promises never to guess. Families are tried in registry order; a builder may decline a match
(return ``None``) to let later families try.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from typing import Unpack

from planwatch.model import Comparator, Quantity, TargetKind, TargetSpec
from planwatch.phrases.lexicon import lexicon
from planwatch.phrases.numbers import MULTIPLIERS, UnitHint, normalise, qty_pattern, quantity_from
from planwatch.phrases.shapes import COMPARATORS, SpecFields
from planwatch.phrases.tokens import Token, tokenize

# A subject before the verb: 总量增长10%, 产量保持稳定, 全年收入比缩小至1.77:1.
# Lazy twice over (``??`` and ``{0,15}?``): no subject is tried first, then the shortest, so
# 较同期基本持平 keeps 较同期 as the comparison and 产量保持稳定 takes 产量, not 产量保持.
SUBJECT = r"(?P<subject>[\u4e00-\u9fffA-Za-z][\u4e00-\u9fffA-Za-z0-9.]{0,15}?)??"
# One value, or a range: 5%-6%, 5-6%, 5%~6%, 5%至6%.
VALUE = rf"{qty_pattern('v')}(?:(?:-|~|至|到){qty_pattern('u')})?"


# The bound words of the regular-expression families (share, event counts), from the lexicon.
BOUND = rf"(?P<bound>{lexicon().alternation('post_comparator')})?"
COMPARATOR_WORDS: dict[str, Comparator] = {
    word: COMPARATORS[meaning]
    for cls in ("pre_comparator", "post_comparator")
    for word, meaning in lexicon().words(cls).items()
}

_BASIS = re.compile(rf"^(?P<basis>{lexicon().alternation('basis')})")
_BRACKETS = re.compile(r"\((?P<inner>[^()]*)\)")
_EDGE_PUNCTUATION = ",;。.、:"


@dataclass(frozen=True)
class Parse:
    """A phrase prepared for the families: the original, its core, basis, remark and hint."""

    phrase: str
    core: str
    basis: str | None = None
    note: str | None = None
    hint: UnitHint = field(default_factory=UnitHint)
    family: str | None = None

    @cached_property
    def tokens(self) -> tuple[Token, ...]:
        """The core's tokens, made once per phrase for all the shapes that read it."""
        return tokenize(self.core, self.hint)  # cached by the core's text

    def spec(self, kind: TargetKind, **fields: Unpack[SpecFields]) -> TargetSpec:
        """A ``TargetSpec`` of this phrase with basis, remark and family filled in."""
        fields.setdefault("basis", self.basis)
        fields.setdefault("note", self.note)
        return TargetSpec(phrase=self.phrase, kind=kind, family=self.family, **fields)


@lru_cache(maxsize=65536)
def prepare(phrase: str, hint: UnitHint | None = None) -> Parse:
    """Normalise a phrase and take off its basis and bracketed remarks.

    ``90%以上（新口径）`` → core ``90%以上``, basis ``新口径``;
    ``68.85件(按2019年人口数测算)`` → core ``68.85件``, remark ``按2019年人口数测算``.
    """
    core = fold_traditional(normalise(phrase))
    basis = None
    remarks = []
    if "(" in core:  # most phrases have no bracket: skip both scans (issue 17)
        for bracket in _BRACKETS.finditer(core):
            inner = bracket.group("inner")
            if "口径" in inner:
                basis = inner
            elif inner:
                remarks.append(inner)
        core = _BRACKETS.sub("", core)
    match = _BASIS.match(core)
    if match:
        basis = basis or match.group("basis")
        core = core[match.end() :]
    core = core.strip(_EDGE_PUNCTUATION)
    return Parse(phrase, core, basis, "；".join(remarks) or None, hint or UnitHint())


@cache
def _converter():
    """OpenCC's traditional-to-simplified table (the project's own, maintained by its authors):
    a report from Hong Kong, Macao or Taiwan writes 增長, 達到, 億; the grammar reads 增长."""
    import opencc

    return opencc.OpenCC("t2s")


def fold_traditional(text: str) -> str:
    """Traditional characters folded to simplified; ASCII-only text is returned as it is."""
    if text.isascii():
        return text
    return _converter().convert(text)


# Classes of grammar words: a subject holding one of them is a misread, not a name.
_GRAMMAR_CLASSES = frozenset(
    {
        "pre_comparator",
        "post_comparator",
        "relation",
        "sync",
        "change_verb",
        "level_verb",
        "increment_verb",
        "hedge",
        "to",
    }
)


def is_name(subject: str, ctx: Parse) -> bool:
    """Whether a subject is a name: none of the phrase's tokens under it is a comparator,
    relation, verb or hedge. Read in the whole phrase: 与 in 与经济增长 is a relation there."""
    start = ctx.core.find(subject)
    if start < 0:
        return True
    end, position = start + len(subject), 0
    for token in ctx.tokens:
        after = position + len(token.text)
        if position < end and after > start and token.cls in _GRAMMAR_CLASSES:
            return False
        position = after
    return True


Builder = Callable[[re.Match[str], Parse], TargetSpec | None]


@dataclass(frozen=True)
class Family:
    """One phrase family: its name, a pattern over the whole core, and what it builds."""

    name: str
    pattern: re.Pattern[str]
    build: Builder
    examples: tuple[str, ...] = ()
    needs: re.Pattern[str] | None = None  # a cheap test first: the family's key words

    def parse(self, ctx: Parse) -> TargetSpec | None:
        if self.needs is not None and self.needs.search(ctx.core) is None:
            return None
        match = self.pattern.fullmatch(ctx.core)
        if match is None:
            return None
        named = Parse(ctx.phrase, ctx.core, ctx.basis, ctx.note, ctx.hint, self.name)
        spec = self.build(match, named)
        subject = match.groupdict().get("subject")
        if spec is not None and subject and not is_name(subject, named):
            return None  # 与经济增长 is no "growth of 与经济": a grammar word is never a subject
        return spec


def family(
    name: str, pattern: str, build: Builder, *examples: str, needs: str | None = None
) -> Family:
    """A registry entry; ``examples`` feed the docs and the tests.

    ``needs`` is a regex of words the phrase must contain for the family to be tried at all:
    most phrases then skip most patterns, which matters when a panel has many distinct ones.
    """
    return Family(name, re.compile(pattern), build, examples, re.compile(needs) if needs else None)


def comparator(match: re.Match[str], *groups: str) -> Comparator:
    """The comparator the bound words say: a suffix (以上) wins over a prefix (不低于)."""
    for group in ("bound", *groups, "pre"):
        word = match.groupdict().get(group)
        if word in COMPARATOR_WORDS:
            return COMPARATOR_WORDS[word]
    return Comparator.RANGE if has_value(match, "u") else Comparator.EQ


def has_value(match: re.Match[str], name: str) -> bool:
    """Whether the quantity group ``name`` matched (in digits or Chinese numerals)."""
    groups = match.groupdict()
    return bool(groups.get(f"{name}_num") or groups.get(f"{name}_cn"))


def values(match: re.Match[str], ctx: Parse) -> tuple[Quantity, Quantity | None] | None:
    """The value (and top of a range) of a ``VALUE`` match, units reconciled.

    In ``5-6万人`` the first number borrows the second's multiplier and unit; a range whose ends
    disagree on the unit (``5%-6亿元``) is not a range we understand.
    """
    low = quantity_from(match, "v", ctx.hint)
    if low is None:
        return None
    if not has_value(match, "u"):
        return low, None
    high = quantity_from(match, "u", ctx.hint)
    if high is None:
        return None
    if low.unit is None and not match.group("v_mult") and high.unit is not None:
        scale = MULTIPLIERS.get(match.group("u_mult") or "", 1.0)
        low = Quantity(value=round(low.value * scale, 6), unit=high.unit, text=low.text)
    if low.unit != high.unit or low.value > high.value:
        return None
    return low, high


def negated(quantity: Quantity) -> Quantity:
    """下降1.4% is a growth of -1.4 %; the printed text is kept."""
    return Quantity(value=-quantity.value, unit=quantity.unit, text=quantity.text)
