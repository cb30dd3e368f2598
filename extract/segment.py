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
_MD_PREFIX = re.compile(r"^[ \t]*(?:>[ \t]*)+", re.M)
_MD_BULLET = re.compile(r"^[ \t]*[-*+][ \t]+(?=\S)", re.M)
_CELL_END = re.compile(r"<\s*/\s*t[dh]\s*>", re.I)
_DATED = re.compile(r"[0-9０-９一二三四五六七八九十]{1,2}\s*月\s*[0-9０-９一二三四五六七八九十]{1,3}\s*[日号號]|[0-9]{4}[.\-/][0-9]{1,2}[.\-/][0-9]{1,2}|(?<![0-9])[0-9]{1,2}/[0-9]{1,2}(?![0-9])")
# • 10月5日 亲子绘本分享会 / • 10月12日上午9时 写生: the space after a list item's date and time parts it from the name
_DATE_GAP = re.compile(r"^(•[ \t]*[^ \t，,。\n]{0,12}?(?:[日号號]|[时時点點分]|[0-9]{1,2}:[0-9]{2}|\)|）))[ \t\u3000]+(?=[^\s0-9０-９上下中晚早凌傍午夜清至到\-~])", re.M)
_BAR = re.compile("[|｜]")  # a cell border, ASCII or full-width
_RULE_CELL = re.compile(r"^[\s:：\-—]*$")
# 下午2時至4時, 14:00-16:00: a cell that is only a time of day (the date's hours, not the activity)
_TIME_CELL = re.compile(r"^\s*(?:上午|下午|晚上|中午|早上|傍晚|晚间|晚間)?\s*(?:[0-9]{1,2}\s*[:：][0-9]{2}|[0-9一二三四五六七八九十]{1,3}\s*[时時点點])"
                        r"[^，,。]{0,16}$")
_COLUMNS = {"name": re.compile("活动|项目|名称|内容|主题|节目|课程|講座|讲座|活動|項目|名稱|內容|節目|課程"),
            "date": re.compile("日期|日子"),
            "time": re.compile("时间|時間|时段|時段"),
            "place": re.compile("地点|地點|场地|場地|地址|会场|會場|举办地|舉辦地")}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u2028\u2029\ufeff]")
_CJK = "\u3000-\u303f\u4e00-\u9fff\u3400-\u4dbf\uff00-\uffef“”‘’《》「」『』〇"
# These open with one plain character class (a run of spaces after a CJK character or before
# one: [ ](?<=X[ ])[ ]* rather than (?<=X)[ ]+): Python's search then skips in C to where such a
# character is, instead of trying the pattern at every position.
_CJK_SPACE = re.compile(rf"[ \t\u00a0](?:(?<=[{_CJK}][ \t\u00a0])[ \t\u00a0]*|[ \t\u00a0]*(?=[{_CJK}]))")
_SPACES = re.compile(r"[ \t\u00a0\u3000][ \t\u00a0\u3000]*")
# Digits an OCR scan spaced out one by one (2 0 2 5 年 8 月 1 9 日): a run of single digits.
_SPACED_DIGITS = re.compile(r"[0-9０-９](?<![0-9][0-9０-９])(?:[ \t\u00a0]+[0-9０-９](?![0-9０-９]))+(?![0-9０-９])")
_TERMINAL = tuple("。！？!?；;…：:")
_POST_ENDS = frozenset("~～\ufe0f")
_EMOJI = re.compile("[\u2600-\u27bf\U0001f000-\U0001faff]")
_CLOSERS = tuple("”」』）)\"'")
_PAIRS = (("“", "”"), ("「", "」"), ("『", "』"), ("(", ")"), ("《", "》"))  # folded: （ is (
_STOPS = re.compile(r"[。！？!?]")
_EXCLAIMS = "！？!?"
_NAVIGATION = re.compile(r"[|｜»>][^|｜»>]*[|｜»>]|[»>]|首页")  # a menu; 周末去哪儿｜… is a post's headline
# A web page's <title> ends with its site: 社区重阳敬老宴10月29日举行_区政府网, … - 区融媒体中心
_SITE_SUFFIX = re.compile(r"(?:_|\s+[-–—]\s+)[^_]{2,24}?(?:网|網|网站|網站|门户|門戶|政府|融媒体中心|融媒體中心|新闻|新聞|频道|頻道|日报|日報|晚报|晚報)$")


