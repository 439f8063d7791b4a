"""A read-only SPARQL 1.1 Protocol endpoint over a store or a graph file.

``GET /sparql?query=…`` and ``POST /sparql`` (a form with ``query=…``, or an
``application/sparql-query`` body) answer in the format the ``Accept`` header
asks for: SPARQL results as JSON, XML, CSV or TSV; CONSTRUCT and DESCRIBE as
Turtle, N-Triples, RDF/XML or JSON-LD.  ``default-graph-uri`` and
``named-graph-uri`` pick the dataset; without them the default graph is the
whole graph (entities, documents and every article's facts) and each article
is a named graph.  SPARQL Update is refused.  ``GET /`` is a query page that
lists the saved queries.

Queries run in worker processes, each with its own read-only handle on the
database, so a query that passes the deadline (``timeout``) is stopped by
ending its worker, and the client gets ``503`` with a message saying so.
"""

from __future__ import annotations

import html
import multiprocessing
import os
import queue
import shutil
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox

from .errors import InputError, KGError, QueryError

MAX_BODY = 1_000_000
RESULTS = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
GRAPHS = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
}
WILDCARDS = {  # (results, graph) format for each wildcard
    "*/*": ("application/sparql-results+json", "text/turtle"),
    "application/*": ("application/sparql-results+json", "application/n-triples"),
    "text/*": ("text/csv", "text/turtle"),
}
FORMAT_PARAM = {  # ?format= / ?output= as SPARQLWrapper and others send it
    "json": "application/sparql-results+json", "xml": "application/sparql-results+xml", "csv": "text/csv",
    "tsv": "text/tab-separated-values", "turtle": "text/turtle", "n3": "text/turtle",
    "nt": "application/n-triples", "rdf": "application/rdf+xml", "json-ld": "application/ld+json",
}


def accepted(header: str | None, format_param: str | None = None) -> list[str]:
    """Media types the client accepts, best first (q-values honoured, order kept among equals)."""
    if format_param:
        return [FORMAT_PARAM.get(format_param.lower(), format_param.lower()), "*/*"]
    ranked = []
    for position, part in enumerate((header or "*/*").split(",")):
        media, *options = [p.strip() for p in part.split(";")]
        quality = 1.0
        for option in options:
            key, _, value = option.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if media and quality > 0:
            ranked.append((-quality, position, media.lower()))
    return [media for _q, _p, media in sorted(ranked)]


def choose(kinds: list[str], graph: bool) -> tuple[str, object] | None:
    """The first accepted media type this endpoint can write for a result (a graph, or solutions)."""
    table = GRAPHS if graph else RESULTS
    for media in kinds:
        if media in WILDCARDS:
            media = WILDCARDS[media][1 if graph else 0]
        if media in table:
            return media, table[media]
    return None


# -- worker processes -------------------------------------------------------------

def _answer(store: ox.Store, job: dict) -> tuple[int, str, bytes]:
    options = {}
    if job["default_graphs"] or job["named_graphs"]:
        options["default_graph"] = [ox.NamedNode(g) for g in job["default_graphs"]] or ox.DefaultGraph()
        options["named_graphs"] = [ox.NamedNode(g) for g in job["named_graphs"]]
    try:
        result = store.query(job["query"], **options)
        graph = isinstance(result, ox.QueryTriples)
        chosen = choose(job["accept"], graph)
        if chosen is None:
            offered = ", ".join(GRAPHS if graph else RESULTS)
            return 406, "text/plain", f"none of the accepted media types can be given; this result comes as {offered}".encode()
        _media, fmt = chosen
        return 200, fmt.media_type, result.serialize(format=fmt) or b""
    except SyntaxError as exc:
        return 400, "text/plain", f"malformed query: {' '.join(str(exc).split())}".encode()
    except ValueError as exc:
        return 400, "text/plain", f"bad request: {exc}".encode()
    except Exception as exc:  # noqa: BLE001 - the worker answers every request, whatever went wrong
        return 500, "text/plain", f"query failed: {exc}".encode()


def _worker_main(database: str, conn) -> None:
    store = ox.Store.read_only(database)
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        conn.send(_answer(store, job))


class _Pool:
    """Long-lived query workers; one that passes the deadline is killed and replaced."""

    def __init__(self, database: Path, size: int, timeout: float):
        self.database = str(database)
        self.timeout = timeout
        self._context = multiprocessing.get_context("forkserver" if os.name == "posix" else "spawn")
        self._idle: queue.Queue = queue.Queue()
        self._all: set = set()
        self._lock = threading.Lock()
        for _ in range(max(1, size)):
            self._idle.put(self._start())

    def _start(self):
        parent, child = self._context.Pipe()
        process = self._context.Process(target=_worker_main, args=(self.database, child), daemon=True)
        process.start()
        child.close()
        with self._lock:
            self._all.add((process, parent))
        return process, parent

    def _retire(self, worker) -> None:
        process, conn = worker
        process.kill()
        process.join()
        conn.close()
        with self._lock:
            self._all.discard(worker)

    def run(self, job: dict) -> tuple[int, str, bytes]:
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            return 503, "text/plain", f"every query worker stayed busy for {self.timeout:g} s; try again".encode()
        process, conn = worker
        try:
            conn.send(job)
            if conn.poll(self.timeout):
                answer = conn.recv()
                self._idle.put(worker)
                return answer
            message = f"query cut off: it ran longer than the endpoint's limit of {self.timeout:g} s (--timeout)"
            status = 503
        except (EOFError, OSError):
            message, status = "the query worker died while answering; the query may need more memory", 500
        self._retire(worker)
        self._idle.put(self._start())
        return status, "text/plain", message.encode()

    def close(self) -> None:
        with self._lock:
            workers = list(self._all)
        for worker in workers:
            self._retire(worker)


