"""Province mentions: gazetteer names, with or without "tỉnh" / "thành phố" / "TP.".

A province's name after "thành phố" or "TP." names its capital city, not the
province ("TP. Vĩnh Long"), unless the unit is itself a city (Hà Nội, Đà Nẵng,
Huế, ...): such mentions carry the extractor name ``CITY`` and are no entity
mentions.  Names inside longer proper names ("Thái Bình Dương") or after
"đường", "sông", "Đại học" ... are not provinces.
"""

from __future__ import annotations

import re
from functools import cache

from .. import gazetteer
from ..records import EntityType, Mention
from ..text import fold
from .context import DocContext

NAME = "province-gazetteer"
# "TP. Vĩnh Long", "thành phố Bến Tre": the capital city, not a mention of the
# province; kept apart to place projects (see kg.extract.relations).
CITY = "province-city"
# "đường Hà Nội", "phường Hà Giang 1", "Đại học Đà Nẵng": a province's name inside
# another name; kept only so that no other extractor reads it as a person.
OTHER = "province-name-other"
_PREFIX = re.compile(r"(?<![\w.])(?:(?P<province>[Tt]ỉnh|TỈNH)|(?P<city>[Tt]hành phố|THÀNH PHỐ|T[Pp]\.?))\s*$")


@cache
def _exclusions() -> re.Pattern[str]:
    return gazetteer.word_regex("province_exclusions.txt")


@cache
def _blocking_prefixes() -> frozenset[str]:
    return frozenset(fold(w) for w in gazetteer.words("place_prefixes.txt"))


def extract(ctx: DocContext) -> list[Mention]:
    provinces = gazetteer.provinces()
    by_surface = gazetteer.province_by_surface()
    excluded = [(m.start(), m.end()) for m in _exclusions().finditer(ctx.folded)]
    blocking = _blocking_prefixes()
    mentions = []
    for hit in gazetteer.province_matcher().finditer(ctx.folded):
        if any(s <= hit.start < e for s, e in excluded):
            continue
        code, bare = by_surface[fold(hit.payload)]
        province = provinces[code]
        line_start = ctx.folded.rfind("\n", max(0, hit.start - 20), hit.start) + 1 or max(0, hit.start - 20)
        prefix = _PREFIX.search(ctx.folded, line_start, hit.start)
        if prefix is None and not bare:
            continue
        city = bool(prefix and prefix.group("city") and province.level != "city")  # "TP. Vĩnh Long"
        before = ctx.word_before(prefix.start() if prefix else hit.start, 2)
        other = bool(before) and (before.split()[-1] in blocking or before in blocking)  # "phường Hà Giang 1"
        start = prefix.start() if prefix else hit.start
        mentions.append(
            Mention(
                type=EntityType.PROVINCE,
                start=start,
                end=hit.end,
                text=ctx.text[start : hit.end],
                key=code,
                label=province.name,
                sentence=ctx.sentence_at(start),
                extractor=OTHER if other else CITY if city else NAME,
                score=0.3 if other else 0.5 if city else 1.0,
            )
        )
    return mentions
