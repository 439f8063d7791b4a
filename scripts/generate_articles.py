"""Write N varied, realistic Vietnamese news articles for benchmarks and scale tests.

Each article is a news story about a province and its foreign development
partners: headline, sapo, body paragraphs, sometimes a photo caption, a byline
and sometimes a "Tin liên quan" block; 16-30 body sentences (mean 25) and
2-4.5k characters (mean 3.1k).  Provinces, donors and surnames come from the
package's gazetteers (``kg/data/gazetteers``), districts and wards from
underthesea's address data; officials get invented names and real office
titles; projects, amounts (Vietnamese number formatting, five currencies),
years and sentences are drawn from the templates at the end of this file.
Filler sentences about smart-city topics make the text as costly to tokenise
as news.

The output is seeded (the same seed writes the same files) and no two articles
are alike: every text is hashed, and one that repeats an earlier text is drawn
again.  Articles are written one at a time, so memory does not grow with N.
With ``--gold`` each ``NAME.txt`` gets a ``NAME.gold.json`` (the gold format of
data/corpus) listing the entities and relations the generator
placed in the text.

usage: python scripts/generate_articles.py N OUT_DIR [--seed S] [--gold]
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import random
import sys
import time
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from string import Formatter

from kg import gazetteer, resources
from kg.text import ascii_slug

MAX_ATTEMPTS = 50  # draws of one article before giving up on a text not seen before
HCM = "79"


# -- the gold record ---------------------------------------------------------


@dataclass
class GoldEntity:
    id: str
    type: str
    name: str
    mentions: list[str] = field(default_factory=list)
    position: str = ""
    amount: dict | None = None
    year: int | None = None

    def mention(self, surface: str) -> str:
        if surface not in self.mentions:
            self.mentions.append(surface)
        return surface

    def as_json(self) -> dict:
        out = {"id": self.id, "type": self.type, "name": self.name, "mentions": list(self.mentions)}
        for attribute in ("position", "amount", "year"):
            if getattr(self, attribute):
                out[attribute] = getattr(self, attribute)
        return out


class Gold:
    """What an article states: entities (keyed by type and a generator key) and relations."""

    PREFIX = {"Province": "p", "Donor": "d", "Project": "j", "Official": "o"}

    def __init__(self) -> None:
        self.entities: dict[tuple[str, str], GoldEntity] = {}
        self.relations: dict[tuple[str, str, str], None] = {}

    def entity(self, type_: str, key: str, name: str) -> GoldEntity:
        found = self.entities.get((type_, key))
        if found is None:
            count = sum(1 for t, _k in self.entities if t == type_)
            found = self.entities[(type_, key)] = GoldEntity(f"{self.PREFIX[type_]}{count + 1}", type_, name)
        return found

    def relate(self, kind: str, head: GoldEntity, tail: GoldEntity) -> None:
        self.relations[(kind, head.id, tail.id)] = None

    def as_json(self, doc: str) -> dict:
        return {"doc": doc, "entities": [e.as_json() for e in self.entities.values()],
                "relations": [{"type": k, "from": a, "to": b} for k, a, b in self.relations]}


# -- facts -------------------------------------------------------------------


@dataclass(frozen=True)
class Place:
    code: str
    name: str  # as written after "tỉnh"/"thành phố" ("Quảng Ninh", "Huế", "Hồ Chí Minh")
    canonical: str  # the gold name ("Thừa Thiên Huế", "Thành phố Hồ Chí Minh")
    city: bool
    bare: bool  # the name alone names the province ("Hồ Chí Minh" alone is the person)
    aliases: tuple[str, ...]  # other ways news writes it ("TP.HCM", "TT-Huế", "Thủ đô Hà Nội")


@dataclass(frozen=True)
class Funder:
    key: str
    name: str
    abbr: str
    english: str
    kind: str
    country: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Money:
    value: float
    currency: str


@dataclass
class Person:
    name: str
    short: str  # how the text refers back ("ông Khải", "bà Sherwood")
    honorific: str
    title: str  # office template: {P} province, {D} donor, {country}, {HCM}
    province: Place | None = None  # an office of this province (officialOf)
    funder: Funder | None = None  # an office at this donor


@dataclass
class Project:
    key: str
    base: str  # the name without its province ("Phát triển giao thông xanh")
    suffix: str  # a phase or horizon ("giai đoạn 2", "đến năm 2030")
    place_in_name: bool  # the province is written inside the name ("... tỉnh Quảng Ninh")
    generic: bool  # no proper noun: the gold name carries the province (ANNOTATION.md)
    head: str  # "dự án", "Dự án", "Đề án", "Chương trình", "" for a facility
    quoted: bool
    topic: str
    places: list[Place]
    funders: list[tuple[Funder, Money, str]]  # donor, its package, instrument (loan, grant ...)
    total: Money | None
    year: int | None
    proposed: bool = False
    written: str = ""  # the name as the text spells it, once it has


@dataclass
class Facts:
    """What one article is about, drawn before a word of it is written."""

    home: Place
    second: Place  # another province, for the related-article headlines
    donors: list[Funder]  # the first is the article's main donor
    projects: list[Project]
    story: str  # "signing", "visit", "workshop", "progress", "ceremony", "plan"
    officials: dict[str, list[Person]]  # "province", "donor", "local", "national"


@dataclass(frozen=True)
class District:
    kind: str  # "huyện", "quận", "thị xã", "thành phố"
    name: str
    wards: tuple[str, ...]  # "phường An Bình", "xã Mỹ Khánh"

    def __str__(self) -> str:
        return f"{self.kind} {self.name}"


@dataclass
class Data:
    places: list[Place]
    funders: list[Funder]
    surnames: tuple[str, ...]
    districts: dict[str, tuple[District, ...]]  # province code -> its districts (before 2025)

    @classmethod
    def load(cls) -> "Data":
        places = _places()
        return cls(places, _funders(), _surnames(), _districts(places))


def _districts(places: list[Place]) -> dict[str, tuple[District, ...]]:
    """Districts and wards of each province, from underthesea's address data (read without importing it).

    A district named like a centrally governed city ("thành phố Huế") is left out: that name is a Province.
    """
    spec = importlib.util.find_spec("underthesea")
    path = Path(spec.origin).parent / "address" / "data" / "mapping.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    codes = {key: unit["code"] for key, unit in data["old_province_names"].items()}
    cities = {p.name for p in places if p.city} | {"Huế"}
    found: dict[tuple[str, str, str], set[str]] = {}
    for row in data["ward_mapping"]:
        district = row["old_district"]
        kind = next((k for k in DISTRICT_KINDS if district.startswith(k + " ")), None)
        if kind is None or district[len(kind) + 1:] in cities:
            continue
        wards = found.setdefault((codes[row["old_province_key"]], kind.lower(), district[len(kind) + 1:]), set())
        if row["old_ward"]:
            wards.add(row["old_ward"][:1].lower() + row["old_ward"][1:])
    out: dict[str, list[District]] = {}
    for (code, kind, name), wards in sorted(found.items()):
        out.setdefault(code, []).append(District(kind, name, tuple(sorted(wards))))
    return {code: tuple(districts) for code, districts in out.items()}


def _surnames() -> tuple[str, ...]:
    """The Kinh family names of surnames.txt (those before its ethnic-minority section)."""
    text = resources.read_text("kg", "data/gazetteers/surnames.txt")
    kinh = text.split("ethnic minorities")[0].splitlines()[:-1]
    return tuple(s.strip() for s in kinh if s.strip() and not s.startswith("#"))


def _places() -> list[Place]:
    not_bare = {code for _surface, code, bare in gazetteer.province_surfaces() if not bare}
    aliases: dict[str, list[str]] = {}
    for row in resources.table("gazetteers", "province_aliases.csv"):
        alias = row["alias"]
        if row["bare"] == "1" and (not alias.isascii() or alias.startswith("TP")) and alias != "Sài Gòn":
            aliases.setdefault(row["code"], []).append(alias)
    out = []
    for p in gazetteer.provinces().values():
        name = p.official_name.removeprefix("Tỉnh ").removeprefix("Thành phố ")
        out.append(Place(p.code, name, p.name, p.level == "city", p.code not in not_bare,
                         tuple(a for a in aliases.get(p.code, ()) if a != p.name)))
    return out


def _funders() -> list[Funder]:
    countries = gazetteer.countries().values()
    bare_countries = {s for c in countries for s in (c.name, *c.aliases)}
    out = []
    for d in gazetteer.donors().values():
        aliases = tuple(a for a in d.aliases  # Vietnamese names only, not a country's, not an embassy's
                        if VIETNAMESE_LETTERS & set(a.lower()) and a not in bare_countries
                        and not any(w in a for w in (" tại ", "TP", "Đại sứ", "Lãnh sự")))
        abbr = d.abbreviations[0] if d.abbreviations and d.kind != "government" else ""
        out.append(Funder(d.key, d.name_vi, abbr, d.name_en, d.kind, d.country, aliases))
    return out


# -- surface forms, money, names ---------------------------------------------


class Writer:
    """Random draws and entities as written, each recorded in the article's gold."""

    def __init__(self, rng: random.Random, data: Data):
        self.rng = rng
        self.data = data
        self.gold = Gold()
        self.introduced: set[str] = set()  # donors already written in full
        self.names: set[str] = set()
        self.fillers: set[str] = set()
        self.sentences = 0
        self.home: Place | None = None  # for the generic slots (districts, wards, the event)
        self.story = "signing"

    def district(self) -> District:
        return self.pick(self.data.districts[self.home.code])

    def pick(self, items):
        return self.rng.choice(items)

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def fill(self, template: str, **slots) -> str:
        """``template`` formatted; a slot's value (and its mention) is made only if used, in text order."""
        values: dict[str, str] = {}
        for _literal, name, _spec, _conversion in Formatter().parse(template):
            if name is None or name in values:
                continue
            if name in slots:
                values[name] = slots[name]() if callable(slots[name]) else slots[name]
            else:
                values[name] = GENERIC[name](self)
        self.sentences += 1 + template.count(". ")
        text = template.format(**values)
        return text[:1].upper() + text[1:]

    # provinces
    def province(self, place: Place, form: str = "auto") -> str:
        """``form``: "admin" ("tỉnh X", "TP. X"), "bare" ("X"), "office" (after "UBND"), "auto"."""
        entity = self.gold.entity("Province", place.code, place.canonical)
        if form == "auto":
            form = self.pick(("admin", "bare", "bare", "alias") if place.aliases else ("admin", "bare"))
        if form == "office":
            form = "alias" if place.code == HCM and self.chance(0.5) else "admin"
        if form == "bare" and not place.bare:
            form = "alias"
        if form == "alias" and place.aliases:
            surface = self.pick(place.aliases)
        elif form == "bare":
            surface = place.name
        elif place.city:
            surface = self.pick(("thành phố ", "TP. ", "TP ")) + place.name
        else:
            surface = "tỉnh " + place.name
        return entity.mention(surface)

    # donors
    def donor(self, funder: Funder, form: str = "auto") -> str:
        """``form``: "auto" (in full with the abbreviation the first time, short after), "short", "source"
        (after "vốn vay của": a government may be its bare country)."""
        entity = self.gold.entity("Donor", funder.key, funder.name)
        if form == "source" and funder.kind == "government" and self.chance(0.5):
            return entity.mention(gazetteer.countries()[funder.country].name)
        if form == "auto" and funder.key not in self.introduced:
            self.introduced.add(funder.key)
            if funder.abbr and self.chance(0.85):
                entity.mention(funder.name)
                return f"{funder.name} ({entity.mention(funder.abbr)})"
            return entity.mention(funder.name)
        roll = self.rng.random()
        if funder.abbr and roll < 0.75:
            return entity.mention(funder.abbr)
        if funder.aliases and roll < 0.85:
            return entity.mention(self.pick(funder.aliases))
        if funder.english.isascii() and funder.kind != "government" and roll < 0.9:
            return entity.mention(funder.english)
        return entity.mention(funder.name)

    # people
    def person(self, female: bool, origin: str = "vn") -> tuple[str, str]:
        """A full name not used yet in the article and the short form the text refers back with."""
        for _ in range(200):
            if origin == "vn":
                given = self.pick(GIVEN_F if female else GIVEN_M)
                surname = self.rng.choices(self.data.surnames, weights=surname_weights(len(self.data.surnames)))[0]
                name = f"{surname} {self.pick(MIDDLE_F if female else MIDDLE_M)} {given}"
                short = given
            else:
                families, men, women = FOREIGN[origin]
                family, first = self.pick(families), self.pick(women if female else men)
                family_first = origin in ("kr", "cn") or (origin == "jp" and self.chance(0.4))
                name = f"{family} {first}" if family_first else f"{first} {family}"
                short = name if origin in ("kr", "cn") else family
            if name not in self.names and short not in self.names:
                self.names |= {name, short}
                return name, short
        raise RuntimeError("ran out of distinct names")

    # money
    def money(self, money: Money, approx: bool = True) -> str:
        return (self.pick(APPROX) if approx else "") + format_money(money, self.rng)

    def package(self, funder: Funder) -> Money:
        lender = funder.kind in LENDERS
        local = CURRENCIES.get(funder.country, ("USD",))
        currency = self.pick(("USD", "USD", *local) if lender else local)
        usd = round_sig(self.rng.uniform(*((20, 300) if lender else (0.3, 30)))) * 1e6
        return Money(round_sig(usd / TO_USD[currency], whole=currency in ("JPY", "KRW")), currency)

    def total(self, packages: list[Money]) -> Money:
        usd = sum(m.value * TO_USD[m.currency] for m in packages) * self.rng.uniform(1.1, 1.8)
        if self.chance(0.55):
            return Money(round_sig(usd / TO_USD["VND"] / 1e9) * 1e9, "VND")  # "1.500 tỷ đồng"
        return Money(round_sig(usd / TO_USD[packages[0].currency]), packages[0].currency)


