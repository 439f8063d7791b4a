"""Amounts of money ("13 triệu USD", "1.500 tỷ đồng", "2,5 triệu đô la") and years.

Numbers follow Vietnamese conventions: "." groups thousands, "," is the
decimal mark ("1.234,5").  A value is returned in plain units of its currency
(13 triệu USD -> 13000000) with the ISO 4217 code from
``kg/data/patterns/currencies.csv``.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache

from .. import resources
from ..records import Money

_NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?"
_YEAR = re.compile(r"(?<![\w.,/-])(19[5-9]\d|20[0-9]\d)(?![\w.,]\d)")


@cache
def _money_regex() -> tuple[re.Pattern[str], dict[str, int], dict[str, str]]:
    multipliers = {r["surface"]: int(r["factor"]) for r in resources.table("patterns", "multipliers.csv")}
    currencies = {r["surface"]: r["currency"] for r in resources.table("patterns", "currencies.csv")}

    def alternation(items):
        return "|".join(re.escape(s) for s in sorted(items, key=len, reverse=True))

    pattern = (
        rf"(?<![\w.,])(?P<number>{_NUMBER})\s*(?P<mult>{alternation(multipliers)})?\s*"
        rf"(?P<currency>{alternation(currencies)})(?![\w])"
    )
    return re.compile(pattern), multipliers, currencies


def parse_number(text: str) -> Decimal:
    """Vietnamese number: "1.500" -> 1500, "2,5" -> 2.5, "1.234,5" -> 1234.5."""
    if "." in text and "," in text:
        return Decimal(text.replace(".", "").replace(",", "."))
    if "." in text:
        groups = text.split(".")
        if all(len(g) == 3 for g in groups[1:]):
            return Decimal("".join(groups))
        return Decimal(text)
    if text.count(",") > 1:
        return Decimal(text.replace(",", ""))
    return Decimal(text.replace(",", "."))


def find_money(text: str, offset: int = 0) -> list[Money]:
    """Every amount in ``text``; offsets are shifted by ``offset``."""
    regex, multipliers, currencies = _money_regex()
    found = []
    for m in regex.finditer(text):
        if m.group("currency") == "$" and not m.group("mult"):
            continue  # a bare "$" after a number is too often not money
        value = parse_number(m.group("number")) * multipliers.get(m.group("mult") or "", 1)
        found.append(
            Money(float(value), currencies[m.group("currency")], offset + m.start(), offset + m.end(), m.group(0))
        )
    return found


def find_years(text: str, offset: int = 0) -> list[tuple[int, int, int]]:
    """``(year, start, end)`` for four-digit years 1950-2099 in ``text``."""
    return [(int(m.group(1)), offset + m.start(), offset + m.end()) for m in _YEAR.finditer(text)]
