"""Relations between the mentions of one document.

* ``funds`` (Donor -> Project): a donor and a project in one clause (or else
  one sentence) with a funding cue, and no cue that the money is only asked
  for or under discussion.
* ``locatedIn`` (Project -> Province): provinces in the project's name, else in
  its sentence, else the article's own province.
* ``officialOf`` (Official -> Province): the province of the office's title.
* ``partnerOf`` (Donor -> Province): a donor funding a project located in the
  province, or a donor and a province in one sentence with a cooperation cue.

Every relation carries the rule that made it and a confidence score.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cache

from .. import gazetteer
from ..records import EntityType, Mention, RelationMention, RelationType, Sentence
from .context import DocContext
from .projects import ANAPHOR

_CLAUSE_BREAK = re.compile(r";|, còn |, trong khi |, đồng thời |\. ")
_HOME_WORDS = re.compile(r"(?<!\w)(?:tỉnh|Tỉnh|thành phố|Thành phố|địa phương|UBND|Sở)(?!\w)")
_VENUE = re.compile(r"(?:tại|ở)\s*$")
_EVENT = re.compile(r"(?<!\w)(?:ký|hội thảo|hội nghị|diễn đàn|lễ|tọa đàm|họp|tổ chức)(?!\w)", re.IGNORECASE)
_FORMER = re.compile(r"\s*\(?\s*cũ(?!\w)")
_LIST_ITEM = re.compile(r"\s*(?:[-–•+*]|\d{1,2}[.)])\s")


@cache
def _cue(name: str) -> re.Pattern[str]:
    return gazetteer.word_regex(name)


@cache
def _meeting_cues() -> re.Pattern[str]:
    """Cooperation cues that are not funding verbs (a visit, a signing, a workshop)."""
    funding = set(gazetteer.words("funding_cues.txt"))
    meeting = [w for w in gazetteer.words("cooperation_cues.txt") if w not in funding]
    return re.compile(r"(?<![\w])(?:" + "|".join(re.escape(w) for w in meeting) + r")(?![\w])")


def _venue(ctx: DocContext, sentence: Sentence, province: Mention, home: str | None) -> bool:
    """"Hội thảo … tại Hà Nội": a province named as the place of an event, not its subject."""
    if province.key == home or not _VENUE.search(ctx.folded, max(0, province.start - 6), province.start):
        return False
    return bool(_EVENT.search(ctx.folded, sentence.start, sentence.end))


def _clauses(sentence: Sentence) -> list[tuple[int, int]]:
    bounds = [sentence.start]
    for m in _CLAUSE_BREAK.finditer(sentence.text):
        bounds.append(sentence.start + m.start())
    bounds.append(sentence.end)
    return list(zip(bounds, bounds[1:]))


def _clause_of(clauses: list[tuple[int, int]], offset: int) -> int:
    for i, (s, e) in enumerate(clauses):
        if s <= offset < e:
            return i
    return len(clauses) - 1


def extract(ctx: DocContext, mentions: list[Mention], home: str | None,
            cities: list[Mention] = ()) -> list[RelationMention]:
    """Relations of one document; ``cities`` are capital cities named after their
    province ("thành phố Bến Tre"): a project named after one is in that
    province when the article also names the province itself."""
    by_sentence: dict[int, dict[EntityType, list[Mention]]] = defaultdict(lambda: defaultdict(list))
    for m in mentions:
        by_sentence[m.sentence][m.type].append(m)
    officials = [m for m in mentions if m.type == EntityType.OFFICIAL]
    relations: list[RelationMention] = []
    for m in officials:
        if m.province:
            explicit = any(p.start >= m.start - len(m.position or "") - 60 and p.key == m.province
                           for p in by_sentence[m.sentence][EntityType.PROVINCE])
            relations.append(_rel(RelationType.OFFICIAL_OF, m, _province(ctx, m.province, m), m.sentence,
                                  "office-title", 0.9 if explicit else 0.75))
    position_spans = [(m.start - len(m.position or "") - 40, m.start) for m in officials]
    named = {m.key for m in mentions if m.type == EntityType.PROVINCE}
    city_of = [c for c in cities if c.key in named]
    last_projects: list[Mention] = []
    last_line = -1
    list_funders: list[Mention] = []  # "GIZ hiện hỗ trợ thành phố ba dự án:" before a list
    for sentence in ctx.sentences:
        found = by_sentence.get(sentence.index)
        line = ctx.text.count("\n", 0, sentence.start)
        if line != last_line:
            last_projects, last_line = [], line
        is_item = bool(_LIST_ITEM.match(sentence.text))
        if list_funders and not is_item and not sentence.text.rstrip().endswith(":"):
            list_funders = []
        if list_funders and is_item and found and found[EntityType.PROJECT]:
            relations += [_rel(RelationType.FUNDS, d, p, sentence.index, "funding-list", 0.65)
                          for d in list_funders for p in found[EntityType.PROJECT]]
        if found and sentence.text.rstrip().endswith(":") and found[EntityType.DONOR] and _cue(
                "funding_cues.txt").search(ctx.folded, sentence.start, sentence.end):
            list_funders = list(found[EntityType.DONOR])
        if not found:
            continue
        if found[EntityType.DONOR] and not found[EntityType.PROJECT] and last_projects:
            relations += _follow_up_funds(ctx, sentence, found[EntityType.DONOR], last_projects)
        if found[EntityType.PROJECT]:
            last_projects = found[EntityType.PROJECT]
        relations += _funds(ctx, sentence, found)
        relations += _located(ctx, sentence, found, home, position_spans, city_of)
        relations += _cooperation(ctx, sentence, found, home)
    relations += _derived_partners(relations)
    return relations


def _funds(ctx: DocContext, sentence: Sentence, found) -> list[RelationMention]:
    donors, projects = found[EntityType.DONOR], found[EntityType.PROJECT]
    if not donors or not projects:
        return []
    folded = ctx.folded[sentence.start : sentence.end]
    if not _cue("funding_cues.txt").search(folded) or _cue("proposal_cues.txt").search(folded):
        return []
    clauses = _clauses(sentence)
    out = []
    for p in projects:
        clause = _clause_of(clauses, p.start)
        near = [d for d in donors if _clause_of(clauses, d.start) == clause]
        score = 0.9 if near else 0.65
        if p.extractor == ANAPHOR:
            score -= 0.15
        for d in near or donors:
            out.append(_rel(RelationType.FUNDS, d, p, sentence.index, "funding-cue", score))
    return out


def _follow_up_funds(ctx: DocContext, sentence: Sentence, donors: list[Mention],
                     projects: list[Mention]) -> list[RelationMention]:
    """"Dự án X ... . Trong đó, ADB cho vay 85 triệu USD": a donor funding in the sentence
    after a project's, in the same paragraph, with no project of its own, funds that project."""
    folded = ctx.folded[sentence.start : sentence.end]
    if not _cue("funding_cues.txt").search(folded) or _cue("proposal_cues.txt").search(folded):
        return []
    named = {p.key: p for p in projects}
    return [_rel(RelationType.FUNDS, d, p, sentence.index, "funding-follow-up", 0.6)
            for d in donors for p in named.values()]