@cache
def surname_weights(count: int) -> tuple[float, ...]:
    """Frequency-ordered surnames: Nguyễn about a third of names, a long tail after the top dozen."""
    return tuple(SURNAME_SHARE[i] if i < len(SURNAME_SHARE) else 0.3 for i in range(count))


VIETNAMESE_LETTERS = set("ăâđêôơưạảãậầẩẫấặằẳẵắẹẻẽệềểễếịỉĩọỏõộồổỗốợờởỡớụủũựừửữứỵỷỹỳ")
TO_USD = {"USD": 1.0, "VND": 1 / 25_000, "EUR": 1.08, "JPY": 1 / 150, "KRW": 1 / 1_350, "AUD": 0.65}


def round_sig(x: float, whole: bool = False) -> float:
    """Two or three significant figures, as news writes them ("158,6", "45", "2,5")."""
    digits = 3 if x >= 100 else 2
    scale = 10 ** (len(str(int(x))) - digits) if x >= 1 else 0.1
    value = round(x / scale) * scale
    return float(int(value)) if whole or value >= 10 else round(value, 1)


def vn_number(x: float) -> str:
    """1500 -> "1.500", 2.5 -> "2,5", 158.6 -> "158,6"."""
    whole = int(x)
    text = f"{whole:,}".replace(",", ".")
    decimals = f"{x - whole:.2f}"[2:].rstrip("0")
    return text + ("," + decimals if decimals else "")


def format_money(money: Money, rng: random.Random) -> str:
    unit = rng.choice(UNITS[money.currency])
    v = money.value
    if money.currency == "VND" and v >= 1e12 and rng.random() < 0.3:
        return f"{vn_number(v / 1e12)} nghìn tỷ {unit}"
    for factor, word in ((1e9, "tỷ"), (1e6, "triệu")):
        if v >= factor and round(v / factor, 2) * factor == v:
            return f"{vn_number(v / factor)} {word} {unit}"
    return f"{vn_number(v)} {unit}"


def amount_json(money: Money) -> dict:
    return {"value": int(money.value) if float(money.value).is_integer() else money.value,
            "currency": money.currency}


# -- the facts of one article ------------------------------------------------


def plan(w: Writer) -> Facts:
    rng = w.rng
    home = w.home = rng.choice(w.data.places)
    others = [p for p in w.data.places if p.code != home.code]
    neighbours = [p for p in others if abs(int(p.code) - int(home.code)) <= 6] or others
    pool = [f for f in w.data.funders if rng.random() < KIND_WEIGHT.get(f.kind, 0.3)]
    donors = rng.sample(pool, k=rng.choice((1, 1, 2, 2, 3)))
    story = w.story = rng.choice(STORIES)
    topics = rng.sample(sorted(TOPICS), k=3)
    count = rng.choice((1, 2, 2, 3))
    projects = []
    for i in range(count):
        places = [home, rng.choice(neighbours)] if rng.random() < 0.1 else [home]
        proposed = story == "visit" and count > 1 and i == count - 1
        project = draw_project(w, topics[i], places, [] if proposed else [donors[i % len(donors)]], proposed)
        if i == 0 and len(donors) > 1 and rng.random() < 0.35:  # co-financed by a second donor
            project.funders.append((donors[1], w.package(donors[1]), rng.choice(INSTRUMENTS[donors[1].kind])))
            project.total = w.total([m for _f, m, _i in project.funders])
        projects.append(project)
    return Facts(home=home, second=rng.choice(others), donors=donors, projects=projects, story=story,
                 officials=draw_officials(w, home, donors))


def draw_project(w: Writer, topic: str, places: list[Place], funders: list[Funder], proposed: bool) -> Project:
    rng = w.rng
    names, seconds = TOPICS[topic]
    head = rng.choice(("dự án", "dự án", "dự án", "Dự án", "Đề án", "Chương trình", "" if not proposed else "dự án"))
    suffix = ""
    place_in_name = generic = False
    if head == "":
        base, place_in_name, quoted = rng.choice(FACILITY_NAMES[topic]), True, False
    else:
        base = rng.choice(names)
        if rng.random() < 0.3 and " và " not in base:
            base += f" và {rng.choice(seconds)}"
        elif rng.random() < 0.3:
            base += " " + rng.choice(QUALIFIERS)
        roll = rng.random()
        if len(places) > 1 or roll < 0.62:
            place_in_name = True
        elif roll < 0.9:
            district = w.district()
            base += f" {district}" if rng.random() < 0.7 else f" {rng.choice(AREAS)} {district.name}"
        else:
            generic = True
        if head == "Đề án":
            suffix = rng.choice(PLAN_HORIZONS)
        elif rng.random() < 0.12:
            suffix = rng.choice(PHASES)
        quoted = head in ("Đề án", "Chương trình") or rng.random() < 0.2
        if head == "dự án" and not quoted and rng.random() < 0.1:
            base = base[:1].lower() + base[1:]  # "dự án xây dựng hệ thống ..."
    packages = [(f, w.package(f), rng.choice(INSTRUMENTS[f.kind])) for f in funders]
    total = None
    if proposed or rng.random() < 0.6:
        total = w.total([m for _f, m, _i in packages] or [w.package(rng.choice(w.data.funders))])
    year = rng.randint(2016, 2025) if rng.random() < 0.55 and not proposed else None
    return Project(ascii_slug(f"{topic} {base}", 80), base, suffix, place_in_name, generic, head, quoted, topic,
                   places, packages, total, year, proposed)


def draw_officials(w: Writer, home: Place, donors: list[Funder]) -> dict[str, list[Person]]:
    rng = w.rng
    out: dict[str, list[Person]] = {"province": [], "donor": [], "local": [], "national": []}
    for _ in range(rng.choice((1, 2, 2, 3))):
        female = rng.random() < 0.3
        name, short = w.person(female)
        title = rng.choice(PROVINCE_TITLES).replace("{dept}", rng.choice(DEPARTMENTS))
        if home.city:
            title = title.replace("Tỉnh ủy", "Thành ủy")
        out["province"].append(Person(name, short, "bà" if female else "ông", title, province=home))
    for funder in donors:
        if rng.random() < 0.6:
            female = rng.random() < 0.4
            origin = "vn" if rng.random() < 0.15 else ORIGIN.get(funder.country) or rng.choice(MIXED_ORIGINS)
            name, short = w.person(female, origin)
            title = rng.choice(DONOR_TITLES.get(funder.kind, DONOR_TITLES["other"]))
            out["donor"].append(Person(name, short, "bà" if female else "ông", title, funder=funder))
    if rng.random() < 0.45:
        name, short = w.person(False)
        district = w.district()
        title = rng.choice(LOCAL_TITLES).replace("{district}", str(district)).replace(
            "{party}", PARTY_COMMITTEE[district.kind]).replace("{name}", district.name)
        out["local"].append(Person(name, short, "ông", title))
    if rng.random() < 0.25:
        name, short = w.person(False)
        out["national"].append(Person(name, short, "ông", rng.choice(NATIONAL_TITLES)))
    return out


# -- writing one article -----------------------------------------------------