def ends_sentence(text: str) -> bool:
    """A closing quote or bracket ends a sentence only after terminal punctuation (…。”); a post's line
    that ends in an emoji or a tilde (…一起来耍~, 热茶管够☕) ends there."""
    stripped = text.rstrip()
    if stripped[-1:] in _POST_ENDS or _EMOJI.match(stripped[-1:]):
        return True
    while stripped.endswith(_CLOSERS):
        stripped = stripped[:-1]
        if stripped.endswith(_TERMINAL):
            return True
    return stripped.endswith(_TERMINAL)


@dataclass
class Segment:
    """One article: its headline (if the page gave one) and its cleaned paragraphs.

    ``folded`` holds the same paragraphs normalised for matching (extract.text.fold),
    character for character, so the page is folded once.
    """

    title: str | None
    paragraphs: list[str] = field(default_factory=list)
    folded: list[str] = field(default_factory=list)
    headings: set[int] = field(default_factory=set)  # paragraphs that are sub-headings inside the article

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)

    @property
    def norm(self) -> str:
        return "\n".join(self.folded)

    def add(self, text: str, folded: str, heading: bool = False) -> None:
        if heading:
            self.headings.add(len(self.paragraphs))
        self.paragraphs.append(text)
        self.folded.append(folded)


@dataclass
class Page:
    header: list[str]
    segments: list[Segment]
    top: list[str] = field(default_factory=list)  # the first lines (folded), whatever their kind: bylines, labels
    bottom: list[str] = field(default_factory=list)  # the last lines (folded): a press release's dated footer


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
    return _SPACES.sub(" ", _CJK_SPACE.sub("", _unspace_digits(line))).strip()


def _unspace_digits(text: str) -> str:
    if " " not in text and "\t" not in text and "\u00a0" not in text:
        return text
    return _SPACED_DIGITS.sub(lambda m: _SPACES.sub("", m.group()), text)


@dataclass
class _Unit:
    text: str  # squeezed (a heading keeps its single spaces)
    folded: str  # fold(squeezed text), same length as a body's text
    kind: str  # header | heading | byline | caption | body
    level: int = 0  # Markdown heading level, 0 if none


def _classify(raw: str, text: str, folded: str, index: int, in_header: bool, lex: Lexicon) -> _Unit:
    """``text`` is ``raw`` squeezed and ``folded`` is ``fold(text)``: rules match the folded form."""
    md = _MD_HEADING.match(text)
    if md:
        text, folded = text[md.end():], folded[md.end():]
        raw = raw[_MD_HEADING.match(raw).end():]
    if in_header and index < lex.pubdate["header_lines"] and len(folded) <= 60 and lex.header.search(folded):
        return _Unit(text, folded, "header")
    if md:
        return _Unit(_heading_text(raw), folded, "heading", len(md.group(1)))
    dated_item = bool(lex.list_item.match(folded) and _DATED.search(folded))  # ■ 7月20日 9:30 is no ■记者 byline
    # ◆策展人讲座“水墨的当代表达”, ◆亲子读书会: a listed event's name, not a ■记者 byline (nor is ■活动资讯 a name)
    named_item = lex.list_item.match(folded) and (lex.event_noun_end.search(folded) or (
        any(quote in folded for quote in "“「『") and lex.event_noun_any.search(folded)))
    if (len(folded) <= 40 and lex.byline.match(folded) and not dated_item and not named_item) or (
            len(folded) <= 120 and lex.meta_line.search(folded)):
        return _Unit(text, folded, "byline")
    if len(folded) <= 40 and lex.caption.search(folded):
        return _Unit(text, folded, "caption")
    if lex.label_line.match(folded) or lex.contact_line.match(folded):
        return _Unit(text, folded, "body")  # 活动地点：区青少年宫二楼: a notice's line, not a heading
    if dated_item:
        return _Unit(text, folded, "body")  # • 10月5日 亲子绘本分享会: a dated list item is an event's line
    commas = folded.count(",") + folded.count("，")
    if (len(folded) <= lex.heading_max and not ends_sentence(folded) and not folded.endswith((",", "，", "、"))
            and commas <= 1 and not _STOPS.search(folded) and not lex.article_start.match(folded)):
        return _Unit(_heading_text(raw), folded, "heading")
    if index == 0 and len(folded) <= 40 and not commas and folded[-1:] in _EXCLAIMS and not _STOPS.search(folded[:-1]):
        return _Unit(_heading_text(raw), folded, "heading")  # a post's headline: …活动来啦！
    return _Unit(text, folded, "body")


