"""What every extractor reads: a document, its sentences and a folded copy of its text."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from ..records import Document, Sentence
from ..text import fold

WINDOW = 120  # characters around a mention that its context is read from
_CAPITAL_WORD = re.compile(r"[^\W\d_][\w'’-]*")


@dataclass(slots=True)
class DocContext:
    document: Document
    sentences: tuple[Sentence, ...]
    folded: str = field(init=False)
    _starts: list[int] = field(init=False)

    def __post_init__(self) -> None:
        self.folded = fold(self.document.text)
        self._starts = [s.start for s in self.sentences]

    @property
    def text(self) -> str:
        return self.document.text

    def sentence_at(self, offset: int) -> int:
        """Index of the sentence holding ``offset`` (the nearest before it)."""
        return max(0, bisect.bisect_right(self._starts, offset) - 1)

    def word_before(self, start: int, count: int = 1) -> str:
        """The ``count`` words before ``start`` in the same line, folded (looks back
        at most WINDOW characters, so long lines cost no more than short ones)."""
        window_start = max(0, start - WINDOW)
        line_start = self.folded.rfind("\n", window_start, start) + 1 or window_start
        words = self.folded[max(line_start, window_start):start].split()
        return " ".join(words[-count:]) if words else ""

    def word_after(self, end: int, count: int = 1) -> str:
        window_end = min(len(self.folded), end + WINDOW)
        line_end = self.folded.find("\n", end, window_end)
        words = self.folded[end : line_end if line_end >= 0 else window_end].split()
        return " ".join(words[:count])


class Spans:
    """Sorted (start, end) spans with a fast "which spans overlap [start, end)" lookup."""

    def __init__(self, spans):
        self._spans = sorted(spans)
        self._starts = [s for s, _e in self._spans]
        self._longest = max((e - s for s, e in self._spans), default=0)

    def overlapping(self, start: int, end: int) -> list[tuple[int, int]]:
        lo = bisect.bisect_left(self._starts, start - self._longest)
        hi = bisect.bisect_left(self._starts, end)
        return [(s, e) for s, e in self._spans[lo:hi] if s < end and start < e]

    def __iter__(self):
        return iter(self._spans)


def is_capitalised(word: str) -> bool:
    return bool(word) and word[0].isupper()