# -- HTTP ---------------------------------------------------------------------------

class _Handler(BaseHTTPRequestHandler):
    server_version = "smartcity-kg-sparql"
    pool: _Pool  # set on the subclass made per endpoint
    page: bytes

    def log_message(self, format, *args):  # noqa: A002 - quiet by default
        pass

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        if content_type.startswith("text/") and "charset" not in content_type:
            content_type += "; charset=utf-8"
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Vary", "Accept")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _refuse_update(self) -> None:
        self._send(403, "text/plain", b"this endpoint is read-only: SPARQL Update is refused")

    def do_OPTIONS(self):  # CORS preflight (YASGUI and other browser tools)
        self.send_response(204)
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self):
        url = urlsplit(self.path)
        params = parse_qs(url.query, keep_blank_values=True)
        if url.path == "/" or (url.path == "/sparql" and "query" not in params and "update" not in params):
            self._send(200, "text/html", self.page)
        elif url.path == "/sparql":
            self._query(params)
        else:
            self._send(404, "text/plain", f"no such page: {url.path}; the endpoint is /sparql".encode())

    do_HEAD = do_GET

    def do_POST(self):
        url = urlsplit(self.path)
        if url.path != "/sparql":
            self._send(404, "text/plain", f"no such endpoint: {url.path}; POST to /sparql".encode())
            return
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            self._send(413, "text/plain", f"request body over {MAX_BODY} bytes".encode())
            return
        body = self.rfile.read(length).decode("utf-8", "replace")
        media = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = parse_qs(url.query, keep_blank_values=True)
        if media == "application/sparql-update":
            self._refuse_update()
            return
        if media == "application/x-www-form-urlencoded":
            for key, values in parse_qs(body, keep_blank_values=True).items():
                params.setdefault(key, []).extend(values)
        elif media == "application/sparql-query":
            params.setdefault("query", []).append(body)
        else:
            self._send(415, "text/plain", b"send application/sparql-query or application/x-www-form-urlencoded")
            return
        self._query(params)

    def do_PUT(self):
        self._refuse_update()

    do_DELETE = do_PATCH = do_PUT

    def _query(self, params: dict[str, list[str]]) -> None:
        from .queries import check_size

        if "update" in params:
            self._refuse_update()
            return
        texts = params.get("query", [])
        if len(texts) != 1 or not texts[0].strip():
            self._send(400, "text/plain", b"give exactly one non-empty 'query' parameter")
            return
        try:
            check_size(texts[0])
        except QueryError as exc:
            self._send(400, "text/plain", str(exc).encode())
            return
        format_param = (params.get("format") or params.get("output") or [None])[0]
        job = {
            "query": texts[0],
            "accept": accepted(self.headers.get("Accept"), format_param),
            "default_graphs": params.get("default-graph-uri", []),
            "named_graphs": params.get("named-graph-uri", []),
        }
        self._send(*self.pool.run(job))


def query_page(title: str) -> bytes:
    """The HTML page: a query form, and the saved queries (every text escaped)."""
    from .queries import saved_queries

    items = []
    for q in saved_queries().values():
        params = f"<p class=params>parameters: {html.escape(', '.join(q.parameters))} (bound as ?&lt;name&gt;Name)</p>" \
            if q.parameters else ""
        items.append(f"<li><h3>{html.escape(q.title)} <code>{html.escape(q.name)}</code></h3>"
                     f"<p>{html.escape(q.description)}</p>{params}"
                     f"<pre>{html.escape(q.text)}</pre><button type=button class=use>Use this query</button></li>")
    first = next(iter(saved_queries().values()), None)
    start = html.escape(first.text if first else "SELECT * WHERE { ?s ?p ?o } LIMIT 10")
    return PAGE.format(title=html.escape(title), start=start, saved="\n".join(items)).encode("utf-8")


