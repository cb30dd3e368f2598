"""From an article's time expressions to events: which dates are events, and their
title, place, category and evidence. The words it looks for live in events.yaml."""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cached_property
from typing import NamedTuple

from extract.grammar import Grammar, may_match
from extract.lexicon import Lexicon
from extract.model import Event, TimeExpr
from extract.numerals import to_int
from extract.pubdate import history_paragraphs
from extract.segment import Segment
from extract.text import fold
from extract.timex import Anchor, find_times

_SENTENCE_END = re.compile(r"[。！？!?；;\n]")
_CLAUSE_END = re.compile(r"[，,。！？!?；;\n]")
_CLOCK_RULES = ("time", "time_colon", "time_range")


class _Span(NamedTuple):
    """[begin, end) of a sentence or clause; a tuple, since spans key the caches of titles and places."""

    begin: int
    end: int


class _Spans:
    """Sentences (or clauses) of a text, found by binary search over their end offsets."""

    def __init__(self, norm: str, stops: re.Pattern):
        self.ends = [m.end() for m in stops.finditer(norm)]
        if not self.ends or self.ends[-1] < len(norm):
            self.ends.append(len(norm))
        self.spans = [_Span(begin, end) for begin, end in zip([0, *self.ends[:-1]], self.ends, strict=True)]

    def at(self, offset: int) -> _Span:
        return self.spans[min(bisect_right(self.ends, offset), len(self.ends) - 1)]

    def before(self, offset: int) -> list[_Span]:
        """Every span ending at or before ``offset``, nearest first."""
        count = bisect_right(self.ends, offset)
        return self.spans[count - 1::-1] if count else []


_QUOTES = (("“", "”"), ("「", "」"), ("『", "』"))
_BRACKETS = (("（", "）"), ("(", ")"), ("【", "】"), ("《", "》"))
_PLACE_EDGES = re.compile(r"^(?:位于|设在|设于)|(?:(?:等|[两三四五六七八九十多]个?)+(?:地点|地|处|场馆)|内|一带|同步|同时|分别|集合|集中|出发|分[两兩二三四五六七八九十几幾多0-9]+[期批场場次轮輪])+$")
_CLAUSE_MARK = re.compile(r"[，,；;！？!?]")  # a name is one phrase, not clauses
_BRACKET_LEAD = re.compile(r"\s*【([^】]{2,8})】")
_WENT_INTO = re.compile(r"^[^，。]{2,12}?(?:走进|走進|来到|來到|深入)")
_HOST_AT = re.compile(r"^[^，。]{1,12}?(?<!自)在(?=[^，。]{2})")  # 社区在党群服务中心: who hosts, then where
_HEADING_PARTS = re.compile(r"[:：｜|]")
_LEAD_LABEL = re.compile(r"^\s*[【\[〔]([^】\]〕]{1,8})[】\]〕]")
_HEADING_BRACKETS = re.compile(r"[【】〔〕\[\]]")
_SYMBOLS = "".join(chr(c) for c in range(0x2190, 0x2C00)) + "".join(chr(c) for c in range(0x1F000, 0x1FB00)) + "\ufe0f \u3000■□◆●"
_QUOTED_END = re.compile(r"[“「『]([^“”「」『』]{2,})[”」』]$")


def _unquote(name: str) -> str:
    """Drop quotes around a whole name, and any quote left unpaired at its edges."""
    name = name.strip()
    for left, right in _QUOTES:
        if len(name) > 2 and name[0] == left and name[-1] == right and name.count(left) == 1:
            return name[1:-1].strip()
        if name.count(left) < name.count(right) and name.endswith(right):
            name = name[:-1]
        if name.count(left) > name.count(right) and name.startswith(left):
            name = name[1:]
        elif name.count(left) > name.count(right):  # 春季的“运河诗会(”将于…): the quoted name
            name = name[name.rindex(left) + 1:]
    return name.strip()


def _unbalanced(name: str) -> bool:
    return any(name.count(left) != name.count(right) for left, right in _QUOTES)


def _same_form(start, end):
    """Start and end both days or both times (a timed start over several days ends at 23:59)."""
    if end is None:
        return start, None
    if isinstance(start, datetime) and not isinstance(end, datetime):
        end = datetime.combine(end, time(23, 59)) if end > start.date() else None
    elif not isinstance(start, datetime) and isinstance(end, datetime):
        end = end.date()
    if end is not None and not isinstance(end, datetime) and end == start:
        end = None
    return start, end


def _day(value: date | datetime | None) -> date | None:
    return value.date() if isinstance(value, datetime) else value


@dataclass(frozen=True)
class _Where:
    """Where in the article an event was found: what decides whether two mentions are one occurrence."""

    sentence: _Span
    paragraph: int
    section: tuple  # (sub-heading paragraph, list-item paragraph), None when there is none
    named: bool  # the sentence itself names the event
    own: bool = False  # a later clause of the sentence (次日举行…, 当晚…) names an occasion of its own


