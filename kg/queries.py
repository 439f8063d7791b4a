"""Saved SPARQL queries and running queries against a graph.

A saved query is a ``kg/queries/NAME.rq`` file whose header comments give its
name, title, description and parameters.  Parameters are bound as values
(``initBindings``), never pasted into the query text, so no input can change
what a query does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib import Graph, Literal, Variable
from rdflib.namespace import XSD
from rdflib.query import Result

from . import resources
from .errors import QueryError

_HEADER = re.compile(r"^#\s*(\w+):\s*(.*)$")
# One parameter: its name, "(optional)", then an optional "— description".  A
# comma inside a description ("a province's name, any case") starts no parameter.
_PARAM = re.compile(r"^(\w+)\s*(\(optional\))?\s*(?:[—–:-].*)?$")
MAX_QUERY_CHARS = 100_000
MAX_NESTING = 20  # rdflib's SPARQL parser exhausts Python's recursion at about 24


@dataclass(frozen=True, slots=True)
class SavedQuery:
    name: str
    title: str
    description: str
    parameters: tuple[str, ...]  # names; bound as ?<name>Name
    text: str


def _parse(stem: str, text: str) -> SavedQuery:
    header = {}
    for line in text.splitlines():
        m = _HEADER.match(line)
        if not m:
            break
        header[m.group(1)] = m.group(2).strip()
    params = ()
    raw = header.get("parameters", "none")
    if raw and raw != "none":
        params = tuple(m.group(1) for part in raw.split(",") if (m := _PARAM.match(part.strip())))
    return SavedQuery(header.get("name", stem), header.get("title", stem), header.get("description", ""), params, text)


def saved_queries() -> dict[str, SavedQuery]:
    queries = [_parse(stem, text) for stem, text in resources.query_files().items()]
    return {q.name: q for q in sorted(queries, key=lambda q: q.name)}


def saved_query(name: str) -> SavedQuery:
    queries = saved_queries()
    if name not in queries:
        raise QueryError(f"no saved query named '{name}'; saved queries: {', '.join(queries)}")
    return queries[name]


def check_size(text: str) -> None:
    """Refuse queries that would exhaust the parser before they reach it."""
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"query too long ({len(text)} characters, at most {MAX_QUERY_CHARS})")
    depth = deepest = 0
    for ch in text:
        if ch in "({[":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in ")}]":
            depth -= 1
    if deepest > MAX_NESTING:
        raise QueryError(f"query nested too deeply ({deepest} levels, at most {MAX_NESTING})")


def bindings(query: SavedQuery, values: dict[str, str]) -> dict[Variable, Literal]:
    unknown = set(values) - set(query.parameters)
    if unknown:
        allowed = ", ".join(query.parameters) or "none"
        raise QueryError(f"query '{query.name}' has no parameter {', '.join(sorted(unknown))} (parameters: {allowed})")
    return {Variable(f"{name}Name"): Literal(value) for name, value in values.items()}


def run(graph: Graph, text: str, init: dict[Variable, Literal] | None = None) -> Result:
    """Run a read-only SPARQL query; a malformed query raises QueryError with the parser's message."""
    check_size(text)
    from rdflib.plugins.sparql import prepareQuery

    try:
        prepared = prepareQuery(text)
    except RecursionError:  # the parser recurses per bracket: about 24 nested parentheses exhaust it
        raise QueryError("query nested too deeply for the SPARQL parser; flatten its brackets") from None
    except Exception as exc:
        raise QueryError(f"malformed query: {_parser_message(exc)}") from None
    try:
        return graph.query(prepared, initBindings=init or {})
    except Exception as exc:
        raise QueryError(f"query failed: {exc}") from None


def _parser_message(exc: Exception) -> str:
    text = " ".join(str(exc).split())
    line = getattr(exc, "lineno", None)
    col = getattr(exc, "col", None)
    if line is not None and col is not None:
        return f"{text} (line {line}, column {col})"
    return text or type(exc).__name__


def rows(result: Result) -> tuple[list[str], list[list[str]]]:
    """Header and rows of a SELECT result as strings ('' for unbound)."""
    if result.type == "ASK":
        return ["ask"], [[str(result.askAnswer).lower()]]
    if result.type != "SELECT":
        raise QueryError("only SELECT and ASK queries print as tables; use CONSTRUCT with `kg export`")
    header = [str(v) for v in result.vars]
    body = [[_text(value) for value in row] for row in result]
    return header, body


def _text(value) -> str:
    """A cell as text: unbound is empty, a whole xsd:decimal has no ".0"."""
    if value is None:
        return ""
    text = str(value)
    if isinstance(value, Literal) and value.datatype == XSD.decimal and text.endswith(".0"):
        return text[:-2]
    return text


def _child(connection, work) -> None:
    try:
        connection.send(("ok", work()))
    except BaseException as exc:  # noqa: BLE001 - everything goes back to the parent as a message
        connection.send(("error", exc if isinstance(exc, QueryError) else QueryError(f"query failed: {exc}")))
    finally:
        connection.close()


def within(work, timeout: float | None):
    """Run ``work()`` (a query and its rows) and return its result; with a
    ``timeout``, in a child process that is killed when the time is up, since
    neither rdflib nor pyoxigraph can stop a running query."""
    if not timeout:
        return work()
    import multiprocessing

    context = multiprocessing.get_context("fork")
    parent, child = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(child, work), daemon=True)
    process.start()
    child.close()
    try:
        if not parent.poll(timeout):
            raise QueryError(f"query cut off: it ran longer than {timeout:g} s (--timeout)")
        status, value = parent.recv()
    except EOFError:
        raise QueryError("query failed: the query process ended without an answer") from None
    finally:
        if process.is_alive():
            process.kill()
        process.join(5)
        parent.close()
    if status == "error":
        raise value
    return value

