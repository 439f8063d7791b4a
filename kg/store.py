"""An on-disk, incremental graph store: pyoxigraph over RocksDB.

A store is a folder::

    DIR/kg-store.json   marks the folder as a kg store (format version)
    DIR/oxigraph/       the RocksDB database
    DIR/kg.lock         advisory lock: one writer, or any number of readers

Inside the database:

* the **default graph** is what a query sees: the entities' descriptions, the
  documents, and the union of every article's facts, so a plain SPARQL query
  answers as it would over ``kg build -o graph.ttl``;
* one **named graph per article** (:func:`kg.ids.document_graph_iri` of its
  name) with what that article states, the same graphs as
  ``kg build -o graph.trig``;
* one **bookkeeping graph** (:data:`MANIFEST`): each article's content hash and
  what it contributed to each entity (surface forms and their counts,
  positions, amounts, years), so that an entity's description is recomputed,
  as a full build would make it, when an article that mentions it is added,
  edited or removed.

An article is known by its name (the file stem) and keyed by the SHA-256 of
its normalised text: re-adding the same text changes nothing; new text
replaces the article.  A build killed at any moment leaves every article
either wholly in the store or wholly out of it:

* new articles go in a batch at a time, in two transactions: first what only
  they state (their graphs, their copies in the union, their documents and
  shares), loaded as TriG with a *pending* mark per article; then the commit,
  one SPARQL Update that describes the entities they touch anew, writes their
  records and takes the marks away.  Opening the store undoes the first step
  of a batch whose commit never came (:meth:`Store._recover`);
* an edited or removed article is one SPARQL Update of its own.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import time
from collections import defaultdict
from functools import lru_cache
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, URIRef

from . import ids
from .errors import InputError, KGError, QueryError
from .graph import PROPERTY, article_quads, bind_prefixes, describe, document_triples
from .namespaces import PREFIXES, SC
from .records import DocExtraction, Entity, EntityType
from .resolve import Corpus, Resolver, combine, contributions, merge
from .storage import to_ox

FORMAT_VERSION = 2  # 2: running totals per entity in the bookkeeping graph
MARKER = "kg-store.json"
DATABASE = "oxigraph"
LOCK = "kg.lock"
ST = "https://w3id.org/smartcity-kg/store#"
MANIFEST = ox.NamedNode(ST + "manifest")
_NAME, _HASH, _SETTINGS, _GRAPH = (ox.NamedNode(ST + p) for p in ("name", "contentHash", "minConfidence", "graph"))
_DOCUMENT, _ENTITY, _STATE, _REFERS, _TOTAL = (ox.NamedNode(ST + p) for p in ("document", "entity", "state", "refers", "total"))
_PENDING = ox.NamedNode(ST + "pending")  # document -> its graph, loaded but not committed yet
_AMOUNT = ox.NamedNode(str(SC.amount))
# what an article graph states about an entity (the rest is the entity's description)
_RELATIONS = ", ".join(f"<{p}>" for p in (*PROPERTY.values(), SC.mentionedIn))
# New articles per commit, or what came in during BATCH_SECONDS: a killed build loses at most
# these.  Fewer, larger batches cost RocksDB less (12,000 articles: 200 -> 500 saves 21% of the
# CPU for +200 MB of memory; 1,000 saves 26% for +540 MB).
BATCH = 500
BATCH_SECONDS = 10.0
_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


class StoreError(KGError):
    """A store folder cannot be opened or used."""


class StoreLocked(StoreError):
    """Another process holds the store."""


@dataclass(frozen=True, slots=True)
class ArticleRecord:
    name: str
    content_hash: str
    min_confidence: float
    graph: str


@dataclass(frozen=True, slots=True)
class AddReport:
    added: tuple[str, ...]
    replaced: tuple[str, ...]
    unchanged: tuple[str, ...]
    skipped: tuple[str, ...]


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


# -- rdflib <-> pyoxigraph terms ----------------------------------------------

def text_of(term) -> str:
    """A result value as text, as rdflib's ``str()`` gives it ('' when unbound)."""
    return "" if term is None else getattr(term, "value", str(term))


# -- what one article contributes to each entity ------------------------------
# An article's share of the resolver's per-entity state is stored with the
# article, and an entity's description is rebuilt from the shares of the
# articles that touch it, by the resolver itself (kg.resolve.contributions and
# kg.resolve.merge), so a store always describes an entity as a full build of
# its articles would.

