"""The key tasks of a plan and the quantified commitments in their prose.

The plan part of a report (三、完成2025年…计划的主要措施, 三、2026年重点工作) is a tree of tasks;
their prose holds commitments such as ``实施186个城中村改造``, ``住宅老旧电梯更新3100台以上`` and
``社会物流总费用占地区生产总值比重下降至12%左右``. A commitment is a clause with a number that has
a unit (a count, an amount, a length, a share): a number that names something (``605省道``,
``“1030”产业体系``, ``240小时免签``, ``2025苏州全球招商大会``) has none, or stands in quotes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from planwatch.ingest.prose import FIVE_YEAR_HEADING, split_name
from planwatch.model import Commitment, KeyTask, ProseItem, Section
from planwatch.phrases.grammar import fold_traditional
from planwatch.phrases.numbers import normalise
from planwatch.phrases.tokens import CN_NUMERAL, NUMBER, number_needs, tokenize

# The plan part: its title speaks of measures, tasks or work for the coming year, not a review.
_PLAN_PART = re.compile(r"措施|重点任务|主要任务|重点工作|工作安排|主要工作")
_REVIEW = re.compile(r"执行情况|完成情况|回顾|成就")
_WORK = re.compile(r"工作|任务|安排|计划")  # with the plan's year: 三、关于2026年工作
_CLAUSES = re.compile(r"[。；;，,！？]")
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|《[^》]*》")
_NOT_COUNTS = frozenset({"年", "天"})  # a year or a duration names a time, not an amount
# Numbers in prose that count nothing to be done: an ordinal (第四次普查, 第3批), "each"
# (每一件实事), the article 一 (一起抓, 说一件、干一件, 一次性补贴), and a power of ten alone
# paired with another is a figure of speech (千家万户, 千村万户); alone, it counts (带动万名青年).
_NOT_A_COUNT_BEFORE = frozenset("第每")
_POWERS = frozenset("百千万亿")
# Where the tokenizer can make a number: a clause without one is not tokenized (issue 17).
_MAY_HOLD_A_NUMBER = re.compile(number_needs())


def key_tasks(
    sections: list[Section], stated: Sequence[ProseItem] = (), plan_year: int | None = None
) -> list[KeyTask]:
    """The leaf tasks of the plan part, each with its commitments; empty when there is none.

    A clause of the targets passage (``stated``: the year's targets and five-year goals read
    from the sentences) is a target, not a commitment, even where the passage stands inside
    the plan part (二、2025年工作安排 … 主要预期目标是：…). ``plan_year`` lets a part named only
    by its year count as the plan part (三、关于2026年工作)."""
    part = _plan_part(sections, plan_year)
    if part is None:
        return []
    tasks = []
    for path, leaf in _leaves(part, part.number):
        found = [c for c in commitments(leaf.text) if not _stated(c, stated)]
        tasks.append(KeyTask(number=path, title=leaf.title, text=leaf.text, commitments=found))
    return tasks


def _plan_part(sections: list[Section], plan_year: int | None = None) -> Section | None:
    """The part of the coming year's work. A work report at the turn of a five-year plan has
    two parts of tasks (二、“十五五”时期经济社会发展重点任务, 三、2026年重点工作): the tasks of
    the five years are not the year's commitments, so a part about the coming year wins. A
    part named only by the plan's year and its work (三、关于2026年工作) counts where no title
    names measures or tasks (二、2025年…计划安排 holds the plan's figures, 三、…主要措施 its
    tasks)."""
    year = f"{plan_year}年" if plan_year else None
    current = [s for s in sections if not _REVIEW.search(s.title)]
    parts = [s for s in current if _PLAN_PART.search(s.title)] or [
        s for s in current if year and year in s.title and _WORK.search(s.title)
    ]
    yearly = [s for s in parts if not FIVE_YEAR_HEADING.search(s.title)]
    chosen = yearly or parts
    return chosen[0] if chosen else None


def _stated(commitment: Commitment, stated: Sequence[ProseItem]) -> bool:
    return any(
        item.name and item.phrase == commitment.phrase and item.name in commitment.text
        for item in stated
    )


def _leaves(section: Section, path: str):
    if not section.children:
        yield path, section
        return
    for child in section.children:
        yield from _leaves(child, path + child.number)


def commitments(text: str) -> list[Commitment]:
    """Every quantified commitment of a task's prose, in order."""
    found = []
    for clause in _CLAUSES.split(text):
        for piece, amount in _pieces(clause.strip()):
            if amount is not None:
                found.append(_commitment(piece, amount))
    return found


def _pieces(clause: str) -> list[tuple[str, str | None]]:
    """``实施186个城中村改造、107个老旧小区更新改造``: one commitment per 、-part that has its own
    number; a 、 between names (燃气、供水管网) keeps the clause whole. Each with its amount
    (``_amount``), found once."""
    parts = clause.split("、")
    if len(parts) > 1:
        amounts = []
        for part in parts:
            amount = _amount(part)
            if amount is None:
                break  # not every part has its own number: the clause is one
            amounts.append(amount)
        else:
            return [(part, amount) for part, amount in zip(parts, amounts, strict=True)]
    return [(clause, _amount(clause))]


def _amount(text: str) -> str | None:
    """The first number with a unit outside quotes, with the bound word after it."""
    bare = fold_traditional(normalise(_QUOTED.sub(lambda m: "□" * len(m.group()), text)))
    if _MAY_HOLD_A_NUMBER.search(bare) is None:
        return None
    tokens = tokenize(bare)
    position = 0  # where each token starts in ``bare``: the tokens' texts make it up
    for index, token in enumerate(tokens):
        start, position = position, position + len(token.text)
        quantity = token.quantity
        if token.cls != NUMBER or quantity is None or not quantity.unit:
            continue
        if quantity.unit in _NOT_COUNTS or not _counts(bare, start, token.text):
            continue
        after = tokens[index + 1] if index + 1 < len(tokens) else None
        bound = after.text if after is not None and after.cls == "post_comparator" else ""
        before = tokens[index - 1] if index else None
        # 提供不少于10万个岗位: the bound before the number is the commitment's as much
        lower = before.text if before is not None and before.cls == "pre_comparator" else ""
        return lower + token.text + bound
    return None


def _counts(text: str, start: int, printed: str) -> bool:
    """Whether the number printed at ``start`` counts or measures something to be done."""
    if start > 0 and text[start - 1] in _NOT_A_COUNT_BEFORE:
        return False
    numeral = CN_NUMERAL.match(printed)
    if numeral is None:
        return True
    if numeral.group() == "一":
        return False
    if numeral.group() in _POWERS:
        end = start + len(printed)
        before, after = text[max(0, start - 2) : start], text[end : end + 1]
        paired = (len(before) == 2 and before[0] in _POWERS) or after in _POWERS
        return not paired
    return True


def _commitment(piece: str, amount: str) -> Commitment:
    split = split_name(piece)
    if split is not None and split[1]:
        name, phrase = split
        return Commitment(name=name or piece, phrase=phrase, text=piece)
    return Commitment(name=piece, phrase=amount, text=piece)
