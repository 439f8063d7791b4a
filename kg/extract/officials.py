"""Officials: a person's name next to an office title.

Two patterns of Vietnamese news:

* title before the name: "Phó Chủ tịch UBND tỉnh Nguyễn Thanh Bình",
  "Giám đốc quốc gia ADB tại Việt Nam Shantanu Chakraborty";
* name, then title: "ông Nguyễn Văn A, Chủ tịch UBND tỉnh X, cho biết".

Names come from underthesea's word tokens (it joins "Nguyễn Thanh Bình" into
one token): a Vietnamese name opens with a family name from the gazetteer, a
foreign one is a run of capitalised Latin words.  Province, donor and country
names inside the title are skipped, so "UBND tỉnh Quảng Ninh Cao Tường Huy"
yields the name "Cao Tường Huy".  The office's province is read from the
title (``province_of_office``).
"""

from __future__ import annotations

import re
from functools import cache

from .. import gazetteer
from ..records import EntityType, Mention, Sentence, Token
from ..text import fold, key
from .context import DocContext, Spans

FORWARD = "official-title-name"
REVERSE = "official-name-title"
MAX_TITLE_TOKENS = 24
_TITLE_JOINERS = frozenset({"và", "&"})  # inside an office's name: "Sở Thông tin và Truyền thông"
_HONORIFICS = frozenset({"ông", "bà", "Ông", "Bà", "ngài", "Ngài", "đồng chí", "Đồng chí", "TS", "TS.", "PGS", "GS",
                         "ThS", "Tiến sĩ"})
# A Vietnamese syllable: initial consonant, vowel nucleus, final consonant.
_VIET_SYLLABLE = re.compile(
    r"^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?"
    r"[aăâeêioôơuưyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]{1,3}"
    r"(?:ng|nh|ch|[cmnpt])?$",
    re.IGNORECASE,
)


@cache
def _role_regex() -> re.Pattern[str]:
    roles = gazetteer.word_regex("roles.txt").pattern
    return re.compile(r"(?:(?P<former>[Nn]guyên|[Cc]ựu)\s+)?(?:(?:Phó|phó|Quyền|quyền)\s+)?(?:" + roles + ")")


@cache
def _stop_regex() -> re.Pattern[str]:
    return gazetteer.word_regex("position_stops.txt")


@cache
def _office_regexes() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    local = gazetteer.word_regex("local_levels.txt").pattern
    return (
        gazetteer.word_regex("province_offices.txt"),
        re.compile("(?:" + local + r")(?!\s+hội)"),
        gazetteer.word_regex("national_offices.txt"),
    )


# "UBND huyện Châu Đức": after these words a capitalised name is a place ("UBND tỉnh
# Nguyễn Văn A" is not: there the name is the person's).
_PLACE_LEVEL = re.compile(r"huyện|quận|xã|phường|thị xã|thị trấn")
_AT_PLACE = re.compile(r"(?<!\w)(?:tại|ở)\s")
_CITY_NAME = re.compile(r"(?<!\w)(?:[Tt]hành phố|T[Pp]\.?|Thành [uủ]y)\s*(?P<name>[^\W\d_]\w*)")


def _is_name_syllable(s: str) -> bool:
    bare = s.replace("-", "").replace("'", "").replace("’", "")
    return s[:1].isupper() and (len(s) == 1 or not s.isupper()) and bare.isalpha()


def _vietnamese_name(tokens: list[Token]) -> bool:
    syllables = [s for t in tokens for s in t.text.split()]
    first = syllables[0] if syllables else ""
    # Ê Đê and Gia Rai names open with "Y" (men, a surname entry) or "H'" (women: "H'Bia Êban")
    return 2 <= len(syllables) <= 5 and (fold(first) in gazetteer.surnames() or first.startswith(("H'", "H’")))


def _foreign_name(tokens: list[Token]) -> bool:
    """Two to four capitalised words of which one at least is no Vietnamese syllable."""
    syllables = [s for t in tokens for s in t.text.split()]
    return 2 <= len(syllables) <= 4 and any(not _VIET_SYLLABLE.match(fold(s)) for s in syllables)


