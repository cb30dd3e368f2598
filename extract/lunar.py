"""Lunar dates, festivals and solar terms to Gregorian days (via lunar_python)."""
from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

from lunar_python import Lunar, Solar


def _solar(lunar) -> date:
    solar = lunar.getSolar()
    return date(solar.getYear(), solar.getMonth(), solar.getDay())


@lru_cache(maxsize=4096)
def lunar_to_solar(year: int, month: int, day: int) -> date | None:
    """The Gregorian day of lunar ``year-month-day`` (non-leap month), or None if it does not exist."""
    try:
        return _solar(Lunar.fromYmd(year, month, day))
    except Exception:  # lunar_python raises bare Exceptions for impossible days (e.g. 30th of a short month)
        return None


@lru_cache(maxsize=4096)
def solar_to_lunar(day: date) -> tuple[int, int, int]:
    """The lunar (year, month, day) of a Gregorian day; a leap month gives its month's number."""
    lunar = Solar.fromYmd(day.year, day.month, day.day).getLunar()
    return lunar.getYear(), abs(lunar.getMonth()), lunar.getDay()


@lru_cache(maxsize=64)
def _term_table(lunar_year: int) -> dict[str, date]:
    """The solar terms of one lunar year's table (it runs from the 冬至 before the year), computed once."""
    table = Lunar.fromYmd(lunar_year, 6, 1).getJieQiTable()
    return {name: date(s.getYear(), s.getMonth(), s.getDay()) for name, s in table.items()}


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
