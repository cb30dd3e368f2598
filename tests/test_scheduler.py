"""The schedule of each source: crontab meaning, first runs after a restart, and a real scheduler refreshing."""
from __future__ import annotations

import textwrap
import time
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import yaml

from calfeed.config import ConfigError, Schedule, parse_config
from calfeed.scheduler import cron_trigger, first_run, grace_seconds

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.mark.parametrize(("weekdays", "expected"), [
    ("0", "sun"), ("7", "sun"), ("1-5", "mon,tue,wed,thu,fri"), ("0,6", "sun,sat"), ("5-7", "fri,sat,sun"),
    ("*/3", "sun,wed,sat"), ("mon-fri", "mon-fri"), ("*", "*"),
])
def test_cron_weekday_numbers_mean_what_crontab_means(weekdays, expected):
    trigger = cron_trigger(f"0 8 * * {weekdays}", SHANGHAI)
    assert str(trigger.fields[4]) == expected


def test_a_weekday_cron_fires_on_the_crontab_day_in_the_site_zone():
    trigger = cron_trigger("30 7 * * 0", SHANGHAI)  # Sundays 07:30 Shanghai time
    wednesday = datetime(2025, 3, 5, 12, 0, tzinfo=SHANGHAI)
    fire = trigger.get_next_fire_time(None, wednesday)
    assert fire.isoformat() == "2025-03-09T07:30:00+08:00" and fire.strftime("%A") == "Sunday"


def test_config_rejects_an_out_of_range_weekday_naming_the_key():
    data = yaml.safe_load("sources:\n  - {name: a, type: folder, location: x, schedule: '0 8 * * 8'}\n")
    with pytest.raises(ConfigError, match=r"sources\[0\]\.schedule"):
        parse_config(data)


def test_first_runs_start_due_sources_staggered_and_wait_out_a_recent_refresh():
    now = datetime(2025, 3, 5, 4, 0, tzinfo=UTC)
    half_hour = Schedule(interval_seconds=1800)
    assert first_run(half_hour, None, now, 0) == now
    assert first_run(half_hour, None, now, 2) == now + timedelta(seconds=4)
    assert first_run(half_hour, now - timedelta(hours=3), now, 0) == now
    assert first_run(half_hour, now - timedelta(minutes=10), now, 0) == now + timedelta(minutes=20)
    assert first_run(Schedule(cron="0 * * * *"), None, now, 0) is None


def test_grace_is_half_an_interval_within_a_minute_and_an_hour():
    assert grace_seconds(Schedule(interval_seconds=60)) == 60
    assert grace_seconds(Schedule(interval_seconds=1800)) == 900
    assert grace_seconds(Schedule(interval_seconds=86400)) == 3600


def test_the_running_scheduler_refreshes_each_source_and_a_dead_one_does_not_stop_it(tmp_path, store_url):
    from calfeed.scheduler import start_scheduler
    from calfeed.store import Store

    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "a.txt").write_text(
        "社区新闻  2025年3月4日 星期二\n\n本报讯 3月8日上午9时，社区读书会在街道图书馆举行。\n", encoding="utf-8")
    config = parse_config(yaml.safe_load(textwrap.dedent(f"""\
        database: {store_url}
        sources:
          - {{name: dead, type: feed, location: "http://127.0.0.1:9/feed.xml", schedule: 1h}}
          - {{name: local, type: folder, location: articles, schedule: 1h}}
        """)), root=tmp_path)
    store = Store(config.database)
    scheduler = start_scheduler(config, store)
    try:
        jobs = {job.id: job for job in scheduler.get_jobs()}
        assert set(jobs) == {"dead", "local"}
        assert jobs["local"].coalesce and jobs["local"].max_instances == 1
        deadline = time.monotonic() + 30
        while not all(s.last_run for s in store.sources()) and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        scheduler.shutdown(wait=True)
    statuses = {s.name: s for s in store.sources()}
    assert statuses["dead"].last_ok is False and statuses["local"].last_ok is True
    assert [e.title for e in store.events()] == ["社区读书会"]
    restarted = start_scheduler(config, store)
    try:
        local = restarted.get_job("local")
        assert local.next_run_time > datetime.now(UTC) + timedelta(minutes=50)  # refreshed moments ago
    finally:
        restarted.shutdown(wait=False)
