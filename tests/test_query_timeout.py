"""kg query --timeout really stops a pathological query (rdflib and pyoxigraph cannot)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kg.errors import QueryError
from kg.queries import within

CROSS_PRODUCT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def test_within_returns_the_answer_of_work_that_finishes():
    assert within(lambda: (["n"], [["1"]]), 30) == (["n"], [["1"]])


def test_within_stops_work_that_runs_too_long():
    def forever():
        while True:
            pass

    with pytest.raises(QueryError, match="cut off"):
        within(forever, 0.5)


def test_within_passes_a_query_error_back():
    def malformed():
        raise QueryError("malformed query: Expected SelectQuery")

    with pytest.raises(QueryError, match="malformed query"):
        within(malformed, 10)


def test_cli_timeout_cuts_off_a_cross_product_with_a_one_line_error(tmp_path):
    graph = tmp_path / "g.ttl"
    example = Path(__file__).parent / "golden" / "example" / "input.txt"
    kg = [sys.executable, "-m", "kg.cli"]
    subprocess.run(kg + ["build", str(example), "-o", str(graph), "-q", "-j", "1"], check=True, timeout=120)
    done = subprocess.run(kg + ["query", str(graph), CROSS_PRODUCT, "--timeout", "1"],
                          capture_output=True, text=True, timeout=60)  # a hang fails here
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == ["kg: error: query cut off: it ran longer than 1 s (--timeout)"]
