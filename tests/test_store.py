"""The on-disk store: a store always holds what a full build of its articles gives.

Whatever the order of adds, edits and removals, the store's dataset (its
default graph of descriptions and one named graph per article) equals the
dataset ``kg.build`` makes from exactly the articles it holds, and its
default graph is the union a query over ``kg build -o graph.ttl`` sees.
"""

from __future__ import annotations

import dataclasses
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from kg import queries
from kg.build import extract_all
from kg.cli import main
from kg.graph import to_dataset, union
from kg.ids import document_graph_iri, entity_iri
from kg.records import EntityType
from kg.resolve import resolve
from kg.store import Store, StoreError, StoreLocked, to_ox

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "data" / "corpus"
KG = Path(sys.executable).parent / "kg"


@pytest.fixture(scope="session")
def extractions():
    """Every sample article, extracted once."""
    return list(extract_all(sorted(CORPUS.glob("*.txt")), 0))


def renamed(extraction, name: str):
    document = dataclasses.replace(extraction.document, name=name, path=f"{name}.txt")
    return dataclasses.replace(extraction, document=document)


def expected(extractions) -> set[ox.Quad]:
    """The quads of a fresh, full build of these articles."""
    dataset = to_dataset(resolve(extractions))
    quads = set()
    for s, p, o, g in dataset.quads((None, None, None, None)):
        name = ox.DefaultGraph() if g in (None, DATASET_DEFAULT_GRAPH_ID) else ox.NamedNode(str(g))
        quads.add(ox.Quad(to_ox(s), to_ox(p), to_ox(o), name))
    return quads


def assert_same(store: Store, extractions) -> None:
    got, want = set(store.quads()), expected(extractions)
    missing, extra = want - got, got - want
    assert not missing and not extra, (f"{len(missing)} quads missing, e.g. {sorted(map(str, missing))[:3]}; "
                                       f"{len(extra)} extra, e.g. {sorted(map(str, extra))[:3]}")


def test_a_store_holds_what_a_full_build_of_its_articles_holds(tmp_path, extractions):
    with Store(tmp_path / "s") as store:
        for extraction in extractions:
            assert store.put(extraction) == "added"
        assert_same(store, extractions)
        full = union(to_dataset(resolve(extractions)))
        assert set(store.union_graph()) == set(full)
        assert len(store) == len(full)


def test_adding_the_same_articles_again_changes_nothing(tmp_path, extractions):
    with Store(tmp_path / "s") as store:
        for extraction in extractions[:10]:
            store.put(extraction)
        before, size = set(store.quads()), len(store)
        assert [store.put(e) for e in extractions[:10]] == ["unchanged"] * 10
        assert set(store.quads()) == before and len(store) == size


