"""The objection period, checked by hand against the England and Wales calendar."""

import datetime as dt

import pytest

from sec_redline.workdays import Release, add_working_days, is_working_day, timeline, why_not_working

D = dt.date


@pytest.mark.parametrize(
    "decision, ends, earliest",
    [
        # MP087: Friday 11 October 2019; 14-18, 21-25, 28 Oct-1 Nov are the 15 Working Days.
        (D(2019, 10, 11), D(2019, 11, 1), D(2019, 11, 4)),
        # Christmas 2019: 16-20, 23-24, 27, 30-31 Dec, 2-3, 6-8 Jan (25, 26 Dec and 1 Jan are bank holidays).
        (D(2019, 12, 13), D(2020, 1, 8), D(2020, 1, 9)),
        # Christmas 2020: Boxing Day is a Saturday, so Monday 28 December is the substitute; 1 Jan 2021 a Friday.
        (D(2020, 12, 18), D(2021, 1, 13), D(2021, 1, 14)),
        # New Year 2022: 25, 26 Dec 2021 and 1 Jan 2022 fall at a weekend; 27, 28 Dec and 3 Jan are holidays.
        (D(2021, 12, 17), D(2022, 1, 12), D(2022, 1, 13)),
        # Easter 2019: Good Friday 19 April and Easter Monday 22 April.
        (D(2019, 4, 8), D(2019, 5, 1), D(2019, 5, 2)),
        # Easter 2021: decision Thursday 1 April; Good Friday 2 and Easter Monday 5 April are skipped:
        # 6-9 (4), 12-16 (9), 19-23 (14), 26 April (15).
        (D(2021, 4, 1), D(2021, 4, 26), D(2021, 4, 27)),
        # VE Day 2020: the early May bank holiday moved to Friday 8 May.
        (D(2020, 4, 30), D(2020, 5, 22), D(2020, 5, 26)),  # 25 May 2020 is the Spring bank holiday
    ],
)
def test_objection_period(decision, ends, earliest):
    t = timeline(decision, [])
    assert (t.objection_period_ends, t.earliest_implementation) == (ends, earliest)


def test_release_it_can_join():
    releases = [
        Release("November 2019 SEC Release", D(2019, 11, 7)),
        Release("Illustrative later release", D(2020, 2, 27)),
    ]
    assert timeline(D(2019, 10, 11), releases).release.name == "November 2019 SEC Release"
    assert timeline(D(2019, 10, 25), releases).release.name == "Illustrative later release"  # earliest 18 Nov 2019
    assert timeline(D(2020, 3, 2), releases).release is None


def test_non_working_days_named():
    assert why_not_working(D(2020, 11, 7)) == "a Saturday"
    assert why_not_working(D(2019, 12, 26)) == "a bank holiday (Boxing Day)"
    assert why_not_working(D(2019, 11, 7)) is None
    assert not is_working_day(D(2020, 5, 8)) and is_working_day(D(2020, 5, 4))
    assert add_working_days(D(2019, 12, 24), 1) == D(2019, 12, 27)
