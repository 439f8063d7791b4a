"""The smartcity-kg ontology and its SHACL shapes, shipped as package data."""
