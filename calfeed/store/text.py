"""Text as the store keeps it: any Python string verbatim, and a folded copy for searching.

Articles are hostile input. SQLite's driver cannot encode a lone surrogate and
PostgreSQL refuses NUL, yet both turn up in scraped or badly decoded text, so
those characters (and the escape character itself) are written as an escape
and read back as they were. Search runs over a separate folded column.
"""
from __future__ import annotations

import re

from sqlalchemy import Text
from sqlalchemy.types import TypeDecorator

from extract.text import fold

# A Unicode noncharacter: never in real text, valid UTF-8 for both databases.
ESCAPE = "\ufdd0"
_UNSAFE = re.compile("[\x00\ud800-\udfff\ufdd0]")
_ESCAPED = re.compile("\ufdd0([0-9a-f]{4})")


def escape(value: str) -> str:
    return _UNSAFE.sub(lambda m: f"{ESCAPE}{ord(m.group()):04x}", value)


def unescape(value: str) -> str:
    return _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), value)


class VerbatimText(TypeDecorator):
    """TEXT that returns exactly the string it was given, whatever it holds."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value, dialect):
        return escape(value) if value is not None and _UNSAFE.search(value) else value

    def process_result_value(self, value, dialect):
        return unescape(value) if value is not None and ESCAPE in value else value


def search_key(*parts: str | None) -> str:
    """The searchable form of some text: Simplified script, narrow digits and letters, lower case.

    Queries go through the same function, so a Traditional query finds Simplified text and back.
    """
    text = "\n".join(part for part in parts if part)
    return fold(_UNSAFE.sub(" ", text)).lower()


_PUNCTUATION = re.compile(r"[\W_]+")


def title_key(title: str) -> str:
    """A title with script, width, case, spaces and punctuation folded away, for matching re-extracted events."""
    return _PUNCTUATION.sub("", search_key(title))