def _split_token(token: Token) -> list[Token]:
    """Undo two joins underthesea makes around names: an honorific glued to the
    name ("Ông Bạch Văn Quyết") and a verb glued after it ("Trần Phan Hữu khẳng định")."""
    if " " not in token.text:  # one syllable: nothing glued (most tokens)
        return [token]
    head, _, rest = token.text.partition(" ")
    if rest and head in _HONORIFICS:
        start = token.start + len(head) + 1
        return [Token(head, token.start, token.start + len(head)), *_split_token(Token(rest, start, token.end))]
    syllables = token.text.split(" ")
    capitalised = 0
    while capitalised < len(syllables) and _is_name_syllable(syllables[capitalised]):
        capitalised += 1
    if 2 <= capitalised < len(syllables):
        cut = token.start + len(" ".join(syllables[:capitalised]))
        return [Token(token.text[: cut - token.start], token.start, cut),
                Token(token.text[cut - token.start + 1 :], cut + 1, token.end)]
    return [token]


class _SentenceView:
    """Tokens of one sentence with the spans that other extractors claimed."""

    def __init__(self, sentence: Sentence, claimed: Spans):
        self.claimed = claimed
        self.tokens = [piece for t in sentence.tokens for part in _split_token(t) for piece in self._split_claimed(part)]

    def _split_claimed(self, token: Token) -> list[Token]:
        """"Ninh Thuận Hoàng Thanh Phúc" as one token: the province's name is cut off the person's."""
        if " " not in token.text:
            return [token]
        for s, e in self.claimed.overlapping(token.start, token.end):
            if s <= token.start < e < token.end and token.text[e - token.start] == " ":
                cut = e - token.start
                rest = Token(token.text[cut + 1 :], e + 1, token.end)
                return [Token(token.text[:cut], token.start, e), *self._split_claimed(rest)]
        return [token]

    def is_claimed(self, token: Token) -> bool:
        """A province, donor or country name covers the token (not one syllable inside a
        longer word: "Đức" in "Phan Đức Hiển" is no country)."""
        return any(s <= token.start and token.end <= e or (s, e) == (token.start, token.end)
                   for s, e in self.claimed.overlapping(token.start, token.end))

    def name_like(self, token: Token) -> bool:
        words = token.text.split()
        return (bool(words) and token.text not in _HONORIFICS and all(_is_name_syllable(w) for w in words)
                and not self.is_claimed(token))

    def name_from(self, i: int) -> tuple[int, int] | None:
        """Token range [i, j) of a person's name starting at token i, if any."""
        j = i
        while j < len(self.tokens) and self.name_like(self.tokens[j]) and j - i < 5:
            j += 1
        while j > i:
            run = self.tokens[i:j]
            if _vietnamese_name(run) or _foreign_name(run):
                return i, j
            j -= 1
        return None

    def name_ending_at(self, k: int) -> tuple[int, int] | None:
        """Token range [i, k) of a person's name that ends just before token k."""
        for i in range(max(0, k - 5), k):
            found = self.name_from(i)
            if found and found[1] == k:
                return found
        return None


def extract(ctx: DocContext, claimed: list[tuple[int, int]], home: str | None,
            province_spans: list[tuple[int, int, str]], foreign: list[tuple[int, int]] = ()) -> list[Mention]:
    """Officials of the document.

    ``claimed``: spans of provinces, donors and countries (never part of a
    person's name); ``home``: the article's main province code;
    ``province_spans``: (start, end, code); ``foreign``: spans of donors and
    countries (a title holding one is no province's office).
    """
    mentions: list[Mention] = []
    role_re = _role_regex()
    claimed_spans = Spans(claimed)
    for sentence in ctx.sentences:
        view = _SentenceView(sentence, claimed_spans)
        folded = ctx.folded[sentence.start : sentence.end]
        for role in role_re.finditer(folded):
            start = sentence.start + role.start()
            end = sentence.start + role.end()
            found = _forward(ctx, view, end) or _reverse(ctx, view, start, end)
            if found is None:
                continue
            name_start, name_end, position_end, extractor = found
            position = ctx.text[start:position_end].strip(" ,;:-–(")
            if position.endswith(".") and not position.endswith(("TP.", "Tp.")):
                position = position[:-1]  # the sentence's full stop
            former = bool(role.group("former"))
            # "Tại Cao Bằng, ông A, Giám đốc Sở … tỉnh": the province this sentence is about
            earlier = [code for s, _e, code in province_spans if sentence.start <= s < min(start, name_start)]
            local = earlier[-1] if earlier else home
            foreign_title = any(start <= s and e <= start + len(position) for s, e in foreign)
            province = None if former else province_of_office(position, start, province_spans, local,
                                                              foreign_title)
            name = ctx.text[name_start:name_end]
            mentions.append(
                Mention(
                    type=EntityType.OFFICIAL,
                    start=name_start,
                    end=name_end,
                    text=name,
                    key=key(name),
                    label=name,
                    sentence=sentence.index,
                    extractor=extractor,
                    score=0.9 if extractor == FORWARD else 0.85,
                    position=position,
                    former=former,
                    province=province,
                )
            )
    return _unique(mentions)


