"""The interactive network view: one self-contained, offline HTML file.

Three steps, each a function:

* :func:`select` picks the nodes to show: name filters, types, degree, the
  N most central, or the default view of a large graph;
* :func:`page_data` turns them into vis-network node and edge data (built with
  pyvis) and one details record per node and edge, read from the RDF: labels,
  amounts, positions, source sentences;
* :func:`render` fills ``kg/templates/network.html`` with the vis-network
  library read from the installed pyvis package and the data as JSON that is
  safe inside a ``<script>``.  The page shows every text with ``textContent``
  and a Content-Security-Policy allows only its own inline scripts.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import networkx as nx
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS

from .analytics import RELATIONS, to_networkx
from .errors import KGError, OutputError
from .namespaces import SC, SCHEMA
from .text import key

LARGE = 500  # above this many nodes, and without ``top``, the default view is shown
DEFAULT_TOP = 300  # nodes in the default view
STAKEHOLDER_SHARE = 2 / 3  # of the default view kept for donors, officials and provinces
EXACT_BETWEENNESS = 1000  # betweenness costs O(nodes x links): degree centrality above this
NODE_SENTENCES = 5  # source sentences in a node's details
EDGE_SENTENCES = 8  # source sentences in a link's details
NODE_SOURCES_READ = 50  # evidence nodes read for one node's details (the rest are counted)
DOCUMENTS = 10  # articles listed in a node's details
LABEL_WIDTH = 40  # characters of a label drawn on the canvas (the details have all of it)
STAKEHOLDERS = ("Donor", "Official", "Province")


@dataclass(frozen=True, slots=True)
class Style:
    color: str
    shape: str
    legend: str


# Okabe-Ito colours: distinguishable with the common colour-vision deficiencies.
STYLES = {
    "Province": Style("#009E73", "square", "Province or city"),
    "Donor": Style("#D55E00", "diamond", "Donor"),
    "Project": Style("#0072B2", "dot", "Project"),
    "Official": Style("#CC79A7", "triangle", "Official"),
}
RELATION_COLORS = {"funds": "#D55E00", "locatedIn": "#009E73", "officialOf": "#CC79A7", "partnerOf": "#E69F00"}


@dataclass(frozen=True, slots=True)
class VizResult:
    nodes: int
    edges: int
    omitted: int
    note: str


@dataclass(frozen=True, slots=True)
class Selection:
    """The nodes to draw, most central first, and why the others are not drawn."""

    nodes: tuple[str, ...]
    centrality: dict[str, float]
    measure: str
    total: int
    note: str


def write_html(graph: Graph, output: Path, *, provinces: Sequence[str] = (), donors: Sequence[str] = (),
               types: Sequence[str] = (), min_degree: int = 0, top: int | None = None) -> VizResult:
    """Write the network of ``graph`` as one offline HTML page; say what was left out."""
    from .storage import write_bytes

    net = to_networkx(graph)
    selection = select(graph, net, provinces=provinces, donors=donors, types=types, min_degree=min_degree, top=top)
    data = page_data(graph, net, selection)
    write_bytes(output, render(data))
    return VizResult(nodes=len(data["nodes"]), edges=len(data["edges"]), omitted=selection.total - len(selection.nodes),
                     note=selection.note)


# -- choosing the nodes ---------------------------------------------------------------------------------------


def select(graph: Graph, net: nx.MultiDiGraph, *, provinces: Sequence[str] = (), donors: Sequence[str] = (),
           types: Sequence[str] = (), min_degree: int = 0, top: int | None = None) -> Selection:
    """Apply the filters in order: names, types, degree (in the whole graph), then ``top`` or the default view."""
    unknown = sorted(set(types) - set(STYLES))
    if unknown:
        raise KGError(f"unknown node type {', '.join(unknown)}; use {', '.join(STYLES)}")
    if top is not None and top < 1:
        raise KGError(f"--top must be at least 1, got {top}")
    provinces, donors = [_unescaped(n) for n in provinces], [_unescaped(n) for n in donors]
    kept = set(net)
    left_out: list[str] = []

    def keep(subset: set[str], reason: str) -> None:
        nonlocal kept
        dropped = len(kept - subset)
        kept &= subset
        if dropped:
            left_out.append(f"{dropped} {reason}")

    if provinces or donors:
        seeds = _named(graph, net, provinces, "Province") | _named(graph, net, donors, "Donor")
        around = set(seeds).union(*(set(net.predecessors(n)) | set(net.successors(n)) for n in seeds))
        names = ", ".join([*provinces, *donors])
        keep(around, f"not linked to {names}")
    if types:
        keep({n for n in kept if net.nodes[n]["type"] in types}, f"not of type {', '.join(types)}")
    if min_degree > 0:
        keep({n for n in kept if net.degree(n) >= min_degree}, f"with fewer than {min_degree} links")
    sub = net if len(kept) == net.number_of_nodes() else net.subgraph(kept)  # a view is slow to walk
    simple = simple_graph(sub)
    centrality, measure = centrality_of(simple)
    ranked = sorted(kept, key=lambda n: (-centrality[n], -simple.degree(n), net.nodes[n]["label"], n))
    if top is not None:
        chosen = ranked[:top]
        if len(ranked) > top:
            left_out.append(f"{len(ranked) - top} beyond the {top} most central ({measure})")
    elif len(ranked) > LARGE:
        chosen = default_view(sub, ranked)
        stakeholders = sum(1 for n in chosen if net.nodes[n]["type"] in STAKEHOLDERS)
        left_out.append(
            f"{len(ranked) - len(chosen)} beyond the default view of a graph over {LARGE} nodes: the {stakeholders} "
            f"most central donors, officials and provinces ({measure}) and {len(chosen) - stakeholders} of their "
            f"projects; use --top N, --type, --province, --donor or --min-degree to see others")
    else:
        chosen = ranked
    return Selection(nodes=tuple(chosen), centrality={n: centrality[n] for n in chosen}, measure=measure,
                     total=net.number_of_nodes(), note="; ".join(left_out))


def simple_graph(net: nx.MultiDiGraph) -> nx.Graph:
    """The network without directions or parallel links (faster than ``nx.Graph(net.to_undirected())``)."""
    simple = nx.Graph()
    simple.add_nodes_from(net)
    simple.add_edges_from(net.edges())
    return simple


def centrality_of(simple: nx.Graph) -> tuple[dict[str, float], str]:
    """Betweenness, or degree centrality when betweenness would be too costly."""
    if simple.number_of_nodes() <= EXACT_BETWEENNESS:
        return nx.betweenness_centrality(simple), "betweenness"
    return nx.degree_centrality(simple), "degree centrality"


def default_view(net: nx.MultiDiGraph, ranked: list[str], size: int = DEFAULT_TOP) -> list[str]:
    """The most central stakeholders, then the projects most linked to them, then whatever room is left."""
    is_stakeholder = {n: net.nodes[n]["type"] in STAKEHOLDERS for n in ranked}
    stakeholders = [n for n in ranked if is_stakeholder[n]]
    chosen = stakeholders[: int(size * STAKEHOLDER_SHARE)]
    picked = set(chosen)
    order = {n: i for i, n in enumerate(ranked)}
    links = Counter(p for n in chosen for p in (*net.predecessors(n), *net.successors(n))
                    if not is_stakeholder[p])
    projects = sorted(links, key=lambda p: (-links[p], order[p]))
    for n in [*projects, *stakeholders, *ranked]:
        if len(chosen) >= size:
            break
        if n not in picked:
            chosen.append(n)
            picked.add(n)
    return sorted(chosen, key=order.__getitem__)


def _named(graph: Graph, net: nx.MultiDiGraph, names: Iterable[str], type_name: str) -> set[str]:
    names = list(names)
    if not names:
        return set()
    index: dict[str, set[str]] = {}
    for node, data in net.nodes(data=True):
        if data["type"] == type_name:
            for label in _labels(graph, URIRef(node)):
                index.setdefault(key(label), set()).add(node)
    found: set[str] = set()
    for name in names:
        matches = index.get(key(name))
        if not matches:
            raise KGError(f"no {type_name.lower()} named '{name}' in the graph")
        found |= matches
    return found


def _unescaped(name: str) -> str:
    """A name from a command line in a C locale arrives as surrogate escapes of its UTF-8 bytes."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _labels(graph: Graph, node: URIRef) -> list[str]:
    return [str(o) for p in (SKOS.prefLabel, SKOS.altLabel, SCHEMA.alternateName, SCHEMA.name, RDFS.label)
            for o in graph.objects(node, p)]


