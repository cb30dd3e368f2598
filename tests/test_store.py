"""The store on SQLite and PostgreSQL: stable UIDs, in-place updates, cancellations, filters, runs, transactions."""
from __future__ import annotations

import threading
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from calfeed.config import SourceConfig
from calfeed.query import EventQuery
from calfeed.store import ArticleChange, Store
from extract import Event

CST = timezone(timedelta(hours=8))


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)):
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def tick(self, minutes: int = 1) -> datetime:
        self.now += timedelta(minutes=minutes)
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def timed(store_url, clock):
    """A store whose clock the test sets."""
    opened = Store(store_url, clock=clock)
    yield opened
    opened.close()


def ev(title: str = "社区读书会", start=date(2025, 3, 8), end=None, *, all_day=None, location="街道图书馆",
       category="culture", evidence=None, confidence=0.8) -> Event:
    return Event(title=title, start=start, end=end, all_day=not isinstance(start, datetime) if all_day is None else all_day,
                 location=location, category=category, evidence=evidence or f"{title}在{location}举行。",
                 confidence=confidence)


def by_title(store) -> dict:
    return {event.title: event for event in store.events()}


def put(store, key: str, *events: Event, source: str = "yangpu", text: str | None = None, **fields) -> ArticleChange:
    body = text if text is not None else "\n".join(repr(e) for e in events) or key
    return store.upsert_article(source, key, text=body, events=list(events), **fields)


# new articles


def test_a_new_articles_events_get_fresh_random_uids_sequence_zero_and_the_clocks_time(timed, clock):
    change = put(timed, "a.txt", ev("读书会"), ev("健步走", date(2025, 3, 9)), title="社区活动", url="http://n.test/a",
                 published=date(2025, 3, 1), district="杨浦区")
    assert change == ArticleChange(change.article_id, added=2, changed=True)
    events = by_title(timed)
    assert set(events) == {"读书会", "健步走"}
    for event in events.values():
        assert event.uid.endswith("@calfeed") and "读书会" not in event.uid
        assert (event.sequence, event.status) == (0, "confirmed")
        assert event.first_seen == event.last_modified == clock.now
        assert event.first_seen.tzinfo is not None
        assert (event.source, event.district, event.article_id) == ("yangpu", "杨浦区", change.article_id)
        assert (event.article_url, event.article_title, event.published) == ("http://n.test/a", "社区活动",
                                                                             date(2025, 3, 1))
    assert len({e.uid for e in events.values()}) == 2
    # the same article in another source is another article, with other UIDs
    put(timed, "a.txt", ev("读书会"), source="xuhui")
    assert len({e.uid for e in timed.events()}) == 3


def test_every_extracted_field_comes_back_as_given(store):
    timed_event = Event(title="防诈骗讲座", start=datetime(2025, 3, 9, 9, 30), end=datetime(2025, 3, 9, 11, 0),
                        all_day=False, location=None, category="meeting", evidence="3月9日9:30至11:00举行讲座。",
                        confidence=0.625, open_start=False)
    span = Event(title="百年老照片展", start=date(2025, 3, 10), end=date(2025, 3, 20), all_day=True,
                 location="区图书馆", category="exhibition", evidence="展期至3月20日。", confidence=0.7,
                 open_start=True)
    put(store, "a.txt", timed_event, span)
    events = by_title(store)
    talk, show = events["防诈骗讲座"], events["百年老照片展"]
    assert (talk.start, talk.end, talk.all_day, talk.location, talk.category, talk.evidence, talk.confidence) == (
        datetime(2025, 3, 9, 9, 30), datetime(2025, 3, 9, 11, 0), False, None, "meeting", "3月9日9:30至11:00举行讲座。",
        0.625)
    assert talk.start.tzinfo is None and not talk.open_start
    assert type(show.start) is date and type(show.end) is date and show.all_day and show.open_start
    assert (show.first_day, show.last_day) == (date(2025, 3, 10), date(2025, 3, 20))


def test_an_aware_event_time_is_refused_and_nothing_is_stored(store):
    with pytest.raises(ValueError, match="naive"):
        put(store, "a.txt", ev("读书会", datetime(2025, 3, 8, 9, 0, tzinfo=CST)))
    assert store.events() == [] and store.article_hashes("yangpu") == {}


