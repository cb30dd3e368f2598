"""Text from articles made safe for every feed format.

Article text is hostile by assumption: control characters are invalid in XML
and in iCalendar, lone surrogates cannot be encoded at all, and U+2028/U+2029
break JavaScript readers of JSON.  Escaping is each format's job; this module
only removes what no format can carry.
"""
from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, C1 controls, lone surrogates, and the XML non-characters.
_UNCARRIABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_LINE_BREAKS = re.compile("\r\n|[\r\u2028\u2029\x85]")
_BLANKS = re.compile(r"\s+")


def clean(text: str | None) -> str:
    """Multi-line text: line breaks unified to ``\\n``, everything no format can carry removed."""
    if not text:
        return ""
    return _UNCARRIABLE.sub("", _LINE_BREAKS.sub("\n", text)).strip()


def clean_line(text: str | None) -> str:
    """One-line text (titles, places): any run of white space, line breaks included, becomes one space."""
    return _BLANKS.sub(" ", clean(text)).strip()


def carriable(text: str) -> str:
    """``text`` with only what no format can carry removed: line breaks and spacing kept."""
    return _UNCARRIABLE.sub("", text) if _UNCARRIABLE.search(text) else text
