"""Load and validate config.yaml.

Errors name the offending key (``sources[1].schedule: ...``) so a maintainer can
fix the file without reading code.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

SOURCE_TYPES = ("folder", "feed", "page")
_INTERVAL = re.compile(r"^(\d+)\s*([smhd])$")
_INTERVAL_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


class ConfigError(ValueError):
    """config.yaml is missing, unreadable or invalid; the message names the key."""


@dataclass(frozen=True)
class Site:
    name: str = "calfeed"
    description: str = ""
    base_url: str = "http://127.0.0.1:8080"
    timezone: str = "Asia/Shanghai"
    language: str = "zh-CN"

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


@dataclass(frozen=True)
class FeedSettings:
    window_days: int = 90
    refresh_minutes: int = 60


@dataclass(frozen=True)
class Schedule:
    """Either a fixed interval in seconds or a five-field cron expression."""

    interval_seconds: int | None = None
    cron: str | None = None

    def __str__(self) -> str:
        return self.cron or f"{self.interval_seconds}s"


@dataclass(frozen=True)
class SourceConfig:
    name: str
    type: str
    location: str
    schedule: Schedule = field(default_factory=lambda: Schedule(interval_seconds=1800))
    district: str | None = None
    tags: tuple[str, ...] = ()
    encoding: str | None = None


@dataclass(frozen=True)
class Config:
    site: Site = field(default_factory=Site)
    database_url: str = "sqlite:///data/calfeed.db"
    feeds: FeedSettings = field(default_factory=FeedSettings)
    sources: tuple[SourceConfig, ...] = ()
    root: Path = Path(".")

    def source(self, name: str) -> SourceConfig:
        for source in self.sources:
            if source.name == name:
                return source
        known = ", ".join(s.name for s in self.sources) or "none"
        raise ConfigError(f"sources: no source named {name!r} (known: {known})")

    @property
    def database(self) -> str:
        """The database URL, a relative SQLite path anchored at the config file's folder."""
        prefix = "sqlite:///"
        path = self.database_url[len(prefix):] if self.database_url.startswith(prefix) else None
        if path is None or path in ("", ":memory:") or Path(path).is_absolute():
            return self.database_url
        return prefix + str(self.root / path)

    @property
    def database_shown(self) -> str:
        """The database URL without its password, for messages that end up in cron mail and logs."""
        from sqlalchemy.engine import make_url

        return make_url(self.database).render_as_string(hide_password=True)

    def resolve(self, location: str) -> Path:
        """A folder source's path, relative to the config file's folder."""
        path = Path(location).expanduser()
        return path if path.is_absolute() else self.root / path


def parse_schedule(value: object, key: str) -> Schedule:
    if isinstance(value, int) and value > 0:
        return Schedule(interval_seconds=value)
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{key}: expected an interval like '30m' or a cron expression, got {value!r}")
    text = value.strip()
    match = _INTERVAL.match(text)
    if match:
        seconds = int(match.group(1)) * _INTERVAL_SECONDS[match.group(2)]
        if seconds <= 0:
            raise ConfigError(f"{key}: interval must be positive, got {value!r}")
        return Schedule(interval_seconds=seconds)
    if len(text.split()) == 5:
        from calfeed.scheduler import cron_trigger

        try:
            cron_trigger(text)
        except ValueError as exc:
            raise ConfigError(f"{key}: invalid cron expression {value!r}: {exc}") from None
        return Schedule(cron=text)
    raise ConfigError(f"{key}: expected an interval like '30m', '2h', '1d' or a 5-field cron expression, got {value!r}")


def _mapping(value: object, key: str) -> dict:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ConfigError(f"{key}: expected a mapping, got {type(value).__name__}")
    return value


def _unknown(data: dict, allowed: set[str], key: str) -> None:
    extra = sorted(set(data) - allowed)
    if extra:
        prefix = f"{key}." if key else ""
        raise ConfigError(f"{prefix}{extra[0]}: unknown key (allowed: {', '.join(sorted(allowed))})")


