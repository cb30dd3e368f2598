"""Normalisation for matching: one script, one width. Offsets never move.

Rules are written once, in Simplified script with ASCII digits and punctuation; ``fold``
maps any input onto that form character for character, so a match in the folded text is
the same span in the original.
"""
from __future__ import annotations

import re
from functools import lru_cache

import opencc

_WIDTH = {code: code - 0xFEE0 for code in range(0xFF10, 0xFF1A)}  # ０-９
_WIDTH.update({code: code - 0xFEE0 for code in range(0xFF21, 0xFF3B)})  # Ａ-Ｚ
_WIDTH.update({code: code - 0xFEE0 for code in range(0xFF41, 0xFF5B)})  # ａ-ｚ
_WIDTH.update({ord(k): v for k, v in {
    "：": ":", "（": "(", "）": ")", "－": "-", "～": "~", "．": ".", "／": "/", "％": "%",
    "＋": "+", "｜": "|", "\u3000": " ", "\u00a0": " ", "〜": "~", "‐": "-", "‑": "-", "・": "·", "•": "·",
}.items()})


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


@lru_cache(maxsize=1)
def _traditional() -> re.Pattern:
    """Any character t2s changes on its own (CJK blocks of the BMP), or one past them it may: a text
    with none of them is already Simplified, and converting it would be wasted work."""
    chars = [chr(code) for code in (*range(0x3400, 0xA000), *range(0xF900, 0xFB00))]
    changed = [ch for ch, to in zip(chars, _t2s().convert("\n".join(chars)).split("\n"), strict=True) if to != ch]
    return re.compile("[" + "".join(changed) + "\U00020000-\U0010ffff]")


def simplified(text: str) -> str:
    """Traditional to Simplified, keeping the length (phrase conversions that change it fall back per character)."""
    if not _traditional().search(text):
        return text
    converted = _t2s().convert(text)
    if len(converted) == len(text):
        return converted
    convert = _t2s().convert
    return "".join(c if len(c := convert(ch)) == 1 else ch for ch in text)


_NARROW = {chr(code): chr(to) if isinstance(to, int) else to for code, to in _WIDTH.items()}
_WIDE = re.compile("[" + "".join(re.escape(ch) for ch in sorted(_NARROW)) + "]")


def _narrow(match: re.Match) -> str:
    return _NARROW[match.group()]


def fold(text: str) -> str:
    """Simplified script, ASCII digits, letters and date punctuation; same length as ``text``."""
    # A regex finds the few wide characters faster than str.translate visits every character.
    return _WIDE.sub(_narrow, simplified(text))
