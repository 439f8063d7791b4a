"""Stable, always-valid IRIs for the graph's resources.

An IRI is made from a canonical key, never from a counter or input order:
``scr:province/46`` (the province's code), ``scr:donor/adb`` (the gazetteer
key), ``scr:official/nguyen-thanh-binh-1a2b3c4d`` (an ASCII slug of the name
plus a hash of the full key, so that names differing only in diacritics stay
apart and any text gives a valid IRI).
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache

from rdflib import URIRef

from .namespaces import SCR_IRI
from .records import EntityType
from .text import ascii_slug

_SAFE_KEY = re.compile(r"[a-z0-9][a-z0-9-]{0,80}")
_PATH = {
    EntityType.PROVINCE: "province",
    EntityType.DONOR: "donor",
    EntityType.PROJECT: "project",
    EntityType.OFFICIAL: "official",
}


def digest(text: str, size: int = 8) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:size]


def slug_id(text: str) -> str:
    """``ascii-slug-hash``: readable, unique for distinct texts, always valid."""
    slug = ascii_slug(text, 60)
    return f"{slug}-{digest(text)}" if slug else digest(text, 12)


@lru_cache(maxsize=1 << 16)  # the same entities and documents are named again and again
def entity_iri(kind: EntityType, key: str) -> URIRef:
    if kind in (EntityType.PROVINCE, EntityType.DONOR) and _SAFE_KEY.fullmatch(key):
        local = key
    else:
        local = slug_id(key)
    return URIRef(f"{SCR_IRI}{_PATH[kind]}/{local}")


@lru_cache(maxsize=1 << 16)  # the same entities and documents are named again and again
def document_iri(name: str) -> URIRef:
    return URIRef(f"{SCR_IRI}document/{slug_id(name)}")


@lru_cache(maxsize=1 << 16)  # the same entities and documents are named again and again
def document_graph_iri(name: str) -> URIRef:
    return URIRef(f"{SCR_IRI}graph/{slug_id(name)}")


def amount_iri(project: URIRef, value: float, currency: str) -> URIRef:
    return URIRef(f"{SCR_IRI}amount/{digest(f'{project} {value!r} {currency}', 16)}")


def evidence_iri(*parts: str) -> URIRef:
    return URIRef(f"{SCR_IRI}evidence/{digest(chr(31).join(parts), 16)}")
