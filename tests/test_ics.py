"""iCalendar output read back with the icalendar library: structure, times, escaping, folding."""
from __future__ import annotations

from datetime import date, datetime, timedelta, UTC
from zoneinfo import ZoneInfo

import icalendar
import pytest
from feeds_sample import HOSTILE, calendar, info, stored

from calfeed.feeds.ics import fold, render_ics
from calfeed.feeds.text import clean, clean_line

SHANGHAI = ZoneInfo("Asia/Shanghai")


def parse(data: bytes) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(data)


def vevents(data: bytes) -> dict[str, icalendar.Event]:
    return {str(e["UID"]): e for e in parse(data).walk("VEVENT")}


def test_calendar_properties_name_the_calendar_in_chinese_and_ask_for_hourly_refresh():
    data = render_ics(calendar(), info())
    cal = parse(data)
    assert cal["VERSION"] == "2.0" and "calfeed" in cal["PRODID"]
    assert cal["NAME"] == cal["X-WR-CALNAME"] == "杨浦社区活动日历"
    assert cal["X-WR-CALDESC"] == "从本区新闻中整理的社区活动"
    assert cal["X-WR-TIMEZONE"] == "Asia/Shanghai"
    assert b"\r\nREFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n" in data
    assert b"\r\nX-PUBLISHED-TTL:PT1H\r\n" in data
    assert cal["URL"] == "https://cal.example.org/" and cal["SOURCE"] == "https://cal.example.org/calendar.ics"


def test_lines_are_crlf_and_at_most_75_octets_and_folds_never_split_a_character():
    data = render_ics(calendar(), info())
    assert data.endswith(b"END:VCALENDAR\r\n")
    lines = data.split(b"\r\n")[:-1]
    assert all(b"\n" not in line and b"\r" not in line for line in lines)
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines)  # the long Chinese descriptions were folded
    for line in lines:
        line.decode("utf-8")  # a split character would raise here


@pytest.mark.parametrize("prefix", range(8))
def test_fold_round_trips_any_mix_of_one_to_four_byte_characters(prefix):
    line = "DESCRIPTION:" + "a" * prefix + "银龄健步走😀é" * 30
    folded = fold(line)
    physical = folded.split(b"\r\n")[:-1]
    assert all(len(piece) <= 75 for piece in physical)
    assert all(piece.startswith(b" ") for piece in physical[1:])
    assert b"".join([physical[0]] + [piece[1:] for piece in physical[1:]]).decode("utf-8") == line
    assert fold("SUMMARY:短") == "SUMMARY:短\r\n".encode()


def test_uids_come_from_the_store_and_are_unique():
    events = calendar()
    found = [str(e["UID"]) for e in parse(render_ics(events, info())).walk("VEVENT")]
    assert found == [e.uid for e in events]
    assert len(set(found)) == len(found)


def test_timed_events_use_the_shanghai_tzid_with_one_compact_vtimezone():
    data = render_ics(calendar(), info())
    cal = parse(data)
    zones = cal.walk("VTIMEZONE")
    assert [str(z["TZID"]) for z in zones] == ["Asia/Shanghai"]
    parts = zones[0].subcomponents
    assert [p.name for p in parts] == ["STANDARD"]
    assert parts[0]["TZOFFSETTO"].td == timedelta(hours=8)
    used = {param for line in data.split(b"\r\n") for param in line.split(b":")[0].split(b";") if param.startswith(b"TZID=")}
    assert used == {b"TZID=Asia/Shanghai"}
    timed = vevents(data)["timed@calfeed"]
    assert b"DTSTART;TZID=Asia/Shanghai:20250308T140000\r\n" in data
    start = timed.decoded("DTSTART")
    assert start == datetime(2025, 3, 8, 14, 0, tzinfo=SHANGHAI)
    assert start.utcoffset() == timedelta(hours=8)
    assert "DTEND" not in timed  # no end time known: the event ends as it starts (RFC 5545 3.6.1)
    ends = vevents(data)["ends@calfeed"]
    assert ends.decoded("DTEND") == datetime(2025, 3, 9, 11, 0, tzinfo=SHANGHAI)


