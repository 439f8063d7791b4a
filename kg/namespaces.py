"""The graph's namespaces (shared/CONTRACT.md): one place for each IRI prefix."""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace
from rdflib.term import URIRef

SC_IRI = "https://w3id.org/smartcity-kg/ontology#"
SCR_IRI = "https://w3id.org/smartcity-kg/id/"


class SC(DefinedNamespace):
    """The ontology's own terms; a typo is an error, not a silently wrong IRI."""

    _NS = Namespace(SC_IRI)
    _fail = True

    Province: URIRef
    Donor: URIRef
    Project: URIRef
    Official: URIRef
    Document: URIRef
    Evidence: URIRef
    funds: URIRef
    locatedIn: URIRef
    officialOf: URIRef
    partnerOf: URIRef
    position: URIRef
    amount: URIRef
    year: URIRef
    mentionedIn: URIRef
    mergedInto: URIRef
    adminCode: URIRef
    adminCode2025: URIRef
    administrativeLevel: URIRef
    donorKind: URIRef
    country: URIRef
    partOf: URIRef
    sentence: URIRef
    extractor: URIRef
    confidence: URIRef
    sourcePath: URIRef


SCR = Namespace(SCR_IRI)
SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
SH = Namespace("http://www.w3.org/ns/shacl#")
WD = Namespace("http://www.wikidata.org/entity/")

PREFIXES = {
    "sc": SC_IRI,
    "scr": SCR_IRI,
    "schema": str(SCHEMA),
    "org": str(ORG),
    "prov": str(PROV),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "owl": str(OWL),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "foaf": str(FOAF),
    "wd": str(WD),
}
