"""Querying a remote SPARQL endpoint, trusting only complete answers.

Some servers answer HTTP 200 when a query was cut short: a JSON body that
stops in the middle, a body that says the query was cancelled or timed out,
or (Virtuoso) a partial result flagged only in a header.  Each of these is an
error here, never zero rows.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request

from .errors import QueryError

ACCEPT = "application/sparql-results+json"
_CUT_SHORT = ("cancelled", "canceled", "timed out", "timeout", "interrupted", "aborted")
_PARTIAL_HEADERS = ("X-SQL-State", "X-SPARQL-MaxRows")  # Virtuoso's "anytime" partial answers


def query(endpoint: str, text: str, timeout: float = 60.0) -> tuple[list[str], list[list[str]]]:
    """Header and rows of a SELECT (or ASK) query answered by ``endpoint``."""
    body = urllib.parse.urlencode({"query": text}).encode("utf-8")
    request = urllib.request.Request(endpoint, data=body, method="POST", headers={
        "Accept": ACCEPT, "Content-Type": "application/x-www-form-urlencoded"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            headers = response.headers
            raw = response.read()
    except urllib.error.HTTPError as exc:
        detail = exc.read(300).decode("utf-8", "replace").strip().splitlines()
        raise QueryError(f"{endpoint} refused the query: HTTP {exc.code} {detail[0] if detail else exc.reason}") from None
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        raise QueryError(f"cannot reach {endpoint}: {getattr(exc, 'reason', exc)}") from None
    return parse(endpoint, raw, headers)


def parse(endpoint: str, raw: bytes, headers=None) -> tuple[list[str], list[list[str]]]:
    """Check and read a SPARQL JSON results body."""
    for name in _PARTIAL_HEADERS:
        if headers is not None and headers.get(name):
            raise QueryError(f"{endpoint} returned a partial answer ({name}: {headers.get(name)})")
    try:
        answer = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        start = raw[:200].decode("utf-8", "replace").lower()
        if any(word in start for word in _CUT_SHORT):
            raise QueryError(f"{endpoint} cut the query short: {start.strip()[:120]}") from None
        raise QueryError(f"{endpoint} returned a truncated or malformed answer ({len(raw)} bytes)") from None
    if not isinstance(answer, dict) or "head" not in answer:
        raise QueryError(f"{endpoint} returned no SPARQL results document")
    if "boolean" in answer:
        return ["ask"], [[str(answer["boolean"]).lower()]]
    results = answer.get("results")
    if not isinstance(results, dict) or not isinstance(results.get("bindings"), list):
        raise QueryError(f"{endpoint} returned an answer without results")
    header = list(answer["head"].get("vars", []))
    rows = [[str(b.get(v, {}).get("value", "")) for v in header] for b in results["bindings"]]
    return header, rows
