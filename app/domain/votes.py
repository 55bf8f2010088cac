"""Owners' votes (DOMAIN.md §5.1): Civil Code Art. 278, exact fractions, never floats.

以上 includes the number (≥, Art. 1259); 过半数 means strictly more than half (>). The older
"double 2/3 of all owners" rule is kept only as a labelled legacy option of the rule pack.
Under the legacy rule the result is decided by the approvals against the whole community
(≥ 2/3 of all area and of all owners) alone: the participation tests are left out, since
approvals of 2/3 of everyone already imply the participation that rule asked for.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from app.domain.enums import LabelledEnum
from app.domain.errors import ValidationError

CIVIL_CODE = "civil_code_2021"
LEGACY = "legacy"
RULES = (CIVIL_CODE, LEGACY)
_CENT = Decimal("0.01")
_AREA_UNIT = "㎡"
_OWNER_UNIT = "人"


class VoteMatter(LabelledEnum):
    USE = ("use", "使用维修资金")
    RAISE = ("raise", "筹集维修资金")
    REBUILD = ("rebuild", "改建、重建建筑物及其附属设施")
    CHANGE_USE = ("change-use", "改变共有部分用途或者利用共有部分从事经营活动")

    @classmethod
    def from_code(cls, code: str) -> VoteMatter:
        """The matter stored as `code` ('use', 'raise'…); ValueError for anything else.
        (Same as VoteMatter(code), which the type checker cannot follow through __new__.)"""
        for m in cls:
            if m.value == code:
                return m
        raise ValueError(code)


@dataclass(frozen=True)
class VoteRules:
    rule: str  # CIVIL_CODE or LEGACY
    quorum_area: Fraction
    quorum_owners: Fraction
    special_matters: frozenset[VoteMatter]
    special_area: Fraction
    special_owners: Fraction
    ordinary_area_gt: Fraction
    ordinary_owners_gt: Fraction
    legacy_area: Fraction
    legacy_owners: Fraction

    @property
    def legacy(self) -> bool:
        return self.rule == LEGACY

    @property
    def label(self) -> str:
        if self.legacy:
            return (
                "旧规则：双三分之二（《物业管理条例》第十二条、"
                "2007年《住宅专项维修资金管理办法》第二十二条）"
            )
        return "《民法典》第二百七十八条"

    def with_rule(self, rule: str) -> VoteRules:
        if rule not in RULES:
            raise ValidationError(
                f"表决规则“{rule}”无效，可选：{CIVIL_CODE}（民法典）、{LEGACY}（旧规则）",
                field="rule",
                value=rule,
            )
        return replace(self, rule=rule)


@dataclass(frozen=True)
class VoteCount:
    total_area: Decimal
    total_owners: int
    part_area: Decimal
    part_owners: int
    yes_area: Decimal
    yes_owners: int


_NAMES = {
    "total_area": "总面积",
    "total_owners": "业主总人数",
    "part_area": "参与表决面积",
    "part_owners": "参与表决人数",
    "yes_area": "同意面积",
    "yes_owners": "同意人数",
}


def number_text(value: Decimal | int) -> str:
    """20000 → '20000'; Decimal('20000.00') → '20000'; Decimal('20000.5') → '20000.50'."""
    if isinstance(value, int):
        return str(value)
    if value == value.to_integral_value():
        return f"{value:.0f}"
    return f"{value:.2f}"


def _check_area(name: str, value: object) -> Decimal:
    what = _NAMES[name]
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise ValidationError(f"{what}应为数字：{value}", field=name, value=value)
    d = Decimal(value)
    if not d.is_finite():
        raise ValidationError(f"{what}应为数字：{value}", field=name, value=value)
    if d < 0:
        raise ValidationError(f"{what}不能为负数：{value} {_AREA_UNIT}", field=name, value=value)
    try:
        exact = d == d.quantize(_CENT)
    except InvalidOperation:
        raise ValidationError(
            f"{what}过大：{value} {_AREA_UNIT}", field=name, value=value
        ) from None
    if not exact:
        raise ValidationError(
            f"{what}最多保留两位小数：{value} {_AREA_UNIT}", field=name, value=value
        )
    return d


def _check_owners(name: str, value: object) -> int:
    what = _NAMES[name]
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(f"{what}应为整数：{value}", field=name, value=value)
    if value < 0:
        raise ValidationError(f"{what}不能为负数：{value} {_OWNER_UNIT}", field=name, value=value)
    return value


def _above(name: str, value: Decimal | int, limit_name: str, limit: Decimal | int) -> None:
    if value > limit:
        unit = _OWNER_UNIT if isinstance(value, int) else _AREA_UNIT
        raise ValidationError(
            f"{_NAMES[name]} {number_text(value)} {unit} 超过"
            f"{_NAMES[limit_name]} {number_text(limit)} {unit}",
            field=name,
            value=value,
        )


def check_count(c: VoteCount) -> None:
    """Raise ValidationError (field = the attribute) for figures that cannot be a real count."""
    total_area = _check_area("total_area", c.total_area)
    total_owners = _check_owners("total_owners", c.total_owners)
    part_area = _check_area("part_area", c.part_area)
    part_owners = _check_owners("part_owners", c.part_owners)
    yes_area = _check_area("yes_area", c.yes_area)
    yes_owners = _check_owners("yes_owners", c.yes_owners)
    if total_area == 0:
        raise ValidationError("总面积不能为零", field="total_area", value=c.total_area)
    if total_owners == 0:
        raise ValidationError("业主总人数不能为零", field="total_owners", value=c.total_owners)
    _above("part_area", part_area, "total_area", total_area)
    _above("part_owners", part_owners, "total_owners", total_owners)
    _above("yes_area", yes_area, "part_area", part_area)
    _above("yes_owners", yes_owners, "part_owners", part_owners)


def _percent_units(ratio: Fraction, places: int) -> int:
    """|ratio| as a percentage in units of 10**-places %, rounded half up (away from zero)."""
    return math.floor(abs(ratio) * 100 * 10**places + Fraction(1, 2))


def percent_text(ratio: Fraction, places: int = 2) -> str:
    """Fraction(2, 3) → '66.67%', rounded half up (away from zero) from the exact value."""
    n = _percent_units(ratio, places)
    sign = "-" if ratio < 0 and n else ""
    whole, frac = divmod(n, 10**places)
    return f"{sign}{whole}.{frac:0{places}d}%" if places else f"{sign}{whole}%"


PERCENT_PLACES = 2  # what a vote line shows when that cannot be misread
MAX_PERCENT_PLACES = 6  # beyond this a vote line says 略高于 / 略低于 instead


def _reads_right(shown: int, bar: int, *, strict: bool, passed: bool) -> bool:
    """Whether a figure and the threshold, both rounded alike, compare the way the verdict
    went: a pass must read ≥ (or >) the threshold, a failure < (or ≤) it."""
    if passed:
        return shown > bar if strict else shown >= bar
    return shown <= bar if strict else shown < bar


def vote_figure(
    ratio: Fraction, threshold: Fraction, *, strict: bool, passed: bool
) -> tuple[str, str]:
    """The percentage of one vote test and a remark ('' or '略高于 1/2' / '略低于 2/3'),
    worded so the figure never seems to contradict the verdict.

    Two decimals as a rule (exactly 2/3 → '66.67%', which passes ≥ 2/3 and reads so). When
    the rounded figure would equal or cross the threshold rounded alike while the exact
    result lies on the other side, decimals are added until the two separate (19999.99/30000
    → '66.6666%' against 66.6667%, a failure of ≥ 2/3; 10000.01/20000 → '50.00005%', a pass
    of > 1/2). If six decimals still do not separate them, the figure keeps two decimals and
    the remark says which side of the threshold it lies on."""
    for places in range(PERCENT_PLACES, MAX_PERCENT_PLACES + 1):
        shown, bar = _percent_units(ratio, places), _percent_units(threshold, places)
        if _reads_right(shown, bar, strict=strict, passed=passed):
            return percent_text(ratio, places), ""
    side = "略低于" if ratio < threshold else "略高于"
    return percent_text(ratio), f"{side} {threshold}"


@dataclass(frozen=True)
class VoteTest:
    label: str
    numerator: Decimal | int
    denominator: Decimal | int
    threshold: Fraction
    strict: bool  # True: 过半数 (>); False: 以上 (≥)
    passed: bool

    @classmethod
    def compute(
        cls,
        label: str,
        numerator: Decimal | int,
        denominator: Decimal | int,
        threshold: Fraction,
        *,
        strict: bool,
    ) -> VoteTest:
        """numerator ≥ (or >) threshold × denominator, exactly; a zero denominator fails."""
        if denominator == 0:
            passed = False
        else:
            lhs, rhs = Fraction(numerator), threshold * Fraction(denominator)
            passed = lhs > rhs if strict else lhs >= rhs
        return cls(label, numerator, denominator, threshold, strict, passed)

    def ratio(self) -> Fraction:
        """numerator ÷ denominator exactly (0 when the denominator is 0)."""
        if self.denominator == 0:
            return Fraction(0)
        return Fraction(self.numerator) / Fraction(self.denominator)

    def text(self) -> str:
        """'参与表决面积 20000/30000 = 66.67%（需 ≥ 2/3）✓'. The one rendering of a vote line
        (vote dialog, fund detail, 审核表 PDF, `vote-check`): the percentage never reads as if
        it contradicted ✓/✗ (see vote_figure), e.g. '同意面积 10000.01/20000 = 50.00005%
        （需 > 1/2）✓' and, past six decimals, '… = 50.00%（略高于 1/2；需 > 1/2）✓'."""
        sign = ">" if self.strict else "≥"
        mark = "✓" if self.passed else "✗"
        fraction = f"{number_text(self.numerator)}/{number_text(self.denominator)}"
        if self.denominator == 0:
            pct, remark = "—", ""
        else:
            pct, remark = vote_figure(
                self.ratio(), self.threshold, strict=self.strict, passed=self.passed
            )
        need = f"需 {sign} {self.threshold}"
        brackets = f"{remark}；{need}" if remark else need
        return f"{self.label} {fraction} = {pct}（{brackets}）{mark}"


