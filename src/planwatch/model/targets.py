"""Targets, observations and assessments: what a phrase means and how it is judged.

The phrase grammar (``planwatch.phrases``) turns Chinese phrases into these objects; the
assessment engine (``planwatch.assess``) compares them. Nothing here parses or judges.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, Field

from planwatch.model.plan import Direction, Period


class TargetKind(StrEnum):
    """The family of a phrase; the assessment engine has one judge per kind."""

    GROWTH = "growth"  # 增长5%以上
    LEVEL = "level"  # 53.3%左右, 1050亿元, 38.5件
    INCREMENT = "increment"  # 新增150家以上
    SHARE = "share"  # 占全省全国比重保持稳定
    SHARE_CHANGE = "share_change"  # 占全国比重提升0.1个百分点
    EVENT_COUNT = "event_count"  # 不发生重特大生产安全责任事故
    QUALITATIVE = "qualitative"  # 保持基本稳定, 稳中提质
    EXTERNAL = "external"  # 完成省下达任务
    RELATIVE = "relative"  # 与经济增长基本同步, 高于地区生产总值增幅
    DIRECTION = "direction"  # 稳步降低, 稳步提高
    COMPOUND = "compound"  # 净增1500家以上，总量增长10%
    UNKNOWN = "unknown"

    @property
    def zh(self) -> str:
        return TARGET_KIND_ZH[self]


TARGET_KIND_ZH: dict[TargetKind, str] = {
    TargetKind.GROWTH: "增速",
    TargetKind.LEVEL: "水平值",
    TargetKind.INCREMENT: "增量",
    TargetKind.SHARE: "比重",
    TargetKind.SHARE_CHANGE: "比重变化",
    TargetKind.EVENT_COUNT: "事件数",
    TargetKind.QUALITATIVE: "定性",
    TargetKind.EXTERNAL: "上级下达任务",
    TargetKind.RELATIVE: "相对目标",
    TargetKind.DIRECTION: "方向",
    TargetKind.COMPOUND: "复合目标",
    TargetKind.UNKNOWN: "未识别",
}


class Comparator(StrEnum):
    """How a value bounds the target (or, on an actual, how exact the printed value is)."""

    GE = "ge"  # 以上, 不低于
    LE = "le"  # 以下, 以内, 不超过
    APPROX = "approx"  # 左右
    EQ = "eq"  # a bare value
    RANGE = "range"  # 5%-6%
    NONE = "none"  # nothing to compare numerically

    @property
    def sign(self) -> str:
        """How a gloss writes the bound: ``≥``, ``≈``, ``区间`` ("" for none)."""
        return COMPARATOR_SIGN[self]


COMPARATOR_SIGN: dict[Comparator, str] = {
    Comparator.GE: "≥",
    Comparator.LE: "≤",
    Comparator.APPROX: "≈",
    Comparator.EQ: "=",
    Comparator.RANGE: "区间",
    Comparator.NONE: "",
}


# A fall turns bounds around: 下降3%以上 is a growth of −3 % or less.
FLIPPED: dict[Comparator, Comparator] = {Comparator.GE: Comparator.LE, Comparator.LE: Comparator.GE}


class Trend(StrEnum):
    """Which way a DIRECTION, QUALITATIVE or SHARE target asks things to go, or an actual went."""

    UP = "up"  # 稳步提高, 只增不减
    DOWN = "down"  # 稳步降低
    STABLE = "stable"  # 保持基本稳定, 占比重保持稳定
    BETTER = "better"  # 持续改善: up or down by the indicator's direction
    NOT_DOWN = "not_down"  # 不降低: up or stable


class Quantity(BaseModel, frozen=True):
    """A number with its unit, multipliers applied: ``1.85万家`` is value 18500, unit 家.

    ``unit`` is the base unit (``%``, ``个百分点``, ``元``, ``美元``, ``人``, ``家``, ``件``,
    ``户`` …, ``:1`` for ratios such as ``1.77:1``); ``text`` keeps the number as printed so
    reports can show it unchanged.
    """

    value: float
    unit: str | None = None
    text: str | None = None


class TargetSpec(BaseModel, frozen=True):
    """A target phrase understood: ``增长5%以上`` is growth ≥ 5 %.

    Frozen because parses are cached and shared: real reports repeat the same phrases, so
    ``parse_target`` hands out one instance per distinct phrase. Use ``model_copy(update=…)``.
    """

    phrase: str
    kind: TargetKind
    comparator: Comparator = Comparator.NONE
    value: Quantity | None = None
    upper: Quantity | None = None  # the top of a RANGE
    basis: str | None = None  # 同口径, 新口径
    tolerance: float | None = None  # absolute, in the value's unit, for APPROX targets
    trend: Trend | None = None  # for DIRECTION, QUALITATIVE and SHARE kinds
    reference: str | None = None  # the other indicator of a RELATIVE target
    subject: str | None = None  # what is counted or whose share: 重特大生产安全责任事故, 全省
    parts: list[TargetSpec] = Field(default_factory=list)
    stretch: TargetSpec | None = None  # 力争达到8% beside 7%以上: reported, never the verdict
    family: str | None = None  # the grammar family that matched, for explanations and debugging
    note: str | None = None  # why the phrase could not be fully understood


class Quality(StrEnum):
    """How far an actual can be trusted; only FINAL, PRELIMINARY and ESTIMATE carry numbers."""

    FINAL = "final"
    PRELIMINARY = "preliminary"
    ESTIMATE = "estimate"  # 预计
    PENDING = "pending"  # 待省反馈, 暂无数据
    QUALITATIVE = "qualitative"  # 完成, 保持基本稳定
    NOT_DUE = "not_due"  # 年度指标: not reported in this period
    UNKNOWN = "unknown"  # the phrase could not be read: the note says why

    @property
    def zh(self) -> str:
        return QUALITY_ZH[self]


QUALITY_ZH: dict[Quality, str] = {
    Quality.FINAL: "正式数",
    Quality.PRELIMINARY: "初步数",
    Quality.ESTIMATE: "预计数",
    Quality.PENDING: "待反馈",
    Quality.QUALITATIVE: "定性",
    Quality.NOT_DUE: "未到期",
    Quality.UNKNOWN: "未识别",
}


class ActualSpec(BaseModel, frozen=True):
    """An actual phrase understood: ``20170.45亿元,增长3.4%`` is a level and a growth.

    Frozen for the same reason as ``TargetSpec``: parses are cached and shared.
    """

    phrase: str
    quality: Quality
    kind: TargetKind = TargetKind.UNKNOWN
    comparator: Comparator = Comparator.EQ  # GE for ``95%以上``: the value is a lower bound
    value: Quantity | None = None
    growth: Quantity | None = None
    basis: str | None = None
    trend: Trend | None = None
    subject: str | None = None  # whose share or which events: 全国, 重特大生产安全责任事故
    verdict: str | None = None  # a qualitative verdict the report states (完成, 基本同步 …)
    parts: list[ActualSpec] = Field(default_factory=list)
    note: str | None = None


class Observation(BaseModel):
    """An actual value of one indicator for one period."""

    indicator: str
    period: Period
    phrase: str
    spec: ActualSpec | None = None
    quality: Quality = Quality.FINAL
    note: str | None = None
    source: str | None = None


class Status(StrEnum):
    MET = "met"  # 完成 (including exceeded)
    NEARLY_MET = "nearly_met"  # 基本完成: inside the tolerance of a 左右 target
    NOT_MET = "not_met"  # 未完成
    EXPECTED = "expected"  # 预计完成
    PENDING = "pending"  # 待反馈
    UNASSESSABLE = "unassessable"

    @property
    def zh(self) -> str:
        return STATUS_ZH[self]


STATUS_ZH: dict[Status, str] = {
    Status.MET: "完成",
    Status.NEARLY_MET: "基本完成",
    Status.NOT_MET: "未完成",
    Status.EXPECTED: "预计完成",
    Status.PENDING: "待反馈",
    Status.UNASSESSABLE: "无法评估",
}


class Assessment(BaseModel, frozen=True):
    """A target judged against an actual, with the reason in Chinese and English.

    Frozen: the engine caches judgements of repeated (target, actual) pairs and shares them.
    """

    indicator: str
    status: Status
    margin: float | None = None  # actual minus target, in the target's unit (points for rates)
    margin_unit: str | None = None
    direction: Direction | None = None  # the direction the judgement assumed
    tolerance: float | None = None  # the 左右 tolerance applied, in the margin's unit
    reason: str
    reason_en: str | None = None
    target: TargetSpec | None = None
    actual: ActualSpec | None = None
