"""extract.lunar reads lunar months off one computed year; it must agree with lunar_python's
own per-date conversion, leap months and short months included."""
from datetime import date

import pytest
from lunar_python import Lunar, Solar

from extract.lunar import lunar_to_solar, solar_term, solar_to_lunar

# around leap months (2020: 4th, 2023: 2nd, 2025: 6th) and lunar new years
DAYS = [date(2020, 5, 22), date(2020, 6, 21), date(2020, 7, 20), date(2023, 3, 21), date(2023, 4, 19),
        date(2023, 4, 20), date(2025, 7, 25), date(2025, 8, 22), date(2025, 8, 23), date(2024, 2, 9),
        date(2024, 2, 10), date(2026, 2, 16), date(2026, 2, 17), date(2019, 12, 31)]


@pytest.mark.parametrize("day", DAYS)
def test_solar_to_lunar_agrees_with_lunar_python(day):
    lunar = Solar.fromYmd(day.year, day.month, day.day).getLunar()
    assert solar_to_lunar(day) == (lunar.getYear(), abs(lunar.getMonth()), lunar.getDay())


@pytest.mark.parametrize("year,month", [(2020, 4), (2020, 5), (2023, 2), (2023, 3), (2025, 6), (2025, 12), (2024, 1)])
def test_lunar_to_solar_agrees_with_lunar_python(year, month):
    for day in range(1, 31):
        try:
            solar = Lunar.fromYmd(year, month, day).getSolar()
            expected = date(solar.getYear(), solar.getMonth(), solar.getDay())
        except Exception:  # lunar_python's answer for a day the month does not have
            expected = None
        assert lunar_to_solar(year, month, day) == expected, (year, month, day)


def test_the_leap_month_is_not_the_month():
    # 2023's second month came twice; 二月初一 is the first one
    assert lunar_to_solar(2023, 2, 1) == date(2023, 2, 20)
    assert solar_to_lunar(date(2023, 3, 22)) == (2023, 2, 1)  # the leap month's first day
    assert lunar_to_solar(2023, 2, 30) == date(2023, 3, 21)  # the ordinary month had 30 days
    assert lunar_to_solar(2023, 3, 1) == date(2023, 4, 20)  # the third month follows the leap month


def test_solar_terms():
    assert solar_term(2025, "清明") == date(2025, 4, 4)
    assert solar_term(2024, "冬至") == date(2024, 12, 21)
    assert solar_term(2025, "冬至") == date(2025, 12, 21)
