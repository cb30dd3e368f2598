"""``calfeed refresh`` and ``calfeed events`` as a maintainer runs them from a site folder."""
from __future__ import annotations

import json
import textwrap

import pytest
from click.testing import CliRunner

from calfeed.cli import EXIT_DATABASE, EXIT_PARTIAL, cli

READING = "社区新闻  2025年3月4日 星期二\n\n本报讯 3月8日上午9时，社区读书会在街道图书馆举行，欢迎居民参加。\n"
CONCERT = "社区新闻  2025年3月4日 星期二\n\n本报讯 3月20日晚上7时，社区音乐会在文化中心举行。\n"


@pytest.fixture
def site(tmp_path, store_url):
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "reading.txt").write_text(READING, encoding="utf-8")
    (tmp_path / "articles" / "concert.txt").write_text(CONCERT, encoding="utf-8")
    config = tmp_path / "config.yaml"
    config.write_text(textwrap.dedent(f"""\
        database: {store_url}
        sources:
          - {{name: local, type: folder, location: articles, district: 杨浦区}}
        """), encoding="utf-8")

    def run(*args):
        return CliRunner().invoke(cli, ["--config", str(config), *args])

    run.folder = tmp_path / "articles"
    run.config = config
    return run


def test_refresh_prints_a_summary_per_source_and_events_lists_them(site):
    result = site("refresh")
    assert result.exit_code == 0, result.output
    row = next(line for line in result.output.splitlines() if line.startswith("local"))
    assert row.split()[:5] == ["local", "ok", "2", "2", "2"]
    assert "2 events stored" in result.output
    listed = site("events")
    assert listed.exit_code == 0
    assert "社区读书会" in listed.output and "社区音乐会" in listed.output and "街道图书馆" in listed.output


def test_events_jsonl_has_the_guideline_fields_and_the_stored_identity(site):
    site("refresh")
    result = site("events", "--format", "jsonl")
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [row["title"] for row in rows] == ["社区读书会", "社区音乐会"]
    first = rows[0]
    for name in ("title", "start", "end", "all_day", "location", "category", "evidence", "uid", "sequence", "status",
                 "source", "article_url"):
        assert name in first
    assert (first["start"], first["all_day"], first["status"], first["sequence"], first["source"]) == \
        ("2025-03-08T09:00", False, "confirmed", 0, "local")


def test_events_filters_by_status_text_and_source(site):
    site("refresh")
    (site.folder / "concert.txt").unlink()
    site("refresh")
    cancelled = [json.loads(line) for line in site("events", "--format", "jsonl", "--status", "cancelled").output.splitlines()]
    assert [(row["title"], row["sequence"]) for row in cancelled] == [("社区音乐会", 1)]
    found = site("events", "--format", "jsonl", "-q", "讀書會")  # Traditional query, Simplified article
    assert [json.loads(line)["title"] for line in found.output.splitlines()] == ["社区读书会"]
    assert site("events", "--format", "jsonl", "--source", "杨浦区").output.count("\n") == 2
    bad = site("events", "--from", "not a day")
    assert bad.exit_code == 2 and "--from" in bad.output


def test_a_dead_source_exits_4_after_the_others_are_stored(site):
    with site.config.open("a", encoding="utf-8") as config:
        config.write("  - {name: dead, type: feed, location: 'http://127.0.0.1:9/rss.xml'}\n")
    result = site("refresh")
    assert result.exit_code == EXIT_PARTIAL
    assert "dead: " in result.output and "failed" in result.output
    assert site("events", "--format", "jsonl").output.count("\n") == 2


def test_refresh_of_an_unknown_source_names_the_known_ones(site):
    result = site("refresh", "--source", "nope")
    assert result.exit_code == 2 and "known: local" in result.output


@pytest.mark.parametrize("command", [["refresh"], ["events"], ["build", "--out", "public"]])
def test_an_unreachable_database_is_one_line_and_exit_5_without_its_password(tmp_path, command):
    config = tmp_path / "config.yaml"
    config.write_text("database: postgresql://calfeed:s3cret@127.0.0.1:1/calfeed\n"
                      "sources:\n  - {name: local, type: folder, location: articles}\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["--config", str(config), *command])
    assert result.exit_code == EXIT_DATABASE
    assert "cannot open the database postgresql://calfeed:***@127.0.0.1:1/calfeed" in result.output
    assert "s3cret" not in result.output and "Traceback" not in result.output
