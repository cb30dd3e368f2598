"""When was this article published? From the text, else the caller, else inferred.

Relative words (今天, 本周六) and year-less dates resolve against the answer, so it is
recorded with where it came from: ``text`` (a dated header, label or dateline),
``caller`` (the source's own date), ``inferred`` (only the year, from the content).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date

from extract.grammar import load_grammar
from extract.lexicon import Lexicon
from extract.lunar import festival_in_lunar_year
from extract.numerals import to_int
from extract.segment import Page
from extract.text import fold

_QUOTED = re.compile(r"[“「『\"]([^“”「」『』\"\n]{2,40})[”」』\"]")
_YEAR = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})\s*年(度)?(\s*[0-9]{1,2}\s*月\s*[0-9]{1,2}\s*日)?")
_CLAUSE = re.compile(r"[，。；！？,;!?\n]")
_SENTENCE = re.compile(r"[。；！？;!?\n]")
_WORDY = re.compile(r"[A-Za-z]{3}")  # March 8, 2025; 8 mars 2025


@dataclass(frozen=True)
class Publication:
    day: date | None
    year: int | None
    source: str | None  # text | caller | inferred | None


def _full_date(text: str, lex: Lexicon) -> date | None:
    for pattern in lex.pub_full_dates:
        for match in pattern.finditer(text):
            groups = match.groupdict()
            year = int(groups["roc"]) + 1911 if groups.get("roc") else to_int(groups["y"])
            try:
                return date(year, to_int(match.group("m")), to_int(match.group("d")))
            except ValueError:
                continue
    return None


def _label_date(head: str, lex: Lexicon) -> date | None:
    match = lex.pub_label.search(head)
    if not match:
        return None
    value = match.group("value")
    found = _full_date(value, lex)
    if found or not _WORDY.search(value):
        return found  # the patterns read every numeric form; dateparser is for month names
    import dateparser  # free-form metadata dates (March 8, 2025; 8 mars 2025)

    parsed = dateparser.parse(value, languages=["zh", "en"], settings={"REQUIRE_PARTS": ["day", "month", "year"]})
    return parsed.date() if parsed else None


def _around(text: str, begin: int, end: int, stops: re.Pattern = _CLAUSE) -> str:
    """The clause (or sentence) around ``text[begin:end]``."""
    window = max(0, begin - 80)
    left = max((m.end() for m in stops.finditer(text, window, begin)), default=window)
    right = stops.search(text, end)
    return text[left:right.start() if right else min(len(text), end + 80)]


def history_paragraphs(paragraphs: list[str], headings: set[int], lex: Lexicon) -> set[int]:
    """The paragraphs that tell history (回望…, or under a sub-heading 历史沿革): not the article's now."""
    cues = lex.pubdate
    found, under = set(), False
    for index, paragraph in enumerate(paragraphs):
        if index in headings:
            under = bool(cues["history_heading"].search(paragraph))
            continue
        opening = paragraph.lstrip(" 　■□◆●·-—")
        if cues["present_opening"].match(opening):
            under = False
        elif under or cues["history_opening"].match(opening):
            found.add(index)
    return found


def _founding(norm: str, match: re.Match, cues: dict) -> bool:
    """自1984年起举办, 始于1990年, 1985年创办, 1990年第一届: the year a series began (自2026年起 alone is not)."""
    before, after = norm[max(0, match.start() - 8):match.start()], norm[match.end():match.end() + 24]
    if not cues["founding_after"].match(after):
        return bool(cues["founding_before"].search(before)) and not before.rstrip().endswith(("自", "从"))
    return True


def infer_year(norm: str, lex: Lexicon, history: str = "", titles: str = "") -> int | None:
    """The likeliest publication year of an undated article, from the years it names and how."""
    cues = lex.pubdate
    has = lambda words, text: any(w in text for w in words)  # noqa: E731
    next_year = has(cues["next_year_words"], norm)
    last_year = has(cues["last_year_words"], norm)
    votes: Counter[int] = Counter()
    for match in _YEAR.finditer(norm):
        year = int(match.group(1))
        clause = _around(norm, match.start(), match.end())
        sentence = _around(norm, match.start(), match.end(), _SENTENCE)
        if has(cues["historical"], sentence) or (not match.group(3) and _founding(norm, match, cues)):
            continue
        if match.group(3):  # a full date
            votes[year] += 3
        elif match.group(2):  # 2023年度
            votes[year + 1 if has(cues["awarded"], clause) else year] += 2
        elif has(cues["future"], sentence):
            votes[year] += 1
            if next_year:
                votes[year - 1] += 1.5
        elif has(cues["past"], sentence):
            votes[year] += 0.5
            votes[year + 1] += 1 if last_year else 0.5
        else:
            votes[year] += 0.5
    quoted = "\n".join(_QUOTED.findall(norm))
    for match in cues["edition_year"].finditer(titles + "\n" + quoted):  # 2024綠川藝文季: this year's edition
        votes[int(match.group("year"))] += 3
    for match in lex.countdown.finditer(norm):
        votes[int(match.group("year")) - to_int(match.group("n"))] += 3
    # 1990年4月18日…开发开放。…开发开放35周年: the beginning plus the anniversary
    beginnings = {int(m.group(1)) for m in _YEAR.finditer(history)}
    for match in cues["anniversary"].finditer(norm):
        n = to_int(match.group("n"))
        for year in beginnings:
            if 1 <= n <= 200 and 1990 <= year + n <= date.today().year + 1:
                votes[year + n] += 4
    if not votes:
        return None
    return max(votes, key=lambda y: (votes[y], y))


