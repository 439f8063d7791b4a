"""The only module that mints triples: a resolved corpus -> an RDF dataset.

Layout (documented in the README and the ontology):

* the default graph describes the entities: type, labels, gazetteer facts,
  positions, amounts, years, and each document;
* one named graph per article (``scr:graph/…``) holds what that article
  states: the relations, ``sc:mentionedIn`` links, and one ``sc:Evidence``
  node per relation (an ``rdf:Statement`` with the sentence, the extractor
  and its confidence, ``prov:wasDerivedFrom`` the document).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.term import Node
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from . import ids
from .namespaces import PREFIXES, SC, SCHEMA, WD
from .records import Entity, EntityType, Evidence, Relation, RelationType
from .resolve import Corpus, DocumentInfo

CLASS = {
    EntityType.PROVINCE: SC.Province,
    EntityType.DONOR: SC.Donor,
    EntityType.PROJECT: SC.Project,
    EntityType.OFFICIAL: SC.Official,
}
PROPERTY = {
    RelationType.FUNDS: SC.funds,
    RelationType.LOCATED_IN: SC.locatedIn,
    RelationType.OFFICIAL_OF: SC.officialOf,
    RelationType.PARTNER_OF: SC.partnerOf,
}
VI = "vi"
Triple = tuple[Node, Node, Node]
Quad = tuple[Node, Node, Node, "URIRef | None"]


def decimal_literal(value: float) -> Literal:
    number = Decimal(repr(value))
    number = number.quantize(Decimal(1)) if number == number.to_integral_value() else number.normalize()
    return Literal(number, datatype=XSD.decimal)


def default_graph(dataset: Dataset) -> Graph:
    """The dataset's default graph (``default_graph`` since rdflib 7.5, ``default_context`` before)."""
    graph = getattr(dataset, "default_graph", None)
    return graph if isinstance(graph, Graph) else dataset.default_context


def bind_prefixes(graph: Graph) -> None:
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri, override=True)


def to_dataset(corpus: Corpus) -> Dataset:
    dataset = Dataset()
    bind_prefixes(dataset)
    default = default_graph(dataset)
    graphs: dict = {}
    for s, p, o, g in quads(corpus):
        if g is None:
            default.add((s, p, o))
        else:
            if g not in graphs:
                graphs[g] = dataset.graph(g)
            graphs[g].add((s, p, o))
    return dataset


def quads(corpus: Corpus) -> Iterator[Quad]:
    """Every statement of the corpus as ``(s, p, o, graph)``; graph None is the default graph.

    The building block of :func:`to_dataset` and of writers that stream
    (a store, N-Quads): nothing is held but the corpus itself.
    """
    keys = {(e.type, e.key) for e in corpus.entities}
    for entity in corpus.entities:
        for s, p, o in describe(entity, keys):
            yield s, p, o, None
    for doc in corpus.documents:
        for s, p, o in document_triples(doc):
            yield s, p, o, None
    yield from article_quads(corpus)


def document_triples(doc: DocumentInfo) -> Iterator[Triple]:
    """A document's description in the default graph, and its named graph's source."""
    node = ids.document_iri(doc.name)
    yield node, RDF.type, SC.Document
    yield node, DCTERMS.identifier, Literal(doc.name)
    if doc.title:
        yield node, DCTERMS.title, Literal(doc.title, lang=VI)
    yield ids.document_graph_iri(doc.name), PROV.wasDerivedFrom, node


def article_quads(corpus: Corpus) -> Iterator[Quad]:
    """What each article states, in its own named graph, one article after the other:
    mentions, relations and their evidence."""
    mentioned: dict[str, list[Entity]] = defaultdict(list)
    for entity in corpus.entities:
        for name in entity.documents:
            mentioned[name].append(entity)
    stated: dict[str, list[tuple[Relation, Evidence]]] = defaultdict(list)
    for relation in corpus.relations:
        for ev in relation.evidence:
            stated[ev.document].append((relation, ev))
    for doc in corpus.documents:
        graph = ids.document_graph_iri(doc.name)
        source = ids.document_iri(doc.name)
        for entity in mentioned[doc.name]:
            yield ids.entity_iri(entity.type, entity.key), SC.mentionedIn, source, graph
        for relation, ev in stated[doc.name]:
            head = ids.entity_iri(*relation.head)
            tail = ids.entity_iri(*relation.tail)
            prop = PROPERTY[relation.type]
            node = ids.evidence_iri(ev.document, str(head), str(prop), str(tail), ev.sentence, ev.extractor)
            yield head, prop, tail, graph
            yield node, RDF.type, SC.Evidence, graph
            yield node, RDF.subject, head, graph
            yield node, RDF.predicate, prop, graph
            yield node, RDF.object, tail, graph
            yield node, PROV.wasDerivedFrom, source, graph
            yield node, SC.sentence, Literal(ev.sentence, lang=VI), graph
            yield node, SC.extractor, Literal(ev.extractor), graph
            yield node, SC.confidence, decimal_literal(ev.score), graph


