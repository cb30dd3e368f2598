"""Bytes to text: UTF-8 first, then the legacy Chinese encodings news sites still use."""
from __future__ import annotations

import codecs

# Order matters: GB18030 is a superset of GBK/GB2312 and decodes almost any byte
# string, so it is tried after detection has had its say.
_FALLBACKS = ("gb18030", "big5hkscs")
_BINARY_CONTROLS = set(range(0, 9)) | {11, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31}


class DecodeError(ValueError):
    """The bytes are not text in any encoding calfeed understands."""


def looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b in _BINARY_CONTROLS)
    return controls > max(8, len(sample) // 100)


def _han_ratio(text: str) -> float:
    sample = text[:4000]
    if not sample:
        return 0.0
    han = sum(1 for ch in sample if "\u4e00" <= ch <= "\u9fff")
    other = sum(1 for ch in sample if not ch.isascii())
    return han / other if other else 1.0


def decode_bytes(data: bytes, encoding: str | None = None) -> str:
    """Decode an article. ``encoding`` (from config or HTTP headers) wins when it fits."""
    if not data:
        return ""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    if looks_binary(data):
        raise DecodeError("binary data, not text")
    candidates: list[str] = []
    if encoding:
        candidates.append(encoding)
    candidates.append("utf-8")
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:65536]).best()
        if best is not None and best.encoding:
            candidates.append(best.encoding)
    except ImportError:  # pragma: no cover - charset-normalizer is a dependency
        pass
    candidates.extend(_FALLBACKS)
    seen: set[str] = set()
    best_text, best_score = None, -1.0
    for name in candidates:
        try:
            key = codecs.lookup(name).name
        except LookupError:
            continue
        if key in seen:
            continue
        seen.add(key)
        try:
            text = data.decode(key)
        except UnicodeDecodeError:
            continue
        score = _han_ratio(text)
        if key == "utf-8" or score >= 0.9:
            return text
        if score > best_score:
            best_text, best_score = text, score
    if best_text is None:
        raise DecodeError("not text in UTF-8, GB18030 or Big5")
    return best_text
