"""Synthetic stored events for the benches: many articles of 20 timed events each, around today."""
from __future__ import annotations

from datetime import date, datetime, timedelta

from extract import Event

CATEGORIES = ("meeting", "exhibition", "sports", "culture", "service")
PER_ARTICLE = 20


def fill(store, total: int, today: date, days_back: int) -> None:
    """``total`` events (``total // 20`` articles) spread over 120 days from ``days_back`` days ago."""
    for article in range(total // PER_ARTICLE):
        batch = []
        for index in range(PER_ARTICLE):
            number = article * PER_ARTICLE + index
            day = today + timedelta(days=number % 120 - days_back)
            batch.append(Event(title=f"第{number}号社区活动", start=datetime(day.year, day.month, day.day, 9 + number % 8),
                               end=None, all_day=False, location=f"第{number % 30}活动室",
                               category=CATEGORIES[number % len(CATEGORIES)],
                               evidence=f"第{number}号社区活动在活动室举行，欢迎居民参加。", confidence=0.8))
        store.upsert_article("bench", f"a{article}.txt", text="\n".join(e.evidence for e in batch), events=batch,
                             district="杨浦区")