def _forward(ctx: DocContext, view: _SentenceView, role_end: int) -> tuple[int, int, int, str] | None:
    """A name after the title: returns (name start, name end, title end, extractor)."""
    stop_re = _stop_regex()
    tokens = view.tokens
    i = next((n for n, t in enumerate(tokens) if t.start >= role_end), len(tokens))
    title_end = role_end
    steps = 0
    while i < len(tokens) and steps < MAX_TITLE_TOKENS:
        token = tokens[i]
        if token.text in _HONORIFICS:
            i += 1
            continue
        if view.is_claimed(token) or not view.name_like(token):
            if token.text in {",", "(", "-", "–"} and i + 1 < len(tokens) and tokens[i + 1].text in _HONORIFICS:
                i += 1
                continue
            if not any(c.isalnum() for c in token.text) and token.text not in {"-", "&", "."}:
                return None  # punctuation ends the title: no name follows it
            if token.text not in _TITLE_JOINERS and stop_re.fullmatch(fold(token.text)):
                return None
            title_end = token.end
            i += 1
            steps += 1
            continue
        found = view.name_from(i)
        if found is None or (i > 0 and _PLACE_LEVEL.fullmatch(tokens[i - 1].text)):
            title_end = token.end  # "UBND huyện Châu Đức": the name of a place, part of the title
            i += 1
            steps += 1
            continue
        first, last = found
        return tokens[first].start, tokens[last - 1].end, title_end, FORWARD
    return None


def _reverse(ctx: DocContext, view: _SentenceView, role_start: int, role_end: int) -> tuple[int, int, int, str] | None:
    """A name before the title ("ông A, Chủ tịch ..."): returns the same tuple as _forward."""
    tokens = view.tokens
    k = next((n for n, t in enumerate(tokens) if t.start >= role_start), None)
    if k is None or k == 0:
        return None
    j = k - 1
    if tokens[j].text in {"là", "làm"}:
        j -= 1
    if tokens[j].text not in {",", "(", "-", "–"}:
        return None
    found = view.name_ending_at(j)
    if found is None:
        return None
    title_end = _title_end(ctx, view, role_end)
    first, last = found
    return tokens[first].start, tokens[last - 1].end, title_end, REVERSE


def _title_end(ctx: DocContext, view: _SentenceView, role_end: int) -> int:
    stop_re = _stop_regex()
    end = role_end
    for token in view.tokens:
        if token.start < role_end:
            continue
        if not any(c.isalnum() for c in token.text) and token.text not in {"-", "&", "."}:
            break
        index = view.tokens.index(token)
        after_place = index > 0 and _PLACE_LEVEL.fullmatch(view.tokens[index - 1].text)
        if stop_re.fullmatch(fold(token.text)) or (view.name_like(token) and view.name_from(index) and not after_place):
            break
        end = token.end
    return end


def province_of_office(position: str, start: int, province_spans: list[tuple[int, int, str]],
                       home: str | None, foreign: bool = False) -> str | None:
    """The province whose office ``position`` (found at ``start``) is, or None.

    ``home`` is the province "tỉnh"/"UBND tỉnh" refers to; ``foreign`` is true
    when a donor's or a country's name is in the title.  Offices of districts,
    wards and cities inside a province, national and foreign offices, and
    offices at donors give None.
    """
    province_office, local, national = _office_regexes()
    folded = fold(position)
    end = start + len(position)
    inside = [code for s, e, code in province_spans if start <= s and e <= end + 1]
    if local.search(folded):
        return None
    for city in _CITY_NAME.finditer(position):
        if not any(start + city.start() <= s < start + city.end() + 2 for s, _e, _c in province_spans):
            return None  # "UBND thành phố Nha Trang": a city inside a province
    if not province_office.search(folded):
        # "Chủ tịch tỉnh Quảng Ninh"; not "Trưởng đại diện KEXIM tại Hà Nội"
        if inside and not foreign and not national.search(folded) and not _AT_PLACE.search(folded):
            return inside[0]
        return None
    if inside:
        return inside[0]
    if national.search(folded) or foreign:
        return None
    if re.search(r"(?<!\w)(?:thành phố|TP)(?!\s*\w)", folded) and home:
        return home if gazetteer.provinces()[home].level == "city" else None
    return home


def _unique(mentions: list[Mention]) -> list[Mention]:
    seen = set()
    out = []
    for m in mentions:
        if (m.start, m.end) not in seen:
            seen.add((m.start, m.end))
            out.append(m)
    return out
