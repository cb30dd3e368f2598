"""Extraction speed and time-expression accuracy against jionlp and dateparser, in one run.

    .venv/bin/python bench/extract_bench.py [--quick] [--budget SECONDS] [--rounds N]

1. Throughput, in characters per second, over the corpus: `bench/corpus/*`, the demo
   and held-out articles, plus `../shared/seeds/*.txt` when that folder exists (read at
   run time, never copied).
   calfeed runs full event extraction (`extract.extract_events`: segmentation,
   publication date, time grammar, titles, places, categories); jionlp runs
   `extract_time` and dateparser `search.search_dates(languages=["zh"])` -- time
   expressions only.
   Each tool runs in a process of its own that imports nothing of the others (jionlp's
   dictionaries would otherwise slow every other tool's garbage collection), as it would
   run in a service, and the tools take turns: "first pass" is the rate of one pass over the
   corpus straight after one warm-up sentence, lazy set-up included (lunar tables, jionlp's
   models); then each tool takes `--rounds` turns in rotating order, a turn being one pass
   (calfeed: the fastest of its passes in one second). "steady" is a tool's fastest turn, and
   "per round" the median and range of calfeed's rate over the other's in each round: this
   machine's speed drifts by a third within minutes, and a round compares rates measured
   seconds apart. A tool stops at the first document that ends past `--budget` seconds.
2. Accuracy on `bench/timex_gold.jsonl`: precision, recall and F1 of the resolved
   (first day, last day) pairs of each sentence, a pair with last == first counting
   as a single day; "time" is the share of matched gold items with a clock time whose
   HH:MM start the tool also gave.
   - calfeed: `extract.find_times(text, base)`; `duration` and `recurring` expressions
     are dropped, an open start ("持续到5月31日") is a pair (None, last day).
   - jionlp: `time_point` and `time_span` results; a point covering more than one day
     (a bare year or month: "2022年" -> the whole year) is not day precision and is
     dropped, as are `time_delta` and `time_period`; the first and last second of the
     result give the pair. "blur" results are kept.
   - dateparser: every (text, datetime) found is a single day; it has no spans.
   A tool that raises on a sentence scores nothing for it (counted as errors).
Nothing is asserted; the figures go in the README by hand.
"""
from __future__ import annotations

import argparse
import io
import json
import logging
import subprocess
import sys
import tempfile
import time
from contextlib import redirect_stdout
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CORPUS = ROOT / "bench" / "corpus"
SEEDS = ROOT.parent / "shared" / "seeds"
DEV_GOLD = ROOT / "tests" / "data" / "dev" / "gold.jsonl"
# More of the project's own articles, for a corpus past 200 KB: the demo pages and the held-out
# pages (their gold stays unused here, so timing them spoils nothing).
HELD_OUT = sorted((ROOT / "tests" / "data").glob("heldout*"))
MORE = [ROOT / "demo", *(folder / "docs" for folder in HELD_OUT)]
MORE_GOLD = [folder / "gold.jsonl" for folder in HELD_OUT]
TIMEX_GOLD = ROOT / "bench" / "timex_gold.jsonl"


@dataclass
class Doc:
    name: str
    text: str
    published: date | None  # what a caller would pass (from the dev gold), else None
    base: date  # what jionlp and dateparser resolve against: they need some date


@dataclass
class Speed:
    chars: int = 0
    seconds: float = 0.0
    docs: int = 0
    errors: int = 0
    complete: bool = True

    @property
    def rate(self) -> float:
        return self.chars / self.seconds if self.seconds else 0.0


@dataclass
class Accuracy:
    tp: int = 0
    found: int = 0
    gold: int = 0
    timed: int = 0
    timed_ok: int = 0
    errors: int = 0
    seconds: float = 0.0

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / self.found if self.found else 0.0
        r = self.tp / self.gold if self.gold else 0.0
        return p, r, 2 * p * r / (p + r) if p + r else 0.0