def test_first_seen_and_last_modified_are_the_same_instant_whatever_zone_the_clock_speaks(store_url):
    moment = datetime(2025, 3, 1, 16, 0, tzinfo=CST)
    store = Store(store_url, clock=lambda: moment)
    put(store, "a.txt", ev())
    (event,) = store.events()
    assert event.first_seen == moment and event.first_seen.utcoffset() == timedelta(0)
    assert store.last_change() == moment
    store.close()


# the same article again


def test_the_same_article_twice_changes_nothing_at_all(timed, clock):
    put(timed, "a.txt", ev("读书会"), ev("健步走", date(2025, 3, 9)))
    before, token, changed = timed.events(), timed.change_token(), timed.last_change()
    clock.tick(60)
    again = put(timed, "a.txt", ev("读书会"), ev("健步走", date(2025, 3, 9)))
    assert again == ArticleChange(again.article_id, unchanged=2, changed=False)
    assert timed.events() == before
    assert timed.change_token() == token and timed.last_change() == changed


def test_the_same_hash_skips_even_when_the_events_given_differ(timed):
    """The hash stands for the document: refresh compares it before extracting at all."""
    put(timed, "a.txt", ev("读书会"), text="同一篇文章")
    token = timed.change_token()
    change = put(timed, "a.txt", ev("读书会"), ev("另一个活动"), text="同一篇文章")
    assert not change.changed and timed.change_token() == token
    assert [e.title for e in timed.events()] == ["读书会"]


def test_a_caller_supplied_content_hash_is_what_article_hashes_returns(store):
    put(store, "a.txt", ev(), content_hash="etag-1")
    put(store, "b.txt", ev("健步走"))
    hashes = store.article_hashes("yangpu")
    assert hashes["a.txt"] == "etag-1" and len(hashes["b.txt"]) == 64
    assert store.article_hashes("nobody") == {}


# a changed article


def test_a_changed_time_or_evidence_updates_the_event_in_place(timed, clock):
    put(timed, "a.txt", ev("读书会", datetime(2025, 3, 8, 9, 0)), ev("健步走", date(2025, 3, 9)))
    old = by_title(timed)
    token = timed.change_token()
    later = clock.tick(30)
    change = put(timed, "a.txt", ev("读书会", datetime(2025, 3, 8, 14, 0)), ev("健步走", date(2025, 3, 9)))
    assert (change.added, change.updated, change.cancelled, change.unchanged, change.changed) == (0, 1, 0, 1, True)
    new = by_title(timed)
    moved = new["读书会"]
    assert moved.uid == old["读书会"].uid and moved.sequence == 1
    assert moved.start == datetime(2025, 3, 8, 14, 0)
    assert moved.last_modified == later and moved.first_seen == old["读书会"].first_seen
    assert new["健步走"] == old["健步走"]  # untouched: same sequence, same last_modified
    assert timed.change_token() != token and timed.last_change() == later

    clock.tick(30)
    put(timed, "a.txt", ev("读书会", datetime(2025, 3, 8, 14, 0), evidence="读书会改在下午两点。"),
        ev("健步走", date(2025, 3, 9)))
    again = by_title(timed)["读书会"]
    assert (again.uid, again.sequence, again.evidence) == (moved.uid, 2, "读书会改在下午两点。")
    assert again.last_modified == clock.now


@pytest.mark.parametrize("field", ["title", "end", "all_day", "location", "category", "evidence"])
def test_each_compared_field_raises_the_sequence(store, field):
    original = ev("读书会", datetime(2025, 3, 8, 9, 0), all_day=False)
    changes = {"title": "读书会（改期）", "end": datetime(2025, 3, 8, 11, 0), "all_day": True, "location": "文化中心",
               "category": "community", "evidence": "新的说明。"}
    put(store, "a.txt", original)
    (old,) = store.events()
    put(store, "a.txt", replace(original, **{field: changes[field]}))
    (new,) = store.events()
    assert new.uid == old.uid and new.sequence == 1 and getattr(new, field) == changes[field]


def test_a_new_confidence_alone_is_stored_without_raising_the_sequence(timed, clock):
    put(timed, "a.txt", ev(confidence=0.5), text="v1")
    (old,) = timed.events()
    clock.tick()
    change = put(timed, "a.txt", ev(confidence=0.9), text="v2")
    assert (change.updated, change.unchanged) == (0, 1)
    (new,) = timed.events()
    assert (new.uid, new.sequence, new.last_modified, new.confidence) == (old.uid, 0, old.last_modified, 0.9)


