"""The deadline engine: the one place where "what is due when" is computed.

Every module asks the same questions: by which day must a step happen, is it late, how
late, what is next. Rules are plain counts of days, months or years taken from the rule
pack; the functions here turn them into dates with one convention (DOMAIN.md §5.8, Civil
Code Art. 201–202), tested at the edges. Every "last day" is inclusive: the step is on time
on that day and late (overdue) from the next day.

- a period in days starts the day after the event (Art. 201): "within N days of X" ends on
  X + N ("收到申请后60日内" from 01-01 ends on 03-02, overdue from 03-03);
- a period in months or years ends on the corresponding day of its last month, or that
  month's last day where there is none (Art. 202): posted 2026-05-23, half-yearly → current
  through 2026-11-23, overdue from 2026-11-24; 01-31 + 1 month → 02-28 (02-29 in a leap
  year);
- "at least N days before X": the latest allowed day is X − N;
- a term is written inclusively as filings print it, so it ends the day before its
  anniversary: elected 2021-09-15, five years → 2021-09-15 至 2026-09-14, re-election
  overdue from 2026-09-15.

No holiday calendar is held, so a last day falling on a holiday is not extended (Art. 203).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from app.domain.dates import add_months


def within(start: date, days: int) -> date:
    """The last allowed day for something due within `days` days of `start`: the period
    starts the day after `start` (Art. 201), so day `days` is `start` + `days`."""
    return start + timedelta(days=days)


def days_period_end(event: date, days: int) -> date:
    """The last day of a period of `days` days counted from `event` (Art. 201): 01-01 +
    60 days → 03-02, overdue from 03-03. The same rule as `within`."""
    return within(event, days)


def at_least_before(event: date, days: int) -> date:
    """The last allowed day for something that must come `days` days before `event`."""
    return event - timedelta(days=days)


def period_end(start: date, months: int) -> date:
    """The last day of a period of `months` months counted from `start` (Art. 202): the
    corresponding day of the last month, or that month's last day where there is none.
    05-23 + 6 → 11-23; 01-31 + 1 → 02-28 (02-29 in a leap year); 03-31 + 1 → 04-30.
    Current through this day inclusive, overdue from the next."""
    return add_months(start, months)


def term_end(start: date, years: int) -> date:
    """The last day of a term of `years` years starting on `start`, written inclusively:
    the day before the anniversary (2021-09-15, 5 years → 2026-09-14). Where the
    anniversary month has no corresponding day (a term from 02-29) the term runs to that
    month's last day (2029-02-28) rather than losing a day."""
    end = add_months(start, 12 * years)
    return end if end.day != start.day else end - timedelta(days=1)


class DueState(StrEnum):
    PENDING = "pending"  # not done, not yet late
    DUE_SOON = "due_soon"  # not done, within the warning window
    OVERDUE = "overdue"  # not done, past its last allowed day
    DONE = "done"  # done on time
    DONE_LATE = "done_late"  # done, but after its last allowed day


STATE_LABELS = {
    DueState.PENDING: "待办",
    DueState.DUE_SOON: "即将到期",
    DueState.OVERDUE: "已逾期",
    DueState.DONE: "按时完成",
    DueState.DONE_LATE: "逾期完成",
}


@dataclass(frozen=True)
class Due:
    """One dated obligation: what, by which day, under which rule, and whether it is done."""

    key: str  # stable id within its module, e.g. "filing"
    label: str  # 备案
    due: date  # the last allowed day
    rule: str  # the rule in plain Chinese, e.g. 选举后30日内备案
    done: date | None = None
    warn_days: int = 0  # DUE_SOON this many days before `due`

    def state(self, today: date) -> DueState:
        if self.done is not None:
            return DueState.DONE if self.done <= self.due else DueState.DONE_LATE
        if today > self.due:
            return DueState.OVERDUE
        if self.warn_days and today >= self.due - timedelta(days=self.warn_days):
            return DueState.DUE_SOON
        return DueState.PENDING

    def days_late(self, today: date) -> int:
        """Days past the last allowed day (when it was done, or today if still open)."""
        end = self.done if self.done is not None else today
        return max(0, (end - self.due).days)

    def days_left(self, today: date) -> int:
        return (self.due - today).days

    def describe(self, today: date) -> str:
        state = self.state(today)
        if state is DueState.OVERDUE:
            return f"{self.label}已逾期{self.days_late(today)}天（{self.rule}）"
        if state is DueState.DONE_LATE:
            return f"{self.label}晚了{self.days_late(today)}天（{self.rule}）"
        if state is DueState.DONE:
            return f"{self.label}已按时完成"
        left = self.days_left(today)
        when = "今天到期" if left == 0 else f"还有{left}天"
        return f"{self.label}应于{self.due:%Y-%m-%d}前完成，{when}"


def open_dues(dues: Iterable[Due]) -> list[Due]:
    return [d for d in dues if d.done is None]


def next_due(dues: Sequence[Due]) -> Due | None:
    """The earliest obligation not yet done (overdue ones come first, being earliest)."""
    pending = open_dues(dues)
    return min(pending, key=lambda d: (d.due, d.key)) if pending else None


def breaches(dues: Iterable[Due], today: date) -> list[Due]:
    """Obligations past their day: overdue, or done late."""
    return [d for d in dues if d.state(today) in (DueState.OVERDUE, DueState.DONE_LATE)]