class Article:
    """Writes the planned facts as a news story, section by section, recording each stated fact."""

    def __init__(self, w: Writer, facts: Facts):
        self.w = w
        self.home = facts.home
        self.second = facts.second
        self.donors = facts.donors
        self.main = self.donors[0]
        self.projects = facts.projects
        self.officials = facts.officials
        self.story = facts.story
        self.partners: set[str] = set()  # donors whose cooperation with the home province is stated
        self.named: set[str] = set()  # donors named in a sentence of their own (not only in a title)
        self.headline_reference = ""  # "dự án chống ngập" in the headline: a mention of the first project
        self.titled: set[str] = set()  # people whose office has been written

    # -- entities and the facts they take part in
    def P(self, form: str = "auto") -> str:
        return self.w.province(self.home, form)

    def UBND(self) -> str:
        return "UBND " + self.w.province(self.home, "office")

    def D(self, funder: Funder, form: str = "auto") -> str:
        self.named.add(funder.key)
        return self.w.donor(funder, form)

    def gold_of(self, thing: Place | Funder | Project) -> GoldEntity:
        g = self.w.gold
        if isinstance(thing, Place):
            return g.entity("Province", thing.code, thing.canonical)
        if isinstance(thing, Funder):
            return g.entity("Donor", thing.key, thing.name)
        return g.entities[("Project", thing.key)]

    def partner(self, funder: Funder, place: Place | None = None) -> None:
        place = place or self.home
        self.w.gold.relate("partnerOf", self.gold_of(funder), self.gold_of(place))
        if place is self.home:
            self.partners.add(funder.key)

    def fund(self, funder: Funder, project: Project, package: Money | None = None) -> None:
        self.w.gold.relate("funds", self.gold_of(funder), self.gold_of(project))
        for place in project.places:
            self.partner(funder, place)
        entity = self.gold_of(project)
        if package is not None and entity.amount is None:
            entity.amount = amount_json(package)

    def state_total(self, project: Project) -> None:
        """The total wins over a donor's package (ANNOTATION.md: amount)."""
        self.gold_of(project).amount = amount_json(project.total)

    def state_year(self, project: Project) -> None:
        self.gold_of(project).year = project.year

    def project_name(self, project: Project, capital: bool = False) -> str:
        """The project's name after its head word; the same name every time it is spelt out."""
        w = self.w
        if not project.written:
            place = project.places[0]
            admin = ("thành phố " if place.city else "tỉnh ") + place.name
            written = project.base
            if len(project.places) > 1:  # "... liên tỉnh Ninh Thuận - Khánh Hòa"
                written += w.pick((" liên tỉnh ", " vùng ", " ")) + " - ".join(
                    w.province(p, "bare" if p.bare else "alias") for p in project.places)
            elif project.place_in_name:
                written += " " + w.province(place, "admin" if not place.city or w.chance(0.6) else "bare")
            canonical = f"{project.base} {admin}" if project.generic else written  # not a mention of the place
            project.written = written + project.suffix
            entity = w.gold.entity("Project", project.key, canonical + project.suffix)
            for place in project.places:
                w.gold.relate("locatedIn", entity, self.gold_of(place))
            if project is self.projects[0] and self.headline_reference:
                entity.mention(self.headline_reference)
        self.gold_of(project).mention(project.written)
        head = project.head[:1].upper() + project.head[1:] if capital else project.head
        body = f"“{project.written}”" if project.quoted else project.written
        return f"{head} {body}".strip()

    def project_back(self, project: Project) -> str:
        """A later reference: the name again, or "dự án này"."""
        if self.w.chance(0.5):
            return self.project_name(project)
        if not project.head:
            return "công trình này"
        return "đề án này" if project.head == "Đề án" else self.w.pick(("dự án", "dự án này", "dự án nói trên"))

    def title(self, person: Person, bare: bool = False) -> str:
        """``person``'s office as written, its provinces and donors recorded; ``bare`` drops the province
        from an office of the home province ("Phó Chủ tịch UBND tỉnh Nguyễn Văn A")."""
        w = self.w
        slots = {}
        if person.province is not None:
            place = person.province
            slots["P"] = (lambda: "thành phố" if place.city else "tỉnh") if bare else \
                (lambda: w.province(place, "office"))
        if person.funder is not None:
            funder = person.funder
            slots["D"] = lambda: w.donor(funder, "short")
            country = gazetteer.countries()[funder.country].name if funder.country else ""
            if funder.kind == "government":
                slots["country"] = lambda: self.gold_of(funder).mention(country)
            else:
                slots["country"] = country
        slots["HCM"] = lambda: w.province(next(p for p in w.data.places if p.code == HCM), "alias")
        values = {name: slots[name]() if callable(slots[name]) else slots[name]
                  for _l, name, _s, _c in Formatter().parse(person.title) if name}
        text = person.title.format(**values)
        entity = w.gold.entity("Official", person.name, person.name)
        entity.mention(person.name)
        entity.position = entity.position or text
        if person.province is not None:
            w.gold.relate("officialOf", entity, self.gold_of(person.province))
        self.titled.add(person.name)
        return text

    def who(self, person: Person, forward: bool | None = None) -> str:
        """A person with their office: "Chủ tịch UBND tỉnh X Nguyễn Văn A" or "ông Nguyễn Văn A, Chủ tịch ...,"."""
        w = self.w
        if forward is None:
            forward = w.chance(0.45)
        if forward:
            bare = person.province is self.home and "UBND {P}" in person.title and w.chance(0.25)
            return f"{self.title(person, bare)} {person.name}"
        honorific = w.pick(HONORIFICS[person.honorific]) if person.funder is None else person.honorific
        return f"{honorific} {person.name}, {self.title(person)},"

    # -- sections
    def headline(self) -> str:
        w = self.w
        project = self.projects[0]
        funded = bool(project.funders)
        template = w.pick(HEADLINES[self.story] if funded or self.story in ("visit", "workshop", "plan")
                          else HEADLINES["visit"])
        funder = project.funders[0][0] if funded else self.main
        package = project.funders[0][1] if funded else project.total
        if "đề xuất" in template and self.projects[-1].proposed:
            project = self.projects[-1]
        text = w.fill(template, P=lambda: self.P("bare" if w.chance(0.7) else "auto"),
                      D=lambda: w.donor(funder, "short"), A=lambda: w.money(package, approx=False),
                      topic=TOPIC_SHORT[project.topic])
        if "{D}" in template:
            self.partner(funder)
        reference = "dự án " + TOPIC_SHORT[project.topic]
        at = text.lower().find(reference)
        if "dự án {topic}" in template.lower() and at >= 0:
            self.headline_reference = text[at:at + len(reference)]  # as written ("Dự án chống ngập")
        return text

    def sapo(self) -> str:
        return self.w.fill(self.w.pick(SAPOS), P=lambda: self.P("admin"),
                           topic=TOPIC_SHORT[self.projects[0].topic])

    def opening(self) -> list[str]:
        """The event: a signing, a visit, a workshop, a site inspection, a ceremony, a plan."""
        w = self.w
        guest = next((p for p in self.officials["donor"] if p.funder is self.main), None)
        text = w.fill(w.pick(OPENINGS[self.story]), UBND=self.UBND, P=lambda: self.P("admin"),
                      D=lambda: self.D(self.main),
                      guest=(lambda: self.who(guest, True)) if guest else (lambda: "lãnh đạo " + self.D(self.main)))
        self.partner(self.main)
        out = [text]
        if self.story in ("signing", "ceremony") and self.projects[0].funders:
            out.append(self.funding(self.projects[0]))
        return out

    def funding(self, project: Project, index: int = 0) -> str:
        """A donor funding a project, naming the project the first time."""
        w = self.w
        funder, package, instrument = project.funders[index]
        named = bool(project.written)
        options = FUND_FACILITY if not project.head else FUND_AGAIN if named else FUND_FIRST
        template = w.pick([t for t in options if project.year or "{Y}" not in t])
        text = w.fill(template, D=lambda: self.D(funder), Dsrc=lambda: self.D(funder, "source"),
                      J=lambda: self.project_back(project) if named else self.project_name(project),
                      Jc=lambda: self.project_name(project, capital=True), A=lambda: w.money(package),
                      verb=w.pick(VERBS[instrument]), Y=str(project.year))
        self.fund(funder, project, package)
        if "{Y}" in template:
            self.state_year(project)
        return text

    def project_paragraph(self, project: Project) -> list[str]:
        w = self.w
        if project.proposed:
            return [self.proposal(project), self.filler(project.topic)]
        out = []
        if len(project.funders) > 1:
            (d1, a1, i1), (d2, a2, i2) = project.funders[:2]
            out.append(w.fill(w.pick(COFUNDED), Jc=lambda: self.project_name(project, capital=True),
                              T=lambda: w.money(project.total), D1=lambda: self.D(d1), A1=lambda: w.money(a1),
                              D2=lambda: self.D(d2), A2=lambda: w.money(a2), v1=w.pick(VERBS[i1]),
                              v2=w.pick(VERBS[i2])))
            for funder, package, _i in project.funders:
                self.fund(funder, project, package)
            self.state_total(project)
        elif not project.written or w.chance(0.3):
            out.append(self.funding(project))
        if len(project.places) > 1 and w.chance(0.5):
            out.append(w.fill(w.pick(ACROSS), Head=self.head_word(project), Head_lc=self.head_word(project).lower(),
                              P1=lambda: w.province(project.places[0], "admin"),
                              P2=lambda: w.province(project.places[1], "admin")))
        if project.total and len(project.funders) == 1:
            template = w.pick(TOTALS_WITH_YEAR if project.year else TOTALS)
            out.append(w.fill(template, Head=self.head_word(project), T=lambda: w.money(project.total),
                              T2=lambda: self.equivalent(project.total), Y=str(project.year),
                              approver=w.pick(APPROVERS)))
            self.state_total(project)
            if project.year:
                self.state_year(project)
        elif project.year and self.gold_of(project).year is None:
            out.append(w.fill(w.pick(YEARS), Y=str(project.year)))
            self.state_year(project)
        out += [self.filler(project.topic) for _ in range(w.rng.randint(1, 3))]
        return out

    def head_word(self, project: Project) -> str:
        return {"Đề án": "Đề án", "Chương trình": "Chương trình", "": "Công trình"}.get(project.head, "Dự án")

    def equivalent(self, money: Money) -> str:
        if money.currency == "VND" or self.w.chance(0.5):
            return ""
        vnd = Money(round_sig(money.value * TO_USD[money.currency] / TO_USD["VND"] / 1e9) * 1e9, "VND")
        return f" (tương đương {self.w.money(vnd)})"

    def proposal(self, project: Project) -> str:
        """Money asked for: the project is named and located, but nothing funds it."""
        w = self.w
        speaker = self.officials["province"][-1]
        text = w.fill(w.pick(PROPOSALS), who=lambda: self.who(speaker, False), UBND=self.UBND,
                      D=lambda: self.D(self.main), J=lambda: self.project_name(project),
                      T=lambda: w.money(project.total))
        self.state_total(project)
        return text

    def speech(self, person: Person) -> list[str]:
        w = self.w
        again = person.name in self.titled  # introduced already: "ông Phúc cũng cho rằng ..."
        out = [w.fill(w.pick(SPEECH_AGAIN if again else SPEECH), who=lambda: self.who(person),
                      who_r=lambda: self.who(person, False), short=f"{person.honorific} {person.short}",
                      say=w.pick(SAYS), clause=w.pick(CLAUSES), event=EVENTS[self.story])]
        if w.chance(0.6):
            out.append(w.fill(w.pick(QUOTE_FORMS), quote=w.pick(QUOTES), hon=person.honorific, given=person.short))
        return out

    def donor_speech(self, person: Person) -> list[str]:
        w = self.w
        funder = person.funder
        text = w.fill(w.pick(DONOR_SPEECH), who=lambda: self.who(person), D=lambda: self.D(funder, "short"),
                      P=lambda: self.P(), say=w.pick(SAYS))
        self.partner(funder)
        return [text, self.filler(w.pick(sorted(TOPICS)))]

    def cooperation(self, funder: Funder) -> str:
        w = self.w
        text = w.fill(w.pick(COOPERATION), D=lambda: self.D(funder), P=lambda: self.P(), UBND=self.UBND)
        self.partner(funder)
        return text

    def local_speech(self, person: Person) -> str:
        return self.w.fill(self.w.pick(LOCAL_SPEECH), who=lambda: self.who(person, False))

    def national_speech(self, person: Person) -> str:
        return self.w.fill(self.w.pick(NATIONAL_SPEECH), who=lambda: self.who(person, True))

    def filler(self, topic: str | None = None) -> str:
        w = self.w
        pool = FILLERS[topic] if topic in FILLERS and w.chance(0.6) else FILLERS["chung"]
        template = w.pick(pool)
        for _ in range(8):
            if template not in w.fillers:
                break
            template = w.pick(FILLERS["chung"] if w.chance(0.5) else pool)
        w.fillers.add(template)
        return w.fill(template)

    def caption(self) -> str:
        w = self.w
        person = next((p for p in self.officials["province"] if p.name in self.titled), None)
        options = CAPTIONS if person else tuple(c for c in CAPTIONS if "{who}" not in c)
        partner = next((f for f in self.donors if f.key in self.partners), None)
        if partner is None:
            options = tuple(c for c in options if "{D}" not in c)
        options = tuple(c for c in options if c not in w.fillers) or options
        template = w.pick(options)
        w.fillers.add(template)
        return w.fill(template, P=lambda: self.P(), D=lambda: self.D(partner, "short"),
                      who=lambda: f"{person.honorific.capitalize()} {self.mention_again(person)}")

    def mention_again(self, person: Person) -> str:
        return self.w.gold.entities[("Official", person.name)].mention(person.name)

    def related(self) -> list[str]:
        w = self.w
        out = ["Tin liên quan"]
        for template in w.rng.sample(RELATED, k=w.rng.randint(2, 3)):
            funder = w.pick([f for f in w.data.funders if f.abbr])
            out.append(w.fill(template, P=lambda: self.P("bare"), P2=lambda: w.province(self.second, "bare"),
                              D=lambda: w.donor(funder, "short")))
            if "{D}" in template:
                self.partner(funder, self.second)
        return out

    def render(self) -> str:
        w = self.w
        title = self.headline()
        w.sentences = 0
        target = w.rng.randint(16, 30)
        paragraphs = [[self.sapo()], self.opening()]
        photo = w.chance(0.3)
        for project in self.projects:
            paragraphs.append(self.project_paragraph(project))
        for person in self.officials["province"]:
            paragraphs.append(self.speech(person))
        for person in self.officials["donor"]:
            paragraphs.append(self.donor_speech(person))
        for funder in self.donors:
            if funder.key not in self.partners or funder.key not in self.named or w.chance(0.3):
                paragraphs.append([self.cooperation(funder), self.filler()])
        for person in self.officials["local"]:
            paragraphs.append([self.local_speech(person)])
        for person in self.officials["national"]:
            paragraphs[w.rng.randrange(1, len(paragraphs))].append(self.national_speech(person))
        while w.sentences < target:
            if w.chance(0.5):
                paragraphs[w.rng.randrange(2, len(paragraphs))].append(self.filler())
            else:
                paragraphs.append([self.filler() for _ in range(w.rng.randint(2, 3))])
        if photo:  # a photo with its caption after the opening
            paragraphs.insert(2, [self.caption()])
        lines = [title]
        for paragraph in paragraphs:
            lines += ["", " ".join(paragraph)]
        lines += ["", w.pick(BYLINES)]
        if w.chance(0.3):
            lines += ["", self.caption()]
        if w.chance(0.45):
            lines += ["", *self.related()]
        return "\n".join(lines) + "\n"


