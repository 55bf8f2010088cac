"""The deadline engine: the one place where "what is due when" is computed.

Every module asks the same questions: by which day must a step happen, is it late, how
late, what is next. Rules are plain counts of days, months or years taken from the rule
pack; the functions here turn them into dates with one convention, tested at the edges:

- "within N days of X": day N after X is still on time, day N + 1 is late
  (a filing within 30 days of an election on 1 March may happen on 31 March);
- "at least N days before X": the latest allowed day is X − N;
- a period of M months starting on P covers P up to the day before P + M months
  (posted 2026-05-23, half-yearly: current through 2026-11-22, overdue from 2026-11-23);
- a term of Y years from S ends on the day before S + Y years.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from app.domain.dates import add_months


def within(start: date, days: int) -> date:
    """The last allowed day for something due within `days` days of `start`."""
    return start + timedelta(days=days)


def at_least_before(event: date, days: int) -> date:
    """The last allowed day for something that must come `days` days before `event`."""
    return event - timedelta(days=days)


def period_end(start: date, months: int) -> date:
    """The last day covered by a period of `months` months starting on `start`. When the
    target month is too short for the start day (31 March + 1 month), the period runs to
    that month's last day (30 April) rather than losing a day."""
    end = add_months(start, months)
    return end if end.day != start.day else end - timedelta(days=1)


def term_end(start: date, years: int) -> date:
    """The last day of a term of `years` years starting on `start`."""
    return period_end(start, 12 * years)


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