# -- node and edge data ---------------------------------------------------------------------------------------


def page_data(graph: Graph, net: nx.MultiDiGraph, selection: Selection) -> dict:
    """vis-network nodes, edges and options (via pyvis), details for the tooltips, legend and note."""
    from pyvis.network import Network

    chosen = set(selection.nodes)
    edges = sorted((s, o, k) for s, o, k in net.subgraph(chosen).edges(keys=True))
    sources = Sources(graph)
    top = max(selection.centrality.values(), default=0.0) or 1.0
    vis = Network(directed=True, height="100%", width="100%")
    details: dict[str, dict] = {"nodes": {}, "edges": {}}
    for n in selection.nodes:
        attrs = net.nodes[n]
        style = STYLES[attrs["type"]]
        value = 1 + 99 * (selection.centrality[n] / top) ** 0.5  # vis-network scales size and label by value
        vis.add_node(n, label=_node_label(attrs), shape=style.shape, color=style.color, value=round(value, 2))
        details["nodes"][n] = _node_details(graph, net, n, selection, sources)
    parallel: Counter[frozenset[str]] = Counter()
    for i, (s, o, relation) in enumerate(edges):
        edge_id = f"e{i}"
        options = {"id": edge_id, "label": relation, "color": RELATION_COLORS.get(relation, "#888888")}
        pair = frozenset((s, o))
        if parallel[pair]:  # a second relation between the same two nodes: curve it apart
            options["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": 0.25 * parallel[pair]}
        parallel[pair] += 1
        vis.add_edge(s, o, **options)
        found = sources.of_link(s, relation, o)
        details["edges"][edge_id] = {
            "title": f"{net.nodes[s]['label']} → {relation} → {net.nodes[o]['label']}",
            "kind": relation,
            "rows": [["From", net.nodes[s]["label"]], ["To", net.nodes[o]["label"]], ["Sources", str(len(found))]],
            "sentences": [list(x) for x in found[:EDGE_SENTENCES]],
            "more": max(0, len(found) - EDGE_SENTENCES),
        }
    nodes, vis_edges, *_rest = vis.get_network_data()
    counts = Counter(net.nodes[n]["type"] for n in selection.nodes)
    relation_counts = Counter(k for _s, _o, k in edges)
    return {
        "nodes": nodes,
        "edges": vis_edges,
        "options": _options(vis, len(nodes), len(vis_edges)),
        "details": details,
        "legend": [{"type": t, "label": s.legend, "color": s.color, "shape": s.shape, "count": counts.get(t, 0)}
                   for t, s in STYLES.items()],
        "relations": [{"name": r, "color": c, "count": relation_counts.get(r, 0)} for r, c in RELATION_COLORS.items()],
        "summary": f"{len(nodes)} nodes, {len(vis_edges)} links; node size by {selection.measure}",
        "note": f"Showing {len(nodes)} of {selection.total} nodes. Left out: {selection.note}." if selection.note
        else "",
    }