def test_a_day_and_a_time_at_midnight_are_different_starts(store):
    put(store, "a.txt", ev("读书会", date(2025, 3, 8)))
    put(store, "a.txt", ev("读书会", datetime(2025, 3, 8, 0, 0), all_day=True))
    (event,) = store.events()
    assert event.sequence == 1 and event.start == datetime(2025, 3, 8, 0, 0) and type(event.start) is datetime


def test_an_event_that_leaves_its_article_is_cancelled_kept_and_listed(timed, clock):
    put(timed, "a.txt", ev("读书会"), ev("健步走", date(2025, 3, 9)))
    old = by_title(timed)
    when = clock.tick()
    change = put(timed, "a.txt", ev("读书会"))
    assert (change.added, change.updated, change.cancelled, change.unchanged) == (0, 0, 1, 1)
    gone = by_title(timed)["健步走"]
    assert (gone.uid, gone.status, gone.sequence, gone.last_modified) == (old["健步走"].uid, "cancelled", 1, when)
    assert [e.title for e in timed.events(EventQuery(status="cancelled"))] == ["健步走"]
    assert [e.title for e in timed.events(EventQuery(status="confirmed"))] == ["读书会"]
    assert timed.count_events() == 2

    # still gone next time: not cancelled again
    put(timed, "a.txt", ev("读书会", evidence="又一次。"))
    assert by_title(timed)["健步走"].sequence == 1


def test_a_cancelled_event_that_comes_back_is_confirmed_with_a_higher_sequence(timed, clock):
    put(timed, "a.txt", ev("读书会"), ev("健步走", date(2025, 3, 9)))
    uid = by_title(timed)["健步走"].uid
    put(timed, "a.txt", ev("读书会"))
    back_at = clock.tick()
    change = put(timed, "a.txt", ev("读书会"), ev("健步走", date(2025, 3, 9)))
    assert (change.added, change.updated) == (0, 1)
    back = by_title(timed)["健步走"]
    assert (back.uid, back.status, back.sequence, back.last_modified) == (uid, "confirmed", 2, back_at)


def test_a_new_event_in_a_changed_article_is_added_with_its_own_uid(store):
    put(store, "a.txt", ev("读书会"))
    change = put(store, "a.txt", ev("读书会"), ev("亲子游戏", date(2025, 3, 20)))
    assert (change.added, change.unchanged) == (1, 1)
    events = by_title(store)
    assert events["亲子游戏"].sequence == 0 and events["亲子游戏"].uid != events["读书会"].uid


def test_a_changed_article_keeps_its_id_and_stores_its_new_text_and_fields(store):
    first = put(store, "a.txt", ev(), text="旧文", title="旧标题")
    second = put(store, "a.txt", ev(), text="新文", title="新标题", url="http://n.test/a", published=date(2025, 3, 2))
    assert second.article_id == first.article_id
    article = store.article(first.article_id)
    assert (article.text, article.title, article.url, article.published) == ("新文", "新标题", "http://n.test/a",
                                                                             date(2025, 3, 2))


# removing


def test_remove_article_cancels_its_events_and_keeps_them_and_the_article(timed, clock):
    put(timed, "a.txt", ev("读书会"), ev("健步走", date(2025, 3, 9)), text="原文")
    put(timed, "b.txt", ev("音乐会", date(2025, 3, 10)))
    article_id = by_title(timed)["读书会"].article_id
    token = timed.change_token()
    when = clock.tick()
    change = timed.remove_article("yangpu", "a.txt")
    assert change == ArticleChange(article_id, cancelled=2, changed=True)
    events = by_title(timed)
    assert {events[t].status for t in ("读书会", "健步走")} == {"cancelled"}
    assert {events[t].sequence for t in ("读书会", "健步走")} == {1}
    assert events["读书会"].last_modified == when and events["音乐会"].status == "confirmed"
    assert timed.article(article_id).text == "原文"  # the cancelled event's page still has its context
    assert set(timed.article_hashes("yangpu")) == {"b.txt"}
    assert timed.change_token() != token
    (status,) = timed.sources()
    assert (status.articles, status.events) == (1, 1)


