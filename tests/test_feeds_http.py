"""Feed endpoints over a real SQLite store through Flask's test client: formats, filters, caching, 304s."""
from __future__ import annotations

import json
from types import SimpleNamespace

import feedparser
import icalendar
import pytest
from feeds_sample import BASE, fill_store, site_config

from calfeed.web import create_app

PATHS = {"ics": "/calendar.ics", "rss": "/feeds/rss.xml", "atom": "/feeds/atom.xml", "json": "/feeds/feed.json"}
TYPES = {
    "ics": "text/calendar; charset=utf-8",
    "rss": "application/rss+xml; charset=utf-8",
    "atom": "application/atom+xml; charset=utf-8",
    "json": "application/feed+json; charset=utf-8",
}


@pytest.fixture
def site(tmp_path):
    Store = pytest.importorskip("calfeed.store", reason="calfeed.store has not landed yet").Store
    store = Store(f"sqlite:///{tmp_path / 'feeds.db'}")
    today = fill_store(store)
    app = create_app(site_config(), store)
    return SimpleNamespace(app=app, client=app.test_client(), store=store, today=today,
                           cache=app.extensions["calfeed.feeds"])


def titles(site, path: str) -> list[str]:
    """Event titles in any feed format, as the subscriber's software reads them."""
    response = site.client.get(path)
    assert response.status_code == 200, response.get_data(as_text=True)
    if path.startswith("/calendar.ics") or path.endswith(".ics"):
        return [str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(response.data).walk("VEVENT")]
    if path.startswith("/feeds/feed.json"):
        return [item["title"] for item in json.loads(response.data)["items"]]
    parsed = feedparser.parse(response.data)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    return [entry.title for entry in parsed.entries]


@pytest.mark.parametrize("kind", PATHS)
def test_every_feed_answers_with_its_media_type_and_parses(site, kind):
    response = site.client.get(PATHS[kind])
    assert response.status_code == 200
    assert response.headers["Content-Type"] == TYPES[kind]
    found = titles(site, PATHS[kind])
    assert len(found) == 5  # the event 200 days ago is outside the 90-day window
    assert not any("社区运动会" in t for t in found)
    assert any("滨江健康跑" in t for t in found)  # 10 days ago: inside the window
    assert any("银龄健步走" in t for t in found)


def test_the_calendar_keeps_cancelled_events_and_the_feeds_mark_them(site):
    cal = icalendar.Calendar.from_ical(site.client.get("/calendar.ics").data)
    status = {str(e["SUMMARY"]): str(e["STATUS"]) for e in cal.walk("VEVENT")}
    assert status["社区音乐会"] == "CANCELLED" and status["银龄健步走"] == "CONFIRMED"
    assert any(t.startswith("[已取消] ") and "社区音乐会" in t for t in titles(site, "/feeds/rss.xml"))


@pytest.mark.parametrize("kind", PATHS)
def test_strong_etag_last_modified_and_cache_control(site, kind):
    response = site.client.get(PATHS[kind])
    etag, weak = response.get_etag()
    assert etag and not weak
    assert response.headers["ETag"] == f'"{etag}"'
    assert response.last_modified is not None
    assert response.headers["Cache-Control"] in ("public, max-age=1800", "max-age=1800, public")
    again = site.client.get(PATHS[kind], headers={"If-None-Match": f'"{etag}"'})
    assert again.status_code == 304 and again.data == b""
    assert again.get_etag() == (etag, False)
    by_date = site.client.get(PATHS[kind], headers={"If-Modified-Since": response.headers["Last-Modified"]})
    assert by_date.status_code == 304
    stale = site.client.get(PATHS[kind], headers={"If-None-Match": '"something-else"'})
    assert stale.status_code == 200 and stale.data == response.data


def test_head_gives_the_headers_without_the_body(site):
    get = site.client.get("/calendar.ics")
    head = site.client.head("/calendar.ics")
    assert head.status_code == 200 and head.data == b""
    assert head.headers["ETag"] == get.headers["ETag"]
    assert head.headers["Content-Length"] == str(len(get.data))
    assert head.headers["Content-Type"] == TYPES["ics"]


