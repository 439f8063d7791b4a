"""Project mentions: names after "dự án" / "Đề án" / "Chương trình", in quotes or not.

* Quoted: ``dự án “Xây dựng thành phố Huế văn hóa và du lịch thông minh”``.
* Unquoted: ``dự án xây dựng mô hình đô thị ...`` up to a word that ends a
  name (``kg/data/patterns/project_stops.txt``: "với", "có tổng", "do",
  "tại tỉnh", punctuation ...).
* A capitalised facility that is the object of a funding verb:
  ``đầu tư Khu công viên phần mềm ...``.
* Anaphora: "Dự án", "Đề án này" with no name refer back to the project
  named last (extractor ``project-anaphor``; such mentions add no label).
"""

from __future__ import annotations

import re
from functools import cache

from .. import gazetteer
from ..records import EntityType, Mention
from ..text import key
from .context import DocContext

QUOTED = "project-quoted"
HEADED = "project-head"
FACILITY = "project-facility"
ANAPHOR = "project-anaphor"
MAX_WORDS = 25
_QUOTE_PAIRS = re.compile(r"“([^”\n]{3,300})”|\"([^\"\n]{3,300})\"|«([^»\n]{3,300})»")
# "đến năm 2030", ", tầm nhìn đến năm 2045", "giai đoạn 2021-2025": part of a plan's name.
_HORIZON = re.compile(r"(?:,\s*)?(?:(?:tầm nhìn|định hướng)\s+)?(?:đến|tới)\s+năm\s+\d{4}"
                      r"|giai đoạn\s+\d{4}\s*[-–]\s*\d{4}")
# A generic qualifier between the head word and a capitalised name.
_QUALIFIER = re.compile(r" (?:ODA|FDI|PPP|đầu tư|vốn vay|đối tác công tư|hợp tác công tư)(?: \([A-Z]{2,5}\))? (?=\S)")
_ROUTE = re.compile(r"[-–] (?=[^\W\d_])(?=\w*[A-ZĐÂĂÊÔƠƯÁÀẢÃẠ])")
_TRAILING = {"của", "và", "các", "cho", "tại", "ở", "với", "đến", "về", "trên", "từ", "là", "năm", "thuộc", "-", "–"}


@cache
def _heads() -> re.Pattern[str]:
    return gazetteer.word_regex("project_heads.txt")


@cache
def _stops() -> re.Pattern[str]:
    return gazetteer.word_regex("project_stops.txt")


@cache
def _openers() -> re.Pattern[str]:
    return gazetteer.word_regex("project_openers.txt", ignore_case=True)


@cache
def _money() -> re.Pattern[str]:
    return re.compile(r"\d[\d.,]*\s*(?:nghìn tỷ|ngàn tỷ|tỷ|tỉ|triệu|nghìn|ngàn)?\s*(?:USD|đồng|VND|euro|EUR|yên|won|AUD|đô)")


@cache
def _generic() -> frozenset[str]:
    return frozenset(key(w) for w in gazetteer.words("generic_projects.txt"))


@cache
def _facility_after_cue() -> re.Pattern[str]:
    cues = gazetteer.word_regex("funding_cues.txt").pattern
    heads = gazetteer.word_regex("facility_heads.txt").pattern
    return re.compile("(?:" + cues + r")\s+(?:vào\s+|cho\s+|xây dựng\s+)?(?=(?:" + heads + r")\s)")


@cache
def _anaphor() -> re.Pattern[str]:
    return gazetteer.word_regex("anaphors.txt")


@cache
def _generic_words() -> frozenset[str]:
    return frozenset(w for phrase in _generic() for w in phrase.split())


@cache
def _demonstratives() -> frozenset[str]:
    return frozenset(key(w) for w in gazetteer.words("project_demonstratives.txt"))


def is_generic(name: str) -> bool:
    """True for names that name nothing ("dự án này", "dự án ODA")."""
    k = key(name)
    words = k.split()
    if len(words) < 2 or k in _generic() or set(words) <= _generic_words():
        return True
    return words[0] in _demonstratives() or " ".join(words[:2]) in _demonstratives()


def _unquoted_name(ctx: DocContext, start: int, limit: int) -> tuple[int, int] | None:
    """Span of an unquoted name starting at ``start`` and ending before ``limit``."""
    stops = _stops()
    folded = ctx.folded
    pos = start
    end = start
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
        if route and words > 0:  # "Yên Viên - Ngọc Hồi", "Hạ Long – Cẩm Phả": a route's two ends
            pos = route.end()
            continue
        ch = folded[pos]
        if not (ch.isalnum() or ch in "&"):
            break
        if stops.match(folded, pos) and _is_word_start(folded, pos):
            break
        if _money().match(folded, pos):
            break
        m = re.compile(r"[\w&./'’+-]+").match(folded, pos)
        if m is None:
            break
        token_end = m.end()
        while token_end > pos and folded[token_end - 1] in ".-":
            token_end -= 1  # a full stop after the last word
        pos = token_end
        end = token_end
        words += 1
        if m.end() != token_end:
            break
    # drop trailing function words
    while end > start:
        last_space = folded.rfind(" ", start, end)
        last = folded[last_space + 1 : end]
        if last.lower() in _TRAILING:
            end = max(start, last_space)
        else:
            break
    return (start, end) if end > start else None