def test_removing_twice_or_an_unknown_article_changes_nothing(store):
    put(store, "a.txt", ev())
    store.remove_article("yangpu", "a.txt")
    token, events = store.change_token(), store.events()
    assert store.remove_article("yangpu", "a.txt").changed is False
    assert store.remove_article("yangpu", "nope.txt") == ArticleChange(None)
    assert store.remove_article("nobody", "a.txt") == ArticleChange(None)
    assert store.change_token() == token and store.events() == events


def test_a_removed_article_that_returns_brings_its_events_back(store):
    put(store, "a.txt", ev("读书会"))
    uid = store.events()[0].uid
    store.remove_article("yangpu", "a.txt")
    change = put(store, "a.txt", ev("读书会"))  # the same text: not skipped, the article was gone
    assert change.changed and change.updated == 1
    (event,) = store.events()
    assert (event.uid, event.status, event.sequence) == (uid, "confirmed", 2)
    assert set(store.article_hashes("yangpu")) == {"a.txt"}


# reading


def sample(store) -> None:
    """Events in two sources, with script, place and date variety."""
    store.sync_sources([SourceConfig(name="xuhui", type="feed", location="http://x.test/rss", district="徐汇区")])
    put(store, "a.txt", ev("社区邻里节", datetime(2025, 3, 8, 14, 0), location="五角场广场", category="festival",
                           evidence="现场有手工市集和亲子游戏。"), district="杨浦区")
    put(store, "b.txt", ev("百年老照片展", date(2025, 3, 1), date(2025, 3, 20), location="區圖書館", category="exhibition",
                           evidence="即日起舉辦百年老照片展。"), district="杨浦区")
    put(store, "c.txt", ev("便民服务日", datetime(2025, 3, 12, 9, 0), location="徐家汇第1服务点", category="service"),
        source="xuhui")
    put(store, "d.txt", ev("读书会100%参与_活动", date(2025, 3, 15), location="书店", category="culture"), source="xuhui")
    put(store, "e.txt", ev("防诈骗讲座", date(2025, 3, 25), location="社区学校", category="culture"), source="xuhui")
    store.remove_article("xuhui", "e.txt")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (EventQuery(category="culture"), {"读书会100%参与_活动", "防诈骗讲座"}),
        (EventQuery(place="第1服务"), {"便民服务日"}),
        (EventQuery(place="区图书"), {"百年老照片展"}),  # a Simplified place finds the Traditional location
        (EventQuery(source="yangpu"), {"社区邻里节", "百年老照片展"}),
        (EventQuery(source="杨浦区"), {"社区邻里节", "百年老照片展"}),  # the article's district
        (EventQuery(source="徐汇区"), {"便民服务日", "读书会100%参与_活动", "防诈骗讲座"}),  # the source's district
        (EventQuery(source="杨浦"), set()),  # exact, not a substring
        (EventQuery(q="手工市集"), {"社区邻里节"}),  # evidence
        (EventQuery(q="五角场"), {"社区邻里节"}),  # location
        (EventQuery(q="鄰里節"), {"社区邻里节"}),  # Traditional query, Simplified text
        (EventQuery(q="举办百年"), {"百年老照片展"}),  # Simplified query, Traditional text
        (EventQuery(q="100%"), {"读书会100%参与_活动"}),  # LIKE wildcards are plain characters
        (EventQuery(q="%"), {"读书会100%参与_活动"}),
        (EventQuery(q="_"), {"读书会100%参与_活动"}),
        (EventQuery(status="cancelled"), {"防诈骗讲座"}),
        (EventQuery(status="confirmed", source="xuhui"), {"便民服务日", "读书会100%参与_活动"}),
        (EventQuery(date_from=date(2025, 3, 10)), {"百年老照片展", "便民服务日", "读书会100%参与_活动", "防诈骗讲座"}),
        (EventQuery(date_to=date(2025, 3, 7)), {"百年老照片展"}),
        (EventQuery(date_from=date(2025, 3, 13), date_to=date(2025, 3, 14)), {"百年老照片展"}),  # still running
        (EventQuery(date_from=date(2025, 3, 8), date_to=date(2025, 3, 8)), {"百年老照片展", "社区邻里节"}),
        (EventQuery(category="culture", q="读书", date_to=date(2025, 3, 31), page=3), {"读书会100%参与_活动"}),
    ],
)
def test_each_filter_selects_and_counts_the_same_events(store, query, expected):
    sample(store)
    found = store.events(query)
    assert {e.title for e in found} == expected
    assert store.count_events(query) == len(found)