def _year_from_calendar(norm: str, lex: Lexicon) -> int | None:
    """An article that names no year: the latest year (up to next year) in which most of its dates
    fall on the weekdays and festivals it gives them (10月25日（星期六）, 1/11（六）, 中秋节当晚（10月6日））."""
    grammar = load_grammar()
    tests = []
    for match in lex.weekday_date.finditer(norm):
        month, day = int(match.group("m")), int(match.group("d") or match.group("sd"))
        weekday = grammar.words["weekdays"][match.group("w")]
        tests.append(lambda y, m=month, d=day, w=weekday: date(y, m, d).weekday() == w)
    for match in lex.festival_date.finditer(norm):
        spec = grammar.festivals[grammar.festival_names[match.group("f")]]
        month, day = int(match.group("m")), int(match.group("d"))
        tests.append(lambda y, s=spec, m=month, d=day: festival_in_lunar_year(s, y, grammar.festivals) == date(y, m, d))
    if not tests:
        return None
    def agrees(test, year: int) -> bool:
        try:
            return test(year)
        except ValueError:  # 2月29日 in a common year
            return False
    this_year = date.today().year
    count, year = max((sum(agrees(test, year) for test in tests), year)
                      for year in range(this_year + 1, this_year - 28, -1))
    return year if count * 2 > len(tests) else None  # a misprinted weekday does not hide the year


def _byline_or_footer_date(page: Page, lex: Lexicon) -> date | None:
    """原创 XX发布 2025-09-10 18:02 in the first lines, or 2025年3月5日（星期三） or a credits line
    (编辑：…｜2024年11月12日) closing the page."""
    cues = lex.pubdate
    for line in page.top:
        if len(line) <= 80 and "。" not in line and cues["byline_date"].search(line):
            found = _full_date(line, lex)
            if found:
                return found
    for line in reversed(page.bottom):
        if cues["footer_date"].match(line) or (len(line) <= 80 and "。" not in line and cues["footer_credits"].search(line)):
            found = _full_date(line, lex)
            if found:
                return found
    return None


def _present(segment, lex: Lexicon) -> str:
    """A segment's text without its history paragraphs."""
    history = history_paragraphs(segment.folded, segment.headings, lex)
    return "\n".join(p for i, p in enumerate(segment.folded) if i not in history)


def find_publication(page: Page, caller: date | None, lex: Lexicon) -> Publication:
    for line in page.header:
        found = _full_date(fold(line), lex)
        if found:
            return Publication(found, found.year, "text")
    head = "\n".join([fold(line) for line in page.header] + page.top
                     + [p for s in page.segments for p in s.folded[:2]])[:3000]
    found = _label_date(head, lex) or _byline_or_footer_date(page, lex)
    if found:
        return Publication(found, found.year, "text")
    year = caller.year if caller else None
    source = "caller" if caller else None
    if year is None:
        titles = "\n".join(fold(s.title) for s in page.segments if s.title)
        present = titles + "\n" + "\n".join(_present(s, lex) for s in page.segments)
        year = infer_year(present, lex, "\n".join(s.norm for s in page.segments), titles)
        source = "inferred" if year else None
    if year is None:
        year = _year_from_calendar("\n".join(s.norm for s in page.segments), lex)
        source = "inferred" if year else None
    first_lines = [fold(line) for line in page.header] + [s.folded[0] for s in page.segments[:3] if s.folded]
    for line in first_lines:
        match = lex.pub_dateline.match(line)
        if match and year:
            month, day = int(match.group("m")), int(match.group("d"))
            try:
                found = date(year, month, day)
            except ValueError:
                continue
            if caller and abs((found - caller).days) > 180:  # the dispatch came from the previous/next year
                found = found.replace(year=year + (1 if found < caller else -1))
            return Publication(found, found.year, "text")
    if caller:
        return Publication(caller, caller.year, "caller")
    return Publication(None, year, source)