def _heading_text(raw: str) -> str:
    """A heading keeps its single spaces (区运会 开幕), unless every character stands alone: a letter-spaced
    headline (春 日 市 集 开 市) reads as its characters."""
    words = _SPACES.sub(" ", raw).strip()
    return words.replace(" ", "") if words.count(" ") >= 3 and all(len(w) == 1 for w in words.split(" ")) else words


def _unclosed(text: str) -> bool:
    """由街道主办的“春日: a line that opened a quote or bracket it has not closed."""
    return any(text.count(left) > text.count(right) for left, right in _PAIRS)


def _table_rows(text: str, html: bool) -> str:
    """Rows of an HTML or Markdown table (活動 | 日期及時間 | 地點) as list items, one line each:
    • 10月4日至6日 晚上7時 綵燈會，地點：沙田公園 — each row is its own event, named and placed by its cells.
    In plain text a row needs a header row above it or a neighbour with as many cells (``html``: the
    bars are the page's own cells)."""
    if "|" not in text and "｜" not in text:
        return text
    columns: dict[str, int] = {}
    out = []
    lines = text.split("\n")
    barred = [len(_BAR.findall(line)) for line in lines]  # a row's cell count, less one; under 2: no row
    neighbours = {at: (before, after) for before, at, after in _with_neighbours(lines)}
    for at, line in enumerate(lines):
        if barred[at] < 2:
            if line.strip() and not html:
                columns = {}  # prose: the table above ended, and its header names no later line's cells
            out.append(line)
            continue
        cells = [c.strip() for c in _BAR.split(line.strip().strip("|｜"))]
        if all(_RULE_CELL.match(c) for c in cells):
            continue  # |---|---|
        dated = [i for i, c in enumerate(cells) if _DATED.search(c)]
        if dated and not columns and not html and not any(near is not None and barred[near] == barred[at]
                                                          for near in neighbours[at]):
            out.append(line)  # 编辑：李想｜2024年11月12日: a lone line's bars set apart its parts, not a table's cells
            continue
        if not dated:
            found = {key: i for key, pattern in _COLUMNS.items() for i, c in enumerate(cells) if pattern.search(c) and len(c) <= 8}
            if "time" in found and ("date" not in found or found["date"] == found["time"]):
                found["date"] = found.pop("time")  # 活動時間 alone, or 日期及時間: the date's column
            if "date" in found and len(found) >= 2:
                columns = found
                labels = cells
                continue  # the header row
            out.append(line)
            continue
        date_at = columns.get("date", dated[0]) if columns.get("date", -1) < len(cells) else dated[0]
        time_at = columns.get("time")
        if time_at is None:
            time_at = next((i for i, c in enumerate(cells) if i != date_at and _TIME_CELL.match(c)), None)
        when = cells[date_at]
        if time_at is not None and time_at < len(cells) and time_at != date_at and cells[time_at]:
            when += cells[time_at]  # 2月15日（六） | 下午2時至4時: one day and its hours
        others = [i for i in range(len(cells)) if i not in (date_at, time_at) and cells[i]]
        name_at = columns.get("name", others[0] if others else None)
        place_at = columns.get("place", others[-1] if len(others) >= 2 else None)
        name = cells[name_at] if name_at is not None and name_at < len(cells) else ""
        row = "• " + when + ("，" + name if name else "")
        if place_at is not None and place_at < len(cells) and place_at != name_at and cells[place_at]:
            label = labels[place_at] if columns and place_at < len(labels) else "地点"
            row += "，" + (label if len(label) <= 4 else "地点") + "：" + cells[place_at]
        out.append(row + "。")
    return "\n".join(out)


