"""Links that take an event or a filter into someone's calendar, and the event's JSON-LD.

Calendar services want wall times with a time zone, or whole days with an
exclusive end; both come from the stored event and the site's time zone.
"""
from __future__ import annotations

import json
from datetime import date, datetime
from urllib.parse import quote, urlencode
from zoneinfo import ZoneInfo

from calfeed.query import EventQuery
from calfeed.records import StoredEvent

GOOGLE_TEMPLATE = "https://calendar.google.com/calendar/render"
OUTLOOK_COMPOSE = "https://outlook.live.com/calendar/0/deeplink/compose"
OUTLOOK_SUBSCRIBE = "https://outlook.live.com/calendar/0/addfromweb"

# Feed paths served by the feeds blueprint, with their media types for <link rel="alternate">.
FEEDS = (
    ("ics", "/calendar.ics", "text/calendar", "iCalendar"),
    ("rss", "/feeds/rss.xml", "application/rss+xml", "RSS"),
    ("atom", "/feeds/atom.xml", "application/atom+xml", "Atom"),
    ("json", "/feeds/feed.json", "application/feed+json", "JSON Feed"),
)


def event_path(uid: str) -> str:
    return "/events/" + quote(uid, safe="@")


def timed(event: StoredEvent) -> bool:
    return not event.all_day and isinstance(event.start, datetime)


def _end_moment(event: StoredEvent) -> datetime:
    """The end of a timed event; an event without an end time is given none (it ends as it starts)."""
    if isinstance(event.end, datetime) and event.end >= event.start:
        return event.end
    return event.start


def _details(event: StoredEvent, base_url: str) -> str:
    lines = [event.evidence.strip()]
    lines.append("来源：" + (event.article_url or base_url + event_path(event.uid)))
    return "\n".join(line for line in lines if line)


def google_event_url(event: StoredEvent, base_url: str, timezone: str) -> str:
    if timed(event):
        fmt = "%Y%m%dT%H%M%S"
        dates = f"{event.start.strftime(fmt)}/{_end_moment(event).strftime(fmt)}"
    else:
        dates = f"{event.first_day:%Y%m%d}/{event.end_exclusive_day:%Y%m%d}"
    params = [
        ("action", "TEMPLATE"),
        ("text", event.title),
        ("dates", dates),
        ("details", _details(event, base_url)),
    ]
    if event.location:
        params.append(("location", event.location))
    if timed(event):
        params.append(("ctz", timezone))
    return GOOGLE_TEMPLATE + "?" + urlencode(params)


def _aware(moment: datetime, timezone: str) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=ZoneInfo(timezone))


def outlook_event_url(event: StoredEvent, base_url: str, timezone: str) -> str:
    params = [("path", "/calendar/action/compose"), ("rru", "addevent"), ("subject", event.title)]
    if timed(event):
        params += [
            ("startdt", _aware(event.start, timezone).isoformat()),
            ("enddt", _aware(_end_moment(event), timezone).isoformat()),
        ]
    else:
        params += [
            ("startdt", event.first_day.isoformat()),
            ("enddt", event.end_exclusive_day.isoformat()),
            ("allday", "true"),
        ]
    params.append(("body", _details(event, base_url)))
    if event.location:
        params.append(("location", event.location))
    return OUTLOOK_COMPOSE + "?" + urlencode(params)


def feed_urls(query: EventQuery, base: str = "") -> dict[str, str]:
    """The feeds for one filter (without its page); relative to this site unless ``base`` is given."""
    qs = query.query_string(page=False)
    return {key: base + path + qs for key, path, _, _ in FEEDS}


def subscribe_links(query: EventQuery, base_url: str, site_name: str) -> dict[str, str]:
    """Feed links for the page, plus calendar-app subscriptions, which need the public address."""
    links = feed_urls(query)
    ics = base_url + links["ics"]
    webcal = "webcal://" + ics.split("://", 1)[1]
    links["webcal"] = webcal
    links["google"] = GOOGLE_TEMPLATE + "?" + urlencode([("cid", webcal)])
    links["outlook"] = OUTLOOK_SUBSCRIBE + "?" + urlencode([("url", ics), ("name", site_name)])
    return links


def _schema_moment(value: date | datetime, timezone: str, is_timed: bool) -> str:
    if is_timed and isinstance(value, datetime):
        return _aware(value, timezone).isoformat()
    return (value.date() if isinstance(value, datetime) else value).isoformat()


def event_json_ld(event: StoredEvent, base_url: str, timezone: str) -> dict:
    """schema.org Event: what search engines and assistants read from the event page."""
    is_timed = timed(event)
    data: dict = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "startDate": _schema_moment(event.start, timezone, is_timed),
        "endDate": _schema_moment(_end_moment(event) if is_timed else event.last_day, timezone, is_timed),
        "eventStatus": "https://schema.org/EventCancelled" if event.cancelled else "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "url": base_url + event_path(event.uid),
        "description": event.evidence,
    }
    place = event.location or event.district
    if place:
        location: dict = {"@type": "Place", "name": place}
        if event.district:
            location["address"] = {"@type": "PostalAddress", "addressRegion": event.district, "addressCountry": "CN"}
        data["location"] = location
    if event.article_url:
        data["sameAs"] = event.article_url
    return data


def script_json(data: dict) -> str:
    """JSON safe inside <script>: no '<', '>' or '&' can close the element or open a comment."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")

