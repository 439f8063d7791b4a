"""Property: any article text, once cleaned, survives every export format exactly."""

from __future__ import annotations

import io

import pyoxigraph
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import SKOS

from kg.graph import default_graph
from kg.storage import FORMATS, serialize
from kg.text import clean

OX_FORMATS = {
    "turtle": pyoxigraph.RdfFormat.TURTLE,
    "nt": pyoxigraph.RdfFormat.N_TRIPLES,
    "trig": pyoxigraph.RdfFormat.TRIG,
    "nquads": pyoxigraph.RdfFormat.N_QUADS,
    "json-ld": pyoxigraph.RdfFormat.JSON_LD,
}
SUBJECT = URIRef("https://w3id.org/smartcity-kg/id/project/x")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(min_size=1, max_size=120))
def test_a_cleaned_label_round_trips_through_every_format_under_strict_parsers(raw):
    text = clean(raw)
    if not text:
        return
    dataset = Dataset()
    default_graph(dataset).add((SUBJECT, SKOS.prefLabel, Literal(text, lang="vi")))
    for fmt in FORMATS.values():
        data = serialize(dataset, fmt)
        if fmt == "nt":
            assert not any(b < 0x20 and b not in (0x0A, 0x0D, 0x09) for b in data), "raw control byte in N-Triples"
        labels = [q.object.value for q in pyoxigraph.parse(io.BytesIO(data), format=OX_FORMATS[fmt])
                  if q.predicate.value == str(SKOS.prefLabel)]
        assert labels == [text], fmt
