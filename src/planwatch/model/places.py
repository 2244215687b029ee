"""Jurisdictions of the administrative-division table (GB/T 2260 codes) and name resolutions.

Domain types only (no I/O): ``planwatch.places`` loads the table and computes them. Frozen
dataclasses rather than pydantic models because the table makes 3,200 of them at start-up and
nothing validates them after that. Not to be confused with ``planwatch.model.plan.Jurisdiction``,
the name a report prints; this one is the registered division that name stands for.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

# The three levels of the table, as the Ministry names them.
LEVEL_ZH: dict[int, str] = {1: "省级", 2: "地级", 3: "县级"}


@dataclass(frozen=True, slots=True)
class Jurisdiction:
    """One division: ``320583 昆山市 (昆山) 县级 县级市``, parent ``320500`` (苏州市).

    ``parent_code`` is ``None`` for a province-level division. A county directly under a
    municipality (北京市朝阳区) or a province (仙桃市) has that province as its parent.
    """

    code: str
    name: str
    short_name: str
    level: str  # 省级 / 地级 / 县级
    kind: str  # 省 / 自治区 / 直辖市 / 地级市 / 地区 / 自治州 / 盟 / 市辖区 / 县级市 / 县 / 旗 …
    parent_code: str | None


Status = Literal["found", "ambiguous", "unknown"]


@dataclass(frozen=True, slots=True)
class Resolution:
    """What a name (or a title) stands for: one jurisdiction, several candidates, or none.

    ``reason`` is a Chinese sentence for the user (why ambiguous, why unknown, or which
    convention chose among readings); ``matched`` is the text that was recognised.
    ``candidates`` lists every reading considered: for ``found`` the others that lost.
    ``historical`` is set when the name is a former one (襄樊市, 莱芜市): where and in which
    years its code was in use, so that a caller can tell an old name from a current one.
    """

    status: Status
    jurisdiction: Jurisdiction | None = None
    candidates: tuple[Jurisdiction, ...] = field(default=())
    reason: str = ""
    matched: str = ""
    historical: str = ""

    @property
    def found(self) -> bool:
        return self.status == "found"
