"""How events read on the page: Chinese dates, the evidence excerpt, Traditional script.

Everything here returns plain strings or tuples of strings; the templates escape
them, so article text never reaches the browser as markup.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache

from calfeed.records import StoredEvent

WEEKDAYS = "一二三四五六日"

# Display scripts: the cookie/parameter value, the OpenCC conversion, the html lang, the toggle label.
SCRIPTS = {
    "hans": (None, "zh-Hans", "简体"),
    "hant": ("s2tw", "zh-Hant", "繁體"),
    "hk": ("s2hk", "zh-HK", "香港繁體"),
}
DEFAULT_SCRIPT = "hans"

# Inside an input's value="…" the reader's own words stay as typed, so a search
# submitted again finds what it found before.
_INPUT_VALUE = re.compile(r'(value="[^"]*")')


def day_label(day: date, *, year: bool = True) -> str:
    text = f"{day.month}月{day.day}日（周{WEEKDAYS[day.weekday()]}）"
    return f"{day.year}年{text}" if year else text


def _clock(moment: date | datetime | None) -> str | None:
    if isinstance(moment, datetime) and not (moment.hour == 0 and moment.minute == 0):
        return moment.strftime("%H:%M")
    return None


def when(event: StoredEvent, today: date | None = None) -> str:
    """Date and time of an event in one line: 2025年3月8日（周六）14:00–16:00, or a span of days."""
    first, last = event.first_day, event.last_day
    show_year = today is None or first.year != today.year or last.year != today.year
    start_clock = None if event.all_day else _clock(event.start)
    end_clock = None if event.all_day else _clock(event.end)
    text = day_label(first, year=show_year)
    if first == last:
        if start_clock and end_clock:
            return f"{text} {start_clock}–{end_clock}"
        return f"{text} {start_clock}" if start_clock else text
    if start_clock:
        text += f" {start_clock}"
    end = day_label(last, year=show_year or last.year != first.year)
    if end_clock:
        end += f" {end_clock}"
    return f"{text} 至 {end}"


@dataclass(frozen=True)
class Excerpt:
    """The article text around the evidence: before, the evidence itself, after."""

    before: str
    evidence: str
    after: str
    found: bool


def _locate(text: str, evidence: str) -> tuple[int, int] | None:
    """Where the evidence sentence sits in the article, tolerating changed whitespace."""
    evidence = evidence.strip()
    if not evidence:
        return None
    at = text.find(evidence)
    if at >= 0:
        return at, at + len(evidence)
    chars = [re.escape(c) for c in evidence if not c.isspace()]
    if not chars or len(chars) > 2000:
        return None
    match = re.search(r"\s*".join(chars), text)
    return (match.start(), match.end()) if match else None


def excerpt(text: str | None, evidence: str, *, context: int = 160) -> Excerpt:
    """About ``context`` characters either side of the evidence, cut at sentence ends where possible."""
    span = _locate(text or "", evidence)
    if span is None:
        return Excerpt("", evidence, "", False)
    begin, end = span
    start = max(0, begin - context)
    if start > 0:
        cut = max(text.rfind(mark, start, begin) for mark in "。！？\n")
        start = cut + 1 if cut >= start else start
    stop = min(len(text), end + context)
    if stop < len(text):
        cuts = [text.find(mark, end, stop) for mark in "。！？\n"]
        cuts = [c for c in cuts if c >= 0]
        stop = min(cuts) + 1 if cuts else stop
    before = ("…" if start > 0 else "") + text[start:begin].lstrip()
    after = text[end:stop].rstrip() + ("…" if stop < len(text) else "")
    return Excerpt(before, text[begin:end], after, True)


@cache
def _converter(config: str):
    import opencc

    return opencc.OpenCC(f"{config}.json")


def convert_html(html: str, script: str) -> str:
    """The page in the reader's script; input values are left as the reader typed them."""
    config = SCRIPTS.get(script, SCRIPTS[DEFAULT_SCRIPT])[0]
    if config is None:
        return html
    convert = _converter(config).convert
    parts = _INPUT_VALUE.split(html)
    return "".join(part if index % 2 else convert(part) for index, part in enumerate(parts))