def _options(vis, nodes: int, edges: int) -> dict:
    """pyvis's options plus ours: physics that settles and then stops (the page turns it off)."""
    vis.force_atlas_2based(gravity=-60, central_gravity=0.015, spring_length=100, spring_strength=0.08, damping=0.4,
                           overlap=0.3)
    vis.set_edge_smooth("continuous")
    vis.toggle_stabilization(True)
    options = json.loads(vis.options.to_json())
    iterations = 300 if nodes <= LARGE else 150 if nodes <= 2000 else 80  # each costs ~ nodes x log(nodes)
    options["physics"]["stabilization"].update(iterations=iterations, updateInterval=25)
    options["physics"]["minVelocity"] = 1.0
    if edges > 2000:
        options["edges"]["smooth"] = {"enabled": False}
    options["interaction"].update(hover=True, tooltipDelay=150, hideEdgesOnDrag=edges > 2000)
    options["layout"] = {"randomSeed": 7, "improvedLayout": False}  # Kamada-Kawai start: slow, fails on islands
    font = {"size": 13, "face": "system-ui, sans-serif", "strokeWidth": 3, "strokeColor": "#ffffff"}
    options["nodes"] = {"borderWidth": 1, "font": font,
                        "scaling": {"min": 8, "max": 36, "label": {"enabled": True, "min": 12, "max": 40,
                                                                    "drawThreshold": 8, "maxVisible": 40}}}
    options["edges"].update(arrows={"to": {"enabled": True, "scaleFactor": 0.5}}, width=1.2,
                            font={"size": 9, "align": "middle", "color": "#444444", "strokeWidth": 2})
    return options


