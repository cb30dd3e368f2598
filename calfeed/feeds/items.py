"""How one event reads in a feed: its bracketed title, its date line and its body.

Shared by iCalendar, RSS, Atom and JSON Feed so a reader sees the same words
whichever format they subscribed to.
"""
from __future__ import annotations

from datetime import datetime
from html import escape
from urllib.parse import quote

from calfeed.feeds.text import clean, clean_line
from calfeed.records import CATEGORY_LABELS, StoredEvent

CANCELLED_MARK = "[已取消]"


def timed(event: StoredEvent) -> bool:
    """A wall-clock event; everything else is whole days."""
    return not event.all_day and isinstance(event.start, datetime)


def event_url(base_url: str, uid: str) -> str:
    """The event's page (built by the page blueprint)."""
    return f"{base_url}/events/{quote(uid, safe='@')}"


def _end_time(event: StoredEvent) -> datetime | None:
    """The end of a timed event when it ends later the same day."""
    end = event.end
    if isinstance(end, datetime) and end.date() == event.first_day and end > event.start:
        return end
    return None


def when(event: StoredEvent) -> str:
    """``2025-03-08``, ``2025-03-08 14:00``, ``2025-03-08 14:00–16:00``, ``2025-03-08–03-10``."""
    first, last = event.first_day, event.last_day
    text = first.isoformat()
    if timed(event):
        text += f" {event.start:%H:%M}"
        end = _end_time(event)
        if end is not None:
            text += f"–{end:%H:%M}"
    if last > first:
        text += "–" + (f"{last:%m-%d}" if last.year == first.year else last.isoformat())
    return text


def title(event: StoredEvent) -> str:
    """``[2025-03-08 14:00] 银龄健步走 @ 人民公园``; cancelled events say so first."""
    text = f"[{when(event)}] {clean_line(event.title)}"
    place = clean_line(event.location)
    if place:
        text += f" @ {place}"
    return f"{CANCELLED_MARK} {text}" if event.cancelled else text


def category_label(event: StoredEvent) -> str:
    return CATEGORY_LABELS.get(event.category, event.category)


def facts(event: StoredEvent) -> list[tuple[str, str]]:
    """Labelled lines of the body, in reading order, hostile text cleaned but not escaped."""
    lines = [("时间", when(event))]
    place = clean_line(event.location)
    if place:
        lines.append(("地点", place))
    lines.append(("类别", category_label(event)))
    if event.district:
        lines.append(("地区", clean_line(event.district)))
    if event.cancelled:
        lines.append(("状态", "已取消"))
    return lines


def source_link(event: StoredEvent) -> str | None:
    url = clean_line(event.article_url)
    return url if url.startswith(("http://", "https://")) else None


def body_text(event: StoredEvent, page_url: str) -> str:
    """Plain body: date, place, evidence sentence, source link."""
    lines = [f"{label}：{value}" for label, value in facts(event)]
    evidence = clean(event.evidence)
    if evidence:
        lines += ["", evidence]
    lines.append("")
    source = source_link(event)
    if source:
        lines.append(f"来源：{clean_line(event.article_title) or source} {source}")
    lines.append(f"详情：{page_url}")
    return "\n".join(lines)


def body_html(event: StoredEvent, page_url: str) -> str:
    """The same body as HTML, every piece of article text escaped."""
    parts = ["<ul>"]
    parts += [f"<li>{escape(label)}：{escape(value)}</li>" for label, value in facts(event)]
    parts.append("</ul>")
    evidence = clean(event.evidence)
    if evidence:
        parts.append("<blockquote>" + escape(evidence).replace("\n", "<br>") + "</blockquote>")
    source = source_link(event)
    if source:
        label = clean_line(event.article_title) or source
        parts.append(f'<p>来源：<a href="{escape(source)}">{escape(label)}</a></p>')
    parts.append(f'<p><a href="{escape(page_url)}">活动详情</a></p>')
    return "".join(parts)
