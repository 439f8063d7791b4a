"""Per-document extraction: sentences -> mentions -> relations and attributes.

``extract_document`` runs the stages in order; each stage is a module of this
package named after what it finds.  The result is a frozen
:class:`~kg.records.DocExtraction` that can cross process boundaries.
"""

from __future__ import annotations

from collections import Counter

from .. import gazetteer, nlp
from ..records import DocExtraction, Document, Mention
from . import attributes, donors, officials, projects, provinces, relations
from .context import DocContext

EXTRACTORS = {
    "provinces": provinces.extract,
    "donors": donors.extract,
    "officials": officials.extract,
    "projects": projects.extract,
}


def main_province(ctx: DocContext, found: list[Mention]) -> str | None:
    """The article's own province: the one named most, the headline counting double."""
    if not found:
        return None
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for m in found:
        counts[m.key] += 2 if m.sentence == 0 else 1
        first.setdefault(m.key, m.start)
    return max(counts, key=lambda code: (counts[code], -first[code]))


SHORT_FORM_OVERLAP = 0.6


def _short_form_of(short: str, long: str, words: dict[str, set[str]], proper: dict[str, set[str]]) -> bool:
    """A headline's or a later sentence's short form ("dự án chống ngập") of a
    longer name in the same document: most of its words and all its proper
    nouns are in the longer name."""
    a, b = words[short], words[long]
    return (len(b) > len(a) >= 2 and len(a & b) >= SHORT_FORM_OVERLAP * len(a)
            and proper[short] <= proper[long] | b)


def merge_projects(found: list[Mention]) -> list[Mention]:
    """One key per project in a document: a short form of a longer name of the
    same document is that project."""
    named = {}
    for m in found:
        if m.extractor != projects.ANAPHOR:
            named.setdefault(m.key, m)
    words = {k: set(k.split()) for k in named}
    proper = {k: {w.lower() for w in m.label.split()[1:] if w[:1].isupper()} for k, m in named.items()}
    target = {}
    for k in named:
        longer = [o for o in named if o != k and _short_form_of(k, o, words, proper)]
        if longer:
            target[k] = max(longer, key=lambda o: len(words[o]))
    if not target:
        return found
    out = []
    for m in found:
        if m.key in target:
            canonical = named[target[m.key]]
            m = Mention(m.type, m.start, m.end, m.text, canonical.key, canonical.label, m.sentence,
                        m.extractor, m.score)
        out.append(m)
    return out


def _clear_of(ctx: DocContext, found: list[Mention], taken: list[tuple[int, int]]) -> list[Mention]:
    """Project names never hold a donor's or an official's name: a name that runs
    into one ends before it ("… Đức Hòa cho Tập đoàn HanSeong"); one that starts
    inside one is no project ("Chương trình Phát triển Liên Hợp Quốc")."""
    out = []
    for m in found:
        clash = next(((s, e) for s, e in taken if s < m.end and m.start < e), None)
        if clash is not None and m.extractor != projects.ANAPHOR:
            m = projects.truncate(ctx, m, clash[0]) if clash[0] > m.start else None
        if m is not None:
            out.append(m)
    return out


def extract_document(document: Document) -> DocExtraction:
    sentences = nlp.sentences(document.text)
    ctx = DocContext(document, sentences)
    named_places = provinces.extract(ctx)
    found_provinces = [m for m in named_places if m.extractor == provinces.NAME]
    cities = [m for m in named_places if m.extractor == provinces.CITY]
    home = main_province(ctx, found_provinces)
    found_donors = donors.extract(ctx)
    countries = [(h.start, h.end) for h in gazetteer.country_matcher().finditer(ctx.folded)]
    claimed = [(m.start, m.end) for m in named_places + found_donors] + countries
    province_spans = [(m.start, m.end, m.key) for m in found_provinces]
    foreign = [(m.start, m.end) for m in found_donors] + countries
    found_officials = officials.extract(ctx, claimed, home, province_spans, foreign)
    taken = sorted((m.start, m.end) for m in found_officials + found_donors)
    found_projects = merge_projects(projects.resolve_anaphora(_clear_of(ctx, projects.extract(ctx), taken)))
    mentions = found_provinces + found_donors + found_officials + found_projects
    mentions.sort(key=lambda m: (m.start, m.end))
    return DocExtraction(
        document=document,
        sentences=sentences,
        mentions=tuple(mentions),
        relations=tuple(relations.extract(ctx, mentions, home, cities)),
        projects=tuple(attributes.extract(ctx, found_projects)),
        province=home,
        title=sentences[0].text if sentences else "",
    )