def _node_label(attrs: dict) -> str:
    lines = [_short(attrs["label"], LABEL_WIDTH)]
    extra = []
    if "amounts" in attrs:
        amounts = attrs["amounts"].split(" | ")
        extra.append(_compact_amount(amounts[0]) + (f" (+{len(amounts) - 1})" if len(amounts) > 1 else ""))
    if "positions" in attrs:
        positions = attrs["positions"].split(" | ")
        extra.append(_short(positions[0], LABEL_WIDTH) + (f" (+{len(positions) - 1})" if len(positions) > 1 else ""))
    if extra:
        lines.append(" · ".join(extra))
    return "\n".join(lines)


def _node_details(graph: Graph, net: nx.MultiDiGraph, n: str, selection: Selection, sources: Sources) -> dict:
    attrs = net.nodes[n]
    node = URIRef(n)
    label = attrs["label"]
    other = sorted({x for x in _labels(graph, node) if x != label})
    rows = [["Type", attrs["type"]], ["IRI", n]]
    if other:
        rows.append(["Also", " | ".join(other)])
    if "positions" in attrs:
        rows.append(["Positions", attrs["positions"]])
    if "amounts" in attrs:
        rows.append(["Amounts", " | ".join(_full_amount(a) for a in attrs["amounts"].split(" | "))])
    years = sorted(str(y) for y in graph.objects(node, SC.year))
    if years:
        rows.append(["Years", ", ".join(years)])
    rows.append(["Links", str(net.degree(n))])
    rows.append([selection.measure.capitalize(), f"{selection.centrality[n]:.4f}"])
    documents = sorted(sources.document_name(d) for d in graph.objects(node, SC.mentionedIn))
    if documents:
        listed = ", ".join(documents[:DOCUMENTS])
        rows.append(["Mentioned in", listed + (f" (+{len(documents) - DOCUMENTS} more)" if len(documents) > DOCUMENTS
                                               else "")])
    sentences, more = sources.of_node(n, NODE_SENTENCES)
    return {"title": label, "kind": attrs["type"], "rows": rows, "sentences": [list(x) for x in sentences],
            "more": more}


Source = tuple[str, str, str]  # article name, sentence, confidence


class Sources:
    """Source sentences of relations (``sc:Evidence`` nodes), read from the RDF when asked for and remembered.

    A hub of a large graph has thousands of them: a node's details read at most
    ``NODE_SOURCES_READ`` (by IRI order) and count the rest.
    """

    def __init__(self, graph: Graph):
        self.graph = graph
        self._relations = {prop: name for name, prop in RELATIONS.items()}
        self._by_role: dict[tuple[URIRef, str], frozenset] = {}
        self._read: dict[object, tuple[str, Source] | None] = {}
        self._documents: dict[object, str] = {}

    def of_link(self, s: str, relation: str, o: str) -> list[Source]:
        found = (self._source(e) for e in self._about(RDF.subject, s) & self._about(RDF.object, o))
        return sorted({x[1] for x in found if x is not None and x[0] == relation})

    def of_node(self, n: str, limit: int) -> tuple[list[Source], int]:
        """The first ``limit`` sources of the node's relations, and how many more there are."""
        about = sorted(self._about(RDF.subject, n) | self._about(RDF.object, n))
        found = sorted({x[1] for e in about[:NODE_SOURCES_READ] if (x := self._source(e)) is not None})
        return found[:limit], max(0, len(found) - limit) + max(0, len(about) - NODE_SOURCES_READ)

    def document_name(self, document) -> str:
        if document not in self._documents:
            name = self.graph.value(document, DCTERMS.identifier)
            self._documents[document] = str(name) if name is not None else str(document)
        return self._documents[document]

    def _about(self, role: URIRef, node: str) -> frozenset:
        if (role, node) not in self._by_role:
            self._by_role[role, node] = frozenset(self.graph.subjects(role, URIRef(node)))
        return self._by_role[role, node]

    def _source(self, evidence) -> tuple[str, Source] | None:
        if evidence not in self._read:
            values = dict(self.graph.predicate_objects(evidence))
            relation, sentence = self._relations.get(values.get(RDF.predicate)), values.get(SC.sentence)
            document, confidence = values.get(PROV.wasDerivedFrom), values.get(SC.confidence)
            self._read[evidence] = None if relation is None or sentence is None else (relation, (
                self.document_name(document) if document is not None else "", str(sentence),
                "" if confidence is None else str(confidence)))
        return self._read[evidence]