class _Article:
    """One segment with its normalised text, sentences and time expressions."""

    @cached_property
    def sentences(self) -> _Spans:
        return _Spans(self.norm, _SENTENCE_END)

    @cached_property
    def clauses(self) -> _Spans:
        return _Spans(self.norm, _CLAUSE_END)

    @cached_property
    def masked(self) -> str:
        """The normalised text with each date written as ``~`` (a festival's name stays: it may be part
        of the event's), for the title rules: 集市自本周六起至下周日举行 reads 集市自~~~~~~~~举行, so a
        rule need not know every form a date takes to step over one."""
        pieces, at = [], 0
        for expr in self.times:  # in text order, none overlapping
            if not self._is_festival_only(expr):
                pieces += [self.norm[at:expr.begin], "~" * (expr.end - expr.begin)]
                at = expr.end
        return "".join(pieces) + self.norm[at:]

    def __init__(self, segment: Segment, anchor: Anchor, lex: Lexicon, grammar: Grammar):
        self.segment = segment
        self.text = segment.text
        self.norm = segment.norm
        self.anchor = anchor
        self.lex = lex
        self.grammar = grammar
        self.times = find_times(self.text, anchor, folded=self.norm)
        self._titles: dict[_Span, str | None] = {}
        self._fallback_titled: set[_Span] = set()  # sentences whose name only a fallback rule found
        self._fallback_named: set[_Span] = set()  # sentences named by a fallback rule, loose or not
        self._places: dict[tuple, str | None] = {}
        self._categories: dict[tuple, str] = {}
        self._sentence_categories: dict[str, list[float]] = {}
        self._title_categories: dict[str, list[float]] = {}
        self._paragraph_starts: list[int] = []
        offset = 0
        for paragraph in segment.folded:
            self._paragraph_starts.append(offset)
            offset += len(paragraph) + 1
        # A sub-heading opens a part of the article; a short line with a comma is more often a
        # paragraph the PDF layout broke (展览作品中,除了…的变) than a heading.
        self._headings = {i for i in segment.headings if "," not in segment.folded[i] and "，" not in segment.folded[i]}
        self._history = history_paragraphs(segment.folded, segment.headings, lex)
        self._folded: dict[str, str] = {}
        self._held: dict[tuple[str, str], bool] = {}

    def _fold(self, text: str) -> str:
        """extract.text.fold, once per string (titles, places and names are folded again and again); a
        piece of the article is read off the article's folded text, which saves the converter a call."""
        folded = self._folded.get(text)
        if folded is None:
            at = self.text.find(text) if text else -1
            folded = self._folded[text] = self.norm[at:at + len(text)] if at >= 0 else fold(text)
        return folded

    def _holds(self, text: str, lists: tuple[str, ...]) -> bool:
        """Does ``text`` hold a word of each of these lists (lexicon.required_lists)? Once per text and list:
        the title and place patterns of a sentence share a few long lists."""
        for name in lists:
            key = (text, name)
            held = self._held.get(key)
            if held is None:
                held = self._held[key] = self.lex.list_words[name].search(text) is not None
            if not held:
                return False
        return True

    # -- the article's parts ---------------------------------------------------
    def _paragraph(self, offset: int) -> int:
        return max(0, bisect_right(self._paragraph_starts, offset) - 1)

    def _is_list_item(self, index: int) -> bool:
        return bool(self.lex.list_item.match(self.segment.folded[index]))

    def _unnumbered(self, index: int) -> tuple[str, int]:
        """Line ``index`` (folded) without its heading number (三、活动内容：… reads 活动内容：…), and where that starts."""
        line = self.segment.folded[index]
        number = self.lex.heading_number.match(line)
        return (line[number.end():], number.end()) if number else (line, 0)

    def _label_action(self, expr: TimeExpr) -> str:
        """四、报名时间：12月8日至12日 under 关于举办冬季运动会的通知: the label's action (报名), which the
        notice's name the date borrows lacks."""
        index = self._paragraph(expr.begin)
        line, skipped = self._unnumbered(index)
        label = self.lex.label_line.match(line)
        if not label:
            return ""
        colon = min((at for at in (line.find(":"), line.find("|")) if at >= 0), default=0)  # folded: ： is :
        action = self.lex.actions.search(line, 0, colon)
        if not action:
            return ""
        offset = self._paragraph_starts[index] + skipped
        return self.text[offset + action.start():offset + action.end()]

    def _item_lead(self, sentence: _Span) -> str | None:
        """（三）青少年游泳公益培训。7月1日—15日在区游泳馆开展: a list item that opens with a bare name, its
        own sentence, names what the dated sentence right after it is about."""
        index = self._paragraph(sentence.begin)
        if not self._is_list_item(index) or self._is_label_item(index):
            return None
        lead = self.sentences.at(self._paragraph_starts[index])
        if lead.end != sentence.begin or any(lead.begin <= t.begin < lead.end for t in self.times):
            return None
        _, skipped = self._unnumbered(index)
        name = self.text[lead.begin + skipped:lead.end].strip().rstrip("。.:：").strip()
        if not 2 <= len(name) <= 30 or _CLAUSE_MARK.search(name) or not self.lex.event_noun_any.search(self._fold(name)):
            return None
        return name

    def _is_label_item(self, index: int) -> bool:
        """一、活动时间：12月20日: a notice's numbered label line, which names nothing itself."""
        return bool(self.lex.label_line.match(self._unnumbered(index)[0]))

    def _section(self, offset: int) -> tuple[int, tuple]:
        """Where the part of the article around ``offset`` begins, and which part it is: a sub-heading
        opens a part, and so does each item of a list (■ …, 二、…)."""
        index = self._paragraph(offset)
        heading = next((i for i in range(index, -1, -1) if i in self._headings), None)
        item = index if self._is_list_item(index) else None
        first = item if item is not None else heading if heading is not None else 0
        return self._paragraph_starts[first], (heading, item)

    def _fallback_title(self, expr: TimeExpr) -> str:
        """A title when no sentence names the event: the list item's own words, the part's
        sub-heading, its block's 内容 line, the article's headline, the clause of the date."""
        index = self._paragraph(expr.begin)
        if self._is_list_item(index) and not self._is_label_item(index):
            return self.clause_title(expr)
        _, (heading, _) = self._section(expr.begin)
        if heading is not None and not self._is_label_heading(heading):
            return self._heading_name(self.segment.paragraphs[heading])
        named = self._section_name(index)
        if named:
            return named
        if self.segment.title:
            notice = self.lex.notice_headline.match(self._fold(self.segment.title.strip()))
            if notice:  # 关于举办X的通知: X
                return self.segment.title.strip()[notice.start("name"):notice.end("name")]
            return self._heading_name(self.segment.title)
        return self.clause_title(expr)

    def _heading_name(self, heading: str) -> str:
        """🏮 运河庙会：10月1日至8日 names 运河庙会: the part of a heading that holds an event noun,
        without the symbols before it."""
        label = _LEAD_LABEL.match(heading)
        if label and self.lex.generic_names.match(self._fold(label.group(1)).strip()):
            heading = heading[label.end():]  # 【節目一】親子環保手工坊: the item's number is no part of its name
        heading = _HEADING_BRACKETS.sub("", heading).strip()  # 【一｜邻里秋集】
        heading = self.lex.heading_number.sub("", heading.lstrip(_SYMBOLS), count=1).lstrip("|｜:： ") or heading
        parts = [part.strip() for part in _HEADING_PARTS.split(heading) if part.strip()]
        named = next((part for part in parts if self.lex.event_noun_any.search(self._fold(part))
                      and not self.lex.generic_names.match(self._fold(part))), None)
        name = named if named is not None and len(parts) > 1 else heading
        return name.lstrip(_SYMBOLS).strip(" —-:：") or heading.strip(" —-:：")

    # -- which dates are events ---------------------------------------------
    def _is_festival_only(self, expr: TimeExpr) -> bool:
        return bool(self.grammar.festival_start.match(self.norm, expr.begin)) and "月" not in expr.text

    def _in_book_title(self, expr: TimeExpr, sentence: _Span) -> bool:
        before = self.norm[sentence.begin:expr.begin]
        return before.count("《") > before.count("》")

    def _is_event_date(self, expr: TimeExpr, sentence: _Span) -> bool:
        if expr.kind in ("duration", "recurring") or expr.rule in _CLOCK_RULES:
            return False
        first = _day(expr.start) or _day(expr.last)
        if first is None:
            return False
        if self.anchor.year is not None and not self.anchor.year - 1 <= first.year <= self.anchor.year + 2:
            return False  # historical facts and far-off plans are not calendar events
        sentence_text = self.norm[sentence.begin:sentence.end]
        if self._said_after(expr, self.lex.first_set) and (self.lex.called_off.search(self.norm, expr.end, sentence.end) or any(
                t.begin >= expr.end and self._said_after(t, self.lex.moved_to) for t in self.times
                if t.begin < sentence.end)):
            return False  # 原定于12月7日举行的运动会延期至12月14日, 原定8月2日的观星会取消: not on that day any more
        if self.lex.contact_line.match(self.segment.folded[self._paragraph(expr.begin)]):
            return False  # 联系人：王老师（工作日9:00-17:00）: whom to call, not an occasion
        clause = self.clauses.at(expr.begin)
        nearby = self.norm[clause.begin:min(sentence.end, clause.end + 30)]  # 告别家人 may come a clause later
        if self.lex.not_event.search(nearby):
            return False
        if not self.lex.triggers.search(sentence_text) and not (
                (expr.kind == "span" or self._is_list_item(self._paragraph(expr.begin)))
                and self.lex.event_noun_any.search(sentence_text)
        ) and not self._labelled_under_event(expr) and self._item_place(sentence) is None and not (
                self._programme_noun(self._paragraph(expr.begin))) and not (
                self._is_list_item(self._paragraph(expr.begin)) and self.place_in(sentence, after=expr.end)):
            # a dated list item or a span that names an event noun needs no verb (• 10月5日，绘本分享会;
            # 摄影展从12月20日一直持续到明年2月28日), nor does an item with a place of its own (a 地点 line
            # under it, • 3/8（六），社區淨灘，地點：西灣海灘) or one of a list that an event names
            return False
        if expr.kind == "point" and self.lex.announced.match(self.norm, expr.end):
            return False  # 文化局今（20）日宣布: the day the news was given
        if self.lex.past_statistics.search(sentence_text):
            return False  # 去年重阳节期间，共服务老人3200余人次: a count of a past occurrence
        contingency = self.lex.contingency.search(self.norm, sentence.begin, sentence.end)
        if contingency and contingency.start() < expr.begin:
            return False  # 如遇雨天，活动顺延至下周六, 如遇台风，当日活动取消: a fallback day, not the occasion's
        if expr.open_start and self.lex.statistics.search(sentence_text):
            return False  # 截至3月31日，累计…: an "as of" date, not an event's end
        if self._in_book_title(expr, sentence):
            return False
        if self._history and self._paragraph(expr.begin) in self._history:
            return False  # 回望历史 / 1990年4月18日…: history, not the calendar
        if expr.rule == "previous_day" and self._same_day_as_before(expr, sentence):
            return False  # 3月23日举办…，当天免费入园: more about the occasion just dated
        if self._is_festival_only(expr):  # 重阳佳节到来之际: the festival is the occasion, not the date
            if self._paragraph(expr.begin) in self._headings and self._dated_below(expr):
                return False  # 二、兒童節親子嘉年華 / 時間：4月4日: the festival names the part, its line dates it
            before = self.norm[sentence.begin:expr.begin]
            quoted = any(before.count(left) > before.count(right) for left, right in _QUOTES) or before.count('"') % 2
            if quoted or self.lex.festival_context.search(self.norm, clause.begin, clause.end):
                return False
            if self.lex.programme_intro.search(sentence_text):
                return False  # 於中秋節期間舉辦一連串慶祝活動，詳情如下: the programme's items are the events
            if self.lex.speech.search(sentence_text):
                return False  # 区长说，今年中秋节适逢连假: the festival is talked about, not dated
            # 5月15日，端午香包制作活动: the sentence's own date says when; the festival is the theme
            return not any(t is not expr and sentence.begin <= t.begin < sentence.end and t.rule not in _CLOCK_RULES
                           and t.kind in ("point", "span") and self.lex.explicit_date.search(self.norm, t.begin, t.end)
                           and _day(t.start or t.last) != first for t in self.times)
        return True

    def _dated_below(self, expr: TimeExpr) -> bool:
        """Does the part a sub-heading opens give a date of its own (an explicit one, not a festival's)?"""
        heading = self._paragraph(expr.begin)
        end = next((self._paragraph_starts[i] for i in sorted(self._headings) if i > heading), len(self.norm))
        return any(expr.end < t.begin < end and self.lex.explicit_date.search(self.norm, t.begin, t.end)
                   for t in self.times)

    def _programme_noun(self, index: int) -> str | None:
        """• 9月21日下午二時三十分，長者防跌有妙法 under 講座詳情如下： (or a 里民大會 heading): the event noun
        of the line that introduces a list item's list, or None."""
        if not self._is_list_item(index):
            return None
        first = index
        while first > 0 and self._is_list_item(first - 1):
            first -= 1
        above = self.segment.folded[first - 1] if first > 0 else self._fold(self.segment.title or "")
        noun = self.lex.event_noun_any.search(above)
        return noun.group() if noun else None

    def _with_programme(self, title: str, expr: TimeExpr) -> str:
        """秀山里 in a list of 里民大會: the title with its programme's noun, for choosing the category, when
        the title says nothing of its own kind (公墓延长开放时间 under 清明节…通知如下 stays a service)."""
        noun = self._programme_noun(self._paragraph(expr.begin))
        if not noun or self.lex.event_noun_any.search(self._fold(title)) or any(self._title_weights(title, None)):
            return title
        return title + noun

    def _labelled_under_event(self, expr: TimeExpr) -> bool:
        """时间：10月1日—10月8日 under the sub-heading 运河庙会: a notice's date line needs no verb when
        the heading of its part names the event."""
        index = self._paragraph(expr.begin)
        _, (heading, _) = self._section(expr.begin)
        if heading == index:
            return False
        label_heading = heading is not None and self._is_label_heading(heading)
        if label_heading and self._only_times(self.sentences.at(expr.begin)) and expr.begin == self._paragraph_starts[index]:
            return True  # 一、活动时间 / 2023年6月17日至7月15日。(每日22时至次日5时): the date of what the notice is about
        if (heading == index - 1 and not label_heading and expr.begin == self._paragraph_starts[index]
                and self.lex.event_noun_any.search(self.segment.folded[heading])):
            return True  # ◆策展人讲座“水墨的当代表达” / 12月15日（周日）下午3点，地点：…: the line under a name dates it
        if not self.lex.label_line.match(self.segment.folded[index]):
            return False
        named = heading is not None and not label_heading
        if named and self.lex.time_label.match(self.segment.folded[index]):
            return True  # 【邻里秋集】 / 时间｜11月16日: the part's heading names it
        above = self.segment.folded[heading] if named else self._fold(self.segment.title or "")
        return bool(self.lex.event_noun_any.search(above))

    def _only_times(self, sentence: _Span) -> bool:
        """Does the sentence say nothing but when (8月18日至9月30日，每日22时至次日5时。)?"""
        rest = list(self.norm[sentence.begin:sentence.end])
        for t in self.times:
            if sentence.begin <= t.begin < sentence.end:
                rest[t.begin - sentence.begin:t.end - sentence.begin] = [" "] * (t.end - t.begin)
        return not self.lex.time_links.sub("", "".join(rest))

    def _is_label_heading(self, heading: int) -> bool:
        return bool(self.lex.label_heading.match(self.segment.folded[heading].strip()))

    def _same_day_as_before(self, expr: TimeExpr, sentence: _Span) -> bool:
        before = [t for t in self.times if sentence.begin <= t.begin < expr.begin and t.rule not in _CLOCK_RULES
                  and t.kind in ("point", "span")]
        return bool(before) and _day(before[-1].start or before[-1].last) == _day(expr.start)

    # -- naming ----------------------------------------------------------------
    def _strip_dates(self, begin: int, end: int) -> tuple[int, int]:
        """Trim time expressions and openers (本报讯, commas) off the front of a name."""
        for expr in self.times:  # 首个项目为6月7日社区趣味运动会: the name starts after its date
            if (begin <= expr.begin < end and expr.end <= end and expr.begin - begin < 12
                    and not self._is_festival_only(expr)):
                begin = expr.end
        changed = True
        while changed and begin < end:
            changed = False
            for expr in self.times:
                if expr.begin <= begin < expr.end and not self._is_festival_only(expr):
                    begin, changed = expr.end, True
            junk = self.lex.openers.match(self.norm, begin, end)
            if junk and junk.end() > begin:
                begin, changed = junk.end(), True
        return begin, end

    def _piece(self, sentence: _Span, match: re.Match, group: str) -> str:
        if match.groupdict().get(group) is None:
            return ""
        if group == "verb":  # a verb is kept whole (改為, not 改)
            return self.text[sentence.begin + match.start(group):sentence.begin + match.end(group)]
        begin, end = sentence.begin + match.start(group), sentence.begin + match.end(group)
        if group == "name":
            end = self._cut_at_date(begin, end)
        return self._trimmed(begin, end)

    def _cut_at_date(self, begin: int, end: int) -> int:
        """“古城记忆”摄影展即日起至3月31日在…展出: a name that ends in an event noun stops at a date inside it."""
        inner = next((t.begin for t in self.times if begin + 2 <= t.begin < end and not self._is_festival_only(t)
                      and self.lex.event_noun_end.search(self.norm, begin, t.begin)), None)
        return end if inner is None else inner

    def _trimmed(self, begin: int, end: int) -> str:
        """A name or place without leading dates and openers, or trailing 近日/将/于."""
        begin, end = self._strip_dates(begin, end)
        tail = self.lex.trailing_junk.search(self.norm, begin, end)
        if tail and tail.start() > begin:
            end = tail.start()
        return self.text[begin:end].strip()

    def _subject(self, sentence: _Span, verb: int) -> str:
        """The words between the clause start and the verb: 区委 in 区委召开学习讨论会."""
        clause = self.clauses.at(verb)
        return self._trimmed(max(clause.begin, sentence.begin), verb)

    def _headline_phrase(self, word: str) -> str | None:
        title = self.segment.title
        if not title:
            return None
        for phrase in title.split():
            if word and word in self._fold(phrase):
                return phrase
        return None

    def _first_match(self, tiers, sentence: _Span):
        """Each rule's first match, earliest in the sentence first (nearest the date wins); a tier of
        fallback rules is searched only when the caller has refused every match of the tiers before it."""
        norm = self.masked[sentence.begin:sentence.end]
        chars = set(norm)
        for rules in tiers:
            found = [(m.start(), i, rule, m) for i, rule in rules
                     if may_match(rule.needs, chars) and self._holds(norm, rule.lists) and (m := rule.regex.search(norm))]
            found.sort(key=lambda f: f[:2])
            for *_, rule, m in found:
                yield rule, m

    def title_in(self, sentence: _Span) -> str | None:
        """The event's name as the sentence gives it, or None."""
        if sentence not in self._titles:
            self._titles[sentence] = self._title_in(sentence)
        return self._titles[sentence]

    def _title_in(self, sentence: _Span) -> str | None:
        for rule, match in self._first_match(self.lex.title_tiers, sentence):
            verb = self._piece(sentence, match, "verb")
            if rule.sentence_subject:
                at = sentence.begin + match.start()
                opening = next((t for t in self.times if at <= t.begin < sentence.begin + match.end()), None)
                if opening is None or opening.kind not in ("point", "span"):
                    continue  # 每周一闭馆: a standing rule, not a day the place closes
                subject = self._sentence_subject(at)
                if subject is None:
                    continue
                return subject + verb
            if match.groupdict().get("name") is None:  # a visit: (赴X)走访慰问老人; the headline may say it better
                if rule.fallback:
                    self._fallback_named.add(sentence)
                place = self._piece(sentence, match, "place")
                return self._headline_phrase(self._fold(verb)) or place + verb + self._piece(sentence, match, "object")
            name = self._piece(sentence, match, "name")
            tail = self.lex.name_tail.match(self.masked, sentence.begin + match.end("name"), sentence.end)
            if tail and tail.end() > tail.start() and name and not _unbalanced(name):
                # 举办妇女节游园会: the shortest name (妇女节) stops inside the longer one
                name += self.text[tail.start():tail.end()]
            if "——" in name:
                name = name.split("——")[-1]
            name = _unquote(name)
            if len(name) < 2 or self.lex.generic_names.match(self._fold(name).lstrip(_SYMBOLS)):
                continue  # 首场活动: only points back to an event named before
            if self.lex.purpose_openers.match(self._fold(name)):
                continue  # 为配合暑期活动: what the rest of the sentence is for
            obj = self._piece(sentence, match, "object")
            if obj and match.start("name") > 0:  # “城市记忆”摄影作品展: the quotes belong to the title
                left, right = sentence.begin + match.start("name") - 1, sentence.begin + match.end("name")
                name = self.text[left] + name + self.text[right]
            subject = self._subject(sentence, sentence.begin + match.start()) if rule.subject_before else ""
            if "于" in self._fold(subject):  # 康文署将于赤柱正滩举行: says when or where, not only who
                subject = ""
            elif "在" in subject:  # 区人社局在区就业服务中心举办: the organiser stops at 在
                subject = subject[:subject.index("在")]
                tail = self.lex.trailing_junk.search(self._fold(subject))  # 街道将(在…): not 街道将
                subject = subject[:tail.start()] if tail else subject
            if 2 <= len(subject) <= 12 and subject not in name and not self._fold(subject).startswith(self.lex.not_subjects):
                name = subject + name
            if rule.loose:
                self._fallback_titled.add(sentence)
            if rule.fallback:
                self._fallback_named.add(sentence)
            return name + obj + verb
        return None

    def _sentence_subject(self, at: int) -> str | None:
        """Who a clause opening with its date (…，3月11日起恢复开放) is about: the service the clauses before
        it name (政务服务场所暂停对外服务), else the words its sentence opens with (区图书馆因空调改造将于…)."""
        whole = self.sentences.at(at)
        if whole.begin < at:
            before = self.title_in(_Span(whole.begin, at))
            said = before and self.lex.service_start.search(self._fold(before))
            if said and said.start() >= 2:
                return before[:said.start()]
        begin, end = whole.begin, whole.end
        while begin < end and (opener := self.lex.openers.match(self.norm, begin, end)) and opener.end() > begin:
            begin = opener.end()  # 本报讯, 近日
        stop = self.lex.subject_end.search(self.masked, begin, end)
        end = stop.start() if stop else end
        junk = self.lex.trailing_junk.search(self.norm, begin, end)  # 区图书馆近期(将…)
        subject = self.text[begin:junk.start() if junk and junk.start() > begin else end].strip()
        if not subject and (lead := _BRACKET_LEAD.match(self.norm, whole.begin)):
            subject = self.text[lead.start(1):lead.end(1)]  # 【民政處】年初一至年初三暫停辦公: who says it
        return subject if 2 <= len(subject) <= 12 else None

    def _time_in_next_sentence(self, start, sentence: _Span):
        """音乐会在广场举行。演出上午9点30分开始。: a following sentence that only says when it starts."""
        if sentence.end >= len(self.norm) or self.norm[sentence.end - 1] == "\n":
            return start
        following = self.sentences.at(sentence.end)
        text = self.norm[following.begin:following.end].lstrip()
        if not self.lex.start_time.match(text):
            return start
        clock = next((t for t in self.times if following.begin <= t.begin < following.end), None)
        if clock is None or clock.rule not in _CLOCK_RULES or not isinstance(clock.start, datetime):
            return start
        return datetime.combine(start, clock.start.time())

    def _hours_line(self, expr: TimeExpr) -> TimeExpr | None:
        """日期：4月11日（星期六） / 時間：下午二時正至四時正: the clock of the 时间 line right under a date's
        own label line, which names no day of its own."""
        index = self._paragraph(expr.begin)
        folded = self.segment.folded
        if index + 1 >= len(folded) or not self.lex.time_label.match(self._unnumbered(index)[0]) \
                or not self.lex.time_label.match(self._unnumbered(index + 1)[0]):
            return None
        begin = self._paragraph_starts[index + 1]
        end = begin + len(folded[index + 1])
        line = [t for t in self.times if begin <= t.begin < end]
        if not line or any(t.rule not in _CLOCK_RULES and t.rule != "recurring_daily" for t in line):
            return None
        clock = line[0]
        return clock if isinstance(clock.start, datetime) else None

    def _place_line(self, index: int) -> str | None:
        """The place paragraph ``index`` gives as a 地点 line (地点：…, or 活动地点 over the place's own line)."""
        folded = self.segment.folded
        paragraph = folded[index]
        match = self.lex.place_line.match(paragraph.strip())
        if not match:
            return None
        place = match.group("place").strip()
        if not place and index + 1 < len(folded) and len(folded[index + 1]) <= 30:
            offset = self._paragraph_starts[index + 1]
            place = self.text[offset:offset + len(folded[index + 1])].strip(" 。")
        elif place:
            offset = self._paragraph_starts[index] + len(paragraph) - len(paragraph.lstrip()) + match.start("place")
            place = self.text[offset:offset + len(match.group("place").strip())]
        return place.strip(" 。") if len(place) >= 2 else None

    def _item_place(self, sentence: _Span) -> str | None:
        """■ 7月20日 9:30 亲子科普讲座 / 地点：区青少年活动中心: a dated list item's own 地点 line, right under it
        (or a dated heading's, in the lines of its block)."""
        index = self._paragraph(sentence.begin)
        if self._is_list_item(index) or index in self._headings:
            # ▶ 本周六“书香端午”读书会 / 时间：9:30 / 地点：社区图书角: the lines of its block
            for at in range(index + 1, min(index + 4, len(self.segment.folded))):
                if at in self._headings or self._is_list_item(at):
                    break
                if (place := self._place_line(at)) is not None:
                    return place
        return None

    def _block(self, index: int) -> list[int]:
        """The lines of a notice's block around its 时间 line ``index``: a few after it, then a few
        before it, inside its part (sub-heading or list item); none if ``index`` is no 时间 line."""
        folded = self.segment.folded
        if not self.lex.time_label.match(self._unnumbered(index)[0]):
            return []
        lines = []
        for step in (1, -1):
            at = index + step
            while 0 <= at < len(folded) and abs(at - index) <= 3 and at not in self._headings \
                    and not self._is_list_item(at):
                lines.append(at)
                at += step
        return lines

    def _section_place(self, sentence: _Span) -> str | None:
        """（二）游泳比赛 / 时间：6月24日 / 地点：区游泳馆: the 地点 line of the date line's own block."""
        lines = self._block(self._paragraph(sentence.begin))
        return next((place for at in lines if (place := self._place_line(at)) is not None), None)

    def _section_name(self, index: int) -> str | None:
        """时间：12月6日上午9时 / 内容：亲子绘本阅读: the 内容 (名称, 主题) line of the date line's own block."""
        for at in self._block(index):
            line, skipped = self._unnumbered(at)
            label = self.lex.name_label.match(line)
            if label:
                offset = self._paragraph_starts[at] + skipped
                return self.text[offset + label.start("name"):offset + label.end("name")].strip()
        return None

    def _article_place(self) -> str | None:
        """The place a 地点 line or section (二、活动地点 / 區文化館) or a meeting point names for the article."""
        if "_article_place_value" in self.__dict__:
            return self._article_place_value
        value = None
        for index in range(len(self.segment.folded)):
            place = self._place_line(index)
            if place is not None and not self.lex.triggers.search(self._fold(place)):
                value = place
                break
        if value is None:
            match = self.lex.meeting_point.search(self.norm)
            if match:
                value = self.text[match.start("place"):match.end("place")].strip()
        self._article_place_value = value
        return value

    def _own_title(self, expr: TimeExpr, sentence: _Span) -> tuple[str | None, bool]:
        """The name the date's own clauses give (下月3日举行植树活动，次日举行清洁日活动: the second date
        names the second occasion), else the sentence's; and whether the clauses named it themselves."""
        clause = self.clauses.at(expr.begin)
        dated = [t for t in self.times if sentence.begin <= t.begin < sentence.end and t.rule not in _CLOCK_RULES
                 and t.kind in ("point", "span") and not clause.begin <= t.begin < clause.end]
        earlier = any(t.begin < clause.begin for t in dated) or expr.rule == "previous_day"
        if earlier:
            title = self.title_in(_Span(clause.begin, sentence.end))
            if title is not None:
                return title, True
        whole = self.title_in(sentence)
        if dated or earlier:
            # 游泳馆9月22日至25日暂停开放，9月26日恢复开放: each date is the same service, with its clause's own verb
            verb = self.lex.service_start.search(self.norm, clause.begin, clause.end)
            said = whole and self.lex.service_start.search(self._fold(whole))
            if verb and said and said.group() != verb.group():
                return whole[:said.start()] + self.text[verb.start():verb.end()], earlier
        return whole, False

    def _named_before(self, sentence: _Span) -> tuple[str | None, _Span | None]:
        """The event a sentence without a name refers to (展出将持续到3月31日): the nearest earlier
        name of the same kind, or, when the sentence says nothing of its kind, one in its paragraph."""
        weak = self.lex.weak_category_words  # 报名 says nothing of what is being signed up for
        chars = set(self.norm[sentence.begin:sentence.end])
        kinds = {name for (name, words, _), firsts in zip(self.lex.categories, self.lex.category_firsts, strict=True)
                 if not (firsts is not None and chars.isdisjoint(firsts))
                 and set(words.findall(self.norm, sentence.begin, sentence.end)) - weak} - {"community"}
        paragraph_start = self.norm.rfind("\n", 0, sentence.begin) + 1
        section_start, _ = self._section(sentence.begin)
        for earlier in self.sentences.before(sentence.begin):
            if earlier.end <= section_start or (not kinds and earlier.end <= paragraph_start):
                break  # never past the sub-heading or list item the sentence belongs to
            if self.lex.contact_line.match(self.norm, earlier.begin):
                continue
            title = self.title_in(earlier)
            if title and (not kinds or self.category(title, earlier) in kinds):
                return title, earlier
        return None, None

    def clause_title(self, expr: TimeExpr) -> str:
        clause = self.clauses.at(expr.begin)
        begin, end = self._strip_dates(clause.begin, clause.end)
        end = self._cut_at_date(begin, end)
        text = self.text[begin:end].strip(" ，,。；;\n\t")
        if text[:1] in ("是", "为") and len(text) > 3:  # 5月18日是国际博物馆日
            text = text[1:]
        if len(text) < 4 and (label := self.lex.name_label.search(self.norm)):
            return self.text[label.start("name"):label.end("name")].strip()  # 活动时间：…  活动内容：少儿科普讲座
        if len(text) < 4:  # 10月23日, … : the next clause says what happened
            if clause.end < len(self.norm):
                following = self.clauses.at(clause.end)
                text = self.text[following.begin:following.end].strip(" ，,。；;\n") or text
        return text[:30]

    # -- placing ---------------------------------------------------------------
    def place_in(self, sentence: _Span, after: int | None = None) -> str | None:
        key = (sentence, after)
        if key not in self._places:
            self._places[key] = self._place_in(sentence, after)
        return self._places[key]

    def _place_in(self, sentence: _Span, after: int | None) -> str | None:
        text = self.norm[sentence.begin:sentence.end]
        chars = set(text)
        for place in self.lex.places:
            if not place.after_date and not (may_match(place.needs, chars) and self._holds(text, place.lists)):
                continue  # it matches nowhere in the sentence
            if place.after_date:
                if after is None:
                    continue
                match = place.regex.match(self.norm, after, sentence.end)
                value = match and self._place_value(match, 0)
            else:  # the first match that is a place: 于9月26日至10月31日在区档案馆 is not, 区档案馆 is
                value, position = None, 0
                while value is None and (match := place.regex.search(text, position)):
                    value = self._place_value(match, sentence.begin)
                    position = match.start() + 1
            if value:
                return value
        return None

    def _place_before(self, sentence: _Span) -> str | None:
        """馆内同步开设…: a sentence that opens at "the place" is at the place of the sentence before."""
        begin, _ = self._strip_dates(sentence.begin, sentence.end)
        section_start, _ = self._section(sentence.begin)
        if not (self.lex.anaphoric_places.match(self.norm, begin)
                or self.lex.anaphoric_inside.search(self.norm, sentence.begin, sentence.end)):
            # 活动地点：锦江区图书馆。4月18日…讲座: a sentence right after one that only gives the place
            earlier = self.sentences.before(sentence.begin)[:1]
            if (earlier and earlier[0].end > section_start
                    and self.lex.place_label.match(self.norm[earlier[0].begin:earlier[0].end])
                    and not any(earlier[0].begin <= t.begin < earlier[0].end for t in self.times)):
                return self.place_in(earlier[0])
            return None
        for earlier in self.sentences.before(sentence.begin)[:3]:
            if earlier.end <= section_start:
                break
            place = self.place_in(earlier)
            if place:
                return place
        return None

    def _place_value(self, match: re.Match, offset: int) -> str | None:
        begin, end = offset + match.start("place"), offset + match.end("place")
        if any(t.begin < end and begin < t.end for t in self.times):
            return None
        value = self._trimmed(begin, end).strip(" \"")
        number = self.lex.heading_number.match(self._fold(value))
        if number and number.end() < len(value):
            value = value[number.end():]  # 三、区殡仪馆…: the list's number is no part of the place
        value = _PLACE_EDGES.sub("", value)  # 位于X, X内, 东湖公园、体育中心两地
        went = _WENT_INTO.search(value)
        if went:  # 区法院走进社区: where they went, not who went
            value = value[went.end():]
        host = _HOST_AT.match(value)
        if host:
            value = value[host.end():]
        if "的" in value[:-2]:  # 文化事务署辖下的香港文化博物馆: the place is after 的
            value = value[value.rindex("的", 0, len(value) - 2) + 1:]
        quoted = _QUOTED_END.search(value)
        if quoted:  # 清代老宅“听枫堂”: the place's own name
            value = quoted.group(1)
        value = value.strip("“”「」")
        folded = self._fold(value)
        if (len(value) < 2 or folded in self.lex.not_places or self.lex.partners.search(folded, 0, len(folded) - 2)
                or self.lex.event_noun_end.search(folded)
                or self.lex.trigger_end.search(folded)):  # 全馆闭馆: what happens, though 馆 ends venues
            return None
        return value

    def category(self, title: str, sentence: _Span, place: str | None = None) -> str:
        """The category whose words weigh most: the title's head noun, then the title, then the sentence.
        The words of the event's place do not count (社区卫生服务中心 says nothing of a lecture held
        there), and weak words (社区, 服务) count half."""
        key = (title, sentence, place)
        if key not in self._categories:
            self._categories[key] = self._category(title, sentence, place)
        return self._categories[key]

    def _category(self, title: str, sentence: _Span, place: str | None) -> str:
        best, best_score = "other", 0.0
        for (name, _, _), in_title, in_sentence in zip(self.lex.categories, self._title_weights(title, place),
                                                        self._sentence_weights(sentence, place), strict=True):
            if in_title + in_sentence > best_score:
                best, best_score = name, in_title + in_sentence
        return best

    def _title_weights(self, title: str, place: str | None) -> list[float]:
        """What the title says for each category: its head noun counts double its other words."""
        title_norm = self._fold(title)
        if place:
            title_norm = title_norm.replace(self._fold(place), " ")
        title_norm = self._unmasked(title_norm)
        key = title_norm  # the weights depend on that text alone
        if key not in self._title_categories:
            weights = []
            chars = set(title_norm)
            for (_, words, at_end), firsts in zip(self.lex.categories, self.lex.category_firsts, strict=True):
                # a title with none of the characters the category's words begin with has none of them
                found = [] if firsts is not None and chars.isdisjoint(firsts) else words.findall(title_norm)
                if not found:  # and no head noun either
                    weights.append(0)
                    continue
                head = at_end.search(title_norm)
                weights.append(4 * self._weight([head.group()] if head else []) + 2 * self._weight(found))
            self._title_categories[key] = weights
        return self._title_categories[key]

    def _unmasked(self, text: str) -> str:
        """The text without venue names that hold a category's word (大会堂, 展览馆)."""
        masks = self.lex.category_masks
        return masks.sub(" ", text) if masks is not None else text

    def _weight(self, found) -> float:
        weak = self.lex.weak_category_words
        return sum(0.5 if word in weak else 1.0 for word in set(found))

    def _sentence_weights(self, sentence: _Span, place: str | None) -> list[float]:
        """What the sentence's words say for each category (the place's own words left out)."""
        text = self.norm[sentence.begin:sentence.end]
        if place:
            text = text.replace(self._fold(place), " ")
        text = self._unmasked(text)
        key = text  # the weights depend on that text alone
        if key not in self._sentence_categories:
            chars = set(text)
            self._sentence_categories[key] = [
                0 if firsts is not None and chars.isdisjoint(firsts) else self._weight(words.findall(text))
                for (_, words, _), firsts in zip(self.lex.categories, self.lex.category_firsts, strict=True)]
        return self._sentence_categories[key]

    # -- assembling ------------------------------------------------------------
    def _clock_after(self, expr: TimeExpr, sentence: _Span) -> TimeExpr | None:
        return self._following(expr, sentence, lambda t: t.rule in _CLOCK_RULES)

    def _following(self, expr: TimeExpr, sentence: _Span, test) -> TimeExpr | None:
        return next((t for t in self.times if expr.end <= t.begin < sentence.end and test(t)), None)

    def _dates(self, expr: TimeExpr, sentence: _Span):
        if expr.open_start:
            last = expr.last
            last_day = _day(last)
            clause = self.clauses.at(expr.begin)
            if self.lex.actions.search(self.norm, clause.begin, clause.end):
                return last, None  # 报名截止3月15日: a deadline is its day, not a span from the page's
            if self.anchor.day is not None and self.anchor.day < last_day:
                start = self.anchor.day
            else:
                start = last_day.replace(day=1) if last_day.day > 1 else last_day - timedelta(days=1)
            return _same_form(start, last)
        start, end = expr.start, expr.last
        if end is None:
            # 3月8日开幕，为期3天 / 昨天开幕，展出将持续到4月20日: one occurrence, one span
            # 为期两天的合唱节今晚举行闭幕演出: a length said before a closing day does not run on from it
            closing = self.lex.end_cues.search(self.norm, expr.end, sentence.end)
            later = self._following(expr, sentence, lambda t: t.rule == "duration_days" or self._closes(t)) or next(
                (t for t in self.times if sentence.begin <= t.begin < expr.begin and t.rule == "duration_days"
                 and not closing), None)
            if later is None and not closing:  # 1月14日…开幕。会议为期三天: the next sentence says how long
                later = self._length_opening_next(sentence)
            if later is not None and self._closes(later) and _day(later.last or later.start) > _day(start):
                end = later.last or later.start
            elif later is not None and later.rule == "duration_days":
                length = self.grammar.span_length.search(self.norm, later.begin, later.end)
                days = to_int(length.group("days")) * (1 if length.group("unit") in ("天", "日") else 7)
                if days > 1:
                    end = _day(start) + timedelta(days=days - 1)
        # 5月27日起…中午12:00-14:00, 即日起…开放时间为上午9时至下午5时: hours, not a start
        ongoing = self.lex.ongoing.match(self.norm, expr.end) or self.lex.ongoing_end.search(self.norm, expr.begin, expr.end)
        if not isinstance(start, datetime) and end is not None:
            # 5月10日至11日下午三时至晚上十时, 10月12日至11月2日逢星期六上午十时: the time each day starts
            clock = self._clock_after(expr, sentence)
            gap = self.norm[expr.end:clock.begin] if clock is not None else ""
            if clock is not None and isinstance(clock.start, datetime) and len(gap) <= 6 and "每" not in gap:
                start = datetime.combine(start, clock.start.time())
        if not isinstance(start, datetime) and end is None and not ongoing:
            clock = self._clock_after(expr, sentence)
            if clock is not None and self.norm[clock.begin - 1:clock.begin] in ("至", "到"):
                clock = None  # 延长开放至晚上9点: when the hours end, not when an occasion starts
            if clock is not None and isinstance(clock.start, datetime):
                start = datetime.combine(start, clock.start.time())
                if isinstance(clock.last, datetime) and end is None:
                    end = datetime.combine(_day(start), clock.last.time())
        return _same_form(start, end)

    def _length_opening_next(self, sentence: _Span) -> TimeExpr | None:
        """为期三天 near the start of the sentence after this one (会议为期三天), if it says nothing else of when."""
        if sentence.end >= len(self.norm) or self.norm[sentence.end - 1] == "\n":
            return None
        following = self.sentences.at(sentence.end)
        first = next((t for t in self.times if following.begin <= t.begin < following.end), None)
        if first is None or first.rule != "duration_days" or first.begin - following.begin > 8 \
                or self.norm[first.end:first.end + 1] == "的":  # 为期三天的书展: another occasion's length
            return None
        return first

    def _closes(self, expr: TimeExpr) -> bool:
        """Does this date end something: 持续到4月20日, 截止时间为3月20日?"""
        if expr.open_start:
            return True
        clause = self.clauses.at(expr.begin)
        if expr.last is not None or self._said_after(expr, self.lex.moved_to):
            return False  # 延期至12月14日举行: the day it now takes place
        return self.norm[expr.begin - 1:expr.begin] in ("至", "到") or bool(
            self.lex.end_cues.search(self.norm, clause.begin, expr.begin)
            or self.lex.end_cues.match(self.norm, expr.end))  # 3月10日闭幕, 2月20日截止

    def _said_after(self, expr: TimeExpr, cue: re.Pattern) -> bool:
        """Do the words right before the date end in ``cue`` (延期至, 原定于)?"""
        return bool(cue.search(self.norm, max(0, expr.begin - 8), expr.begin))

    def _absorbed(self, expr: TimeExpr, sentence: _Span) -> bool:
        """A closing date that ends an earlier dated event of the same sentence."""
        if not self._closes(expr):
            return False
        return any(t.end <= expr.begin and t.last is None and t.start is not None and t.rule not in _CLOCK_RULES
                   and _day(t.start) < _day(expr.last or expr.start) and self._is_event_date(t, sentence)
                   for t in self.times if t.begin >= sentence.begin)

    def _continued(self, expr: TimeExpr, sentence: _Span, found: list[tuple[Event, _Where]]) -> Event | None:
        """The event an open-ended sentence extends (开幕…。展出将持续到3月31日): the one dated
        just before, in the same part of the article, when this date ends it later."""
        clause = self.clauses.at(expr.begin)
        if not found or self.lex.actions.search(self.norm, clause.begin, clause.end):
            return None  # 报名截至3月20日: a deadline of its own
        event, where = found[-1]
        section_start, _ = self._section(sentence.begin)
        between = sum(1 for s in self.sentences.before(sentence.begin) if s.begin >= where.sentence.end)
        if (where.sentence == sentence or where.sentence.begin < section_start or between > 2
                or event.end is not None or _day(event.start) >= _day(expr.last)):
            return None
        own = self.title_in(sentence)
        if sentence in self._fallback_titled:
            own = None  # 届时将有猜灯谜活动，灯组展示将持续到3月3日: more about the event before
        if own is not None and own not in event.title and event.title not in own:
            return None  # a different occasion that runs until then
        return event

    def events(self) -> list[Event]:
        if not self.times:
            return []
        found: list[tuple[Event, _Where]] = []
        for expr in self.times:
            sentence = self.sentences.at(expr.begin)
            if not self._is_event_date(expr, sentence) or self._absorbed(expr, sentence):
                continue
            if expr.open_start:
                earlier = self._continued(expr, sentence, found)
                if earlier is not None:
                    if isinstance(earlier.start, date) and not isinstance(earlier.start, datetime):
                        # 灯会当晚7时亮灯，…将持续到3月3日: the time of the day it opens
                        clock = next((t for t in self.times if sentence.begin <= t.begin < sentence.end
                                      and t.rule == "time" and self.lex.same_day.match(self.norm, t.begin)), None)
                        if clock is not None:
                            earlier.start = datetime.combine(earlier.start, clock.start.time())
                            earlier.all_day = False
                    earlier.start, earlier.end = _same_form(earlier.start, expr.last)
                    earlier.confidence = min(0.99, earlier.confidence + 0.1)
                    continue
            start, end = self._dates(expr, sentence)
            title, own = self._own_title(expr, sentence)
            if (title is None or sentence in self._fallback_named) and (lead := self._item_lead(sentence)):
                title = lead
            # a notice's 时间 line: the 地点 line of its own block before the line above it (the block before's)
            place = self.place_in(sentence, after=expr.end) or self._section_place(sentence) or self._place_before(sentence)
            if own and (own_place := self.place_in(_Span(self.clauses.at(expr.begin).begin, sentence.end))):
                place = own_place
            named = title is not None
            if title is None:
                title, earlier = self._named_before(sentence)
                if earlier is not None:
                    place = place or self.place_in(earlier)
            if title is not None:
                # 报名将于3月10日开启: this date is the race's registration, not the race
                clause = self.clauses.at(expr.begin)
                action = self.lex.signups.search(self.norm, clause.begin, clause.end)  # not 办理, 开放: no phase
                if action and action.group() not in self._fold(title):
                    title += self.text[action.start():action.end()]
            if title is None:
                title = self._fallback_title(expr)
                clause = self.clauses.at(expr.begin)
                signup = self.lex.signups.search(self.norm, clause.begin, clause.end)  # 请于1月15日前报名
                action = self._label_action(expr) or (self.text[signup.start():signup.end()] if signup else "")
                title += action if self._fold(action) not in self._fold(title) else ""
            elif len(title) < 4:  # 义诊: the headline says more (社区义诊进楼道)
                title = self._headline_phrase(self._fold(title)) or title
            if not title.strip():  # 报名时间：11月10日至14日 under no headline: the line itself
                title = self.text[sentence.begin:sentence.end].strip(" 。.；;")
            if not isinstance(start, datetime) and (hours := self._hours_line(expr)) is not None:
                if end is None and isinstance(hours.last, datetime):
                    end = datetime.combine(start, hours.last.time())
                start, end = _same_form(datetime.combine(start, hours.start.time()), end)
            if not isinstance(start, datetime):
                start, end = _same_form(self._time_in_next_sentence(start, sentence), end)
            place = place or self._item_place(sentence) or self._article_place()  # its block's 地点 line was tried above
            category = None
            closure = self.lex.road_closure.search(self.norm, sentence.begin, sentence.end)
            if closure:  # 龙舟赛期间，滨江大道实施交通管制: the closure, not the race
                begin = self.lex.closure_lead.search(self.norm, sentence.begin, closure.start()).start()
                clause = self.clauses.at(begin)
                title = self._trimmed(clause.begin, closure.end()) or self.text[begin:closure.end()]
                if place and self._fold(place) not in self._fold(title) and len(title) <= closure.end() - begin:
                    title = place + title  # 中山路将于5月23日至25日封闭施工: 中山路封闭施工
                category, named, own = "service", True, True
            number = self.lex.heading_number.match(self._fold(title))
            if number and number.end() < len(title):
                title = title[number.end():]  # 2. 九九消寒图, 四、春节期间开放时间调整: the list's number is no part of the name
            title = title.lstrip(_SYMBOLS) or title  # 📝防災體驗營報名: a post's emoji is no part of the name
            label, bar, rest = title.partition("｜") if "｜" in title else title.partition("|")
            if bar and rest.strip() and self.lex.generic_names.match(self._fold(label).strip()):
                title = rest.strip()  # 活动一｜运河龙舟邀请赛: the programme's item number is no part of the name
            if "@" in title[2:]:
                title = title[:title.index("@", 2)].rstrip()  # 亲子阅读会 @区图书馆: the place is no part of the name
            for left, right in _BRACKETS:
                if title.count(left) > title.count(right):  # 延长开放至22:00（21:30: a bracket the name cut off
                    title = title[:title.rindex(left)].rstrip() or title
            evidence = self.text[sentence.begin:sentence.end].strip()
            confidence = 0.45
            confidence += 0.15 if named else 0.0
            confidence += 0.1 if place else 0.0
            confidence += 0.15 if self.anchor.day is not None else 0.0
            confidence -= 0.15 if expr.rule == "bare_day" or self._is_festival_only(expr) else 0.0
            confidence += 0.1 if expr.kind == "span" else 0.0
            confidence -= 0.25 if expr.conflict else 0.0
            event = Event(
                title=title,
                start=start,
                end=end,
                all_day=not isinstance(start, datetime),
                location=place,
                category=category or self.category(self._with_programme(title, expr), sentence, place),
                evidence=evidence,
                confidence=max(0.05, min(0.99, confidence)),
                open_start=expr.open_start,
            )
            found.append((event, _Where(sentence, self._paragraph(expr.begin), self._section(expr.begin)[1], named,
                                        own and named)))
        return _merge(self._without_openings(self._without_leads(self._without_heading_echoes(found))))

    def _is_heading(self, paragraph: int) -> bool:
        title = self.segment.title
        return paragraph in self.segment.headings or (
            title is not None and self.segment.paragraphs[paragraph].strip() == title.strip())

    def _without_heading_echoes(self, found: list[tuple[Event, _Where]]) -> list[tuple[Event, _Where]]:
        """A headline or sub-heading that dates what the text under it dates again (国庆假期博物馆延长开放 over
        10月1日至8日…延长开放) is no event of its own."""
        kept = []
        for event, where in found:
            if self._is_heading(where.paragraph):
                first, last = _day(event.start), _day(event.end or event.start)
                below = [(o, ow) for o, ow in found if ow.paragraph > where.paragraph and not self._is_heading(ow.paragraph)
                         and (where.paragraph not in self.segment.headings or ow.section[0] == where.paragraph)]
                if any(_day(o.start) <= last and first <= _day(o.end or o.start) for o, _ in below):
                    continue
            kept.append((event, where))
        return kept

    def _without_openings(self, found: list[tuple[Event, _Where]]) -> list[tuple[Event, _Where]]:
        """迎春花市本周六开幕 and 迎春花市将于1月25日至2月2日举办: the opening day of a span dated elsewhere is
        that span's start, not a second event (its clock time, if any, is the span's first time). A span
        that borrowed its name and does not speak of the event (即日起至11月30日…接种流感疫苗 after 重阳义诊)
        is another occasion."""
        kept = []
        for event, where in found:
            day = _day(event.start)
            if event.end is None or _day(event.end) == day:
                sentence = self.norm[where.sentence.begin:where.sentence.end]
                title = self._fold(event.title)
                span = next((o for o, ow in found if o is not event and o.end is not None and _length(o) > 1
                             and (ow.named or title[-2:] in self.norm[ow.sentence.begin:ow.sentence.end])
                             and _day(o.start) <= day <= _day(o.end) and self.lex.openings.search(sentence)
                             and (self._fold(o.title) in title or title in self._fold(o.title)
                                  or self._fold(o.title)[:4] in title)), None)
                if span is not None:
                    if _day(span.start) == day and span.all_day and not event.all_day:
                        span.start, span.end = _same_form(event.start, span.end)
                        span.all_day = False
                    span.location = span.location or event.location
                    continue
            kept.append((event, where))
        return kept

    def _without_leads(self, found: list[tuple[Event, _Where]]) -> list[tuple[Event, _Where]]:
        """Drop a lead that only announces a programme (推出一系列贺岁活动) when dated items of it follow; a
        named programme's own run of days stays."""
        kept = []
        for event, where in found:
            sentence = self.norm[where.sentence.begin:where.sentence.end]
            named_run = _length(event) > 0 and any(left in event.title for left, _ in _QUOTES)  # “敬老月”系列活动即日起至…
            if self._fold(event.title).endswith("活动") and self.lex.programme_lead.search(sentence) and not named_run:
                later = sum(1 for _, w in found if w.sentence.begin >= where.sentence.end)
                if later >= 2:
                    continue
            kept.append((event, where))
        return kept


