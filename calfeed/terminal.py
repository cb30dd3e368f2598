"""Tables for the terminal: Chinese characters take two columns, so widths are counted, not assumed."""
from __future__ import annotations

import unicodedata


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def cell(text: str, columns: int) -> str:
    """``text`` cut with an ellipsis or padded to exactly ``columns`` terminal columns."""
    out, used = [], 0
    for ch in text:
        w = width(ch)
        if used + w > columns:
            if used < columns:
                out.append("…")
                used += 1
            break
        out.append(ch)
        used += w
    return "".join(out) + " " * max(0, columns - used)


def when(start: str, end: str | None) -> str:
    """``2025-03-08 14:00–16:00``, ``2025-03-10–03-20``: an ISO start and end, without what they share."""
    text = start.replace("T", " ")
    if end:
        last = end.replace("T", " ")
        same_day, same_year = last[:10] == start[:10], last[:4] == start[:4]
        text += "–" + (last[11:] if same_day else last[5:] if same_year else last)
    return text
