"""The hand-made gold sets must stay well-formed: a broken line would silently skew every score.

Checks `tests/data/{dev,heldout,heldout2}/gold.jsonl` (events of the articles, in the format of
`../shared/eval/score.py`) and `bench/timex_gold.jsonl` (time expressions per sentence).
"""
from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path

import opencc
import pytest

from calfeed.records import CATEGORIES

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "tests" / "data" / "dev"
DEV_GOLD = DEV / "gold.jsonl"
DEV_DOCS = DEV / "docs"
TIMEX_GOLD = ROOT / "bench" / "timex_gold.jsonl"

DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?")
CLOCK = re.compile(r"\d{2}:\d{2}")
EVENT_KEYS = {"doc", "start", "end", "keywords", "location", "categories", "required"}
_to_simplified = opencc.OpenCC("t2s")


def _moment(value: str) -> datetime | None:
    """A gold date or date-time, or None when it is not one."""
    if not isinstance(value, str) or not MOMENT.fullmatch(value):
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def _parse(lines: list[str]) -> tuple[list[tuple[int, dict]], list[str]]:
    rows, problems = [], []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"line {number}: not JSON ({exc.msg})")
            continue
        if not isinstance(row, dict):
            problems.append(f"line {number}: not an object")
            continue
        rows.append((number, row))
    return rows, problems


def dev_gold_problems(lines: list[str], docs: Path) -> list[str]:
    """Every way the dev gold lines disagree with score.py's format or with the docs folder."""
    rows, problems = _parse(lines)
    metas: dict[str, dict] = {}
    for number, row in rows:
        if not row.get("doc_meta"):
            continue
        doc, published, year = row.get("doc"), row.get("published"), row.get("year")
        if doc in metas:
            problems.append(f"line {number}: second doc_meta for {doc}")
        metas[doc] = row
        if not isinstance(year, int) or not 1990 <= year <= 2100:
            problems.append(f"line {number}: year {year!r} is not a plausible year")
        if published is not None:
            if not isinstance(published, str) or not DAY.fullmatch(published) or _moment(published) is None:
                problems.append(f"line {number}: published {published!r} is not YYYY-MM-DD")
            elif int(published[:4]) != year:
                problems.append(f"line {number}: published {published} disagrees with year {year}")
        if not isinstance(doc, str) or not (docs / doc).is_file():
            problems.append(f"line {number}: doc {doc!r} is not in {docs}")
    texts: dict[str, str] = {}
    for number, row in rows:
        if row.get("doc_meta"):
            continue
        missing = EVENT_KEYS - row.keys()
        if missing:
            problems.append(f"line {number}: missing {sorted(missing)}")
            continue
        doc = row["doc"]
        if doc not in metas:
            problems.append(f"line {number}: {doc!r} has no doc_meta line")
            continue
        if doc not in texts and (docs / doc).is_file():
            texts[doc] = _to_simplified.convert((docs / doc).read_text(encoding="utf-8"))
        start, end = row["start"], row["end"]
        first = None if start == "*" else _moment(start)
        if start != "*" and (first is None or not DAY.fullmatch(start)):
            problems.append(f"line {number}: start {start!r} is not '*' or YYYY-MM-DD")
        if end not in (None, "*"):
            last = _moment(end)
            if last is None or not DAY.fullmatch(end):
                problems.append(f"line {number}: end {end!r} is not null, '*' or YYYY-MM-DD")
            elif first is not None and last <= first:
                problems.append(f"line {number}: end {end} is not after start {start}")
        for when in (first, _moment(end) if isinstance(end, str) else None):
            if when is not None and abs(when.year - metas[doc]["year"]) > 1:
                problems.append(f"line {number}: {when.date()} is far from the article's year")
        keywords = row["keywords"]
        if not isinstance(keywords, list) or not keywords or not all(isinstance(k, str) and k for k in keywords):
            problems.append(f"line {number}: keywords must be a non-empty list of strings")
        elif doc in texts and not any(_to_simplified.convert(k) in texts[doc] for k in keywords):
            problems.append(f"line {number}: no keyword of {keywords} occurs in {doc}")
        location = row["location"]
        if location is not None and not (isinstance(location, str) and location.strip()):
            problems.append(f"line {number}: location must be null or a non-empty string")
        categories = row["categories"]
        if not isinstance(categories, list) or not categories or not set(categories) <= set(CATEGORIES):
            problems.append(f"line {number}: categories {categories!r} not within {CATEGORIES}")
        if not isinstance(row["required"], bool):
            problems.append(f"line {number}: required must be true or false")
        if "start_time" in row and not (isinstance(row["start_time"], str) and CLOCK.fullmatch(row["start_time"])):
            problems.append(f"line {number}: start_time {row['start_time']!r} is not HH:MM")
    return problems