def test_articles_added_later_merge_with_the_entities_already_there(tmp_path, extractions):
    first, second = extractions[::2], extractions[1::2]
    with Store(tmp_path / "s") as store:
        for extraction in first:
            store.put(extraction)
        for extraction in second:
            store.put(extraction)
        assert_same(store, extractions)
        # an entity both halves mention has one IRI, one prefLabel, mentioned in both halves' graphs
        adb = ox.NamedNode(str(entity_iri(EntityType.DONOR, "adb")))
        labels = list(store.query(f"SELECT ?l WHERE {{ {adb} <http://www.w3.org/2004/02/skos/core#prefLabel> ?l }}"))
        assert len(labels) == 1
        graphs = {r["g"].value for r in store.query(
            f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ {adb} <https://w3id.org/smartcity-kg/ontology#mentionedIn> ?d }} }}")}
        names = {e.document.name for e in extractions if any(m.key == "adb" for m in e.mentions)}
        assert graphs == {str(document_graph_iri(n)) for n in names}
        assert any(n in {e.document.name for e in first} for n in names)
        assert any(n in {e.document.name for e in second} for n in names)


def test_an_edited_article_replaces_its_own_graph(tmp_path, extractions):
    edited = renamed(extractions[1], extractions[0].document.name)  # article 0's file now holds article 1's text
    with Store(tmp_path / "s") as store:
        for extraction in extractions:
            store.put(extraction)
        assert store.put(edited) == "replaced"
        assert_same(store, [edited] + extractions[1:])
        assert len(store.articles()) == len(extractions)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_any_order_of_adds_edits_and_removals_leaves_what_a_build_of_the_rest_gives(tmp_path, extractions, seed):
    rng = random.Random(seed)
    held: dict[str, object] = {}
    with Store(tmp_path / "s") as store:
        for step in range(40):
            extraction = rng.choice(extractions)
            action = rng.random()
            if action < 0.6:  # a batch of new, known and repeated articles, in one call
                batch = [rng.choice(extractions) for _ in range(rng.randint(1, 8))]
                store.put_many(batch)
                held.update((e.document.name, e) for e in batch)
            elif action < 0.75 and held:
                target = rng.choice(sorted(held))
                edited = renamed(extraction, target)
                store.put(edited)
                held[target] = edited
            elif held:
                target = rng.choice(sorted(held))
                store.remove(target)
                del held[target]
            if step % 10 == 9:
                assert_same(store, list(held.values()))
        assert_same(store, list(held.values()))


def test_removing_every_article_that_names_an_entity_removes_the_entity(tmp_path, extractions):
    naming = [e for e in extractions if any(m.key == "adb" for m in e.mentions)]
    adb = ox.NamedNode(str(entity_iri(EntityType.DONOR, "adb")))
    with Store(tmp_path / "s") as store:
        for extraction in extractions:
            store.put(extraction)
        for extraction in naming:
            store.remove(extraction.document.name)
        assert not list(store.query(f"SELECT * WHERE {{ {adb} ?p ?o }}"))
        assert_same(store, [e for e in extractions if e not in naming])


def test_removing_an_unknown_article_is_an_error(tmp_path):
    with Store(tmp_path / "s") as store, pytest.raises(StoreError, match="no article named 'nope'"):
        store.remove("nope")


def test_a_second_writer_or_a_reader_during_a_write_gets_store_locked(tmp_path):
    with Store(tmp_path / "s"):
        with pytest.raises(StoreLocked, match="locked"):
            Store(tmp_path / "s")
        with pytest.raises(StoreLocked, match="being written"):
            Store(tmp_path / "s", read_only=True)
        result = subprocess.run([str(KG), "stats", "--store", str(tmp_path / "s")], capture_output=True, text=True)
        assert result.returncode == 2
        assert "locked" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    with Store(tmp_path / "s", read_only=True), Store(tmp_path / "s", read_only=True):
        pass  # readers share


def test_opening_a_missing_store_or_a_folder_that_is_not_one_is_refused(tmp_path):
    with pytest.raises(StoreError, match="no kg store"):
        Store(tmp_path / "missing", read_only=True)
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "notes.txt").write_text("x")
    with pytest.raises(StoreError, match="not a kg store"):
        Store(tmp_path / "other")


def _normal(rows):
    """Rows with GROUP_CONCAT cells sorted (their order is not defined) and the rows sorted."""
    return sorted(tuple(" | ".join(sorted(re.split(r" \| |, ", cell))) for cell in row) for row in rows)


@pytest.mark.parametrize("name", sorted(queries.saved_queries()))
def test_every_saved_query_answers_on_a_store_as_on_a_file(tmp_path, extractions, name):
    saved = queries.saved_query(name)
    graph = union(to_dataset(resolve(extractions)))
    with Store(tmp_path / "s") as store:
        for extraction in extractions:
            store.put(extraction)
        for params in [{}] + [{saved.parameters[0]: v} for v in ("ADB", "Đà Nẵng") if saved.parameters]:
            want = queries.rows(queries.run(graph, saved.text, queries.bindings(saved, params)))
            got = store.rows(saved.text, params)
            assert got[0] == want[0]
            assert _normal(got[1]) == _normal(want[1]), params


def test_a_parameter_value_cannot_change_what_a_query_does(tmp_path, extractions):
    saved = queries.saved_query("projects-of-donor")
    with Store(tmp_path / "s") as store:
        for extraction in extractions[:5]:
            store.put(extraction)
        header, rows = store.rows(saved.text, {"donor": 'x" } } ; SELECT * WHERE { ?s ?p ?o } #'})
        assert rows == []


def test_export_writes_the_layout_of_a_file_build(tmp_path, extractions):
    from kg.storage import load_graph

    with Store(tmp_path / "s") as store:
        for extraction in extractions[:8]:
            store.put(extraction)
        store.export(tmp_path / "g.trig")
        store.export(tmp_path / "g.ttl")
        store.export(tmp_path / "g.jsonld")
    assert set(ox.parse(path=str(tmp_path / "g.trig"))) == expected(extractions[:8])
    whole = set(union(to_dataset(resolve(extractions[:8]))))
    for name in ("g.trig", "g.ttl", "g.jsonld"):
        assert set(union(load_graph(tmp_path / name))) == whole, name


# -- the command line ------------------------------------------------------------------

def kg(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.mark.slow
def test_cli_builds_incrementally_and_every_reader_takes_the_store(tmp_path):
    articles = tmp_path / "articles"
    articles.mkdir()
    sources = sorted(CORPUS.glob("*.txt"))[:4]
    for path in sources[:3]:
        shutil.copy(path, articles)
    store = tmp_path / "store"
    first = kg("build", articles, "--store", store, "-j", "1")
    assert first.exit_code == 0, first.output
    assert "3 added, 0 replaced, 0 unchanged" in first.output
    again = kg("build", articles, "--store", store, "-j", "1")
    assert "0 added, 0 replaced, 3 unchanged" in again.output
    triples = re.search(r"(\d+) triples", again.output).group(1)
    assert triples in first.output  # same triple count
    shutil.copy(sources[3], articles)
    edited = articles / sources[0].name
    edited.write_text(edited.read_text(encoding="utf-8") + "\nNgân hàng Thế giới (WB) tài trợ dự án này.\n",
                      encoding="utf-8")
    third = kg("build", articles, "--store", store, "-j", "1")
    assert "1 added, 1 replaced, 2 unchanged" in third.output
    count = kg("query", "--store", store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--format", "csv")
    assert count.exit_code == 0 and count.output.splitlines()[1].isdigit()
    assert kg("stats", "--store", store).exit_code == 0
    assert kg("query", "--store", store, "--name", "projects-of-donor", "--param", "donor=ADB").exit_code == 0
    exported = kg("export", "--store", store, "-o", tmp_path / "all.nq")
    assert exported.exit_code == 0 and (tmp_path / "all.nq").stat().st_size > 0
    assert kg("export", "--store", store, "-o", tmp_path / "all.graphml").exit_code == 0
    assert kg("viz", "--store", store, "-o", tmp_path / "all.html").exit_code == 0
    removed = kg("remove", sources[3].stem, "--store", store)
    assert removed.exit_code == 0 and "removed 1 article" in removed.output
    both = kg("query", tmp_path / "all.nq", "--store", store, "SELECT * WHERE { ?s ?p ?o }")
    assert both.exit_code != 0
    neither = kg("stats")
    assert neither.exit_code != 0 and "exactly one" in neither.output


class _DiesBeforeCommit:
    """A store database whose writer dies after loading a batch and before committing it."""

    def __init__(self, db):
        self._db = db

    def __getattr__(self, name):
        return getattr(self._db, name)

    def update(self, text):
        raise KeyboardInterrupt  # the process is gone: nothing after the load reaches the database


@pytest.mark.parametrize("reopen", ["for writing", "read-only"])
def test_a_batch_loaded_but_never_committed_is_undone_when_the_store_is_next_opened(tmp_path, extractions, reopen):
    with Store(tmp_path / "store") as store:
        store.put_many(extractions[:3])
        store._db = _DiesBeforeCommit(store._db)
        with pytest.raises(KeyboardInterrupt):
            store.put_many(extractions[3:6])
        store._db = store._db._db
    raw = ox.Store.read_only(str(tmp_path / "store" / "oxigraph"))
    orphan = ox.NamedNode(str(document_graph_iri(extractions[3].document.name)))
    assert raw.contains_named_graph(orphan)  # the first step is in the database
    del raw
    with Store(tmp_path / "store", read_only=reopen == "read-only") as store:
        assert sorted(store.articles()) == sorted(e.document.name for e in extractions[:3])
        assert_same(store, extractions[:3])
    with Store(tmp_path / "store") as store:
        assert store.put_many(extractions[3:6]) == ["added"] * 3
        assert_same(store, extractions[:6])


@pytest.mark.slow
def test_a_build_killed_half_way_leaves_each_article_wholly_in_or_out(tmp_path, extractions):
    """SIGKILL during `kg build --store`: the store then equals a full build of the articles it holds."""
    originals = extractions[:4]
    folder = tmp_path / "articles"
    folder.mkdir()
    copies = {}
    for i in range(15):
        for extraction in originals:
            name = f"c{i:02d}_{extraction.document.name}"
            (folder / f"{name}.txt").write_text(Path(extraction.document.path).read_text(encoding="utf-8"),
                                                encoding="utf-8")
            copies[name] = renamed(extraction, name)
    store_dir = tmp_path / "store"
    for attempt in range(5):
        shutil.rmtree(store_dir, ignore_errors=True)
        process = subprocess.Popen([str(KG), "build", str(folder), "--store", str(store_dir), "-j", "1", "-q",
                                    "--batch", "3"],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and process.poll() is None and not _wal_size(store_dir):
            time.sleep(0.01)  # the store is open (it writes its version when created)
        opened = _wal_size(store_dir)
        while time.monotonic() < deadline and process.poll() is None and _wal_size(store_dir) <= opened:
            time.sleep(0.01)  # until the first article's transaction is in RocksDB's write-ahead log
        time.sleep(0.15 * attempt)  # then at a different point of a later article each attempt
        process.send_signal(signal.SIGKILL)
        process.wait()
        with Store(store_dir) as store:
            held = sorted(store.articles())
        if 0 < len(held) < len(copies):
            assert len(held) % 3 == 0  # whole transactions of three articles
            break
    else:
        pytest.fail("could not stop the build between its first and its last article")
    with Store(store_dir) as store:
        assert_same(store, [copies[n] for n in held])  # every held article complete, corpus facts consistent
    finished = subprocess.run([str(KG), "build", str(folder), "--store", str(store_dir), "-j", "1"],
                              capture_output=True, text=True)
    assert finished.returncode == 0, finished.stderr
    assert f"{len(held)} unchanged" in finished.stdout
    with Store(store_dir) as store:
        assert_same(store, list(copies.values()))


@pytest.mark.slow
def test_ctrl_c_keeps_the_batches_committed_and_says_how_to_carry_on(tmp_path, extractions):
    folder = tmp_path / "articles"
    folder.mkdir()
    for i in range(10):
        for extraction in extractions[:4]:
            (folder / f"c{i:02d}_{extraction.document.name}.txt").write_text(
                Path(extraction.document.path).read_text(encoding="utf-8"), encoding="utf-8")
    store_dir = tmp_path / "store"
    process = subprocess.Popen([str(KG), "build", str(folder), "--store", str(store_dir), "-j", "1", "-q",
                                "--batch", "2"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None and not _wal_size(store_dir):
        time.sleep(0.01)
    opened = _sst_count(store_dir)
    while time.monotonic() < deadline and process.poll() is None and _sst_count(store_dir) <= opened:
        time.sleep(0.01)  # a first batch is committed: a store flushes its memory tables after each commit
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    if process.returncode == 0:
        pytest.skip("the build finished before it could be interrupted")
    assert process.returncode == 130, err
    kept = int(re.search(r"keeps the (\d+) articles committed so far", err).group(1))
    with Store(store_dir) as store:
        assert len(store.articles()) == kept > 0
    again = subprocess.run([str(KG), "build", str(folder), "--store", str(store_dir), "-j", "1"],
                           capture_output=True, text=True)
    assert f"{40 - kept} added, 0 replaced, {kept} unchanged" in again.stdout


def _wal_size(store_dir: Path) -> int:
    """Bytes in RocksDB's write-ahead log: it grows with each committed transaction."""
    try:
        return sum(log.stat().st_size for log in (store_dir / "oxigraph").glob("*.log"))
    except FileNotFoundError:
        return 0


def _sst_count(store_dir: Path) -> int:
    """RocksDB's table files: a flush after each committed batch adds some."""
    return len(list((store_dir / "oxigraph").glob("*.sst")))
