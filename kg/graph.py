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

from decimal import Decimal

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from . import ids
from .namespaces import PREFIXES, SC, SCHEMA, WD
from .records import Entity, EntityType, RelationType
from .resolve import Corpus

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
    keys = {(e.type, e.key) for e in corpus.entities}
    for entity in corpus.entities:
        _describe(default, entity, keys)
    graphs = {}
    for doc in corpus.documents:
        node = ids.document_iri(doc.name)
        default.add((node, RDF.type, SC.Document))
        default.add((node, DCTERMS.identifier, Literal(doc.name)))
        if doc.title:
            default.add((node, DCTERMS.title, Literal(doc.title, lang=VI)))
        graphs[doc.name] = dataset.graph(ids.document_graph_iri(doc.name))
        default.add((graphs[doc.name].identifier, PROV.wasDerivedFrom, node))
    for entity in corpus.entities:
        subject = ids.entity_iri(entity.type, entity.key)
        for name in entity.documents:
            if name in graphs:
                graphs[name].add((subject, SC.mentionedIn, ids.document_iri(name)))
    for relation in corpus.relations:
        head = ids.entity_iri(*relation.head)
        tail = ids.entity_iri(*relation.tail)
        prop = PROPERTY[relation.type]
        for ev in relation.evidence:
            graph = graphs[ev.document]
            graph.add((head, prop, tail))
            node = ids.evidence_iri(ev.document, str(head), str(prop), str(tail), ev.sentence, ev.extractor)
            graph.add((node, RDF.type, SC.Evidence))
            graph.add((node, RDF.subject, head))
            graph.add((node, RDF.predicate, prop))
            graph.add((node, RDF.object, tail))
            graph.add((node, PROV.wasDerivedFrom, ids.document_iri(ev.document)))
            graph.add((node, SC.sentence, Literal(ev.sentence, lang=VI)))
            graph.add((node, SC.extractor, Literal(ev.extractor)))
            graph.add((node, SC.confidence, decimal_literal(ev.score)))
    return dataset


def _describe(graph: Graph, entity: Entity, keys: set) -> None:
    subject = ids.entity_iri(entity.type, entity.key)
    graph.add((subject, RDF.type, CLASS[entity.type]))
    graph.add((subject, SKOS.prefLabel, Literal(entity.label, lang=VI)))
    graph.add((subject, RDFS.label, Literal(entity.label, lang=VI)))
    for alt in entity.alt_labels:
        graph.add((subject, SKOS.altLabel, Literal(alt, lang=VI)))
    for position in entity.positions:
        graph.add((subject, SC.position, Literal(position, lang=VI)))
    for value, currency in entity.amounts:
        amount = ids.amount_iri(subject, value, currency)
        graph.add((subject, SC.amount, amount))
        graph.add((amount, RDF.type, SCHEMA.MonetaryAmount))
        graph.add((amount, SCHEMA.value, decimal_literal(value)))
        graph.add((amount, SCHEMA.currency, Literal(currency)))
    for year in entity.years:
        graph.add((subject, SC.year, Literal(str(year), datatype=XSD.gYear)))
    for fact, value in entity.extra:
        _fact(graph, subject, entity.type, fact, value, keys)


def _fact(graph: Graph, subject: URIRef, kind: EntityType, fact: str, value: str, keys: set) -> None:
    if fact == "code":
        graph.add((subject, SC.adminCode, Literal(value)))
    elif fact == "code_2025":
        graph.add((subject, SC.adminCode2025, Literal(value)))
    elif fact == "official_name":
        graph.add((subject, SCHEMA.name, Literal(value, lang=VI)))
    elif fact == "level":
        graph.add((subject, SC.administrativeLevel, Literal(value)))
    elif fact == "merged_into":
        graph.add((subject, SC.mergedInto, ids.entity_iri(EntityType.PROVINCE, value)))
    elif fact == "name_en":
        graph.add((subject, SCHEMA.alternateName, Literal(value, lang="en")))
    elif fact == "country_name":
        graph.add((subject, SCHEMA.alternateName, Literal(value, lang=VI)))
    elif fact == "abbreviation":
        graph.add((subject, SCHEMA.alternateName, Literal(value)))
    elif fact == "kind":
        graph.add((subject, SC.donorKind, Literal(value)))
    elif fact == "country":
        graph.add((subject, SC.country, Literal(value)))
    elif fact == "wikidata":
        graph.add((subject, OWL.sameAs, WD[value]))
    elif fact == "parent" and (kind, value) in keys:
        graph.add((subject, SC.partOf, ids.entity_iri(kind, value)))


def to_graph(corpus: Corpus) -> Graph:
    """All quads of :func:`to_dataset` in one graph (for Turtle, N-Triples, JSON-LD)."""
    return union(to_dataset(corpus))


def union(dataset: Dataset) -> Graph:
    graph = Graph()
    bind_prefixes(graph)
    for s, p, o, _g in dataset.quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph


__all__ = ["to_dataset", "to_graph", "union"]