def union_triples(corpus: Corpus) -> Iterator[Triple]:
    """Every triple of :func:`quads` once, whatever graph it is in (what .ttl and .nt hold)."""
    relations = set(PROPERTY.values())
    seen: set[Triple] = set()
    for s, p, o, g in quads(corpus):
        if g is not None and p in relations:  # a relation several articles state is one triple
            if (s, p, o) in seen:
                continue
            seen.add((s, p, o))
        yield s, p, o


def describe(entity: Entity, keys: set) -> Iterator[Triple]:
    """An entity's description (default graph); ``keys`` are the (type, key) pairs that
    exist, so that a link to a parent entity is only made when the parent is there."""
    subject = ids.entity_iri(entity.type, entity.key)
    yield subject, RDF.type, CLASS[entity.type]
    yield subject, SKOS.prefLabel, Literal(entity.label, lang=VI)
    yield subject, RDFS.label, Literal(entity.label, lang=VI)
    for alt in entity.alt_labels:
        yield subject, SKOS.altLabel, Literal(alt, lang=VI)
    for position in entity.positions:
        yield subject, SC.position, Literal(position, lang=VI)
    for value, currency in entity.amounts:
        amount = ids.amount_iri(subject, value, currency)
        yield subject, SC.amount, amount
        yield amount, RDF.type, SCHEMA.MonetaryAmount
        yield amount, SCHEMA.value, decimal_literal(value)
        yield amount, SCHEMA.currency, Literal(currency)
    for year in entity.years:
        yield subject, SC.year, Literal(str(year), datatype=XSD.gYear)
    for fact, value in entity.extra:
        yield from _fact(subject, entity.type, fact, value, keys)


def _fact(subject: URIRef, kind: EntityType, fact: str, value: str, keys: set) -> Iterator[Triple]:
    if fact == "code":
        yield subject, SC.adminCode, Literal(value)
    elif fact == "code_2025":
        yield subject, SC.adminCode2025, Literal(value)
    elif fact == "official_name":
        yield subject, SCHEMA.name, Literal(value, lang=VI)
    elif fact == "level":
        yield subject, SC.administrativeLevel, Literal(value)
    elif fact == "merged_into":
        yield subject, SC.mergedInto, ids.entity_iri(EntityType.PROVINCE, value)
    elif fact == "name_en":
        yield subject, SCHEMA.alternateName, Literal(value, lang="en")
    elif fact == "country_name":
        yield subject, SCHEMA.alternateName, Literal(value, lang=VI)
    elif fact == "abbreviation":
        yield subject, SCHEMA.alternateName, Literal(value)
    elif fact == "kind":
        yield subject, SC.donorKind, Literal(value)
    elif fact == "country":
        yield subject, SC.country, Literal(value)
    elif fact == "wikidata":
        yield subject, OWL.sameAs, WD[value]
    elif fact == "parent" and (kind, value) in keys:
        yield subject, SC.partOf, ids.entity_iri(kind, value)


def to_graph(corpus: Corpus) -> Graph:
    """All quads of :func:`to_dataset` in one graph (for Turtle, N-Triples, JSON-LD),
    straight from :func:`union_triples` rather than through a dataset."""
    graph = Graph()
    bind_prefixes(graph)
    for triple in union_triples(corpus):
        graph.add(triple)
    return graph


def union(dataset: Dataset) -> Graph:
    graph = Graph()
    bind_prefixes(graph)
    for s, p, o, _g in dataset.quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph


__all__ = ["article_quads", "describe", "document_triples", "quads", "to_dataset", "to_graph", "union", "union_triples"]
