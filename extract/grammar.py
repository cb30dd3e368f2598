"""Compile a language's time grammar (extract/rules/<lang>/time.yaml) into regexes.

The grammar is data; this module only knows how to expand macros and word tables.
"""
from __future__ import annotations

import re
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


def load_yaml(lang: str, name: str) -> dict:
    with open(RULES_DIR / lang / f"{name}.yaml", encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def alternation(words) -> str:
    """Longest first, so 五一劳动节 wins over 劳动节."""
    return "(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"


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


@cache
def load_grammar(lang: str = "zh") -> Grammar:
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
            weak=item.get("weak", False),
        ))
    negatives = [re.compile(expander.expand(p)) for p in data.get("negatives", [])]
    starts = set(data["anchor_start"]) | {word[0] for table in tables.values() for word in table}
    first = "[" + "".join(re.escape(ch) for ch in sorted(starts)) + "]"
    anchors = re.compile(f"(?={first})(?:" + "|".join(f"(?:{expander.expand(p)})" for p in data["anchors"]) + ")")
    return Grammar(rules=rules, negatives=negatives, anchors=anchors, lead=frozenset(data["lead"]),
                   lead_max=data["lead_max"],
                   future=re.compile(alternation(data["tense"]["future"])),
                   past=re.compile(alternation(data["tense"]["past"])),
                   tense_window=data["tense"]["window"],
                   neutral=re.compile(alternation(data["tense"].get("neutral", ["(?!)"]))),
                   words=words, festivals=festivals, festival_names=festival_names,
                   festival_start=re.compile(alternation(festival_names)),
                   span_length=re.compile(expander.expand(data["macros"]["span_length"])))
