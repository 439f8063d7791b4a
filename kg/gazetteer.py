"""Curated gazetteers (provinces, donors, countries, surnames) and a phrase matcher.

The data lives in ``kg/data/gazetteers``; this module loads it once, on first
use, into small frozen records and compiled matchers.  Matching runs on
:func:`kg.text.fold`-ed text, which has the same length as the text, so match
offsets are offsets into the document.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from . import resources
from .text import fold, key


@dataclass(frozen=True, slots=True)
class Province:
    code: str  # the GSO code in force 2004-2025: unique across all 63 units
    name: str  # canonical name, bare ("Đà Nẵng")
    official_name: str
    level: str  # "city" (centrally governed) or "province"
    code_2025: str  # code after 1 July 2025, "" when merged away
    merged_into: str  # code of the unit it merged into in 2025, "" if none


@dataclass(frozen=True, slots=True)
class Donor:
    key: str
    name_vi: str
    name_en: str
    abbreviations: tuple[str, ...]
    aliases: tuple[str, ...]
    kind: str
    country: str
    wikidata: str
    parent: str


@dataclass(frozen=True, slots=True)
class Country:
    code: str
    name: str
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Hit:
    start: int
    end: int
    payload: str


class PhraseMatcher:
    """Longest-first matching of many phrases at word boundaries.

    ``entries`` are ``(surface, payload, ignore_case)``.  Surfaces are folded
    the same way as the text, so "Khánh Hoà" finds "Khánh Hòa".
    """

    def __init__(self, entries: Iterable[tuple[str, str, bool]]):
        exact: dict[str, str] = {}
        loose: dict[str, str] = {}
        for surface, payload, ignore_case in entries:
            surface = fold(surface.strip())
            if not surface:
                continue
            if ignore_case:
                loose.setdefault(surface.lower(), payload)
            else:
                exact.setdefault(surface, payload)
        self._exact = exact
        self._loose = loose
        self._exact_re = self._compile(exact, 0)
        self._loose_re = self._compile(loose, 0)  # matched on lower-cased text: much faster than IGNORECASE
        self._loose_any_case = self._compile(loose, re.IGNORECASE)

    @staticmethod
    def _compile(table: dict[str, str], flags: int) -> re.Pattern[str] | None:
        if not table:
            return None
        return re.compile(r"(?<![\w])" + trie_pattern(table) + r"(?![\w])", flags)

    def finditer(self, folded: str) -> Iterator[Hit]:
        """Non-overlapping hits, longest first at each position, in text order."""
        hits: list[Hit] = []
        if self._exact_re is not None:
            hits += [Hit(m.start(), m.end(), self._exact[m.group(0)]) for m in self._exact_re.finditer(folded)]
        if self._loose_re is not None:
            lowered = folded.lower()
            regex = self._loose_re if len(lowered) == len(folded) else self._loose_any_case  # "İ" lowers to two
            text = lowered if regex is self._loose_re else folded
            hits += [Hit(m.start(), m.end(), self._loose[m.group(0).lower()]) for m in regex.finditer(text)]
        hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
        last_end = -1
        for hit in hits:
            if hit.start >= last_end:
                last_end = hit.end
                yield hit


def trie_pattern(words: Iterable[str]) -> str:
    """A regular expression for any of ``words``, factored as a trie: the engine tries
    one branch per next character instead of every word in turn, and prefers the
    longest word that fits (as an alternation sorted longest first would)."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: dict) -> str:
        branches = [re.escape(char) + pattern(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return "(?:" + pattern(trie) + ")"


def _split(cell: str | None) -> tuple[str, ...]:
    return tuple(p.strip() for p in (cell or "").split("|") if p.strip())


@cache
def provinces() -> dict[str, Province]:
    rows = resources.table("gazetteers", "provinces.csv")
    names = {r["code"]: r["alias"] for r in resources.table("gazetteers", "province_aliases.csv") if r["canonical"] == "1"}
    return {
        r["code"]: Province(
            code=r["code"],
            name=names.get(r["code"], r["name"]),
            official_name=r["official_name"],
            level=r["level"],
            code_2025=r["code_2025"],
            merged_into=r["merged_into"],
        )
        for r in rows
    }


@cache
def province_surfaces() -> tuple[tuple[str, str, bool], ...]:
    """``(surface, code, bare)``: every name a province may be written as.

    ``bare`` is False for names that only count after "tỉnh"/"thành phố"/"TP"
    (bare "Hồ Chí Minh" is the person).
    """
    out: dict[str, tuple[str, bool]] = {}
    for row in resources.table("gazetteers", "province_aliases.csv"):
        out[row["alias"]] = (row["code"], row["bare"] == "1")
    for province in provinces().values():
        out.setdefault(province.name, (province.code, True))
        short = province.official_name.removeprefix("Tỉnh ").removeprefix("Thành phố ")
        out.setdefault(short, (province.code, True))
    return tuple((surface, code, bare) for surface, (code, bare) in out.items())


@cache
def province_matcher() -> PhraseMatcher:
    return PhraseMatcher((surface, surface, False) for surface, _code, _bare in province_surfaces())


@cache
def province_by_surface() -> dict[str, tuple[str, bool]]:
    return {fold(surface): (code, bare) for surface, code, bare in province_surfaces()}


@cache
def countries() -> dict[str, Country]:
    return {
        r["code"]: Country(r["code"], r["name_vi"], _split(r["aliases"]))
        for r in resources.table("gazetteers", "countries.csv")
    }


@cache
def country_matcher() -> PhraseMatcher:
    entries = []
    for country in countries().values():
        for surface in (country.name, *country.aliases):
            entries.append((surface, country.code, False))
    return PhraseMatcher(entries)


@cache
def donors() -> dict[str, Donor]:
    out = {}
    for r in resources.table("gazetteers", "donors.csv"):
        out[r["key"]] = Donor(
            key=r["key"],
            name_vi=r["name_vi"],
            name_en=r["name_en"],
            abbreviations=_split(r["abbreviations"]),
            aliases=_split(r["aliases"]),
            kind=r["kind"],
            country=r["country"],
            wikidata=r["wikidata"],
            parent=r["parent"],
        )
    return out


@cache
def government_of() -> dict[str, str]:
    """Country code -> key of the donor row for that country's government."""
    return {
        d.country: d.key
        for d in donors().values()
        if d.kind == "government" and d.country and d.name_vi.startswith("Chính phủ")
    }


@cache
def donor_matcher() -> PhraseMatcher:
    """Names, English names, abbreviations and aliases of the donors.

    Bare country names are left to the country matcher: a country is a donor
    only where the text has it fund something.  Abbreviations and short names
    match case-sensitively, names of three words or more in any case.
    """
    bare_countries = {key(s) for c in countries().values() for s in (c.name, *c.aliases)}
    entries = []
    for donor in donors().values():
        for surface in (donor.name_vi, donor.name_en, *donor.aliases):
            if key(surface) in bare_countries:
                continue
            entries.append((surface, donor.key, len(surface.split()) >= 3))
        for abbreviation in donor.abbreviations:
            entries.append((abbreviation, donor.key, False))
    return PhraseMatcher(entries)


@cache
def surnames() -> frozenset[str]:
    return frozenset(fold(s) for s in resources.lines("surnames.txt"))


@cache
def words(name: str) -> tuple[str, ...]:
    """A pattern list from ``kg/data/patterns/NAME.txt``, longest first."""
    return tuple(sorted(resources.lines(name), key=len, reverse=True))


@cache
def word_regex(name: str, ignore_case: bool = False) -> re.Pattern[str]:
    """One regex matching any phrase of ``kg/data/patterns/NAME.txt`` at word boundaries."""
    body = "|".join(re.escape(fold(w)) for w in words(name))
    return re.compile(r"(?<![\w])(?:" + body + r")(?![\w])", re.IGNORECASE if ignore_case else 0)
