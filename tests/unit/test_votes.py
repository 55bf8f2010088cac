"""Owners' votes (DOMAIN.md §5.1): every threshold at, just under and just over its boundary."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from fractions import Fraction

import pytest

from app import paths
from app.domain import rulepack
from app.domain.errors import PropDeskError, ValidationError
from app.domain.votes import VoteCount, VoteMatter, VoteTest, check_count, evaluate

RULES = rulepack.load(paths.rules_dir()).votes
LEGACY = RULES.with_rule("legacy")
SPECIAL = [VoteMatter.RAISE, VoteMatter.REBUILD, VoteMatter.CHANGE_USE]

# 30000 m² and 300 owners: 2/3 is 20000 m² / 200 owners, exactly representable.
BASE = VoteCount(
    total_area=Decimal("30000"),
    total_owners=300,
    part_area=Decimal("24000"),
    part_owners=240,
    yes_area=Decimal("20000"),
    yes_owners=200,
)


def count(**changes: object) -> VoteCount:
    return replace(BASE, **changes)  # type: ignore[arg-type]


def verdicts(c: VoteCount, matter: VoteMatter = VoteMatter.USE) -> dict[str, bool]:
    return {t.label: t.passed for t in evaluate(c, matter, RULES).tests}


# ---- the rule pack ---------------------------------------------------------------------------
def test_pack_holds_the_civil_code_thresholds():
    assert RULES.rule == "civil_code_2021" and not RULES.legacy
    assert (RULES.quorum_area, RULES.quorum_owners) == (Fraction(2, 3), Fraction(2, 3))
    assert (RULES.special_area, RULES.special_owners) == (Fraction(3, 4), Fraction(3, 4))
    assert (RULES.ordinary_area_gt, RULES.ordinary_owners_gt) == (Fraction(1, 2), Fraction(1, 2))
    assert RULES.special_matters == frozenset(SPECIAL)
    assert RULES.label == "《民法典》第二百七十八条"
    assert LEGACY.legacy and LEGACY.label.startswith("旧规则")
    assert (LEGACY.legacy_area, LEGACY.legacy_owners) == (Fraction(2, 3), Fraction(2, 3))


def test_unknown_rule_is_refused():
    with pytest.raises(ValidationError) as exc:
        RULES.with_rule("majority")
    assert exc.value.field == "rule" and "majority" in exc.value.message


def test_pack_with_an_unknown_rule_or_matter_is_refused():
    data = rulepack.load(paths.rules_dir()).raw
    bad_rule = {**data, "votes": {**data["votes"], "rule": "simple"}}
    with pytest.raises(PropDeskError, match="simple"):
        rulepack.parse(bad_rule)
    bad_matter = {**data, "votes": {**data["votes"], "special_matters": ["sell"]}}
    with pytest.raises(PropDeskError):
        rulepack.parse(bad_matter)
    legacy = rulepack.parse({**data, "votes": {**data["votes"], "rule": "legacy"}})
    assert legacy.votes.legacy


# ---- quorum: participation ≥ 2/3 of all, by area and by headcount ----------------------------
def test_participation_exactly_two_thirds_passes():
    v = verdicts(
        count(
            part_area=Decimal("20000"), part_owners=200, yes_area=Decimal("15000"), yes_owners=150
        )
    )
    assert v["参与表决面积"] and v["参与表决人数"]


def test_participation_area_one_hundredth_under_two_thirds_fails():
    c = count(part_area=Decimal("19999.99"), yes_area=Decimal("15000"))
    result = evaluate(c, VoteMatter.USE, RULES)
    assert not verdicts(c)["参与表决面积"] and verdicts(c)["参与表决人数"]
    assert not result.passed


def test_participation_owners_one_under_two_thirds_fails():
    c = count(part_owners=199, yes_owners=150)
    assert not verdicts(c)["参与表决人数"] and verdicts(c)["参与表决面积"]
    assert not evaluate(c, VoteMatter.USE, RULES).passed


def test_two_thirds_of_an_area_that_does_not_divide_by_three():
    # 2/3 of 100.00 is 66.666…: 66.67 passes, 66.66 does not (no float rounding either way)
    small = VoteCount(Decimal("100"), 3, Decimal("66.67"), 2, Decimal("66.67"), 2)
    assert verdicts(small)["参与表决面积"]
    assert not verdicts(replace(small, part_area=Decimal("66.66"), yes_area=Decimal("66")))[
        "参与表决面积"
    ]


# ---- ordinary matters: approvals strictly more than half of participation --------------------
def test_approving_area_exactly_half_fails_and_one_hundredth_over_passes():
    c = count(part_area=Decimal("20000"), yes_area=Decimal("10000"), yes_owners=200)
    assert not verdicts(c)["同意面积"]
    assert not evaluate(c, VoteMatter.USE, RULES).passed
    over = replace(c, yes_area=Decimal("10000.01"))
    assert verdicts(over)["同意面积"]
    assert evaluate(over, VoteMatter.USE, RULES).passed


def test_approving_owners_exactly_half_fails_and_one_over_passes():
    c = count(part_owners=240, yes_owners=120)
    assert not verdicts(c)["同意人数"]
    assert not evaluate(c, VoteMatter.USE, RULES).passed
    assert evaluate(replace(c, yes_owners=121), VoteMatter.USE, RULES).passed


# ---- special matters: approvals at least 3/4 of participation --------------------------------
@pytest.mark.parametrize("matter", SPECIAL)
def test_special_matter_exactly_three_quarters_passes(matter):
    c = count(
        part_area=Decimal("24000"), part_owners=240, yes_area=Decimal("18000"), yes_owners=180
    )
    result = evaluate(c, matter, RULES)
    assert result.passed and all(t.passed for t in result.tests)
    assert [t.strict for t in result.tests] == [False] * 4


@pytest.mark.parametrize("matter", SPECIAL)
def test_special_matter_one_hundredth_under_three_quarters_fails(matter):
    c = count(
        part_area=Decimal("24000"), part_owners=240, yes_area=Decimal("17999.99"), yes_owners=180
    )
    v = {t.label: t.passed for t in evaluate(c, matter, RULES).tests}
    assert not v["同意面积"] and v["同意人数"]
    assert not evaluate(c, matter, RULES).passed


@pytest.mark.parametrize("matter", SPECIAL)
def test_special_matter_one_owner_under_three_quarters_fails(matter):
    c = count(
        part_area=Decimal("24000"), part_owners=240, yes_area=Decimal("18000"), yes_owners=179
    )
    v = {t.label: t.passed for t in evaluate(c, matter, RULES).tests}
    assert v["同意面积"] and not v["同意人数"]


def test_use_needs_only_a_majority_where_raise_needs_three_quarters():
    c = count(
        part_area=Decimal("24000"), part_owners=240, yes_area=Decimal("12000.01"), yes_owners=121
    )
    assert evaluate(c, VoteMatter.USE, RULES).passed
    assert not evaluate(c, VoteMatter.RAISE, RULES).passed


def test_nobody_participating_fails_every_test_and_shows_a_dash():
    c = count(part_area=Decimal("0"), part_owners=0, yes_area=Decimal("0"), yes_owners=0)
    result = evaluate(c, VoteMatter.RAISE, RULES)  # 0 ≥ 3/4 × 0 would be true: must still fail
    assert not any(t.passed for t in result.tests)
    assert result.tests[2].text() == "同意面积 0/0 = —（需 ≥ 3/4）✗"


# ---- the legacy rule: 2/3 of ALL area and ALL owners approve ---------------------------------
def test_legacy_rule_counts_approvals_against_everyone():
    c = count(
        part_area=Decimal("30000"), part_owners=300, yes_area=Decimal("20000"), yes_owners=200
    )
    result = evaluate(c, VoteMatter.USE, LEGACY)
    assert result.legacy and result.rules_label.startswith("旧规则")
    assert [t.label for t in result.tests] == ["同意面积占总面积", "同意人数占总人数"]
    assert result.passed
    assert result.tests[0].text() == "同意面积占总面积 20000/30000 = 66.67%（需 ≥ 2/3）✓"


def test_legacy_rule_one_hundredth_or_one_owner_under_fails():
    c = count(
        part_area=Decimal("30000"), part_owners=300, yes_area=Decimal("19999.99"), yes_owners=200
    )
    assert not evaluate(c, VoteMatter.USE, LEGACY).passed
    assert not evaluate(
        replace(c, yes_area=Decimal("20000"), yes_owners=199), VoteMatter.USE, LEGACY
    ).passed


def test_a_vote_that_passes_the_civil_code_fails_the_legacy_rule():
    c = count(
        part_area=Decimal("20000"), part_owners=200, yes_area=Decimal("10000.01"), yes_owners=101
    )
    assert evaluate(c, VoteMatter.USE, RULES).passed
    assert not evaluate(c, VoteMatter.USE, LEGACY).passed


# ---- the text shown to the user --------------------------------------------------------------
def test_text_format():
    c = count(
        part_area=Decimal("20000"), part_owners=200, yes_area=Decimal("10000"), yes_owners=101
    )
    result = evaluate(c, VoteMatter.USE, RULES)
    assert result.lines() == [
        "参与表决面积 20000/30000 = 66.67%（需 ≥ 2/3）✓",
        "参与表决人数 200/300 = 66.67%（需 ≥ 2/3）✓",
        "同意面积 10000/20000 = 50.00%（需 > 1/2）✗",
        "同意人数 101/200 = 50.50%（需 > 1/2）✓",
        "结论：未通过",
    ]


def test_text_keeps_two_decimals_of_a_fractional_area():
    t = VoteTest.compute(
        "同意面积", Decimal("10000.50"), Decimal("20000.00"), Fraction(1, 2), strict=True
    )
    # 50.0025% passes > 1/2: '50.00%' would read as exactly half, so it shows more decimals
    assert t.text() == "同意面积 10000.50/20000 = 50.003%（需 > 1/2）✓"
    assert t.ratio() == Fraction(1000050, 2000000)
    t = VoteTest.compute("同意人数", 1, 8, Fraction(1, 2), strict=True)
    assert t.text() == "同意人数 1/8 = 12.50%（需 > 1/2）✗"


@pytest.mark.parametrize(
    ("num", "den", "shown"),
    [
        (1, 800, "0.13%"),  # 0.125% exactly: half up, not banker's 0.12%
        (1, 1600, "0.06%"),  # 0.0625%
        (2, 3, "66.67%"),  # 66.666…
        (1, 3, "33.33%"),
        (1, 200000, "0.00%"),  # 0.0005%
        (1, 1, "100.00%"),
    ],
)
def test_percent_is_rounded_half_up_from_the_exact_fraction(num, den, shown):
    t = VoteTest.compute("同意人数", num, den, Fraction(1, 2), strict=True)
    assert f"= {shown}（" in t.text()


# ---- a printed figure never contradicts its ✓/✗ (issue 12, item 8) --------------------------
HALF, TWO_THIRDS, THREE_QUARTERS = Fraction(1, 2), Fraction(2, 3), Fraction(3, 4)


@pytest.mark.parametrize(
    ("num", "den", "threshold", "strict", "line"),
    [
        # exactly 2/3 passes ≥ 2/3 and 66.67% ≥ 66.67% reads so
        ("20000", "30000", TWO_THIRDS, False, "甲 20000/30000 = 66.67%（需 ≥ 2/3）✓"),
        # one hundredth under: 66.6666…% fails; '66.67%' would read as a pass
        ("19999.99", "30000", TWO_THIRDS, False, "甲 19999.99/30000 = 66.6666%（需 ≥ 2/3）✗"),
        ("20000.01", "30000", TWO_THIRDS, False, "甲 20000.01/30000 = 66.67%（需 ≥ 2/3）✓"),
        # one hundredth over half passes > 1/2; '50.00%' would read as exactly half, a failure
        ("10000.01", "20000", HALF, True, "甲 10000.01/20000 = 50.0001%（需 > 1/2）✓"),
        # exactly half fails > 1/2 and '50.00%' is consistent with that
        ("10000", "20000", HALF, True, "甲 10000/20000 = 50.00%（需 > 1/2）✗"),
        ("9999.99", "20000", HALF, True, "甲 9999.99/20000 = 50.00%（需 > 1/2）✗"),
        # exactly 3/4 passes ≥ 3/4
        ("15000", "20000", THREE_QUARTERS, False, "甲 15000/20000 = 75.00%（需 ≥ 3/4）✓"),
        # 3/4 less one hundredth fails; 74.99995% rounds to 75.0000% at four decimals
        ("14999.99", "20000", THREE_QUARTERS, False, "甲 14999.99/20000 = 74.99995%（需 ≥ 3/4）✗"),
        ("15000.01", "20000", THREE_QUARTERS, False, "甲 15000.01/20000 = 75.00%（需 ≥ 3/4）✓"),
        # owners: 3/4 less one of 40001 → 74.998…%, already below at three decimals
        (30000, 40001, THREE_QUARTERS, False, "甲 30000/40001 = 74.998%（需 ≥ 3/4）✗"),
        (20001, 40000, HALF, True, "甲 20001/40000 = 50.003%（需 > 1/2）✓"),
        # beyond six decimals: two decimals and 略高于 / 略低于 in words
        ("500000000.01", "1000000000", HALF, True,
         "甲 500000000.01/1000000000 = 50.00%（略高于 1/2；需 > 1/2）✓"),
        ("19999999999.99", "30000000000", TWO_THIRDS, False,
         "甲 19999999999.99/30000000000 = 66.67%（略低于 2/3；需 ≥ 2/3）✗"),
        ("74999999999.99", "100000000000", THREE_QUARTERS, False,
         "甲 74999999999.99/100000000000 = 75.00%（略低于 3/4；需 ≥ 3/4）✗"),
        # a legacy-rule line goes through the same formatter
        ("0", "30000", TWO_THIRDS, False, "甲 0/30000 = 0.00%（需 ≥ 2/3）✗"),
    ],
)  # fmt: skip
def test_every_boundary_reads_the_way_the_verdict_went(num, den, threshold, strict, line):
    n = num if isinstance(num, int) else Decimal(num)
    d = den if isinstance(den, int) else Decimal(den)
    assert VoteTest.compute("甲", n, d, threshold, strict=strict).text() == line


def _reads_consistently(t: VoteTest) -> bool:
    """Parse the printed percentage and compare it with the threshold rounded alike."""
    figure = t.text().split(" = ", 1)[1].split("%", 1)[0]
    if "略高于" in t.text():
        return t.passed and t.ratio() > t.threshold
    if "略低于" in t.text():
        return not t.passed and t.ratio() < t.threshold
    places = len(figure.split(".")[1])
    shown = Decimal(figure)
    r = round(t.threshold * 100, places)  # no ties: 50, 66.66…, 75
    bar = Decimal(r.numerator) / Decimal(r.denominator)
    if t.passed:
        return shown > bar if t.strict else shown >= bar
    return shown <= bar if t.strict else shown < bar


@pytest.mark.parametrize(
    ("threshold", "strict"), [(HALF, True), (TWO_THIRDS, False), (THREE_QUARTERS, False)]
)
def test_no_printed_figure_contradicts_its_verdict(threshold, strict):
    cases = [(n, d) for d in range(1, 160) for n in range(d + 1)]
    # areas in hundredths around the boundary of large totals
    for total in ("30000", "20000", "12345.67", "99999.99", "1000000"):
        d = Decimal(total)
        edge = (Fraction(d) * threshold * 100).__floor__()
        cases += [(Decimal(k) / 100, d) for k in range(edge - 3, edge + 4)]
    for n, d in cases:
        t = VoteTest.compute("甲", n, d, threshold, strict=strict)
        assert _reads_consistently(t), t.text()
        assert t.text().endswith("✓" if t.passed else "✗")


# ---- invalid figures -------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"total_area": Decimal("-1")}, "total_area", "负数"),
        ({"total_owners": -1}, "total_owners", "负数"),
        ({"part_area": Decimal("-0.01")}, "part_area", "负数"),
        ({"part_owners": -5}, "part_owners", "负数"),
        ({"yes_area": Decimal("-3")}, "yes_area", "负数"),
        ({"yes_owners": -1}, "yes_owners", "负数"),
        ({"total_area": Decimal("30000.001")}, "total_area", "两位小数"),
        ({"part_area": Decimal("20000.125")}, "part_area", "两位小数"),
        ({"yes_area": Decimal("1.005")}, "yes_area", "两位小数"),
        ({"total_area": Decimal("0")}, "total_area", "不能为零"),
        ({"total_owners": 0}, "total_owners", "不能为零"),
        ({"part_area": Decimal("30000.01")}, "part_area", "参与表决面积 30000.01 ㎡ 超过总面积 30000 ㎡"),
        ({"part_owners": 301}, "part_owners", "参与表决人数 301 人 超过业主总人数 300 人"),
        ({"yes_area": Decimal("24000.01")}, "yes_area", "同意面积 24000.01 ㎡ 超过参与表决面积 24000 ㎡"),
        ({"yes_owners": 241}, "yes_owners", "同意人数 241 人 超过参与表决人数 240 人"),
        ({"total_owners": 2.5}, "total_owners", "整数"),
        ({"part_area": Decimal("NaN")}, "part_area", "数字"),
    ],
)  # fmt: skip
def test_invalid_figures_name_their_field(changes, field, words):
    with pytest.raises(ValidationError) as exc:
        check_count(count(**changes))
    assert exc.value.field == field
    assert words in exc.value.message
    with pytest.raises(ValidationError):
        evaluate(count(**changes), VoteMatter.USE, RULES)


def test_the_limits_themselves_are_valid():
    check_count(
        count(
            part_area=Decimal("30000"), part_owners=300, yes_area=Decimal("30000"), yes_owners=300
        )
    )
    check_count(
        count(part_area=Decimal("0.00"), part_owners=0, yes_area=Decimal("0"), yes_owners=0)
    )
    check_count(count(total_area=Decimal("30000.000")))  # trailing zeros are still 2 places
