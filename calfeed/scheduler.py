"""Each source refreshed on its own schedule, inside the ``calfeed serve`` process.

APScheduler runs one job per source: coalesced (a backlog of missed runs is one
run), one instance at a time (a slow source never overlaps itself), and with a
misfire grace so a run delayed by a busy machine still happens. A source that
was refreshed recently -- by cron, or before a restart -- is not read again
until its interval has passed.
"""
from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from calfeed.config import Config, Schedule, SourceConfig

log = logging.getLogger("calfeed.scheduler")

_CRON_DAYS = ("sun", "mon", "tue", "wed", "thu", "fri", "sat")
STAGGER = timedelta(seconds=2)  # between the first runs of sources due at start-up


def _cron_days(field: str) -> str:
    """Crontab's day-of-week field in names: APScheduler 3 counts 0 as Monday, crontab as Sunday."""
    if not any(ch.isdigit() for ch in field):
        return field
    names: list[str] = []
    for part in field.split(","):
        span, _, step = part.partition("/")
        if span == "*":
            first, last = 0, 6
        elif "-" in span:
            first, last = (int(x) for x in span.split("-", 1))
        else:
            first = last = int(span)
            if step:
                last = 6
        if not (0 <= first <= 7 and 0 <= last <= 7 and first <= last):
            raise ValueError(f"day of week {part!r} is out of range 0-7")
        for day in range(first, last + 1, int(step) if step else 1):
            name = _CRON_DAYS[day % 7]
            if name not in names:
                names.append(name)
    return ",".join(names)


def cron_trigger(expression: str, tz=None) -> CronTrigger:
    """A five-field crontab expression with crontab's meaning of the weekday numbers."""
    fields = expression.split()
    if len(fields) != 5:
        raise ValueError(f"expected 5 fields, got {len(fields)}")
    minute, hour, day, month, weekday = fields
    return CronTrigger(minute=minute, hour=hour, day=day, month=month, day_of_week=_cron_days(weekday), timezone=tz)


def trigger_for(schedule: Schedule, tz):
    if schedule.cron:
        return cron_trigger(schedule.cron, tz)
    return IntervalTrigger(seconds=schedule.interval_seconds, timezone=tz)


def grace_seconds(schedule: Schedule) -> int:
    """How late a run may start and still run: half an interval, between one minute and one hour."""
    if schedule.cron:
        return 300
    return int(max(60, min(schedule.interval_seconds / 2, 3600)))


def first_run(schedule: Schedule, last_run: datetime | None, now: datetime, order: int) -> datetime | None:
    """When an interval source first runs: at once if it is due, else when its interval since the last run ends.

    Cron sources keep to their expression (None lets the trigger decide).
    """
    if schedule.cron:
        return None
    due = now + STAGGER * order
    if last_run is None:
        return due
    return max(due, last_run + timedelta(seconds=schedule.interval_seconds))


def run_job(store, config: Config, source: SourceConfig) -> None:
    from calfeed.refresh import refresh_source

    report = refresh_source(store, config, source)
    if report.ok:
        log.info("refreshed %s: %d documents, %d read, +%d new, %d updated, %d cancelled in %.1fs%s",
                 source.name, report.seen, report.extracted, report.added, report.updated, report.cancelled,
                 report.seconds, f"; {len(report.failures)} skipped" if report.failures else "")
    else:
        log.warning("refresh of %s failed (retried on its next run): %s", source.name, report.error)


def start_scheduler(config: Config, store, *, workers: int = 4) -> BackgroundScheduler:
    """Start refreshing every configured source; the caller shuts the scheduler down."""
    tz = config.site.tz
    scheduler = BackgroundScheduler(
        timezone=tz,
        executors={"default": ThreadPoolExecutor(max_workers=max(1, min(workers, len(config.sources))))},
        job_defaults={"coalesce": True, "max_instances": 1},
    )
    store.sync_sources(config.sources)
    last_runs = {status.name: status.last_run for status in store.sources()}
    now = datetime.now(UTC)
    for order, source in enumerate(config.sources):
        options = {}
        start = first_run(source.schedule, last_runs.get(source.name), now, order)
        if start is not None:
            options["next_run_time"] = start.astimezone(tz)
        scheduler.add_job(run_job, trigger_for(source.schedule, tz), args=(store, config, source), id=source.name,
                          name=f"refresh {source.name}", misfire_grace_time=grace_seconds(source.schedule), **options)
    scheduler.start()
    return scheduler
