"""Compile a language's time grammar (extract/rules/<lang>/time.yaml) into regexes.

The grammar is data; this module only knows how to expand macros and word tables.
"""
from __future__ import annotations

import re
import re._constants as _c
import re._parser as _parser
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

RULES_DIR = Path(__file__).parent / "rules"
_REF = re.compile(r"\{([A-Za-z_]\w*)(?::(\w+))?\}")
_GROUP = re.compile(r"\(\?P<(\w+)>")


@dataclass(frozen=True)
class Rule:
    name: str
    kind: str
    regex: re.Pattern
    priority: int = 0
    open_start: bool = False
    from_base: bool = False
    weak: bool = False
    pair: bool = False  # two days in a row (15、16日): the second day must follow the first
    within: str | None = None  # a rule whose pattern opens with this one's: tried only where that one matched
    layout: tuple[tuple[int, str], ...] = ()  # see group_layout

    def __post_init__(self):
        object.__setattr__(self, "layout", group_layout(self.regex))


def group_layout(regex: re.Pattern) -> tuple[tuple[int, str], ...]:
    """For each group of ``regex`` in order, its side (0: a_, 1: b_, 2: neither, 3: an unnamed group) and its
    name without the side's prefix: what resolving a match reads, worked out once per rule."""
    names = {index: name for name, index in regex.groupindex.items()}
    layout = []
    for index in range(1, regex.groups + 1):
        name = names.get(index, "")
        side = 3 if not name else 0 if name.startswith("a_") else 1 if name.startswith("b_") else 2
        layout.append((side, name[2:] if side < 2 else name))
    return tuple(layout)


@dataclass
class Grammar:
    rules: list[Rule]
    negatives: list[re.Pattern]
    anchors: re.Pattern
    lead: frozenset[str]
    lead_max: int
    future: re.Pattern
    past: re.Pattern
    tense_window: int
    words: dict[str, dict[str, int]]
    festivals: dict[str, dict]
    neutral: re.Pattern = re.compile("(?!)")  # 原定于: a tense cue that says neither
    festival_names: dict[str, str] = field(default_factory=dict)  # alias -> canonical name
    festival_start: re.Pattern = re.compile("(?!)")  # text that begins with a festival name
    span_length: re.Pattern = re.compile("(?!)")  # 3天, 一周: the macro the duration rules share
    by_first: dict[str, tuple[Rule, ...]] = field(default_factory=dict)  # first character -> rules to try
    any_first: tuple[Rule, ...] = ()  # the rules to try at any other character
    any_negative: re.Pattern | None = None  # all the negatives in one: where it finds none, none of them matches
    bases: dict[str, Rule] = field(default_factory=dict)  # the rules other rules are tried within, by name