def _is_word_start(text: str, pos: int) -> bool:
    return pos == 0 or not text[pos - 1].isalnum()


def extract(ctx: DocContext) -> list[Mention]:
    mentions: list[Mention] = []
    quoted_spans: list[tuple[int, int]] = []
    for sentence in ctx.sentences:
        s, e = sentence.start, sentence.end
        heads = list(_heads().finditer(ctx.folded, s, e))
        # a descriptive, lower-case name counts only where the sentence funds or invests in it
        funded = bool(gazetteer.word_regex("funding_cues.txt").search(ctx.folded, s, e)
                      or gazetteer.word_regex("project_cues.txt").search(ctx.folded, s, e))
        # quoted names after a head word or a funding verb
        for q in _QUOTE_PAIRS.finditer(ctx.folded, s, e):
            inner_start = q.start() + 1
            inner_end = q.end() - 1
            before = ctx.folded[max(s, q.start() - 40) : q.start()]
            if re.search(r"(?:" + _heads().pattern + r")(?:\s+\w+){0,3}\s*$", before) or re.search(
                r"(?:" + gazetteer.word_regex("funding_cues.txt").pattern + r")\s*$", before
            ):
                name = ctx.text[inner_start:inner_end].strip()
                if not is_generic(name) and len(name.split()) <= 40:
                    mentions.append(_mention(ctx, inner_start, inner_end, QUOTED, 1.0))
                    quoted_spans.append((q.start(), q.end()))
        # unquoted names after a head word
        for h in heads:
            after = h.end()
            if any(qs <= after + 1 < qe or qs == after + 1 or qs == after for qs, qe in quoted_spans):
                continue
            if after < e and ctx.folded[after : after + 2].strip()[:1] in {"“", '"', "«"}:
                continue
            qualifier = _QUALIFIER.match(ctx.folded, after)
            if qualifier and qualifier.end() < e and ctx.folded[qualifier.end()].isupper():
                after = qualifier.end() - 1  # "dự án ODA Cải thiện ...", "dự án đối tác công tư (PPP) Nhà máy ..."
            span = _unquoted_name(ctx, after + 1, e) if after < e and ctx.folded[after] == " " else None
            name = ctx.text[span[0] : span[1]] if span else ""
            if name and not name[:1].isupper() and (
                h.start() == s or len(name.split()) < 4 or not _openers().match(ctx.folded, span[0])
                or not funded
            ):
                span = None  # "Dự án sẽ hỗ trợ ...", "dự án kết thúc": a predicate, not a name
            if span and not is_generic(name):
                score = 0.8 if name[:1].isupper() else 0.7
                mentions.append(_mention(ctx, span[0], span[1], HEADED, score))
            elif _anaphor().match(ctx.folded, h.start()):
                mentions.append(
                    Mention(EntityType.PROJECT, h.start(), h.end(), ctx.text[h.start() : h.end()], "", "",
                            sentence.index, ANAPHOR, 0.6)
                )
        # capitalised facilities that a funding verb takes as object
        for f in _facility_after_cue().finditer(ctx.folded, s, e):
            if any(m.start <= f.end() < m.end for m in mentions):
                continue
            span = _unquoted_name(ctx, f.end(), e)
            if span and not is_generic(ctx.text[span[0] : span[1]]) and len(ctx.text[span[0] : span[1]].split()) >= 3:
                mentions.append(_mention(ctx, span[0], span[1], FACILITY, 0.7))
    mentions.sort(key=lambda m: m.start)
    return _resolve_anaphora(mentions)


def _mention(ctx: DocContext, start: int, end: int, extractor: str, score: float) -> Mention:
    name = ctx.text[start:end].strip()
    return Mention(
        type=EntityType.PROJECT,
        start=start,
        end=end,
        text=name,
        key=project_key(name),
        label=name,
        sentence=ctx.sentence_at(start),
        extractor=extractor,
        score=score,
    )


def project_key(name: str) -> str:
    """Key of a project name: without a leading "dự án"/"đề án"/"chương trình"."""
    k = key(name)
    for head in ("tiểu dự án ", "dự án ", "đề án ", "chương trình "):
        if k.startswith(head):
            k = k[len(head) :]
    return k


def _resolve_anaphora(mentions: list[Mention]) -> list[Mention]:
    """Give anaphoric mentions the key and label of the project named last."""
    out = []
    last: Mention | None = None
    for m in mentions:
        if m.extractor == ANAPHOR:
            if last is None:
                continue
            m = Mention(m.type, m.start, m.end, m.text, last.key, last.label, m.sentence, ANAPHOR, 0.6)
        else:
            last = m
        out.append(m)
    return out
