"""The rule files themselves: a word listed twice is a slip that hides which entry was meant."""
import random
import re
from collections import Counter

import pytest

from extract.grammar import alternation, guarded, load_grammar, load_yaml, opens_with_literal
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


def test_a_guarded_pattern_finds_what_the_pattern_finds():
    """guarded() only adds a look-ahead for the first characters: every search finds the same matches,
    and a pattern whose first character could be anything is left as it is."""
    texts = ["电话：021-12345678，5月3日", "十一届三中全会第二届", "过一个欢乐的春节后", "abc 15分钟 1.5公里"]
    for pattern in [r"(?:电话|热线)\s*:?\s*[0-9\-\s]{7,}|第?[一二三]+届", r"[0-9]+(?:\.[0-9]+)?\s*(?:公里|米)",
                    r"(?:过一个|过个)[^，。]{0,6}?(?:春节|中秋)|[0-9]{1,3}\s*分钟", r"x?[a-c]+"]:
        plain = re.compile(pattern)
        lead = guarded(plain)
        assert lead.pattern != plain.pattern
        for text in texts:
            assert [m.span() for m in lead.finditer(text)] == [m.span() for m in plain.finditer(text)], (pattern, text)
    anything = re.compile(r"[^，]{2}会")
    assert guarded(anything) is anything
    for literal in [alternation(["社区", "居民", "居委"]), "展(?<![发进]展)|书(?:展|画展)", "[0-9]:"]:
        # the engine skips to a literal opening on its own; a look-ahead would stop it doing so
        assert guarded(re.compile(literal)).pattern == literal
    for grammar_negative in load_grammar().negatives:
        # the grammar's negatives are all searched guarded, or open with a literal
        assert grammar_negative.pattern.startswith("(?=[") or opens_with_literal(grammar_negative)
    # searched in every event's sentence: the words that may lead a closure are matched back from it
    assert opens_with_literal(load_lexicon().road_closure)


def _group(match):
    return match.group() if match else None


def test_the_rules_are_compiled_once_however_the_language_is_named():
    assert load_grammar() is load_grammar("zh") is load_grammar(lang="zh")
    assert load_lexicon() is load_lexicon("zh") is load_lexicon(lang="zh")


def test_a_rule_tried_within_another_matches_only_where_that_one_does():
    """find_times skips a `within` rule wherever its base rule fails; that is only sound if the rule
    never matches at a position where its base does not. Checked at every position of every dev
    and held-out article."""
    from pathlib import Path

    from extract.text import fold

    grammar = load_grammar()
    dependents = [rule for rule in grammar.rules if rule.within]
    assert dependents  # the grammar uses it: the check below is not vacuous
    data = Path(__file__).parent / "data"
    texts = [fold(path.read_text(encoding="utf-8")) for path in sorted(data.glob("*/docs/*")) if path.is_file()]
    texts.append(fold("12月7日至8日；3月8日14:00至16:00；2月25日起至3月15日；5月1日起为期3天；1月30日(年初二)"))
    matched = 0
    for norm in texts:
        for position in range(len(norm)):
            for rule in dependents:
                if rule.regex.match(norm, position):
                    matched += 1
                    assert grammar.bases[rule.within].regex.match(norm, position), (rule.name, norm[position:position + 30])
    assert matched >= 5


def test_a_pattern_requires_only_the_lists_every_match_holds():
    """A title or place pattern is searched only in a sentence holding a word of each list it requires:
    a list in an optional part, an alternative or a look-ahead must not count, or matches are lost."""
    from extract.lexicon import required_lists

    assert required_lists("在(?P<place>[^，]{2,20}?(?:{list:venues}))(?:{list:host_verbs})") == ("host_verbs", "venues")
    assert required_lists("(?:{list:verbs_after}|展出)") == ()
    assert required_lists("(?P<name>[^，]{2,9})(?:{list:event_nouns})?举行") == ()
    assert required_lists("(?P<name>[^，]{2,9})(?=[^，]{0,9}(?:{list:event_nouns}))") == ()
    assert required_lists("(?:{list:trip_verbs}){1,3}") == ("trip_verbs",)
    lex = load_lexicon()
    assert any(rule.lists for rule in lex.titles) and any(place.lists for place in lex.places)
    assert set(lex.list_words) == {name for rule in (*lex.titles, *lex.places) for name in rule.lists}
