"""Where an unquoted project name ends.

A name runs word by word until a word that ends names
(``kg/data/patterns/project_stops.txt``: "với", "do", "có tổng", "tại tỉnh",
an amount of money, punctuation ...), except inside phrases that carry such a
word but go on ("thích ứng với biến đổi khí hậu"), plan horizons ("đến năm
2030, tầm nhìn đến năm 2045", "giai đoạn 2021-2025") and routes ("Yên Viên -
Ngọc Hồi").  Trailing function words are dropped.
"""

from __future__ import annotations

import re
from functools import cache

from .. import gazetteer
from ..text import fold
from .context import DocContext

MAX_WORDS = 25
_HORIZON = re.compile(r"(?:,\s*)?(?:(?:tầm nhìn|định hướng)\s+)?(?:đến|tới)\s+năm\s+\d{4}"
                      r"|giai đoạn\s+\d{4}\s*[-–]\s*\d{4}|giai đoạn\s+\d\b")
_ROUTE = re.compile(r"[-–] (?=[^\W\d_])")
# "tại Quảng Bình", "ở các huyện": a location phrase after the name.
_PLACE_PHRASE = re.compile(r"(?:tại|ở)\s+(?:[A-ZĐ]|tỉnh\b|thành phố\b|TP\b|huyện\b|quận\b|xã\b|phường\b|các\b|khu vực\b|địa bàn\b)")
_WORD = re.compile(r"[\w&./'’+-]+")
_TRAILING = {"của", "và", "các", "cho", "tại", "ở", "với", "đến", "về", "trên", "từ", "là", "năm", "thuộc",
             "-", "–"}
_MONEY = re.compile(r"\d[\d.,]*\s*(?:nghìn tỷ|ngàn tỷ|tỷ|tỉ|triệu|nghìn|ngàn)?\s*"
                    r"(?:USD|đồng|VND|euro|EUR|yên|won|AUD|đô)")


@cache
def _stops() -> re.Pattern[str]:
    return gazetteer.word_regex("project_stops.txt")


@cache
def _exceptions() -> tuple[tuple[str, int], ...]:
    """(phrase, offset of its stop word) for phrases that continue a name."""
    stops = _stops()
    out = []
    for phrase in gazetteer.words("project_stop_exceptions.txt"):
        phrase = fold(phrase)
        for m in stops.finditer(phrase):
            out.append((phrase.lower(), m.start()))
    return tuple(out)


def _continues(folded: str, pos: int) -> bool:
    """True when the stop word at ``pos`` is inside a phrase that goes on."""
    for phrase, offset in _exceptions():
        start = pos - offset
        if start >= 0 and folded[start : start + len(phrase)].lower() == phrase:
            return True
    return False


def _is_word_start(text: str, pos: int) -> bool:
    return pos == 0 or not text[pos - 1].isalnum()


_ABBREVIATION = re.compile(r",\s*([A-ZĐ]{2,6})(?=\s)")
_NOT_IN_NAMES = {"ODA", "FDI", "PPP", "UBND", "HĐND", "TP", "USD", "VND", "EUR"}


def _comma_continues(folded: str, pos: int, words: int) -> bool:
    """A comma inside a name: before an abbreviation of the same kind ("…, CNTT …")
    or, in a short name, before a second action noun ("giám sát, điều hành")."""
    abbreviation = _ABBREVIATION.match(folded, pos)
    if abbreviation:
        return abbreviation.group(1) not in _NOT_IN_NAMES
    if words > 3:
        return False
    return bool(gazetteer.word_regex("project_openers.txt", True).match(folded, pos + 1 + (folded[pos + 1] == " ")))


def unquoted_name(ctx: DocContext, start: int, limit: int) -> tuple[int, int] | None:
    """Span of an unquoted name starting at ``start`` and ending before ``limit``."""
    folded = ctx.folded
    pos = end = start
    words = 0
    while pos < limit and words < MAX_WORDS:
        while pos < limit and folded[pos] == " ":
            pos += 1
        if pos >= limit:
            break
        horizon = _HORIZON.match(folded, pos)
        if horizon and words > 0:
            pos = end = horizon.end()
            words += len(horizon.group(0).split())
            continue
        route = _ROUTE.match(folded, pos)
        if route and words > 0 and folded[route.end()].isupper():
            pos = route.end()
            continue
        if folded[pos] == "," and words > 0 and _comma_continues(folded, pos, words):
            pos += 1  # "Khu công viên phần mềm, CNTT tập trung", "Trung tâm giám sát, điều hành …"
            continue
        if not (folded[pos].isalnum() or folded[pos] == "&"):
            break
        if _stops().match(folded, pos) and _is_word_start(folded, pos) and not _continues(folded, pos):
            break
        if _MONEY.match(folded, pos) or _PLACE_PHRASE.match(folded, pos):
            break
        m = _WORD.match(folded, pos)
        if m is None:
            break
        token_end = m.end()
        while token_end > pos and folded[token_end - 1] in ".-":
            token_end -= 1  # a full stop after the last word
        pos = end = token_end
        words += 1
        if m.end() != token_end:
            break
    while end > start:
        last_space = folded.rfind(" ", start, end)
        if folded[last_space + 1 : end].lower() in _TRAILING:
            end = max(start, last_space)
        else:
            break
    return (start, end) if end > start else None
