"""Lunar dates, festivals and solar terms to Gregorian days (via lunar_python)."""
from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

from lunar_python import Lunar, LunarYear, Solar


_JULIAN_TO_ORDINAL = 1721425  # date.fromordinal(julian day number - this)


@lru_cache(maxsize=256)
def _months(lunar_year: int) -> tuple[tuple[int, int, bool, date, int], ...]:
    """(lunar year, month, leap, first day, days) of the months lunar_python computes around ``lunar_year``.

    One year's months cost one astronomical computation (a few ms); asking lunar_python for each
    date would cost that per date."""
    return tuple((m.getYear(), abs(m.getMonth()), m.isLeap(),
                  date.fromordinal(m.getFirstJulianDay() - _JULIAN_TO_ORDINAL), m.getDayCount())
                 for m in LunarYear.fromYear(lunar_year).getMonths())


@lru_cache(maxsize=4096)
def lunar_to_solar(year: int, month: int, day: int) -> date | None:
    """The Gregorian day of lunar ``year-month-day`` (non-leap month), or None if it does not exist."""
    for y, m, leap, first, days in _months(year):
        if (y, m, leap) == (year, month, False):
            return first + timedelta(days=day - 1) if 1 <= day <= days else None
    return None


@lru_cache(maxsize=4096)
def solar_to_lunar(day: date) -> tuple[int, int, int]:
    """The lunar (year, month, day) of a Gregorian day; a leap month gives its month's number."""
    for lunar_year in (day.year, day.year - 1, day.year + 1):
        for y, m, _, first, days in _months(lunar_year):
            if first <= day < first + timedelta(days=days):
                return y, m, (day - first).days + 1
    raise ValueError(f"no lunar month holds {day}")


@lru_cache(maxsize=64)
def _term_table(lunar_year: int) -> dict[str, date]:
    """The solar terms of one lunar year's table (it runs from the 大雪 before the year), from the
    same computed year as its months."""
    days = LunarYear.fromYear(lunar_year).getJieQiJulianDays()
    return {name: _day(Solar.fromJulianDay(jd)) for name, jd in zip(Lunar.JIE_QI_IN_USE, days, strict=True)}


def _day(solar: Solar) -> date:
    return date(solar.getYear(), solar.getMonth(), solar.getDay())


@lru_cache(maxsize=1024)
def solar_term(year: int, name: str) -> date | None:
    """The Gregorian day of solar term ``name`` (清明, 冬至, …) in Gregorian ``year``."""
    for lunar_year in (year, year + 1, year - 1):  # a lunar year's table runs from the 冬至 before it
        found = _term_table(lunar_year).get(name)
        if found is not None and found.year == year:
            return found
    return None


def festival_in_lunar_year(spec: dict, lunar_year: int, festivals: dict) -> date | None:
    """A festival spec from the grammar (lunar / solar / term / weekday_of_month / eve_of) in one lunar or solar year."""
    if "lunar" in spec:
        month, day = spec["lunar"]
        return lunar_to_solar(lunar_year, month, day)
    if "solar" in spec:
        month, day = spec["solar"]
        return date(lunar_year, month, day)
    if "term" in spec:
        return solar_term(lunar_year, spec["term"])
    if "weekday_of_month" in spec:  # 母亲节: the second Sunday of May
        month, nth, weekday = spec["weekday_of_month"]
        first = date(lunar_year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    if "eve_of" in spec:
        target = festival_in_lunar_year(festivals[spec["eve_of"]], lunar_year + 1, festivals)
        return target - timedelta(days=1) if target else None
    raise ValueError(f"festival spec without a date rule: {spec}")
