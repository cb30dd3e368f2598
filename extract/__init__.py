"""Text in, events out: calfeed's extraction engine (no web, no storage).

    from extract import extract_events
    result = extract_events(text, published=date(2020, 10, 27))
    for event in result.events: ...
"""
from __future__ import annotations

from datetime import date, datetime

from extract.assemble import assemble
from extract.decode import DecodeError, decode_bytes
from extract.grammar import load_grammar
from extract.lexicon import load_lexicon
from extract.model import Event, Extraction, TimeExpr
from extract.pubdate import find_publication
from extract.segment import split_page
from extract.timex import Anchor, find_times

__all__ = ["Anchor", "DecodeError", "Event", "Extraction", "TimeExpr", "decode_bytes", "extract_events", "find_times"]


def extract_events(text: str, *, published: date | None = None, lang: str = "zh") -> Extraction:
    """The dated civic events in one article (or a newspaper page of several)."""
    if isinstance(published, datetime):
        published = published.date()
    lex, grammar = load_lexicon(lang), load_grammar(lang)
    page = split_page(text, lex)
    publication = find_publication(page, published, lex)
    anchor = Anchor(publication.day, publication.year)
    events: list[Event] = []
    seen: set[tuple] = set()
    for segment in page.segments:
        for event in assemble(segment, anchor, lex, grammar):
            key = (event.start, event.end, event.title)
            if key not in seen:
                seen.add(key)
                events.append(event)
    return Extraction(published=publication.day, published_source=publication.source, events=events,
                      year=publication.year)