def _length(event: Event) -> int:
    return (_day(event.end or event.start) - _day(event.start)).days


def _within(inner: Event, outer: Event) -> bool:
    """``inner``'s days lie inside ``outer``'s longer span (two mentions of the same span are merged instead)."""
    last = _day(outer.end or outer.start)
    return (_day(outer.start) <= _day(inner.start) and _day(inner.end or inner.start) <= last
            and _length(outer) > _length(inner))


def _same_occurrence(a: Event, a_at: _Where, b: Event, b_at: _Where) -> bool:
    """Two mentions of the same days are one occurrence when they are close (one paragraph), name
    each other (元宵灯会 / 社区元宵灯会), or one only refers back within the same part."""
    if a.title in b.title or b.title in a.title:
        return True
    if (a_at.own or b_at.own) and a_at.named and b_at.named:
        return False  # 3月8日举办游园会；当晚7时举行文艺晚会: two occasions of one day
    if a_at.paragraph == b_at.paragraph:
        return True
    return a_at.section == b_at.section and not (a_at.named and b_at.named)


def _merge(found: list[tuple[Event, _Where]]) -> list[Event]:
    """One event per occurrence: mentions of the same days that are one occurrence are one event,
    and so is a mention of one day of an event that spans it under the same title (the span's own, or one
    both borrowed from their part's heading: 除夕延長至凌晨6時 under 年宵市場 / 日期：2月10日至16日)."""
    found = [(e, w) for e, w in found
             if not any(o is not e and o.title == e.title and ow.section == w.section and _within(e, o)
                        and (ow.named or ow.paragraph == w.paragraph or not w.named) for o, ow in found)]
    merged: dict[tuple, list[tuple[Event, _Where]]] = {}
    for event, where in found:
        last = _day(event.end) if event.end else None
        key = (_day(event.start), last if last != _day(event.start) else None)
        kept = next(((k, kw) for k, kw in merged.get(key, []) if _same_occurrence(k, kw, event, where)), None)
        if kept is None:
            merged.setdefault(key, []).append((event, where))
            continue
        kept = kept[0]
        if kept.all_day and not event.all_day:
            kept.start, kept.end, kept.all_day = event.start, event.end, False
        elif kept.end is None and event.start == kept.start:
            kept.end = event.end  # 晚上8时 / 晚上8时至9时半: the mention that says when it ends
        kept.location = kept.location or event.location
        kept.confidence = min(0.99, max(kept.confidence, event.confidence) + 0.05)
    return [event for group in merged.values() for event, _ in group]


def assemble(segment: Segment, anchor: Anchor, lex: Lexicon, grammar: Grammar) -> list[Event]:
    return _Article(segment, anchor, lex, grammar).events()