def _eid(state: dict) -> tuple[EntityType, str]:
    return EntityType(state["type"]), state["key"]


def _iri(eid: tuple[EntityType, str]) -> ox.NamedNode:
    return ox.NamedNode(str(ids.entity_iri(*eid)))


# -- locking -------------------------------------------------------------------

class _Lock:
    """``flock`` on DIR/kg.lock: shared for readers, exclusive for the writer."""

    def __init__(self, path: Path, shared: bool):
        self._fh = open(path, "a+b")
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not POSIX: RocksDB's own lock still guards writers
            return
        try:
            fcntl.flock(self._fh, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
        except BlockingIOError:
            self._fh.close()
            doing = "being written by" if shared else "in use by"
            raise StoreLocked(f"store {path.parent} is locked: it is {doing} another kg process "
                              f"(a build, remove, serve or query); try again when it has finished") from None

    def release(self) -> None:
        self._fh.close()


# -- the store -------------------------------------------------------------------

class Store:
    """A kg store folder, opened for writing (the default) or reading.

    >>> with Store("out/store") as store:          # doctest: +SKIP
    ...     store.add(["data/corpus"])
    ...     store.rows("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    """

    def __init__(self, path: str | os.PathLike[str], *, read_only: bool = False):
        self.path = Path(path)
        self.read_only = read_only
        marker = self.path / MARKER
        if not marker.exists():
            if read_only:
                raise StoreError(f"no kg store at {self.path}; build one with: kg build ARTICLES --store {self.path}")
            if self.path.exists() and any(self.path.iterdir()):
                raise StoreError(f"{self.path} is not a kg store (no {MARKER}); give a new or empty folder")
            try:
                self.path.mkdir(parents=True, exist_ok=True)
                marker.write_text(json.dumps({"format": "smartcity-kg store", "version": FORMAT_VERSION}) + "\n")
            except OSError as exc:
                raise StoreError(f"cannot create a store at {self.path}: {exc.strerror or exc}") from None
        else:
            version = json.loads(marker.read_text()).get("version")
            if version != FORMAT_VERSION:
                raise StoreError(f"store {self.path} has format version {version}; this kg reads {FORMAT_VERSION}")
        self._open()
        if not read_only:
            self._recover()
        elif self._interrupted():  # a writer died between a batch's two steps: a writer's open undoes the first
            self.close()
            Store(self.path).close()
            self._open()

    def _open(self) -> None:
        self._lock = _Lock(self.path / LOCK, shared=self.read_only)
        try:
            database = str(self.path / DATABASE)
            self._db = ox.Store.read_only(database) if self.read_only else ox.Store(database)
        except OSError as exc:
            self._lock.release()
            if "lock" in str(exc).lower():
                raise StoreLocked(f"store {self.path} is locked by another process ({exc})") from None
            raise StoreError(f"cannot open store {self.path}: {exc}") from None

    # -- lifetime
    def close(self) -> None:
        if getattr(self, "_db", None) is None:
            return
        if not self.read_only:
            self._db.flush()
        self._db = None
        self._lock.release()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def database(self) -> Path:
        return self.path / DATABASE

    # -- what is in it
    def articles(self) -> dict[str, ArticleRecord]:
        rows = self._db.query(
            f"SELECT ?n ?h ?c ?g WHERE {{ GRAPH {MANIFEST} {{ ?d {_NAME} ?n ; {_HASH} ?h ; {_SETTINGS} ?c ; {_GRAPH} ?g }} }}")
        return {r["n"].value: ArticleRecord(r["n"].value, r["h"].value, float(r["c"].value), r["g"].value)
                for r in rows}

    def article(self, name: str) -> ArticleRecord | None:
        doc = ox.NamedNode(str(ids.document_iri(name)))
        rows = list(self._db.query(
            f"SELECT ?h ?c ?g WHERE {{ GRAPH {MANIFEST} {{ {doc} {_HASH} ?h ; {_SETTINGS} ?c ; {_GRAPH} ?g }} }}"))
        if not rows:
            return None
        return ArticleRecord(name, rows[0]["h"].value, float(rows[0]["c"].value), rows[0]["g"].value)

    def __len__(self) -> int:
        """Triples in the default graph: what a query sees."""
        result = self._db.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        return int(next(iter(result))["n"].value)

    # -- writing
    def add(
        self,
        inputs: Iterable[str | os.PathLike[str]],
        *,
        jobs: int = 0,
        skip_bad: bool = False,
        min_confidence: float = 0.0,
        on_warning: Callable[[str], None] | None = None,
        progress: Callable | None = None,
        encoding: str | None = None,
        batch: int | None = None,
    ) -> AddReport:
        """Add the articles under ``inputs``; unchanged ones are not read twice, edited ones replace theirs.

        New articles are committed ``batch`` (:data:`BATCH`) at a time, or
        every :data:`BATCH_SECONDS`, whichever comes first.
        """
        from .build import document_names, extract_items, screen
        from .reading import discover, read_document

        self._writable()
        paths = discover(inputs)
        if not paths:
            raise KGError(f"no .txt articles found in {', '.join(map(str, inputs))}")
        known = self.articles()
        todo, unchanged, skipped = [], [], []
        for path, name in zip(paths, document_names(paths)):
            if name not in known:  # new: read once, by the worker that extracts it
                todo.append((str(path), name, encoding))
                continue
            try:
                text = read_document(path, name, encoding).text
            except InputError as exc:
                if not skip_bad:
                    raise
                skipped.append(name)
                if on_warning:
                    on_warning(f"skipped {exc}")
                continue
            if not text.strip():
                skipped.append(name)
                if on_warning:
                    on_warning(f"skipped empty file: {path}")
                continue
            record = known.get(name)
            if record and record.content_hash == content_hash(text) and record.min_confidence == min_confidence:
                unchanged.append(name)
            else:
                todo.append((str(path), name, encoding))
        added, replaced = [], []
        stream = extract_items(todo, jobs, chunksize=2)
        if progress is not None:
            stream = progress(stream, total=len(todo))
        outcomes = {"added": added, "replaced": replaced, "unchanged": unchanged}
        pending: list[DocExtraction] = []
        started = time.monotonic()

        def commit() -> None:
            nonlocal started
            for extraction, outcome in zip(pending, self.put_many(pending, min_confidence=min_confidence)):
                outcomes[outcome].append(extraction.document.name)
            if pending:  # RocksDB's write buffers to disk: they would otherwise grow to gigabytes
                self._db.flush()
            pending.clear()
            started = time.monotonic()

        for item in screen(stream, skip_bad, on_warning, skipped.append):
            pending.append(item)
            if len(pending) >= (batch or BATCH) or time.monotonic() - started > BATCH_SECONDS:
                commit()
        commit()
        return AddReport(tuple(added), tuple(replaced), tuple(unchanged), tuple(skipped))

    def put(self, extraction: DocExtraction, *, min_confidence: float = 0.0) -> str:
        """Put one article in, in one transaction: 'added', 'replaced' or 'unchanged'."""
        return self.put_many([extraction], min_confidence=min_confidence)[0]

    def put_many(self, extractions: Iterable[DocExtraction], *, min_confidence: float = 0.0) -> list[str]:
        """Put articles in: 'added', 'replaced' or 'unchanged' for each.

        New articles go in together, in one transaction (the entities they
        touch are described once for all of them); an edited article replaces
        its own in a transaction of its own.  Either way an article is wholly
        in the store or wholly out of it.
        """
        self._writable()
        outcomes: list[str] = []
        batch: dict[str, tuple[DocExtraction, str]] = {}
        for extraction in extractions:
            name = extraction.document.name
            digest = content_hash(extraction.document.text)
            if name in batch:  # the same name twice: the first goes in before the second is compared
                self._insert(list(batch.values()), min_confidence)
                batch.clear()
            record = self.article(name)
            if record and record.content_hash == digest and record.min_confidence == min_confidence:
                outcomes.append("unchanged")
            elif record:
                self._insert(list(batch.values()), min_confidence)
                batch.clear()
                self._replace(extraction, digest, min_confidence)
                outcomes.append("replaced")
            else:
                batch[name] = (extraction, digest)
                outcomes.append("added")
        self._insert(list(batch.values()), min_confidence)
        return outcomes

    def remove(self, name: str) -> None:
        """Take an article out, with everything only it stated; entities it touched are described anew."""
        self._writable()
        if self.article(name) is None:
            raise StoreError(f"no article named '{name}' in store {self.path}")
        self._apply(name, None, {}, None)

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(f"store {self.path} is open read-only")

    def _replace(self, extraction: DocExtraction, digest: str, min_confidence: float) -> None:
        resolver = Resolver(min_confidence)
        resolver.add(extraction)
        corpus = resolver.corpus()
        self._apply(extraction.document.name, (digest, min_confidence), contributions(resolver, corpus), corpus)

    def _insert(self, batch: list[tuple[DocExtraction, str]], min_confidence: float) -> None:
        """New articles in: what only they state, loaded with a pending mark each; then, in
        one transaction, the entities they touch described anew from each entity's running
        total, their records, and the marks taken away."""
        if not batch:
            return
        default: list[str] = []
        named: dict[str, list[str]] = defaultdict(list)
        manifest: list[str] = []
        records: list[str] = []
        pending: list[str] = []
        shares: dict[tuple[EntityType, str], list[dict]] = defaultdict(list)
        for extraction, digest in batch:
            name = extraction.document.name
            resolver = Resolver(min_confidence)
            resolver.add(extraction)
            corpus = resolver.corpus()
            share = contributions(resolver, corpus)
            self._article_lines(name, (digest, min_confidence), share, corpus, default, named, manifest, records)
            pending.append(f"{ox.NamedNode(str(ids.document_iri(name)))} {_PENDING} "
                           f"{ox.NamedNode(str(ids.document_graph_iri(name)))} .")
            for eid, state in share.items():
                shares[eid].append(state)
        before = self._totals({_iri(eid) for eid in shares})
        totals = {eid: combine(([before[eid]] if eid in before else []) + states) for eid, states in shares.items()}
        ops, described, facts = self._entity_changes(totals, before, set(totals))
        # loading TriG costs RocksDB about two thirds of what the same quads cost in an update
        self._db.load(_data(default, named, manifest + pending, graph_keyword="").encode("utf-8"),
                      format=ox.RdfFormat.TRIG)
        commit = _data(described, {}, facts + records)
        self._db.update(" ;\n".join(ops + [f"INSERT DATA {{ {commit} }}",
                                           f"DELETE DATA {{ GRAPH {MANIFEST} {{ {' '.join(pending)} }} }}"]))

    def _recover(self) -> None:
        """Undo the first step of batches whose commit never came (the writer was killed):
        their articles' graphs, union copies, documents and shares go."""
        if not self._interrupted():
            return
        rows = self._db.query(f"SELECT ?d ?g WHERE {{ GRAPH {MANIFEST} {{ ?d {_PENDING} ?g "
                              f"FILTER NOT EXISTS {{ ?d {_GRAPH} ?g }} }} }}")
        ops = [op for row in rows for op in _drop(row["d"], row["g"])]
        self._db.update(" ;\n".join(ops + [f"DELETE WHERE {{ GRAPH {MANIFEST} {{ ?d {_PENDING} ?g }} }}"]))
        self._db.flush()

    def _interrupted(self) -> bool:
        return bool(self._db.query(f"ASK {{ GRAPH {MANIFEST} {{ ?d {_PENDING} ?g }} }}"))

    def _apply(self, name: str, record: tuple[str, float] | None, shares: dict, article: Corpus | None) -> None:
        """Replace (``record`` given) or remove (None) one article, in one transaction."""
        doc = ox.NamedNode(str(ids.document_iri(name)))
        graph = ox.NamedNode(str(ids.document_graph_iri(name)))
        old = {_eid(s) for s in self._states_of_document(doc)}
        touched = old | set(shares)
        others = self._states_of_entities({_iri(e) for e in touched}, exclude=doc)
        states = {eid: others.get(eid, []) + ([shares[eid]] if eid in shares else []) for eid in touched}
        totals = {eid: combine(s) for eid, s in states.items() if s}
        before = self._totals({_iri(e) for e in touched})
        changes, default, manifest = self._entity_changes(totals, before, touched)
        named: dict[str, list[str]] = defaultdict(list)
        if article is not None and record is not None:
            self._article_lines(name, record, shares, article, default, named, manifest, manifest)
        self._db.update(" ;\n".join(_drop(doc, graph) + changes
                                     + [f"INSERT DATA {{ {_data(default, named, manifest)} }}"]))

    def _article_lines(self, name: str, record: tuple[str, float], shares: dict, corpus: Corpus,
                       default: list[str], named: dict[str, list[str]], manifest: list[str],
                       records: list[str]) -> None:
        """N-Triples lines for one article: its named graph (copied into the union), its
        document's description, its shares in the bookkeeping graph (``manifest``) and
        its record there (``records``)."""
        doc = ox.NamedNode(str(ids.document_iri(name)))
        graph = ox.NamedNode(str(ids.document_graph_iri(name)))
        for s, p, o, _g in article_quads(corpus):
            line = _line(s, p, o)
            named[str(graph)].append(line)
            default.append(line)
        for info in corpus.documents:
            default.extend(_line(*t) for t in document_triples(info))
        digest, min_confidence = record
        records.append(f"{doc} {_NAME} {ox.Literal(name)} ; {_HASH} {ox.Literal(digest)} ; "
                       f"{_SETTINGS} {ox.Literal(repr(float(min_confidence)))} ; {_GRAPH} {graph} .")
        for eid, state in shares.items():
            node = ox.NamedNode(f"{ST}share/{ids.digest(doc.value + chr(31) + _iri(eid).value, 20)}")
            manifest.append(f"{node} {_DOCUMENT} {doc} ; {_ENTITY} {_iri(eid)} ; {_STATE} {_json(state)} .")

    def _entity_changes(self, totals: dict[tuple[EntityType, str], dict], before: dict[tuple[EntityType, str], dict],
                        touched: set[tuple[EntityType, str]]) -> tuple[list[str], list[str], list[str]]:
        """Update operations, default-graph lines and bookkeeping lines that describe the
        ``touched`` entities anew from their ``totals`` (none: no article left), and
        the entities whose facts refer to one that appears or goes."""
        merged = {eid: merge(eid, [totals[eid]]) if eid in totals else None for eid in touched}
        existed = {eid for eid in touched if eid in before and before[eid]["exists"]}
        changed = {_iri(eid) for eid in touched if (eid in existed) != (merged[eid] is not None)}
        if changed:  # an entity appears or goes: those whose facts refer to it are described anew
            referrers = self._referrers(changed) - {_iri(e) for e in touched}
            for eid, state in self._totals(referrers).items():
                merged[eid] = merge(eid, [state])
        ops = []
        if merged:
            values = "VALUES ?e { " + " ".join(str(_iri(eid)) for eid in merged) + " }"
            ops += [
                f"DELETE {{ ?a ?p ?o }} WHERE {{ {values} ?e {_AMOUNT} ?a . ?a ?p ?o }}",
                # an entity's description: what no article graph states (its relations are there)
                f"DELETE {{ ?e ?p ?o }} WHERE {{ {values} ?e ?p ?o FILTER (?p NOT IN ({_RELATIONS})) "
                f"FILTER NOT EXISTS {{ GRAPH ?g {{ ?e ?p ?o }} }} }}",
                f"DELETE {{ GRAPH {MANIFEST} {{ ?e {_REFERS} ?r }} }} WHERE {{ GRAPH {MANIFEST} {{ {values} ?e {_REFERS} ?r }} }}",
            ]
        if touched:
            values = "VALUES ?e { " + " ".join(str(_iri(eid)) for eid in touched) + " }"
            ops.append(f"DELETE {{ GRAPH {MANIFEST} {{ ?e {_TOTAL} ?t }} }} WHERE {{ GRAPH {MANIFEST} {{ {values} ?e {_TOTAL} ?t }} }}")
        manifest = [f"{_iri(eid)} {_TOTAL} {_json(state)} ." for eid, state in totals.items()]
        for eid, entity in merged.items():
            if entity is not None:
                manifest += [f"{_iri(eid)} {_REFERS} {_iri((entity.type, value))} ." for _fact, value in entity.extra]
        return ops, self._describe(merged), manifest

    def _describe(self, merged: dict[tuple[EntityType, str], Entity | None]) -> list[str]:
        """N-Triples lines describing the existing entities of ``merged``, as kg.graph makes them."""
        entities = [e for e in merged.values() if e is not None]
        refs = {(e.type, v) for e in entities for _f, v in e.extra} - set(merged)
        present = self._present({_iri(r) for r in refs})
        keys = {(e.type, e.key) for e in entities} | {r for r in refs if _iri(r) in present}
        return [_line(*t) for entity in entities for t in describe(entity, keys)]

    def _totals(self, iris: set[ox.NamedNode]) -> dict[tuple[EntityType, str], dict]:
        """Each entity's running total: all its articles' shares combined (kg.resolve.combine)."""
        if not iris:
            return {}
        rows = self._db.query(f"SELECT ?t WHERE {{ GRAPH {MANIFEST} {{ VALUES ?e {{ {' '.join(map(str, iris))} }} "
                              f"?e {_TOTAL} ?t }} }}")
        states = (json.loads(r["t"].value) for r in rows)
        return {_eid(state): state for state in states}

    # -- bookkeeping look-ups
    def _states_of_document(self, doc: ox.NamedNode) -> list[dict]:
        rows = self._db.query(f"SELECT ?s WHERE {{ GRAPH {MANIFEST} {{ ?c {_DOCUMENT} {doc} ; {_STATE} ?s }} }}")
        return [json.loads(r["s"].value) for r in rows]

    def _states_of_entities(self, iris: set[ox.NamedNode], exclude: ox.NamedNode | None) -> dict[tuple, list[dict]]:
        if not iris:
            return {}
        rows = self._db.query(
            f"SELECT ?d ?s WHERE {{ GRAPH {MANIFEST} {{ VALUES ?e {{ {' '.join(map(str, iris))} }} "
            f"?c {_ENTITY} ?e ; {_DOCUMENT} ?d ; {_STATE} ?s }} }} ORDER BY ?d")
        found: dict[tuple, list[dict]] = {}
        for r in rows:
            if exclude is not None and r["d"] == exclude:
                continue
            state = json.loads(r["s"].value)
            found.setdefault(_eid(state), []).append(state)
        return found

    def _referrers(self, iris: set[ox.NamedNode]) -> set[ox.NamedNode]:
        rows = self._db.query(f"SELECT DISTINCT ?e WHERE {{ GRAPH {MANIFEST} {{ VALUES ?r {{ {' '.join(map(str, iris))} }} "
                              f"?e {_REFERS} ?r }} }}")
        return {r["e"] for r in rows}

    def _present(self, iris: set[ox.NamedNode]) -> set[ox.NamedNode]:
        if not iris:
            return set()
        rows = self._db.query(f"SELECT DISTINCT ?e WHERE {{ VALUES ?e {{ {' '.join(map(str, iris))} }} ?e a ?class }}")
        return {r["e"] for r in rows}

    # -- reading
    def query(self, text: str, params: dict[str, str] | None = None):
        """Run a SPARQL query on the default graph; ``params`` bind ``?<name>`` to plain literals.

        Returns pyoxigraph's result: solutions, a boolean, or triples.
        """
        from .queries import check_size

        check_size(text)
        if params:
            text = bind_values(text, params)
        try:
            return self._db.query(text)
        except SyntaxError as exc:
            raise QueryError(f"malformed query: {' '.join(str(exc).split())}") from None
        except (OSError, RuntimeError, ValueError) as exc:
            raise QueryError(f"query failed: {exc}") from None

    def rows(self, text: str, params: dict[str, str] | None = None) -> tuple[list[str], list[list[str]]]:
        """Header and rows of a SELECT or ASK query as strings, like :func:`kg.queries.rows`."""
        result = self.query(text, params)
        if isinstance(result, ox.QueryBoolean):
            return ["ask"], [[str(bool(result)).lower()]]
        if not isinstance(result, ox.QuerySolutions):
            raise QueryError("only SELECT and ASK queries print as tables; use CONSTRUCT with `kg export`")
        header = [v.value for v in result.variables]
        return header, [[text_of(row[i]) for i in range(len(header))] for row in result]

    def union_graph(self) -> Graph:
        """The default graph (everything a query sees) as an rdflib Graph."""
        graph = Graph()
        bind_prefixes(graph)
        data = self._db.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
        if data:
            graph.parse(data=data.decode("utf-8"), format="nt")
        return graph

    def descriptions(self) -> Iterator[ox.Triple]:
        """The default graph less the articles' facts: what ``kg build -o x.trig`` puts in its default graph."""
        yield from self._db.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o FILTER NOT EXISTS { GRAPH ?g { ?s ?p ?o } } }")

    def article_graphs(self) -> list[ox.NamedNode]:
        return sorted((g for g in self._db.named_graphs() if g != MANIFEST), key=lambda g: g.value)

    def quads(self) -> Iterator[ox.Quad]:
        """The dataset as a file build lays it out: descriptions in the default graph, one graph per article."""
        for t in self.descriptions():
            yield ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph())
        for graph in self.article_graphs():
            yield from self._db.quads_for_pattern(None, None, None, graph)

    def graph_payloads(self) -> Iterator[tuple[str | None, bytes]]:
        """(graph IRI or None for the default graph, N-Triples) for each graph, for a Graph Store push."""
        yield None, ox.serialize(self.descriptions(), format=ox.RdfFormat.N_TRIPLES) or b""
        for graph in self.article_graphs():
            triples = (q.triple for q in self._db.quads_for_pattern(None, None, None, graph))
            yield graph.value, ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""

    def export(self, path: str | os.PathLike[str]) -> None:
        """Write the store as a graph file; the extension picks the format, as for ``kg build -o``."""
        from .storage import QUAD_FORMATS, format_for, serialize, write_bytes

        fmt = format_for(path)
        if fmt == "json-ld":
            data = serialize(self.union_graph(), fmt)
        elif fmt in QUAD_FORMATS:
            data = ox.serialize(self.quads(), format=ox.RdfFormat.TRIG if fmt == "trig" else ox.RdfFormat.N_QUADS,
                                prefixes=dict(PREFIXES) if fmt == "trig" else None)
        else:
            triples = (q.triple for q in self._db.quads_for_pattern(None, None, None, ox.DefaultGraph()))
            data = ox.serialize(triples, format=ox.RdfFormat.TURTLE if fmt == "turtle" else ox.RdfFormat.N_TRIPLES,
                                prefixes=dict(PREFIXES) if fmt == "turtle" else None)
        write_bytes(path, data or b"")


