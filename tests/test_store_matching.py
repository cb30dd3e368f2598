"""Pairing re-extracted events with stored ones: surest evidence first, the same answer every time."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from calfeed.store.matching import changed_fields, match
from extract import Event


@dataclass
class Stored:
    name: str
    title: str
    start: date | datetime
    end: date | datetime | None = None


def new(title: str, start, end=None) -> Event:
    return Event(title=title, start=start, end=end, all_day=not isinstance(start, datetime), location=None,
                 category="other", evidence=title, confidence=0.5)


def names(pairs) -> list[tuple[str, str]]:
    return [(stored.name, event.title) for stored, event in pairs]


def test_the_exact_event_is_preferred_to_an_earlier_one_with_the_same_title():
    stored = [Stored("first", "读书会", date(2025, 3, 8)), Stored("second", "读书会", date(2025, 3, 15))]
    pairs, left, waiting = match(stored, [new("读书会", date(2025, 3, 15))])
    assert names(pairs) == [("second", "读书会")]
    assert [s.name for s in left] == ["first"] and waiting == []


def test_a_moved_time_a_moved_day_and_a_retyped_title_keep_their_event():
    stored = [Stored("time", "读书会", datetime(2025, 3, 8, 9, 0)), Stored("day", "健步走", date(2025, 3, 9)),
              Stored("script", "社區鄰里節", date(2025, 3, 10))]
    moved = [new("读书会", datetime(2025, 3, 8, 14, 0)), new("健步走", date(2025, 3, 16)),
             new("社区邻里节 ", date(2025, 3, 11))]
    pairs, left, waiting = match(stored, moved)
    assert sorted(names(pairs)) == [("day", "健步走"), ("script", "社区邻里节 "), ("time", "读书会")]
    assert left == [] and waiting == []


def test_the_same_day_pairs_a_reworded_title_but_only_after_every_title_pass():
    stored = [Stored("talk", "防诈骗讲座", date(2025, 3, 8)), Stored("walk", "健步走", date(2025, 3, 20))]
    pairs, left, waiting = match(stored, [new("健步走", date(2025, 3, 8)), new("反诈宣传讲座", date(2025, 3, 8))])
    # 健步走 (moved onto the talk's day) takes its own event by title before days are compared,
    # so the reworded talk still finds the talk
    assert sorted(names(pairs)) == [("talk", "反诈宣传讲座"), ("walk", "健步走")]


def test_a_folded_title_on_the_same_day_beats_one_on_another_day():
    stored = [Stored("other day", "读书会！", date(2025, 3, 1)), Stored("same day", "读书会。", date(2025, 3, 8))]
    pairs, _, _ = match(stored, [new("读书会", date(2025, 3, 8))])
    assert names(pairs) == [("same day", "读书会")]


def test_unrelated_events_are_left_on_both_sides():
    stored = [Stored("old", "音乐会", date(2025, 3, 1))]
    pairs, left, waiting = match(stored, [new("运动会", date(2025, 4, 1))])
    assert pairs == [] and [s.name for s in left] == ["old"] and [e.title for e in waiting] == ["运动会"]


def test_greedy_in_article_order_and_stored_order_so_the_answer_never_varies():
    stored = [Stored("a", "讲座", date(2025, 3, 1)), Stored("b", "讲座", date(2025, 3, 2))]
    events = [new("讲座", date(2025, 3, 9)), new("讲座", date(2025, 3, 10)), new("讲座", date(2025, 3, 11))]
    for _ in range(3):
        pairs, left, waiting = match(stored, events)
        assert [(s.name, e.start) for s, e in pairs] == [("a", date(2025, 3, 9)), ("b", date(2025, 3, 10))]
        assert left == [] and [e.start for e in waiting] == [date(2025, 3, 11)]


def test_changed_fields_compares_what_a_subscriber_sees_and_not_the_confidence():
    event = new("讲座", date(2025, 3, 8))
    same = new("讲座", date(2025, 3, 8))
    same.confidence = 0.99
    assert changed_fields(event, same) == []
    midnight = new("讲座", datetime(2025, 3, 8, 0, 0))
    midnight.all_day = True
    assert changed_fields(event, midnight) == ["start"]
    moved = new("讲座", date(2025, 3, 8), date(2025, 3, 9))
    moved.location, moved.evidence = "礼堂", "改了"
    assert changed_fields(event, moved) == ["end", "location", "evidence"]