def load_corpus() -> list[Doc]:
    """Corpus and seed texts with the publication dates the dev gold knows for them."""
    metas = {}
    if DEV_GOLD.exists():
        for line in DEV_GOLD.read_text(encoding="utf-8").splitlines():
            row = json.loads(line) if line.strip() else {}
            if row.get("doc_meta"):
                metas[row["doc"]] = row
    for gold in [SEEDS.parent / "eval" / "gold" / "seeds.jsonl", *MORE_GOLD]:
        if gold.exists():
            for line in gold.read_text(encoding="utf-8").splitlines():
                row = json.loads(line) if line.strip() else {}
                if row.get("doc_meta"):
                    metas[row["doc"]] = row
    paths = sorted(CORPUS.glob("*")) + (sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else [])
    paths += [path for folder in MORE if folder.is_dir() for path in sorted(folder.iterdir()) if path.is_file()]
    docs = []
    for path in paths:
        meta = metas.get(path.name, {})
        published = date.fromisoformat(meta["published"]) if meta.get("published") else None
        base = published or (date(meta["year"], 6, 30) if meta.get("year") else date.today())
        docs.append(Doc(path.name, path.read_text(encoding="utf-8"), published, base))
    return docs


def quiet_import_jionlp():
    """jionlp prints a banner on import; keep the table readable."""
    with redirect_stdout(io.StringIO()):
        from jionlp.algorithm.ner import extract_time
    return extract_time


def epoch(day: date) -> float:
    return time.mktime(datetime(day.year, day.month, day.day).timetuple())


def one_pass(run, docs: list[Doc], deadline: float) -> Speed:
    """One pass of ``run(doc)`` over the corpus, cut short at the first document ending past ``deadline``."""
    speed = Speed()
    for doc in docs:
        begin = time.perf_counter()
        try:
            run(doc)
        except Exception:  # a crash on one text is a result, not the end of the run
            speed.errors += 1
        speed.seconds += time.perf_counter() - begin
        speed.chars += len(doc.text)
        speed.docs += 1
        if time.perf_counter() > deadline and doc is not docs[-1]:
            speed.complete = False
            break
    return speed


def _tool_runner(name: str):
    """The one call a tool makes per document; imports only that tool."""
    if name == "calfeed":
        import extract
        return lambda d: extract.extract_events(d.text, published=d.published)
    if name == "jionlp":
        extract_time = quiet_import_jionlp()
        return lambda d: extract_time(d.text, time_base=epoch(d.base))
    from dateparser.search import search_dates
    return lambda d: search_dates(d.text, languages=["zh"],
                                  settings={"RELATIVE_BASE": datetime(d.base.year, d.base.month, d.base.day)})


TOOLS = {"calfeed": "calfeed (events)", "jionlp": "jionlp extract_time", "dateparser": "dateparser search_dates"}


def serve(name: str, docs: list[Doc]) -> None:
    """The measuring process of one tool: a warm-up sentence, then, per line read ("AT_LEAST DEADLINE"
    in seconds), passes over the corpus for at least AT_LEAST seconds, reporting the fastest."""
    run = _tool_runner(name)
    run(Doc("warm-up", "2025年3月8日上午9时，社区举行活动。", None, date(2025, 3, 4)))
    print("ready", flush=True)
    for line in sys.stdin:
        at_least, deadline_in = (float(x) for x in line.split())
        deadline = time.perf_counter() + deadline_in
        passes = [one_pass(run, docs, deadline)]
        while sum(p.seconds for p in passes) < at_least and passes[-1].complete and time.perf_counter() < deadline:
            passes.append(one_pass(run, docs, deadline))
        whole = [p for p in passes if p.complete] or passes
        print(json.dumps(max(whole, key=lambda p: p.rate).__dict__), flush=True)


class Worker:
    """One tool in a fresh interpreter that imports nothing of the others (jionlp's dictionaries would
    otherwise slow every other tool's garbage collection), as it would run in a service."""

    def __init__(self, name: str, quick: bool):
        command = [sys.executable, __file__, "--tool", name] + (["--quick"] if quick else [])
        self.name = name
        self.log = tempfile.TemporaryFile("w+")  # jionlp logs a traceback for each text it cannot parse
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.log,
                                        text=True)
        self._read()  # "ready"

    def _read(self) -> str:
        while True:
            line = self.process.stdout.readline()
            if not line:
                self.log.seek(0)
                raise SystemExit(f"{self.name}: the measuring process ended ({self.process.wait()}):"
                                 f" {self.log.read()[-500:]}")
            if line.startswith(("{", "ready")):  # anything else is the tool's own chatter
                return line

    def measure(self, at_least: float, deadline_in: float) -> Speed:
        self.process.stdin.write(f"{at_least} {deadline_in}\n")
        self.process.stdin.flush()
        return Speed(**json.loads(self._read()))

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait()
        self.log.close()


