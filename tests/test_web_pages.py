"""The HTML pages over a real SQLite store: listing order, filters, paging, month grid, event page, errors."""
from __future__ import annotations

import json
from datetime import timedelta
from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit

import lxml.html
import pytest
from web_sample import FESTIVAL_TEXT, HOSTILE_TITLE, fill, site_config, uid_of

from calfeed.web import CONTENT_SECURITY_POLICY, create_app


@pytest.fixture
def web(tmp_path):
    Store = pytest.importorskip("calfeed.store", reason="calfeed.store has not landed yet").Store
    store = Store(f"sqlite:///{tmp_path / 'web.db'}")
    sample = fill(store)
    app = create_app(site_config(base_url="https://cal.example.org"), store)
    return SimpleNamespace(client=app.test_client(), store=store, sample=sample)


def page(web, path: str, status: int = 200):
    response = web.client.get(path)
    assert response.status_code == status, response.get_data(as_text=True)[:2000]
    return lxml.html.fromstring(response.get_data(as_text=True)), response


def texts(doc, xpath: str) -> list[str]:
    return [" ".join(node.text_content().split()) for node in doc.xpath(xpath)]


def titles(doc, section: str) -> list[str]:
    return texts(doc, f"//section[contains(@class,'{section}')]//li[contains(@class,'event')]//h3")


def test_listing_puts_ongoing_and_upcoming_first_then_recent_past_most_recent_first(web):
    doc, _ = page(web, "/?page=2")
    upcoming, past = titles(doc, "upcoming"), titles(doc, "past")
    assert past == ["滨江健康跑", "社区音乐会"]
    assert len(upcoming) == 8 and upcoming[-1] == "便民服务日第24场"
    first, _ = page(web, "/")
    assert titles(first, "upcoming")[0] == "百年老照片展"  # began three days ago, still running
    assert texts(first, "//li[contains(@class,'event')][1]//*[contains(@class,'badge-now')]") == ["进行中"]
    assert titles(first, "past") == []


def test_each_item_shows_when_title_place_category_and_source(web):
    doc, _ = page(web, "/?q=邻里节")
    item = doc.xpath("//li[contains(@class,'event')]")
    assert len(item) == 1
    text = " ".join(item[0].text_content().split())
    day = web.sample.festival_day
    assert f"{day.month}月{day.day}日" in text and "14:00" in text
    for part in ("社区邻里节", "五角场广场", "节庆", "yangpu", "杨浦区"):
        assert part in text


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ("category=exhibition", {"百年老照片展"}),
        ("place=文化中心", {"社区音乐会"}),
        ("q=手工市集", {"社区邻里节"}),  # found in the evidence, not the title
        ("source=徐汇区&place=第2服务点", {f"便民服务日第{n}场" for n in range(2, 25, 3)}),
        ("source=yangpu&category=culture&status=cancelled", {"防诈骗讲座"}),
    ],
)
def test_filters_narrow_the_listing(web, params, expected):
    doc, _ = page(web, "/?" + params)
    assert set(titles(doc, "upcoming") + titles(doc, "past")) == expected


def test_date_range_filter_keeps_events_running_in_it(web):
    today = web.sample.today
    start, end = today - timedelta(days=25), today - timedelta(days=1)
    doc, _ = page(web, f"/?from={start}&to={end}")
    assert set(titles(doc, "upcoming") + titles(doc, "past")) == {"百年老照片展", "滨江健康跑"}


def test_pagination_links_are_the_canonical_filter_url(web):
    doc, _ = page(web, "/?category=service")
    assert len(titles(doc, "upcoming")) == 20
    next_link = doc.xpath("//nav[contains(@class,'pagination')]//a[@rel='next']/@href")
    assert next_link == ["/?category=service&page=2"]
    second, _ = page(web, next_link[0])
    assert len(titles(second, "upcoming")) == 4
    assert second.xpath("//a[@rel='prev']/@href") == ["/?category=service"]


def test_cancelled_events_are_marked(web):
    doc, _ = page(web, "/?q=防诈骗")
    assert texts(doc, "//li[contains(@class,'cancelled')]//*[contains(@class,'badge-cancelled')]") == ["已取消"]


