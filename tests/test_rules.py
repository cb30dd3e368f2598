"""The rule files themselves: a word listed twice is a slip that hides which entry was meant."""
import random
import re
from collections import Counter

import pytest

from extract.grammar import alternation, load_grammar, load_yaml
from extract.lexicon import load_lexicon


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


def _flat(words) -> re.Pattern:
    return re.compile("(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")")


def test_a_word_list_matches_as_the_longest_word_first():
    pattern = re.compile(alternation(["劳动节", "五一劳动节", "劳动", "劳作", "a.b"]))
    assert [m.group() for m in pattern.finditer("五一劳动节 劳动者 劳作 劳 axb a.b")] == ["五一劳动节", "劳动", "劳作", "a.b"]
    assert re.fullmatch(alternation([]), "") is None  # an empty list matches nothing


def test_a_word_list_matches_what_the_flat_list_matches():
    """The trie alternation() builds finds, from every position, what the plain longest-first list finds."""
    rng = random.Random(7)
    for _ in range(200):
        words = {"".join(rng.choice("abc") for _ in range(rng.randint(1, 4))) for _ in range(rng.randint(1, 12))}
        text = "".join(rng.choice("abcd") for _ in range(30))
        trie, flat = re.compile(alternation(words)), _flat(words)
        # and inside a pattern that must backtrack into a shorter word to go on
        trie_on, flat_on = re.compile(alternation(words) + "c"), re.compile(flat.pattern + "c")
        for i in range(len(text)):
            assert _group(trie.match(text, i)) == _group(flat.match(text, i)), (words, text, i)
            assert _group(trie_on.match(text, i)) == _group(flat_on.match(text, i)), (words, text, i)


def _group(match):
    return match.group() if match else None


def test_the_rules_are_compiled_once_however_the_language_is_named():
    assert load_grammar() is load_grammar("zh") is load_grammar(lang="zh")
    assert load_lexicon() is load_lexicon("zh") is load_lexicon(lang="zh")
