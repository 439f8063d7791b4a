"""kg.queries: saved queries run on the sample graph; parameters are values, never query text."""

from __future__ import annotations

import re

import pyoxigraph
import pytest
import rdflib.plugins.sparql
from rdflib import Graph
from rdflib.namespace import DCTERMS, PROV, RDF

from kg import queries
from kg.errors import QueryError
from kg.namespaces import SC

SAVED = sorted(queries.saved_queries())

# The documented parameters of each saved query (header "# parameters:").
PARAMETERS = {
    "donors-by-province": ("province",),
    "funding-by-donor": (),
    "funding-by-province": (),
    "officials-by-province": ("province",),
    "projects-of-donor": ("donor",),
    "relation-evidence": ("entity",),
}

INJECTIONS = [
    '") || true || CONTAINS("a", "',
    '\\u0022) || true || CONTAINS(\\u0022a\\u0022, \\u0022',
    'x"@vi } ; DELETE WHERE {?s ?p ?o} ; SELECT * WHERE { ?s ?p "',
    "x' } UNION { ?d ?p ?o } #",
    "?donorName",
]


def run_saved(graph: Graph, name: str, **values: str):
    saved = queries.saved_query(name)
    return queries.rows(queries.run(graph, saved.text, queries.bindings(saved, values)))


def test_the_saved_queries_are_the_documented_ones():
    assert {name: q.parameters for name, q in queries.saved_queries().items()} == PARAMETERS


@pytest.mark.parametrize("name", SAVED)
def test_every_saved_query_has_a_title_and_description_and_returns_rows(corpus_graph, name):
    saved = queries.saved_query(name)
    assert saved.title and saved.title != name
    assert saved.description
    header, body = run_saved(corpus_graph, name)
    assert header and body
    assert all(len(row) == len(header) for row in body)


def test_an_unknown_saved_query_lists_the_known_ones():
    with pytest.raises(QueryError) as caught:
        queries.saved_query("donors-by-planet")
    assert "donors-by-province" in str(caught.value)


def test_an_unknown_parameter_is_refused_with_the_allowed_ones():
    with pytest.raises(QueryError, match=r"no parameter any .*parameters: province"):
        queries.bindings(queries.saved_query("donors-by-province"), {"any": "x"})


@pytest.mark.parametrize(
    "name, values, column, expected",
    [
        ("projects-of-donor", {"donor": "ADB"}, "donor", {"Ngân hàng Phát triển Châu Á"}),
        ("projects-of-donor", {"donor": "adb"}, "donor", {"Ngân hàng Phát triển Châu Á"}),
        ("projects-of-donor", {"donor": "Ngân hàng Phát triển Châu Á"}, "donor", {"Ngân hàng Phát triển Châu Á"}),
        ("projects-of-donor", {"donor": "KOICA"}, "donor", {"Cơ quan Hợp tác Quốc tế Hàn Quốc"}),
        ("donors-by-province", {"province": "Thừa Thiên Huế"}, "province", {"Thừa Thiên Huế"}),
        ("donors-by-province", {"province": "THỪA THIÊN HUẾ"}, "province", {"Thừa Thiên Huế"}),
        ("officials-by-province", {"province": "thừa thiên huế"}, "official", {"Nguyễn Thanh Bình"}),
        ("relation-evidence", {"entity": "KOICA"}, "subject", {"Cơ quan Hợp tác Quốc tế Hàn Quốc"}),
    ],
)
def test_a_parameter_selects_by_name_in_any_case(example_graph, name, values, column, expected):
    header, body = run_saved(example_graph, name, **values)
    assert body
    assert {row[header.index(column)] for row in body} == expected


@pytest.mark.parametrize("value", INJECTIONS)
@pytest.mark.parametrize("name", [n for n in SAVED if PARAMETERS[n]])
def test_a_parameter_is_bound_as_a_value_so_injections_match_nothing_and_change_nothing(
    corpus_graph, name, value
):
    before = set(corpus_graph)
    header, body = run_saved(corpus_graph, name, **{PARAMETERS[name][0]: value})
    assert body == []  # while without the parameter it returns rows (test above)
    assert set(corpus_graph) == before


def test_a_literal_match_still_works_for_a_value_full_of_quotes(example_graph):
    # A label that really contains the hostile text is found, and only it.
    from rdflib import Literal, URIRef
    from rdflib.namespace import RDF, SKOS

    graph = Graph()
    for triple in example_graph:
        graph.add(triple)
    donor = URIRef("https://w3id.org/smartcity-kg/id/donor/adb")
    graph.add((donor, SKOS.altLabel, Literal(INJECTIONS[0], lang="vi")))
    assert (donor, RDF.type, None) in graph
    header, body = run_saved(graph, "projects-of-donor", donor=INJECTIONS[0])
    assert {row[0] for row in body} == {"Ngân hàng Phát triển Châu Á"}


# -- the same answer on rdflib and on pyoxigraph, in the same order --------------------