def measure_interleaved(quick: bool, budget: float, rounds: int) -> dict[str, tuple[Speed, Speed, list[float]]]:
    """Each tool's first pass (lazy set-up included), its fastest pass of the rounds that follow, and
    each round's rate. The tools take turns, a round each in rotating order, so a slow spell on the
    machine falls on all of them alike and a round's ratio compares rates measured seconds apart."""
    workers = [Worker(name, quick) for name in TOOLS]
    try:
        first = {w.name: w.measure(0.0, budget) for w in workers}
        spent = {name: speed.seconds for name, speed in first.items()}
        per_round: dict[str, list[Speed]] = {w.name: [] for w in workers}
        for number in range(rounds):
            for worker in workers[number % len(workers):] + workers[:number % len(workers)]:
                left = budget - spent[worker.name]
                if left > 0:
                    speed = worker.measure(1.0, left)  # calfeed's passes are short: the fastest of 1 s of them
                    spent[worker.name] += speed.seconds
                    per_round[worker.name].append(speed)
    finally:
        for worker in workers:
            worker.close()
    result = {}
    for name, speeds in per_round.items():
        whole = [s for s in speeds if s.complete]
        steady = max(whole, key=lambda s: s.rate) if whole else Speed(complete=False)
        result[name] = (first[name], steady, [s.rate if s.complete else 0.0 for s in speeds])
    return result


def day_pair(first, last) -> tuple:
    """(first day, last day or None when it is the same day), from dates or date-times."""
    a = first.date() if isinstance(first, datetime) else first
    b = last.date() if isinstance(last, datetime) else last
    return (a, None if b == a else b)


def clock(value) -> str | None:
    return value.strftime("%H:%M") if isinstance(value, datetime) else None


def calfeed_times(text: str, base: date) -> list[tuple[tuple, str | None]]:
    from extract import find_times
    found = []
    for expr in find_times(text, base):
        if expr.kind in ("duration", "recurring") or (expr.start is None and expr.last is None):
            continue
        found.append((day_pair(expr.start, expr.last), clock(expr.start)))
    return found


def jionlp_times(extract_time):
    def times(text: str, base: date) -> list[tuple[tuple, str | None]]:
        found = []
        for item in extract_time(text, time_base=epoch(base), with_parsing=True):
            detail = item.get("detail") or {}
            if detail.get("type") not in ("time_point", "time_span") or not isinstance(detail.get("time"), list):
                continue
            first, last = (datetime.fromisoformat(v) if v not in ("inf", "-inf") else None for v in detail["time"])
            if first is None or last is None:
                continue
            if detail["type"] == "time_point" and last.date() != first.date():
                continue  # a year or a month: not day precision
            start_clock = None if (first.hour, first.minute) == (0, 0) else first.strftime("%H:%M")
            found.append((day_pair(first.date(), last.date()), start_clock))
        return found
    return times


def dateparser_times(search_dates):
    def times(text: str, base: date) -> list[tuple[tuple, str | None]]:
        settings = {"RELATIVE_BASE": datetime(base.year, base.month, base.day)}
        results = search_dates(text, languages=["zh"], settings=settings) or []
        return [((moment.date(), None), None if (moment.hour, moment.minute) == (0, 0) else moment.strftime("%H:%M"))
                for _, moment in results]
    return times


def gold_pair(item: dict) -> tuple[tuple, str | None]:
    first = datetime.fromisoformat(item["start"]) if item["start"] else None
    last = datetime.fromisoformat(item["end"]) if item["end"] else None
    start_clock = item["start"][11:16] if item["start"] and "T" in item["start"] else None
    pair = (first.date() if first else None, last.date() if last else None)
    if pair[1] == pair[0]:
        pair = (pair[0], None)
    return pair, start_clock


