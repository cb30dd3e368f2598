"""Text in, events out: calfeed's extraction engine (no web, no storage).

    from extract import extract_events
    result = extract_events(text, published=date(2020, 10, 27))
    for event in result.events: ...
"""
from __future__ import annotations

from datetime import date

from extract.decode import DecodeError, decode_bytes
from extract.model import Event, Extraction, TimeExpr

__all__ = ["DecodeError", "Event", "Extraction", "TimeExpr", "decode_bytes", "extract_events"]


def extract_events(text: str, *, published: date | None = None) -> Extraction:
    """The dated civic events in one article (or newspaper page)."""
    return Extraction(published=published, published_source="caller" if published else None)
