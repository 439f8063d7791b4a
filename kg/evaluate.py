"""Score a built graph against gold annotations (the rules of the annotation guideline).

Gold: ``NAME.gold.json`` beside ``NAME.txt``.  Scoring is over the whole
corpus built into one graph:

* gold entities of one type that share a normalised name or mention are one
  entity across documents (projects: the same normalised name);
* a built node matches a gold entity of its type when one of its labels,
  normalised, equals the gold name or a mention; a project also matches at a
  word overlap of 60% or more with the gold name;
* each gold entity is matched once; a second node matching it is a
  duplicate and counts as a false positive (its relations still count);
* a relation is correct when both ends match and the gold has it.

Normalisation: NFC, lower case, one tone-mark convention, punctuation as
space, and a leading "tỉnh", "thành phố", "TP.", "dự án", "đề án" or
"chương trình" dropped.
"""

from __future__ import annotations

import fnmatch
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS

from .errors import InputError
from .namespaces import SC, SCHEMA

TYPES = ("Province", "Donor", "Project", "Official")
RELATIONS = {"funds": ("Donor", "Project"), "locatedIn": ("Project", "Province"),
             "officialOf": ("Official", "Province"), "partnerOf": ("Donor", "Province")}
LABELS = (RDFS.label, SKOS.prefLabel, SKOS.altLabel, SCHEMA.name, SCHEMA.alternateName)
_LEADING = ("thành phố ", "tỉnh ", "tp. ", "tp.", "tp ", "dự án ", "đề án ", "chương trình ")
_PUNCT = re.compile(r"[\"“”'‘’()\[\],;:!?«»–—-]")
_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"
_SECOND_VOWEL_TONE = (
    re.compile(r"(?<![qQ])([oO])([aAeE])([" + _TONE_MARKS + "])"),
    re.compile(r"(?<![qQ])([uU])([yY])([" + _TONE_MARKS + "])"),
)


