"""/api/events over a real SQLite store: the listing's filters and paging as JSON."""
from __future__ import annotations

import pytest
from web_sample import HOSTILE_TITLE, fill, site_config

from calfeed.web import create_app


@pytest.fixture
def api(tmp_path):
    Store = pytest.importorskip("calfeed.store", reason="calfeed.store has not landed yet").Store
    store = Store(f"sqlite:///{tmp_path / 'api.db'}")
    sample = fill(store, service_count=60)
    client = create_app(site_config(base_url="https://cal.example.org"), store).test_client()

    def get(path: str, status: int = 200) -> dict:
        response = client.get(path)
        assert response.status_code == status, response.get_data(as_text=True)
        assert response.mimetype == "application/json"
        return response.get_json()

    get.sample = sample
    return get


def test_events_are_listed_in_start_order_with_their_fields(api):
    data = api("/api/events?source=yangpu")
    assert data["total"] == 6 and data["pages"] == 1 and data["next"] is None
    titles = [event["title"] for event in data["events"]]
    assert titles[:2] == ["社区音乐会", "滨江健康跑"]
    starts = [event["first_day"] for event in data["events"]]
    assert starts == sorted(starts)
    festival = next(event for event in data["events"] if event["title"] == "社区邻里节")
    assert festival["start"] == f"{api.sample.festival_day}T14:00:00+08:00"
    assert festival["all_day"] is False and festival["category_label"] == "节庆"
    assert festival["location"] == "五角场广场" and festival["district"] == "杨浦区"
    assert festival["url"] == "https://cal.example.org/events/" + festival["uid"]
    assert festival["ics"] == festival["url"] + ".ics"
    exhibition = next(event for event in data["events"] if event["title"] == "百年老照片展")
    assert (exhibition["start"], exhibition["end"]) == tuple(day.isoformat() for day in api.sample.exhibition)


def test_filters_are_the_listings(api):
    assert [e["title"] for e in api("/api/events?category=exhibition")["events"]] == ["百年老照片展"]
    assert [e["title"] for e in api("/api/events?q=手工市集")["events"]] == ["社区邻里节"]
    cancelled = api("/api/events?status=cancelled")
    assert [(e["title"], e["status"]) for e in cancelled["events"]] == [("防诈骗讲座", "cancelled")]
    assert cancelled["query"] == {"status": "cancelled"}
    assert cancelled["feeds"]["ics"] == "https://cal.example.org/calendar.ics?status=cancelled"


def test_pages_follow_next_links_to_the_end(api):
    seen, url, pages = [], "/api/events", 0
    while url:
        data = api(url.replace("https://cal.example.org", ""))
        seen += [event["uid"] for event in data["events"]]
        url, pages = data["next"], pages + 1
    assert pages == 2 and data["pages"] == 2
    assert len(seen) == len(set(seen)) == data["total"] == 66
    assert data["prev"] == "https://cal.example.org/api/events"


def test_hostile_text_stays_data(api):
    event = api("/api/events?category=meeting")["events"][0]
    assert event["title"] == HOSTILE_TITLE
    assert event["location"] == "活动室<br>二楼"


@pytest.mark.parametrize(
    ("query", "parameter"),
    [("from=yesterday-ish", "from"), ("category=party", "category"), ("page=3", "page"), ("page=-1", "page"),
     ("status=maybe", "status")],
)
def test_invalid_values_are_400_json_naming_the_parameter(api, query, parameter):
    data = api("/api/events?" + query, status=400)
    assert data["parameter"] == parameter and data["error"].startswith(parameter + ":")