def test_letters_match_whatever_their_case_or_width(store):
    put(store, "a.txt", ev("AI科普讲座", location="Room 3B"))
    assert len(store.events(EventQuery(q="ai科普"))) == 1
    assert len(store.events(EventQuery(q="ＡＩ"))) == 1
    assert len(store.events(EventQuery(place="room 3b"))) == 1


def test_since_keeps_events_whose_last_day_is_on_or_after_it(store):
    sample(store)
    assert {e.title for e in store.events(since=date(2025, 3, 16))} == {"百年老照片展", "防诈骗讲座"}
    assert store.count_events(since=date(2025, 3, 16)) == 2
    both = store.events(EventQuery(category="culture"), since=date(2025, 3, 16))
    assert [e.title for e in both] == ["防诈骗讲座"]


def test_events_come_in_start_order_all_day_first_then_by_time_then_uid(store):
    put(store, "a.txt", ev("晚场", datetime(2025, 3, 8, 19, 0)), ev("早场", datetime(2025, 3, 8, 9, 0)),
        ev("全天", date(2025, 3, 8)), ev("午夜", datetime(2025, 3, 8, 0, 0)), ev("前一天", datetime(2025, 3, 7, 23, 0)),
        ev("次日", date(2025, 3, 9)))
    put(store, "b.txt", *[ev(f"同时{n}", datetime(2025, 3, 10, 10, 0)) for n in range(5)])
    events = store.events()
    assert [e.title for e in events[:6]] == ["前一天", "全天", "午夜", "早场", "晚场", "次日"]
    same = [e.uid for e in events[6:]]
    assert same == sorted(same)
    # the order of the page's "past, most recent first" reading: start as text, then uid
    keys = [(e.start.isoformat(), e.uid) for e in events]
    assert keys == sorted(keys)


def test_limit_and_offset_page_through_the_same_order(store):
    put(store, "a.txt", *[ev(f"活动{n}", date(2025, 3, 1) + timedelta(days=n % 7)) for n in range(23)])
    every = store.events()
    pages = [store.events(limit=5, offset=offset) for offset in range(0, 25, 5)]
    assert [e.uid for page in pages for e in page] == [e.uid for e in every]
    assert store.events(offset=20) == every[20:]
    assert store.events(since=date(2025, 3, 5), limit=3, offset=2) == store.events(since=date(2025, 3, 5))[2:5]
    assert store.events(limit=0) == []


def test_before_and_newest_first_read_the_past_backwards_in_pages(store):
    put(store, "a.txt", *[ev(f"活动{n}", date(2025, 3, 1) + timedelta(days=n % 9), all_day=True) for n in range(23)],
        ev("长展", date(2025, 2, 20), date(2025, 3, 31)))
    day = date(2025, 3, 6)
    past = [e for e in store.events() if e.last_day < day]
    assert store.count_events(before=day) == len(past) and "长展" not in {e.title for e in past}
    backwards = [store.events(before=day, newest_first=True, limit=4, offset=o) for o in range(0, len(past), 4)]
    assert [e.uid for page in backwards for e in page] == [e.uid for e in reversed(past)]
    assert store.count_events(before=day) + store.count_events(since=day) == store.count_events()


def test_event_and_article_by_id(store):
    change = put(store, "2025/a.txt", ev(), text="全文<b>", title="标题", path="2025/a.txt", published=date(2025, 3, 1),
                 published_source="text")
    (event,) = store.events()
    assert store.event(event.uid) == event
    assert store.event("nobody@calfeed") is None
    article = store.article(change.article_id)
    assert (article.id, article.source, article.url, article.path, article.title, article.text, article.published,
            article.published_source) == (change.article_id, "yangpu", None, "2025/a.txt", "标题", "全文<b>",
                                          date(2025, 3, 1), "text")
    assert article.fetched.tzinfo is not None
    assert store.article(change.article_id + 1000) is None


