"""kg.storage: the format follows the extension, writes are atomic, every export parses strictly."""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from kg.errors import InputError, OutputError
from kg.graph import to_dataset, union
from kg.storage import FORMATS, atomic_write, format_for, load_graph, write_bytes, write_corpus, write_graph

OXIGRAPH = {
    ".ttl": pyoxigraph.RdfFormat.TURTLE,
    ".nt": pyoxigraph.RdfFormat.N_TRIPLES,
    ".trig": pyoxigraph.RdfFormat.TRIG,
    ".nq": pyoxigraph.RdfFormat.N_QUADS,
    ".jsonld": pyoxigraph.RdfFormat.JSON_LD,
}
QUAD_EXTENSIONS = {".trig", ".nq"}
CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"
XSD_DECIMAL = URIRef("http://www.w3.org/2001/XMLSchema#decimal")


@pytest.mark.parametrize(
    "name, fmt",
    [
        ("graph.ttl", "turtle"),
        ("graph.nt", "nt"),
        ("graph.trig", "trig"),
        ("graph.nq", "nquads"),
        ("graph.jsonld", "json-ld"),
        ("out/đồ-thị.TTL", "turtle"),
    ],
)
def test_format_follows_the_extension(name, fmt):
    assert format_for(name) == fmt


@pytest.mark.parametrize("name", ["graph.xml", "graph.json", "graph", "graph.ttl.bak", "graph.graphml"])
def test_unknown_extension_is_an_output_error_naming_the_file(name):
    with pytest.raises(OutputError) as caught:
        format_for(name)
    assert name in str(caught.value)
    assert ".ttl" in str(caught.value)  # and it says what would work


def test_every_format_has_a_strict_parser():
    assert set(FORMATS) == set(OXIGRAPH)


# -- atomic writes ----------------------------------------------------------------

def test_a_write_that_fails_half_way_leaves_the_earlier_file_byte_for_byte(tmp_path):
    target = tmp_path / "graph.ttl"
    earlier = "@prefix sc: <https://w3id.org/smartcity-kg/ontology#> .\n# Hà Nội\n".encode("utf-8")
    target.write_bytes(earlier)

    def half_then_fail(fh):
        fh.write(b"<https://w3id.org/smartcity-kg/id/donor/adb> a ")
        raise RuntimeError("disk full, say")

    with pytest.raises(RuntimeError, match="disk full"):
        atomic_write(target, half_then_fail)
    assert target.read_bytes() == earlier
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.ttl"]


def test_an_interrupted_write_leaves_no_file_and_no_temporary_file(tmp_path):
    def interrupted(fh):
        fh.write(b"x" * 1000)
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        atomic_write(tmp_path / "new.nt", interrupted)
    assert list(tmp_path.iterdir()) == []


def test_a_successful_write_replaces_the_file_and_leaves_nothing_else(tmp_path):
    target = tmp_path / "sub" / "graph.nt"
    write_bytes(target, b"old")
    write_bytes(target, b"new")
    assert target.read_bytes() == b"new"
    assert [p.name for p in target.parent.iterdir()] == ["graph.nt"]


def test_a_written_file_gets_the_usual_permissions_not_the_temporary_files(tmp_path):
    umask = os.umask(0o022)
    try:
        write_bytes(tmp_path / "graph.ttl", b"x")
    finally:
        os.umask(umask)
    assert (tmp_path / "graph.ttl").stat().st_mode & 0o777 == 0o644


