"""Every relation carries the rule that read it and a confidence; --min-confidence filters."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from rdflib import Graph
from rdflib.namespace import RDF

from kg.build import build_corpus
from kg.cli import main
from kg.namespaces import SC

EXAMPLE = Path(__file__).parent / "golden" / "example" / "input.txt"
RELATIONS = (SC.funds, SC.locatedIn, SC.officialOf, SC.partnerOf)


def test_every_relation_has_an_extractor_and_a_score_between_0_and_1():
    corpus = build_corpus([EXAMPLE], jobs=1)
    assert corpus.relations
    for relation in corpus.relations:
        for evidence in relation.evidence:
            assert evidence.extractor
            assert 0.0 < evidence.score <= 1.0


def test_min_confidence_keeps_only_relations_read_with_that_confidence():
    everything = build_corpus([EXAMPLE], jobs=1)
    threshold = 0.8
    kept = build_corpus([EXAMPLE], jobs=1, min_confidence=threshold)
    expected = {(r.type, r.head, r.tail) for r in everything.relations if r.score >= threshold}
    assert {(r.type, r.head, r.tail) for r in kept.relations} == expected
    assert 0 < len(expected) < len(everything.relations)  # the threshold really removes some


def test_cli_min_confidence_filters_the_written_graph(tmp_path):
    runner = CliRunner()
    low, high = tmp_path / "low.ttl", tmp_path / "high.ttl"
    assert runner.invoke(main, ["build", str(EXAMPLE), "-o", str(low), "-q", "-j", "1"]).exit_code == 0
    result = runner.invoke(main, ["build", str(EXAMPLE), "-o", str(high), "-q", "-j", "1", "--min-confidence", "0.8"])
    assert result.exit_code == 0, result.output

    def count(path):
        g = Graph().parse(path)
        confidences = [float(o) for ev in g.subjects(RDF.type, SC.Evidence) for o in g.objects(ev, SC.confidence)]
        return sum(len(list(g.subject_objects(p))) for p in RELATIONS), confidences

    n_low, _ = count(low)
    n_high, confidences = count(high)
    assert n_high < n_low
    assert confidences and min(confidences) >= 0.8