def normalise(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", unicodedata.normalize("NFC", str(text)))
    for pattern in _SECOND_VOWEL_TONE:
        decomposed = pattern.sub(r"\1\3\2", decomposed)
    s = unicodedata.normalize("NFC", decomposed).lower().strip()
    s = " ".join(_PUNCT.sub(" ", s).split())
    stripped = True
    while stripped:
        stripped = False
        for lead in _LEADING:
            rest = s[len(lead):].strip()
            if s.startswith(lead) and len(rest) > 2 and not rest.isdigit():
                s, stripped = rest, True
    return " ".join(s.replace(".", " ").split())


def overlap(a: str, b: str) -> float:
    wa, wb = set(normalise(a).split()), set(normalise(b).split())
    return len(wa & wb) / max(len(wa), len(wb)) if wa and wb else 0.0


@dataclass
class GoldEntity:
    type: str
    name: str
    names: set[str] = field(default_factory=set)
    aliases: set[str] = field(default_factory=set)
    positions: set[str] = field(default_factory=set)
    amounts: list[dict] = field(default_factory=list)
    documents: set[str] = field(default_factory=set)
    mentions: set[str] = field(default_factory=set)


@dataclass
class Gold:
    entities: dict[int, GoldEntity]
    relations: set[tuple[int, str, int]]
    texts: dict[str, str]


def load_gold(folder: str | Path, select: str = "*") -> Gold:
    """Read and merge the gold files of ``folder`` whose document names match ``select``."""
    records, relations, texts = [], [], {}
    files = sorted(Path(folder).glob("*.gold.json"))
    if not files:
        raise InputError(str(folder), "no *.gold.json files")
    for path in files:
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise InputError(str(path), f"not a valid gold file ({exc})") from None
        if not fnmatch.fnmatch(doc["doc"], select):
            continue
        txt = path.with_name(doc["doc"] + ".txt")
        texts[doc["doc"]] = unicodedata.normalize("NFC", txt.read_text(encoding="utf-8")) if txt.exists() else ""
        local = {}
        for e in doc["entities"]:
            local[e["id"]] = len(records)
            records.append((doc["doc"], e))
        relations += [(local[r["from"]], r["type"], local[r["to"]]) for r in doc["relations"]]
    parent = list(range(len(records)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first_with: dict[tuple[str, str], int] = {}
    for i, (_doc, e) in enumerate(records):
        names = [e["name"]] if e["type"] == "Project" else [e["name"], *e.get("mentions", [])]
        for n in names:
            k = (e["type"], normalise(n))
            if not k[1]:
                continue
            if k in first_with:
                parent[find(i)] = find(first_with[k])
            else:
                first_with[k] = i
    entities: dict[int, GoldEntity] = {}
    for i, (doc, e) in enumerate(records):
        root = find(i)
        g = entities.setdefault(root, GoldEntity(records[root][1]["type"], records[root][1]["name"]))
        g.names.add(e["name"])
        g.aliases |= {normalise(x) for x in [e["name"], *e.get("mentions", [])]} - {""}
        g.mentions |= set(e.get("mentions", [])) | {e["name"]}
        g.documents.add(doc)
        if e.get("position"):
            g.positions.add(normalise(e["position"]))
        if e.get("amount"):
            g.amounts.append(e["amount"])
    return Gold(entities, {(find(a), t, find(b)) for a, t, b in relations}, texts)


@dataclass
class Node:
    iri: URIRef
    types: set[str]
    labels: set[str]
    positions: set[str]
    amounts: list[tuple[float, str]]


def read_nodes(graph: Graph) -> tuple[dict[URIRef, Node], set[tuple[URIRef, str, URIRef]]]:
    nodes: dict[URIRef, Node] = {}
    for t in TYPES:
        for n in set(graph.subjects(RDF.type, SC[t])):
            node = nodes.setdefault(n, Node(n, set(), set(), set(), []))
            node.types.add(t)
            node.labels |= {str(o) for p in LABELS for o in graph.objects(n, p)}
    for node in nodes.values():
        node.positions = {normalise(o) for o in graph.objects(node.iri, SC.position)}
        for a in graph.objects(node.iri, SC.amount):
            value, currency = graph.value(a, SCHEMA.value), graph.value(a, SCHEMA.currency)
            try:
                node.amounts.append((float(value), str(currency or "")))
            except (TypeError, ValueError):
                continue
    edges = {(s, name, o) for name in RELATIONS for s, o in graph.subject_objects(SC[name])}
    return nodes, edges


def match(gold: Gold, nodes: dict[URIRef, Node]) -> tuple[dict[URIRef, int], set[URIRef]]:
    """Greedy one-to-one assignment, best score first; leftovers that match a taken entity are duplicates."""
    candidates = []
    for iri, node in nodes.items():
        normalised = {normalise(label) for label in node.labels} - {""}
        for gid, g in gold.entities.items():
            if g.type not in node.types:
                continue
            score = 1.0 if normalised & g.aliases else 0.0
            if not score and g.type == "Project":
                best = max((overlap(label, name) for label in node.labels for name in g.names), default=0.0)
                score = best if best >= 0.6 else 0.0
            if score:
                candidates.append((score, str(iri), iri, gid))
    candidates.sort(key=lambda c: (-c[0], c[1]))
    assigned: dict[URIRef, int] = {}
    taken: set[int] = set()
    for _score, _k, iri, gid in candidates:
        if iri not in assigned and gid not in taken:
            assigned[iri] = gid
            taken.add(gid)
    duplicates: set[URIRef] = set()
    for _score, _k, iri, gid in candidates:
        if iri not in assigned and gid in taken:
            duplicates.add(iri)
            assigned[iri] = gid
    return assigned, duplicates


def prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "p": round(p, 3), "r": round(r, 3), "f1": round(f, 3)}


def score(gold: Gold, graph: Graph) -> dict:
    nodes, edges = read_nodes(graph)
    assigned, duplicates = match(gold, nodes)
    _evidence = _Evidence(graph)
    report: dict = {"triples": len(graph), "entities": {}, "relations": {}, "duplicates": len(duplicates)}
    totals = [0, 0, 0]
    errors: dict[str, list] = {"missed_entities": [], "false_entities": [], "missed_relations": [],
                               "false_relations": []}
    for t in TYPES:
        gold_ids = {gid for gid, g in gold.entities.items() if g.type == t}
        built = [iri for iri, n in nodes.items() if t in n.types]
        hits = {assigned[i] for i in built if i in assigned and i not in duplicates and gold.entities[assigned[i]].type == t}
        tp, fp, fn = len(hits), len(built) - len(hits), len(gold_ids) - len(hits)
        report["entities"][t] = prf(tp, fp, fn)
        totals = [a + b for a, b in zip(totals, (tp, fp, fn))]
        for gid in sorted(gold_ids - hits, key=lambda g: gold.entities[g].name):
            errors["missed_entities"].append({"type": t, "name": gold.entities[gid].name,
                                              **_where(gold, gold.entities[gid])})
        for iri in sorted(built, key=str):
            if iri not in assigned or iri in duplicates:
                errors["false_entities"].append({"type": t, "label": _label(graph, iri), "iri": str(iri),
                                                 "duplicate": iri in duplicates, **_evidence(iri)})
    report["entities"]["micro"] = prf(*totals)
    mapped = {(assigned[s], r, assigned[o]): (s, o) for s, r, o in edges if s in assigned and o in assigned}
    unmapped = [(s, r, o) for s, r, o in edges if not (s in assigned and o in assigned)]
    totals = [0, 0, 0]
    for r in RELATIONS:
        gold_r = {x for x in gold.relations if x[1] == r}
        built_r = {x for x in mapped if x[1] == r}
        loose = [x for x in unmapped if x[1] == r]
        tp, fp, fn = len(gold_r & built_r), len(built_r - gold_r) + len(loose), len(gold_r - built_r)
        report["relations"][r] = prf(tp, fp, fn)
        totals = [a + b for a, b in zip(totals, (tp, fp, fn))]
        for a, _r, b in sorted(gold_r - built_r, key=lambda x: (gold.entities[x[0]].name, gold.entities[x[2]].name)):
            errors["missed_relations"].append({"relation": r, "from": gold.entities[a].name,
                                               "to": gold.entities[b].name, **_where(gold, gold.entities[a])})
        wrong = [mapped[x] for x in built_r - gold_r] + [(s, o) for s, _r, o in loose]
        for s, o in sorted(wrong, key=lambda x: (str(x[0]), str(x[1]))):
            errors["false_relations"].append({"relation": r, "from": _label(graph, s), "to": _label(graph, o),
                                              **_evidence(s, SC[r], o)})
    report["relations"]["micro"] = prf(*totals)
    report["attributes"] = _attributes(gold, nodes, assigned, duplicates)
    report["errors"] = errors
    return report


def _attributes(gold: Gold, nodes, assigned, duplicates) -> dict:
    pos_ok = pos_n = amt_ok = amt_n = 0
    for iri, gid in assigned.items():
        if iri in duplicates:
            continue
        g, node = gold.entities[gid], nodes[iri]
        if g.positions:
            pos_n += 1
            pos_ok += any(p == q or (p and q and (p in q or q in p)) for p in node.positions for q in g.positions)
        if g.amounts:
            amt_n += 1
            amt_ok += any(abs(v - a["value"]) <= 0.005 * a["value"] and c.upper().endswith(a["currency"])
                          for v, c in node.amounts for a in g.amounts)
    return {"position": {"correct": pos_ok, "total": pos_n}, "amount": {"correct": amt_ok, "total": amt_n}}


def _label(graph: Graph, iri: URIRef) -> str:
    value = graph.value(iri, SKOS.prefLabel)
    return str(value) if value is not None else str(iri)


class _Evidence:
    """First evidence sentence (and document) per relation and per node of a graph."""

    def __init__(self, graph: Graph):
        self.graph = graph
        self.by_relation: dict[tuple, dict] = {}
        self.by_node: dict[URIRef, dict] = {}
        for ev in sorted(graph.subjects(RDF.type, SC.Evidence)):
            s, p, o = graph.value(ev, RDF.subject), graph.value(ev, RDF.predicate), graph.value(ev, RDF.object)
            doc = graph.value(ev, PROV.wasDerivedFrom)
            name = graph.value(doc, DCTERMS.identifier) if doc is not None else None
            info = {"document": str(name or ""), "sentence": str(graph.value(ev, SC.sentence) or "")}
            self.by_relation.setdefault((s, p, o), info)
            self.by_node.setdefault(s, info)
            self.by_node.setdefault(o, info)

    def __call__(self, subject: URIRef, predicate: URIRef | None = None, obj: URIRef | None = None) -> dict:
        found = self.by_node.get(subject) if predicate is None else self.by_relation.get((subject, predicate, obj))
        if found:
            return found
        docs = sorted(str(self.graph.value(d, DCTERMS.identifier) or d)
                      for d in self.graph.objects(subject, SC.mentionedIn))
        return {"document": docs[0] if docs else "", "sentence": ""}


_SENTENCE = re.compile(r"[^.!?\n]*(?:[.!?]+|\n|$)")


def _where(gold: Gold, g: GoldEntity) -> dict:
    """A document and sentence where a gold entity is mentioned."""
    for doc in sorted(g.documents):
        text = gold.texts.get(doc, "")
        for mention in sorted(g.mentions, key=len, reverse=True):
            at = text.find(unicodedata.normalize("NFC", mention))
            if at >= 0:
                start = max(text.rfind(".", 0, at), text.rfind("\n", 0, at)) + 1
                end_candidates = [i for i in (text.find(".", at + len(mention)), text.find("\n", at)) if i >= 0]
                end = min(end_candidates) + 1 if end_candidates else len(text)
                return {"document": doc, "sentence": text[start:end].strip()}
    return {"document": ", ".join(sorted(g.documents)), "sentence": ""}


def format_text(report: dict, errors: bool = True, limit: int = 40) -> str:
    lines = []
    for kind in ("entities", "relations"):
        for name, v in report[kind].items():
            lines.append(f"{kind[:3]} {name:11s} P={v['p']:.3f} R={v['r']:.3f} F1={v['f1']:.3f}"
                         f"  (tp={v['tp']} fp={v['fp']} fn={v['fn']})")
    a = report["attributes"]
    lines.append(f"attributes position {a['position']['correct']}/{a['position']['total']}"
                 f"  amount {a['amount']['correct']}/{a['amount']['total']}"
                 f"  duplicates {report['duplicates']}  triples {report['triples']}")
    lines.append(f"ENTITY_F1={report['entities']['micro']['f1']:.3f} "
                 f"RELATION_F1={report['relations']['micro']['f1']:.3f}")
    if errors:
        titles = {"missed_entities": "Missed entities", "false_entities": "False entities",
                  "missed_relations": "Missed relations", "false_relations": "False relations"}
        for key, title in titles.items():
            items = report["errors"][key]
            if not items:
                continue
            lines.append(f"\n{title} ({len(items)}):")
            for item in items[:limit]:
                head = (f"{item['type']} {item.get('name') or item.get('label')}" if "type" in item
                        else f"{item['relation']} {item['from']} -> {item['to']}")
                if item.get("duplicate"):
                    head += " (duplicate)"
                lines.append(f"  - {head}  [{item.get('document', '')}]")
                if item.get("sentence"):
                    lines.append(f"      «{item['sentence'][:220]}»")
            if len(items) > limit:
                lines.append(f"  … {len(items) - limit} more (use --format json for all)")
    return "\n".join(lines) + "\n"
