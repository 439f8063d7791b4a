"""Sentences and tokens with offsets: the only module that imports underthesea.

Each line of an article (headline, paragraph, caption, byline) is split into
sentences with ``underthesea.sent_tokenize``; each sentence is tokenised once
with ``word_tokenize(..., use_token_normalize=False)`` and every token is mapped
back to its offsets in the document.  Lines longer than ``CHUNK`` characters
are cut at spaces first, because underthesea's tagging time grows
quadratically with unbroken text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .records import Sentence, Token

CHUNK = 2000  # characters handed to underthesea at once, at most
_SPACE_RUN = re.compile(r"\s+")
# Abbreviations that end in a full stop inside a sentence ("TP. HCM", "TS. Lê").
_ABBREVIATION_END = re.compile(r"(?<![\w.])(?:TP|Tp|TS|PGS|GS|ThS|BS|KS|Th|Q|P|TT|Mr|Mrs|Ms|Dr|St)\.$")


def _underthesea():
    # Imported on first use: underthesea takes about a second to import.
    import underthesea

    return underthesea


def _chunks(line: str, start: int) -> Iterator[tuple[int, str]]:
    """Cut ``line`` into pieces of at most CHUNK characters, at a space where there is one.

    Works with offsets into ``line`` (no copies of its rest), so cutting a
    10 MB line costs as much as reading it once.
    """
    begin, end = 0, len(line)
    while end - begin > CHUNK:
        cut = line.rfind(" ", begin + CHUNK // 2, begin + CHUNK)
        if cut <= begin:
            cut = begin + CHUNK
        yield start + begin, line[begin:cut]
        begin = cut
    yield start + begin, line[begin:]


def _locate(piece: str, haystack: str, cursor: int) -> tuple[int, int] | None:
    """Find ``piece`` in ``haystack`` from ``cursor``, tolerant of spacing changes."""
    found = haystack.find(piece, cursor)
    if found >= 0:
        return found, found + len(piece)
    words = piece.split()
    if not words:
        return None
    pattern = r"\s*".join(re.escape(w) for w in words)
    match = re.compile(pattern).search(haystack, cursor)
    return (match.start(), match.end()) if match else None


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Offsets ``(start, end)`` of the sentences of a document's text."""
    ut = _underthesea()
    spans: list[tuple[int, int]] = []
    offset = 0
    for line in text.split("\n"):
        line_start = offset
        offset += len(line) + 1
        if not line.strip():
            continue
        for chunk_start, chunk in _chunks(line, line_start):
            cursor = 0
            joined = False
            for sentence in ut.sent_tokenize(chunk):
                located = _locate(sentence.strip(), chunk, cursor)
                if located is None:
                    continue
                if joined:  # the previous piece ended in an abbreviation ("TP.", "TS.")
                    spans[-1] = (spans[-1][0], chunk_start + located[1])
                else:
                    spans.append((chunk_start + located[0], chunk_start + located[1]))
                cursor = located[1]
                joined = bool(_ABBREVIATION_END.search(chunk, max(0, cursor - 8), cursor))
            if chunk[cursor:].strip():  # text underthesea dropped: keep it whole
                lead = len(chunk[cursor:]) - len(chunk[cursor:].lstrip())
                spans.append((chunk_start + cursor + lead, chunk_start + len(chunk.rstrip())))
    return spans


def tokenize(text: str, start: int) -> tuple[Token, ...]:
    """Word tokens (multi-syllable words joined) of one sentence, with offsets."""
    ut = _underthesea()
    tokens: list[Token] = []
    cursor = 0
    for word in ut.word_tokenize(text, use_token_normalize=False):
        located = _locate(word, text, cursor)
        if located is None:
            continue
        tokens.append(Token(text[located[0] : located[1]], start + located[0], start + located[1]))
        cursor = located[1]
    return tuple(tokens)


def sentences(text: str) -> tuple[Sentence, ...]:
    """Sentences of a document with their tokens."""
    out = []
    for index, (start, end) in enumerate(split_sentences(text)):
        piece = text[start:end]
        out.append(Sentence(index, start, end, piece, tokenize(piece, start)))
    return tuple(out)
