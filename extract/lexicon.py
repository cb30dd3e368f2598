"""The event rules of a language (extract/rules/<lang>/events.yaml), compiled once."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, cached_property

from extract.grammar import alternation, char_class, first_chars, guarded, load_grammar, load_yaml, needed_chars

_LIST = re.compile(r"\{list:(\w+)\}")
_LOOKBEHIND = re.compile(r"^\(\?<!\[[^\]]*\]\)")


_GUARDED_CHAR = re.compile(r"^\(\?<!\[([^\]]*)\]\)(\w)(.*)$")


def _literal_first(pattern: str) -> str:
    """'(?<![发进])展' as '展(?<![发进]展)': the same matches, but starting with a literal lets the
    regex engine skip to the places that character occurs instead of trying every position."""
    match = _GUARDED_CHAR.match(pattern)
    return f"{match.group(2)}(?<![{match.group(1)}]{match.group(2)}){match.group(3)}" if match else pattern


def required_lists(pattern: str) -> tuple[str, ...]:
    """The word lists (``{list:name}``) a match of ``pattern`` must hold a word of, wherever it is
    matched: a sentence holding no word of one of them is no place to search the pattern. Each list
    stands in for a private-use character while needed_chars reads the pattern, so a list inside an
    optional part, an alternative or a look-around never counts."""
    names = sorted(set(_LIST.findall(pattern)))
    stand_in = {name: chr(0xE000 + i) for i, name in enumerate(names)}
    needs = needed_chars(re.compile(_LIST.sub(lambda m: stand_in[m.group(1)], pattern)))
    return tuple(name for name in names if frozenset(stand_in[name]) in needs)


@dataclass(frozen=True)
class Place:
    regex: re.Pattern
    after_date: bool
    needs: tuple[frozenset[str], ...] = ()  # grammar.needed_chars of regex
    lists: tuple[str, ...] = ()  # required_lists of its pattern


@dataclass(frozen=True)
class TitleRule:
    regex: re.Pattern
    subject_before: bool
    fallback: bool = False
    needs: tuple[frozenset[str], ...] = ()  # grammar.needed_chars of regex
    lists: tuple[str, ...] = ()  # required_lists of its pattern
    loose: bool = False  # a name only this rule finds does not make a sentence an occasion of its own
    sentence_subject: bool = False  # the name is the subject of the sentence, not a group of the match


@dataclass(frozen=True)
class Lexicon:
    triggers: re.Pattern
    trigger_end: re.Pattern
    not_event: re.Pattern
    event_noun_end: re.Pattern
    event_noun_any: re.Pattern
    openers: re.Pattern
    statistics: re.Pattern
    end_cues: re.Pattern
    time_links: re.Pattern  # what a sentence of nothing but times holds besides them
    called_off: re.Pattern  # after a first_set date: that day is no occasion any more
    moved_to: re.Pattern  # ends right before a date: the occasion was moved to that day
    first_set: re.Pattern  # ends right before a date: the day the occasion was first set for
    festival_context: re.Pattern
    explicit_date: re.Pattern
    not_subjects: tuple[str, ...]
    trailing_junk: re.Pattern
    actions: re.Pattern
    signups: re.Pattern  # the actions that are a phase of an event of its own (报名, 售票)
    speech: re.Pattern
    announced: re.Pattern  # matched right after a date
    ongoing: re.Pattern
    ongoing_end: re.Pattern
    same_day: re.Pattern
    openings: re.Pattern
    anaphoric_places: re.Pattern
    anaphoric_inside: re.Pattern
    service_start: re.Pattern
    partners: re.Pattern  # a place holding these names a partner (街道联合区医院)
    subject_end: re.Pattern  # where a sentence's subject ends: a word of subject_ends, a (masked) date, a clause end
    purpose_openers: re.Pattern
    place_label: re.Pattern
    list_item: re.Pattern
    row_gap: re.Pattern  # the wide gap between a listing row's cells
    bullet_lead: re.Pattern  # a line's bullet and the spaces around it
    row_day: re.Pattern  # a cell that opens with a day
    heading_number: re.Pattern
    dated_item_only: re.Pattern
    label_line: re.Pattern
    emoji_label: re.Pattern  # a line opening with an emoji that stands for a label (🗓, 📍)
    emoji_labels: dict[str, str]  # that emoji -> its label
    time_label: re.Pattern
    label_heading: re.Pattern
    notice_headline: re.Pattern
    contact_line: re.Pattern
    road_closure: re.Pattern
    closure_lead: re.Pattern  # what before a road closure belongs to it, matched up to the closure
    name_label: re.Pattern
    generic_names: re.Pattern
    name_tail: re.Pattern
    programme_intro: re.Pattern
    programme_lead: re.Pattern
    past_statistics: re.Pattern
    contingency: re.Pattern
    start_time: re.Pattern
    place_line: re.Pattern
    meeting_point: re.Pattern
    titles: tuple[TitleRule, ...]
    places: tuple[Place, ...]
    not_places: frozenset[str]
    categories: tuple[tuple[str, re.Pattern, re.Pattern], ...]  # name, any of its words, a word at the end
    weak_category_words: frozenset[str]
    category_masks: re.Pattern | None
    article_start: re.Pattern
    byline: re.Pattern
    trailing_byline: re.Pattern
    caption: re.Pattern
    meta_line: re.Pattern
    header: re.Pattern
    heading_max: int
    continues: re.Pattern  # a line that goes on with the unfinished line above it
    pubdate: dict
    pub_label: re.Pattern
    pub_full_dates: tuple[re.Pattern, ...]
    pub_dateline: re.Pattern
    countdown: re.Pattern
    weekday_date: re.Pattern
    festival_date: re.Pattern
    # each word list the title and place patterns require, as a pattern finding any of its words
    list_words: dict[str, re.Pattern] = field(default_factory=dict)
    # the characters a category's word can begin with (None: any): a text with none of them has none of its words
    category_firsts: tuple[frozenset[str] | None, ...] = ()

    @cached_property
    def title_tiers(self) -> tuple[tuple[tuple[int, TitleRule], ...], ...]:
        """The title rules with their grammar order, in the tiers they are tried in: the rules,
        then the fallbacks, then the loose fallbacks."""
        tiers: dict[int, list[tuple[int, TitleRule]]] = {}
        for index, rule in enumerate(self.titles):
            tiers.setdefault(rule.fallback + rule.loose, []).append((index, rule))
        return tuple(tuple(tiers[tier]) for tier in sorted(tiers))


def _category_terms(data: dict, lang: str) -> dict[str, str]:
    """Each category's words and patterns as one regex; `{festivals}` in a pattern is the grammar's festival names."""
    names = load_grammar(lang).festival_names
    festivals = f"(?={char_class({name[0] for name in names})}){alternation(names)}"
    patterns = data.get("category_patterns", {})
    terms = {}
    for name, words in data["categories"].items():
        extra = [_literal_first(p).replace("{festivals}", festivals) for p in patterns.get(name, [])]
        # patterns first: they are the longer heads; then the words' trie, as alternatives of the
        # same branch, so that where every pattern opens with a literal, so does the whole
        terms[name] = guarded(re.compile("|".join(extra + [alternation(words)[3:-1]]))).pattern
    return terms


def load_lexicon(lang: str = "zh") -> Lexicon:
    """The compiled rules of ``lang``, compiled once however the caller names the language."""
    return _load_lexicon(lang)


@cache
def _load_lexicon(lang: str) -> Lexicon:
    data = load_yaml(lang, "events")
    lists = data["lists"]

    generic = "|".join(_literal_first(p) for p in lists.get("generic_nouns", []))

    def words(name: str) -> str:
        """The list as alternatives (a trie of its words, then any generic patterns), each opening with a literal."""
        trie = alternation(lists[name])[3:-1]
        return f"{trie}|{generic}" if name == "event_nouns" and generic else trie

    def expand(name: str) -> str:
        firsts = {word[0] for word in lists[name]}
        if name == "event_nouns" and generic:
            for pattern in lists["generic_nouns"]:  # '(?<![发进])展': the character after its lookbehind
                firsts.add(_LOOKBEHIND.sub("", pattern)[0])
        # A class of first characters up front lets most positions fail on one test (a pattern
        # tries a long word list at every place a name may end), without changing what matches.
        return f"(?={char_class(firsts)})(?:{words(name)})"

    def compile_(pattern: str) -> re.Pattern:
        return re.compile(_LIST.sub(lambda m: expand(m.group(1)), pattern))

    numbering = data["segment"]["numbering"]
    bullet = data["segment"]["bullet"]
    segment = {key: value.replace("{numbering}", numbering).replace("{bullet}", bullet) if isinstance(value, str) else value
               for key, value in data["segment"].items()}
    pubdate = dict(data["pubdate"])
    for key in ("byline_date", "footer_date", "footer_credits", "anniversary", "founding_before", "founding_after",
                "edition_year"):
        pubdate[key] = re.compile(pubdate[key])
    pubdate["history_heading"] = re.compile(alternation(pubdate["history_heading"]))
    pubdate["history_opening"] = re.compile(alternation(pubdate["history_opening"]))
    pubdate["present_opening"] = re.compile(alternation(pubdate["present_opening"]))
    categories = tuple((name, re.compile(terms), re.compile(f"(?:{terms})$"))
                       for name, terms in _category_terms(data, lang).items())
    return Lexicon(
        triggers=re.compile(alternation(lists["triggers"])),
        trigger_end=re.compile(alternation(lists["triggers"]) + "$"),
        not_event=re.compile(alternation(lists["not_event"])),
        event_noun_end=re.compile(f"(?:{words('event_nouns')})$"),
        event_noun_any=guarded(re.compile(words("event_nouns"))),
        openers=re.compile("(?:" + "|".join([alternation(lists["openers"])] + lists["opener_patterns"]) + ")+"),
        statistics=re.compile(alternation(lists["statistics"])),
        end_cues=re.compile(alternation(lists["end_cues"])),
        moved_to=re.compile(alternation(lists["moved_to"]) + r"\s*$"),
        first_set=re.compile(alternation(lists["first_set"]) + r"\s*$"),
        called_off=re.compile(alternation(lists["called_off"])),
        time_links=re.compile(lists["time_links"]),
        festival_context=re.compile(alternation(lists["festival_context"])),
        explicit_date=re.compile(lists["explicit_date"]),
        not_subjects=tuple(lists["not_subjects"]),
        trailing_junk=re.compile("(?:" + alternation(lists["openers"] + lists["not_subjects"]) + ")+$"),
        actions=re.compile(alternation(lists["actions"])),
        signups=re.compile(alternation(lists["signups"])),
        speech=re.compile(alternation(lists["speech"])),
        announced=re.compile(r"\s*" + alternation(lists["announced"])),
        ongoing=re.compile(r"\s*" + alternation(lists["ongoing"])),
        ongoing_end=re.compile(alternation(lists["ongoing"]) + "$"),
        same_day=re.compile(alternation(lists["same_day"])),
        openings=re.compile(alternation(lists["openings"])),
        anaphoric_places=re.compile(alternation(lists["anaphoric_places"])),
        anaphoric_inside=re.compile(alternation(lists["anaphoric_inside"])),
        service_start=re.compile(alternation(lists["service_start_verbs"] + lists["closure_verbs"])),
        partners=re.compile(alternation(lists["partners"])),
        subject_end=re.compile(alternation(lists["subject_ends"]) + r"|[~，,。；;！？:]"),
        purpose_openers=re.compile(alternation(lists["purpose_openers"])),
        place_label=re.compile(lists["place_label"]),
        list_item=re.compile(segment["list_item"]),
        row_gap=re.compile(segment["row_gap"]),
        bullet_lead=re.compile(rf"^[ \t]*{bullet}[ \t]*"),
        row_day=re.compile(segment["row_day"]),
        heading_number=re.compile(segment["heading_number"]),
        dated_item_only=re.compile(segment["dated_item_only"]),
        label_line=re.compile(segment["label_line"]),
        # the emoji, unless a label of the line's own follows it (📍地點：…)
        emoji_label=re.compile(rf"^[ \t]*({alternation(segment['emoji_labels'])})\ufe0f?[ \t]*(?![^\n:：|｜]{{0,6}}[:：|｜])",
                               re.M),
        emoji_labels=dict(segment["emoji_labels"]),
        time_label=re.compile(segment["time_label"]),
        label_heading=re.compile(segment["label_heading"]),
        notice_headline=re.compile(segment["notice_headline"]),
        contact_line=re.compile(segment["contact_line"]),
        road_closure=re.compile("|".join(data["road_closure"]["closures"])),
        closure_lead=re.compile(f"(?:{data['road_closure']['lead']})\\Z"),
        name_label=re.compile(segment["name_label"], re.M),
        generic_names=re.compile("|".join(lists["generic_names"])),
        name_tail=compile_(data["name_tail"]),
        programme_intro=re.compile("|".join(lists["programme_intro"])),
        programme_lead=re.compile("|".join(lists["programme_lead"])),
        past_statistics=re.compile(lists["past_statistics"]),
        contingency=re.compile(lists["contingency"]),
        start_time=re.compile(lists["start_time"]),
        place_line=re.compile(lists["place_line"]),
        meeting_point=re.compile(lists["meeting_point"]),
        titles=tuple(TitleRule(regex, t.get("subject_before", False), t.get("fallback", False), needed_chars(regex),
                               required_lists(t["pattern"]), t.get("loose", False), t.get("sentence_subject", False))
                     for t in data["titles"] for regex in [compile_(t["pattern"])]),
        places=tuple(Place(regex, p.get("after_date", False), needed_chars(regex), required_lists(p["pattern"]))
                     for p in data["locations"] for regex in [compile_(p["pattern"])]),
        list_words={name: guarded(re.compile(words(name))) for item in (*data["titles"], *data["locations"])
                    for name in required_lists(item["pattern"])},
        not_places=frozenset(data["not_places"]),
        categories=categories,
        category_firsts=tuple(first_chars(words, empty_ok=False) for _, words, _ in categories),
        weak_category_words=frozenset(data.get("weak_category_words", [])),
        category_masks=re.compile(alternation(data["category_masks"])) if data.get("category_masks") else None,
        article_start=re.compile("|".join(segment["article_start"])),
        byline=re.compile(segment["byline"]),
        trailing_byline=re.compile(segment["trailing_byline"]),
        caption=re.compile(segment["caption"]),
        meta_line=re.compile(segment["meta_line"]),
        header=re.compile("|".join(segment["header"])),
        heading_max=segment["heading_max"],
        continues=re.compile(segment["continues"]),
        pubdate=pubdate,
        pub_label=re.compile(pubdate["labels"]),
        pub_full_dates=tuple(re.compile(p) for p in data["pub_full_dates"]),
        pub_dateline=re.compile(data["pub_dateline"]),
        countdown=re.compile(pubdate["countdown"]),
        weekday_date=re.compile(pubdate["weekday_date"]),
        festival_date=re.compile(pubdate["festival_date"].replace(
            "{festivals}", alternation(load_grammar(lang).festival_names))),
    )
