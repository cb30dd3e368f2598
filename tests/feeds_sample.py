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


def site_today() -> date:
    return datetime.now(CST).date()


def fill_store(store) -> date:
    """Articles through the real store: timed, multi-day, hostile, cancelled, in and out of the window.

    Dates are relative to today in Shanghai so the window means the same whenever the tests run.
    Returns that day.
    """
    from datetime import time

    from extract import Event

    today = site_today()
    walk = today + timedelta(days=3)
    store.upsert_article(
        "yangpu", "walk.txt", text="银龄健步走活动将在人民公园举行。", title="社区开展健步走",
        url="http://news.test/yangpu/walk", published=today, district="杨浦区",
        events=[Event(title="银龄健步走", start=datetime.combine(walk, time(14, 0)), end=None, all_day=False,
                      location="人民公园", category="sports", evidence="银龄健步走活动将在人民公园举行。", confidence=0.9)],
    )
    store.upsert_article(
        "yangpu", "photos.txt", text="区图书馆举办百年老照片展。", title="老照片展", published=today, district="杨浦区",
        events=[Event(title="百年老照片展", start=today - timedelta(days=2), end=today + timedelta(days=8), all_day=True,
                      location="区图书馆", category="exhibition", evidence="区图书馆举办百年老照片展。", confidence=0.8)],
    )
    store.upsert_article(
        "xuhui", "hostile.txt", text=HOSTILE, title=HOSTILE, published=today, district="徐汇区",
        events=[Event(title=HOSTILE, start=today + timedelta(days=5), end=None, all_day=True, location=HOSTILE,
                      category="meeting", evidence=HOSTILE, confidence=0.5)],
    )
    store.upsert_article(
        "xuhui", "concert.txt", text="社区音乐会因故取消。", title="社区音乐会", published=today, district="徐汇区",
        events=[Event(title="社区音乐会", start=today + timedelta(days=6), end=None, all_day=True, location="文化中心",
                      category="culture", evidence="社区音乐会因故取消。", confidence=0.7)],
    )
    store.remove_article("xuhui", "concert.txt")  # its event stays, cancelled
    store.upsert_article(
        "yangpu", "recent.txt", text="滨江健康跑鸣枪开跑。", title="滨江健康跑", published=today - timedelta(days=10),
        district="杨浦区",
        events=[Event(title="滨江健康跑", start=today - timedelta(days=10), end=None, all_day=True, location="杨浦滨江",
                      category="sports", evidence="滨江健康跑鸣枪开跑。", confidence=0.8)],
    )
    store.upsert_article(
        "yangpu", "old.txt", text="去年的社区运动会。", title="社区运动会", published=today - timedelta(days=200),
        district="杨浦区",
        events=[Event(title="社区运动会", start=today - timedelta(days=200), end=None, all_day=True, location="体育场",
                      category="sports", evidence="去年的社区运动会。", confidence=0.8)],
    )
    return today


def site_config(database_url: str = "sqlite:///unused.db"):
    from calfeed.config import Config, FeedSettings, Site

    return Config(
        site=Site(name="杨浦社区活动日历", description="从本区新闻中整理的社区活动", base_url=BASE, timezone="Asia/Shanghai"),
        database_url=database_url,
        feeds=FeedSettings(window_days=90, refresh_minutes=30),
    )