# -- the corpus --------------------------------------------------------------


def generate(index: int, seed: int, data: Data, attempt: int = 0) -> tuple[str, str, dict]:
    """Name, text and gold record of article ``index`` (``attempt`` > 0 draws it again)."""
    w = Writer(random.Random(f"{seed}:{index}:{attempt}"), data)
    facts = plan(w)
    text = unicodedata.normalize("NFC", Article(w, facts).render())
    main = facts.donors[0]
    name = f"g{index:06d}_{ascii_slug(facts.home.name, 16).replace('-', '')}_{ascii_slug(main.abbr or main.key, 12)}"
    return name, text, w.gold.as_json(name)


def write_corpus(n: int, out: Path, seed: int = 0, gold: bool = False) -> int:
    """Write ``n`` articles (and their gold) to ``out``; returns how many repeats were drawn again."""
    out.mkdir(parents=True, exist_ok=True)
    data = Data.load()
    seen: set[bytes] = set()
    redrawn = 0
    for index in range(n):
        for attempt in range(MAX_ATTEMPTS):
            name, text, record = generate(index, seed, data, attempt)
            digest = hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()
            if digest not in seen:
                break
            redrawn += 1
        else:
            raise RuntimeError(f"article {index}: every draw repeated an earlier text")
        seen.add(digest)
        (out / f"{name}.txt").write_text(text, encoding="utf-8")
        if gold:
            (out / f"{name}.gold.json").write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n",
                                                   encoding="utf-8")
    return redrawn


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Write N generated Vietnamese news articles (NAME.txt, and NAME.gold.json with --gold).",
        epilog="example: python scripts/generate_articles.py 1000 out/gen1k --seed 7 --gold")
    parser.add_argument("n", type=int, help="number of articles")
    parser.add_argument("out", type=Path, help="folder to write into (created if missing)")
    parser.add_argument("--seed", type=int, default=0, help="random seed; the same seed writes the same files")
    parser.add_argument("--gold", action="store_true", help="also write NAME.gold.json annotations")
    args = parser.parse_args(argv)
    if args.n < 0:
        parser.error("N must be 0 or more")
    started = time.perf_counter()
    redrawn = write_corpus(args.n, args.out, args.seed, args.gold)
    print(f"{args.n} articles -> {args.out} in {time.perf_counter() - started:.1f}s "
          f"(seed {args.seed}, {redrawn} repeats drawn again)", file=sys.stderr)
    return 0


# ==========================================================================
# Template data
# ==========================================================================

# Shares (%) of the most common family names, in the order of surnames.txt.
SURNAME_SHARE = (38.4, 11.0, 9.5, 7.1, 5.1, 4.0, 4.5, 3.9, 3.0, 2.1, 2.0, 1.4, 1.3, 1.3, 1.0, 0.5, 0.8, 0.8)
MIDDLE_M = ("Văn", "Đình", "Minh", "Quốc", "Hữu", "Thanh", "Công", "Xuân", "Ngọc", "Tuấn", "Quang", "Trọng", "Bá",
            "Mạnh", "Việt", "Thế", "Duy", "Tiến", "Khắc", "Anh", "Hồng", "Văn")
MIDDLE_F = ("Thị", "Thị Thu", "Thị Thanh", "Thị Ngọc", "Thị Minh", "Thu", "Ngọc", "Thanh", "Hồng", "Mỹ", "Kim",
            "Thùy", "Phương", "Hoài", "Thị")
GIVEN_M = ("Hùng", "Dũng", "Hải", "Tâm", "Tuấn", "Sơn", "Bình", "Phong", "Quân", "Thắng", "Cường", "Khải", "Vinh",
           "Hoan", "Lâm", "Nam", "Trung", "Hiếu", "Thành", "Tùng", "Phúc", "Nghĩa", "Kiên", "Toàn", "Hưng", "Lợi",
           "Thịnh", "Chính", "Khoa", "Đạt", "Huy", "Tài", "Quyết", "Hiển", "Tú", "Luân", "Thuận", "Dương", "Khánh")
GIVEN_F = ("Lan", "Hương", "Hằng", "Trâm", "Mai", "Nga", "Thảo", "Linh", "Loan", "Yến", "Hạnh", "Nhung", "Phượng",
           "Vân", "Dung", "Thủy", "Oanh", "Hiền", "Tuyết", "Quyên", "Ngân")
