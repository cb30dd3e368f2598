"""RSS 2.0, Atom and JSON Feed 1.1 read back with feedparser, lxml and json."""
from __future__ import annotations

import json
from datetime import date, datetime

import feedparser
import lxml.etree
import pytest
from feeds_sample import BASE, HOSTILE, calendar, info, stored

from calfeed.feeds.items import title
from calfeed.feeds.syndication import render_atom, render_json, render_rss
from calfeed.feeds.text import clean_line

ATOM = "{http://www.w3.org/2005/Atom}"
EXPECTED_TITLES = [
    "[2025-03-08 14:00] 银龄健步走 @ 人民公园",
    "[2025-03-09 09:30–11:00] 防诈骗讲座 @ 社区学校",
    "[2025-03-12] 便民服务日",
    "[2025-03-10–03-20] 百年老照片展 @ 区图书馆",
    "[已取消] [2025-03-15] 社区音乐会 @ 人民公园",
]


def feed_info(path: str):
    return info(self_url=BASE + path)


@pytest.fixture(params=["rss", "atom"])
def xml_feed(request):
    render, path = {"rss": (render_rss, "/feeds/rss.xml"), "atom": (render_atom, "/feeds/atom.xml")}[request.param]
    data = render(calendar(), feed_info(path))
    return request.param, data, feedparser.parse(data)


def test_feedparser_reads_every_entry_without_complaint(xml_feed):
    _, _, parsed = xml_feed
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert len(parsed.entries) == len(calendar())
    assert parsed.feed.title == "杨浦社区活动日历"
    assert parsed.feed.language == "zh-CN"


def test_titles_carry_date_time_place_and_cancellation(xml_feed):
    _, _, parsed = xml_feed
    assert [e.title for e in parsed.entries][:5] == EXPECTED_TITLES


def test_a_span_across_new_year_names_both_years():
    event = stored(start=date(2025, 12, 30), end=date(2026, 1, 2), all_day=True, location=None)
    assert title(event) == "[2025-12-30–2026-01-02] 银龄健步走"


def test_entries_are_dated_when_first_found_in_china_time_not_when_they_happen():
    rss = render_rss(calendar(), feed_info("/feeds/rss.xml"))
    atom = render_atom(calendar(), feed_info("/feeds/atom.xml"))
    assert b"<pubDate>Sat, 01 Mar 2025 09:30:00 +0800</pubDate>" in rss
    assert b"<published>2025-03-01T09:30:00+08:00</published>" in atom
    assert b"<updated>2025-03-05T08:00:00+08:00</updated>" in atom  # the cancelled event's change
    assert feedparser.parse(rss).entries[0].published_parsed[:5] == (2025, 3, 1, 1, 30)  # in UTC


def test_the_feed_is_dated_by_its_latest_change_and_rebuilds_are_byte_identical():
    for render in (render_rss, render_atom, render_json):
        first = render(calendar(), feed_info("/feed"))
        assert render(calendar(), feed_info("/feed")) == first
    rss = feedparser.parse(render_rss(calendar(), feed_info("/feeds/rss.xml")))
    assert rss.feed.updated_parsed[:5] == (2025, 3, 5, 0, 0)
    atom = feedparser.parse(render_atom(calendar(), feed_info("/feeds/atom.xml")))
    assert atom.feed.updated_parsed[:5] == (2025, 3, 5, 0, 0)


def test_ids_are_permanent_across_formats_and_site_moves():
    def ids(data, kind):
        if kind == "json":
            return [item["id"] for item in json.loads(data)["items"]]
        return [e.id for e in feedparser.parse(data).entries]

    here = feed_info("/f")
    moved = info(base_url="https://new.example.net", self_url="https://new.example.net/f")
    rss, atom, js = ids(render_rss(calendar(), here), "rss"), ids(render_atom(calendar(), here), "atom"), \
        ids(render_json(calendar(), here), "json")
    assert rss == atom == js
    assert len(set(rss)) == len(rss)
    assert ids(render_atom(calendar(), moved), "atom") == atom
    assert ids(render_atom([stored("other@calfeed")], here), "atom") != atom[:1]


def test_self_and_page_links(xml_feed):
    kind, _, parsed = xml_feed
    links = {link.rel: link.href for link in parsed.feed.links}
    assert links["self"] == BASE + ("/feeds/rss.xml" if kind == "rss" else "/feeds/atom.xml")
    assert links["alternate"] == BASE + "/"
    assert parsed.entries[0].link == BASE + "/events/timed@calfeed"


def test_bodies_give_date_place_evidence_and_source_link(xml_feed):
    _, _, parsed = xml_feed
    body = parsed.entries[0].content[0].value if "content" in parsed.entries[0] else parsed.entries[0].description
    for part in ("2025-03-08 14:00", "人民公园", "体育", "银龄健步走活动在人民公园举行", "http://news.test/yangpu/1",
                 BASE + "/events/timed@calfeed"):
        assert part in body


def test_hostile_text_stays_text_in_xml(xml_feed):
    kind, data, parsed = xml_feed
    assert parsed.bozo == 0
    hostile = parsed.entries[-1]
    assert hostile.title == f"[2025-03-16] {clean_line(HOSTILE)} @ {clean_line(HOSTILE)}"
    root = lxml.etree.fromstring(data)  # strict XML parser: raises on anything not well-formed
    if kind == "rss":
        html = root.findall("channel/item")[-1].findtext("description")
    else:
        html = root.findall(f"{ATOM}entry")[-1].findtext(f"{ATOM}content")
    assert "<script>" not in html and "&lt;script&gt;" in html  # markup arrives as text, escaped once more
    for control in ("\x00", "\x07", "\x1b", "\x7f", "\u2028", "\ufffe"):
        assert control.encode("utf-8") not in data


def test_json_feed_1_1():
    data = render_json(calendar(), feed_info("/feeds/feed.json"))
    feed = json.loads(data)
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["feed_url"] == BASE + "/feeds/feed.json" and feed["home_page_url"] == BASE + "/"
    assert feed["language"] == "zh-CN" and feed["title"] == "杨浦社区活动日历"
    items = feed["items"]
    assert [item["title"] for item in items][:5] == EXPECTED_TITLES
    first = items[0]
    assert first["url"] == BASE + "/events/timed@calfeed"
    assert datetime.fromisoformat(first["date_published"]).isoformat() == "2025-03-01T09:30:00+08:00"
    assert first["date_modified"] == "2025-03-02T10:00:00+08:00"
    assert first["tags"] == ["体育"]
    assert "银龄健步走活动在人民公园举行" in first["content_text"]
    assert "银龄健步走".encode() in data  # Chinese as UTF-8, not \\u escapes
    hostile = items[-1]
    assert "&lt;script&gt;" in hostile["content_html"] and "<script>" not in hostile["content_html"]
    assert "\u2028" not in data.decode("utf-8")
