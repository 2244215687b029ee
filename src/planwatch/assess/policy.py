"""The tolerance policy: how far from a ``左右`` (or ``保持稳定``) target still counts.

Plans write ``增长5.5%左右`` to say "about 5.5 %". How much "about" allows is a judgement the
DRC makes; planwatch makes it explicit and configurable instead of burying it in code.

Defaults, and why:

- ``rate_points = 0.5``: a ``左右`` target in percent (a growth rate such as ``增长5%左右`` or a
  share such as ``53.3%左右``) tolerates 0.5 percentage points on its bad side. Inside that the
  status is ``nearly_met`` (基本完成); beyond it ``not_met``. So the sample's 社会消费品零售总额,
  ``增长5.5%左右`` with ``增长4.8%`` (0.7 points short), is ``not_met``, as the report's own
  narrative treats it; ``增长5.2%`` would be ``nearly_met``.
- ``relative = 0.02``: a ``左右`` target in any other unit (``1050亿元左右``, ``新增200家左右``,
  ``3.7人左右``) tolerates 2 % of the target value.
- ``sync_points = 0.5``: ``与经济增长基本同步`` is met when the indicator's growth is at most 0.5
  points below the reference indicator's growth (or above it).
- ``stable_points = 1.0``: ``保持基本稳定`` / ``基本持平`` judged against a number (a growth in %,
  or a change in points) is met within ±1 point; outside, the indicator's direction decides.
- ``share_points = 0.1``: ``占全国比重保持稳定`` tolerates a fall of 0.1 points of share.

A target's own ``tolerance`` (``TargetSpec.tolerance``) wins over the policy.
"""

from __future__ import annotations

from dataclasses import dataclass

from planwatch.model import Quantity, TargetSpec
from planwatch.phrases.numbers import PERCENT, POINTS


@dataclass(frozen=True)
class TolerancePolicy:
    """How much ``左右``, ``基本同步`` and ``保持稳定`` allow. Frozen and hashable: judgements are
    cached per policy."""

    rate_points: float = 0.5
    relative: float = 0.02
    sync_points: float = 0.5
    stable_points: float = 1.0
    share_points: float = 0.1

    def approx(self, target: TargetSpec, value: Quantity) -> float:
        """The ``左右`` tolerance of a target, in the target's unit (points for percentages)."""
        if target.tolerance is not None:
            return target.tolerance
        return self.about(value)

    def about(self, value: Quantity) -> float:
        """What "about" ``value`` allows by the policy: points for rates, a share otherwise."""
        if value.unit in (PERCENT, POINTS):
            return self.rate_points
        return abs(value.value) * self.relative


DEFAULT_POLICY = TolerancePolicy()