def test_a_calendar_of_whole_days_has_no_vtimezone():
    events = [e for e in calendar() if e.all_day]
    assert parse(render_ics(events, info())).walk("VTIMEZONE") == []


def test_whole_day_and_multi_day_events_are_dates_with_an_exclusive_end():
    data = render_ics(calendar(), info())
    found = vevents(data)
    assert b"DTSTART;VALUE=DATE:20250312\r\nDTEND;VALUE=DATE:20250313\r\n" in data
    assert found["day@calfeed"].decoded("DTSTART") == date(2025, 3, 12)
    assert found["day@calfeed"].decoded("DTEND") == date(2025, 3, 13)
    assert found["span@calfeed"].decoded("DTSTART") == date(2025, 3, 10)
    assert found["span@calfeed"].decoded("DTEND") == date(2025, 3, 21)  # the 20th is the last day


def test_a_timed_start_with_a_later_last_day_lasts_through_that_day():
    event = stored(start=datetime(2025, 3, 8, 9, 0), end=date(2025, 3, 10))
    found = vevents(render_ics([event], info()))["e1@calfeed"]
    assert found.decoded("DTEND") == datetime(2025, 3, 11, 0, 0, tzinfo=SHANGHAI)


def test_change_times_sequence_and_cancellation_come_from_the_store():
    found = vevents(render_ics(calendar(), info()))
    cancelled = found["cancelled@calfeed"]
    assert cancelled["STATUS"] == "CANCELLED"
    assert cancelled["SEQUENCE"] == 1
    assert cancelled.decoded("DTSTAMP") == datetime(2025, 3, 5, 0, 0, tzinfo=UTC)
    assert cancelled.decoded("LAST-MODIFIED") == datetime(2025, 3, 5, 0, 0, tzinfo=UTC)
    assert cancelled.decoded("CREATED") == datetime(2025, 3, 1, 1, 30, tzinfo=UTC)
    assert found["ends@calfeed"]["SEQUENCE"] == 2
    assert found["timed@calfeed"]["STATUS"] == "CONFIRMED"


def test_chinese_text_survives_in_summary_location_categories_description_and_url():
    found = vevents(render_ics(calendar(), info()))["timed@calfeed"]
    assert found["SUMMARY"] == "银龄健步走"
    assert found["LOCATION"] == "人民公园"
    assert found["CATEGORIES"].cats == ["体育"]
    description = str(found["DESCRIPTION"])
    assert "时间：2025-03-08 14:00" in description and "地点：人民公园" in description
    assert "3月8日下午2点，银龄健步走活动在人民公园举行，欢迎社区老人参加。" in description
    assert "http://news.test/yangpu/1" in description
    assert found["URL"] == "https://cal.example.org/events/timed@calfeed"


def test_hostile_text_cannot_add_properties_or_components():
    data = render_ics(calendar(), info())
    cal = parse(data)
    assert len(cal.walk("VEVENT")) == len(calendar())
    assert not any("X-INJECTED" in component for component in cal.walk())
    hostile = vevents(data)["hostile@calfeed"]
    assert hostile.decoded("DTSTART") == date(2025, 3, 16)
    assert str(hostile["SUMMARY"]) == clean_line(HOSTILE)
    assert "X-INJECTED:yes;a,b\\c <script>alert('x')</script>" in str(hostile["SUMMARY"])
    assert str(hostile["LOCATION"]) == clean_line(HOSTILE)
    assert clean(HOSTILE) in str(hostile["DESCRIPTION"])
    for control in ("\x00", "\x07", "\x1b", "\x7f", "\x85", "\u2028", "\ufffe"):
        assert control.encode("utf-8") not in data
    for line in data.split(b"\r\n"):
        assert not line.startswith((b"X-INJECTED", b"DTSTART:1970"))


def test_the_same_events_give_the_same_bytes():
    assert render_ics(calendar(), info()) == render_ics(calendar(), info())
