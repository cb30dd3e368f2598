"""``calfeed build --out DIR`` over a real SQLite store: every feed written, rebuilds byte-identical."""
from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import feedparser
import icalendar
import pytest
from click.testing import CliRunner
from feeds_sample import fill_store, site_config

from calfeed.cli import EXIT_INPUT, cli
from calfeed.feeds import export
from calfeed.web import create_app
from calfeed.web.export import page_files

FEEDS = ("calendar.ics", "feeds/rss.xml", "feeds/atom.xml", "feeds/feed.json")


@pytest.fixture
def built(tmp_path):
    Store = pytest.importorskip("calfeed.store", reason="calfeed.store has not landed yet").Store
    database = f"sqlite:///{tmp_path / 'site.db'}"
    store = Store(database)
    today = fill_store(store)
    config_file = tmp_path / "config.yaml"
    config_file.write_text(
        "site:\n  name: 杨浦社区活动日历\n  description: 从本区新闻中整理的社区活动\n  base_url: https://cal.example.org\n"
        f"database: {database}\nfeeds:\n  window_days: 90\n  refresh_minutes: 30\nsources: []\n",
        encoding="utf-8",
    )
    out = tmp_path / "public"

    def run(*args):
        return CliRunner().invoke(cli, ["--config", str(config_file), "build", *args])

    return store, today, out, run


def files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def test_build_writes_every_feed_and_each_window_events_calendar(built):
    store, today, out, run = built
    result = run("--out", str(out))
    assert result.exit_code == 0, result.output
    written = files(out)
    for name in FEEDS:
        assert name in written
    for name in ("feeds/rss.xml", "feeds/atom.xml"):
        assert feedparser.parse(written[name]).bozo == 0
    in_window = store.events(since=today - timedelta(days=90))
    assert {n for n in written if n.startswith("events/") and n.endswith(".ics")} == \
        {f"events/{e.uid}.ics" for e in in_window}
    every = store.events()
    assert len(every) > len(in_window)  # the page archive keeps what the feeds' window leaves out
    assert {n for n in written if n.endswith("/index.html") and n.startswith("events/")} == \
        {f"events/{e.uid}/index.html" for e in every}
    single = icalendar.Calendar.from_ical(written[f"events/{in_window[0].uid}.ics"])
    assert [str(e["UID"]) for e in single.walk("VEVENT")] == [in_window[0].uid]
    assert f"{len(written)} files" in result.output


def test_a_rebuild_without_changes_is_byte_identical_and_touches_nothing(built):
    store, today, out, run = built
    assert run("--out", str(out)).exit_code == 0
    first = files(out)
    mtimes = {p: p.stat().st_mtime_ns for p in out.rglob("*")}
    again = run("--out", str(out))
    assert again.exit_code == 0 and "0 written" in again.output
    assert files(out) == first
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*")} == mtimes


def test_a_change_rewrites_the_feeds_and_adds_the_new_events_file(built):
    from extract import Event

    store, today, out, run = built
    assert run("--out", str(out)).exit_code == 0
    first = files(out)
    store.upsert_article("yangpu", "club.txt", text="读书会每周三举行。", title="读书会", published=today,
                         events=[Event(title="读书会", start=today + timedelta(days=1), end=None, all_day=True,
                                       location="书店", category="culture", evidence="读书会每周三举行。", confidence=0.8)])
    assert run("--out", str(out)).exit_code == 0
    second = files(out)
    assert all(second[name] != first[name] for name in FEEDS)
    (club,) = [e.uid for e in store.events() if e.title == "读书会"]
    assert set(second) - set(first) == {f"events/{club}.ics", f"events/{club}/index.html"}
    assert all(second[name] == body for name, body in first.items() if name.endswith(".ics") and "events/" in name)
    assert "读书会" in second["index.html"].decode("utf-8")


def test_the_static_files_are_the_bytes_the_server_sends(built):
    store, today, out, run = built
    assert run("--out", str(out)).exit_code == 0
    client = create_app(site_config(), store).test_client()
    written = files(out)
    for name in FEEDS:
        assert client.get("/" + name).data == written[name]


def test_calendars_of_events_that_left_the_window_are_removed_and_their_pages_kept(built):
    store, today, out, _ = built
    config = site_config()
    sources = [export.feed_files, page_files]
    first = export.build(store, config, out, today=today, sources=sources)
    later = export.build(store, config, out, today=today + timedelta(days=400), sources=sources)
    assert {n for n in first.written if n.startswith("events/") and n.endswith(".ics")} == set(later.removed)
    assert not list((out / "events").glob("*.ics"))
    store.remove_article("yangpu", "walk.txt")  # a cancelled event keeps its page, saying so
    export.build(store, config, out, today=today, sources=sources)
    (walk,) = [e for e in store.events() if e.title == "银龄健步走"]
    assert "已取消" in (out / "events" / walk.uid / "index.html").read_text(encoding="utf-8")


def test_the_pages_are_written_as_folders_a_static_server_answers_with_the_same_links(built):
    store, today, out, run = built
    assert run("--out", str(out)).exit_code == 0
    written = files(out)
    client = create_app(site_config(), store).test_client()
    walk = next(e for e in store.events() if e.title == "银龄健步走")
    page = written[f"events/{walk.uid}/index.html"].decode("utf-8")
    assert page == client.get(f"/events/{walk.uid}").get_data(as_text=True)
    assert "银龄健步走活动将在人民公园举行。" in page
    assert f"calendar/{today.year}/{today.month}/index.html" in written
    assert "sources/index.html" in written and "static/style.css" in written
    hrefs = set(re.findall(r'href="(/[^"?#]*)"', written["index.html"].decode("utf-8")))
    for href in hrefs:
        target = href.strip("/")
        assert target in written or f"{target}/index.html" in written or target == "", href


def test_other_file_sources_join_the_build_and_stay_inside_the_folder(built, tmp_path):
    store, today, out, _ = built

    def page(store, config, today):
        yield "index.html", "<h1>杨浦</h1>".encode()

    def escape(store, config, today):
        yield "../outside.txt", b"x"

    export.register(page)
    try:
        assert "index.html" in export.build(store, site_config(), out).written
        assert (out / "index.html").read_text(encoding="utf-8") == "<h1>杨浦</h1>"
        export.register(escape)
        with pytest.raises(ValueError, match="outside the output folder"):
            export.build(store, site_config(), out)
        assert not (tmp_path / "outside.txt").exists()
    finally:
        export.SOURCES[:] = [export.feed_files]


def test_an_unwritable_destination_is_a_clear_error(built, tmp_path):
    _, _, _, run = built
    blocker = tmp_path / "occupied"
    blocker.write_text("a file, not a folder")
    result = run("--out", str(blocker / "public"))
    assert result.exit_code == EXIT_INPUT
    assert "cannot write" in result.output and "Traceback" not in result.output
