"""Chinese numerals as they appear in dates and clock times (十二月七日, 二〇二〇年, 廿五, 两点)."""
from __future__ import annotations

_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_TENS = {"十": 10, "廿": 20, "卅": 30}


def to_int(text: str) -> int:
    """0-999 in Arabic or Chinese numerals; digit-by-digit forms (二〇二〇) too."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    if text.startswith("初"):  # lunar days 初一..初十
        return to_int(text[1:])
    if all(ch in _DIGITS for ch in text) and len(text) > 1:
        return int("".join(str(_DIGITS[ch]) for ch in text))
    total, current = 0, 0
    for ch in text:
        if ch in _DIGITS:
            current = _DIGITS[ch]
        elif ch in _TENS:
            total += (current or 1) * 10 if ch == "十" else _TENS[ch]
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        else:
            raise ValueError(f"not a numeral: {text!r}")
    return total + current