def test_an_unwritable_folder_is_an_output_error(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(OutputError, match="cannot write"):
        write_bytes(blocker / "graph.ttl", b"x")


# -- round trips and strict parsing --------------------------------------------------

def canonical(graph: Graph) -> Graph:
    """``graph`` with xsd:decimal literals in one lexical form (Turtle writes 13000000 as 13000000.0)."""
    out = Graph()
    for s, p, o in graph:
        if isinstance(o, Literal) and o.datatype == XSD_DECIMAL:
            o = Literal(format(Decimal(str(o)).normalize(), "f"), datatype=XSD_DECIMAL)
        out.add((s, p, o))
    return out


def assert_same_graph(expected: Graph, actual: Graph) -> None:
    expected, actual = canonical(expected), canonical(actual)
    if not isomorphic(expected, actual):
        _, only_expected, only_actual = graph_diff(to_isomorphic(expected), to_isomorphic(actual))
        pytest.fail(
            "graphs differ\n--- only in the written graph:\n"
            + only_expected.serialize(format="nt")
            + "\n+++ only in the graph read back:\n"
            + only_actual.serialize(format="nt")
        )


@pytest.mark.parametrize("extension", sorted(FORMATS))
def test_write_graph_then_load_graph_round_trips(example_dataset, tmp_path, extension):
    path = tmp_path / f"graph{extension}"
    write_graph(example_dataset, path)
    loaded = load_graph(path)
    assert_same_graph(union(example_dataset), union(loaded))
    if extension in QUAD_EXTENSIONS:  # named graphs survive too
        written = {c.identifier for c in example_dataset.contexts() if len(c)}
        read = {c.identifier for c in loaded.contexts() if len(c)}
        assert written == read


def test_load_graph_of_a_missing_or_broken_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no such graph file"):
        load_graph(tmp_path / "missing.ttl")
    broken = tmp_path / "broken.ttl"
    broken.write_text("<https://w3id.org/x> <https://w3id.org/p> .", encoding="utf-8")
    with pytest.raises(InputError, match="not a valid turtle graph") as caught:
        load_graph(broken)
    assert str(broken) in str(caught.value)


@pytest.fixture(scope="module")
def sample_corpus():
    """The sample corpus, resolved (what `kg build -o` writes from)."""
    from kg.build import build_corpus

    return build_corpus([str(CORPUS)])


@pytest.fixture(scope="module")
def corpus_exports(sample_corpus, tmp_path_factory):
    """The sample corpus written once in every format, as `kg build -o` writes it."""
    folder = tmp_path_factory.mktemp("exports")
    paths = {extension: folder / f"corpus{extension}" for extension in FORMATS}
    write_corpus(sample_corpus, list(paths.values()))
    return paths


@pytest.mark.parametrize("extension", sorted(FORMATS))
def test_the_streamed_export_holds_the_same_graph_as_the_in_memory_dataset(sample_corpus, corpus_exports,
                                                                            extension):
    in_memory = to_dataset(sample_corpus)
    streamed = load_graph(corpus_exports[extension])
    assert_same_graph(union(in_memory), union(streamed))
    if extension == ".nt":  # a relation several articles state is written once
        assert len(corpus_exports[extension].read_bytes().splitlines()) == len(union(in_memory))
    if extension in QUAD_EXTENSIONS:  # each article's graph holds the same statements
        for graph in in_memory.graphs():
            if len(graph):
                assert_same_graph(graph, streamed.graph(graph.identifier))


def test_several_outputs_are_written_all_or_none(sample_corpus, tmp_path):
    first = tmp_path / "graph.ttl"
    first.write_bytes(b"earlier")
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(OutputError, match="cannot write"):
        write_corpus(sample_corpus, [first, blocker / "graph.nt"])
    assert first.read_bytes() == b"earlier"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.ttl", "not-a-folder"]  # no temporary file


def _triple(quad):
    return (quad.subject, quad.predicate, quad.object)


@pytest.mark.parametrize("extension", sorted(FORMATS))
def test_every_export_parses_in_oxigraph_strictly_with_the_same_triples_as_rdflib(
    corpus_exports, corpus_dataset, corpus_graph, extension
):
    path = corpus_exports[extension]
    quads = list(pyoxigraph.parse(path=str(path), format=OXIGRAPH[extension], lenient=False))
    rdflib_side = load_graph(path)
    assert len({_triple(q) for q in quads}) == len(union(rdflib_side)) == len(corpus_graph)
    if extension in QUAD_EXTENSIONS:
        assert len(set(quads)) == len(list(rdflib_side.quads())) == len(list(corpus_dataset.quads()))
        named = {q.graph_name for q in quads if not isinstance(q.graph_name, pyoxigraph.DefaultGraph)}
        assert len(named) == len(list(corpus_dataset.subjects(URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"))))
    else:
        assert all(isinstance(q.graph_name, pyoxigraph.DefaultGraph) for q in quads)


def test_the_corpus_graph_is_not_trivially_small(corpus_graph):
    assert len(corpus_graph) > 1000


def test_oxigraph_rejects_what_rdflib_would_let_through():
    # the strict parser is really strict: an IRI with a space is an error
    with pytest.raises(SyntaxError):
        list(pyoxigraph.parse(input=b"<https://w3id.org/a b> <https://w3id.org/p> <https://w3id.org/o> .",
                              format=pyoxigraph.RdfFormat.N_TRIPLES))


def test_a_corpus_with_hostile_text_streams_to_every_format(tmp_path):
    from kg.records import Entity, EntityType, Evidence, Relation, RelationType
    from kg.resolve import Corpus, DocumentInfo

    name, key = "bài báo 1 <x>", 'Dự án "<x>" {a|b} \\ ` ^ # %zz \n 🌏'
    sentence = 'Câu có "ngoặc kép", \\ và \n xuống dòng \x01 }} ; DELETE'
    corpus = Corpus(
        entities=(Entity(EntityType.PROJECT, key, key + " @vi", ("<b>alt</b>",), (name,), amounts=((1e-7, "US$"),)),
                  Entity(EntityType.DONOR, "adb", 'A"D"B', (), (name,))),
        relations=(Relation(RelationType.FUNDS, (EntityType.DONOR, "adb"), (EntityType.PROJECT, key),
                            (Evidence(name, sentence, "rule\t1", 0.5),)),),
        documents=(DocumentInfo(name, "x.txt", 'Tiêu đề "x"\n', "utf-8"),),
    )
    paths = [tmp_path / f"hostile{extension}" for extension in OXIGRAPH]
    write_corpus(corpus, paths)
    expected = union(to_dataset(corpus))
    for path, fmt in zip(paths, OXIGRAPH.values()):
        quads = list(pyoxigraph.parse(path=str(path), format=fmt, lenient=False))
        assert len({_triple(q) for q in quads}) == len(expected), path.name
        assert sentence in {q.object.value for q in quads}


def test_a_dataset_with_hostile_text_exports_in_every_format(tmp_path):
    from kg.ids import document_graph_iri, entity_iri
    from kg.records import EntityType

    dataset = Dataset()
    node = entity_iri(EntityType.PROJECT, 'Dự án "<x>" {a|b} \\ ` ^ # %zz \n 🌏')
    graph = dataset.graph(document_graph_iri("bài báo 1 <x>"))
    graph.add((node, URIRef("https://w3id.org/smartcity-kg/ontology#sentence"),
               Literal('Câu có "ngoặc kép", \\ và \n xuống dòng \x01', lang="vi")))
    for extension, fmt in OXIGRAPH.items():
        path = tmp_path / f"hostile{extension}"
        write_graph(dataset, path)
        assert len(list(pyoxigraph.parse(path=str(path), format=fmt))) == 1
