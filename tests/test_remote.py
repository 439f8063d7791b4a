"""A remote answer is trusted only when it is whole: HTTP 200 with a cut-off body is an error."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.errors import QueryError
from kg.remote import parse

WHOLE = b'{"head": {"vars": ["n"]}, "results": {"bindings": [{"n": {"type": "literal", "value": "3"}}]}}'


@pytest.mark.parametrize(
    "body, headers, message",
    [
        (WHOLE[:40], {}, "truncated or malformed"),
        (b"Query cancelled: timeout of 30s exceeded", {}, "cut the query short"),
        (b'{"head": {"vars": ["n"]}}', {}, "without results"),
        (WHOLE, {"X-SQL-State": "S1TAT"}, "partial answer"),
    ],
)
def test_a_cut_short_answer_is_an_error_not_zero_rows(body, headers, message):
    with pytest.raises(QueryError, match=message):
        parse("http://example.org/sparql", body, headers)


def test_a_whole_answer_gives_its_rows():
    assert parse("http://example.org/sparql", WHOLE, {}) == (["n"], [["3"]])


def _serve(body: bytes):
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.mark.parametrize("body, rows", [(WHOLE, "3"), (WHOLE[:50], None)])
def test_cli_endpoint_prints_rows_or_fails_on_a_truncated_body(body, rows):
    server = _serve(body)
    try:
        url = f"http://127.0.0.1:{server.server_port}/sparql"
        result = CliRunner().invoke(main, ["query", "--endpoint", url, "SELECT ?n WHERE { ?s ?p ?n }", "--format", "csv"])
    finally:
        server.shutdown()
    if rows is None:
        assert result.exit_code == 2 and "truncated" in result.stderr
    else:
        assert result.exit_code == 0 and result.stdout == "n\n3\n"