def test_reads_use_one_query_each(store):
    """No N+1: a listing over many articles, the hashes and the token are each a single SELECT."""
    from sqlalchemy import event

    for number in range(5):
        put(store, f"{number}.txt", *[ev(f"活动{number}-{n}") for n in range(10)])
    statements: list[str] = []
    event.listen(store._engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    assert len(store.events(EventQuery(source="yangpu", q="活动"))) == 50
    assert len(store.article_hashes("yangpu")) == 5
    store.change_token()
    store.count_events(EventQuery(source="yangpu"))
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert len(selects) == 4, statements


# sources and runs


def test_sync_sources_registers_and_updates_configured_sources(store):
    store.sync_sources([SourceConfig(name="yangpu", type="folder", location="articles/yangpu", district="杨浦区"),
                        SourceConfig(name="xuhui", type="feed", location="http://x.test/rss")])
    token = store.change_token()
    store.sync_sources([SourceConfig(name="yangpu", type="folder", location="articles/yangpu", district="杨浦区"),
                        SourceConfig(name="xuhui", type="feed", location="http://x.test/rss")])
    assert store.change_token() == token  # nothing new: nothing written
    store.sync_sources([SourceConfig(name="xuhui", type="page", location="http://x.test/news", district="徐汇区")])
    assert store.change_token() != token
    statuses = {(s.name, s.type, s.location, s.district) for s in store.sources()}
    assert statuses == {("yangpu", "folder", "articles/yangpu", "杨浦区"), ("xuhui", "page", "http://x.test/news", "徐汇区")}


def test_an_unknown_source_is_registered_by_its_first_article(store):
    put(store, "a.txt", ev(), source="adhoc")
    (status,) = store.sources()
    assert (status.name, status.type, status.location, status.district, status.last_run, status.last_ok) == (
        "adhoc", "", "", None, None, None)
    store.sync_sources([SourceConfig(name="adhoc", type="folder", location="adhoc", district="静安区")])
    (event,) = store.events()
    assert event.district == "静安区"  # the article named none, so the source's district shows


def test_sources_list_counts_and_the_last_runs_result_by_name(store):
    sample(store)
    start = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)
    store.record_run("yangpu", started=start, finished=start + timedelta(seconds=5), ok=True, articles_seen=2,
                     added=2)
    store.record_run("xuhui", started=start, finished=start + timedelta(seconds=3), ok=True, articles_seen=3, added=3)
    store.record_run("xuhui", started=start + timedelta(hours=1), finished=start + timedelta(hours=1, seconds=2),
                     ok=False, error="HTTP 503 from http://x.test/rss")
    statuses = store.sources()
    assert [s.name for s in statuses] == ["xuhui", "yangpu"]
    xuhui, yangpu = statuses
    assert (xuhui.articles, xuhui.events) == (2, 2)  # e.txt removed, its event cancelled
    assert (yangpu.articles, yangpu.events) == (2, 2)
    assert (xuhui.last_run, xuhui.last_ok, xuhui.last_error) == (start + timedelta(hours=1, seconds=2), False,
                                                                 "HTTP 503 from http://x.test/rss")
    assert (yangpu.last_run, yangpu.last_ok, yangpu.last_error) == (start + timedelta(seconds=5), True, None)


def test_runs_are_listed_newest_first_per_source_and_do_not_move_the_token(store):
    token = store.change_token()
    start = datetime(2025, 3, 1, 8, 0, tzinfo=CST)
    for hour in range(4):
        store.record_run("yangpu" if hour % 2 else "xuhui", started=start + timedelta(hours=hour),
                         finished=start + timedelta(hours=hour, minutes=1), ok=hour != 3, error="boom" if hour == 3 else None,
                         articles_seen=hour, added=1, updated=2, cancelled=3)
    assert store.change_token() == token
    every = store.runs()
    assert [r.started for r in every] == [start + timedelta(hours=h) for h in (3, 2, 1, 0)]
    newest = every[0]
    assert (newest.source, newest.ok, newest.error, newest.articles_seen, newest.added, newest.updated,
            newest.cancelled) == ("yangpu", False, "boom", 3, 1, 2, 3)
    assert newest.finished == start + timedelta(hours=3, minutes=1) and newest.finished.tzinfo is not None
    assert [(r.source, r.started) for r in store.runs("yangpu")] == [
        ("yangpu", start + timedelta(hours=3)), ("yangpu", start + timedelta(hours=1))]
    assert len(store.runs(limit=1)) == 1 and store.runs("nobody") == []


# transactions


