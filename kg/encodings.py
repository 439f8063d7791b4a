"""The legacy Vietnamese encodings Python has no codec for, and a test for mojibake.

* :func:`decode_legacy` reads TCVN3 (ABC, the ``.VnTime`` fonts), VNI-Windows
  and VISCII bytes with the tables in ``kg/data/encodings/*.tsv``.
* :func:`judge` counts the words of a text that are well-formed Vietnamese
  syllables and those that look mis-decoded ("ViÖt", "hoµ", "Viá»‡t"); the
  reader uses it to choose between candidate decodings and to refuse a text
  that is still mojibake after every repair.
* :func:`guess_legacy` picks the encoding of bytes that are not UTF-8 among
  Windows-1258, VISCII, VNI and TCVN3, and only when one of them reads as
  Vietnamese and the others do not.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache

from . import resources

LEGACY = ("tcvn3", "vni", "viscii")
ALIASES = {
    "tcvn3": "tcvn3", "tcvn": "tcvn3", "tcvn-3": "tcvn3", "abc": "tcvn3", "vn3": "tcvn3", "tcvn5712": "tcvn3",
    "vni": "vni", "vni-windows": "vni", "vniwin": "vni",
    "viscii": "viscii",
}

# -- the tables -------------------------------------------------------------------

# Word processors write Windows-1252 punctuation (“ ” – …) into TCVN3 and VNI
# documents, so the bytes their tables leave out read as Windows-1252.  A
# decoding table for codecs.charmap_decode: U+FFFE marks its five undefined bytes.
_CP1252 = "".join(bytes([b]).decode("cp1252", errors="replace").replace("\ufffd", "\ufffe") for b in range(256))


@cache
def table(name: str) -> dict[bytes, str]:
    """``kg/data/encodings/NAME.tsv``: byte sequence -> Unicode letter."""
    rows: dict[bytes, str] = {}
    for line in resources.read_text("kg", f"data/encodings/{name}.tsv").splitlines():
        if not line or line.startswith("#"):
            continue
        hexes, letter = line.split("\t")[:2]
        rows[bytes(int(h, 16) for h in hexes.split())] = letter
    return rows


@cache
def _single_byte(name: str) -> str:
    """A 256-character decoding table for ``codecs.charmap_decode``."""
    base = list(_CP1252 if name == "tcvn3" else map(chr, range(256)))
    for seq, letter in table(name).items():
        base[seq[0]] = letter
    return "".join(base)


@cache
def _vni() -> tuple[re.Pattern[str], dict[str, str]]:
    pairs = {seq.decode("latin-1"): letter for seq, letter in table("vni").items()}
    alternatives = sorted(pairs, key=len, reverse=True)  # a base letter with its mark before a lone mark
    return re.compile("|".join(map(re.escape, alternatives))), pairs


def canonical(name: str) -> str | None:
    """``"tcvn3"``, ``"vni"`` or ``"viscii"`` for a legacy encoding name, else None."""
    return ALIASES.get(name.strip().lower().replace("_", "-"))


def decode_legacy(data: bytes, name: str, errors: str = "replace") -> str:
    """NFC text of TCVN3, VNI or VISCII bytes (``errors`` as for ``bytes.decode``)."""
    if name == "vni":
        text, _ = codecs.charmap_decode(data, errors, _CP1252)
        pattern, pairs = _vni()
        text = pattern.sub(lambda m: pairs[m.group()], text)
    else:
        text, _ = codecs.charmap_decode(data, errors, _single_byte(name))
        if name == "tcvn3":
            text = recase_tcvn3(text)
    return unicodedata.normalize("NFC", text)


# -- TCVN3 has no capitals with tone marks ----------------------------------------------

_SENTENCE_START = re.compile(r"(?:^|(?<=[.!?]\s)|(?<=[.!?][\"”’)]\s))(\W*)(\w)", re.MULTILINE)
_ASCII_LOWER, _ASCII_UPPER = re.compile("[a-z]"), re.compile("[A-Z]")
_ALL_CAPS_WORD = re.compile(r"\b\w*[A-ZĐĂÂÊÔƠƯ]\w*[A-ZĐĂÂÊÔƠƯ]\w*\b")


@cache
def _lower_only() -> frozenset[str]:
    """The toned lower-case letters TCVN3 has no capital for."""
    return frozenset(letter for letter in table("tcvn3").values()
                     if letter.islower() and letter not in "ăâêôơưđ")


def recase_tcvn3(text: str) -> str:
    """Capitals TCVN3 could not write: headlines typed in an all-capitals font
    ("THõA THI£N HUÕ" -> "THỪA THIÊN HUẾ") and the first letter of a sentence.

    A capital inside a sentence ("Châu Á" written "Ch©u ¸") cannot be told
    from a lower-case word and stays lower case; lookup keys ignore case.
    """
    lower_only = _lower_only()
    if not any(c in lower_only for c in text):
        return text
    lines = []
    for line in text.split("\n"):
        if _ASCII_LOWER.search(line) is None and len(_ASCII_UPPER.findall(line)) >= 4:
            line = line.upper()  # a headline set in .VnTimeH
        else:
            line = _ALL_CAPS_WORD.sub(
                lambda m: m.group().upper() if all(c.isupper() or c in lower_only for c in m.group()) else m.group(),
                line)
        lines.append(line)
    text = "\n".join(lines)
    return _SENTENCE_START.sub(
        lambda m: m.group(1) + (m.group(2).upper() if m.group(2) in lower_only else m.group(2)), text)


# -- is it Vietnamese? ---------------------------------------------------------------

_TONES = "\u0300\u0301\u0303\u0309\u0323"
_ONSET = r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?"
_OPEN = r"ai|ao|au|ay|âu|ây|eo|êu|ia|iu|oi|ôi|ơi|ua|ui|ưa|ưi|ưu|iêu|yêu|oai|oay|oao|oeo|uây|uôi|ươi|ươu|uya|uyu|uơ"
_EITHER = r"oa|oe|uê|uy|a|e|ê|i|o|ô|ơ|u|ư|y"
_CLOSED = r"uyê|iê|yê|uô|ươ|oă|uâ|oo|ôô|ă|â"
_CODA = r"ch|nh|ng|c|k|m|n|p|t"  # k: Đắk, Lắk
_SYLLABLE = re.compile(
    rf"{_ONSET}(?:(?:{_OPEN})|(?:{_EITHER})(?P<coda1>{_CODA})?|(?:{_CLOSED})(?P<coda2>{_CODA}))")
_STOP = ("c", "ch", "k", "p", "t")

# Characters mis-decoding leaves in words: Latin-1 and Windows-1252 characters
# that Vietnamese does not use (Ð and ð are left out: clean() reads them as Đ đ).
_VIETNAMESE_LATIN1 = set("ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúýÐð")
_CP1252_SPECIALS = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
_MOJIBAKE = frozenset(
    (set(map(chr, range(0x80, 0x100))) | set(_CP1252_SPECIALS)) - _VIETNAMESE_LATIN1 - {"\u00a0", "\u00ad"}
) | {"\ufffd"}
# Non-letters that join letters into one word when they stand between them
# ("hoµ" needs none, "h«ng", "Ch©u", "Viá»‡t" do); dashes and quotes are left
# out because real text writes "Rịa–Vũng" and "Ea H’Leo".
_JOINERS = "".join(sorted(c for c in _MOJIBAKE if not c.isalpha() and c not in "–—‘’“”…•"))
_WORD = re.compile(
    r"(?:[^\W\d_]|[\u0300-\u036f])+(?:[" + re.escape(_JOINERS) + r"]+(?:[^\W\d_]|[\u0300-\u036f])+)*")
_UNIT = re.compile(r"µ[a-zA-Z]{1,3}|[ºª][CF]")  # µg, µmol; 35ºC typed with the ordinal sign
_VIETNAMESE_LETTERS = frozenset(
    unicodedata.normalize("NFC", vowel + tone)
    for vowel in "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY" for tone in ("", *"\u0300\u0301\u0303\u0309\u0323")
) | frozenset("đĐ")
# UTF-8 read as Windows-1252 or Latin-1: a lead byte that is no Vietnamese
# letter and a continuation byte; "á" + "º"/"»" (the lead of U+1E80-U+1EFF:
# ạ, ế, ộ ...); "â€" (punctuation); "Ì" + a combining tone mark (NFD text).
_CONTINUATION = "\u0080-\u00bf" + _CP1252_SPECIALS
_UTF8_AS_LATIN = re.compile(f"[ÃÄÅÆ][{_CONTINUATION}]|Â[\u0080-\u00bf]|á[º»]|â€|Ì[€\u0081ƒ‰£]")


@dataclass(frozen=True, slots=True)
class Verdict:
    """How the words of a text with letters beyond ASCII read (single letters not counted)."""

    valid: int = 0  # well-formed Vietnamese syllables
    foreign: int = 0  # other words: names in other languages, abbreviations like "ĐBSCL"
    suspect: int = 0  # words with a letter Vietnamese does not use: "Müller", "Søren", "hŕng"
    mojibake: int = 0  # words no language writes: "ViÖt", "hoµ", "Ch©u", "Viá»‡t", "Vieät"
    double_encoded: int = 0  # places where UTF-8 was read as Windows-1252 ("á»‡")
    replaced: int = 0  # U+FFFD characters

    @property
    def judged(self) -> int:
        return self.valid + self.foreign + self.suspect + self.mojibake

    @property
    def bad(self) -> int:
        return self.suspect + self.mojibake

    def refuses(self) -> bool:
        """Too mis-decoded to build from: words no language writes (two, and one in
        a thousand), or words with letters Vietnamese does not use (three, and one
        in five)."""
        floor = max(2, self.judged // 1000)
        return (self.mojibake >= floor or self.double_encoded >= floor
                or (self.suspect >= 3 and self.suspect * 5 >= self.judged))


@cache
def syllable(word: str) -> bool:
    """Whether a lower-case word is a well-formed Vietnamese syllable (one tone mark,
    a known onset and rhyme, only sắc or nặng before a final c, ch, p, t)."""
    decomposed = unicodedata.normalize("NFD", word)
    tones = [c for c in decomposed if c in _TONES]
    if len(tones) > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
    match = _SYLLABLE.fullmatch(bare)
    if match is None:
        return False
    coda = match.group("coda1") or match.group("coda2")
    return coda not in _STOP or (bool(tones) and tones[0] in "\u0301\u0323")


def _scripts(word: str) -> set[str]:
    """The alphabets a word mixes (Latin, Greek, Cyrillic)."""
    return {name for c in word if c.isalpha() and (name := unicodedata.name(c, "").split(" ", 1)[0])
            in ("LATIN", "GREEK", "CYRILLIC")}


@cache
def _word_kind(word: str) -> str:
    if _UNIT.fullmatch(word):
        return "foreign"
    if syllable(word.lower()):
        return "valid"
    word = unicodedata.normalize("NFC", word)
    odd = [c for c in word if c in _MOJIBAKE or (c.isalpha() and not c.isascii() and c not in _VIETNAMESE_LETTERS)]
    if not odd:
        return "foreign"  # "ĐBSCL", "Hélène"
    if any(not c.isalpha() or c in "µªº" for c in odd) or _UTF8_AS_LATIN.search(word):
        return "mojibake"
    if len(_scripts(word)) > 1:  # "NgГўn": UTF-8 read as Cyrillic
        return "mojibake"
    for a, b in zip(word, word[1:]):
        if a.islower() and b.isupper() and b in odd:  # a capital inside a word: "ViÖt", "nghÜa" (TCVN3)
            return "mojibake"
        if a in "aeiouyAEIOUY" and b in _MOJIBAKE:  # a VNI mark after its vowel: "Vieät", "hoøa"
            return "mojibake"
    return "suspect"  # "Müller", "Søren", "Marković"


@lru_cache(maxsize=1 << 16)
def _token_kinds(token: str) -> tuple[str, ...]:
    """The kinds of the non-ASCII words in a whitespace-separated token."""
    words = (m.group() for m in _WORD.finditer(token))
    return tuple(_word_kind(w) for w in words if len(w) > 1 and not w.isascii())


def judge(text: str) -> Verdict:
    """Count the words of ``text`` by kind (see :class:`Verdict`); linear in its size."""
    counts = {"valid": 0, "foreign": 0, "suspect": 0, "mojibake": 0}
    for token, times in Counter(t for t in text.split() if not t.isascii()).items():
        for kind in _token_kinds(token):
            counts[kind] += times
    return Verdict(**counts, double_encoded=len(_UTF8_AS_LATIN.findall(text)), replaced=text.count("\ufffd"))


def mojibake_examples(text: str, limit: int = 3) -> list[str]:
    """The first few distinct mis-decoded-looking words of ``text``, for a message."""
    found: list[str] = []
    for match in _WORD.finditer(text):
        word = match.group()
        if len(word) > 1 and not word.isascii() and word not in found and _word_kind(word) in ("suspect", "mojibake"):
            found.append(word)
            if len(found) == limit:
                break
    return found


def looks_double_encoded(text: str) -> bool:
    """UTF-8 read as Windows-1252 or Latin-1 somewhere in ``text`` ("Viá»‡t")."""
    return _UTF8_AS_LATIN.search(text) is not None


# -- choosing an encoding -------------------------------------------------------------

SAMPLE = 1 << 16  # bytes judged when choosing an encoding


def _acceptable(verdict: Verdict) -> bool:
    return (verdict.valid >= 1 and not verdict.refuses() and verdict.replaced * 50 <= verdict.judged
            and verdict.valid * 10 >= verdict.judged * 8)


def _sample(data: bytes) -> bytes:
    if len(data) <= SAMPLE:
        return data
    cut = data.rfind(b"\n", SAMPLE // 2, SAMPLE)
    return data[: cut if cut > 0 else SAMPLE]


def guess_legacy(data: bytes) -> str | None:
    """``"cp1258"``, ``"viscii"``, ``"vni"`` or ``"tcvn3"`` for non-UTF-8 bytes, or None.

    Windows-1258 is taken whenever it reads as Vietnamese: a legacy table only
    wins where Windows-1258 does not, and then only when it reads clearly better
    than the others (four fifths of its words Vietnamese syllables, no mojibake).
    """
    sample = _sample(data)
    verdicts: dict[str, Verdict] = {}
    try:
        verdicts["cp1258"] = judge(unicodedata.normalize("NFC", sample.decode("cp1258")))
    except UnicodeDecodeError:
        pass
    for name in ("viscii", "vni", "tcvn3"):
        verdicts[name] = judge(decode_legacy(sample, name))
    good = {name: v for name, v in verdicts.items() if _acceptable(v)}
    if "cp1258" in good:
        return "cp1258"
    if not good:
        return None
    ranked = sorted(good, key=lambda n: (good[n].valid - 3 * good[n].bad) / max(good[n].judged, 1), reverse=True)
    return ranked[0]


# Code pages a scraper may have read bytes with before saving them as UTF-8
# (charset-normalizer reads TCVN3, VNI and VISCII as cp1250, mac_latin2 or iso8859_10).
_SURFACE_CODECS = ("cp1252", "latin-1", "cp1250", "iso8859_2", "mac_latin2", "iso8859_10", "cp1251", "mac_roman",
                   "cp437", "cp850")
_CP1252_TO_BYTE = {ord(c): b for b, c in enumerate(_CP1252) if 0x80 <= b < 0xA0 and c != "\ufffe"}


def surface_bytes(text: str) -> dict[str, bytes]:
    """The bytes ``text`` came from, for each code page that can have produced it."""
    found: dict[str, bytes] = {}
    for codec in _SURFACE_CODECS:
        try:
            if codec == "cp1252":  # as Windows reads it: its five undefined bytes kept as C1 controls
                found[codec] = text.translate(_CP1252_TO_BYTE).encode("latin-1")
            else:
                found[codec] = text.encode(codec)
        except UnicodeEncodeError:
            continue
    return found


def undo_misreading(text: str) -> tuple[str, str] | None:
    """Text whose bytes were read with the wrong code page and saved as Unicode:
    ``(text, encoding of the bytes)``, where the encoding is ``"utf-8"`` (mojibake),
    ``"cp1258"``, ``"tcvn3"``, ``"vni"`` or ``"viscii"``; None when no reading is
    clearly Vietnamese."""
    original = unicodedata.normalize("NFC", text)
    for data in surface_bytes(text).values():
        try:
            repaired = unicodedata.normalize("NFC", data.decode("utf-8"))
        except UnicodeDecodeError:
            pass
        else:
            if repaired != original and _acceptable(judge(repaired)):
                return repaired, "utf-8"
        name = guess_legacy(data)
        if name == "cp1258":
            converted = unicodedata.normalize("NFC", data.decode("cp1258"))
            if converted != original:
                return converted, name
        elif name is not None:
            return decode_legacy(data, name), name
    return None
