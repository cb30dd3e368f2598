"""Find and resolve time expressions with the grammar in extract/rules/<lang>/time.yaml.

``find_times(text, base)`` returns every day-precision (or finer) expression with its
offsets in ``text`` and its resolved first and last day, relative words resolved
against ``base`` (the publication date).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import compress, repeat
from operator import is_not
from datetime import date, datetime, time, timedelta

from extract.grammar import Grammar, Rule, load_grammar
from extract.lunar import festival_in_lunar_year, lunar_to_solar, solar_to_lunar
from extract.model import TimeExpr
from extract.numerals import to_int
from extract.text import fold


@dataclass(frozen=True)
class Anchor:
    """What relative and year-less dates resolve against.

    ``day`` is the publication day when known; ``year`` may be known without it (an
    undated article whose year was inferred from its content).
    """

    day: date | None
    year: int | None
    clock: time | None = None

    @classmethod
    def of(cls, base: date | datetime | Anchor | None) -> Anchor:
        if isinstance(base, Anchor):
            return base
        if isinstance(base, datetime):
            return cls(base.date(), base.year, base.time())
        if isinstance(base, date):
            return cls(base, base.year)
        today = date.today()
        return cls(today, today.year)


def span_last(groups: dict, first: date) -> date:
    """The inclusive last day of an occasion ``first`` + a length (span_length's groups: 3天, 两周, 一个月, 半个月)."""
    if groups.get("halfm"):
        return first + timedelta(days=14)
    count = to_int(groups["days"])
    unit = groups.get("unit")
    if unit == "个月":
        index = first.month - 1 + count
        year, month = first.year + index // 12, index % 12 + 1
        day = min(first.day, [31, 29 if year % 4 == 0 else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1])
        return date(year, month, day) - timedelta(days=1)
    days = count * (1 if unit in ("天", "日") else 7)
    if not 1 <= days <= 366:
        raise _Unresolvable("implausible duration")
    return first + timedelta(days=days - 1)


class _Unresolvable(Exception):
    """The expression names no real day (2月30日) or needs an anchor day it does not have."""


def _safe_date(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise _Unresolvable(f"{year}-{month}-{day}") from None


def _closest(candidates: list[date], anchor: Anchor, tense: int = 0) -> date:
    """The candidate nearest the anchor; ``tense`` +1 keeps to days ahead of it, -1 to days behind."""
    if not candidates:
        raise _Unresolvable("no candidate day")
    if anchor.day is not None and tense:  # a week's slack: the page may be dated a few days late
        slack = timedelta(days=7)
        kept = [d for d in candidates if (d >= anchor.day - slack if tense > 0 else d <= anchor.day + slack)]
        candidates = kept or candidates
    if anchor.day is not None:
        return min(candidates, key=lambda d: (abs((d - anchor.day).days), d < anchor.day))
    in_year = [d for d in candidates if d.year == anchor.year]
    return in_year[0] if in_year else candidates[0]


def _first_after(candidates: list[date], ref: date | None) -> date | None:
    """The first candidate on or after ``ref`` (the end of a range that starts on ``ref``)."""
    return min((d for d in candidates if d >= ref), default=None) if ref is not None else None


def _months_around(near: date, day: int) -> list[date]:
    """Day ``day`` of the month before ``near``, its month and the month after (where it exists)."""
    candidates = []
    for shift in (-1, 0, 1):
        month_index = near.month - 1 + shift
        try:
            candidates.append(date(near.year + month_index // 12, month_index % 12 + 1, day))
        except ValueError:
            continue
    return candidates


class _Resolver:
    def __init__(self, grammar: Grammar, anchor: Anchor):
        self.g = grammar
        self.anchor = anchor
        self.words = grammar.words
        self.tense = 0  # of the expression being resolved: +1 future, -1 past, 0 unknown
        self.conflict = False  # the expression's weekday disagrees with its date

    # -- pieces -----------------------------------------------------------
    def _years(self) -> list[int]:
        year = self.anchor.year if self.anchor.year is not None else date.today().year
        return [year, year - 1, year + 1]

    def _need_day(self) -> date:
        if self.anchor.day is None:
            raise _Unresolvable("relative expression without a publication day")
        return self.anchor.day

    def _year(self, g: dict) -> int | None:
        if g.get("year"):
            return to_int(g["year"])
        if g.get("roc"):
            return to_int(g["roc"]) + 1911
        if g.get("roc2"):
            return int(g["roc2"]) + 1911
        if g.get("relyear"):
            if self.anchor.year is None:
                raise _Unresolvable("relative year without an anchor")
            return self.anchor.year + self.words["relative_years"][g["relyear"]]
        return None

    def _weekday(self, g: dict) -> int | None:
        name = g.get("weekday") or g.get("wd")
        return self.words["weekdays"][name] if name else None

    def _month_day(self, month: int, day: int, g: dict, ref: date | None) -> date:
        year = self._year(g)
        if year is not None:
            result = _safe_date(year, month, day)
            weekday = self._weekday(g)
            self.conflict = self.conflict or (weekday is not None and result.weekday() != weekday)
            return result
        if ref is not None:  # the second half of a range follows the first
            result = _safe_date(ref.year, month, day)
            return result if result >= ref else _safe_date(ref.year + 1, month, day)
        weekday = self._weekday(g)
        candidates = []
        for y in self._years():
            try:
                candidates.append(date(y, month, day))
            except ValueError:
                continue
        if weekday is not None and any(c.weekday() == weekday for c in candidates):
            candidates = [c for c in candidates if c.weekday() == weekday]
        elif weekday is not None:
            self.conflict = True
        return _closest(candidates, self.anchor, self.tense)

    def _slash_day(self, month: int, day: int, g: dict, ref: date | None) -> date:
        """3/8（六） in Taiwan is month/day, 12/2（三） in Hong Kong day/month: when both readings could be
        meant, the one whose weekday agrees, nearer the page, wins."""
        if day > 12 or ref is not None or self._year(g) is not None or self.anchor.day is None:
            return self._month_day(month, day, g, ref)
        readings = []
        for m, d in ((month, day), (day, month)):
            before, self.conflict = self.conflict, False
            found = self._month_day(m, d, g, None)
            readings.append((self.conflict, abs((found - self.anchor.day).days), found))
            self.conflict = before
        conflict, _, found = min(readings)
        self.conflict = self.conflict or conflict
        return found

    def _festival(self, name: str, ref: date | None = None) -> date:
        canonical = self.g.festival_names[name]
        spec = self.g.festivals[canonical]
        candidates = []
        for y in self._years():
            found = festival_in_lunar_year(spec, y, self.g.festivals)
            if found is not None:
                candidates.append(found)
        return self._yearly(candidates, ref)

    def _lunar(self, g: dict, ref: date | None = None) -> date:
        month = 1 if g.get("lnew") else self.words["lunar_months"][g.get("lmonth") or g["lmonth2"]]
        day = to_int(g.get("lday") or g.get("lday2") or g["lday3"])
        return self._yearly([d for y in self._years() if (d := lunar_to_solar(y, month, day)) is not None], ref)

    def _yearly(self, candidates: list[date], ref: date | None) -> date:
        """Which year's festival or lunar date (中秋节 and 农历八月十五 alike): the first after ``ref``;
        else, with no tense, the publication year's, unless another year's is only weeks away or
        a few months ahead (元宵节 in a December article); else the closest."""
        after = _first_after(candidates, ref)
        if after is not None:
            return after
        if self.anchor.day is not None and not self.tense:
            day = self.anchor.day
            near = [d for d in candidates if abs((d - day).days) <= 45 or 0 <= (d - day).days <= 150]
            same = [d for d in candidates if d.year == day.year]
            if same and not near:
                return same[0]
        return _closest(sorted(candidates), self.anchor, self.tense)

    def day(self, g: dict, ref: date | None = None) -> date | None:
        """The calendar day one side of a match names, or None if it names none."""
        if g.get("iy"):
            return _safe_date(int(g["iy"]), int(g["im"]), int(g["id"]))
        if g.get("month") and g.get("day"):
            return self._month_day(to_int(g["month"]), to_int(g["day"]), g, ref)
        if g.get("dm"):
            return self._month_day(int(g["dm"]), int(g["dd"]), {}, ref)
        if g.get("sm"):
            return self._slash_day(int(g["sm"]), int(g["sd"]), g, ref)
        if g.get("xm"):
            return self._month_day(int(g["xm"]), int(g["xd"]), g, ref)
        if g.get("relmonth"):
            anchor = self._need_day()
            index = anchor.month - 1 + self.words["relative_months"][g["relmonth"]]
            return _safe_date(anchor.year + index // 12, index % 12 + 1, to_int(g["rmday"]))
        if g.get("day") and ref is not None:  # 7日至8日: month (and year) of the first day
            day = to_int(g["day"])
            result = _safe_date(ref.year, ref.month, day) if day >= ref.day else None
            if result is None:
                month = ref.month % 12 + 1
                result = _safe_date(ref.year + (month == 1), month, day)
            return result
        if g.get("day"):  # a bare 25日: that day nearest the anchor
            return _closest(_months_around(self._need_day(), to_int(g["day"])), self.anchor)
        if g.get("relday"):
            return self._need_day() + timedelta(days=self.words["relative_days"][g["relday"]])
        if g.get("reldayc"):  # 明（21）日: the page's next day, and the 21st: the day number wins
            near = self._need_day() + timedelta(days=self.words["relative_day_chars"][g["reldayc"]])
            return min(_months_around(near, int(g["rdn"])), key=lambda d: abs((d - near).days))
        if g.get("relweek"):
            anchor = self._need_day()
            monday = anchor - timedelta(days=anchor.weekday())
            weeks = self.words["relative_weeks"][g["relweek"]]
            return monday + timedelta(weeks=weeks, days=self.words["weekdays"][g["rweekday"]])
        if g.get("lmonth") or g.get("lmonth2") or g.get("lnew"):
            return self._lunar(g, ref)
        if g.get("lday") and ref is not None:  # 正月初一至初五: the first day's lunar month
            year, month, first = solar_to_lunar(ref)
            day = to_int(g["lday"])
            result = lunar_to_solar(year, month, day) if day > first else None
            if result is None:
                raise _Unresolvable("no such day in that lunar month")
            return result
        if g.get("rweekday") and ref is not None:  # 下周二至周四: the same week as the first day
            return ref + timedelta(days=(self.words["weekdays"][g["rweekday"]] - ref.weekday()) % 7)
        if g.get("prev"):  # 次日, 当晚: the day of the date before it
            if ref is None:  # none: the day of the page, like a bare clock time
                ref = self._need_day()
            return ref + timedelta(days=self.words["previous_days"][g["prev"]])
        if g.get("fest"):
            result = self._festival(g["fest"], ref)
            return result + timedelta(days=self.words["festival_days"].get(g.get("eve"), 0))
        return None

    def clock(self, g: dict, after: time | None = None) -> time | None:
        if g.get("hour"):
            hour, minute = int(g["hour"]), int(g["minute"])
        elif g.get("hourc"):
            hour = to_int(g["hourc"])
            minute = to_int(g["minutec"]) if g.get("minutec") else 30 if g.get("half") else 0
            if g.get("quarter"):
                minute = 15 if g["quarter"] == "一刻" else 45
        else:
            return None
        periods = self.words["periods"]
        period = g.get("period") or next((w for w in (g.get("eve"), g.get("relday"), g.get("prev")) if w in periods), None)
        if period:  # 下午2时; 七夕当晚七时; 今晚7点
            offset = self.words["periods"][period]
            if offset == 12 and hour < 12 and not (period == "中午" and hour >= 11):
                hour += 12
            elif offset == 0 and hour == 12 and period in ("凌晨", "午夜"):
                hour = 0
        elif after is not None and hour < after.hour and hour + 12 < 24:
            hour += 12  # 下午2时至5时: the second time keeps the first one's half of the day
        if after is not None and minute == 0 and (hour in (0, 24) or hour == 12 < after.hour):
            return time(23, 59)  # 晚上8时至12时, 20:00-24:00: until midnight, the day's last minute
        if hour > 23 or minute > 59:
            return None
        return time(hour, minute)


_CLOCK_RULES = ("time", "time_colon", "time_range")
_SMALL_HOURS = time(6)  # a range that ends before this, earlier than it starts, ends the next day
_LIST_SEPARATOR = re.compile(r"\s*[、,，和及与或]\s*")
_SENTENCE_STOP = re.compile(r"[。！？!?；;\n]")


def _tense(before: str, grammar: Grammar) -> int:
    """+1 when the words before a date say it is to come, -1 when past; the cue nearer the date (or
    the longer one: 原定于 over 定于) wins."""
    key = lambda m: (m.end(), m.end() - m.start())  # noqa: E731
    cues = [(key(m), tense) for pattern, tense in ((grammar.future, 1), (grammar.past, -1), (grammar.neutral, 0))
            for m in pattern.finditer(before)]
    return max(cues)[1] if cues else 0


def _sides(rule: Rule, match: re.Match) -> tuple[dict, dict, dict]:
    """The groups that took part in the match, as the first side's (a_), the second's (b_) and the rest,
    without their side's prefix."""
    a, b, rest = {}, {}, {}
    sides = (a, b, rest, {})
    groups = match.groups()
    # a rule's pattern has some thirty groups and a match fills a few: compress picks those in C
    for (side, name), value in compress(zip(rule.layout, groups, strict=True), map(is_not, groups, repeat(None))):
        sides[side][name] = value
    return a, b, rest


def _at(day: date, clock: time | None) -> date | datetime:
    return datetime.combine(day, clock) if clock else day


def _resolve(rule: Rule, match: re.Match, resolver: _Resolver, ref: date | None = None) -> tuple[object, object] | None:
    """(start, last) of one match; ``ref`` is the day a listed bare day follows (3月8日、9日)."""
    a, b, rest = _sides(rule, match)
    if rule.kind == "duration":
        return None, None
    if rule.kind == "recurring":
        start = resolver._need_day()
        if a.get("rweekday"):
            target = resolver.words["weekdays"][a["rweekday"]]
            return start + timedelta(days=(target - start.weekday()) % 7), None
        if not a.get("day"):  # 每日上午九时: every day from the anchor on
            return _at(start, resolver.clock(a)), None
        day = to_int(a["day"])
        first = start if start.day <= day else (start.replace(day=1) + timedelta(days=32)).replace(day=1)
        return _safe_date(first.year, first.month, day), None

    if rule.open_start:
        return None, _at(resolver.day(b), resolver.clock(b))
    if a.get("wkend"):  # 本周末: the Saturday and Sunday of that week
        anchor = resolver._need_day()
        saturday = anchor - timedelta(days=anchor.weekday()) + timedelta(
            weeks=resolver.words["relative_weeks"][a["wkend"]], days=5)
        if b:  # 从本周末持续到10月8日
            return saturday, resolver.day(b, ref=saturday)
        return saturday, saturday + timedelta(days=1)
    if a.get("hol"):  # 国庆假期: the festival's holiday, or its day when the length varies
        festival = resolver.words["holidays"][a["hol"]]
        offset, days = resolver.g.festivals[festival].get("holiday", (0, 1))
        first = resolver._festival(festival) + timedelta(days=offset)
        return first, (first + timedelta(days=days - 1) if days > 1 else None)
    first = resolver._need_day() if rule.from_base else resolver.day(a, ref=ref)
    start_clock = resolver.clock(a)
    if first is None:  # a bare clock time: the anchor's day
        if start_clock is None:
            return None
        first = resolver._need_day()
    if rule.kind == "point":
        return _at(first, start_clock), None
    if "days" in rest or "halfm" in rest:
        return first, span_last(rest, first)

    last_day = resolver.day(b, ref=first if not rule.from_base else None)
    end_clock = resolver.clock(b, after=start_clock)
    if last_day is None:  # 14:00-16:00 on one day
        last_day = first
    if last_day < first or (last_day - first).days > 366:
        raise _Unresolvable("range ends before it starts")
    start = _at(first, start_clock)
    last = _at(last_day, end_clock)
    if isinstance(start, datetime) and isinstance(last, datetime) and last < start:
        if last_day != first or end_clock >= _SMALL_HOURS:
            raise _Unresolvable("time range ends before it starts")
        last += timedelta(days=1)  # 晚上10时至凌晨1时: the small hours of the next day
    if not isinstance(start, datetime) and isinstance(last, datetime):
        last = last_day
    return start, last


def _select(candidates: list[tuple[int, int, Rule, re.Match]], norm: str, grammar: Grammar):
    """Longest first, higher priority on ties, then leftmost; nothing overlapping a negative span."""
    chosen: list[tuple[int, int, Rule, re.Match]] = []
    taken = bytearray()
    for begin, end, rule, match in sorted(candidates, key=lambda c: (-(c[1] - c[0]), -c[2].priority, c[0])):
        if len(taken) < end:
            taken.extend(b"\0" * (end - len(taken)))
        if any(taken[begin:end]) or _blocked(norm, grammar, begin, end):
            continue
        taken[begin:end] = b"\1" * (end - begin)
        chosen.append((begin, end, rule, match))
    chosen.sort(key=lambda c: c[0])
    return chosen


def _starts(norm: str, grammar: Grammar) -> list[int]:
    """The positions where a rule may match: each anchor, and the numerals leading up to it."""
    starts: set[int] = set()
    for match in grammar.anchors.finditer(norm):
        position = match.start()
        starts.add(position)
        floor = max(0, position - grammar.lead_max)
        while position > floor and norm[position - 1] in grammar.lead:
            position -= 1
            starts.add(position)
    return sorted(starts)


def _blocked(norm: str, grammar: Grammar, begin: int, end: int) -> bool:
    """Does a negative pattern (15分钟, 十一届, a phone number) overlap norm[begin:end]?"""
    low, high = max(0, begin - 24), min(len(norm), end + 24)
    if grammar.any_negative is not None and not grammar.any_negative.search(norm, low, high):
        return False  # no negative matches anywhere in the window
    return any(m.start() < end and begin < m.end() for neg in grammar.negatives for m in neg.finditer(norm, low, high))


def _consecutive(rule: Rule, match: re.Match) -> bool:
    """15、16日 is one span; 8日、15日 is a list of two days."""
    a, b, _ = _sides(rule, match)
    try:
        return to_int(b["day"]) == to_int(a["day"]) + 1
    except (KeyError, ValueError):
        return False


def find_times(text: str, base: date | datetime | Anchor | None = None, *, folded: str | None = None,
               lang: str = "zh") -> list[TimeExpr]:
    """Every day-precision time expression in ``text``, resolved against ``base``."""
    grammar = load_grammar(lang)
    norm = folded if folded is not None else fold(text)
    candidates = []
    by_first, any_first, bases = grammar.by_first, grammar.any_first, grammar.bases
    for position in _starts(norm, grammar):
        tried: dict[str, re.Match | None] = {}  # the matches here of the rules others are tried within
        for rule in by_first.get(norm[position], any_first):
            if rule.within is not None:  # 12月7日至8日 opens with a date: where no date starts, no range does
                if rule.within not in tried:
                    tried[rule.within] = bases[rule.within].regex.match(norm, position)
                if tried[rule.within] is None:
                    continue
            match = tried[rule.name] if rule.name in tried else rule.regex.match(norm, position)
            if match and match.end() > position and (not rule.pair or _consecutive(rule, match)):
                candidates.append((position, match.end(), rule, match))
    if not candidates:
        return []
    resolver = _Resolver(grammar, Anchor.of(base))
    found: list[TimeExpr] = []
    for begin, end, rule, match in _select(candidates, norm, grammar):
        previous = found[-1] if found else None
        listed = previous is not None and previous.start is not None and _LIST_SEPARATOR.fullmatch(norm[previous.end:begin])
        before = norm[max(0, begin - grammar.tense_window):begin]
        if not listed:  # a listed date (9月7日、14日、10月1日) keeps the tense of the list
            tense = _tense(before, grammar)
            same_sentence = previous is not None and not _SENTENCE_STOP.search(norm, previous.end, begin)
            resolver.tense = tense or (resolver.tense if same_sentence else 0)
        ref = None
        if listed:  # and follows the date before it
            ref = previous.start.date() if isinstance(previous.start, datetime) else previous.start
        elif rule.name == "previous_day":  # 次日: the day after the last date named before it
            day_before = next((t for t in reversed(found) if t.rule not in _CLOCK_RULES and (t.start or t.last)), None)
            if day_before is not None:
                value = day_before.start or day_before.last
                ref = value.date() if isinstance(value, datetime) else value
        resolver.conflict = False
        try:
            resolved = _resolve(rule, match, resolver, ref)
        except _Unresolvable:
            continue
        if resolved is None:
            continue
        start, last = resolved
        found.append(TimeExpr(
            text=text[begin:end],
            begin=begin,
            end=end,
            kind=rule.kind,
            start=start,
            last=last,
            open_start=rule.open_start,
            rule=rule.name,
            conflict=resolver.conflict,
        ))
    return found
