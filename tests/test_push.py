"""kg push: the Graph Store Protocol against a real Oxigraph server on a free loopback port."""

from __future__ import annotations

import base64
import json
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg import queries
from kg.build import extract_all
from kg.cli import main
from kg.push import PushError, PushOptions, graph_url, push
from kg.store import Store

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"
OXIGRAPH = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which("oxigraph")
needs_oxigraph = pytest.mark.skipif(OXIGRAPH is None, reason="the oxigraph server (pip install oxigraph) is not installed")
FAST = PushOptions(batch_size=8, parallel=2, retries=1, backoff=0.05, timeout=10)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class OxigraphServer:
    """``oxigraph serve`` on a free loopback port, with the union of all graphs as default graph."""

    def __init__(self, location: Path):
        self.location = location
        self.port = free_port()
        self.process = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> OxigraphServer:
        self.process = subprocess.Popen([OXIGRAPH, "serve", "--location", str(self.location),
                                         "--bind", f"127.0.0.1:{self.port}", "--union-default-graph"],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(200):
            try:
                self.ask("ASK { }")
                return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("oxigraph serve did not start")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def select(self, query: str) -> list[dict]:
        request = urllib.request.Request(f"{self.base}/query", data=query.encode(),
                                         headers={"Content-Type": "application/sparql-query",
                                                  "Accept": "application/sparql-results+json"})
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.load(response)["results"]["bindings"]

    def ask(self, query: str) -> bool:
        request = urllib.request.Request(f"{self.base}/query", data=query.encode(),
                                         headers={"Content-Type": "application/sparql-query"})
        with urllib.request.urlopen(request, timeout=5) as response:
            return json.load(response)["boolean"]

    def graph(self, iri: str | None) -> set[ox.Triple]:
        request = urllib.request.Request(graph_url(f"{self.base}/store", iri), headers={"Accept": "application/n-triples"})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return set(ox.parse(response.read(), format=ox.RdfFormat.N_TRIPLES))
        except urllib.error.HTTPError as exc:
            if exc.code == 404:
                return set()
            raise

    def quad_count(self) -> int:
        """Quads in the named graphs, plus triples in the default graph (which queries see as the union)."""
        rows = self.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(rows[0]["n"]["value"]) + len(self.graph(None))


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pushed") / "store"
    with Store(folder) as store:
        for extraction in extract_all(sorted(CORPUS.glob("*.txt")), 0):
            store.put(extraction)
    return folder


@pytest.fixture
def server(tmp_path):
    running = OxigraphServer(tmp_path / "oxigraph").start()
    yield running
    running.stop()


def payloads(store_dir):
    with Store(store_dir, read_only=True) as store:
        return list(store.graph_payloads())


def normal(rows) -> list[tuple[str, ...]]:
    """Rows sorted, with GROUP_CONCAT cells sorted (neither order is defined)."""
    return sorted(tuple(" | ".join(sorted(re.split(r" \| |, ", cell))) for cell in row) for row in rows)


@needs_oxigraph
def test_a_pushed_store_answers_every_saved_query_as_the_local_store(server, store_dir):
    report = push(payloads(store_dir), f"{server.base}/store", FAST)
    assert report.graphs == len(payloads(store_dir))
    with Store(store_dir, read_only=True) as store:
        for saved in queries.saved_queries().values():
            header, rows = store.rows(saved.text)
            remote = [[b[v]["value"] if v in b else "" for v in header] for b in server.select(saved.text)]
            assert normal(remote) == normal(rows), saved.name
        for graph, body in store.graph_payloads():
            assert server.graph(graph) == set(ox.parse(body, format=ox.RdfFormat.N_TRIPLES)), graph


@needs_oxigraph
def test_pushing_twice_changes_nothing(server, store_dir):
    push(payloads(store_dir), f"{server.base}/store", FAST)
    first = server.quad_count()
    push(payloads(store_dir), f"{server.base}/store", FAST)
    assert server.quad_count() == first
    assert first == sum(body.count(b"\n") for _graph, body in payloads(store_dir))


@needs_oxigraph
def test_a_server_stopped_mid_push_gives_a_clear_error_and_no_half_written_graph(server, store_dir):
    sent = []

    def stop_after_five(graph, _count):
        sent.append(graph)
        if len(sent) == 5:
            server.stop()

    with pytest.raises(PushError) as caught:
        push(payloads(store_dir), f"{server.base}/store", PushOptions(batch_size=2, parallel=1, retries=2,
                                                                      backoff=0.05, timeout=10), stop_after_five)
    message = str(caught.value)
    assert "cannot reach the server" in message and "graph <https://w3id.org/smartcity-kg/id/graph/" in message
    assert "push again to finish" in message
    restarted = OxigraphServer(server.location)
    restarted.port = server.port
    restarted.start()
    try:
        whole = complete = 0
        for graph, body in payloads(store_dir):
            there = restarted.graph(graph)
            assert there in (set(), set(ox.parse(body, format=ox.RdfFormat.N_TRIPLES))), f"half-written: {graph}"
            whole += bool(there)
        assert whole >= 5
        push(payloads(store_dir), f"{restarted.base}/store", FAST)  # and a second push finishes the job
        for graph, body in payloads(store_dir):
            complete += restarted.graph(graph) == set(ox.parse(body, format=ox.RdfFormat.N_TRIPLES))
        assert complete == len(payloads(store_dir))
    finally:
        restarted.stop()


@needs_oxigraph
def test_a_refusal_names_the_graph(server, store_dir):
    with pytest.raises(PushError, match=r"refused (the default graph|graph <[^>]+>): HTTP 4\d\d"):
        push(payloads(store_dir), f"{server.base}/nowhere", FAST)


@needs_oxigraph
def test_the_command_pushes_a_store_and_a_file(server, store_dir, tmp_path):
    result = CliRunner().invoke(main, ["push", "--store", str(store_dir), "--endpoint", f"{server.base}/store"])
    assert result.exit_code == 0, result.output
    assert f"pushed {len(payloads(store_dir))} graphs" in result.output
    with Store(store_dir, read_only=True) as store:
        store.export(tmp_path / "g.trig")
    count = server.quad_count()
    again = CliRunner().invoke(main, ["push", str(tmp_path / "g.trig"), "--endpoint", f"{server.base}/store", "-q"])
    assert again.exit_code == 0, again.output
    assert server.quad_count() == count


# -- a recording server, for credentials and retries --------------------------------------

class Recorder(BaseHTTPRequestHandler):
    failures = 0
    seen: list

    def log_message(self, *args):
        pass

    def do_PUT(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        type(self).seen.append((self.path, self.headers.get("Authorization"), self.headers.get("Content-Type")))
        if type(self).failures > 0:
            type(self).failures -= 1
            self.send_response(503)
        else:
            self.send_response(201)
        self.send_header("Content-Length", "0")
        self.end_headers()


@pytest.fixture
def recorder():
    handler = type("R", (Recorder,), {"seen": [], "failures": 0})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield handler, f"http://127.0.0.1:{httpd.server_address[1]}/store"
    httpd.shutdown()
    httpd.server_close()


GRAPHS = [(None, b"<urn:a> <urn:b> <urn:c> .\n"), ("https://w3id.org/smartcity-kg/id/graph/x", b"")]


def test_credentials_come_from_the_environment(recorder, monkeypatch):
    handler, url = recorder
    monkeypatch.setenv("KG_PUSH_USER", "alice")
    monkeypatch.setenv("KG_PUSH_PASSWORD", "s3cret")
    push(GRAPHS, url, FAST)
    assert {auth for _path, auth, _type in handler.seen} == {"Basic " + base64.b64encode(b"alice:s3cret").decode()}
    assert sorted(path for path, _auth, _type in handler.seen) == [
        "/store?default", "/store?graph=" + urllib.parse.quote("https://w3id.org/smartcity-kg/id/graph/x", safe="")]
    handler.seen.clear()
    monkeypatch.setenv("KG_PUSH_TOKEN", "t0ken")
    push(GRAPHS, url, FAST)
    assert {auth for _path, auth, _type in handler.seen} == {"Bearer t0ken"}


def test_5xx_answers_are_retried_with_back_off(recorder):
    handler, url = recorder
    handler.failures = 2
    report = push(GRAPHS[:1], url, PushOptions(retries=3, backoff=0.01, parallel=1))
    assert report.graphs == 1 and len(handler.seen) == 3


def test_giving_up_after_the_retries_names_the_graph(recorder):
    handler, url = recorder
    handler.failures = 10
    with pytest.raises(PushError, match=r"pushing the default graph to .* failed after 2 attempts: HTTP 503"):
        push(GRAPHS[:1], url, PushOptions(retries=1, backoff=0.01, parallel=1))


def test_an_unreachable_endpoint_is_a_clear_error():
    with pytest.raises(PushError, match="cannot reach the server"):
        push(GRAPHS[:1], f"http://127.0.0.1:{free_port()}/store", PushOptions(retries=1, backoff=0.01))