def timex_gold_problems(lines: list[str]) -> list[str]:
    """Every way the time-expression gold lines break the format bench/extract_bench.py reads."""
    rows, problems = _parse(lines)
    for number, row in rows:
        text, base, expected = row.get("text"), row.get("base"), row.get("expected")
        if not isinstance(text, str) or not text.strip():
            problems.append(f"line {number}: text must be a non-empty string")
            continue
        if not isinstance(base, str) or not DAY.fullmatch(base) or _moment(base) is None:
            problems.append(f"line {number}: base {base!r} is not YYYY-MM-DD")
        if not isinstance(expected, list):
            problems.append(f"line {number}: expected must be a list")
            continue
        for item in expected:
            if not isinstance(item, dict) or set(item) != {"text", "start", "end"}:
                problems.append(f"line {number}: expected items have exactly text, start, end")
                continue
            if not isinstance(item["text"], str) or not item["text"] or item["text"] not in text:
                problems.append(f"line {number}: {item['text']!r} is not part of the sentence")
            start, end = item["start"], item["end"]
            first = None if start is None else _moment(start)
            last = None if end is None else _moment(end)
            if start is None and end is None:
                problems.append(f"line {number}: {item['text']!r} needs a start or an end")
            if start is not None and first is None:
                problems.append(f"line {number}: start {start!r} is not YYYY-MM-DD[THH:MM]")
            if end is not None and last is None:
                problems.append(f"line {number}: end {end!r} is not YYYY-MM-DD[THH:MM]")
            if first and last and last <= first:
                problems.append(f"line {number}: end {end} is not after start {start}")
    return problems


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize("folder", ["dev", *sorted(p.name for p in (ROOT / "tests" / "data").glob("heldout*"))])
def test_each_event_gold_set_is_well_formed(folder):
    """The dev set and the held-out sets (written blind, never tuned on) share the format."""
    data = ROOT / "tests" / "data" / folder
    assert dev_gold_problems(_lines(data / "gold.jsonl"), data / "docs") == []


def test_every_dev_doc_has_gold_and_names_are_unique():
    names = {row["doc"] for _, row in _parse(_lines(DEV_GOLD))[0] if row.get("doc_meta")}
    on_disk = {p.name for p in DEV_DOCS.iterdir()}
    assert on_disk == names
    demo = {p.name for p in (ROOT / "demo").iterdir()}
    corpus = {p.name for p in (ROOT / "bench" / "corpus").iterdir()} if (ROOT / "bench" / "corpus").is_dir() else set()
    assert not demo & corpus, "a doc name must say which folder it comes from"
    assert demo <= names, "every demo article has gold events"


def test_timex_gold_is_well_formed_and_covers_negatives():
    lines = _lines(TIMEX_GOLD)
    assert timex_gold_problems(lines) == []
    rows = [row for _, row in _parse(lines)[0]]
    assert len(rows) >= 150
    assert sum(1 for row in rows if not row["expected"]) >= 20, "negatives keep precision honest"


@pytest.mark.parametrize("line, complaint", [
    ('{"doc": "d01_page_20250304.txt", "start": "2025-3-3", "end": null, "keywords": ["推进会"], '
     '"location": null, "categories": ["meeting"], "required": true}', "is not '*' or YYYY-MM-DD"),
    ('{"doc": "d01_page_20250304.txt", "start": "2025-03-03", "end": "2025-03-01", "keywords": ["推进会"], '
     '"location": null, "categories": ["meeting"], "required": true}', "is not after start"),
    ('{"doc": "d01_page_20250304.txt", "start": "2025-03-03", "end": null, "keywords": ["推进会"], '
     '"location": null, "categories": ["party"], "required": true}', "categories"),
    ('{"doc": "d01_page_20250304.txt", "start": "2025-03-03", "end": null, "keywords": ["不存在的词"], '
     '"location": null, "categories": ["meeting"], "required": true}', "no keyword"),
    ('{"doc": "nowhere.txt", "start": "2025-03-03", "end": null, "keywords": ["推进会"], '
     '"location": null, "categories": ["meeting"], "required": true}', "has no doc_meta"),
    ('{"doc": "d01_page_20250304.txt", "start": "2025-03-03", "end": null}', "missing"),
    ('{"doc": "d01_page_20250304.txt", "start": "2025-03-03", "end": null, "keywords": ["推进会"], '
     '"location": null, "categories": ["meeting"], "required": true, "start_time": "9:00"}', "HH:MM"),
    ('{"doc": "d01_page_20250304.txt", "start": "2025-03-03",', "not JSON"),
])
def test_dev_gold_validation_rejects_a_broken_line(line, complaint):
    meta = '{"doc_meta": true, "doc": "d01_page_20250304.txt", "published": null, "year": 2025}'
    problems = dev_gold_problems([meta, line], DEV_DOCS)
    assert any(complaint in p for p in problems), problems


@pytest.mark.parametrize("line, complaint", [
    ('{"text": "3月8日举行。", "base": "2025/03/04", "expected": []}', "base"),
    ('{"text": "3月8日举行。", "base": "2025-03-04", "expected": [{"text": "3月9日", "start": "2025-03-08", '
     '"end": null}]}', "not part of the sentence"),
    ('{"text": "3月8日举行。", "base": "2025-03-04", "expected": [{"text": "3月8日", "start": "2025-02-30", '
     '"end": null}]}', "is not YYYY-MM-DD"),
    ('{"text": "3月8日至1日", "base": "2025-03-04", "expected": [{"text": "3月8日至1日", "start": "2025-03-08", '
     '"end": "2025-03-01"}]}', "not after start"),
    ('{"text": "3月8日举行。", "base": "2025-03-04", "expected": [{"text": "3月8日", "start": "2025-03-08"}]}',
     "exactly text, start, end"),
])
def test_timex_gold_validation_rejects_a_broken_line(line, complaint):
    problems = timex_gold_problems([line])
    assert any(complaint in p for p in problems), problems

