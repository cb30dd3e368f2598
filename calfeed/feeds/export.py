"""``calfeed build``: every feed as files, for any static web server or CDN.

Files come from *file sources*: functions ``(store, config, today) -> iterable of
(relative path, bytes)``.  The feeds are one; ``calfeed build`` adds the pages'
(``calfeed.web.export``) and other parts can ``register`` theirs.  A file is
rewritten only when its bytes change, so an unchanged store leaves every file
(and its mtime) as it was, and files of events that left the window are removed.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from calfeed.config import Config
from calfeed.feeds.kinds import EVENT_ICS, KINDS
from calfeed.feeds.publish import render_event, render_feed, site_today, window_events
from calfeed.query import EventQuery

FileSource = Callable[[object, Config, date], Iterable[tuple[str, bytes]]]


def feed_files(store, config: Config, today: date) -> Iterable[tuple[str, bytes]]:
    """The unfiltered feeds, and a calendar file for each event in the window."""
    query = EventQuery()
    for kind in KINDS.values():
        yield kind.path.lstrip("/"), render_feed(store, config, kind, query, today).body
    for event in window_events(store, config, query, today):
        if not _file_name_safe(event.uid):
            continue
        rendered = render_event(store, config, event.uid)
        if rendered is not None:
            yield EVENT_ICS.path.format(uid=event.uid).lstrip("/"), rendered.body


def _file_name_safe(uid: str) -> bool:
    """A static server maps /events/<quoted uid>.ics to the file named by the unquoted UID."""
    return bool(uid) and not uid.startswith(".") and not any(c in uid for c in "/\\\0")


SOURCES: list[FileSource] = [feed_files]
STALE_FOLDERS = ("events", "calendar")  # what a build owns: files there that no source wrote are removed


def register(source: FileSource) -> None:
    """Add a file source to every later build (the pages add theirs this way)."""
    if source not in SOURCES:
        SOURCES.append(source)


@dataclass
class BuildResult:
    written: list[str] = field(default_factory=list)  # new or changed
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.written) + len(self.unchanged)


def build(store, config: Config, out: Path, today: date | None = None,
          sources: Sequence[FileSource] | None = None) -> BuildResult:
    """Write the files of ``sources`` (default: the registered ones) under ``out``.

    Raises OSError when ``out`` cannot be written.
    """
    today = today or site_today(config)
    out = Path(out)
    result = BuildResult()
    seen: set[str] = set()
    for source in SOURCES if sources is None else sources:
        for relative, body in source(store, config, today):
            target = _inside(out, relative)
            seen.add(relative)
            if target.is_file() and target.read_bytes() == body:
                result.unchanged.append(relative)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            temporary = target.with_name(target.name + ".tmp")
            temporary.write_bytes(body)
            os.replace(temporary, target)  # readers never see half a file
            result.written.append(relative)
    for folder in STALE_FOLDERS:
        _remove_stale(out / folder, out, seen, result)
    return result


def _remove_stale(folder: Path, out: Path, seen: set[str], result: BuildResult) -> None:
    """Files of events (and months) that left the window go, with the folders they leave empty."""
    if not folder.is_dir():
        return
    for stale in sorted(p for p in folder.rglob("*") if p.is_file()):
        relative = stale.relative_to(out).as_posix()
        if relative not in seen:
            stale.unlink()
            result.removed.append(relative)
    for empty in sorted((p for p in folder.rglob("*") if p.is_dir()), key=lambda p: len(p.parts), reverse=True):
        if not any(empty.iterdir()):
            empty.rmdir()


def _inside(out: Path, relative: str) -> Path:
    """A file source's path, refused if it would land outside the output folder."""
    target = (out / relative).resolve()
    if not target.is_relative_to(out.resolve()):
        raise ValueError(f"{relative!r} is outside the output folder")
    return target