_CLOCK = re.compile(r"[0-9０-９]\s*[:：]\s*[0-9０-９]{2}|[0-9０-９一二三四五六七八九十]\s*[时時点點]")
_REMARK = re.compile(r"[（(][^（()）]*[）)]$")


def _emoji_labels(text: str, lex: Lexicon) -> str:
    """🗓 7/12（六）上午9時30分 / 📍 區公所5樓大禮堂: a post's lines labelled by emoji, as a notice's labelled lines
    (时间：…, 地点：…), which the rest of the engine reads."""
    return lex.emoji_label.sub(lambda m: lex.emoji_labels[m.group(1)] + "：", text)


def _spaced_rows(text: str, lex: Lexicon) -> str:
    """A listing's rows, their cells set apart by wide gaps (12月23日（周二）14:30　“城墙六百年”公益讲座　区图书馆),
    as list items named and placed by their cells, as a table's rows are: • 12月23日（周二）14:30，“城墙六百年”
    公益讲座，地点：区图书馆。 A row comes with others or stands on its own (see _row); a line with a full stop is
    prose, whatever its spacing, and a lone line of parts is more often a headline (东区公所耐震补强　6/26起暂停服务)."""
    if not _has_gap(text):
        return text
    lines = text.split("\n")
    rows = [_row(line, lex) for line in lines]
    for before, at, after in _with_neighbours(lines):
        row = rows[at]
        if row is not None and (row[1] or (before is not None and rows[before]) or (after is not None and rows[after])):
            lines[at] = row[0]
    return "\n".join(lines)


def _with_neighbours(lines: list[str]):
    """Each non-blank line's index with those of the non-blank lines before and after it (None at the ends)."""
    filled = [at for at, line in enumerate(lines) if line.strip()]
    return zip([None, *filled[:-1]], filled, [*filled[1:], None], strict=True)


def _has_gap(text: str) -> bool:
    return "\u3000" in text or "\t" in text or "  " in text


def _row(line: str, lex: Lexicon) -> tuple[str, bool] | None:
    """The line as a list item, and whether it is one on its own (it gives its hours, or its day, its name and
    its place in that order); None when it is no row."""
    body = line.strip()
    if "。" in body or len(body) > 150 or not _has_gap(body):
        return None  # prose, or no gap inside the line (an indented paragraph's is before it)
    bullet = lex.bullet_lead.match(body)
    cells = [cell for cell in lex.row_gap.split(body[bullet.end():] if bullet else body) if cell]
    day_at = next((i for i, cell in enumerate(cells[:2]) if lex.row_day.match(cell)), None)
    if day_at is None or len(cells) < 2 + day_at:
        return None
    when = cells.pop(day_at)
    if day_at < len(cells) and _TIME_CELL.match(cells[day_at]):
        when += cells.pop(day_at)  # 3月8日（六）　下午2時至4時: one day and its hours
    place = cells.pop() if len(cells) >= 2 else None
    remark = _REMARK.search(place) if place else None
    if remark and remark.start():  # 玄武湖公园樱洲（每日10:00-21:00）: the hours are no part of the place
        place, cells = place[:remark.start()], [*cells, remark.group()]
    row = "• " + when + "".join("，" + cell for cell in cells) + ("，地点：" + place if place else "")
    return row + ("" if row.endswith(("。", "！", "？")) else "。"), bool(_CLOCK.search(when)) or (day_at == 0 and place is not None)