@pytest.mark.parametrize(
    ("path", "parameter"),
    [
        ("/?from=2025-02-30", "from"),
        ("/?to=not-a-date", "to"),
        ("/?from=2025-03-10&to=2025-03-01", "from"),
        ("/?category=party", "category"),
        ("/?page=0", "page"),
        ("/?page=999999999999999999999", "page"),
        ("/?page=9999", "page"),  # allowed number, but past the last page
        ("/?q=" + "长" * 101, "q"),
        ("/calendar/2025/13", "month"),
        ("/calendar/2025/0", "month"),
        ("/calendar/2025/3?category=party", "category"),
        ("/?script=latin", "script"),
    ],
)
def test_invalid_query_values_get_a_400_page_naming_the_parameter(web, path, parameter):
    doc, response = page(web, path, status=400)
    assert texts(doc, "//code[@class='parameter']") == [parameter]
    assert doc.xpath("//p[@class='message']")
    assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY


def test_unknown_event_is_a_404_page(web):
    doc, _ = page(web, "/events/no-such-event", status=404)
    assert "no-such-event" in doc.text_content()


def test_every_page_sends_the_security_policy(web):
    uid = uid_of(web.store, "社区邻里节")
    for path in ("/", "/sources", f"/events/{uid}", "/calendar/2025/3", "/api/events"):
        response = web.client.get(path)
        assert response.status_code == 200, path
        assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
        assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"]
        assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_article_html_and_scripts_are_shown_as_text(web):
    uid = uid_of(web.store, HOSTILE_TITLE)
    response = web.client.get(f"/events/{uid}")
    html = response.get_data(as_text=True)
    assert "<script>alert" not in html and "<img src=x" not in html and "<br>二楼" not in html
    doc = lxml.html.fromstring(html)
    assert texts(doc, "//h1") == [HOSTILE_TITLE]
    assert texts(doc, "//mark") == ["社区将在活动室举办<img src=x onerror=alert(1)>安全讲座。"]
    assert "<script>alert('article')</script>" in texts(doc, "//blockquote")[0]
    assert not doc.xpath("//img | //b | //body//script | //a[starts-with(@href,'javascript:')]")
    listing = web.client.get("/?category=meeting").get_data(as_text=True)
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;安全讲座" in listing


def event_page(web, title: str):
    uid = uid_of(web.store, title)
    doc, _ = page(web, f"/events/{uid}")
    return uid, doc


def test_event_page_highlights_the_evidence_inside_the_article_excerpt(web):
    _, doc = event_page(web, "社区邻里节")
    day = web.sample.festival_day
    evidence = f"街道将于{day.month}月{day.day}日下午2点在五角场广场举办社区邻里节，现场有手工市集和亲子游戏。"
    assert texts(doc, "//blockquote//mark") == [evidence]
    quote = texts(doc, "//blockquote")[0]
    assert quote.index("居民座谈会") < quote.index(evidence) < quote.index("欢迎居民")
    assert FESTIVAL_TEXT.splitlines()[0] in quote
    assert doc.xpath("//a[contains(@class,'article-link')]/@href") == ["http://news.test/yangpu/festival"]


def test_event_page_add_to_calendar_links(web):
    uid, doc = event_page(web, "社区邻里节")
    day = web.sample.festival_day
    assert doc.xpath("//a[contains(@class,'ics')]/@href") == [f"/events/{uid}.ics"]
    google = parse_qs(urlsplit(doc.xpath("//section[contains(@class,'add')]//a[@class='google']/@href")[0]).query)
    assert google["text"] == ["社区邻里节"] and google["location"] == ["五角场广场"]
    assert google["dates"] == [f"{day:%Y%m%d}T140000/{day:%Y%m%d}T140000"]
    outlook = urlsplit(doc.xpath("//section[contains(@class,'add')]//a[@class='outlook']/@href")[0])
    assert outlook.netloc == "outlook.live.com" and outlook.path == "/calendar/0/deeplink/compose"
    assert parse_qs(outlook.query)["startdt"] == [f"{day}T14:00:00+08:00"]


def json_ld(doc) -> dict:
    scripts = doc.xpath("//script[@type='application/ld+json']")
    assert len(scripts) == 1
    return json.loads(scripts[0].text)


