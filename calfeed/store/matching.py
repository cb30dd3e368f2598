"""Which re-extracted event is which stored one, so an edited article updates its events in place.

A calendar subscriber keeps an event by its UID; a new UID for a moved time
would show the old and the new event side by side. So when an article changes,
its new events are paired with its stored ones in passes from the surest
evidence to the weakest, each pass greedy in article order and stored events
in a fixed order (confirmed before cancelled, then oldest first), so the same
input always gives the same pairs.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Protocol, TypeVar

from calfeed.store.text import title_key


class Dated(Protocol):
    title: str
    start: date | datetime
    end: date | datetime | None


S = TypeVar("S", bound=Dated)
N = TypeVar("N", bound=Dated)


def _day(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


# From the surest to the weakest: the same event, its time moved, its date moved, its title
# retyped (script, spaces, punctuation), and last a reworded title on the same day.
PASSES: tuple[tuple[str, Callable[[Dated], object]], ...] = (
    ("title, start and end", lambda e: (e.title, e.start, e.end)),
    ("title and day", lambda e: (e.title, _day(e.start))),
    ("title", lambda e: e.title),
    ("folded title and day", lambda e: (title_key(e.title), _day(e.start))),
    ("folded title", lambda e: title_key(e.title)),
    ("day", lambda e: _day(e.start)),
)

# Fields whose change is news to a subscriber: SEQUENCE goes up. Confidence is not one of them.
COMPARED = ("title", "start", "end", "all_day", "location", "category", "evidence", "open_start")


def match(stored: Sequence[S], new: Sequence[N]) -> tuple[list[tuple[S, N]], list[S], list[N]]:
    """(pairs, stored events left over, new events left over); ``stored`` in the order to prefer them."""
    pairs: list[tuple[S, N]] = []
    left = list(stored)
    waiting = list(new)
    for _name, key in PASSES:
        if not left or not waiting:
            break
        candidates: dict[object, list[S]] = {}
        for event in left:
            candidates.setdefault(key(event), []).append(event)
        still_waiting = []
        for event in waiting:
            found = candidates.get(key(event))
            if found:
                pairs.append((found.pop(0), event))
            else:
                still_waiting.append(event)
        taken = {id(s) for s, _ in pairs}
        left = [event for event in left if id(event) not in taken]
        waiting = still_waiting
    return pairs, left, waiting


def changed_fields(stored: object, new: object) -> list[str]:
    """The compared fields that differ (a day and a time at midnight differ: ``date != datetime``)."""
    return [name for name in COMPARED if getattr(stored, name) != getattr(new, name)]
