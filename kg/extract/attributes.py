"""Project attributes: the amount (with currency) and the year.

An amount belongs to the project named nearest before it in its sentence
(else the nearest after it); a sentence that only refers back ("Dự án có tổng
vốn ...") gives it to the project named last.  A total ("tổng mức đầu tư",
"tổng vốn") wins over a donor's package; otherwise the first amount stated
wins, so an amount in two currencies keeps the first.

A year belongs to a project when a cue ("phê duyệt", "khởi công", "Năm 2021,")
stands before it, and not when it is a target ("đến năm 2025", "giai đoạn").
"""

from __future__ import annotations

import re
from functools import cache

from .. import gazetteer
from ..records import EntityType, Mention, Money, ProjectFacts
from .context import DocContext
from .money import find_money, find_years

_TOTAL = re.compile(r"(?:tổng mức đầu tư|tổng vốn|tổng kinh phí|tổng giá trị|tổng số vốn|quy mô vốn|tổng đầu tư)"
                    r"[^.;\d]{0,30}$", re.IGNORECASE)


@cache
def _year_cue() -> re.Pattern[str]:
    return re.compile("(?:" + gazetteer.word_regex("year_cues.txt").pattern + r")[^.;\d]{0,25}$")


@cache
def _year_block() -> re.Pattern[str]:
    return re.compile("(?:" + gazetteer.word_regex("year_blocks.txt").pattern + r")\s*(?:năm\s*)?$|[-–/]\s*$")


def extract(ctx: DocContext, mentions: list[Mention]) -> list[ProjectFacts]:
    projects = [m for m in mentions if m.type == EntityType.PROJECT]
    amounts: dict[str, tuple[int, Money]] = {}  # key -> (rank, money); rank 0 = a total
    years: dict[str, int] = {}
    for sentence in ctx.sentences:
        here = [p for p in projects if p.sentence == sentence.index]
        if not here:
            continue
        for money in find_money(sentence.text, sentence.start):
            owner = _owner(here, money.start)
            if owner is None or owner.start <= money.start < owner.end:
                continue
            line = ctx.folded[sentence.start : money.start]
            rank = 0 if _TOTAL.search(line) else 1
            if owner.key not in amounts or rank < amounts[owner.key][0]:
                amounts[owner.key] = (rank, money)
        for year, start, _end in find_years(sentence.text, sentence.start):
            owner = _owner(here, start)
            if owner is None or owner.start <= start < owner.end or owner.key in years:
                continue
            before = ctx.folded[max(sentence.start, start - 30) : start]
            if _year_block().search(before) or not _year_cue().search(before):
                continue
            years[owner.key] = year
    keys = sorted(set(amounts) | set(years))
    return [ProjectFacts(k, amounts[k][1] if k in amounts else None, years.get(k)) for k in keys]


def _owner(projects: list[Mention], offset: int) -> Mention | None:
    before = [p for p in projects if p.start <= offset]
    if before:
        return max(before, key=lambda p: p.start)
    return min(projects, key=lambda p: p.start) if projects else None
