"""kg serve: a read-only SPARQL 1.1 Protocol endpoint, on loopback, with a deadline per query."""

from __future__ import annotations

import csv
import io
import json
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from rdflib import Graph

from kg import queries
from kg.build import extract_all
from kg.queries import SavedQuery
from kg.server import accepted, open_endpoint, query_page
from kg.store import Store, StoreLocked

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"
DONORS = ("PREFIX sc: <https://w3id.org/smartcity-kg/ontology#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
          "SELECT ?d ?label WHERE { ?d a sc:Donor ; skos:prefLabel ?label } ORDER BY ?label")
ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("served") / "store"
    with Store(folder) as store:
        for extraction in extract_all(sorted(CORPUS.glob("*.txt"))[:6], 0):
            store.put(extraction)
    return folder


@pytest.fixture(scope="module")
def endpoint(store_dir):
    with open_endpoint(store=store_dir, port=0, timeout=2.0, workers=2) as served:
        served.start()
        yield served


@pytest.fixture(scope="module")
def donors(store_dir):
    with Store(store_dir, read_only=True) as store:
        return store.rows(DONORS)[1]


def get(url, accept=None, **params):
    request = urllib.request.Request(url + ("?" + urllib.parse.urlencode(params) if params else ""))
    if accept:
        request.add_header("Accept", accept)
    return urllib.request.urlopen(request, timeout=30)


def post(url, body: bytes, content_type: str, accept=None):
    request = urllib.request.Request(url, data=body, headers={"Content-Type": content_type})
    if accept:
        request.add_header("Accept", accept)
    return urllib.request.urlopen(request, timeout=30)


def error_of(call):
    with pytest.raises(urllib.error.HTTPError) as caught:
        call()
    return caught.value.code, caught.value.read().decode()


def test_it_listens_on_loopback_by_default(store_dir):
    with open_endpoint(store=store_dir, port=0, workers=1) as served:
        assert served.url.startswith("http://127.0.0.1:")


def test_json_results_by_default_and_when_asked(endpoint, donors):
    for accept in (None, "application/sparql-results+json", "application/json", "*/*"):
        response = get(endpoint.url, accept, query=DONORS)
        assert response.headers["Content-Type"].startswith("application/sparql-results+json")
        data = json.load(response)
        assert [[b["d"]["value"], b["label"]["value"]] for b in data["results"]["bindings"]] == donors


def test_xml_results(endpoint, donors):
    response = get(endpoint.url, "application/sparql-results+xml", query=DONORS)
    assert response.headers["Content-Type"].startswith("application/sparql-results+xml")
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    results = ET.parse(response).getroot().findall("r:results/r:result", ns)
    assert [r.find("r:binding[@name='label']/r:literal", ns).text for r in results] == [d[1] for d in donors]


@pytest.mark.parametrize("accept,delimiter", [("text/csv", ","), ("text/tab-separated-values", "\t")])
def test_csv_and_tsv_results(endpoint, donors, accept, delimiter):
    response = get(endpoint.url, accept, query=DONORS)
    assert response.headers["Content-Type"].startswith(accept)
    rows = list(csv.reader(io.StringIO(response.read().decode()), delimiter=delimiter))
    assert len(rows) == len(donors) + 1
    assert rows[0] in (["d", "label"], ["?d", "?label"])


def test_q_values_pick_the_preferred_format(endpoint):
    response = get(endpoint.url, "application/sparql-results+json;q=0.5, text/csv", query=DONORS)
    assert response.headers["Content-Type"].startswith("text/csv")
    assert accepted("text/csv;q=0.2, application/json") == ["application/json", "text/csv"]


def test_post_as_a_form_and_as_a_query_body(endpoint, donors):
    form = post(endpoint.url, urllib.parse.urlencode({"query": DONORS}).encode(), "application/x-www-form-urlencoded")
    direct = post(endpoint.url, DONORS.encode(), "application/sparql-query", "application/sparql-results+json")
    for response in (form, direct):
        assert len(json.load(response)["results"]["bindings"]) == len(donors)


def test_format_parameter_as_sparqlwrapper_sends_it(endpoint, donors):
    response = get(endpoint.url, "text/html", query=DONORS, format="csv")
    assert response.headers["Content-Type"].startswith("text/csv")