def score(times, rows: list[dict]) -> Accuracy:
    acc = Accuracy()
    try:  # one untimed call: the seconds are those of the sentences, not of loading the tool
        times("2025年3月8日上午9时，社区举行活动。", date(2025, 3, 4))
    except Exception:
        pass
    begin = time.perf_counter()
    for row in rows:
        gold = dict(gold_pair(item) for item in row["expected"])
        acc.gold += len(gold)
        try:
            found = times(row["text"], date.fromisoformat(row["base"]))
        except Exception:
            acc.errors += 1
            continue
        got: dict[tuple, set] = {}
        for pair, start_clock in found:
            got.setdefault(pair, set()).add(start_clock)
        acc.found += len(got)
        for pair, start_clock in gold.items():
            if pair in got:
                acc.tp += 1
                if start_clock:
                    acc.timed += 1
                    acc.timed_ok += start_clock in got[pair]
    acc.seconds = time.perf_counter() - begin
    return acc


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="a few documents and sentences, short budget")
    parser.add_argument("--budget", type=float, help="seconds per tool for throughput (default 60, quick 5)")
    parser.add_argument("--rounds", type=int, help="turns each tool takes after its first pass (default 5, quick 2)")
    parser.add_argument("--tool", choices=TOOLS, help=argparse.SUPPRESS)  # the measuring process of one tool
    args = parser.parse_args()
    budget = args.budget or (5.0 if args.quick else 60.0)
    rounds = args.rounds or (2 if args.quick else 5)

    import extract
    if not hasattr(extract, "find_times"):
        print("extract.find_times is not there yet: the engine has not landed; nothing to measure.")
        return 1

    docs = load_corpus()
    if args.quick:
        docs = docs[::5]
    if args.tool:
        serve(args.tool, docs)
        return 0

    total = sum(len(d.text) for d in docs)
    size = sum(len(d.text.encode("utf-8")) for d in docs)
    print(f"corpus: {len(docs)} documents, {total:,} characters, {size / 1024:.0f} KB UTF-8; each tool in its own"
          f" process, taking turns: a first pass, then {rounds} rounds; budget {budget:.0f} s per tool")
    speeds = measure_interleaved(args.quick, budget, rounds)
    ours_first, ours, ours_rounds = speeds["calfeed"]
    print(f"\n{'throughput, chars/s':<26}{'first pass':>12}{'steady':>10}{'rounds':>8}{'errors':>7}"
          f"  {'calfeed is: steady':>19}{'per round, median (range)':>28}{'first pass':>12}")
    for name, (first, steady, per_round) in speeds.items():
        line = f"{TOOLS[name]:<26}{first.rate:12,.0f}{steady.rate:10,.0f}{len(per_round):8}{first.errors + steady.errors:7}"
        if name != "calfeed":
            paired = sorted(a / b for a, b in zip(ours_rounds, per_round, strict=False) if a and b)
            median = (paired[len(paired) // 2] + paired[(len(paired) - 1) // 2]) / 2 if paired else 0.0
            line += (f"  {ours.rate / steady.rate if steady.rate else 0:18.1f}x"
                     + (f"{median:12.1f}x ({paired[0]:.1f}–{paired[-1]:.1f}x)".rjust(28) if paired else f"{'n/a':>28}")
                     + f"{ours_first.rate / first.rate if first.rate else 0:11.1f}x")
        if not (first.complete and steady.complete):
            line += "  (stopped at budget)"
        print(line)

    from dateparser.search import search_dates
    extract_time = quiet_import_jionlp()
    rows = [json.loads(line) for line in TIMEX_GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    if args.quick:
        rows = rows[::4]
    tools = {
        "calfeed find_times": calfeed_times,
        "jionlp extract_time": jionlp_times(extract_time),
        "dateparser search_dates": dateparser_times(search_dates),
    }
    print(f"\n{'timex gold (' + str(len(rows)) + ' sentences)':<26}{'P':>7}{'R':>7}{'F1':>7}{'time':>7}"
          f"{'errors':>8}{'seconds':>9}")
    logging.disable(logging.ERROR)  # jionlp logs a traceback for each text it cannot parse; they are counted
    for name, times in tools.items():
        acc = score(times, rows)
        p, r, f1 = acc.prf()
        timed = f"{acc.timed_ok / acc.timed:7.2f}" if acc.timed else f"{'-':>7}"
        print(f"{name:<26}{p:7.2f}{r:7.2f}{f1:7.2f}{timed}{acc.errors:8}{acc.seconds:9.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
