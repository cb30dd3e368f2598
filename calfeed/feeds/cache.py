"""Rendered feeds kept in memory until the store changes.

A feed is rendered once per (format, canonical filter, site day) and served
from memory while ``store.change_token()`` -- one cheap query -- stays the
same; the day is in the key because the window moves at midnight.  The number
of entries is bounded because filters come from URLs anyone can write.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable

from calfeed.config import Config
from calfeed.feeds.kinds import KINDS
from calfeed.feeds.publish import Rendered, render_event, render_feed, site_today
from calfeed.query import EventQuery


class FeedCache:
    def __init__(self, store, config: Config, *, size: int = 256):
        self.store = store
        self.config = config
        self.size = size
        self.renders = 0  # how many times a feed was actually rendered, for tests and the bench
        self._entries: OrderedDict[tuple, tuple[str, Rendered]] = OrderedDict()
        self._lookup = threading.Lock()
        self._render = threading.Lock()

    def feed(self, kind: str, query: EventQuery) -> Rendered:
        """The feed ``kind`` (ics, rss, atom, json) for ``query``, rendered only if the store changed."""
        today = site_today(self.config)
        key = (kind, query.query_string(page=False), today)
        found = self._get(key, lambda: render_feed(self.store, self.config, KINDS[kind], query, today))
        assert found is not None
        return found

    def event(self, uid: str) -> Rendered | None:
        """One event's calendar, or None if the store has no such event."""
        return self._get(("event", uid), lambda: render_event(self.store, self.config, uid))

    def _get(self, key: tuple, render: Callable[[], Rendered | None]) -> Rendered | None:
        # The token is read before rendering: a change during the render leaves an older token
        # beside newer bytes, so the next request renders again rather than serving stale bytes.
        token = self.store.change_token()
        hit = self._hit(key, token)
        if hit is not None:
            return hit
        with self._render:  # one render per key even when many requests miss at once
            hit = self._hit(key, token)
            if hit is not None:
                return hit
            rendered = render()
            self.renders += 1
            if rendered is not None:
                with self._lookup:
                    self._entries[key] = (token, rendered)
                    self._entries.move_to_end(key)
                    while len(self._entries) > self.size:
                        self._entries.popitem(last=False)
            return rendered

    def _hit(self, key: tuple, token: str) -> Rendered | None:
        with self._lookup:
            entry = self._entries.get(key)
            if entry is None or entry[0] != token:
                return None
            self._entries.move_to_end(key)
            return entry[1]
