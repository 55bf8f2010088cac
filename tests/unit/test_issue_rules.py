"""The issue chain's rules at their boundaries (DOMAIN.md §4.3), as pure functions."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.domain.documents import cn_date, format_doc_number
from app.domain.enums import IssueStatus as S
from app.domain.errors import ConflictError, ValidationError
from app.domain.issues import (
    IssueCategory,
    IssueFields,
    advance,
    after_void,
    can,
    days_overdue,
    find_category,
    is_overdue,
    merge_categories,
    split_names,
    validate_issue,
)

TODAY = date(2026, 11, 23)


def test_overdue_starts_the_day_after_the_deadline_and_never_when_closed():
    assert not is_overdue(S.RECTIFYING, TODAY, TODAY)
    assert is_overdue(S.RECTIFYING, TODAY - timedelta(days=1), TODAY)
    assert days_overdue(S.OPEN, TODAY - timedelta(days=3), TODAY) == 3
    assert not is_overdue(S.CLOSED, TODAY - timedelta(days=30), TODAY)


def test_deadline_on_the_found_date_is_allowed_one_day_before_is_not():
    f = IssueFields(1, "其他", "x", TODAY, TODAY, "某物业")
    assert validate_issue(f, TODAY, ["其他"]).deadline == TODAY
    with pytest.raises(ValidationError) as e:
        validate_issue(
            IssueFields(1, "其他", "x", TODAY, TODAY - timedelta(days=1), "某物业"), TODAY, ["其他"]
        )
    assert e.value.field == "deadline"
    with pytest.raises(ValidationError):  # found tomorrow: a typo
        validate_issue(
            IssueFields(1, "其他", "x", TODAY + timedelta(days=1), TODAY + timedelta(days=2), "x"),  # noqa: E501
            TODAY,
            ["其他"],
        )


@pytest.mark.parametrize(
    ("status", "event", "target"),
    [
        (S.OPEN, "notice", S.NOTIFIED),
        (S.RECTIFYING, "notice", S.NOTIFIED),
        (S.NOTIFIED, "served", S.RECTIFYING),
        (S.OPEN, "reported", S.AWAITING_REINSPECTION),
        (S.AWAITING_REINSPECTION, "reinspect_pass", S.CLOSED),
        (S.RECTIFYING, "reinspect_fail", S.RECTIFYING),
        (S.NOTIFIED, "reinspect_pass", S.CLOSED),
    ],
)
def test_the_chain_moves(status, event, target):
    assert can(status, event) and advance(status, event) is target


@pytest.mark.parametrize(
    ("status", "event"),
    [
        (S.OPEN, "reinspect_pass"),  # no closing without a notice or a reported fix
        (S.OPEN, "reinspect_fail"),
        (S.OPEN, "served"),
        (S.RECTIFYING, "served"),
        (S.AWAITING_REINSPECTION, "notice"),
        (S.CLOSED, "notice"),
        (S.CLOSED, "reported"),
        (S.CLOSED, "reinspect_pass"),
    ],
)
def test_the_chain_refuses(status, event):
    assert not can(status, event)
    with pytest.raises(ConflictError) as e:
        advance(status, event)
    assert status.label in e.value.message


def test_void_restores_unless_the_chain_moved_on():
    prev = (S.OPEN, TODAY)
    later = TODAY + timedelta(days=9)
    assert after_void(S.NOTIFIED, later, prev, False) == prev
    assert after_void(S.RECTIFYING, later, prev, False) == prev
    assert after_void(S.NOTIFIED, later, prev, True) == (S.NOTIFIED, later)
    assert after_void(S.CLOSED, later, prev, False) == (S.CLOSED, later)
    assert after_void(S.AWAITING_REINSPECTION, later, prev, False) == (
        S.AWAITING_REINSPECTION,
        later,
    )  # noqa: E501


def test_numbers_dates_names_and_categories():
    assert format_doc_number("X镇物整", 2026, 7) == "X镇物整〔2026〕7号"
    assert cn_date(date(2026, 1, 5)) == "2026年1月5日"
    assert split_names("张三、李四, 王五；赵六") == ("张三", "李四", "王五", "赵六")
    cats = [
        IssueCategory("消防安全隐患（通道占用、设施老化）", 7, "消防救援", ""),
        IssueCategory("其他", 15, "住建", ""),
    ]
    assert find_category("消防安全隐患", cats).deadline_days == 7
    with pytest.raises(ValidationError):
        find_category("电梯", cats)
    merged = merge_categories(cats, [])
    assert [c.name for c in merged] == [c.name for c in cats]