def _located(ctx: DocContext, sentence: Sentence, found, home: str | None,
             position_spans: list[tuple[int, int]], cities: list[Mention]) -> list[RelationMention]:
    provinces = [p for p in found[EntityType.PROVINCE]
                 if not any(s <= p.start < e for s, e in position_spans) and not _venue(ctx, sentence, p, home)]
    out = []
    for project in found[EntityType.PROJECT]:
        inside = [p for p in found[EntityType.PROVINCE] + cities if project.start <= p.start < project.end]
        if inside:
            targets, rule, score = inside, "province-in-name", 0.95
        elif provinces:
            targets, rule, score = provinces, "province-in-sentence", 0.8
        elif home and project.extractor != ANAPHOR:
            anaphoric = _HOME_WORDS.search(sentence.text)
            targets = [_province(ctx, home, project)]
            rule, score = ("province-anaphor", 0.7) if anaphoric else ("article-province", 0.55)
        else:
            continue
        for target in targets:
            out.append(_rel(RelationType.LOCATED_IN, project, target, sentence.index, rule, score))
            successor = _successor_of_former(ctx, target)
            if successor:  # "tỉnh Vĩnh Phúc cũ": now part of the unit it merged into
                out.append(_rel(RelationType.LOCATED_IN, project, _province(ctx, successor, target),
                                sentence.index, "former-province", round(score - 0.1, 2)))
    return out


def _successor_of_former(ctx: DocContext, province: Mention) -> str | None:
    """The 2025 unit of a province named as former ("Hoà Bình cũ", "Bình Dương (cũ)")."""
    if not province.text or not _FORMER.match(ctx.folded, province.end):
        return None
    return gazetteer.provinces()[province.key].merged_into or None


def _cooperation(ctx: DocContext, sentence: Sentence, found, home: str | None) -> list[RelationMention]:
    donors = found[EntityType.DONOR]
    if not donors:
        return []
    folded = ctx.folded[sentence.start : sentence.end]
    # "mong muốn UN-Habitat hỗ trợ": support only hoped for is no cooperation; a meeting is
    cues = _meeting_cues() if _cue("proposal_cues.txt").search(folded) else _cue("cooperation_cues.txt")
    if not cues.search(folded):
        return []
    provinces = [p for p in found[EntityType.PROVINCE] if not (home and _venue(ctx, sentence, p, home))]
    if not provinces and home and _HOME_WORDS.search(sentence.text):
        provinces = [_province(ctx, home, donors[0])]
    return [
        _rel(RelationType.PARTNER_OF, d, p, sentence.index, "cooperation-cue", 0.7)
        for d in donors
        for p in provinces
    ]


def _derived_partners(relations: list[RelationMention]) -> list[RelationMention]:
    """partnerOf(D, X) from funds(D, P) and locatedIn(P, X)."""
    located: dict[str, dict[str, RelationMention]] = defaultdict(dict)  # project -> province -> best
    for r in relations:
        if r.type == RelationType.LOCATED_IN:
            best = located[r.head.key].get(r.tail.key)
            if best is None or r.score > best.score:
                located[r.head.key][r.tail.key] = r
    funded: dict[tuple[str, str], RelationMention] = {}  # (donor, project) -> best
    for r in relations:
        if r.type == RelationType.FUNDS:
            best = funded.get((r.head.key, r.tail.key))
            if best is None or r.score > best.score:
                funded[(r.head.key, r.tail.key)] = r
    out = []
    for (_donor, project), r in funded.items():
        for loc in located.get(project, {}).values():
            out.append(_rel(RelationType.PARTNER_OF, r.head, loc.tail, r.sentence, "funds-located",
                            round(min(r.score, loc.score), 2)))
    return out


def _province(ctx: DocContext, code: str, near: Mention) -> Mention:
    """A stand-in mention of the province ``code`` (for "tỉnh", "UBND tỉnh", the article's province)."""
    province = gazetteer.provinces()[code]
    return Mention(EntityType.PROVINCE, near.start, near.start, "", code, province.name, near.sentence,
                   "province-reference", 0.7)


def _rel(kind: RelationType, head: Mention, tail: Mention, sentence: int, rule: str, score: float) -> RelationMention:
    return RelationMention(kind, head, tail, sentence, rule, round(score, 2))
