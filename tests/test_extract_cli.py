"""``calfeed extract`` and ``calfeed timex`` as a user runs them, bad input included."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from calfeed.cli import cli

ARTICLE = "2025年 3月4日 星期二\n\n本报讯 3月8日上午9时，社区读书会在街道图书馆举行。\n"
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def run(*args, input=None):
    return CliRunner().invoke(cli, list(args), input=input)


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_jsonl_has_the_guideline_fields(article):
    result = run("extract", "--format", "jsonl", str(article))
    assert result.exit_code == 0, result.output
    (row,) = [json.loads(line) for line in result.output.splitlines()]
    assert row == {
        "doc": "a.txt", "title": "社区读书会", "start": "2025-03-08T09:00", "end": None, "all_day": False,
        "location": "街道图书馆", "category": "culture", "evidence": "本报讯3月8日上午9时，社区读书会在街道图书馆举行。",
        "confidence": row["confidence"], "published": "2025-03-04", "published_source": "text",
    }
    assert 0 < row["confidence"] <= 1


def test_table_and_json_formats(article):
    table = run("extract", str(article))
    assert table.exit_code == 0 and "社区读书会" in table.output and "2025-03-08 09:00" in table.output
    rows = json.loads(run("extract", "--format", "json", str(article)).output)
    assert [r["title"] for r in rows] == ["社区读书会"]


def test_folders_and_stdin(tmp_path, article):
    (tmp_path / "notes.bin").write_bytes(b"\x00\x01")  # not an article suffix: skipped in folders
    folder = run("extract", "--format", "jsonl", str(tmp_path))
    assert folder.exit_code == 0 and len(folder.output.splitlines()) == 1
    stdin = run("extract", "--format", "jsonl", "-", input=ARTICLE.encode("gbk"))
    assert stdin.exit_code == 0 and json.loads(stdin.output)["doc"] == "-"


@pytest.mark.parametrize("content, message", [
    (b"", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00IHDR" + bytes(range(256)), "binary"),
])
def test_bad_files_get_one_line_and_the_rest_still_runs(tmp_path, article, content, message):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    result = run("extract", "--format", "jsonl", str(bad), str(article))
    assert result.exit_code == 2
    assert message in result.stderr and "Traceback" not in result.output
    assert json.loads(result.stdout)["title"] == "社区读书会"


def test_an_extractor_failure_on_one_article_names_it_and_the_rest_still_runs(tmp_path, article, monkeypatch):
    import calfeed.extract_cli as extract_cli
    real = extract_cli.extract_events

    def failing(text, **kwargs):
        if "故障" in text:
            raise IndexError("string index out of range")
        return real(text, **kwargs)

    monkeypatch.setattr(extract_cli, "extract_events", failing)
    bad = tmp_path / "bad.txt"
    bad.write_text("故障 3月8日举行讲座。", encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", "--format", "jsonl", str(bad), str(article)])
    assert result.exit_code == 6
    assert [json.loads(line)["doc"] for line in result.stdout.splitlines()] == ["a.txt"]
    (line,) = result.stderr.splitlines()
    assert "bad.txt" in line and "IndexError" in line and "Traceback" not in result.output


def test_legacy_encodings(tmp_path):
    traditional = "2025年 3月4日 星期二\n\n本報訊 3月8日上午9時，社區讀書會在街道圖書館舉行。\n"
    for name, encoding, text in [("gbk.txt", "gbk", ARTICLE), ("big5.txt", "big5", traditional)]:
        (tmp_path / name).write_bytes(text.encode(encoding))
    rows = [json.loads(line) for line in run("extract", "--format", "jsonl", str(tmp_path)).output.splitlines()]
    assert sorted(r["title"] for r in rows) == ["社区读书会", "社區讀書會"]


def test_huge_file_is_refused_without_reading_it(tmp_path, article):
    huge = tmp_path / "huge.txt"
    with open(huge, "wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    result = run("extract", str(huge), str(article))
    assert result.exit_code == 2 and "limit" in result.stderr


def test_missing_path_and_bad_published(article):
    missing = run("extract", "/nonexistent/article.txt", str(article))
    assert missing.exit_code == 2 and "no such file" in missing.stderr
    bad_date = run("extract", "--published", "2025-13-01", str(article))
    assert bad_date.exit_code == 2 and "--published" in bad_date.output


def test_timex_jsonl():
    result = run("timex", "--base", "2025-03-04T10:00", "--format", "jsonl", "本周六下午2点半", "没有日期")
    assert [json.loads(line) for line in result.output.splitlines()] == [
        {"input": 0, "text": "本周六下午2点半", "offset": [0, 8], "kind": "point", "start": "2025-03-08T14:30", "end": None},
    ]


def test_timex_reads_lines_from_stdin():
    result = run("timex", "--base", "2025-03-04", "--format", "jsonl", "-", input="3月1日至3日\n明天\n")
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [(r["input"], r["kind"], r["start"], r["end"]) for r in rows] == [
        (0, "span", "2025-03-01", "2025-03-03"), (1, "point", "2025-03-05", None)]


def test_the_installed_command_never_prints_a_traceback(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00" * 100)
    proc = subprocess.run([sys.executable, "-m", "calfeed.cli", "extract", str(bad)], capture_output=True, text=True)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr and proc.stderr.count("\n") == 1


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not present")
def test_seed_articles_score(tmp_path):
    """The shared gold for the seed articles: the issue's acceptance bar, as a regression test."""
    score = SEEDS.parent / "eval" / "score.py"
    gold = SEEDS.parent / "eval" / "gold" / "seeds.jsonl"
    command = f"{sys.executable} -m calfeed.cli extract --format jsonl"
    proc = subprocess.run([sys.executable, str(score), "--json", "--quiet", "--gold", str(gold), "--docs", str(SEEDS),
                           "--cmd", command], capture_output=True, text=True, env={**os.environ, "PYTHONPATH": os.getcwd()})
    result = json.loads(proc.stdout.splitlines()[-1])
    assert result["f1"] >= 0.9 and result["location_acc"] >= 0.8 and result["category_acc"] >= 0.8