def load_yaml(lang: str, name: str) -> dict:
    with open(RULES_DIR / lang / f"{name}.yaml", encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def alternation(words) -> str:
    """The words as one group that matches the longest word it can (五一劳动节 over 劳动节).

    The words share their prefixes as a trie ((?:劳动(?:节|者)|…)): Python's regex engine tries
    alternatives one after another, so a flat list of a few hundred words costs a few hundred tests
    at each position; the trie costs one per character. The matches are the same as those of the
    flat list sorted longest first: the words that match at one position are prefixes of each other,
    and the trie tries the longer ones first."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return "(?:" + (_trie(trie) or "(?!)") + ")"


def _trie(node: dict) -> str:
    branches = []
    for ch in sorted(node):
        if ch:
            chars, child = ch, node[ch]
            while len(child) == 1 and "" not in child:  # a chain of single children: one literal run
                (next_ch, child), = child.items()
                chars += next_ch
            rest = _trie(child)
            ends = "" in child
            if not rest:
                branches.append(re.escape(chars))
            elif ends:
                branches.append(f"{re.escape(chars)}(?:{rest})?")
            else:
                branches.append(f"{re.escape(chars)}(?:{rest})" if "|" in rest else re.escape(chars) + rest)
    return "|".join(branches)


class _Expander:
    def __init__(self, macros: dict[str, str], tables: dict[str, list[str]]):
        self.macros = macros
        self.tables = tables

    def expand(self, text: str, prefix: str | None = None, depth: int = 0) -> str:
        if depth > 20:
            raise ValueError("macro recursion too deep")
        if prefix:
            text = _GROUP.sub(lambda m: f"(?P<{prefix}_{m.group(1)}>", text)

        def ref(match: re.Match) -> str:
            name, arg = match.group(1), match.group(2)
            if name == "words":
                return alternation(self.tables[arg])
            if name not in self.macros:
                raise ValueError(f"unknown macro {{{name}}}")
            return self.expand(self.macros[name], arg or prefix, depth + 1)

        return _REF.sub(ref, text)


# -- which characters can a rule's match begin with? -------------------------------------------
# find_times tries at each candidate position only the rules whose match can begin with the
# character there; the sets come from the compiled patterns, so they never drift from the rules.
_ANY = None


def _first(items) -> tuple[set[str] | None, bool]:
    """The characters a parsed sequence's match can begin with (None: any), and whether it can be empty."""
    chars: set[str] | None = set()
    for op, av in items:
        if op is _c.LITERAL:
            found, empty = {chr(av)}, False
        elif op is _c.IN:
            found, empty = _in(av), False
        elif op is _c.BRANCH:
            found, empty = set(), False
            for alternative in av[1]:
                alt_found, alt_empty = _first(alternative)
                found = None if alt_found is None or found is None else found | alt_found
                empty = empty or alt_empty
        elif op is _c.SUBPATTERN and not av[1] & _c.SRE_FLAG_IGNORECASE:
            found, empty = _first(av[3])
        elif op is _c.ATOMIC_GROUP:
            found, empty = _first(av)
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
            low, high, inner = av
            found, empty = _first(inner) if high else (set(), True)
            empty = empty or low == 0
        elif op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            found, empty = set(), True
        else:  # ANY, NOT_LITERAL, CATEGORY, group references, ...
            found, empty = _ANY, False
        chars = None if found is None or chars is None else chars | found
        if not empty:
            return chars, False
    return chars, True


def _in(items) -> set[str] | None:
    out: set[str] = set()
    for op, av in items:
        if op is _c.LITERAL:
            out.add(chr(av))
        elif op is _c.RANGE and av[1] - av[0] <= 30000:
            out.update(map(chr, range(av[0], av[1] + 1)))
        else:  # NEGATE, CATEGORY, a huge range
            return None
    return out


def first_chars(regex: re.Pattern, *, empty_ok: bool = True) -> frozenset[str] | None:
    """Every character a non-empty match of ``regex`` can begin with, or None when it could be any
    (or, unless ``empty_ok``, when the match could be empty)."""
    if regex.flags & re.IGNORECASE:
        return None
    chars, empty = _first(_parser.parse(regex.pattern, regex.flags))
    return None if chars is None or (empty and not empty_ok) else frozenset(chars)


def char_class(chars) -> str:
    return "[" + "".join(re.escape(ch) for ch in sorted(chars)) + "]"


def opens_with_literal(regex: re.Pattern) -> bool:
    """Does the pattern open with a literal character, or a class, or a branch whose every
    alternative opens with a literal? Then Python's search skips in C to where such a character
    is, as it does for no other opening (a look-ahead included)."""
    items = _parser.parse(regex.pattern, regex.flags)
    while items and items[0][0] is _c.SUBPATTERN:
        items = items[0][1][3]
    if not items or regex.flags & re.IGNORECASE:
        return False
    op, av = items[0]
    if op is _c.BRANCH:
        return all(alternative and alternative[0][0] is _c.LITERAL for alternative in av[1])
    return op in (_c.LITERAL, _c.IN)


def guarded(regex: re.Pattern) -> re.Pattern:
    """``regex`` led by a look-ahead for the characters its match can begin with, for searching.
    A search tries the pattern at every position, and one that opens with a class or a branch of
    classes fails there only after trying each alternative; the look-ahead fails on one test. A
    pattern that opens with a literal is searched faster as it is (see opens_with_literal)."""
    if opens_with_literal(regex):
        return regex
    chars = first_chars(regex, empty_ok=False)
    if chars is None:
        return regex
    return re.compile(f"(?={char_class(chars)})(?:{regex.pattern})", regex.flags)


def _needs(items, out: list[frozenset[str]]) -> None:
    """For each item a match of ``items`` must consume, the characters that item's match can begin with."""
    for op, av in items:
        if op is _c.SUBPATTERN and not av[1] & _c.SRE_FLAG_IGNORECASE:
            _needs(av[3], out)
        elif op is _c.ATOMIC_GROUP:
            _needs(av, out)
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT) and av[0] >= 1:
            _needs(av[2], out)
        elif op in (_c.LITERAL, _c.IN, _c.BRANCH):
            chars, empty = _first([(op, av)])
            if chars is not None and not empty:
                out.append(frozenset(chars))