def test_ask_and_construct(endpoint):
    assert json.load(get(endpoint.url, query="ASK { ?s ?p ?o }"))["boolean"] is True
    response = get(endpoint.url, "text/turtle", query="CONSTRUCT WHERE { ?s a ?c } LIMIT 5")
    assert response.headers["Content-Type"].startswith("text/turtle")
    assert len(Graph().parse(data=response.read().decode(), format="turtle")) == 5


def test_a_malformed_query_is_a_400_with_the_parsers_message(endpoint):
    code, message = error_of(lambda: get(endpoint.url, query="SELECT WHERE {"))
    assert code == 400 and "malformed query" in message


def test_an_unacceptable_format_is_a_406(endpoint):
    code, _message = error_of(lambda: get(endpoint.url, "image/png", query=DONORS))
    assert code == 406


@pytest.mark.parametrize("send", [
    lambda url: post(url, b"INSERT DATA { <urn:a> <urn:b> <urn:c> }", "application/sparql-update"),
    lambda url: post(url, b"update=INSERT+DATA+%7B%3Curn%3Aa%3E+%3Curn%3Ab%3E+%3Curn%3Ac%3E%7D",
                     "application/x-www-form-urlencoded"),
    lambda url: get(url, update="INSERT DATA { <urn:a> <urn:b> <urn:c> }"),
    lambda url: urllib.request.urlopen(urllib.request.Request(url, data=b"", method="PUT")),
])
def test_updates_are_refused_and_change_nothing(endpoint, send):
    code, message = error_of(lambda: send(endpoint.url))
    assert code in (403, 405) and "read-only" in message
    assert json.load(get(endpoint.url, query="ASK { <urn:a> ?p ?o }"))["boolean"] is False


def test_an_update_sent_as_a_query_does_not_run(endpoint):
    code, _message = error_of(lambda: get(endpoint.url, query="INSERT DATA { <urn:a> <urn:b> <urn:c> }"))
    assert code == 400


def test_a_query_past_the_deadline_is_cut_off_and_the_endpoint_goes_on(endpoint, donors):
    code, message = error_of(lambda: get(endpoint.url, query=ENDLESS))
    assert code == 503 and "cut off" in message and "2 s" in message
    assert len(json.load(get(endpoint.url, query=DONORS))["results"]["bindings"]) == len(donors)


def test_the_query_page_lists_every_saved_query(endpoint):
    page = get(endpoint.url.replace("/sparql", "/"), "text/html").read().decode()
    for saved in queries.saved_queries().values():
        assert saved.title in page and saved.name in page


def test_the_query_page_escapes_what_it_shows(monkeypatch):
    hostile = SavedQuery("x<script>", "<script>alert(1)</script>", "a & b <i>", ("p",), "SELECT * WHERE { ?s ?p '</pre>' }")
    monkeypatch.setattr(queries, "saved_queries", lambda: {hostile.name: hostile})
    page = query_page("<b>title</b>").decode()
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "a &amp; b &lt;i&gt;" in page and "&lt;/pre&gt;" in page and "&lt;b&gt;title" in page


def test_a_served_store_keeps_writers_out(endpoint, store_dir):
    with pytest.raises(StoreLocked):
        Store(store_dir)


def test_a_graph_file_is_served_with_its_union_as_default_graph(tmp_path, store_dir):
    with Store(store_dir, read_only=True) as store:
        store.export(tmp_path / "g.trig")
        size = len(store)
    with open_endpoint(graph=tmp_path / "g.trig", port=0, workers=1) as served:
        served.start()
        data = json.load(get(served.url, query="SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"))
        assert int(data["results"]["bindings"][0]["n"]["value"]) == size


def test_sparqlwrapper_reads_it(endpoint, donors):
    sparqlwrapper = pytest.importorskip("SPARQLWrapper")
    client = sparqlwrapper.SPARQLWrapper(endpoint.url)
    client.setQuery(DONORS)
    client.setReturnFormat(sparqlwrapper.JSON)
    bindings = client.query().convert()["results"]["bindings"]
    assert [b["label"]["value"] for b in bindings] == [d[1] for d in donors]
    client.setMethod(sparqlwrapper.POST)
    client.setReturnFormat(sparqlwrapper.CSV)
    assert len(client.query().convert().decode().splitlines()) == len(donors) + 1
