"""Golden articles: tests/golden/NAME/input.txt must give tests/golden/NAME/expected.ttl.

When the extractors improve on purpose, rewrite the expected files with
``.venv/bin/python tests/golden/regenerate.py`` and read ``git diff tests/golden``.
"""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from rdflib.namespace import RDF, SKOS

from kg.storage import serialize

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(p.parent.name for p in GOLDEN.glob("*/input.txt"))

SC = "https://w3id.org/smartcity-kg/ontology#"
SCR = "https://w3id.org/smartcity-kg/id/"
SCHEMA = "https://schema.org/"


def as_turtle(dataset) -> Graph:
    """The dataset as its Turtle export reads back (decimals as Turtle writes them)."""
    return Graph().parse(data=serialize(dataset, "turtle"), format="turtle")


def readable_diff(expected: Graph, actual: Graph) -> str:
    _, only_expected, only_actual = graph_diff(to_isomorphic(expected), to_isomorphic(actual))

    def lines(graph: Graph) -> str:
        return "\n".join(sorted(graph.serialize(format="nt").strip().splitlines())) or "(none)"

    return (
        f"--- expected but not built ({len(only_expected)}):\n{lines(only_expected)}\n"
        f"+++ built but not expected ({len(only_actual)}):\n{lines(only_actual)}\n"
        "If the change is intended: .venv/bin/python tests/golden/regenerate.py"
    )


def test_there_is_at_least_one_golden_case():
    assert "example" in CASES


@pytest.mark.parametrize("case", CASES)
def test_golden_article_gives_the_expected_graph(kg_build, case):
    folder = GOLDEN / case
    expected = Graph().parse(folder / "expected.ttl", format="turtle")
    actual = as_turtle(kg_build([folder / "input.txt"]))
    assert isomorphic(expected, actual), readable_diff(expected, actual)


# -- facts of the example article, independent of the golden file ---------------------------

ADB = URIRef(SCR + "donor/adb")
KOICA = URIRef(SCR + "donor/koica")
HUE = URIRef(SCR + "province/46")
HCM = URIRef(SCR + "province/79")


def sc(name: str) -> URIRef:
    return URIRef(SC + name)


def test_example_adb_funds_a_project_in_thua_thien_hue(example_graph):
    projects = set(example_graph.objects(ADB, sc("funds")))
    assert projects
    for project in projects:
        assert (project, RDF.type, sc("Project")) in example_graph
        assert (project, sc("locatedIn"), HUE) in example_graph
    assert (ADB, sc("partnerOf"), HUE) in example_graph


def test_example_koica_project_has_amount_13_million_usd(example_graph):
    [project] = example_graph.objects(KOICA, sc("funds"))
    assert str(example_graph.value(project, SKOS.prefLabel)) == "Xây dựng thành phố Huế văn hóa và du lịch thông minh"
    [amount] = example_graph.objects(project, sc("amount"))
    assert Decimal(str(example_graph.value(amount, URIRef(SCHEMA + "value")))) == Decimal(13_000_000)
    assert example_graph.value(amount, URIRef(SCHEMA + "currency")) == Literal("USD")


def test_example_nguyen_thanh_binh_is_vice_chairman_of_thua_thien_hue(example_graph):
    [official] = example_graph.subjects(SKOS.prefLabel, Literal("Nguyễn Thanh Bình", lang="vi"))
    assert (official, RDF.type, sc("Official")) in example_graph
    assert set(example_graph.objects(official, sc("officialOf"))) == {HUE}
    positions = [str(p) for p in example_graph.objects(official, sc("position"))]
    assert any("Phó Chủ tịch UBND" in p for p in positions), positions


def test_example_vo_van_hoan_is_an_official_of_ho_chi_minh_city(example_graph):
    [official] = example_graph.subjects(SKOS.prefLabel, Literal("Võ Văn Hoan", lang="vi"))
    assert set(example_graph.objects(official, sc("officialOf"))) == {HCM}


def test_example_names_the_two_provinces_by_their_codes(example_graph):
    provinces = set(example_graph.subjects(RDF.type, sc("Province")))
    assert provinces == {HUE, HCM}
    assert str(example_graph.value(HUE, SKOS.prefLabel)) == "Thừa Thiên Huế"


def test_kg_build_can_be_called_twice_in_one_process():
    # kg/build.py is a submodule of the same name as the API function kg.build()
    script = (
        "import sys, kg\n"
        "first = kg.build([sys.argv[1]])\n"
        "second = kg.build([sys.argv[1]])\n"
        "assert len(first) == len(second) > 0\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(GOLDEN / "example" / "input.txt")],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr.strip().splitlines()[-1]