def test_a_transaction_commits_everything_inside_it_at_once(store):
    token = store.change_token()
    seen_inside = []
    with store.transaction():
        put(store, "a.txt", ev("读书会"))
        with store.transaction():  # nested: joins the open one
            put(store, "b.txt", ev("健步走"))
        seen_inside.append(len(store.events()))
        store.save_http_validators("http://n.test/rss", '"v1"', None)
    assert seen_inside == [2]
    assert len(store.events()) == 2 and store.http_validators("http://n.test/rss") == ('"v1"', None)
    assert store.change_token() != token


def test_a_failed_transaction_leaves_nothing_behind(store):
    put(store, "a.txt", ev("读书会"))
    before, token, hashes = store.events(), store.change_token(), store.article_hashes("yangpu")
    with pytest.raises(RuntimeError, match="source broke"):
        with store.transaction():
            put(store, "a.txt", ev("读书会", date(2025, 4, 1)))
            put(store, "b.txt", ev("健步走"))
            store.remove_article("yangpu", "a.txt")
            store.sync_sources([SourceConfig(name="yangpu", type="folder", location="elsewhere")])
            store.save_http_validators("http://n.test/rss", '"v1"', "Sat, 01 Mar 2025 08:00:00 GMT")
            with store.transaction():
                raise RuntimeError("source broke")
    assert store.events() == before and store.article_hashes("yangpu") == hashes
    assert store.change_token() == token
    assert store.http_validators("http://n.test/rss") == (None, None)
    assert store.sources()[0].location == ""


def test_a_run_is_recorded_after_its_transaction_rolled_back(store):
    started = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)
    try:
        with store.transaction():
            put(store, "a.txt", ev(), source="fresh")  # the source itself is new inside the transaction
            raise ConnectionError("feed went away")
    except ConnectionError as exc:
        store.record_run("fresh", started=started, finished=started + timedelta(seconds=1), ok=False, error=str(exc))
    (status,) = store.sources()
    assert (status.name, status.last_ok, status.last_error, status.articles, status.events) == (
        "fresh", False, "feed went away", 0, 0)
    assert store.events() == [] and [r.error for r in store.runs()] == ["feed went away"]


def test_a_failing_write_inside_a_transaction_undoes_only_itself(store):
    with store.transaction():
        put(store, "a.txt", ev("读书会"))
        with pytest.raises(ValueError):
            put(store, "b.txt", ev("健步走"), ev("坏时间", datetime(2025, 3, 8, 9, 0, tzinfo=UTC)))
        put(store, "c.txt", ev("音乐会"))
    assert {e.title for e in store.events()} == {"读书会", "音乐会"}
    assert set(store.article_hashes("yangpu")) == {"a.txt", "c.txt"}


def test_readers_in_other_threads_see_the_last_commit_while_a_transaction_is_open(store):
    put(store, "a.txt", ev("读书会"))
    seen: list = []

    def read():
        seen.append(([e.title for e in store.events()], store.count_events(), store.change_token()))

    token = store.change_token()
    with store.transaction():
        put(store, "b.txt", ev("健步走"))
        reader = threading.Thread(target=read)
        reader.start()
        reader.join(timeout=10)
        assert not reader.is_alive(), "a reader waited for the writer"
    assert seen == [(["读书会"], 1, token)]
    assert store.count_events() == 2


def test_writers_in_two_threads_both_land(store):
    errors: list[BaseException] = []

    def write(number: int) -> None:
        try:
            with store.transaction():
                for article in range(5):
                    put(store, f"{number}-{article}.txt", ev(f"活动{number}-{article}"), source=f"s{number}")
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == [] and store.count_events() == 15


# HTTP validators


def test_http_validators_are_remembered_per_url(store):
    assert store.http_validators("http://n.test/rss") == (None, None)
    store.save_http_validators("http://n.test/rss", '"abc"', "Sat, 01 Mar 2025 08:00:00 GMT")
    store.save_http_validators("http://n.test/other", None, "Sun, 02 Mar 2025 08:00:00 GMT")
    token = store.change_token()
    store.save_http_validators("http://n.test/rss", '"def"', None)
    assert store.http_validators("http://n.test/rss") == ('"def"', None)
    assert store.http_validators("http://n.test/other") == (None, "Sun, 02 Mar 2025 08:00:00 GMT")
    assert store.change_token() == token


