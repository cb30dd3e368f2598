"""The rule files themselves: a word listed twice is a slip that hides which entry was meant."""
from collections import Counter

import pytest

from extract.grammar import load_yaml


def _twice(words) -> list[str]:
    return sorted(word for word, count in Counter(words).items() if count > 1)


@pytest.mark.parametrize("name", ["events", "time"])
def test_each_word_is_listed_once(name):
    data = load_yaml("zh", name)
    lists = {**data.get("lists", {}), **data.get("categories", {})}
    assert {key: _twice(words) for key, words in lists.items() if isinstance(words, list) and _twice(words)} == {}


def test_each_festival_name_means_one_festival():
    festivals = load_yaml("zh", "time")["festivals"]
    names = [name for name, spec in festivals.items() for name in [name, *spec.get("aliases", [])]]
    assert _twice(names) == []
