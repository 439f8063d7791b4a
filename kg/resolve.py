"""Corpus-level resolution: one entity per real-world thing, one relation per fact.

Documents are added one at a time (:meth:`Resolver.add`), so a corpus of any
size streams through; :meth:`Resolver.corpus` returns the merged result.

Identity keys: a province's code, a donor's gazetteer key, an official's
normalised name, a project's normalised name.  A project whose name is
generic (no proper noun, no number: "Trung tâm điều hành đô thị thông minh")
names a different project in each province, so its key and label carry the
province it is located in.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from . import gazetteer
from .extract.projects import ANAPHOR
from .records import DocExtraction, Entity, EntityType, Evidence, Mention, Relation, RelationType


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    name: str
    path: str
    title: str
    encoding: str


@dataclass(frozen=True, slots=True)
class Corpus:
    entities: tuple[Entity, ...]
    relations: tuple[Relation, ...]
    documents: tuple[DocumentInfo, ...]

    def entity(self, type_: EntityType, key: str) -> Entity | None:
        return next((e for e in self.entities if e.type == type_ and e.key == key), None)


def is_generic_name(name: str) -> bool:
    """A project name with no proper noun and no number after its first word."""
    words = name.split()
    return not any(w[:1].isupper() or any(c.isdigit() for c in w) for w in words[1:])


class Resolver:
    def __init__(self, min_confidence: float = 0.0):
        self.min_confidence = min_confidence
        self._labels: dict[tuple[EntityType, str], Counter[str]] = defaultdict(Counter)
        self._canonical: dict[tuple[EntityType, str], str] = {}
        self._docs_of: dict[tuple[EntityType, str], set[str]] = defaultdict(set)
        self._positions: dict[tuple[EntityType, str], dict[str, None]] = defaultdict(dict)
        self._amounts: dict[tuple[EntityType, str], dict[tuple[float, str], None]] = defaultdict(dict)
        self._years: dict[tuple[EntityType, str], set[int]] = defaultdict(set)
        self._evidence: dict[tuple[RelationType, tuple, tuple], dict[Evidence, None]] = defaultdict(dict)
        self._documents: dict[str, DocumentInfo] = {}

    # -- adding documents -------------------------------------------------
    def add(self, extraction: DocExtraction) -> None:
        doc = extraction.document
        self._documents[doc.name] = DocumentInfo(doc.name, doc.path, extraction.title, doc.encoding)
        places = self._project_places(extraction)
        ident = lambda m: self._identity(m, places)  # noqa: E731
        for m in extraction.mentions:
            if m.type == EntityType.PROJECT and m.extractor == ANAPHOR:
                continue
            eid = ident(m)
            self._docs_of[eid].add(doc.name)
            if m.text:
                self._labels[eid][m.text] += 1
            if m.type in (EntityType.PROVINCE, EntityType.DONOR):
                self._canonical[eid] = m.label
            if m.type == EntityType.OFFICIAL and m.position:
                self._positions[eid][m.position] = None
        for facts in extraction.projects:
            eid = self._project_identity(facts.key, places)
            if facts.amount:
                self._amounts[eid][(facts.amount.value, facts.amount.currency)] = None
            if facts.year:
                self._years[eid].add(facts.year)
        sentences = {s.index: s.text for s in extraction.sentences}
        for r in extraction.relations:
            if r.score < self.min_confidence:
                continue
            head, tail = ident(r.head), ident(r.tail)
            found = self._evidence[(r.type, head, tail)]
            sentence = sentences.get(r.sentence, "")
            same = next((e for e in found if (e.document, e.sentence, e.extractor) == (doc.name, sentence, r.extractor)), None)
            if same is None or same.score < r.score:  # one evidence per sentence and rule, at its best score
                if same is not None:
                    del found[same]
                found[Evidence(doc.name, sentence, r.extractor, r.score)] = None
            self._docs_of[tail].add(doc.name)
            if tail not in self._canonical and r.tail.type == EntityType.PROVINCE:
                self._canonical[tail] = r.tail.label

    def _project_places(self, extraction: DocExtraction) -> dict[str, tuple[str, ...]]:
        """Project key -> province codes it is located in, for generic names."""
        places: dict[str, set[str]] = defaultdict(set)
        generic = {m.key for m in extraction.mentions
                   if m.type == EntityType.PROJECT and m.extractor != ANAPHOR and is_generic_name(m.label)}
        for r in extraction.relations:
            if r.type == RelationType.LOCATED_IN and r.head.key in generic:
                places[r.head.key].add(r.tail.key)
        return {k: tuple(sorted(v)) for k, v in places.items()}

    def _project_identity(self, key: str, places: dict[str, tuple[str, ...]]) -> tuple[EntityType, str]:
        if key in places and places[key]:
            return EntityType.PROJECT, key + " @" + ",".join(places[key])
        return EntityType.PROJECT, key

    def _identity(self, m: Mention, places: dict[str, tuple[str, ...]]) -> tuple[EntityType, str]:
        if m.type == EntityType.PROJECT:
            return self._project_identity(m.key, places)
        return m.type, m.key

    # -- the result ---------------------------------------------------------
    def corpus(self) -> Corpus:
        relations = []
        linked: set[tuple[EntityType, str]] = set()
        for (kind, head, tail), evidence in sorted(self._evidence.items(), key=lambda kv: (kv[0][0].value, kv[0][1:])):
            relations.append(Relation(kind, head, tail, tuple(evidence)))
            linked.update((head, tail))
        ids = sorted(set(self._labels) | set(self._canonical) | linked, key=lambda i: (i[0].value, i[1]))
        entities = tuple(self._entity(eid) for eid in ids)
        documents = tuple(self._documents[n] for n in sorted(self._documents))
        return Corpus(entities, tuple(relations), documents)

    def _entity(self, eid: tuple[EntityType, str]) -> Entity:
        kind, key = eid
        seen = self._labels.get(eid, Counter())
        label = self._canonical.get(eid) or _preferred(seen) or key
        if kind == EntityType.PROJECT and " @" in key:
            codes = key.rsplit(" @", 1)[1].split(",")
            names = ", ".join(gazetteer.provinces()[c].name for c in codes if c in gazetteer.provinces())
            label = f"{label} ({names})"
        alt = tuple(sorted(s for s in seen if s != label))
        return Entity(
            type=kind,
            key=key,
            label=label,
            alt_labels=alt,
            documents=tuple(sorted(self._docs_of.get(eid, ()))),
            positions=tuple(self._positions.get(eid, {})),
            amounts=tuple(self._amounts.get(eid, {})),
            years=tuple(sorted(self._years.get(eid, ()))),
            extra=_gazetteer_facts(kind, key),
        )


def _preferred(seen: Counter[str]) -> str:
    """The surface form seen most, then the longest, then the first in order."""
    if not seen:
        return ""
    return max(seen, key=lambda s: (seen[s], len(s), s))


def _gazetteer_facts(kind: EntityType, key: str) -> tuple[tuple[str, str], ...]:
    if kind == EntityType.PROVINCE and key in gazetteer.provinces():
        p = gazetteer.provinces()[key]
        facts = [("code", p.code), ("official_name", p.official_name), ("level", p.level)]
        if p.code_2025:
            facts.append(("code_2025", p.code_2025))
        if p.merged_into:
            facts.append(("merged_into", p.merged_into))
        return tuple(facts)
    if kind == EntityType.DONOR and key in gazetteer.donors():
        d = gazetteer.donors()[key]
        facts = [("name_en", d.name_en), ("kind", d.kind), ("country", d.country), ("wikidata", d.wikidata),
                 ("parent", d.parent)] + [("abbreviation", a) for a in d.abbreviations]
        if d.kind == "government" and d.country in gazetteer.countries():
            facts.append(("country_name", gazetteer.countries()[d.country].name))  # a country is its government
        return tuple((k, v) for k, v in facts if v)
    if kind == EntityType.DONOR and re.fullmatch(r"gov-[a-z]{2}", key):
        facts = [("kind", "government"), ("country", key[4:].upper())]
        if key[4:].upper() in gazetteer.countries():
            facts.append(("country_name", gazetteer.countries()[key[4:].upper()].name))
        return tuple(facts)
    return ()


def resolve(extractions, min_confidence: float = 0.0) -> Corpus:
    resolver = Resolver(min_confidence)
    for extraction in extractions:
        resolver.add(extraction)
    return resolver.corpus()


# -- per-entity state, for stores that rebuild entities article by article -------------

def contributions(resolver: Resolver, corpus: Corpus) -> dict[tuple[EntityType, str], dict]:
    """What the documents added to ``resolver`` contribute to each entity, as plain
    JSON-able records (surface forms with counts, canonical label, positions,
    amounts, years, and whether the entity exists in ``corpus``)."""
    existing = {(e.type, e.key) for e in corpus.entities}
    r = resolver
    touched = set(r._labels) | set(r._canonical) | set(r._positions) | set(r._amounts) | set(r._years) | existing
    return {eid: {
        "type": eid[0].value,
        "key": eid[1],
        "labels": dict(r._labels.get(eid, {})),
        "canonical": r._canonical.get(eid),
        "positions": list(r._positions.get(eid, {})),
        "amounts": [[value, currency] for value, currency in r._amounts.get(eid, {})],
        "years": sorted(r._years.get(eid, ())),
        "exists": eid in existing,
    } for eid in touched}


def combine(states: list[dict]) -> dict:
    """One record from several documents' :func:`contributions` to the same entity, as
    if one document had made them all (surface-form counts add up; the others unite)."""
    labels: Counter[str] = Counter()
    for s in states:
        labels.update(s["labels"])
    canonical = [s["canonical"] for s in states if s["canonical"]]
    amounts = dict.fromkeys((float(v), c) for s in states for v, c in s["amounts"])
    return {
        "type": states[0]["type"],
        "key": states[0]["key"],
        "labels": dict(labels),
        "canonical": canonical[-1] if canonical else None,
        "positions": list(dict.fromkeys(p for s in states for p in s["positions"])),
        "amounts": [[value, currency] for value, currency in amounts],
        "years": sorted({y for s in states for y in s["years"]}),
        "exists": any(s["exists"] for s in states),
    }


def merge(eid: tuple[EntityType, str], states: list[dict]) -> Entity | None:
    """The entity described from several documents' :func:`contributions` (or from
    their :func:`combine`), as one resolver over all those documents would; None if
    no document makes it exist."""
    if not states:
        return None
    state = combine(states)
    if not state["exists"]:
        return None
    r = Resolver()
    if state["labels"]:
        r._labels[eid] = Counter(state["labels"])
    if state["canonical"]:
        r._canonical[eid] = state["canonical"]
    r._positions[eid] = dict.fromkeys(state["positions"])
    r._amounts[eid] = dict.fromkeys((float(v), c) for v, c in state["amounts"])
    r._years[eid] = set(state["years"])
    return r._entity(eid)
