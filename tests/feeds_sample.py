"""Stored events for the feed tests, built directly as ``StoredEvent`` so renderers are tested without a store."""
from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta, timezone

from calfeed.feeds import FeedInfo
from calfeed.records import StoredEvent

CST = timezone(timedelta(hours=8))
BASE = "https://cal.example.org"

# Everything a hostile article could put in a title: line breaks that look like iCalendar properties,
# the TEXT separators, markup, C0/C1 controls, the JavaScript line separators, a lone surrogate, XML non-characters.
HOSTILE = ("讲座\r\nDTSTART:19700101T000000Z\nX-INJECTED:yes;a,b\\c <script>alert('x')</script>"
           "\x00\x07\x1b\x7f\x85\u2028END:VEVENT\u2029\ud800\ufffe]]>&amp;")


def stored(uid: str = "e1@calfeed", **changes) -> StoredEvent:
    event = StoredEvent(
        uid=uid, sequence=0, status="confirmed", title="银龄健步走", start=datetime(2025, 3, 8, 14, 0), end=None,
        all_day=False, location="人民公园", category="sports",
        evidence="3月8日下午2点，银龄健步走活动在人民公园举行，欢迎社区老人参加。", confidence=0.8,
        first_seen=datetime(2025, 3, 1, 9, 30, tzinfo=CST), last_modified=datetime(2025, 3, 2, 10, 0, tzinfo=CST),
        source="yangpu", district="杨浦区", article_id=1, article_url="http://news.test/yangpu/1",
        article_title="社区开展健步走", published=date(2025, 3, 1),
    )
    return replace(event, **changes)


def calendar() -> list[StoredEvent]:
    """A timed event, a timed event with an end, an all-day day, a multi-day span, a cancelled one, hostile text."""
    return [
        stored("timed@calfeed"),
        stored("ends@calfeed", title="防诈骗讲座", start=datetime(2025, 3, 9, 9, 30), end=datetime(2025, 3, 9, 11, 0),
               location="社区学校", category="culture", sequence=2),
        stored("day@calfeed", title="便民服务日", start=date(2025, 3, 12), all_day=True, location=None,
               category="service", article_url=None),
        stored("span@calfeed", title="百年老照片展", start=date(2025, 3, 10), end=date(2025, 3, 20), all_day=True,
               location="区图书馆", category="exhibition"),
        stored("cancelled@calfeed", title="社区音乐会", start=date(2025, 3, 15), all_day=True, status="cancelled",
               category="culture", sequence=1, last_modified=datetime(2025, 3, 5, 8, 0, tzinfo=CST)),
        stored("hostile@calfeed", title=HOSTILE, location=HOSTILE, evidence=HOSTILE, article_title=HOSTILE,
               start=date(2025, 3, 16), all_day=True, category="meeting"),
    ]


def info(**changes) -> FeedInfo:
    value = FeedInfo(
        title="杨浦社区活动日历", description="从本区新闻中整理的社区活动", base_url=BASE,
        self_url=BASE + "/calendar.ics", page_url=BASE + "/", timezone="Asia/Shanghai", language="zh-CN",
        refresh_minutes=60, updated=datetime(2025, 3, 5, 8, 0, tzinfo=CST),
    )
    return replace(value, **changes)
