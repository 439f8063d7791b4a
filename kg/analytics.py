"""The graph as a network (networkx): counts, centrality, GraphML/GEXF export."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

import networkx as nx
from rdflib import Graph
from rdflib.namespace import RDF, SKOS

from .namespaces import SC, SCHEMA

if TYPE_CHECKING:
    from .resolve import Corpus

CLASSES = {"Province": SC.Province, "Donor": SC.Donor, "Project": SC.Project, "Official": SC.Official}
RELATIONS = {"funds": SC.funds, "locatedIn": SC.locatedIn, "officialOf": SC.officialOf, "partnerOf": SC.partnerOf}


@dataclass(frozen=True, slots=True)
class Stats:
    entities: dict[str, int]
    relations: dict[str, int]
    documents: int
    triples: int
    central: list[tuple[str, str, float, int]]  # label, type, betweenness, degree


def to_networkx(graph: Graph) -> nx.MultiDiGraph:
    """Entities as nodes (type, label, positions, amounts), relations as edges."""
    net = nx.MultiDiGraph()
    for type_name, cls in CLASSES.items():
        for node in graph.subjects(RDF.type, cls):
            label = graph.value(node, SKOS.prefLabel)
            attrs = {"type": type_name, "label": str(label) if label is not None else str(node)}
            positions = sorted(str(p) for p in graph.objects(node, SC.position))
            if positions:
                attrs["positions"] = " | ".join(positions)
            amounts = []
            for amount in graph.objects(node, SC.amount):
                value, currency = graph.value(amount, SCHEMA.value), graph.value(amount, SCHEMA.currency)
                if value is not None:
                    amounts.append(f"{value} {currency or ''}".strip())
            if amounts:
                attrs["amounts"] = " | ".join(sorted(amounts))
            net.add_node(str(node), **attrs)
    for name, prop in RELATIONS.items():
        for s, o in graph.subject_objects(prop):
            if str(s) in net and str(o) in net:
                net.add_edge(str(s), str(o), key=name, relation=name)
    return net


def stats(graph: Graph, top: int = 10) -> Stats:
    net = to_networkx(graph)
    entities = Counter(data["type"] for _n, data in net.nodes(data=True))
    relations = Counter(data["relation"] for _s, _o, data in net.edges(data=True))
    documents = len(set(graph.subjects(RDF.type, SC.Document)))
    simple = nx.Graph(net.to_undirected())
    betweenness = nx.betweenness_centrality(simple) if simple.number_of_nodes() <= 5000 else nx.degree_centrality(simple)
    ranked = sorted(simple.nodes, key=lambda n: (-betweenness[n], -simple.degree(n), net.nodes[n]["label"]))
    stakeholders = [n for n in ranked if net.nodes[n]["type"] in ("Donor", "Official", "Province")][:top]
    central = [(net.nodes[n]["label"], net.nodes[n]["type"], round(betweenness[n], 4), simple.degree(n))
               for n in stakeholders]
    return Stats(
        entities={name: entities.get(name, 0) for name in CLASSES},
        relations={name: relations.get(name, 0) for name in RELATIONS},
        documents=documents,
        triples=len(graph),
        central=central,
    )


def corpus_stats(corpus: Corpus) -> Stats:
    """The counts of :func:`stats` for a resolved corpus, without building a graph (no centrality)."""
    from .graph import union_triples

    entities = Counter(e.type.value for e in corpus.entities)
    relations = Counter(r.type.value for r in corpus.relations)
    return Stats(
        entities={name: entities.get(name, 0) for name in CLASSES},
        relations={name: relations.get(name, 0) for name in RELATIONS},
        documents=len(corpus.documents),
        triples=sum(1 for _ in union_triples(corpus)),
        central=[],
    )


def write_network(graph: Graph, fmt: str) -> bytes:
    """GraphML or GEXF bytes of the entity network."""
    import io

    net = nx.DiGraph()
    source = to_networkx(graph)
    net.add_nodes_from(source.nodes(data=True))
    for s, o, data in source.edges(data=True):
        if net.has_edge(s, o):
            net.edges[s, o]["relation"] = ",".join(sorted({*net.edges[s, o]["relation"].split(","), data["relation"]}))
        else:
            net.add_edge(s, o, relation=data["relation"])
    buffer = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(net, buffer, encoding="utf-8")
    elif fmt == "gexf":
        nx.write_gexf(net, buffer, encoding="utf-8")
    else:
        raise ValueError(fmt)
    return buffer.getvalue()