def test_event_json_ld_has_dates_place_and_status(web):
    uid, doc = event_page(web, "社区邻里节")
    data = json_ld(doc)
    assert data["@type"] == "Event" and data["name"] == "社区邻里节"
    assert data["startDate"] == f"{web.sample.festival_day}T14:00:00+08:00"
    assert data["location"]["@type"] == "Place" and data["location"]["name"] == "五角场广场"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["url"] == f"https://cal.example.org/events/{uid}"
    _, cancelled = event_page(web, "防诈骗讲座")
    assert json_ld(cancelled)["eventStatus"] == "https://schema.org/EventCancelled"
    assert texts(cancelled, "//p[contains(@class,'notice-cancelled')]")
    _, hostile = event_page(web, HOSTILE_TITLE)
    assert json_ld(hostile)["name"] == HOSTILE_TITLE


def test_subscribe_panel_and_autodiscovery_follow_the_filter(web):
    doc, _ = page(web, "/?category=sports&page=1")
    alternates = dict(zip(doc.xpath("//head/link[@rel='alternate']/@type"),
                          doc.xpath("//head/link[@rel='alternate']/@href"), strict=True))
    assert alternates == {
        "application/rss+xml": "/feeds/rss.xml?category=sports",
        "application/atom+xml": "/feeds/atom.xml?category=sports",
        "application/feed+json": "/feeds/feed.json?category=sports",
        "text/calendar": "/calendar.ics?category=sports",
    }
    panel = doc.xpath("//section[contains(@class,'subscribe')]")[0]
    webcal = panel.xpath(".//a[@class='webcal']/@href")[0]
    assert webcal == "webcal://cal.example.org/calendar.ics?category=sports"
    assert parse_qs(urlsplit(panel.xpath(".//a[@class='google']/@href")[0]).query)["cid"] == [webcal]
    outlook = parse_qs(urlsplit(panel.xpath(".//a[@class='outlook']/@href")[0]).query)
    assert outlook["url"] == ["https://cal.example.org/calendar.ics?category=sports"]


def test_month_grid_shows_multi_day_events_on_each_day(web):
    start, end = web.sample.exhibition
    doc, _ = page(web, f"/calendar/{start.year}/{start.month}")
    days = [d for d in (start + timedelta(days=n) for n in range((end - start).days + 1))
            if (d.year, d.month) == (start.year, start.month)]
    for day in days:
        cell = doc.xpath(f"//td[.//time[@datetime='{day}']]")[0]
        assert "百年老照片展" in cell.text_content(), day
    outside = start - timedelta(days=1)
    cell = doc.xpath(f"//td[.//time[@datetime='{outside}']]")
    assert not cell or "百年老照片展" not in cell[0].text_content()


def test_month_grid_links_to_neighbour_months_keeping_the_filter(web):
    doc, _ = page(web, "/calendar/2025/12?category=sports")
    assert doc.xpath("//a[@rel='prev']/@href") == ["/calendar/2025/11?category=sports"]
    assert doc.xpath("//a[@rel='next']/@href") == ["/calendar/2026/1?category=sports"]
    doc, _ = page(web, "/calendar/2026/1")
    assert doc.xpath("//a[@rel='prev']/@href") == ["/calendar/2025/12"]


def test_month_grid_filters_and_caps_busy_days(web):
    today = web.sample.today
    doc, _ = page(web, f"/calendar/{today.year}/{today.month}?category=exhibition")
    assert "便民服务日" not in doc.text_content()
    assert "百年老照片展" in doc.text_content()


def test_calendar_redirects_to_this_month(web):
    response = web.client.get("/calendar?category=sports")
    today = web.sample.today
    assert response.status_code == 302
    assert response.headers["Location"] == f"/calendar/{today.year}/{today.month}?category=sports"


def test_sources_page_lists_each_source_with_counts(web):
    doc, _ = page(web, "/sources")
    rows = {row.xpath("./th//a")[0].text_content(): row for row in doc.xpath("//table[@class='sources']/tbody/tr")}
    assert {"yangpu", "xuhui"} <= set(rows)
    numbers = [cell.text_content().strip() for cell in rows["xuhui"].xpath("./td[@class='num']")]
    assert numbers == ["1", "24"]