PAGE = """<!doctype html>
<html lang=en><head><meta charset=utf-8><title>SPARQL: {title}</title>
<style>body{{font-family:sans-serif;max-width:70em;margin:1em auto;padding:0 1em}}textarea{{width:100%;height:14em;
font-family:monospace}}pre{{background:#f4f4f4;padding:.5em;overflow:auto}}table{{border-collapse:collapse}}
td,th{{border:1px solid #ccc;padding:.2em .4em;text-align:left;vertical-align:top}}#status{{color:#a00}}</style></head>
<body><h1>SPARQL endpoint: {title}</h1>
<p>Read-only <a href="https://www.w3.org/TR/sparql11-protocol/">SPARQL 1.1 Protocol</a> endpoint at
<code>/sparql</code> (GET or POST; JSON, XML, CSV or TSV by <code>Accept</code>).</p>
<form id=form><textarea id=query name=query spellcheck=false>{start}</textarea>
<p><button>Run</button> <span id=status></span></p></form><div id=results></div>
<h2>Saved queries</h2><ul id=saved>{saved}</ul>
<script>
const form = document.getElementById('form'), status = document.getElementById('status');
for (const b of document.querySelectorAll('button.use')) b.onclick = () => {{
  document.getElementById('query').value = b.previousElementSibling.textContent; window.scrollTo(0, 0); }};
form.onsubmit = async (event) => {{
  event.preventDefault(); status.textContent = 'running…';
  const out = document.getElementById('results'); out.replaceChildren();
  const response = await fetch('sparql', {{method: 'POST', body: new URLSearchParams({{query: form.query.value}}),
    headers: {{'Accept': 'application/sparql-results+json, text/turtle;q=0.9'}}}});
  const text = await response.text();
  if (!response.ok) {{ status.textContent = response.status + ': ' + text; return; }}
  status.textContent = '';
  if (!(response.headers.get('Content-Type') || '').includes('json')) {{
    const pre = document.createElement('pre'); pre.textContent = text; out.append(pre); return; }}
  const data = JSON.parse(text);
  if ('boolean' in data) {{ out.textContent = String(data.boolean); return; }}
  const table = document.createElement('table'), head = table.insertRow();
  for (const v of data.head.vars) head.append(Object.assign(document.createElement('th'), {{textContent: v}}));
  for (const b of data.results.bindings) {{ const row = table.insertRow();
    for (const v of data.head.vars) row.insertCell().textContent = b[v] ? b[v].value : ''; }}
  out.append(table, Object.assign(document.createElement('p'), {{textContent: data.results.bindings.length + ' rows'}}));
}};
</script></body></html>
"""


class Endpoint:
    """An HTTP server answering SPARQL over one database folder; start with :meth:`serve_forever`."""

    def __init__(self, database: Path, *, host: str = "127.0.0.1", port: int = 7878, timeout: float = 30.0,
                 workers: int = 2, title: str = "smartcity-kg", on_close=None):
        self._on_close = on_close
        self._serving = False
        self.pool = _Pool(database, workers, timeout)
        handler = type("Handler", (_Handler,), {"pool": self.pool, "page": query_page(title)})
        try:
            self.httpd = ThreadingHTTPServer((host, port), handler)
        except OSError as exc:
            self.pool.close()
            raise KGError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
        self.httpd.daemon_threads = True

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}/sparql"

    def serve_forever(self) -> None:
        self._serving = True
        self.httpd.serve_forever()

    def start(self) -> threading.Thread:
        """Serve from a background thread (for tests and embedding)."""
        thread = threading.Thread(target=self.serve_forever, daemon=True)
        thread.start()
        return thread

    def close(self) -> None:
        if self._serving:
            self.httpd.shutdown()
        self.httpd.server_close()
        self.pool.close()
        if self._on_close:
            self._on_close()

    def __enter__(self) -> Endpoint:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def open_endpoint(graph: str | os.PathLike[str] | None = None, store: str | os.PathLike[str] | None = None,
                  **options) -> Endpoint:
    """An endpoint over a kg store (held read-only while it serves) or a graph file (loaded into a temporary store)."""
    if (graph is None) == (store is None):
        raise KGError("serve a graph file or a store (--store DIR), exactly one")
    if store is not None:
        from .store import Store

        held = Store(store, read_only=True)  # the shared lock keeps writers out while serving
        try:
            return Endpoint(held.database, title=str(store), on_close=held.close, **options)
        except BaseException:
            held.close()
            raise
    folder = Path(tempfile.mkdtemp(prefix="kg-serve-"))
    try:
        _load_file(Path(graph), folder / "db")
        return Endpoint(folder / "db", title=Path(graph).name, on_close=lambda: shutil.rmtree(folder, True), **options)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise


def _load_file(path: Path, database: Path) -> None:
    """Load a graph file into a new database whose default graph is the union of all its graphs."""
    from .storage import format_for

    format_for(path)  # refuse an unknown extension with the usual message
    if not path.is_file():
        raise InputError(str(path), "no such graph file")
    fmt = ox.RdfFormat.from_extension(path.suffix.lstrip(".").lower())
    db = ox.Store(str(database))
    try:
        db.bulk_load(path=str(path), format=fmt)
    except (SyntaxError, ValueError) as exc:
        raise InputError(str(path), f"not a valid {fmt} graph ({' '.join(str(exc).split())})") from None
    db.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
    db.flush()
    del db


__all__ = ["Endpoint", "accepted", "choose", "open_endpoint", "query_page"]
