"""Typed, frozen records passed between the pipeline stages.

``reading`` makes :class:`Document`; ``nlp`` makes :class:`Sentence`;
the extractors make :class:`Mention`; ``relations`` makes
:class:`RelationMention`; the per-document result is a :class:`DocExtraction`;
``resolve`` turns many of those into :class:`Entity` and :class:`Relation`.
No rdflib type appears here: only ``graph`` mints triples.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class EntityType(str, Enum):
    PROVINCE = "Province"
    DONOR = "Donor"
    PROJECT = "Project"
    OFFICIAL = "Official"


class RelationType(str, Enum):
    FUNDS = "funds"
    LOCATED_IN = "locatedIn"
    OFFICIAL_OF = "officialOf"
    PARTNER_OF = "partnerOf"


@dataclass(frozen=True, slots=True)
class Document:
    """One article after decoding and normalisation (offsets point into ``text``)."""

    name: str  # file stem, the document's identifier
    path: str
    text: str  # NFC, cleaned (kg.text.clean)
    encoding: str = "utf-8"


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str
    tokens: tuple[Token, ...] = ()


@dataclass(frozen=True, slots=True)
class Money:
    value: float
    currency: str  # ISO 4217
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of a document that names an entity.

    ``key`` identifies the entity inside its type (a province code, a donor
    key, a normalised name); ``label`` is its canonical name; ``extractor``
    names the rule that found it.
    """

    type: EntityType
    start: int
    end: int
    text: str
    key: str
    label: str
    sentence: int
    extractor: str
    score: float = 1.0
    position: str | None = None  # Official: the office as written
    former: bool = False  # Official: "nguyên ..." (an office held before)
    province: str | None = None  # Official: the province of the office


@dataclass(frozen=True, slots=True)
class RelationMention:
    type: RelationType
    head: Mention
    tail: Mention
    sentence: int
    extractor: str
    score: float


@dataclass(frozen=True, slots=True)
class ProjectFacts:
    """Attributes found for one project inside one document."""

    key: str
    amount: Money | None = None
    year: int | None = None


@dataclass(frozen=True, slots=True)
class DocExtraction:
    """Everything one document contributes to the graph."""

    document: Document
    sentences: tuple[Sentence, ...]
    mentions: tuple[Mention, ...]
    relations: tuple[RelationMention, ...]
    projects: tuple[ProjectFacts, ...] = ()
    province: str | None = None  # the article's main province (code)
    title: str = ""


@dataclass(frozen=True, slots=True)
class Evidence:
    document: str
    sentence: str
    extractor: str
    score: float


@dataclass(frozen=True, slots=True)
class Entity:
    type: EntityType
    key: str
    label: str
    alt_labels: tuple[str, ...]
    documents: tuple[str, ...]
    positions: tuple[str, ...] = ()
    amounts: tuple[tuple[float, str], ...] = ()
    years: tuple[int, ...] = ()
    extra: tuple[tuple[str, str], ...] = field(default=())  # gazetteer facts


@dataclass(frozen=True, slots=True)
class Relation:
    type: RelationType
    head: tuple[EntityType, str]
    tail: tuple[EntityType, str]
    evidence: tuple[Evidence, ...]

    @property
    def score(self) -> float:
        return max(e.score for e in self.evidence)
