"""Donor mentions: the donor gazetteer, governments, and countries that fund.

* Gazetteer names, English names and abbreviations ("Ngân hàng Thế giới",
  "World Bank", "WB").
* "Chính phủ X", "Đại sứ quán X", "Nhà nước X" for a country X: the
  government of X (one Donor with the country).
* A bare country ("Hàn Quốc") only where the text has it fund something: a
  funding cue right after it ("Hàn Quốc tài trợ") or a source phrase right
  before it ("vốn vay Nhật Bản", "đầu tư từ Hàn Quốc").
"""

from __future__ import annotations

import re
from functools import cache

from .. import gazetteer
from ..records import EntityType, Mention
from ..ids import slug_id
from ..text import fold, key
from .context import DocContext, Spans

GAZETTEER = "donor-gazetteer"
GOVERNMENT = "donor-government"
COUNTRY = "donor-country-funding"
FOREIGN_ORG = "donor-foreign-organisation"
_NATIONAL_ORG = re.compile(
    r"(?P<org>Tập đoàn|Công ty|Tổng công ty|Tổ chức|Hiệp hội)\s+"
    r"(?P<name>[A-ZĐ][^\n(),.;:]{2,80}?)\s*\((?P<acronym>[A-Z][\w-]{1,12})\)"
)
_FOREIGN_ORG = re.compile(
    r"(?P<org>Tập đoàn|Công ty|Tổng công ty|Quỹ|Tổ chức|Hiệp hội|Viện|[Tt]hành phố)\s+"
    r"(?P<name>(?:[A-ZĐ][\w&.'’-]*)(?:\s+[A-ZĐ&][\w&.'’-]*){0,6})\s*\((?P<country>[^()\n]{2,30})\)"
)

_GOVERNMENT_HEAD = re.compile(
    r"(?:Chính phủ|chính phủ|Nhà nước|nhà nước|Đại sứ quán|đại sứ quán|ĐSQ|Tổng Lãnh sự quán|Lãnh sự quán)"
    r"(?:\s+nước)?\s+$"
)
_SOURCE_BEFORE = re.compile(
    r"(?:từ|của|vốn vay|vốn ODA|vốn|nguồn vốn|viện trợ|tài trợ|đầu tư|nhà đầu tư|doanh nghiệp|tập đoàn|ODA)"
    r"(?:\s+(?:của|từ))?\s+$",
    re.IGNORECASE,
)


@cache
def _funding_after() -> re.Pattern[str]:
    cues = gazetteer.word_regex("funding_cues.txt")
    return re.compile(r"\s+(?:(?:đã|sẽ|cũng|vừa|tiếp tục|cam kết|đồng ý|quyết định)\s+){0,2}(?:" + cues.pattern + ")")


@cache
def _by_abbreviation() -> dict[str, str]:
    return {a: d.key for d in gazetteer.donors().values() for a in d.abbreviations}


def _government_key(country: str) -> tuple[str, str]:
    """Donor key and label for the government of a country."""
    key = gazetteer.government_of().get(country)
    if key:
        return key, gazetteer.donors()[key].name_vi
    return f"gov-{country.lower()}", f"Chính phủ {gazetteer.countries()[country].name}"