def _str(data: dict, name: str, key: str, default: str | None = None, required: bool = False) -> str | None:
    value = data.get(name, default)
    if value is None:
        if required:
            raise ConfigError(f"{key}.{name}: required")
        return None
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{key}.{name}: expected a non-empty string, got {value!r}")
    return value.strip()


def _positive_int(data: dict, name: str, key: str, default: int) -> int:
    value = data.get(name, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ConfigError(f"{key}.{name}: expected a whole number >= 0, got {value!r}")
    return value


def _site(data: dict) -> Site:
    _unknown(data, {"name", "description", "base_url", "timezone", "language"}, "site")
    defaults = Site()
    timezone = _str(data, "timezone", "site", defaults.timezone)
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"site.timezone: unknown time zone {timezone!r}") from None
    base_url = _str(data, "base_url", "site", defaults.base_url)
    if not re.match(r"^https?://", base_url):
        raise ConfigError(f"site.base_url: expected an http(s) URL, got {base_url!r}")
    return Site(
        name=_str(data, "name", "site", defaults.name),
        description=data.get("description") or "",
        base_url=base_url.rstrip("/"),
        timezone=timezone,
        language=_str(data, "language", "site", defaults.language),
    )


def _source(data: object, index: int, names: set[str]) -> SourceConfig:
    key = f"sources[{index}]"
    data = _mapping(data, key)
    _unknown(data, {"name", "type", "location", "schedule", "district", "tags", "encoding"}, key)
    name = _str(data, "name", key, required=True)
    if name in names:
        raise ConfigError(f"{key}.name: duplicate source name {name!r}")
    kind = _str(data, "type", key, required=True)
    if kind not in SOURCE_TYPES:
        raise ConfigError(f"{key}.type: expected one of {', '.join(SOURCE_TYPES)}, got {kind!r}")
    location = _str(data, "location", key, required=True)
    if kind in ("feed", "page") and not re.match(r"^https?://", location):
        raise ConfigError(f"{key}.location: a {kind} source needs an http(s) URL, got {location!r}")
    tags = data.get("tags") or []
    if isinstance(tags, str):
        tags = [tags]
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise ConfigError(f"{key}.tags: expected a list of strings, got {tags!r}")
    encoding = _str(data, "encoding", key)
    if encoding:
        import codecs

        try:
            codecs.lookup(encoding)
        except LookupError:
            raise ConfigError(f"{key}.encoding: unknown encoding {encoding!r}") from None
    return SourceConfig(
        name=name,
        type=kind,
        location=location,
        schedule=parse_schedule(data.get("schedule", "30m"), f"{key}.schedule"),
        district=_str(data, "district", key),
        tags=tuple(tags),
        encoding=encoding,
    )


def parse_config(data: object, root: Path = Path(".")) -> Config:
    data = _mapping(data, "config")
    _unknown(data, {"site", "database", "feeds", "sources"}, "")
    database = _str(data, "database", "config", Config.database_url)
    if not re.match(r"^(sqlite|postgresql)(\+\w+)?://", database):
        raise ConfigError(f"database: expected a sqlite:/// or postgresql:// URL, got {database!r}")
    feeds = _mapping(data.get("feeds"), "feeds")
    _unknown(feeds, {"window_days", "refresh_minutes"}, "feeds")
    refresh = _positive_int(feeds, "refresh_minutes", "feeds", FeedSettings.refresh_minutes)
    if refresh == 0:
        raise ConfigError("feeds.refresh_minutes: must be at least 1")
    raw_sources = data.get("sources") or []
    if not isinstance(raw_sources, list):
        raise ConfigError(f"sources: expected a list, got {type(raw_sources).__name__}")
    sources: list[SourceConfig] = []
    for index, item in enumerate(raw_sources):
        sources.append(_source(item, index, {s.name for s in sources}))
    return Config(
        site=_site(_mapping(data.get("site"), "site")),
        database_url=database,
        feeds=FeedSettings(
            window_days=_positive_int(feeds, "window_days", "feeds", FeedSettings.window_days),
            refresh_minutes=refresh,
        ),
        sources=tuple(sources),
        root=root,
    )


def load_config(path: str | Path) -> Config:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config file: {exc}") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML: {exc}") from None
    return parse_config(data, root=path.resolve().parent)