def _short(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


_SCALES = ((1e12, "trn"), (1e9, "bn"), (1e6, "m"), (1e3, "k"))


def _parse_amount(amount: str) -> tuple[float, str] | None:
    """``"2400000000000 VND"`` -> ``(2.4e12, "VND")``; None when the value is no number."""
    value, _sep, currency = amount.partition(" ")
    try:
        return float(value), currency
    except ValueError:
        return None


def _compact_amount(amount: str) -> str:
    """``"2400000000000 VND"`` -> ``"2.4 trn VND"``."""
    parsed = _parse_amount(amount)
    if parsed is None:
        return amount
    number, currency = parsed
    for scale, word in _SCALES:
        if abs(number) >= scale:
            return f"{number / scale:.3g} {word} {currency}".strip()
    return f"{number:g} {currency}".strip()


def _full_amount(amount: str) -> str:
    parsed = _parse_amount(amount)
    if parsed is None:
        return amount
    number, currency = parsed
    text = f"{number:,.0f}" if number == int(number) else f"{number:,}"
    return f"{text} {currency}".strip()


# -- the page -------------------------------------------------------------------------------------------------

_UNSAFE_IN_SCRIPT = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026", 0x2028: "\\u2028",
                     0x2029: "\\u2029"}
_PLACEHOLDER = re.compile(r"\{\{ (\w+) \}\}")
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)


def script_json(data: object) -> str:
    """JSON that can sit inside ``<script type="application/json">``: no ``<``, ``>``, ``&``, U+2028, U+2029."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False).translate(_UNSAFE_IN_SCRIPT)


def render(data: dict) -> bytes:
    """The page as UTF-8 bytes: template, vis-network inline, data as JSON, a CSP with the scripts' hashes."""
    template = resources.files("kg").joinpath("templates", "network.html").read_text(encoding="utf-8")
    vis_js, vis_css = vis_library()
    values = {"vis_js": vis_js, "vis_css": vis_css, "data": script_json(data)}
    scripts = [_fill(body, values) for body in _INLINE_SCRIPT.findall(template)]
    hashes = " ".join(f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'" for s in scripts)
    values["csp"] = (f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; img-src data:; "
                     "base-uri 'none'; form-action 'none'")
    # A lone surrogate can only come from the data, inside a JSON string, where "\udc80" is a valid escape.
    return _fill(template, values).encode("utf-8", "backslashreplace")


def _fill(text: str, values: dict[str, str]) -> str:
    """Replace every ``{{ name }}`` in one pass, so nothing inserted is read as a placeholder again."""
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], text)


@cache
def vis_library() -> tuple[str, str]:
    """vis-network's script and stylesheet from the installed pyvis package."""
    lib = resources.files("pyvis").joinpath("templates", "lib")
    for folder in ("vis-9.1.2", "vis-9.0.4"):
        js, css = lib.joinpath(folder, "vis-network.min.js"), lib.joinpath(folder, "vis-network.css")
        if js.is_file() and css.is_file():
            script, style = js.read_text(encoding="utf-8"), css.read_text(encoding="utf-8")
            if "</script" in script.lower() or "<!--" in script or "</style" in style.lower():
                raise OutputError(f"pyvis's {folder} cannot be inlined (it contains a closing tag)")
            return script, style
    raise OutputError("vis-network not found in the installed pyvis package (templates/lib/vis-9.1.2)")


__all__ = ["VizResult", "Selection", "write_html", "select", "page_data", "render", "script_json"]