def extract(ctx: DocContext) -> list[Mention]:
    donors = gazetteer.donors()
    mentions: list[Mention] = []
    taken: list[tuple[int, int]] = []
    for hit in gazetteer.donor_matcher().finditer(ctx.folded):
        donor = donors[hit.payload]
        mentions.append(_mention(ctx, hit.start, hit.end, donor.key, donor.name_vi, GAZETTEER, 1.0))
        taken.append((hit.start, hit.end))
    organisations = _foreign_organisations(ctx, taken)
    mentions += organisations
    taken += [(m.start, m.end) for m in organisations]
    taken_spans = Spans(taken)
    for hit in gazetteer.country_matcher().finditer(ctx.folded):
        if hit.payload == "VN" or taken_spans.overlapping(hit.start, hit.end):
            continue
        line_start = ctx.folded.rfind("\n", max(0, hit.start - 40), hit.start) + 1
        head = _GOVERNMENT_HEAD.search(ctx.folded, max(line_start, hit.start - 40), hit.start)
        key, label = _government_key(hit.payload)
        if head:
            mentions.append(_mention(ctx, head.start(), hit.end, key, label, GOVERNMENT, 0.95))
            continue
        if _inside_longer_name(ctx, hit.start, hit.end):
            continue
        funds_after = _funding_after().match(ctx.folded, hit.end)
        source_before = _SOURCE_BEFORE.search(ctx.folded, max(line_start, hit.start - 30), hit.start)
        if funds_after or source_before:
            mentions.append(_mention(ctx, hit.start, hit.end, key, label, COUNTRY, 0.75))
    return mentions


def _foreign_organisations(ctx: DocContext, taken: list[tuple[int, int]]) -> list[Mention]:
    """"Tập đoàn Kasumi Urban Development (Nhật Bản)": an organisation followed by a
    foreign country in brackets is a donor of its own; later mentions of the
    same name in the article count too."""
    found: list[Mention] = []
    names: dict[str, str] = {}
    country = gazetteer.country_matcher()
    for m in _FOREIGN_ORG.finditer(ctx.folded):
        hit = next(iter(country.finditer(m.group("country"))), None)
        if hit is None or hit.payload == "VN" or hit.end - hit.start != len(m.group("country")):
            continue
        name = ctx.text[m.start("org") : m.end("name")].strip()
        names[name] = "org-" + slug_id(key(name))
    for m in _NATIONAL_ORG.finditer(ctx.folded):
        # "Tổng công ty Tài nguyên nước Hàn Quốc (K-water)": a foreign country closes the name
        hit = next(iter(country.finditer(m.group("name"))), None)
        if hit is None or hit.payload == "VN" or hit.end != len(m.group("name")):
            continue
        name = ctx.text[m.start("org") : m.end("name")].strip()
        known = _by_abbreviation().get(m.group("acronym"))  # another name of a known donor
        names.setdefault(name, known or "org-" + slug_id(key(name)))
    cues = gazetteer.word_regex("cooperation_cues.txt")
    for name in list(names):
        first = ctx.folded.find(fold(name))
        sentence = ctx.sentences[ctx.sentence_at(first)] if ctx.sentences else None
        if sentence is None or not cues.search(ctx.folded, sentence.start, sentence.end):
            del names[name]  # named as context ("thành phố Sejong (Hàn Quốc)"), not as a partner
    donors = gazetteer.donors()
    for name, donor_key in names.items():
        label = donors[donor_key].name_vi if donor_key in donors else name
        taken_spans = Spans(taken)
        for occurrence in re.finditer(re.escape(fold(name)) + r"(?!\w)", ctx.folded):
            if not taken_spans.overlapping(occurrence.start(), occurrence.end()):
                found.append(_mention(ctx, occurrence.start(), occurrence.end(), donor_key, label, FOREIGN_ORG, 0.8))
    return found


def _inside_longer_name(ctx: DocContext, start: int, end: int) -> bool:
    """True for "Thủ Đức", "Mỹ Đình": a capitalised word glued to the country name."""
    before = ctx.word_before(start)
    after = ctx.word_after(end)
    glued_before = bool(before) and before[0].isupper() and before[-1].isalpha()
    glued_after = bool(after) and after[0].isupper() and after[-1:].isalpha()
    return glued_before or glued_after


def _mention(ctx: DocContext, start: int, end: int, key: str, label: str, extractor: str, score: float) -> Mention:
    return Mention(
        type=EntityType.DONOR,
        start=start,
        end=end,
        text=ctx.text[start:end],
        key=key,
        label=label,
        sentence=ctx.sentence_at(start),
        extractor=extractor,
        score=score,
    )