@dataclass(frozen=True)
class VoteResult:
    matter: VoteMatter
    rules_label: str
    legacy: bool
    tests: tuple[VoteTest, ...]
    passed: bool

    def lines(self) -> list[str]:
        return [t.text() for t in self.tests] + ["结论：通过" if self.passed else "结论：未通过"]


def evaluate(count: VoteCount, matter: VoteMatter, rules: VoteRules) -> VoteResult:
    """The tests of `matter` under `rules`; the vote passes when every test passes."""
    check_count(count)
    c = count
    if rules.legacy:
        tests: tuple[VoteTest, ...] = (
            VoteTest.compute(
                "同意面积占总面积", c.yes_area, c.total_area, rules.legacy_area, strict=False
            ),
            VoteTest.compute(
                "同意人数占总人数", c.yes_owners, c.total_owners, rules.legacy_owners, strict=False
            ),
        )
    else:
        if matter in rules.special_matters:
            area, owners, strict = rules.special_area, rules.special_owners, False
        else:
            area, owners, strict = rules.ordinary_area_gt, rules.ordinary_owners_gt, True
        tests = (
            VoteTest.compute(
                "参与表决面积", c.part_area, c.total_area, rules.quorum_area, strict=False
            ),
            VoteTest.compute(
                "参与表决人数", c.part_owners, c.total_owners, rules.quorum_owners, strict=False
            ),
            VoteTest.compute("同意面积", c.yes_area, c.part_area, area, strict=strict),
            VoteTest.compute("同意人数", c.yes_owners, c.part_owners, owners, strict=strict),
        )
    return VoteResult(
        matter=matter,
        rules_label=rules.label,
        legacy=rules.legacy,
        tests=tests,
        passed=all(t.passed for t in tests),
    )
