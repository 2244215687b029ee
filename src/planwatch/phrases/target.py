"""``parse_target``: a target phrase to a ``TargetSpec``, never raising, never guessing.

A phrase is tried whole against the families; if none matches and it has several clauses
(``净增1500家以上，总量增长10%``) each clause is parsed on its own and the spec is COMPOUND.
What is left unknown comes back with kind UNKNOWN and a note that says why, so the assessment
can be ``unassessable`` with a reason instead of a crash or a guess.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache, lru_cache

from planwatch.model import TargetKind, TargetSpec
from planwatch.phrases.families import FAMILIES
from planwatch.phrases.grammar import Parse, prepare
from planwatch.phrases.lexicon import lexicon
from planwatch.phrases.numbers import MULT, NO_UNIT_HINT, UNITS, UnitHint, parse_unit_hint
from planwatch.phrases.shapes import letter, read_numeric, read_relative
from planwatch.phrases.tokens import NUMBER, Token, tokenize, unknown_words

MAX_PHRASE = 200  # longer than any real target; longer input is prose or noise
_CLAUSES = re.compile(r"[,;]")
_LIST_CLAUSES = re.compile(r"[,;、]|并且|并")
_TWO_UNITS = re.compile(
    rf"\d(?:{MULT})?(?>{'|'.join(map(re.escape, UNITS))})(?:{MULT})?"
    rf"(?:{'|'.join(map(re.escape, UNITS))})"
)
_NO_NUMBER = re.compile(r"(增长|下降|提高|降低|提升|新增|净增)(%|个百分点|$|以上|左右)")
_WORDS = re.compile(r"[\w\u4e00-\u9fff]")


def match_family(ctx: Parse) -> TargetSpec | None:
    """The spec of the first family that understands the whole core, else ``None``."""
    for entry in FAMILIES:
        spec = entry.parse(ctx)
        if spec is not None:
            return spec
    return None


@cache
def _key_words() -> tuple[re.Pattern[str], ...] | None:
    """Every family's key words (``needs``) and 分别, as patterns that search fast; None when
    a family has none, since any phrase might then be one of its. Compiled on first use, not
    on import: only the reader's row checks ask.

    The plain words of all families make one alternation: the regex engine then looks only
    at the characters a word begins with. One pattern of every family's pattern in a group
    of its own tried every word at every character, 4–8 µs a name (issue 17). A pattern
    that is not plain words (the numeric families' number) is searched on its own."""
    needs = [entry.needs for entry in FAMILIES]
    if any(n is None for n in needs):
        return None
    patterns = {n.pattern for n in needs if n is not None}
    patterns.add(lexicon().alternation("filler", "respectively"))
    words = {w for p in patterns if _plain_words(p) for w in p.split("|")}
    others = sorted(p for p in patterns if not _plain_words(p))
    alternation = "|".join(map(re.escape, sorted(words, key=len, reverse=True)))
    return (re.compile(alternation), *map(re.compile, others))


def _plain_words(pattern: str) -> bool:
    """Whether a pattern is only words between ``|``, no regex syntax (``增长|下降``)."""
    return all(word and re.escape(word) == word for word in pattern.split("|"))


def may_be_a_target(phrase: str) -> bool:
    """False only when ``parse_target(phrase)`` is surely unknown, cheaply: the phrase holds
    no family's key words and no 分别. Every reading is a family's match on the phrase's core,
    on one of its clauses, or on a 分别 piece, all taken out of the core, and a family is tried
    only where its key words appear (``Family.needs``); so a core without any key word reads as
    nothing. For callers that need to know whether a phrase reads as a target, not why it
    does not (the reader's row checks on every name of a big table)."""
    key_words = _key_words()
    if key_words is None or not isinstance(phrase, str):
        return True
    core = prepare(phrase, NO_UNIT_HINT).core
    return any(pattern.search(core) is not None for pattern in key_words)


def unknown(phrase: str, note: str, basis: str | None = None) -> TargetSpec:
    return TargetSpec(phrase=phrase, kind=TargetKind.UNKNOWN, note=note, basis=basis)


# What a phrase is, for the note: targets and actuals share ``diagnose`` but not their forms.
_FORMS = {
    "目标": "（如“增长5%以上”“完成省下达任务”）",
    "完成情况": "（如“增长6%”“1050亿元”“待省反馈”“完成”）",
}


def diagnose(core: str, what: str = "目标") -> str:
    """Why no family understood a core: the note of an UNKNOWN spec.

    ``what`` names the kind of phrase (``目标`` or ``完成情况``): the actual parser reuses this,
    and a reader told that a completion phrase "is not a known target form" is misled.
    """
    if not _WORDS.search(core):
        return "只有标点或符号，没有可判断的内容"
    if _TWO_UNITS.search(core):
        return f"“{core}”中的数字带有两个单位，无法确定其含义"
    if _NO_NUMBER.search(core):
        return f"“{core}”缺少数值"
    tokens = tokenize(core, NO_UNIT_HINT)
    why = read_numeric(core, NO_UNIT_HINT).why or read_relative(core).why
    unknown = unknown_words(tokens)
    if why is None and unknown:
        why = "不认识" + "、".join(f"“{word}”" for word in unknown)
    detail = f"：{why}" if why else ""
    if any(char.isdigit() for char in core):
        return f"“{core}”含有数字，但不属于已知的{what}句式{detail}"
    return f"“{core}”不属于已知的{what}句式{detail or _FORMS.get(what, '')}"


Why = Callable[[str], str]


def unexplained(core: str) -> str:
    """No note: for a caller that asks only whether a phrase reads, not why it does not. The
    diagnosis tokenizes and reads the core again, and costs as much as the parse itself."""
    return ""


def parse_with_hint(phrase: str, hint: UnitHint, why: Why = diagnose) -> TargetSpec:
    """The uncached parse; ``parse_target`` and ``parse_actual`` share it. ``why`` gives the
    note of a core that reads as nothing (``unexplained`` where only the kind is asked)."""
    if len(phrase) > MAX_PHRASE:
        return unknown(phrase[:MAX_PHRASE], f"短语过长（{len(phrase)}字），不像一条指标目标")
    ctx = prepare(phrase, hint)
    if not ctx.core:
        return unknown(phrase, "空短语" if not phrase.strip() else why(phrase))
    spec = match_family(ctx)
    if spec is not None:
        return spec
    if any(letter(t) == "E" for t in ctx.tokens):
        return respectively(ctx, why)
    spec = _from_clauses(ctx, _CLAUSES, why)
    if spec.kind is TargetKind.UNKNOWN and _LIST_CLAUSES.search(ctx.core):
        # prose lists clauses with 、 too (增长8%以上、突破1万亿元); tried only when the whole
        # and its comma clauses fail, since 、 also lists names (占全省、全国比重)
        listed = _from_clauses(ctx, _LIST_CLAUSES, why)
        if listed.kind is not TargetKind.UNKNOWN:
            return listed
    return spec


def _from_clauses(ctx: Parse, separators: re.Pattern[str], why: Why) -> TargetSpec:
    """A phrase of several clauses: a compound, a target with its stretch, or unknown."""
    phrase, hint = ctx.phrase, ctx.hint
    clauses = [c for c in separators.split(ctx.core) if c]
    if len(clauses) < 2:
        return unknown(phrase, why(ctx.core), ctx.basis)
    stretches = [c for c in clauses if _is_stretch(prepare(c, hint))]
    if stretches and len(stretches) < len(clauses):
        return _with_stretch(ctx, [c for c in clauses if c not in stretches], stretches[0], why)
    parts = []
    for number, clause in enumerate(clauses, start=1):
        part = match_family(prepare(clause, hint))
        if part is None:
            return unknown(phrase, f"第{number}部分：{why(clause)}", ctx.basis)
        parts.append(part)
    return TargetSpec(
        phrase=phrase,
        kind=TargetKind.COMPOUND,
        parts=parts,
        basis=ctx.basis,
        note=ctx.note,
        family="compound",
    )


def _is_stretch(ctx: Parse) -> bool:
    """A clause of effort: 力争达到8%, 在实际工作中争取更好结果."""
    tokens = ctx.tokens
    first = next((t for t in tokens if t.cls != "filler"), None)
    stretch = [t for t in tokens if t.cls == "hedge" and t.meaning == "stretch"]
    if first is not None and first in stretch:
        return True
    return bool(stretch) and not any(t.cls == NUMBER for t in tokens)


def _with_stretch(ctx: Parse, firm: list[str], stretch: str, why: Why) -> TargetSpec:
    """``7%以上，力争达到8%``: judged on 7 %, the 8 % reported beside it. A stretch without a
    number (争取更好结果) is said in the note and not judged."""
    main = parse_with_hint(",".join(firm), ctx.hint, why)
    if main.kind is TargetKind.UNKNOWN:
        return unknown(ctx.phrase, main.note or why(ctx.core), ctx.basis)
    extra = parse_with_hint(stretch, ctx.hint, why)
    update: dict[str, object] = {"phrase": ctx.phrase, "basis": main.basis or ctx.basis}
    if extra.kind is TargetKind.UNKNOWN or extra.value is None:
        said = f"另有努力目标“{stretch}”，不作判断"
        update["note"] = "；".join(filter(None, (main.note, ctx.note, said)))
        return main.model_copy(update=update)
    if extra.kind is TargetKind.LEVEL and main.kind is TargetKind.GROWTH:
        # 增长7%以上，力争8%: the stretch speaks of the same growth
        extra = extra.model_copy(update={"kind": TargetKind.GROWTH, "family": "growth"})
    update["stretch"] = extra
    return main.model_copy(update=update)


def _shared_unit(pieces: list[list[Token]]) -> list[list[Token]]:
    """``高于全国12.7个、12个百分点``: a figure whose unit is cut short (个) has the last one's
    (个百分点), as the writer left the repeated part out."""
    last = next((t for t in reversed(pieces[-1]) if t.cls == NUMBER), None) if pieces else None
    full = last.quantity.unit if last is not None and last.quantity else None
    if not full:
        return pieces
    fixed = []
    for piece in pieces[:-1]:
        number = piece[-1] if piece and piece[-1].cls == NUMBER else None
        unit = number.quantity.unit if number is not None and number.quantity else None
        if number is not None and unit and full != unit and full.startswith(unit):
            digits = number.text[: len(number.text) - len(unit)]
            piece = [*piece[:-1], number._replace(text=digits + full)]
        fixed.append(piece)
    return [*fixed, pieces[-1]]


def respectively(ctx: Parse, why: Why = diagnose) -> TargetSpec:
    """``分别增长5%左右、5%以上、5%左右``: one verb shared by several targets, each for one of
    the indicators the name lists; parsed part by part into a compound of that family."""
    tokens = ctx.tokens
    start = next(i for i, t in enumerate(tokens) if letter(t) == "E") + 1
    first_number = next((i for i in range(start, len(tokens)) if tokens[i].cls == NUMBER), None)
    if first_number is None:
        return unknown(ctx.phrase, why(ctx.core), ctx.basis)
    verb = "".join(t.text for t in tokens[start:first_number])
    pieces: list[list[Token]] = [[]]
    joined_by_list = True
    for token in tokens[first_number:]:
        if token.cls == "list" or (token.cls == "relation" and token.meaning == "with"):
            joined_by_list = joined_by_list and token.cls == "list"
            pieces.append([])
        else:
            pieces[-1].append(token)
    pieces = _shared_unit(pieces)
    # 分别增长7%、8%左右: a bound word after a 、-list bounds every bare figure of it; with 和
    # (分别增长8%和8%以上) the writer told the two apart, and each keeps its own
    last = pieces[-1][-1] if pieces[-1] else None
    if joined_by_list and last is not None and last.cls == "post_comparator":
        pieces = [[*p, last] if p and p[-1].cls == NUMBER else p for p in pieces]
    parts = []
    for number, piece in enumerate(pieces, start=1):
        text = verb + "".join(t.text for t in piece)
        part = match_family(prepare(text, ctx.hint))
        if part is None or not piece:
            return unknown(ctx.phrase, f"第{number}项：{why(text)}", ctx.basis)
        parts.append(part)
    return ctx.spec(TargetKind.COMPOUND, parts=parts).model_copy(update={"family": "respectively"})


@lru_cache(maxsize=65536)
def parse_target(phrase: str, unit_hint: str | None = None) -> TargetSpec:
    """Understand a target phrase: ``增长5%以上`` → growth ≥ 5 %.

    ``unit_hint`` is the unit a table header gives bare numbers (``%``, ``亿元``,
    ``目标增长(%)``). Cached: real reports repeat phrases, and the spec is frozen.
    """
    if not isinstance(phrase, str):
        return unknown("", "目标不是文字")
    return parse_with_hint(phrase, parse_unit_hint(unit_hint))


def reads_as(phrase: str) -> TargetSpec | None:
    """How ``phrase`` reads as a target, without the note of why it does not: None when the
    key words say it reads as nothing, an UNKNOWN spec without a note when the families say
    so. For the reader's row checks on every name of a table, where the names are new
    phrases each: not cached, so that a big table's names do not fill ``parse_target``'s
    cache (and the collector's rounds) with specs read once."""
    if not may_be_a_target(phrase):
        return None
    return parse_with_hint(phrase, NO_UNIT_HINT, unexplained)