# Values of each query's parameter: names that match, in any case, and one that does not.
VALUES = {
    "province": ["Đà Nẵng", "thừa thiên huế", "nowhere"],
    "donor": ["ADB", "ngân hàng thế giới", "nobody"],
    "entity": ["KOICA", "hà nội", "nobody"],
}


def to_oxigraph(graph: Graph) -> pyoxigraph.Store:
    """``graph`` in a pyoxigraph store's default graph, which is where a kg store keeps what queries see."""
    store = pyoxigraph.Store()
    store.load(graph.serialize(format="nt", encoding="utf-8"), format=pyoxigraph.RdfFormat.N_TRIPLES)
    return store


@pytest.fixture(scope="module")
def corpus_oxigraph(corpus_graph):
    return to_oxigraph(corpus_graph)


def oxigraph_rows(store, text: str, values: dict[str, str]) -> tuple[list[str], list[list[str]]]:
    """Header and rows as :func:`kg.queries.rows` prints them, with parameters bound as a kg store binds them."""
    from kg.store import bind_values

    result = store.query(bind_values(text, values) if values else text)
    header = [v.value for v in result.variables]
    return header, [[queries._text(as_rdflib(row[v])) for v in header] for row in result]


def as_rdflib(term):
    from rdflib import BNode, Literal, URIRef

    if term is None:
        return None
    if isinstance(term, pyoxigraph.Literal):
        return Literal(term.value, lang=term.language, datatype=None if term.language else URIRef(term.datatype.value))
    return BNode(term.value) if isinstance(term, pyoxigraph.BlankNode) else URIRef(term.value)


def concat_cells_as_sets(rows):
    """GROUP_CONCAT cells as sets: SPARQL leaves the order of their items to the engine."""
    return [[" | ".join(sorted(re.split(r" \| |, ", cell))) for cell in row] for row in rows]


@pytest.mark.parametrize("name", SAVED)
def test_every_saved_query_gives_the_same_rows_in_the_same_order_on_rdflib_and_pyoxigraph(
    corpus_graph, corpus_oxigraph, name
):
    saved = queries.saved_query(name)
    for values in [{}] + [{p: v} for p in saved.parameters for v in VALUES[p]]:
        want = run_saved(corpus_graph, name, **values)
        got = oxigraph_rows(corpus_oxigraph, saved.text, values)
        assert got[0] == want[0]
        assert concat_cells_as_sets(got[1]) == concat_cells_as_sets(want[1]), values
        if values and values[saved.parameters[0]] not in ("nowhere", "nobody"):
            assert want[1], values


def test_rows_come_in_the_order_of_the_labels_they_are_sorted_on(corpus_graph):
    # officials-by-province and projects-of-donor sort on keys made from the labels
    # (fast on pyoxigraph); the order must be that of the labels themselves.
    header, body = run_saved(corpus_graph, "officials-by-province")
    assert [row[:2] for row in body] == sorted(row[:2] for row in body)
    header, body = run_saved(corpus_graph, "projects-of-donor")
    donors = [row[0] for row in body]
    assert donors == sorted(donors)
    header, body = run_saved(corpus_graph, "donors-by-province")
    assert [row[0] for row in body] == sorted(row[0] for row in body)


def evidence_graph(documents: int) -> Graph:
    """One donor partnering with one province, stated once in each of ``documents`` documents."""
    from rdflib import Literal, URIRef
    from rdflib.namespace import SKOS

    from kg.namespaces import SCR

    graph = Graph()
    donor, province = SCR["donor/d"], SCR["province/p"]
    graph.add((donor, SKOS.prefLabel, Literal("Nhà tài trợ", lang="vi")))
    graph.add((province, SKOS.prefLabel, Literal("Tỉnh", lang="vi")))
    graph.add((donor, SC.partnerOf, province))
    for i in range(documents):
        doc, evidence = SCR[f"document/doc{i:03d}"], SCR[f"evidence/e{i:03d}"]
        graph.add((doc, RDF.type, SC.Document))
        graph.add((doc, DCTERMS.identifier, Literal(f"doc{i:03d}")))
        for p, o in [(RDF.type, SC.Evidence), (RDF.subject, donor), (RDF.predicate, URIRef(SC.partnerOf)),
                     (RDF.object, province), (PROV.wasDerivedFrom, doc),
                     (SC.sentence, Literal(f"Câu {i}.", lang="vi")), (SC.extractor, Literal("cooperation-cue")),
                     (SC.confidence, Literal(0.7))]:
            graph.add((evidence, p, o))
    return graph


def run_on(engine: str, graph: Graph, name: str, **values: str):
    if engine == "rdflib":
        return run_saved(graph, name, **values)
    return oxigraph_rows(to_oxigraph(graph), queries.saved_query(name).text, values)