# Foreign names by origin: (family names, male given names, female given names).
FOREIGN = {
    "jp": (("Yamamoto", "Tanaka", "Watanabe", "Suzuki", "Takahashi", "Nakamura", "Kobayashi", "Mori", "Hayashi",
            "Shimizu", "Matsumoto", "Inoue", "Kimura", "Fujita"),
           ("Takeshi", "Kenji", "Hiroshi", "Satoshi", "Naoki", "Akira", "Kenichi", "Yusuke", "Masato", "Shigeru"),
           ("Haruka", "Tomoko", "Keiko", "Yumiko", "Naomi", "Sachiko")),
    "kr": (("Park", "Lee", "Choi", "Jung", "Kang", "Yoon", "Jang", "Lim", "Shin", "Kwon", "Cho", "Seo"),
           ("Ji-hoon", "Sang-woo", "Min-jun", "Hyun-woo", "Dong-hyun", "Jae-sung", "Young-ho", "Sung-min"),
           ("Seo-yeon", "Ji-hyun", "Eun-ji", "Hye-jin", "Soo-ah", "Min-ji")),
    "cn": (("Wang", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou", "Xiong"),
           ("Wenbin", "Qiang", "Jianguo", "Haitao", "Jun", "Lei", "Bo"), ("Xiaoming", "Yifan", "Li Na", "Mei")),
    "west": (("Jeffries", "Turk", "Sherwood", "Müller", "Schmidt", "Dubois", "Andersen", "Johansson", "Rossi",
              "Garcia", "Fischer", "Wagner", "Laurent", "Bernard", "Nielsen", "Hansen", "Mitchell", "Crawford",
              "Thompson", "Vandenberg", "Lindqvist", "Becker", "Moreau", "Kowalski", "Sullivan", "Fitzgerald"),
             ("Andrew", "Thomas", "Michael", "Stefan", "Pierre", "Martin", "Peter", "Johan", "Marco", "David",
              "Benoit", "Hans", "Lars", "Robert", "Jonathan", "Patrick"),
             ("Carolyn", "Mariam", "Sarah", "Julia", "Claire", "Ingrid", "Elena", "Rachel", "Sophie", "Emma",
              "Caroline", "Helena")),
    "south-asia": (("Chakraborty", "Sharma", "Kumar", "Gupta", "Rao", "Krishnan", "Mehta", "Banerjee"),
                   ("Shantanu", "Rajesh", "Vikram", "Sunil", "Deepak"), ("Priya", "Anita", "Kavita")),
}
ORIGIN = {"JP": "jp", "KR": "kr", "CN": "cn", "US": "west", "AU": "west", "NZ": "west", "CA": "west", "GB": "west",
          "DE": "west", "FR": "west", "NL": "west", "DK": "west", "SE": "west", "NO": "west", "FI": "west",
          "BE": "west", "LU": "west", "AT": "west", "IT": "west", "ES": "west", "IE": "west", "CH": "west",
          "HU": "west", "PL": "west", "IN": "south-asia"}
HONORIFICS = {"ông": ("ông", "ông", "ông", "đồng chí"), "bà": ("bà", "bà", "bà", "đồng chí")}
MIXED_ORIGINS = ("west", "west", "south-asia", "jp", "kr")

KIND_WEIGHT = {"multilateral_bank": 0.9, "bilateral_agency": 0.9, "government": 0.7, "development_bank": 0.7,
               "un_agency": 0.6, "eu_body": 0.8, "fund": 0.6, "foundation": 0.4, "ngo": 0.35, "city": 0.4,
               "other": 0.4}
LENDERS = {"multilateral_bank", "development_bank"}
CURRENCIES = {"JP": ("JPY", "JPY", "USD"), "KR": ("KRW", "USD", "USD"), "DE": ("EUR", "EUR", "USD"),
              "FR": ("EUR", "EUR", "USD"), "AU": ("AUD", "USD"), "": ("USD",), "US": ("USD",)}
for _c in ("NL", "DK", "SE", "FI", "BE", "LU", "AT", "IT", "ES", "IE"):
    CURRENCIES[_c] = ("EUR", "USD")
UNITS = {"USD": ("USD", "USD", "USD", "đô la Mỹ"), "VND": ("đồng", "đồng", "đồng", "VNĐ"),
         "EUR": ("euro", "euro", "EUR"), "JPY": ("yên", "yên", "Yên"), "KRW": ("won", "won", "Won"),
         "AUD": ("AUD", "đô la Úc")}
APPROX = ("", "", "", "khoảng ", "hơn ", "gần ", "trên ")
INSTRUMENTS = {
    "multilateral_bank": ("loan", "loan", "loan", "grant", "ta"),
    "development_bank": ("loan", "loan", "invest"),
    "bilateral_agency": ("grant", "grant", "ta", "loan"),
    "government": ("grant", "loan", "oda"),
    "un_agency": ("grant", "ta"), "eu_body": ("grant", "grant", "loan"), "fund": ("grant", "loan", "invest"),
    "foundation": ("grant",), "ngo": ("grant", "ta"), "city": ("ta", "grant"), "other": ("invest", "grant", "ta"),
}
VERBS = {
    "loan": ("cho vay", "cho vay ưu đãi", "cấp khoản vay", "tài trợ vốn vay"),
    "grant": ("viện trợ không hoàn lại", "tài trợ không hoàn lại", "tài trợ", "viện trợ"),
    "ta": ("hỗ trợ kỹ thuật", "tài trợ", "hỗ trợ"),
    "invest": ("đầu tư", "rót vốn"),
    "oda": ("tài trợ vốn ODA", "cam kết tài trợ", "viện trợ"),
}
# Per topic: project names (a verb and what it acts on) and parts that may follow "và".
TOPICS = {
    "giao thông": (("Phát triển giao thông xanh", "Xây dựng hệ thống giao thông thông minh",
                    "Phát triển giao thông công cộng bền vững", "Nâng cấp hạ tầng giao thông kết nối",
                    "Xây dựng tuyến xe buýt nhanh", "Hiện đại hóa hệ thống điều khiển tín hiệu giao thông",
                    "Phát triển bãi đỗ xe thông minh", "Cải thiện giao thông đô thị"),
                   ("quản lý đô thị thông minh", "cải tạo vỉa hè khu trung tâm", "giảm phát thải giao thông",
                    "kết nối các khu đô thị vệ tinh")),
    "chống ngập": (("Cải thiện hạ tầng đô thị và chống ngập", "Nâng cấp hệ thống thoát nước đô thị",
                    "Xây dựng hệ thống cảnh báo ngập", "Xây dựng kè chống sạt lở bờ sông",
                    "Cải tạo hồ điều hòa và kênh tiêu thoát nước", "Tăng cường khả năng chống chịu ngập lụt",
                    "Chống ngập úng khu vực nội ô"),
                   ("cải tạo môi trường đô thị", "phát triển không gian xanh ven sông", "nâng cấp đê bao")),
    "nước": (("Cải thiện hệ thống cấp nước sạch", "Xây dựng hệ thống xử lý nước thải",
              "Nâng cấp nhà máy xử lý nước thải tập trung", "Mở rộng mạng lưới thu gom nước thải",
              "Quản lý tổng hợp tài nguyên nước", "Giám sát chất lượng nước thông minh", "Cấp nước sạch nông thôn"),
             ("vệ sinh môi trường", "giảm thất thoát nước", "bảo vệ nguồn nước")),
    "đô thị thông minh": (("Xây dựng trung tâm điều hành đô thị thông minh", "Phát triển nền tảng dữ liệu đô thị dùng chung",
                           "Xây dựng mô hình đô thị thông minh", "Phát triển chính quyền số",
                           "Triển khai dịch vụ đô thị thông minh", "Xây dựng bản đồ số đô thị",
                           "Chuyển đổi số trong quản lý đô thị", "Xây dựng đô thị kỹ thuật số"),
                          ("nâng cao năng lực quản trị", "an toàn thông tin", "dịch vụ công trực tuyến")),
    "môi trường": (("Cải thiện quản lý chất thải rắn", "Thu gom và xử lý rác thải sinh hoạt",
                    "Cải thiện chất lượng không khí đô thị", "Thúc đẩy kinh tế tuần hoàn",
                    "Quan trắc môi trường tự động", "Giảm thiểu rác thải nhựa"),
                   ("phân loại rác tại nguồn", "tái chế chất thải", "phục hồi cảnh quan")),
    "năng lượng": (("Chiếu sáng công cộng tiết kiệm năng lượng", "Phát triển điện mặt trời áp mái cho công sở",
                    "Thúc đẩy năng lượng tái tạo", "Phát triển lưới điện thông minh",
                    "Nâng cao hiệu quả năng lượng trong công nghiệp"),
                   ("giảm phát thải khí nhà kính", "tiết kiệm điện")),
    "khí hậu": (("Tăng cường khả năng thích ứng với biến đổi khí hậu", "Phát triển đô thị thích ứng biến đổi khí hậu",
                 "Phát triển sinh kế bền vững vùng ven biển", "Xây dựng hạ tầng chống chịu thiên tai",
                 "Phục hồi rừng ngập mặn ven biển", "Chống sạt lở bờ biển"),
                ("giảm nhẹ rủi ro thiên tai", "bảo vệ đa dạng sinh học")),
    "y tế": (("Nâng cao năng lực y tế cơ sở", "Phát triển y tế thông minh", "Xây dựng hệ thống khám chữa bệnh từ xa",
              "Triển khai hồ sơ sức khỏe điện tử", "Hiện đại hóa bệnh viện tuyến tỉnh"),
             ("chăm sóc sức khỏe ban đầu", "y tế dự phòng")),
    "giáo dục": (("Phát triển giáo dục thông minh", "Xây dựng trường học số",
                  "Nâng cao chất lượng giáo dục nghề nghiệp", "Đào tạo kỹ năng số cho thanh niên"),
                 ("học tập suốt đời", "đổi mới phương pháp dạy học")),
    "du lịch": (("Phát triển du lịch thông minh", "Xây dựng hạ tầng du lịch bền vững",
                 "Xây dựng hệ thống thông tin du lịch số", "Bảo tồn và phát huy giá trị di sản"),
                ("quảng bá điểm đến", "phát triển du lịch cộng đồng")),
    "nông nghiệp": (("Phát triển nông nghiệp thông minh", "Nâng cao chuỗi giá trị nông sản",
                     "Phát triển nông nghiệp thích ứng với xâm nhập mặn", "Hiện đại hóa hệ thống thủy lợi",
                     "Chuyển đổi số trong sản xuất nông nghiệp"),
                    ("truy xuất nguồn gốc nông sản", "nâng cao thu nhập cho nông dân")),
}
QUALIFIERS = ("thích ứng biến đổi khí hậu", "dựa vào cộng đồng", "theo hướng xanh", "ứng dụng công nghệ số",
              "bền vững")
TOPIC_SHORT = {"giao thông": "giao thông xanh", "chống ngập": "chống ngập", "nước": "cấp thoát nước",
               "đô thị thông minh": "đô thị thông minh", "môi trường": "xử lý chất thải",
               "năng lượng": "năng lượng sạch", "khí hậu": "thích ứng biến đổi khí hậu", "y tế": "y tế số",
               "giáo dục": "giáo dục số", "du lịch": "du lịch thông minh", "nông nghiệp": "nông nghiệp thông minh"}
FACILITY_NAMES = {
    "giao thông": ("Trung tâm điều hành giao thông thông minh", "Hệ thống quản lý giao thông thông minh",
                   "Tuyến xe buýt điện"),
    "chống ngập": ("Hệ thống cảnh báo ngập thông minh", "Trạm bơm tiêu thoát nước"),
    "nước": ("Nhà máy xử lý nước thải", "Nhà máy nước sạch", "Hệ thống quan trắc chất lượng nước tự động"),
    "đô thị thông minh": ("Trung tâm điều hành đô thị thông minh", "Trung tâm dữ liệu dùng chung",
                          "Trung tâm giám sát an ninh thông minh"),
    "môi trường": ("Nhà máy xử lý chất thải rắn", "Khu xử lý rác thải sinh hoạt", "Hệ thống quan trắc không khí"),
    "năng lượng": ("Hệ thống chiếu sáng công cộng thông minh", "Nhà máy điện mặt trời"),
    "khí hậu": ("Trung tâm dự báo và cảnh báo thiên tai", "Hệ thống kè chắn sóng"),
    "y tế": ("Trung tâm y tế thông minh", "Bệnh viện đa khoa vệ tinh"),
    "giáo dục": ("Trường phổ thông thông minh", "Trung tâm đào tạo kỹ năng số"),
    "du lịch": ("Trung tâm thông tin du lịch thông minh", "Cổng du lịch số"),
    "nông nghiệp": ("Trung tâm dữ liệu nông nghiệp", "Hệ thống thủy lợi thông minh"),
}
DISTRICT_KINDS = ("Thành phố", "Thị xã", "Huyện", "Quận")  # as underthesea's address data writes them
AREAS = ("khu vực", "khu vực ven sông", "vùng ven")
PLAN_HORIZONS = (" đến năm 2030, định hướng đến năm 2045", " giai đoạn 2025-2030, tầm nhìn đến năm 2045",
                 " đến năm 2030")
PHASES = (" giai đoạn 2", " giai đoạn 2021-2025", " giai đoạn 2026-2030")
FIELDS = ("giao thông thông minh", "quản lý đô thị", "chuyển đổi số", "y tế số", "giáo dục thông minh",
          "năng lượng tái tạo", "quản lý tài nguyên nước", "thích ứng với biến đổi khí hậu",
          "phát triển đô thị bền vững", "kinh tế tuần hoàn", "du lịch thông minh", "nông nghiệp công nghệ cao",
          "quy hoạch đô thị", "chính quyền số", "an ninh đô thị", "xử lý chất thải")
DEPARTMENTS = ("Kế hoạch và Đầu tư", "Thông tin và Truyền thông", "Xây dựng", "Tài chính", "Giao thông vận tải",
               "Tài nguyên và Môi trường", "Khoa học và Công nghệ", "Nông nghiệp và Phát triển nông thôn",
               "Ngoại vụ", "Công Thương", "Y tế")
PROVINCE_TITLES = (
    "Chủ tịch UBND {P}", "Phó Chủ tịch UBND {P}", "Phó Chủ tịch Thường trực UBND {P}", "Chủ tịch UBND {P}",
    "Phó Chủ tịch UBND {P}", "Bí thư Tỉnh ủy, Chủ tịch HĐND {P}", "Chủ tịch HĐND {P}",
    "Giám đốc Sở {dept} {P}", "Giám đốc Sở {dept} {P}", "Phó Giám đốc Sở {dept} {P}",
    "Giám đốc Sở {dept}", "Giám đốc Ban Quản lý dự án ODA {P}",
)
DONOR_TITLES = {
    "multilateral_bank": ("Giám đốc quốc gia {D} tại Việt Nam", "Phó Giám đốc quốc gia {D} tại Việt Nam",
                          "Trưởng đại diện {D} tại Việt Nam", "Chuyên gia kinh tế trưởng của {D} tại Việt Nam"),
    "development_bank": ("Trưởng đại diện {D} tại Việt Nam", "Giám đốc Văn phòng {D} tại Việt Nam"),
    "bilateral_agency": ("Trưởng đại diện {D} tại Việt Nam", "Giám đốc Văn phòng {D} tại Việt Nam",
                         "Phó Trưởng đại diện {D} tại Việt Nam", "Giám đốc quốc gia {D}"),
    "government": ("Đại sứ {country} tại Việt Nam", "Đại sứ {country} tại Việt Nam", "Tổng Lãnh sự {country} tại {HCM}"),
    "un_agency": ("Trưởng đại diện {D} tại Việt Nam", "Phó Trưởng đại diện {D} tại Việt Nam"),
    "eu_body": ("Trưởng Phái đoàn {D} tại Việt Nam",),
    "other": ("Trưởng đại diện {D} tại Việt Nam", "Giám đốc quốc gia {D} tại Việt Nam",
              "Điều phối viên {D} tại Việt Nam"),
}
LOCAL_TITLES = ("Chủ tịch UBND {district}", "Chủ tịch UBND {district}", "Phó Chủ tịch UBND {district}",
                "Bí thư {party} {name}")
PARTY_COMMITTEE = {"huyện": "Huyện ủy", "quận": "Quận ủy", "thị xã": "Thị ủy", "thành phố": "Thành ủy"}
NATIONAL_TITLES = ("Thứ trưởng Bộ Kế hoạch và Đầu tư", "Thứ trưởng Bộ Tài chính", "Thứ trưởng Bộ Xây dựng",
                   "Thứ trưởng Bộ Thông tin và Truyền thông")
STORIES = ("signing", "signing", "visit", "visit", "workshop", "progress", "progress", "ceremony", "plan")

HEADLINES = {
    "signing": ("{P} ký hiệp định vay {A} của {D} phát triển {topic}", "{D} tài trợ {A} cho {P} phát triển {topic}",
                "Ký kết khoản tài trợ {A} của {D} cho {P}", "{P} nhận {A} từ {D} đầu tư {topic}",
                "{D} và {P} ký kết tài trợ {A} cho lĩnh vực {topic}"),
    "visit": ("{D} cam kết đồng hành cùng {P} xây dựng đô thị thông minh",
              "Lãnh đạo {P} làm việc với {D} về hợp tác {field}", "{P} mong muốn {D} tiếp tục hỗ trợ {field}",
              "{P} đề xuất {D} hỗ trợ vốn cho {topic}", "{D} sẵn sàng hỗ trợ {P} phát triển {field}"),
    "workshop": ("{P} và {D} tổ chức hội thảo về {field}", "Hội thảo quốc tế về {field} tại {P}",
                 "{D} chia sẻ kinh nghiệm phát triển {field} với {P}", "Tìm giải pháp {field} cho {P}"),
    "progress": ("{P}: Dự án {topic} vốn {D} chạy nước rút", "Đẩy nhanh tiến độ dự án {topic} tại {P}",
                 "Dự án {topic} vốn {D} tại {P} về đích sớm", "{P} tháo gỡ vướng mắc dự án {topic} vốn vay {D}"),
    "ceremony": ("Khởi công dự án {topic} tại {P}", "{P} khánh thành công trình {topic} do {D} tài trợ",
                 "Khởi động dự án {topic} vốn {D} tại {P}"),
    "plan": ("{P} phê duyệt kế hoạch phát triển đô thị thông minh", "{P} huy động vốn quốc tế cho {field}",
             "Đô thị thông minh {P}: từ quy hoạch đến hành động", "{P} đặt mục tiêu {field} đến năm 2030"),
}
SAPOS = (
    "Sau nhiều năm chuẩn bị, {P} đang bước vào giai đoạn triển khai các dự án hạ tầng lớn, trong đó {topic} được xác định là ưu tiên hàng đầu.",
    "Nguồn vốn ưu đãi từ các đối tác phát triển được kỳ vọng giúp {P} rút ngắn khoảng cách về hạ tầng và {field} so với các đô thị lớn.",
    "Dù đã có những bước tiến rõ rệt, {P} vẫn đối mặt với nhiều thách thức trong {field}, từ nguồn lực tài chính đến chất lượng nhân lực.",
    "Hợp tác quốc tế đang mở ra cơ hội để {P} tiếp cận công nghệ mới và kinh nghiệm quản lý trong lĩnh vực {field}.",
    "Nhiều hạng mục quan trọng về {topic} tại {P} đã hoàn thành, song tiến độ giải ngân ở một số gói thầu vẫn còn chậm.",
    "Với lợi thế về vị trí và sự chủ động trong chuẩn bị dự án, {P} tiếp tục là điểm đến ưu tiên của nhiều nhà tài trợ quốc tế.",
    "(Chinhphu.vn) - Các dự án sử dụng vốn vay ưu đãi đang góp phần thay đổi diện mạo đô thị của {P}, nhất là trong lĩnh vực {field}.",
    "Chuyển đổi số và {field} được {P} xác định là động lực tăng trưởng mới trong giai đoạn tới.",
)
OPENINGS = {
    "signing": (
        "{date}, {UBND} và {D} đã tổ chức lễ ký kết văn kiện tài trợ dưới sự chứng kiến của đại diện các bộ, ngành.",
        "{date}, tại trụ sở {UBND}, {D} đã ký kết các văn kiện hợp tác với tỉnh trong lĩnh vực {field}.",
        "{date}, {UBND} và {D} ký biên bản ghi nhớ hợp tác, khép lại gần hai năm đàm phán và hoàn thiện hồ sơ.",
    ),
    "visit": (
        "{date}, lãnh đạo {UBND} đã tiếp và làm việc với đoàn công tác của {D} do {guest} dẫn đầu.",
        "{date}, {UBND} có buổi làm việc với đoàn công tác {D} về kết quả hợp tác và định hướng trong thời gian tới.",
        "Trong chuyến thăm và làm việc tại {P} {date_lc}, đoàn công tác {D} đã khảo sát một số công trình trọng điểm về {field}.",
    ),
    "workshop": (
        "{date}, {UBND} phối hợp với {D} tổ chức hội thảo về {field} với sự tham gia của hơn {n} đại biểu.",
        "Hội thảo về {field} do {UBND} và {D} đồng tổ chức {date_lc} thu hút nhiều chuyên gia trong và ngoài nước.",
    ),
    "progress": (
        "{date}, đoàn công tác của {UBND} và {D} đã kiểm tra tiến độ các gói thầu đang triển khai.",
        "Tại buổi làm việc với {D} {date_lc}, {UBND} đã báo cáo tiến độ thực hiện các dự án sử dụng vốn ODA.",
    ),
    "ceremony": (
        "{date}, {UBND} phối hợp với {D} tổ chức lễ khởi công các hạng mục chính của dự án.",
        "{date}, {UBND} và {D} long trọng tổ chức lễ khánh thành, đưa công trình vào sử dụng.",
    ),
    "plan": (
        "{UBND} vừa ban hành kế hoạch huy động nguồn lực cho {field}, trong đó {D} là một trong những đối tác chính.",
        "{date}, {UBND} tổ chức hội nghị triển khai kế hoạch phát triển đô thị thông minh với sự tham dự của đại diện {D}.",
    ),
}
FUND_FIRST = (
    "{D} đã ký hiệp định {verb} {A} cho {J}.",
    "Theo đó, {D} {verb} {A} để thực hiện {J}.",
    "{Jc} được {D} {verb} {A}, phần còn lại là vốn đối ứng của tỉnh.",
    "{Jc} do {D} {verb}, với giá trị khoản tài trợ {A}.",
    "{Jc} sử dụng nguồn vốn ưu đãi của {Dsrc} trị giá {A}.",
    "Năm {Y}, {D} cam kết tài trợ {A} cho {J}.",
    "Khoản tài trợ {A} của {D} dành cho {J} đã được giải ngân theo đúng kế hoạch.",
    "Bên cạnh đó, {D} {verb} {A} cho {J}.",
    "Với nguồn vốn {A} từ {Dsrc}, {J} được triển khai tại nhiều địa bàn.",
)
FUND_FACILITY = (
    "{D} {verb} xây dựng {Jc}, với khoản tài trợ {A}.",
    "Năm {Y}, {D} đầu tư {Jc}, giá trị khoản tài trợ {A}.",
    "Trước đó, {D} đã tài trợ {A} cho {Jc}.",
)
FUND_AGAIN = (
    "Trong đó, {D} {verb} {A}, phần còn lại do ngân sách tỉnh đối ứng.",
    "{D} đã {verb} {A} cho {J}.",
    "Theo hiệp định đã ký, {D} {verb} {A} cho {J}.",
)
COFUNDED = (
    "{Jc} có tổng mức đầu tư {T}, trong đó {D1} {v1} {A1}, {D2} {v2} {A2}, phần còn lại do ngân sách tỉnh đối ứng.",
    "Tổng vốn của {Jc} là {T}; {D1} {v1} {A1} và {D2} {v2} {A2}.",
)
TOTALS = (
    "{Head} có tổng mức đầu tư {T}{T2}, thời gian thực hiện dự kiến 5 năm.",
    "{Head} có tổng vốn đầu tư {T}{T2}, bao gồm cả vốn đối ứng của địa phương.",
    "{Head} có tổng kinh phí {T}{T2}, được chia thành ba hợp phần chính.",
)
TOTALS_WITH_YEAR = (
    "{Head} có tổng mức đầu tư {T}{T2}, được {approver} phê duyệt năm {Y}.",
    "{Head} có tổng vốn {T}{T2} và được khởi công từ năm {Y}.",
    "{Head} được phê duyệt năm {Y} với tổng mức đầu tư {T}{T2}.",
)
ACROSS = (
    "{Head} được triển khai đồng thời tại {P1} và {P2}.",
    "Phạm vi của {Head_lc} trải rộng trên địa bàn {P1} và {P2}.",
)
YEARS = ("Văn kiện tài trợ được ký kết năm {Y}, đến nay nhiều hạng mục đã cơ bản hoàn thành.",
         "Các bên đã ký kết văn kiện dự án từ năm {Y} và hiện đang triển khai giai đoạn cuối.")
APPROVERS = ("Thủ tướng Chính phủ", "UBND tỉnh", "HĐND tỉnh")
PROPOSALS = (
    "Tại buổi làm việc, {who} đề nghị {D} xem xét tài trợ {J}, với tổng mức đầu tư dự kiến {T}.",
    "{who} kiến nghị {D} tiếp tục hỗ trợ tỉnh chuẩn bị {J}, tổng vốn dự kiến {T}.",
    "{UBND} mong muốn {D} xem xét tài trợ cho {J} có tổng mức đầu tư dự kiến {T}.",
)
SPEECH = (
    "Phát biểu tại {event}, {who} {say} {clause}.",
    "{who} {say} {clause}.",
    "Theo {who_r} {clause}.",
    "Tại buổi làm việc, {who} {say} tỉnh sẽ tiếp tục ưu tiên nguồn lực cho {field} trong giai đoạn tới.",
    "{who} {say} thời gian qua tỉnh đã tập trung cải thiện môi trường đầu tư, đặc biệt trong lĩnh vực {field}.",
)
SPEECH_AGAIN = (
    "{short} cũng {say} {clause}.",
    "Theo {short}, {clause}.",
    "Cũng tại {event}, {short} {say} {clause}.",
)
EVENTS = {"signing": "buổi lễ", "visit": "buổi làm việc", "workshop": "hội thảo", "progress": "buổi kiểm tra",
          "ceremony": "buổi lễ", "plan": "hội nghị"}
SAYS = ("cho biết", "khẳng định", "nhấn mạnh", "cho rằng", "đánh giá", "thông tin")
CLAUSES = (
    "giao thông công cộng là xương sống của mô hình đô thị thông minh mà tỉnh theo đuổi",
    "tỉnh đã hoàn thiện hồ sơ và sẵn sàng bố trí vốn đối ứng theo đúng cam kết",
    "việc chậm giải phóng mặt bằng là nguyên nhân chính khiến nhiều gói thầu phải điều chỉnh tiến độ",
    "dữ liệu dùng chung là nền tảng để chính quyền ra quyết định nhanh và chính xác hơn",
    "tỉnh sẽ thành lập tổ công tác chuyên trách để tháo gỡ vướng mắc cho các dự án sử dụng vốn ODA",
    "người dân và doanh nghiệp phải là trung tâm của mọi giải pháp đô thị thông minh",
    "kinh nghiệm quốc tế giúp địa phương tránh được những sai lầm trong giai đoạn đầu",
    "tỷ lệ giải ngân năm nay phải đạt ít nhất 90% kế hoạch vốn được giao",
    "các sở, ngành cần phối hợp chặt chẽ hơn trong khâu chuẩn bị và thẩm định dự án",
)
QUOTE_FORMS = ('"{quote}", {hon} {given} nói.', '"{quote}", {hon} {given} nhấn mạnh.',
               'Theo {hon} {given}, "{quote}".', '"{quote}", {hon} {given} chia sẻ.')
QUOTES = (
    "Chúng tôi không muốn chỉ lắp thêm camera hay màn hình. Mục tiêu là người dân đi lại nhanh hơn, ít khí thải hơn",
    "Vướng lớn nhất vẫn là mặt bằng. Có đoạn chỉ còn vài chục mét nhưng chưa thể thi công vì người dân chưa đồng thuận",
    "Tỉnh cam kết bố trí đủ vốn đối ứng và bàn giao mặt bằng đúng tiến độ",
    "Dữ liệu chỉ có giá trị khi được chia sẻ. Chúng tôi yêu cầu các sở, ngành không giữ dữ liệu riêng",
    "Đây không chỉ là công trình hạ tầng mà còn là cách chúng ta thay đổi phương thức quản lý đô thị",
    "Mỗi đồng vốn vay phải được sử dụng hiệu quả, minh bạch và đúng mục đích",
    "Người dân phải là trung tâm, là chủ thể và là người thụ hưởng của đô thị thông minh",
    "Không để xảy ra tình trạng phải trả lại vốn vay vì chậm tiến độ",
    "Chúng tôi cần những giải pháp đơn giản, dễ vận hành và phù hợp với khả năng tài chính của địa phương",
    "Nếu làm tốt, đây sẽ là mô hình để các địa phương khác trong vùng học tập",
    "Chúng tôi đánh giá cao tinh thần chủ động và sự chuẩn bị kỹ lưỡng của địa phương",
    "Đầu tư sớm cho thoát nước luôn rẻ hơn khắc phục hậu quả của ngập lụt",
)
DONOR_SPEECH = (
    "{who} {say} {P} là một trong những địa phương chuẩn bị dự án bài bản nhất mà {D} từng làm việc.",
    "{who} khẳng định {D} sẽ tiếp tục đồng hành cùng {P} trong lĩnh vực {field}.",
    "Đánh giá cao kết quả hợp tác thời gian qua, {who} cam kết {D} sẽ hỗ trợ kỹ thuật để {P} đẩy nhanh các gói thầu còn lại.",
    "{who} {say} {D} sẵn sàng chia sẻ kinh nghiệm quốc tế về {field} với {P}.",
    "Về phía nhà tài trợ, {who} đề nghị {P} chú trọng khâu chuẩn bị mặt bằng và bố trí vốn đối ứng.",
)
COOPERATION = (
    "Thời gian qua, {D} đã đồng hành cùng {P} trong nhiều lĩnh vực như {field}, {field2}.",
    "Mối quan hệ hợp tác giữa {D} và {P} đã kéo dài hơn một thập kỷ với nhiều dự án hiệu quả.",
    "Dịp này, {D} và {UBND} cũng ký biên bản ghi nhớ hợp tác về {field} giai đoạn 2025-2030.",
    "Trước đó, {D} đã hỗ trợ {P} xây dựng lộ trình {field} và đào tạo cán bộ quản lý.",
    "Hai bên cũng thống nhất tổ chức diễn đàn thường niên về {field} tại {P}, với sự tham gia của {D}.",
)
LOCAL_SPEECH = (
    "Ở cấp cơ sở, {who} cho biết địa phương đã bàn giao khoảng {pct}% mặt bằng và cam kết hoàn tất phần còn lại trong {qtr} năm sau.",
    "{who} thừa nhận địa phương còn {n} hộ chưa bàn giao mặt bằng, chủ yếu ở {ward}, do vướng mắc về giá bồi thường.",
    "{who} cho biết người dân trên địa bàn rất đồng tình vì công trình giải quyết được tình trạng ngập úng kéo dài.",
)
NATIONAL_SPEECH = (
    "{who} đánh giá cao sự chủ động của địa phương và đề nghị các bên đẩy nhanh thủ tục để sớm giải ngân.",
    "Tham dự {event} có {who} cùng đại diện nhiều bộ, ngành trung ương.",
    "{who} cho biết bộ sẽ phối hợp chặt chẽ để tháo gỡ vướng mắc về cơ chế trong lĩnh vực {field}.",
)
CAPTIONS = (
    "Lãnh đạo {P} và đại diện {D} trao đổi văn kiện sau lễ ký. Ảnh: {photo}",
    "Quang cảnh {event}. Ảnh: {photo}",
    "Công nhân thi công tại công trường ở {district}. Ảnh: {photo}",
    "{who} phát biểu tại buổi làm việc. Ảnh: {photo}",
    "Trung tâm điều hành đô thị thông minh đang vận hành thử nghiệm. Ảnh minh họa",
    "Một tuyến đường trung tâm sau khi được cải tạo. Ảnh: {photo}",
)
BYLINES = ("Quang Hưng", "Thu Trang", "Tin, ảnh: HỮU PHƯỚC", "Cửu Long", "Nhóm PV", "Theo TTXVN", "Minh Anh",
           "Hoàng Hà", "Phương Linh", "Minh Châu - Thanh Hà", "D.V", "Bảo Ngọc", "NGUYỄN HẢI", "Khánh Vy",
           "Theo Báo Đầu tư", "Thanh Tùng - Ngọc Mai", "Lê Hiếu")
PHOTOGRAPHERS = ("Thu Trang", "Cửu Long", "Minh Quân", "Hải Yến", "Tư liệu", "Quốc Dũng", "Trần Tuấn")
RELATED = (
    "{P2} kêu gọi vốn ODA nâng cấp hạ tầng đô thị",
    "{D} hỗ trợ {P2} ứng dụng công nghệ số trong {field}",
    "{P} công bố kế hoạch chuyển đổi số năm {year}",
    "{P2} thí điểm dịch vụ đô thị thông minh tại khu vực trung tâm",
    "{D} và {P2} ký thỏa thuận hợp tác về {field}",
    "Hội nghị xúc tiến đầu tư vào {P2} thu hút {n} doanh nghiệp",
    "{P} đứng đầu cả nước về chỉ số chuyển đổi số cấp tỉnh",
    "Nhiều dự án giao thông trọng điểm tại {P2} chậm tiến độ",
)
FILLERS = {
    "chung": (
        "Đến nay, tỷ lệ hồ sơ trực tuyến toàn trình đạt {pct}%, cao hơn mức trung bình của cả nước.",
        "Nền tảng dữ liệu dùng chung cho phép các sở, ngành chia sẻ thông tin theo thời gian thực, giảm đáng kể thời gian xử lý thủ tục hành chính.",
        "Hệ thống camera giám sát được lắp đặt tại {n} nút giao trọng điểm, kết nối trực tiếp với trung tâm điều hành.",
        "Theo báo cáo của sở chuyên ngành, chỉ số hài lòng của người dân với dịch vụ công năm qua tăng {pct2} điểm phần trăm.",
        "Ứng dụng công dân số đã có hơn {k} nghìn lượt tải, tích hợp {n} tiện ích từ phản ánh hiện trường đến thanh toán học phí.",
        "Lãnh đạo tỉnh yêu cầu các đơn vị rà soát danh mục dự án, loại bỏ những hạng mục không còn phù hợp với quy hoạch mới.",
        "Việc sắp xếp lại đơn vị hành chính đặt ra yêu cầu đồng bộ dữ liệu dân cư, đất đai và hạ tầng trên toàn địa bàn.",
        "Nhiều chuyên gia cho rằng đô thị thông minh không chỉ là công nghệ mà trước hết là năng lực quản trị.",
        "Trong {qtr}, các đơn vị đã tổ chức {n} lớp tập huấn kỹ năng số cho cán bộ, công chức cấp xã.",
        "Hạ tầng viễn thông băng rộng đã phủ sóng {pct}% số thôn, ấp, tạo điều kiện cho người dân tiếp cận dịch vụ số.",
        "Tại {event}, các đại biểu đã thảo luận về cơ chế huy động vốn tư nhân cho hạ tầng số và hạ tầng đô thị.",
        "Các chuyên gia khuyến nghị địa phương cần ưu tiên an toàn thông tin ngay từ khâu thiết kế hệ thống.",
        "Hai bên cũng dành nhiều thời gian bàn về đào tạo nguồn nhân lực chất lượng cao cho lĩnh vực công nghệ.",
        "Tổng cộng có {n} doanh nghiệp công nghệ tham gia trưng bày giải pháp tại sự kiện.",
        "Sau {k} năm triển khai, tỉnh đã số hóa hơn {pct}% hồ sơ địa chính và hồ sơ xây dựng.",
        "Dự kiến đến cuối năm, toàn bộ các khu dân cư đô thị sẽ được lắp đặt hệ thống chiếu sáng tiết kiệm năng lượng.",
        "Nguồn vốn đối ứng của địa phương được bố trí đầy đủ ngay từ đầu năm, không để xảy ra tình trạng chờ vốn.",
        "Sự kiện diễn ra trong bối cảnh nhu cầu vốn cho hạ tầng đô thị của các địa phương ngày càng lớn.",
        "Trước đó, hai bên đã tổ chức {n} vòng tham vấn kỹ thuật với các sở, ngành và cộng đồng dân cư.",
        "Theo kế hoạch, các gói thầu xây lắp chính sẽ được khởi công trong {qtr} năm sau.",
        "Mục tiêu đến năm 2030 là hình thành đô thị xanh, thông minh, đáng sống và có khả năng chống chịu cao.",
        "Báo cáo đánh giá giữa kỳ cho thấy phần lớn chỉ tiêu đầu ra đã đạt hoặc vượt kế hoạch đề ra.",
    ),
    "giao thông": (
        "Theo thiết kế, tuyến xe buýt điện nhanh dài khoảng {km} km, với {n} nhà chờ được trang bị bảng thông tin điện tử.",
        "Trung tâm điều hành giao thông sẽ tích hợp dữ liệu từ hơn {n} camera, hệ thống đèn tín hiệu và các bãi đỗ xe công cộng.",
        "Hợp phần cải tạo vỉa hè bổ sung làn đường dành riêng cho xe đạp dài {km} km ở khu vực trung tâm.",
        "Khi hoàn thành, thời gian di chuyển giữa các khu đô thị vệ tinh và trung tâm dự kiến giảm khoảng {pct}%.",
        "Hệ thống điều khiển tín hiệu thích ứng đã giúp giảm ùn tắc tại {n} nút giao thường xuyên quá tải.",
    ),
    "chống ngập": (
        "Khu vực {ward}, {district} thường xuyên ngập sâu {cm} cm mỗi đợt triều cường cuối năm.",
        "Hợp phần kè đã hoàn thành khoảng {pct}%, trong khi hệ thống cảnh báo mới ở bước lựa chọn nhà thầu.",
        "Dự án gồm {k} hợp phần: xây dựng kè ven sông, cải tạo mạng lưới cống thoát nước và lắp đặt trạm quan trắc mực nước.",
        "Mục tiêu là giảm ngập cho khoảng {ha} ha nội ô, nơi có hơn {n} nghìn hộ dân sinh sống.",
        "Hệ thống cảm biến mực nước sẽ gửi cảnh báo qua ứng dụng di động khi lượng mưa vượt ngưỡng.",
    ),
    "nước": (
        "Nhà máy xử lý nước thải có công suất {n} nghìn m3/ngày đêm, phục vụ khoảng {k} trăm nghìn dân.",
        "Tỷ lệ nước thải đô thị được thu gom, xử lý dự kiến nâng lên trên {pct}% sau khi dự án hoàn thành.",
        "Mạng lưới đường ống cấp nước mới dài hơn {km} km, giúp giảm tỷ lệ thất thoát nước xuống dưới {pct2}%.",
        "Đồng hồ nước thông minh cho phép phát hiện rò rỉ và cảnh báo bất thường theo thời gian thực.",
    ),
    "đô thị thông minh": (
        "Trung tâm điều hành đô thị thông minh hiện kết nối dữ liệu của {n} sở, ngành và {k} chục đơn vị cấp xã.",
        "Người dân có thể phản ánh hiện trường qua ứng dụng và nhận kết quả xử lý trung bình trong {k} ngày.",
        "Nền tảng bản đồ số tích hợp hơn {n} lớp dữ liệu về quy hoạch, giao thông, y tế và giáo dục.",
        "Hệ thống giám sát an ninh sử dụng trí tuệ nhân tạo để nhận diện sự cố và điều phối lực lượng chức năng.",
    ),
    "môi trường": (
        "Mỗi ngày địa bàn phát sinh khoảng {n} tấn rác thải sinh hoạt, trong khi các bãi chôn lấp đã gần hết công suất.",
        "Các trạm quan trắc tự động sẽ công bố chỉ số chất lượng không khí trên cổng thông tin điện tử mỗi giờ.",
        "Mô hình phân loại rác tại nguồn đã được nhân rộng ra {n} phường, xã với sự tham gia tích cực của người dân.",
    ),
    "năng lượng": (
        "Hệ thống đèn LED thông minh giúp tiết kiệm khoảng {pct}% điện năng so với đèn cao áp truyền thống.",
        "Các tấm pin mặt trời áp mái có tổng công suất {n} kWp, đáp ứng phần lớn nhu cầu điện của các trụ sở.",
        "Lưới điện thông minh cho phép điều chỉnh phụ tải linh hoạt và giảm tổn thất trên đường dây.",
    ),
    "khí hậu": (
        "Những năm gần đây, sạt lở bờ sông và xâm nhập mặn diễn biến ngày càng phức tạp, ảnh hưởng trực tiếp đến sinh kế người dân.",
        "Diện tích rừng ngập mặn được phục hồi đạt {ha} ha, góp phần giảm sóng và bảo vệ đê biển.",
        "Các mô hình sinh kế thích ứng đã giúp {n} hộ dân ven biển ổn định thu nhập.",
    ),
    "y tế": (
        "Hơn {pct}% người dân đã có hồ sơ sức khỏe điện tử, giúp giảm thời gian chờ khám tại các bệnh viện tuyến tỉnh.",
        "Hệ thống khám chữa bệnh từ xa kết nối {n} trạm y tế xã với các bệnh viện tuyến trên.",
    ),
    "giáo dục": (
        "Toàn tỉnh có {n} trường học được trang bị phòng học thông minh và kết nối internet tốc độ cao.",
        "Chương trình đào tạo kỹ năng số đã tiếp cận hơn {k} nghìn học sinh, sinh viên.",
    ),
    "du lịch": (
        "Lượng khách du lịch sử dụng ứng dụng thuyết minh tự động tăng gấp {k} lần so với cùng kỳ.",
        "Các điểm du lịch trọng điểm đã được phủ sóng wifi miễn phí và tích hợp bản đồ số.",
    ),
    "nông nghiệp": (
        "Các cảm biến độ mặn được lắp đặt tại {n} cống đầu mối, giúp nông dân chủ động lấy nước tưới.",
        "Mô hình sản xuất ứng dụng công nghệ cao giúp giảm {pct2}% chi phí đầu vào cho nông dân.",
    ),
}
MONTHS = tuple(range(1, 13))
GENERIC = {
    "date": lambda w: w.pick(("Sáng", "Chiều", "Ngày", "Tối", "Sáng", "Chiều")) + f" {w.rng.randint(1, 28)}/{w.pick(MONTHS)}",
    "date_lc": lambda w: w.pick(("sáng", "chiều", "ngày")) + f" {w.rng.randint(1, 28)}/{w.pick(MONTHS)}",
    "n": lambda w: str(w.rng.randint(12, 480)),
    "k": lambda w: str(w.rng.randint(2, 9)),
    "pct": lambda w: str(w.rng.randint(35, 96)),
    "pct2": lambda w: str(w.rng.randint(5, 25)),
    "km": lambda w: vn_number(round(w.rng.uniform(3, 60), 1)),
    "ha": lambda w: vn_number(w.rng.randrange(200, 9000, 50)),
    "cm": lambda w: f"{w.rng.randint(2, 6) * 10}-{w.rng.randint(7, 9) * 10}",
    "qtr": lambda w: w.pick(("quý I", "quý II", "quý III", "quý IV")),
    "district": lambda w: str(w.district()),
    "ward": lambda w: w.pick(w.district().wards or ("khu vực trung tâm",)),
    "field": lambda w: w.pick(FIELDS),
    "event": lambda w: EVENTS[w.story],
    "field2": lambda w: w.pick(FIELDS),
    "year": lambda w: str(w.rng.randint(2023, 2026)),
    "photo": lambda w: w.pick(PHOTOGRAPHERS),
}


if __name__ == "__main__":
    sys.exit(main())