def test_traditional_script_is_remembered_and_keeps_typed_search(web):
    doc, response = page(web, "/?script=hant&q=邻里节")
    assert doc.get("lang") == "zh-Hant"
    assert "script=hant" in response.headers["Set-Cookie"]
    assert texts(doc, "//h2[@id='upcoming-heading']") == ["進行中和即將開始"]
    assert texts(doc, "//li[contains(@class,'event')]//h3") == ["社區鄰里節"]
    assert doc.xpath("//input[@name='q']/@value") == ["邻里节"]
    again, _ = page(web, "/sources")  # the test client keeps the cookie
    assert texts(again, "//h1") == ["來源"]
    back, _ = page(web, "/?script=hans")
    assert back.get("lang") == "zh-Hans" and texts(back, "//h2[@id='upcoming-heading']") == ["进行中和即将开始"]


def test_a_submitted_form_lands_on_the_filters_one_url(web):
    response = web.client.get("/?q=&category=sports&place=&source=&from=&to=")
    assert response.status_code == 302 and response.headers["Location"] == "/?category=sports"
    response = web.client.get("/calendar/2025/3?q=&category=")
    assert response.status_code == 302 and response.headers["Location"] == "/calendar/2025/3"


def test_unchanged_pages_revalidate_with_304_until_the_store_changes(web):
    from extract import Event

    first = web.client.get("/?category=sports")
    etag = first.headers["ETag"]
    assert first.headers["Cache-Control"] == "no-cache"
    again = web.client.get("/?category=sports", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.get_data() == b""
    other = web.client.get("/?category=culture", headers={"If-None-Match": etag})
    assert other.status_code == 200
    web.store.upsert_article("yangpu", "2025/new.txt", text="新的活动。", events=[
        Event(title="新的活动", start=web.sample.today, end=None, all_day=True, location=None, category="sports",
              evidence="新的活动。", confidence=0.5)])
    changed = web.client.get("/?category=sports", headers={"If-None-Match": etag})
    assert changed.status_code == 200 and "新的活动" in changed.get_data(as_text=True)


def test_text_no_page_can_carry_is_dropped_not_a_500(web):
    from datetime import date

    from extract import Event

    title = "讲座\ud800\x00\x1b结束"
    web.store.upsert_article("yangpu", "broken.txt", text=title, published=web.sample.today, events=[
        Event(title=title, start=web.sample.today + date.resolution * 3, end=None, all_day=True, location="活动室\udfff",
              category="culture", evidence=title, confidence=0.5)])
    uid = uid_of(web.store, title)
    doc, _ = page(web, f"/events/{uid}")
    assert texts(doc, "//h1") == ["讲座结束"]
    listed = web.client.get("/api/events?q=讲座")
    assert listed.status_code == 200 and "讲座结束" in [e["title"] for e in listed.get_json()["events"]]
    assert web.store.event(uid).title == title  # the store keeps what it was given


def test_the_sources_page_revalidates_after_a_refresh_run_that_changed_no_event(web):
    from datetime import UTC, datetime

    _, first = page(web, "/sources")
    again = web.client.get("/sources", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    token = web.store.change_token()
    moment = datetime.now(UTC)
    web.store.record_run("xuhui", started=moment, finished=moment, ok=False, error="连接超时")
    assert web.store.change_token() == token
    after = web.client.get("/sources", headers={"If-None-Match": first.headers["ETag"]})
    assert after.status_code == 200 and "连接超时" in after.get_data(as_text=True)


@pytest.mark.parametrize(("path", "kind"), [("/", "text/html"), ("/api/events", "application/json"),
                                            ("/calendar.ics", "text/plain"), ("/sources", "text/html")])
def test_a_broken_database_is_a_503_to_retry_not_a_500(web, tmp_path, path, kind):
    web.store.close()
    (tmp_path / "web.db").write_bytes(b"this is no longer a database " * 200)
    for suffix in ("-wal", "-shm"):
        (tmp_path / f"web.db{suffix}").unlink(missing_ok=True)
    response = web.client.get(path)
    assert response.status_code == 503 and response.mimetype == kind
    assert response.headers["Retry-After"] == "60"
