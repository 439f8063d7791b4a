"""The kg command: build, query, stats, export; one-line errors with exit status 2."""

from __future__ import annotations

import csv
import importlib
import io
import json
import re
from pathlib import Path

import networkx as nx
import pyoxigraph
import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.graph import union
from kg.storage import load_graph, write_graph


EXAMPLE = Path(__file__).parent / "golden" / "example" / "input.txt"
ADB = "Ngân hàng Phát triển Châu Á"
HUE = "Thừa Thiên Huế"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01"


def kg(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def assert_one_line_error(result, *mentions: str) -> None:
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("kg: error: ")
    for text in mentions:
        assert text in lines[0]


@pytest.fixture(scope="module")
def graph_files(example_dataset, tmp_path_factory):
    folder = tmp_path_factory.mktemp("cli-graphs")
    files = {ext: folder / f"example{ext}" for ext in (".ttl", ".trig")}
    for path in files.values():
        write_graph(example_dataset, path)
    return files


# -- build ------------------------------------------------------------------------------

def test_build_writes_every_output_and_prints_a_summary(tmp_path):
    ttl, trig = tmp_path / "out" / "graph.ttl", tmp_path / "out" / "graph.trig"
    result = kg("build", EXAMPLE, "-o", ttl, "-o", trig)
    assert result.exit_code == 0, result.output
    graph = union(load_graph(ttl))
    assert len(union(load_graph(trig))) == len(graph)
    lines = result.stdout.splitlines()
    assert lines[0] == f"1 articles -> {len(graph)} triples -> {ttl}, {trig}"
    assert re.fullmatch(r"entities: +Province \d+ +Donor \d+ +Project \d+ +Official \d+", lines[1])
    assert re.fullmatch(r"relations: +funds \d+ +locatedIn \d+ +officialOf \d+ +partnerOf \d+", lines[2])


def test_build_quiet_prints_nothing(tmp_path):
    result = kg("build", EXAMPLE, "-o", tmp_path / "graph.nt", "-q")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert (tmp_path / "graph.nt").stat().st_size > 0


def test_build_with_a_binary_input_fails_naming_it_and_writes_nothing(tmp_path):
    bad = tmp_path / "anh-chup.txt"
    bad.write_bytes(PNG)
    target = tmp_path / "graph.ttl"
    result = kg("build", EXAMPLE, bad, "-o", target)
    assert_one_line_error(result, "not a text file", str(bad))
    assert not target.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["anh-chup.txt"]


def test_build_with_a_binary_input_leaves_an_existing_output_unchanged(tmp_path):
    bad = tmp_path / "bao-cao.txt"
    bad.write_bytes(b"%PDF-1.7\n" + bytes(range(256)))
    target = tmp_path / "graph.ttl"
    target.write_bytes(b"# the graph of yesterday\n")
    result = kg("build", EXAMPLE, bad, "-o", target)
    assert_one_line_error(result, str(bad))
    assert target.read_bytes() == b"# the graph of yesterday\n"


def test_build_skip_bad_warns_and_builds_the_rest(tmp_path):
    bad = tmp_path / "anh-chup.txt"
    bad.write_bytes(PNG)
    target = tmp_path / "graph.ttl"
    result = kg("build", EXAMPLE, bad, "-o", target, "--skip-bad")
    assert result.exit_code == 0, result.output
    assert f"kg: warning: skipped not a text file (PNG image): {bad}" in result.stderr
    assert result.stdout.startswith("1 articles -> ")
    graph = union(load_graph(target))
    assert ADB in {str(o) for o in graph.objects()}


def test_build_refuses_an_unknown_output_extension_before_any_work(tmp_path, monkeypatch):
    def no_work(*args, **kwargs):
        raise AssertionError("articles were read before the output format was checked")

    monkeypatch.setattr(importlib.import_module("kg.build"), "build_corpus", no_work)
    result = kg("build", tmp_path / "not-there", "-o", tmp_path / "graph.ttl", "-o", tmp_path / "graph.rdf")
    assert_one_line_error(result, "unknown graph format '.rdf'", "graph.rdf")
    assert list(tmp_path.iterdir()) == []


def test_build_of_a_missing_input_is_a_one_line_error(tmp_path):
    result = kg("build", tmp_path / "khong-co", "-o", tmp_path / "graph.ttl")
    assert_one_line_error(result, "no such file or folder", "khong-co")


# -- query ----------------------------------------------------------------------------

def test_query_list_names_every_saved_query_with_its_parameters(graph_files):
    result = kg("query", graph_files[".ttl"], "--list")
    assert result.exit_code == 0
    listed = [line for line in result.stdout.splitlines() if not line.startswith(" ")]
    assert listed == [
        "donors-by-province [province]",
        "funding-by-donor",
        "funding-by-province",
        "officials-by-province [province]",
        "projects-of-donor [donor]",
        "relation-evidence [entity]",
    ]


def test_query_name_prints_a_table(graph_files):
    result = kg("query", graph_files[".ttl"], "--name", "donors-by-province")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["province", "donor", "projects"]
    assert set(lines[1]) <= {"-", " "}
    assert any(line.startswith(HUE) and ADB in line for line in lines[2:])
    assert re.fullmatch(r"\(\d+ rows?\)", lines[-1])


@pytest.mark.parametrize("fmt, delimiter", [("csv", ","), ("tsv", "\t")])
def test_query_csv_and_tsv_give_a_header_and_one_line_per_row(graph_files, fmt, delimiter):
    result = kg("query", graph_files[".ttl"], "--name", "donors-by-province", "--format", fmt)
    assert result.exit_code == 0
    rows = list(csv.reader(io.StringIO(result.stdout), delimiter=delimiter))
    assert rows[0] == ["province", "donor", "projects"]
    assert [HUE, ADB, "1"] in rows[1:]


def test_query_json_gives_a_list_of_records(graph_files):
    result = kg("query", graph_files[".trig"], "--name", "projects-of-donor", "--param", "donor=KOICA",
                "--format", "json")
    assert result.exit_code == 0
    records = json.loads(result.stdout)
    assert [(r["donor"], r["amount"], r["currency"]) for r in records] == [
        ("Cơ quan Hợp tác Quốc tế Hàn Quốc", "13000000", "USD")
    ]


def test_query_text_runs_as_given(graph_files):
    result = kg("query", graph_files[".ttl"], "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--format", "csv")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == ["n", str(len(union(load_graph(graph_files[".ttl"]))))]


def test_a_malformed_query_exits_2_with_the_parsers_message(graph_files):
    result = kg("query", graph_files[".ttl"], "SELECT * WHERE { ?s ?p }")
    assert_one_line_error(result, "malformed query", "line 1, column")
    assert result.stdout == ""


def test_an_unknown_saved_query_exits_2(graph_files):
    result = kg("query", graph_files[".ttl"], "--name", "no-such-query")
    assert_one_line_error(result, "no saved query named 'no-such-query'")


# -- stats and export ---------------------------------------------------------------------

def test_stats_counts_documents_triples_entities_and_relations(graph_files):
    triples = len(union(load_graph(graph_files[".ttl"])))
    result = kg("stats", graph_files[".ttl"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["documents", "1"]
    assert lines[1].split() == ["triples", str(triples)]
    assert re.fullmatch(r"entities +Province \d+ +Donor \d+ +Project \d+ +Official \d+", lines[2])
    assert "most central stakeholders" in result.stdout


def test_stats_json_names_the_most_central_stakeholders(graph_files):
    result = kg("stats", graph_files[".trig"], "--format", "json", "--top", "3")
    assert result.exit_code == 0
    stats = json.loads(result.stdout)
    assert stats["documents"] == 1
    assert set(stats["entities"]) == {"Province", "Donor", "Project", "Official"}
    assert set(stats["relations"]) == {"funds", "locatedIn", "officialOf", "partnerOf"}
    assert 1 <= len(stats["central"]) <= 3
    assert {c["type"] for c in stats["central"]} <= {"Province", "Donor", "Official"}
    assert HUE in {c["label"] for c in stats["central"]}


def test_export_to_jsonld_keeps_every_triple(graph_files, tmp_path):
    target = tmp_path / "graph.jsonld"
    result = kg("export", graph_files[".trig"], "-o", target)
    assert result.exit_code == 0
    assert result.stdout.strip() == f"wrote {target}"
    quads = list(pyoxigraph.parse(path=str(target), format=pyoxigraph.RdfFormat.JSON_LD))
    assert len(quads) == len(union(load_graph(graph_files[".trig"])))


def test_export_to_graphml_gives_the_entity_network(graph_files, tmp_path, example_graph):
    target = tmp_path / "graph.graphml"
    result = kg("export", graph_files[".ttl"], "-o", target)
    assert result.exit_code == 0
    network = nx.read_graphml(target)
    labels = {data["label"]: data["type"] for _, data in network.nodes(data=True)}
    assert labels[ADB] == "Donor"
    assert labels[HUE] == "Province"
    adb = "https://w3id.org/smartcity-kg/id/donor/adb"
    hue = "https://w3id.org/smartcity-kg/id/province/46"
    assert "partnerOf" in network.edges[adb, hue]["relation"]


def test_export_to_an_unknown_format_exits_2(graph_files, tmp_path):
    result = kg("export", graph_files[".ttl"], "-o", tmp_path / "graph.xlsx")
    assert_one_line_error(result, "unknown graph format '.xlsx'")
    assert list(tmp_path.iterdir()) == []


# -- help ----------------------------------------------------------------------------------

@pytest.mark.parametrize("command", sorted(main.commands))
def test_every_command_has_an_example_in_its_help(command):
    result = kg(command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.stdout
    assert f"kg {command} " in result.stdout


def test_the_main_help_shows_example_command_lines():
    result = kg("--help")
    assert result.exit_code == 0
    assert "kg build " in result.stdout and "kg query " in result.stdout