def needed_chars(regex: re.Pattern) -> tuple[frozenset[str], ...]:
    """Sets of characters a text must hold one of each for ``regex`` to match anywhere in it (a cheap
    test that rules a pattern out before searching), the smallest (the likeliest to fail) first."""
    out: list[frozenset[str]] = []
    if not regex.flags & re.IGNORECASE:
        _needs(_parser.parse(regex.pattern, regex.flags), out)
    return tuple(sorted(set(out), key=lambda chars: (len(chars), sorted(chars))))


def may_match(needs: tuple[frozenset[str], ...], chars: set[str]) -> bool:
    """False when a text with these characters cannot hold a match (see needed_chars)."""
    for need in needs:
        if chars.isdisjoint(need):
            return False
    return True


def rules_by_first(rules: list[Rule]) -> tuple[dict[str, tuple[Rule, ...]], tuple[Rule, ...]]:
    """For each character, the rules (in grammar order) whose match may begin with it; and the
    rules for any other character (those that could begin with anything)."""
    firsts = [first_chars(rule.regex) for rule in rules]
    anywhere = tuple(rule for rule, chars in zip(rules, firsts, strict=True) if chars is None)
    table = {ch: tuple(rule for rule, chars in zip(rules, firsts, strict=True) if chars is None or ch in chars)
             for ch in set().union(*(chars for chars in firsts if chars is not None))}
    return table, anywhere


def load_grammar(lang: str = "zh") -> Grammar:
    """The compiled rules of ``lang``, compiled once however the caller names the language."""
    return _load_grammar(lang)


@cache
def _load_grammar(lang: str) -> Grammar:
    data = load_yaml(lang, "time")
    words = {name: dict(table) for name, table in data["words"].items()}
    festivals = data["festivals"]
    festival_names = {}
    for name, spec in festivals.items():
        festival_names[name] = name
        for alias in spec.get("aliases", []):
            festival_names[alias] = name
    tables = {name: list(table) for name, table in words.items()}
    tables["festivals"] = list(festival_names)
    expander = _Expander(data["macros"], tables)
    rules = []
    for item in data["rules"]:
        try:
            regex = re.compile(expander.expand(item["pattern"]))
        except re.error as exc:
            raise ValueError(f"time rule {item['name']!r}: {exc}") from None
        rules.append(Rule(
            name=item["name"],
            kind=item["kind"],
            regex=regex,
            priority=item.get("priority", 0),
            open_start=item.get("open_start", False),
            from_base=item.get("from_base", False),
            pair=item.get("pair", False),
            weak=item.get("weak", False),
            within=item.get("within"),
        ))
    named = {rule.name: rule for rule in rules}
    unknown = sorted({rule.within for rule in rules if rule.within} - set(named))
    if unknown:
        raise ValueError(f"time rules are tried within unknown rules: {', '.join(unknown)}")
    bases = {rule.within: named[rule.within] for rule in rules if rule.within}
    negatives = [guarded(re.compile(expander.expand(p))) for p in data.get("negatives", [])]
    starts = set(data["anchor_start"]) | {word[0] for table in tables.values() for word in table}
    anchors = re.compile(f"(?={char_class(starts)})(?:" + "|".join(f"(?:{expander.expand(p)})" for p in data["anchors"]) + ")")
    by_first, any_first = rules_by_first(rules)
    try:
        any_negative = guarded(re.compile("|".join(f"(?:{neg.pattern})" for neg in negatives))) if negatives else None
    except re.error:  # two negatives name the same group
        any_negative = None
    return Grammar(rules=rules, bases=bases, by_first=by_first, any_first=any_first, any_negative=any_negative, negatives=negatives, anchors=anchors, lead=frozenset(data["lead"]),
                   lead_max=data["lead_max"],
                   future=re.compile(alternation(data["tense"]["future"])),
                   past=re.compile(alternation(data["tense"]["past"])),
                   tense_window=data["tense"]["window"],
                   neutral=re.compile(alternation(data["tense"].get("neutral", ["(?!)"]))),
                   words=words, festivals=festivals, festival_names=festival_names,
                   festival_start=re.compile(alternation(festival_names)),
                   span_length=re.compile(expander.expand(data["macros"]["span_length"])))
