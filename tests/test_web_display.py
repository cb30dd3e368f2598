"""Pure helpers of the page: dates in Chinese, the evidence excerpt, calendar links, JSON-LD, script."""
from __future__ import annotations

import json
from datetime import date, datetime, UTC
from urllib.parse import parse_qs, urlsplit

from calfeed.query import EventQuery
from calfeed.records import StoredEvent
from calfeed.web import display, links

BASE = "https://cal.example.org"
TZ = "Asia/Shanghai"


def stored(**changes) -> StoredEvent:
    now = datetime(2025, 3, 1, tzinfo=UTC)
    values = dict(
        uid="a1b2@calfeed", sequence=0, status="confirmed", title="社区邻里节", start=date(2025, 3, 8), end=None,
        all_day=True, location="五角场广场", category="festival", evidence="3月8日在五角场广场举办社区邻里节。",
        confidence=0.9, first_seen=now, last_modified=now, source="demo", district="杨浦区", article_id=1,
        article_url="https://news.example.org/a/1", article_title="邻里节", published=date(2025, 3, 1),
    )
    values.update(changes)
    return StoredEvent(**values)


def test_when_reads_as_chinese_dates_and_times():
    assert display.when(stored()) == "2025年3月8日（周六）"
    assert display.when(stored(), today=date(2025, 1, 1)) == "3月8日（周六）"
    timed = stored(start=datetime(2025, 3, 8, 14, 0), end=datetime(2025, 3, 8, 16, 30), all_day=False)
    assert display.when(timed, today=date(2025, 1, 1)) == "3月8日（周六） 14:00–16:30"
    span = stored(start=date(2025, 12, 30), end=date(2026, 1, 2))
    assert display.when(span, today=date(2025, 12, 1)) == "2025年12月30日（周二） 至 2026年1月2日（周五）"


def test_excerpt_finds_evidence_with_changed_whitespace_and_cuts_at_sentences():
    text = "第一段无关内容。" * 40 + "\n本周六上午9点，\n社区 将举办义诊。欢迎居民参加。" + "后面的内容。" * 40
    found = display.excerpt(text, "本周六上午9点，社区将举办义诊。")
    assert found.found
    assert found.evidence == "本周六上午9点，\n社区 将举办义诊。"
    assert found.before.startswith("…") and found.after.endswith("…")
    assert found.after.startswith("欢迎居民参加。")
    assert len(found.before) < 200


def test_excerpt_without_the_sentence_shows_the_evidence_alone():
    found = display.excerpt("完全不同的文章。", "社区将举办义诊。")
    assert (found.found, found.before, found.evidence, found.after) == (False, "", "社区将举办义诊。", "")
    assert display.excerpt(None, "x").evidence == "x"


def test_google_and_outlook_links_for_an_all_day_span_use_an_exclusive_end():
    event = stored(start=date(2025, 3, 8), end=date(2025, 3, 10))
    google = parse_qs(urlsplit(links.google_event_url(event, BASE, TZ)).query)
    assert google["action"] == ["TEMPLATE"] and google["text"] == ["社区邻里节"]
    assert google["dates"] == ["20250308/20250311"]
    assert google["location"] == ["五角场广场"]
    assert "https://news.example.org/a/1" in google["details"][0]
    outlook = parse_qs(urlsplit(links.outlook_event_url(event, BASE, TZ)).query)
    assert outlook["startdt"] == ["2025-03-08"] and outlook["enddt"] == ["2025-03-11"]
    assert outlook["allday"] == ["true"] and outlook["subject"] == ["社区邻里节"]


def test_timed_links_carry_the_site_time_zone():
    event = stored(start=datetime(2025, 3, 8, 14, 0), end=datetime(2025, 3, 8, 16, 0), all_day=False)
    google = parse_qs(urlsplit(links.google_event_url(event, BASE, TZ)).query)
    assert google["dates"] == ["20250308T140000/20250308T160000"] and google["ctz"] == [TZ]
    outlook = parse_qs(urlsplit(links.outlook_event_url(event, BASE, TZ)).query)
    assert outlook["startdt"] == ["2025-03-08T14:00:00+08:00"] and "allday" not in outlook


def test_subscribe_links_follow_the_filter_without_its_page():
    query = EventQuery(category="sports", q="跑步", page=3)
    found = links.subscribe_links(query, BASE, "杨浦日历")
    assert found["ics"] == "/calendar.ics?category=sports&q=%E8%B7%91%E6%AD%A5"
    assert found["webcal"] == "webcal://cal.example.org/calendar.ics?category=sports&q=%E8%B7%91%E6%AD%A5"
    assert parse_qs(urlsplit(found["google"]).query)["cid"] == [found["webcal"]]
    outlook = parse_qs(urlsplit(found["outlook"]).query)
    assert outlook["url"] == [BASE + found["ics"]] and outlook["name"] == ["杨浦日历"]
    assert found["rss"].startswith("/feeds/rss.xml?") and "page" not in found["json"]


def test_json_ld_is_a_schema_org_event_and_cannot_close_its_script_element():
    event = stored(title="</script><script>alert(1)</script>", status="cancelled")
    text = links.script_json(links.event_json_ld(event, BASE, TZ))
    assert "<" not in text and ">" not in text
    data = json.loads(text)
    assert data["@type"] == "Event" and data["name"] == "</script><script>alert(1)</script>"
    assert data["startDate"] == "2025-03-08" and data["endDate"] == "2025-03-08"
    assert data["eventStatus"] == "https://schema.org/EventCancelled"
    assert data["location"] == {"@type": "Place", "name": "五角场广场",
                                "address": {"@type": "PostalAddress", "addressRegion": "杨浦区", "addressCountry": "CN"}}
    assert data["url"] == BASE + "/events/a1b2@calfeed"


def test_json_ld_times_have_the_site_offset():
    event = stored(start=datetime(2025, 3, 8, 9, 30), end=None, all_day=False)
    data = links.event_json_ld(event, BASE, TZ)
    assert data["startDate"] == "2025-03-08T09:30:00+08:00"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"


def test_traditional_display_keeps_what_the_reader_typed():
    html = '<h2>近期活动</h2><input name="q" value="活动">'
    assert display.convert_html(html, "hant") == '<h2>近期活動</h2><input name="q" value="活动">'
    assert "後" in display.convert_html("后来", "hk")
    assert display.convert_html(html, "hans") == html
