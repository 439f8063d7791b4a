"""Vietnamese text normalisation: one form for the text, one key for matching.

Two functions matter to the rest of the package:

* :func:`clean` turns decoded article text into the form every later stage sees:
  Unicode NFC, no zero-width characters, soft hyphens or stray BOMs, ordinary
  spaces instead of NBSP and thin spaces, ``\\n`` line ends, no line longer
  than ``LONGEST_LINE`` characters (a longer one is broken at a space, so that
  work done per line stays bounded).  Offsets of every mention point into
  this cleaned text.
* :func:`fold` puts tone marks in one convention (``hoà`` -> ``hòa``,
  ``thuỷ`` -> ``thủy``) without changing the length of the string, so a folded
  copy of a text can be searched and its offsets used on the original.
* :func:`key` builds lookup keys: folded, lower case, punctuation dropped.
"""

from __future__ import annotations

import html
import re
import unicodedata

# Characters with no visible width that scrapers and editors leave inside words.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"), None)
# Space-like characters that should be one ordinary space.
_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\f\v]+")
_LOOKALIKES = str.maketrans({"\u00d0": "\u0110", "\u00f0": "\u0111"})  # Ð ð -> Đ đ
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufffe\uffff]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_TAG = re.compile(r"</?[A-Za-z][^<>\n]{0,500}>")
_ENTITY = re.compile(r"&(#\d{1,7}|#x[0-9A-Fa-f]{1,6}|[A-Za-z]{2,8});")

LONGEST_LINE = 10_000  # characters; no paragraph is longer, a scraped dump without line ends is
_TONES = "\u0300\u0301\u0303\u0309\u0323"
_LETTER = r"[^\W\d_]"
# A tone mark written on the second vowel of an open "oa", "oe" or "uy"
# syllable (old style: hoà, khoẻ, thuỷ) moves onto the first (hòa, khỏe, thủy).
# Not after "q" (quý, quả keep theirs), not in closed syllables (hoàng), and not
# when another mark follows the tone: in NFD the dot below comes before the
# breve, so "hoặc" is o, a, dot below, breve, c and must stay as it is.
_NOT_AFTER = r"(?!" + _LETTER + r"|[\u0300-\u036f])"
_OLD_OA = re.compile(r"(?<![qQ])([oO])([aAeE])([" + _TONES + r"])" + _NOT_AFTER)
_OLD_UY = re.compile(r"(?<![qQ])([uU])([yY])([" + _TONES + r"])" + _NOT_AFTER)


def clean(text: str) -> str:
    """Return article text in the package's canonical form (see module doc)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.translate(_INVISIBLE)
    if "&" in text:
        text = _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)
    if "<" in text:
        text = _TAG.sub(" ", text)
    text = _SURROGATE.sub("\ufffd", text)
    text = _CONTROL.sub(" ", text)
    text = unicodedata.normalize("NFC", text).translate(_LOOKALIKES)
    text = _SPACES.sub(" ", text)
    text = re.sub(r" {2,}", " ", text)
    text = re.sub(r" *\n *", "\n", text).strip()
    if len(text) > LONGEST_LINE:
        text = "\n".join(_break_long(line) if len(line) > LONGEST_LINE else line for line in text.split("\n"))
    return text


def _break_long(line: str) -> str:
    """``line`` with its space nearest before every LONGEST_LINE characters made a line end."""
    pieces = []
    begin = 0
    while len(line) - begin > LONGEST_LINE:
        cut = line.rfind(" ", begin + LONGEST_LINE // 2, begin + LONGEST_LINE)
        if cut < 0:  # no space at all: cut the word
            pieces.append(line[begin : begin + LONGEST_LINE])
            begin += LONGEST_LINE
        else:
            pieces.append(line[begin:cut])
            begin = cut + 1
    pieces.append(line[begin:])
    return "\n".join(pieces)


def fold(text: str) -> str:
    """One tone-mark convention; same length as ``text`` when ``text`` is NFC."""
    if not any(c in text for c in "oOuU"):
        return text
    decomposed = unicodedata.normalize("NFD", text)
    moved = _OLD_UY.sub(r"\1\3\2", _OLD_OA.sub(r"\1\3\2", decomposed))
    if moved == decomposed:
        return text
    return unicodedata.normalize("NFC", moved)


_PUNCT = re.compile(r"[^\w\s]+")


def key(text: str) -> str:
    """Lookup key: NFC, folded tones, lower case, punctuation as space, single spaces."""
    text = unicodedata.normalize("NFC", text).translate(_LOOKALIKES).lower()
    # Fold last: dropping a stray combining mark as punctuation can open a
    # syllable ("oè" + U+0300), so folding first would not give a final key.
    return fold(" ".join(_PUNCT.sub(" ", text).split()))


def ascii_slug(text: str, limit: int = 60) -> str:
    """Lower-case ASCII slug (``Thừa Thiên Huế`` -> ``thua-thien-hue``)."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:limit].rstrip("-")