def test_feeds_are_rendered_once_until_the_store_changes(site):
    from extract import Event

    first = site.client.get("/feeds/atom.xml")
    renders = site.cache.renders
    for _ in range(3):
        assert site.client.get("/feeds/atom.xml").data == first.data
    assert site.cache.renders == renders
    site.store.upsert_article("yangpu", "new.txt", text="新增的读书会。", title="读书会", published=site.today,
                              events=[Event(title="读书会", start=site.today, end=None, all_day=True, location="书店",
                                            category="culture", evidence="新增的读书会。", confidence=0.8)])
    changed = site.client.get("/feeds/atom.xml", headers={"If-None-Match": first.headers["ETag"]})
    assert changed.status_code == 200
    assert changed.headers["ETag"] != first.headers["ETag"]
    assert any("读书会" in entry.title for entry in feedparser.parse(changed.data).entries)
    assert site.cache.renders == renders + 1


def test_filters_select_events_and_one_filter_has_one_url(site):
    assert titles(site, "/calendar.ics?category=sports") == ["滨江健康跑", "银龄健步走"]
    assert titles(site, "/feeds/feed.json?place=图书馆")[0].endswith("百年老照片展 @ 区图书馆")
    assert len(titles(site, "/feeds/rss.xml?source=徐汇区")) == 2
    assert len(titles(site, "/feeds/rss.xml?status=cancelled")) == 1
    one = site.client.get("/calendar.ics?source=yangpu&category=sports")
    other = site.client.get("/calendar.ics?category=sports&source=yangpu&page=3")
    assert one.data == other.data and one.headers["ETag"] == other.headers["ETag"]
    cal = icalendar.Calendar.from_ical(one.data)
    assert str(cal["SOURCE"]) == BASE + "/calendar.ics?category=sports&source=yangpu"
    assert "体育" in str(cal["NAME"]) and "yangpu" in str(cal["NAME"])


@pytest.mark.parametrize("query, parameter", [("category=nonsense", "category"), ("from=not-a-day", "from"),
                                              ("from=2025-03-10&to=2025-03-01", "from")])
def test_an_invalid_filter_is_a_plain_400_naming_the_parameter(site, query, parameter):
    response = site.client.get("/feeds/rss.xml?" + query)
    assert response.status_code == 400
    assert response.mimetype == "text/plain"
    assert response.get_data(as_text=True).split(": ", 1)[1].startswith(parameter + ":")


def test_one_event_as_its_own_calendar(site):
    uid = next(e.uid for e in site.store.events() if e.title == "银龄健步走")
    response = site.client.get(f"/events/{uid}.ics")
    assert response.status_code == 200 and response.headers["Content-Type"] == TYPES["ics"]
    events = icalendar.Calendar.from_ical(response.data).walk("VEVENT")
    assert [str(e["UID"]) for e in events] == [uid]
    assert site.client.get(f"/events/{uid}.ics", headers={"If-None-Match": response.headers["ETag"]}).status_code == 304
    assert site.client.get("/events/no-such-event.ics").status_code == 404


def test_uids_are_the_stores(site):
    cal = icalendar.Calendar.from_ical(site.client.get("/calendar.ics").data)
    published = {str(e["SUMMARY"]): str(e["UID"]) for e in cal.walk("VEVENT")}
    stored = {e.title: e.uid for e in site.store.events()}
    assert published["银龄健步走"] == stored["银龄健步走"]
    assert published["社区音乐会"] == stored["社区音乐会"]
    assert len(set(published.values())) == len(published)


def test_two_apps_over_one_unchanged_store_publish_identical_bytes(site):
    other = create_app(site_config(), site.store).test_client()
    for path in PATHS.values():
        assert other.get(path).data == site.client.get(path).data


@pytest.fixture
def served(site):
    """The same app under waitress on a loopback port, as ``calfeed serve`` runs it."""
    import threading

    import waitress

    server = waitress.create_server(site.app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield SimpleNamespace(site=site, port=server.effective_port)
    server.close()
    thread.join(timeout=5)


def test_waitress_streams_the_cached_bytes_with_length_and_answers_head_and_304(served):
    import http.client

    expected = served.site.client.get("/calendar.ics").data

    def request(method: str, headers: dict | None = None):
        connection = http.client.HTTPConnection("127.0.0.1", served.port, timeout=10)
        connection.request(method, "/calendar.ics", headers=headers or {})
        response = connection.getresponse()
        body = response.read()
        connection.close()
        return response, body

    response, body = request("GET")
    assert response.status == 200 and body == expected
    assert response.getheader("Content-Length") == str(len(expected))
    assert response.getheader("Content-Type") == TYPES["ics"]
    head, head_body = request("HEAD")
    assert head.status == 200 and head_body == b"" and head.getheader("Content-Length") == str(len(expected))
    again, again_body = request("GET", {"If-None-Match": response.getheader("ETag")})
    assert again.status == 304 and again_body == b""
