"""iCalendar (RFC 5545, with the RFC 7986 calendar properties).

The ``icalendar`` library writes the calendar's own properties and the
VTIMEZONE, limited to the years the events use (for Asia/Shanghai a single
STANDARD +0800 component rather than every transition since 1970).  Events are
written by ``_vevent`` below: icalendar's component model costs about 0.3 ms
an event (3 s for 10,000, see bench/feed_bench.py), and a feed is mostly
events.  The writer keeps icalendar's rules -- TEXT escaping, lines folded at
75 octets without splitting a UTF-8 character, CRLF -- and adds what icalendar
leaves out: control characters are removed (``clean``), and the tests read every
calendar back with icalendar.
"""
from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from icalendar import Calendar, Timezone, vDuration

from calfeed import __version__
from calfeed.feeds import FeedInfo
from calfeed.feeds.items import body_text, category_label, event_url, timed
from calfeed.feeds.text import clean, clean_line
from calfeed.records import StoredEvent

PRODID = f"-//calfeed//calfeed {__version__}//ZH"
LINE_OCTETS = 75
_END = b"END:VCALENDAR\r\n"
_TEXT_ESCAPES = str.maketrans({"\\": "\\\\", ";": "\\;", ",": "\\,", "\n": "\\n"})


def render_ics(events: Sequence[StoredEvent], info: FeedInfo) -> bytes:
    """A VCALENDAR of ``events``; the same events and info always give the same bytes."""
    envelope = _calendar(events, info).to_ical()
    assert envelope.endswith(_END)
    body = b"".join(_vevent(event, info) for event in events)
    return envelope[: -len(_END)] + body + _END


def _calendar(events: Sequence[StoredEvent], info: FeedInfo) -> Calendar:
    calendar = Calendar()
    calendar.add("version", "2.0")
    calendar.add("prodid", PRODID)
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    name = clean_line(info.title)
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    description = clean(info.description)
    if description:
        calendar.add("description", description)
        calendar.add("x-wr-caldesc", description)
    calendar.add("x-wr-timezone", info.timezone)
    refresh = timedelta(minutes=info.refresh_minutes)
    calendar.add("refresh-interval", vDuration(refresh), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(refresh))
    calendar.add("url", info.page_url, parameters={"VALUE": "URI"})
    calendar.add("source", info.self_url, parameters={"VALUE": "URI"})
    calendar.add("last-modified", info.updated.astimezone(UTC))
    years = [day.year for event in events if timed(event) for day in (event.first_day, event.last_day)]
    if years:  # a VTIMEZONE for the one TZID timed events use; whole-day events need none
        calendar.add_component(_vtimezone(info.timezone, min(years), max(years)))
    return calendar


@lru_cache(maxsize=32)
def _vtimezone(name: str, first_year: int, last_year: int) -> Timezone:
    """Computing a zone's transitions takes icalendar ~20 ms; one calendar per event would pay it each time."""
    return Timezone.from_tzinfo(ZoneInfo(name), tzid=name, first_date=date(first_year, 1, 1),
                                last_date=date(last_year + 1, 1, 1))


def fold(line: str) -> bytes:
    """One content line as UTF-8, folded at 75 octets, never inside a character."""
    data = line.encode("utf-8")
    if len(data) <= LINE_OCTETS:
        return data + b"\r\n"
    pieces, position, limit = [], 0, LINE_OCTETS
    while len(data) - position > limit:
        cut = position + limit
        while data[cut] & 0xC0 == 0x80:  # a continuation byte: step back to the character's start
            cut -= 1
        pieces.append(data[position:cut])
        position, limit = cut, LINE_OCTETS - 1  # a continuation line begins with one space
    pieces.append(data[position:])
    return b"\r\n ".join(pieces) + b"\r\n"


def text(value: str) -> str:
    """A TEXT value: backslash, semicolon, comma and newline escaped (RFC 5545 3.3.11)."""
    return value.translate(_TEXT_ESCAPES)


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _wall(moment: datetime, info: FeedInfo) -> datetime:
    """Stored times are naive wall times in the site's zone; an aware one is converted to it."""
    return moment.astimezone(info.tz).replace(tzinfo=None) if moment.tzinfo else moment


def _times(event: StoredEvent, info: FeedInfo) -> list[str]:
    """Timed: wall times with TZID.  Whole days: VALUE=DATE with DTEND the day after the last."""
    if not timed(event):
        return [f"DTSTART;VALUE=DATE:{event.first_day:%Y%m%d}", f"DTEND;VALUE=DATE:{event.end_exclusive_day:%Y%m%d}"]
    zone = f"TZID={info.timezone}"
    start = _wall(event.start, info)
    lines = [f"DTSTART;{zone}:{start:%Y%m%dT%H%M%S}"]
    end = _wall(event.end, info) if isinstance(event.end, datetime) else None
    if end is not None and end > start:
        lines.append(f"DTEND;{zone}:{end:%Y%m%dT%H%M%S}")
    elif event.last_day > event.first_day:
        # Starts at a time, ends on a later day with no time given: it lasts through that day.
        lines.append(f"DTEND;{zone}:{datetime.combine(event.end_exclusive_day, time(0)):%Y%m%dT%H%M%S}")
    return lines


def _vevent(event: StoredEvent, info: FeedInfo) -> bytes:
    page = event_url(info.base_url, event.uid)
    lines = [
        "BEGIN:VEVENT",
        "UID:" + text(clean_line(event.uid)),
        "DTSTAMP:" + _utc(event.last_modified),
        "CREATED:" + _utc(event.first_seen),
        "LAST-MODIFIED:" + _utc(event.last_modified),
        f"SEQUENCE:{int(event.sequence)}",
        "STATUS:" + ("CANCELLED" if event.cancelled else "CONFIRMED"),
        "SUMMARY:" + text(clean_line(event.title)),
        *_times(event, info),
    ]
    place = clean_line(event.location)
    if place:
        lines.append("LOCATION:" + text(place))
    lines.append("CATEGORIES:" + text(category_label(event)))
    lines.append("DESCRIPTION:" + text(body_text(event, page)))
    lines.append("URL;VALUE=URI:" + page)
    lines.append("END:VEVENT")
    return b"".join(fold(line) for line in lines)
