"""Working Days in England and Wales, the objection period, and the SEC release a change can join.

Bank holidays come from the maintained ``holidays`` library (England
subdivision: the same days as Wales), including substitute days and one-off
holidays (e.g. 8 May 2020, 19 September 2022).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

OBJECTION_PERIOD_WORKING_DAYS = 15  # Fast-Track Modification Proposals


@lru_cache(maxsize=64)
def _holidays(year: int) -> dict[dt.date, str]:
    import holidays  # loaded when a date is first checked, not by every command

    return dict(holidays.country_holidays("GB", subdiv="ENG", years=year))


def bank_holiday(day: dt.date) -> str | None:
    """The name of the England and Wales bank holiday on ``day``, or None."""
    return _holidays(day.year).get(day)


def is_working_day(day: dt.date) -> bool:
    """Monday to Friday and not a bank holiday in England and Wales."""
    return day.weekday() < 5 and bank_holiday(day) is None


def why_not_working(day: dt.date) -> str | None:
    """ "a Saturday", "a bank holiday (Boxing Day)", or None for a Working Day."""
    if day.weekday() >= 5:
        return f"a {day.strftime('%A')}"
    name = bank_holiday(day)
    return f"a bank holiday ({name})" if name else None


def add_working_days(start: dt.date, n: int) -> dt.date:
    """The ``n``-th Working Day after ``start`` (``start`` itself does not count)."""
    day = start
    counted = 0
    while counted < n:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            counted += 1
    return day


def next_working_day(day: dt.date) -> dt.date:
    return add_working_days(day, 1)


@dataclass(frozen=True)
class Release:
    name: str  # "November 2019 SEC Release"
    date: dt.date


@dataclass(frozen=True)
class Timeline:
    decision: dt.date
    objection_period_ends: dt.date
    earliest_implementation: dt.date
    release: Release | None


def timeline(decision: dt.date, releases: list[Release], working_days: int = OBJECTION_PERIOD_WORKING_DAYS) -> Timeline:
    """From the Panel's decision: the end of the objection period, the earliest implementation date
    (the next Working Day) and the first release on or after it."""
    ends = add_working_days(decision, working_days)
    earliest = next_working_day(ends)
    later = sorted((r for r in releases if r.date >= earliest), key=lambda r: r.date)
    return Timeline(decision, ends, earliest, later[0] if later else None)