@pytest.mark.parametrize("engine", ["rdflib", "pyoxigraph"])
def test_relation_evidence_without_an_entity_reads_the_first_100_documents_and_with_one_all(engine):
    graph = evidence_graph(130)
    header, body = run_on(engine, graph, "relation-evidence")
    assert [row[header.index("document")] for row in body] == [f"doc{i:03d}" for i in range(100)]
    header, body = run_on(engine, graph, "relation-evidence", entity="nhà tài trợ")
    assert [row[header.index("document")] for row in body] == [f"doc{i:03d}" for i in range(130)]
    header, body = run_on(engine, graph, "relation-evidence", entity="tỉnh")
    assert len(body) == 130
    header, body = run_on(engine, graph, "relation-evidence", entity="nobody")
    assert body == []


def test_relation_evidence_reads_every_document_of_the_sample_corpus(corpus_graph):
    # It has fewer than 100 documents.
    documents = {str(corpus_graph.value(d, DCTERMS.identifier)) for e in corpus_graph.subjects(RDF.type, SC.Evidence)
                 for d in corpus_graph.objects(e, PROV.wasDerivedFrom)}
    assert 0 < len(set(corpus_graph.subjects(RDF.type, SC.Document))) < 100
    header, body = run_saved(corpus_graph, "relation-evidence")
    assert {row[header.index("document")] for row in body} == documents


@pytest.mark.parametrize("engine", ["rdflib", "pyoxigraph"])
def test_relation_evidence_gives_one_row_per_evidence_when_both_ends_bear_the_name(engine):
    from rdflib import Literal
    from rdflib.namespace import SKOS

    from kg.namespaces import SCR

    graph = evidence_graph(3)
    graph.add((SCR["province/p"], SKOS.altLabel, Literal("Nhà tài trợ", lang="vi")))  # both ends now bear it
    graph.add((SCR["donor/d"], SKOS.altLabel, Literal("NHÀ TÀI TRỢ", lang="vi")))  # and the donor twice
    header, body = run_on(engine, graph, "relation-evidence", entity="nhà tài trợ")
    assert len(body) == 3

# -- size limits and parser errors ----------------------------------------------------

def nested(depth: int) -> str:
    return "SELECT * WHERE { FILTER(" + "(" * depth + "1" + ")" * depth + ") }"


def test_check_size_refuses_deeper_nesting_than_max_nesting_before_parsing(monkeypatch):
    def parser_must_not_run(*args, **kwargs):
        raise AssertionError("the parser was reached")

    monkeypatch.setattr(rdflib.plugins.sparql, "prepareQuery", parser_must_not_run)
    text = nested(queries.MAX_NESTING)  # two more levels: WHERE { and FILTER(
    with pytest.raises(QueryError, match="nested too deeply"):
        queries.check_size(text)
    with pytest.raises(QueryError, match="nested too deeply"):
        queries.run(Graph(), text)


def test_check_size_accepts_nesting_up_to_the_limit():
    queries.check_size("{" * queries.MAX_NESTING + "}" * queries.MAX_NESTING)
    with pytest.raises(QueryError, match=f"at most {queries.MAX_NESTING}"):
        queries.check_size("{" * (queries.MAX_NESTING + 1))


def test_check_size_refuses_an_overlong_query():
    with pytest.raises(QueryError, match="too long"):
        queries.check_size("#" * (queries.MAX_QUERY_CHARS + 1))


def test_nesting_the_parser_cannot_handle_is_a_query_error_and_the_parser_still_works(example_graph):
    with pytest.raises(QueryError, match="nested too deeply"):
        queries.run(example_graph, nested(60))
    header, body = queries.rows(queries.run(example_graph, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"))
    assert body == [[str(len(example_graph))]]


@pytest.mark.parametrize(
    "text, parser_says",
    [
        ("SELECT * WHERE { ?s ?p }", "Expected"),
        ("SELEC * WHERE { ?s ?p ?o }", "found 'SELEC'"),
        ("SELECT * WHERE { ?s ?p ?o ", "end of text"),
        ("DELETE WHERE { ?s ?p ?o }", "found 'DELETE'"),
    ],
)
def test_a_malformed_query_is_a_query_error_with_the_parsers_message(text, parser_says):
    with pytest.raises(QueryError) as caught:
        queries.run(Graph(), text)
    message = str(caught.value)
    assert message.startswith("malformed query: ")
    assert parser_says in message
    assert "line 1, column" in message
    assert "\n" not in message


def test_rows_prints_whole_decimals_without_a_trailing_zero_and_unbound_as_empty(example_graph):
    header, body = run_saved(example_graph, "projects-of-donor", donor="KOICA")
    row = dict(zip(header, body[0]))
    assert row["amount"] == "13000000"
    assert row["currency"] == "USD"
    assert row["year"] == ""


def test_ask_queries_give_a_one_cell_table(example_graph):
    assert queries.rows(queries.run(example_graph, "ASK { ?s ?p ?o }")) == (["ask"], [["true"]])


def test_construct_queries_are_not_printed_as_tables(example_graph):
    with pytest.raises(QueryError, match="only SELECT and ASK"):
        queries.rows(queries.run(example_graph, "CONSTRUCT WHERE { ?s ?p ?o }"))
