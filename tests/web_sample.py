"""A small civic calendar for the page, API and browser tests, stored through the real Store.

Dates are relative to today in the site's time zone, so "upcoming" and "past"
mean the same thing whenever the tests run.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from extract import Event

from calfeed.config import Config, Site

TIMEZONE = "Asia/Shanghai"

FESTIVAL_TEXT = (
    "杨浦区新闻 第12期\n"
    "五角场街道近日召开居民座谈会，听取大家对社区活动的意见。\n"
    "街道将于{day}下午2点在五角场广场举办社区邻里节，现场有手工市集和亲子游戏。"
    "欢迎居民带上家人参加。\n"
    "另悉，街道图书室周末照常开放。"
)
FESTIVAL_EVIDENCE = "街道将于{day}下午2点在五角场广场举办社区邻里节，现场有手工市集和亲子游戏。"

HOSTILE_TEXT = (
    "来稿：<script>alert('article')</script>\n"
    "<b>粗体</b>与<a href=\"javascript:alert(1)\">链接</a>都只是文字。\n"
    "社区将在活动室举办<img src=x onerror=alert(1)>安全讲座。"
)
HOSTILE_TITLE = "<script>alert('title')</script>安全讲座"
HOSTILE_EVIDENCE = "社区将在活动室举办<img src=x onerror=alert(1)>安全讲座。"


@dataclass(frozen=True)
class Sample:
    """What the sample holds, for tests to look things up by."""

    today: date
    festival_day: date
    exhibition: tuple[date, date]
    service_count: int


def site_config(base_url: str = "http://127.0.0.1:8080", name: str = "测试社区日历") -> Config:
    from calfeed.config import SourceConfig

    return Config(
        site=Site(name=name, description="测试用的活动日历", base_url=base_url, timezone=TIMEZONE),
        database_url="sqlite:///unused.db",
        sources=(
            SourceConfig(name="yangpu", type="folder", location="yangpu", district="杨浦区"),
            SourceConfig(name="xuhui", type="folder", location="xuhui", district="徐汇区"),
        ),
    )


def local_today() -> date:
    from zoneinfo import ZoneInfo

    return datetime.now(ZoneInfo(TIMEZONE)).date()


def _label(day: date) -> str:
    return f"{day.month}月{day.day}日"


def fill(store, service_count: int = 24) -> Sample:
    """Articles and events: upcoming, ongoing, past, cancelled, hostile, and enough to page through."""
    today = local_today()
    festival_day = today + timedelta(days=2)
    label = _label(festival_day)
    store.upsert_article(
        "yangpu", "2025/festival.txt", text=FESTIVAL_TEXT.format(day=label), title="五角场街道举办社区邻里节",
        url="http://news.test/yangpu/festival", published=today, district="杨浦区",
        events=[Event(title="社区邻里节", start=datetime.combine(festival_day, time(14, 0)), end=None, all_day=False,
                      location="五角场广场", category="festival", evidence=FESTIVAL_EVIDENCE.format(day=label),
                      confidence=0.9)],
    )
    exhibition = (today - timedelta(days=3), today + timedelta(days=10))
    store.upsert_article(
        "yangpu", "2025/exhibition.txt", text="区图书馆即日起举办百年老照片展，展期两周。", title="老照片展开幕",
        path="2025/exhibition.txt", published=exhibition[0], district="杨浦区",
        events=[Event(title="百年老照片展", start=exhibition[0], end=exhibition[1], all_day=True, location="区图书馆",
                      category="exhibition", evidence="区图书馆即日起举办百年老照片展，展期两周。", confidence=0.8)],
    )
    past_day = today - timedelta(days=20)
    store.upsert_article(
        "yangpu", "2025/run.txt", text=f"{_label(past_day)}，杨浦滨江健康跑鸣枪开跑。", title="滨江健康跑",
        published=past_day, district="杨浦区",
        events=[Event(title="滨江健康跑", start=past_day, end=None, all_day=True, location="杨浦滨江",
                      category="sports", evidence=f"{_label(past_day)}，杨浦滨江健康跑鸣枪开跑。", confidence=0.8)],
    )
    older_day = today - timedelta(days=30)
    store.upsert_article(
        "yangpu", "2025/concert.txt", text=f"{_label(older_day)}晚，社区音乐会在文化中心举行。", title="社区音乐会",
        published=older_day, district="杨浦区",
        events=[Event(title="社区音乐会", start=older_day, end=None, all_day=True, location="文化中心",
                      category="culture", evidence=f"{_label(older_day)}晚，社区音乐会在文化中心举行。", confidence=0.8)],
    )
    store.upsert_article(
        "yangpu", "2025/hostile.txt", text=HOSTILE_TEXT, title="<i>来稿</i>", published=today, district="杨浦区",
        events=[Event(title=HOSTILE_TITLE, start=today + timedelta(days=4), end=None, all_day=True,
                      location="活动室<br>二楼", category="meeting", evidence=HOSTILE_EVIDENCE, confidence=0.6)],
    )
    lecture_day = today + timedelta(days=6)
    store.upsert_article(
        "yangpu", "2025/lecture.txt", text="周末的防诈骗讲座因故取消。", title="防诈骗讲座", published=today,
        district="杨浦区",
        events=[Event(title="防诈骗讲座", start=lecture_day, end=None, all_day=True, location="社区学校",
                      category="culture", evidence="周末的防诈骗讲座因故取消。", confidence=0.7)],
    )
    store.remove_article("yangpu", "2025/lecture.txt")
    services = []
    for index in range(service_count):
        day = today + timedelta(days=1 + index)
        services.append(Event(title=f"便民服务日第{index + 1}场", start=datetime.combine(day, time(9, 0)), end=None,
                              all_day=False, location=f"徐家汇第{index % 3 + 1}服务点", category="service",
                              evidence=f"徐汇区第{index + 1}场便民服务日。", confidence=0.7))
    store.upsert_article(
        "xuhui", "2025/services.txt", text="\n".join(e.evidence for e in services), title="便民服务日安排",
        url="http://news.test/xuhui/services", published=today, district="徐汇区", events=services,
    )
    return Sample(today=today, festival_day=festival_day, exhibition=exhibition, service_count=service_count)


def uid_of(store, title: str) -> str:
    """The uid of the one stored event with this exact title."""
    found = [event for event in store.events() if event.title == title]
    assert len(found) == 1, f"expected one event titled {title!r}, found {len(found)}"
    return found[0].uid
