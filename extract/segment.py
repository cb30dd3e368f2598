"""Split a newspaper page into its articles, and clean each for reading.

A page holds a header (issue date, imprint), then articles: headline lines, a byline
(■记者 …), a body opening with 本报讯 or a dateline. Each event must be titled from its
own article, so the split matters more than perfect paragraphs.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from extract.lexicon import Lexicon
from extract.text import fold

_TAG = re.compile(r"<(?:script|style)\b.*?</(?:script|style)\s*>|<!--.*?-->", re.S | re.I)
_BLOCK_TAG = re.compile(r"<\s*/?\s*(?:p|div|br|h[1-6]|li|tr|section|article|header|footer|blockquote|table)\b[^>]*>", re.I)
_ANY_TAG = re.compile(r"<[a-zA-Z/!][^>]*>")
_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s*")
_MD_INLINE = re.compile(r"!\[[^\]]*\]\([^)]*\)|\[([^\]]*)\]\([^)]*\)|\*\*|__|`")
_MD_PREFIX = re.compile(r"^\s*(?:>\s*)+|^\s*[-*+]\s+(?=\S)")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u2028\u2029\ufeff]")
_CJK = "\u3000-\u303f\u4e00-\u9fff\u3400-\u4dbf\uff00-\uffef“”‘’《》「」『』〇"
_CJK_SPACE = re.compile(rf"(?<=[{_CJK}])[ \t\u00a0]+|[ \t\u00a0]+(?=[{_CJK}])")
_SPACES = re.compile(r"[ \t\u00a0\u3000]+")
_TERMINAL = tuple("。！？!?；;…：:")
_CLOSERS = tuple("”」』）)\"'")
_STOPS = re.compile(r"[。！？!?]")


def ends_sentence(text: str) -> bool:
    """A closing quote or bracket ends a sentence only after terminal punctuation (…。”)."""
    stripped = text.rstrip()
    while stripped.endswith(_CLOSERS):
        stripped = stripped[:-1]
        if stripped.endswith(_TERMINAL):
            return True
    return stripped.endswith(_TERMINAL)


@dataclass
class Segment:
    """One article: its headline (if the page gave one) and its cleaned paragraphs."""

    title: str | None
    paragraphs: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)


@dataclass
class Page:
    header: list[str]
    segments: list[Segment]


def strip_markup(text: str) -> str:
    """HTML and control characters out, line breaks kept."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _ANY_TAG.search(text):
        text = _TAG.sub("", text)
        text = _BLOCK_TAG.sub("\n", text)
        text = _ANY_TAG.sub("", text)
        text = html.unescape(text)
    elif "&" in text:
        text = html.unescape(text)
    return _CONTROL.sub("", text)


def squeeze(line: str) -> str:
    """Drop the spaces PDF and OCR leave inside Chinese text (社 区 → 社区)."""
    return _SPACES.sub(" ", _CJK_SPACE.sub("", line)).strip()


@dataclass
class _Unit:
    text: str
    kind: str  # header | heading | byline | caption | body
    level: int = 0  # Markdown heading level, 0 if none


def _strip_md(line: str) -> tuple[str, int]:
    """A line without Markdown markup, and its heading level (0 if not a heading)."""
    md = _MD_HEADING.match(line)
    body = line[md.end():] if md else _MD_PREFIX.sub("", line)
    return _MD_INLINE.sub(lambda m: m.group(1) or "", body), len(md.group(1)) if md else 0


def _classify(raw: str, folded_raw: str, index: int, in_header: bool, lex: Lexicon) -> _Unit:
    """``folded_raw`` is ``fold(raw)``: rules match it, outputs keep the article's script."""
    line, level = _strip_md(raw)
    folded = squeeze(_strip_md(folded_raw)[0])
    if in_header and index < lex.pubdate["header_lines"] and len(folded) <= 60 and lex.header.search(folded):
        return _Unit(squeeze(line), "header")
    if level:
        return _Unit(_SPACES.sub(" ", line).strip(), "heading", level)
    squeezed = squeeze(line)
    if len(folded) <= 40 and lex.byline.match(folded):
        return _Unit(squeezed, "byline")
    if len(folded) <= 40 and lex.caption.search(folded):
        return _Unit(squeezed, "caption")
    commas = folded.count(",") + folded.count("，")
    if (len(folded) <= lex.heading_max and not ends_sentence(folded) and not folded.endswith((",", "，", "、"))
            and commas <= 1 and not _STOPS.search(folded) and not lex.article_start.match(folded)):
        return _Unit(_SPACES.sub(" ", line).strip(), "heading")
    return _Unit(squeezed, "body")


def _units(text: str, lex: Lexicon) -> list[_Unit]:
    clean = strip_markup(text)
    lines = zip(clean.split("\n"), fold(clean).split("\n"))  # fold keeps lengths, so lines pair up
    units: list[_Unit] = []
    in_header = True
    for index, (raw, folded) in enumerate(pair for pair in lines if pair[0].strip()):
        unit = _classify(raw, folded, index, in_header, lex)
        if unit.kind in ("body", "byline"):
            in_header = False
        previous = units[-1] if units else None
        # A paragraph the layout broke in two: join it back.
        if (previous is not None and previous.kind == "body" and not ends_sentence(previous.text)
                and (unit.kind == "body" or (unit.kind == "heading" and not unit.level and "," in fold(unit.text)))):
            previous.text += unit.text if unit.kind == "body" else squeeze(unit.text)
            continue
        units.append(unit)
    return units


def _headline(headings: list[_Unit]) -> str | None:
    if not headings:
        return None
    marked = [h for h in headings if h.level]
    best = min(marked, key=lambda h: h.level) if marked else max(headings, key=lambda h: len(h.text))
    title = best.text.strip(" —-:：")
    return title or None


def split_page(text: str, lex: Lexicon) -> Page:
    header: list[str] = []
    segments: list[Segment] = []
    pending: list[_Unit] = []
    current: Segment | None = None
    closed = True  # the previous article ended (or none began)
    byline = False
    for unit in _units(text, lex):
        if unit.kind == "header":
            header.append(unit.text)
        elif unit.kind == "heading":
            pending.append(unit)
        elif unit.kind == "byline":
            byline = True
        elif unit.kind == "body":
            body = unit.text
            tail = max(0, len(body) - 40)  # a byline is short and last: look only there
            ends = lex.trailing_byline.search(fold(body[tail:]))
            if ends:
                body = body[:tail + ends.start()].rstrip()
            starts = bool(lex.article_start.match(fold(body[:40])))
            new = (current is None or closed or starts or byline or len(pending) >= 2
                   or any(0 < h.level <= 3 for h in pending))
            if new:
                current = Segment(title=_headline(pending))
                segments.append(current)
            else:
                current.paragraphs.extend(squeeze(h.text) for h in pending)
            if body:
                current.paragraphs.append(body)
            closed = bool(ends)
            pending, byline = [], False
    return Page(header=header, segments=segments)