# change token


def test_the_change_token_moves_once_per_real_change_and_is_stable_otherwise(timed, clock):
    tokens = [timed.change_token()]
    assert timed.last_change() is None
    put(timed, "a.txt", ev())
    tokens.append(timed.change_token())
    assert timed.change_token() == tokens[-1] and timed.last_change() == clock.now
    clock.tick()
    put(timed, "a.txt", ev(evidence="改了。"))
    tokens.append(timed.change_token())
    clock.tick()
    timed.remove_article("yangpu", "a.txt")
    tokens.append(timed.change_token())
    assert len(set(tokens)) == 4 and timed.last_change() == clock.now


def test_two_databases_never_share_a_change_token(tmp_path):
    first, second = Store(f"sqlite:///{tmp_path / 'one.db'}"), Store(f"sqlite:///{tmp_path / 'two.db'}")
    assert first.change_token() != second.change_token()


# hostile text

HOSTILE = ("<script>alert('x')</script>\r\nDTSTART:19700101T000000Z\x00\x07\x1b\x7f\x85\u2028\u2029"
           "\ud800\udfff\ufffe\ufdd0\ufdd00041 &amp; ]]> '; DROP TABLE events; --")


def test_hostile_text_is_stored_and_returned_verbatim(store):
    change = store.upsert_article(
        HOSTILE, HOSTILE, text=HOSTILE, title=HOSTILE, url=HOSTILE, path=HOSTILE, district=HOSTILE,
        published_source=HOSTILE, events=[ev(HOSTILE, location=HOSTILE, evidence=HOSTILE)])
    (event,) = store.events()
    assert (event.title, event.location, event.evidence, event.source, event.district, event.article_url,
            event.article_title) == (HOSTILE,) * 7
    article = store.article(change.article_id)
    assert (article.text, article.path, article.published_source) == (HOSTILE,) * 3
    assert store.article_hashes(HOSTILE) == {HOSTILE: change_hash(HOSTILE)}
    assert [e.uid for e in store.events(EventQuery(source=HOSTILE))] == [event.uid]
    assert [e.uid for e in store.events(EventQuery(q="<script>alert"))] == [event.uid]
    assert [e.uid for e in store.events(EventQuery(q="DROP TABLE"))] == [event.uid]
    assert not store.upsert_article(HOSTILE, HOSTILE, text=HOSTILE, events=[]).changed  # same hash: recognised
    store.record_run(HOSTILE, started=datetime.now(UTC), finished=datetime.now(UTC), ok=False, error=HOSTILE)
    assert store.sources()[0].last_error == HOSTILE
    store.save_http_validators(HOSTILE, HOSTILE, HOSTILE)
    assert store.http_validators(HOSTILE) == (HOSTILE, HOSTILE)


def change_hash(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


# opening


def test_a_sqlite_database_gets_its_folder_and_keeps_its_data_across_opens(tmp_path):
    url = f"sqlite:///{tmp_path / 'new' / 'folder' / 'calfeed.db'}"
    first = Store(url)
    put(first, "a.txt", ev())
    first.close()
    again = Store(url)
    assert [e.title for e in again.events()] == ["社区读书会"]
    from sqlalchemy import text

    with again._engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() > 0
        with pytest.raises(Exception, match="FOREIGN KEY"):
            conn.execute(text("INSERT INTO runs (source_id, started, finished, ok, articles_seen, added, updated, "
                              "cancelled) VALUES (999, '2025-03-01', '2025-03-01', 1, 0, 0, 0, 0)"))


def test_an_in_memory_sqlite_database_is_one_database_for_every_thread():
    store = Store("sqlite:///:memory:")
    put(store, "a.txt", ev())
    counted: list[int] = []
    reader = threading.Thread(target=lambda: counted.append(store.count_events()))
    reader.start()
    reader.join()
    assert counted == [1]


def test_postgresql_urls_go_through_psycopg_3():
    from calfeed.store.engine import database_url

    assert database_url("postgresql://u@h:5432/db").drivername == "postgresql+psycopg"
    assert database_url("postgresql+psycopg://u@h/db").drivername == "postgresql+psycopg"
    assert database_url("sqlite:///x.db").drivername == "sqlite"
    with pytest.raises(ValueError, match="database"):
        database_url("mysql://u@h/db")
