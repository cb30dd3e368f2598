from pathlib import Path

import pytest

from calfeed.config import ConfigError, load_config, parse_config


def test_shipped_config_loads():
    config = load_config(Path(__file__).parent.parent / "config.yaml")
    assert config.sources and config.sources[0].type == "folder"
    assert config.database.startswith("sqlite:///") and Path(config.database[10:]).is_absolute()


@pytest.mark.parametrize(
    "data, key",
    [
        ({"sources": [{"name": "a", "type": "ftp", "location": "x"}]}, "sources[0].type"),
        ({"sources": [{"name": "a", "type": "feed", "location": "not-a-url"}]}, "sources[0].location"),
        ({"sources": [{"name": "a", "type": "folder", "location": "x", "schedule": "every now"}]}, "sources[0].schedule"),
        ({"sources": [{"name": "a", "type": "folder", "location": "x", "schedule": "61 * * * *"}]}, "sources[0].schedule"),
        ({"sources": [{"name": "a", "type": "folder", "location": "x"}, {"name": "a", "type": "folder", "location": "y"}]}, "sources[1].name"),
        ({"database": "mysql://x"}, "database"),
        ({"site": {"timezone": "Mars/Olympus"}}, "site.timezone"),
        ({"feeds": {"window_days": -1}}, "feeds.window_days"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_invalid_config_names_the_key(data, key):
    with pytest.raises(ConfigError) as info:
        parse_config(data)
    assert str(info.value).startswith(key + ":")


def test_schedules():
    config = parse_config({"sources": [
        {"name": "a", "type": "folder", "location": "x", "schedule": "45m"},
        {"name": "b", "type": "folder", "location": "x", "schedule": "0 */2 * * *"},
    ]})
    assert config.sources[0].schedule.interval_seconds == 2700
    assert config.sources[1].schedule.cron == "0 */2 * * *"