def _line(s, p, o) -> str:
    """An N-Triples line (no graph) for rdflib terms."""
    return f"{_term(s)} {_term(p)} {_term(o)} ."


def _term(term) -> str:
    return _iri_text(str(term)) if isinstance(term, URIRef) else str(to_ox(term))


@lru_cache(maxsize=1 << 16)  # predicates, classes and entities come back all the time
def _iri_text(iri: str) -> str:
    return str(ox.NamedNode(iri))


def _json(state: dict) -> ox.Literal:
    return ox.Literal(json.dumps(state, ensure_ascii=False, sort_keys=True))


def _data(default: list[str], named: dict[str, list[str]], manifest: list[str], graph_keyword: str = "GRAPH ") -> str:
    """Triples in graphs: the body of an ``INSERT DATA`` (or, with no keyword, a TriG document)."""
    named = {**named, str(MANIFEST): manifest}
    graphs = "".join(f"\n{graph_keyword}{g} {{ " + "\n".join(lines) + " }" for g, lines in named.items() if lines)
    return "\n".join(default) + graphs


def _drop(doc: ox.NamedNode, graph: ox.NamedNode) -> list[str]:
    """Update operations that take an article out: its graph, what only it put in the
    union, its document's description, its record and its shares."""
    return [
        f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} "
        f"FILTER NOT EXISTS {{ GRAPH ?h {{ ?s ?p ?o }} FILTER (?h != {graph}) }} }}",
        f"DROP SILENT GRAPH {graph}",
        f"DELETE WHERE {{ {doc} ?p ?o }}",
        f"DELETE WHERE {{ {graph} ?p ?o }}",
        f"DELETE {{ GRAPH {MANIFEST} {{ ?c ?p ?o }} }} WHERE {{ GRAPH {MANIFEST} {{ ?c {_DOCUMENT} {doc} ; ?p ?o }} }}",
        f"DELETE WHERE {{ GRAPH {MANIFEST} {{ {doc} ?p ?o }} }}",
    ]


def bind_values(text: str, params: dict[str, str]) -> str:
    """``text`` with ``VALUES ?<name>Name { "value" }`` opening its WHERE clause.

    Each value is a literal written by pyoxigraph's serialiser (quotes,
    backslashes and line breaks escaped), so no value can change what the
    query does; binding at the start of the WHERE clause gives rdflib's
    ``initBindings`` meaning, which pyoxigraph's ``substitutions`` only gives
    for projected variables.
    """
    match = _WHERE.search(text)
    if match is None:
        raise QueryError("cannot bind parameters: the query has no WHERE clause")
    values = " ".join(f"VALUES ?{name}Name {{ {ox.Literal(value)} }}" for name, value in params.items())
    return f"{text[:match.end()]} {values} {text[match.end():]}"


__all__ = ["AddReport", "ArticleRecord", "MANIFEST", "Store", "StoreError", "StoreLocked", "bind_values",
           "content_hash"]
