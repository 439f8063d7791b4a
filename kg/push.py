"""Push a graph to a triple store with the SPARQL 1.1 Graph Store HTTP Protocol.

Each graph goes in one ``PUT ENDPOINT?graph=IRI`` (``?default`` for the
default graph), so pushing again replaces what was there rather than adding
to it; the server applies each PUT as a whole, so a push cut off half-way
leaves every graph as it was before or as it is here.  Graphs are sent in
batches, a few at a time; connection errors and 5xx answers are retried with
exponential back-off; a refusal (4xx) stops the push with an error naming the
graph.

Credentials come from the environment, never from the command line:
``KG_PUSH_TOKEN`` (sent as a bearer token), or ``KG_PUSH_USER`` and
``KG_PUSH_PASSWORD`` (HTTP Basic, sent up front, or Digest when the server
asks for it, as Virtuoso does).
"""

from __future__ import annotations

import os
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from .errors import KGError

CONTENT_TYPE = "text/turtle; charset=utf-8"  # the bodies are N-Triples, which is Turtle; every GSP server reads Turtle
RETRYABLE = {408, 425, 429}


class PushError(KGError):
    """The triple store could not be reached or refused a graph."""


@dataclass(frozen=True, slots=True)
class PushReport:
    endpoint: str
    graphs: int
    triples: int


@dataclass(frozen=True, slots=True)
class PushOptions:
    batch_size: int = 16  # graphs in flight before the next batch starts
    parallel: int = 4  # connections used inside a batch
    retries: int = 5  # further attempts after a connection error or a 5xx answer
    backoff: float = 0.5  # seconds before the first retry; doubled each time, at most 30 s
    timeout: float = 120.0  # seconds for one request


def graph_url(endpoint: str, graph: str | None) -> str:
    """``ENDPOINT?graph=IRI`` (percent-encoded) or ``ENDPOINT?default``."""
    joiner = "&" if "?" in endpoint else "?"
    return f"{endpoint}{joiner}default" if graph is None else f"{endpoint}{joiner}graph={quote(graph, safe='')}"


def _opener(endpoint: str) -> tuple[urllib.request.OpenerDirector, dict[str, str]]:
    headers = {"Content-Type": CONTENT_TYPE, "User-Agent": "smartcity-kg push"}
    token = os.environ.get("KG_PUSH_TOKEN")
    user, password = os.environ.get("KG_PUSH_USER"), os.environ.get("KG_PUSH_PASSWORD")
    if token:
        headers["Authorization"] = f"Bearer {token}"
        return urllib.request.build_opener(), headers
    if user:
        if password is None:
            raise PushError("KG_PUSH_USER is set but KG_PUSH_PASSWORD is not; set both, or KG_PUSH_TOKEN")
        passwords = urllib.request.HTTPPasswordMgrWithPriorAuth()
        passwords.add_password(None, endpoint, user, password, is_authenticated=True)
        return urllib.request.build_opener(urllib.request.HTTPBasicAuthHandler(passwords),
                                           urllib.request.HTTPDigestAuthHandler(passwords)), headers
    return urllib.request.build_opener(), headers


def _describe(graph: str | None) -> str:
    return "the default graph" if graph is None else f"graph <{graph}>"


def put_graph(endpoint: str, graph: str | None, body: bytes, options: PushOptions = PushOptions(),
              opener=None) -> None:
    """PUT one graph, retrying connection errors and 5xx answers; PushError when refused or out of retries."""
    if opener is None:
        opener, headers = _opener(endpoint)
    else:
        opener, headers = opener
    url = graph_url(endpoint, graph)
    delay, attempt = options.backoff, 0
    while True:
        request = urllib.request.Request(url, data=body, method="PUT", headers=headers)
        try:
            with opener.open(request, timeout=options.timeout) as response:
                response.read()
            return
        except urllib.error.HTTPError as exc:
            detail = " ".join(exc.read(500).decode("utf-8", "replace").split())
            problem = f"HTTP {exc.code} {exc.reason}" + (f": {detail}" if detail else "")
            if exc.code < 500 and exc.code not in RETRYABLE:
                raise PushError(f"{endpoint} refused {_describe(graph)}: {problem}") from None
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            problem = f"cannot reach the server ({reason})"
        attempt += 1
        if attempt > options.retries:
            raise PushError(f"pushing {_describe(graph)} to {endpoint} failed after {attempt} attempts: {problem}")
        time.sleep(delay)
        delay = min(delay * 2, 30.0)


def _batches(items: Iterable, size: int) -> Iterator[list]:
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def push(graphs: Iterable[tuple[str | None, bytes]], endpoint: str, options: PushOptions = PushOptions(),
         on_graph: Callable[[str | None, int], None] | None = None) -> PushReport:
    """PUT every (graph IRI or None, N-Triples body) to a Graph Store endpoint.

    Stops at the first batch with a failure and raises PushError naming the
    graph, and saying how many graphs had been pushed before it.
    """
    if not endpoint.startswith(("http://", "https://")):
        raise PushError(f"the endpoint must be an http:// or https:// URL, not '{endpoint}'")
    opener = _opener(endpoint)
    done = triples = 0
    with ThreadPoolExecutor(max_workers=max(1, options.parallel)) as pool:
        for batch in _batches(graphs, max(1, options.batch_size)):
            futures = [(graph, body, pool.submit(put_graph, endpoint, graph, body, options, opener))
                       for graph, body in batch]
            failure = None
            for graph, body, future in futures:
                try:
                    future.result()
                except PushError as exc:
                    failure = failure or exc
                    continue
                done += 1
                count = body.count(b"\n")
                triples += count
                if on_graph:
                    on_graph(graph, count)
            if failure is not None:
                raise PushError(f"{failure} ({done} graphs were pushed before it stopped; "
                                "push again to finish: a PUT replaces, so nothing is duplicated)")
    return PushReport(endpoint, done, triples)


def file_payloads(path: str | os.PathLike[str]) -> Iterator[tuple[str | None, bytes]]:
    """(graph IRI or None, N-Triples) for each graph of a graph file; a triples file is one default graph."""
    import pyoxigraph as ox

    from .errors import InputError
    from .storage import format_for

    format_for(path)  # refuse an unknown extension with the usual message
    if not Path(path).is_file():
        raise InputError(str(path), "no such graph file")
    graphs: dict[str | None, list] = {}
    try:
        for quad in ox.parse(path=str(path), format=ox.RdfFormat.from_extension(Path(path).suffix.lstrip(".").lower())):
            name = None if isinstance(quad.graph_name, ox.DefaultGraph) else quad.graph_name.value
            graphs.setdefault(name, []).append(quad.triple)
    except (SyntaxError, ValueError) as exc:
        raise InputError(str(path), f"not a valid graph file ({' '.join(str(exc).split())})") from None
    for name in sorted(graphs, key=lambda g: (g is not None, g or "")):
        yield name, ox.serialize(graphs[name], format=ox.RdfFormat.N_TRIPLES) or b""


def rename_default(payloads: Iterable[tuple[str | None, bytes]], default_graph: str | None):
    """Send the default graph to a named graph instead (for stores that query the union of named graphs)."""
    for graph, body in payloads:
        yield (default_graph if graph is None else graph), body


__all__ = ["PushError", "PushOptions", "PushReport", "file_payloads", "graph_url", "push", "put_graph",
           "rename_default"]
