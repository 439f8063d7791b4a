"""What every extractor reads: a document, its sentences and a folded copy of its text."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from ..records import Document, Sentence
from ..text import fold

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
        """The ``count`` words before ``start`` in the same line, folded."""
        line_start = self.folded.rfind("\n", 0, start) + 1
        words = self.folded[line_start:start].split()
        return " ".join(words[-count:]) if words else ""

    def word_after(self, end: int, count: int = 1) -> str:
        line_end = self.folded.find("\n", end)
        words = self.folded[end : line_end if line_end >= 0 else len(self.folded)].split()
        return " ".join(words[:count])


def is_capitalised(word: str) -> bool:
    return bool(word) and word[0].isupper()
