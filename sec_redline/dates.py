"""Dates as the outputs write them: once each, for every writer."""

from __future__ import annotations

import datetime as dt


def long_date(day: dt.date) -> str:
    """ "11 October 2019": how a report, a release's notes and its redline write a day."""
    return f"{day.day} {day.strftime('%B %Y')}"


def revision_timestamp(day: dt.date) -> str:
    """ "2019-10-04T00:00:00Z": the date of a tracked change (ISO 8601, midnight UTC), never today's."""
    return f"{day.isoformat()}T00:00:00Z"


def midnight(day: dt.date) -> dt.datetime:
    """The day at midnight, for the dates a package records (a PDF's creation date, a zip entry's time)."""
    return dt.datetime(day.year, day.month, day.day)


__all__ = ["long_date", "midnight", "revision_timestamp"]