def _units(text: str, lex: Lexicon) -> list[_Unit]:
    html = "<" in text
    text = _CELL_END.sub(" | ", text) if html else text
    clean = _MD_PREFIX.sub("", _MD_INLINE.sub(lambda m: m.group(1) or "", strip_markup(text)))
    clean = _DATE_GAP.sub(r"\1，", _MD_BULLET.sub("• ", _table_rows(_spaced_rows(_emoji_labels(clean, lex), lex), html)))
    squeezed = _SPACES.sub(" ", _CJK_SPACE.sub("", _unspace_digits(clean)))  # line breaks stay, so lines pair up
    triples = zip(clean.split("\n"), squeezed.split("\n"), fold(squeezed).split("\n"), strict=True)
    units: list[_Unit] = []
    in_header = True
    index = 0
    for raw, line, folded in triples:
        left = len(line) - len(line.lstrip())
        line, folded = line.strip(), folded[left:left + len(line.strip())]
        if not line:
            continue
        unit = _classify(raw, line, folded, index, in_header, lex)
        index += 1
        if unit.kind in ("body", "byline"):
            in_header = False
        previous = units[-1] if units else None
        # A paragraph the layout broke in two: join it back.
        if (previous is not None and previous.kind == "body" and not ends_sentence(previous.folded)
                and not lex.list_item.match(folded) and not lex.label_line.match(folded)
                and not lex.label_line.match(previous.folded)
                and not lex.contact_line.match(folded) and not lex.contact_line.match(previous.folded)
                and (unit.kind == "body" or (unit.kind == "heading" and not unit.level and (
                    "," in unit.folded or _unclosed(previous.folded) or lex.continues.match(unit.folded))))):
            previous.text += line
            previous.folded += folded
            continue
        if (previous is not None and previous.kind == "body" and lex.dated_item_only.match(previous.folded)
                and unit.kind in ("body", "heading") and not lex.list_item.match(folded)
                and not lex.label_line.match(folded) and not lex.contact_line.match(folded)):
            previous.text += " " + line  # ■ 7月20日 9:30 / “水韵夏日”亲子科普讲座: the item's name
            previous.folded += " " + folded
            continue
        units.append(unit)
    return units


def _headline(headings: list[_Unit]) -> str | None:
    if not headings:
        return None
    marked = [h for h in headings if h.level]
    plain = [h for h in headings if not _NAVIGATION.search(h.text)] or headings  # 首页 | 新闻 is a menu
    best = (min(marked, key=lambda h: h.level) if marked
            else max(enumerate(plain), key=lambda p: (len(p[1].text), p[0]))[1])
    title = _SITE_SUFFIX.sub("", best.text).strip(" —-:：")
    return title or None


def split_page(text: str, lex: Lexicon) -> Page:
    header: list[str] = []
    segments: list[Segment] = []
    pending: list[_Unit] = []
    current: Segment | None = None
    closed = True  # the previous article ended (or none began)
    byline = False
    units = _units(text, lex)
    for unit in units:
        if unit.kind == "header":
            header.append(unit.text)
        elif unit.kind == "heading":
            pending.append(unit)
        elif unit.kind == "byline":
            byline = True
        elif unit.kind == "body":
            body, folded = unit.text, unit.folded
            tail = max(0, len(folded) - 40)  # a byline is short and last: look only there
            ends = lex.trailing_byline.search(folded, tail)
            if ends:
                cut = len(folded[:ends.start()].rstrip())
                body, folded = body[:cut], folded[:cut]
            starts = bool(lex.article_start.match(folded))
            # 二、活动地点 / 社区党群服务中心二楼: a numbered section heading and its short line are one article's part
            plain = [h for h in pending if not lex.list_item.match(h.folded)]
            numbered = len(plain) < len(pending) and current is not None and not closed
            new = (current is None or closed or starts or byline or (len(pending) >= 2 and not numbered)
                   or any(0 < h.level <= 3 for h in pending))
            if new:
                current = Segment(title=_headline(pending))
                segments.append(current)
                last = pending[-1] if len(pending) >= 2 else None
                top = min((h.level for h in pending if h.level), default=0)
                if last is not None and (last.level == 2 and top == 1 if last.level else len(last.folded) <= 12) \
                        and last.text.strip(" —-:：") != current.title:
                    # 浦东开发开放35周年 / 回望历史 / 1990年…: a short line after the headline heads the first
                    # part, and so does a post's first ## section right under its # title (a ### under a
                    # ## headline is the article's deck)
                    current.add(squeeze(last.text), squeeze(last.folded), heading=True)
            else:
                for heading in pending:
                    current.add(squeeze(heading.text), squeeze(heading.folded), heading=True)
            if body:
                current.add(body, folded)
            closed = bool(ends)
            pending, byline = [], False
    return Page(header=header, segments=segments, top=[u.folded for u in units[:8]],
                bottom=[u.folded for u in units[-3:]])
