"""Project mentions: names after "dự án" / "Đề án" / "Chương trình", in quotes or not.

* Quoted: ``dự án “Xây dựng thành phố Huế văn hóa và du lịch thông minh”``, or
  a quoted name that itself opens with a head word (“Chiến lược phát triển …”).
* Unquoted after a head word, bounded by :mod:`kg.extract.names`.  A
  capitalised name ("dự án Phát triển đô thị …") or one holding a proper noun
  ("dự án thoát nước Hà Nội") is a name; a lower-case descriptive one
  ("dự án xây dựng mô hình đô thị …") only when it opens like a project name
  and its sentence funds, approves or starts it — otherwise "dự án kết thúc"
  is the project's predicate.
* A named facility ("cầu Nguyễn Trãi", "tuyến metro số 2", "đầu tư Khu công
  viên phần mềm …") in a sentence about funding, building or opening it.
* Anaphora: "Dự án", "Đề án này" with no name refer back to the project named
  last (extractor ``project-anaphor``; such mentions add no label).
"""

from __future__ import annotations

import re
from functools import cache

from .. import gazetteer
from ..records import EntityType, Mention
from ..text import key
from .context import DocContext
from .names import unquoted_name

QUOTED = "project-quoted"
HEADED = "project-head"
FACILITY = "project-facility"
ANAPHOR = "project-anaphor"
_QUOTE_PAIRS = re.compile(r"“([^”\n]{3,300})”|\"([^\"\n]{3,300})\"|«([^»\n]{3,300})»")
# A generic qualifier between the head word and a capitalised name.
_QUALIFIER = re.compile(r" (?:ODA|FDI|PPP|đầu tư|vốn vay|đối tác công tư|hợp tác công tư)(?: \([A-Z]{2,5}\))? (?=\S)")
# "Ban Quản lý dự án ...", "Sở Kế hoạch và Đầu tư": an office, not a project.
_OFFICE = re.compile(r"(?:[Qq]uản lý|QLDA|Sở|Bộ|Vụ|Cục|Phòng|Viện)\s*$")
_BUILD_VERB = re.compile(r"(?:xây dựng|xây|khởi công|thông xe|khánh thành|vận hành|nâng cấp|mở rộng|cải tạo)\s+(?:mới\s+)?$",
                         re.IGNORECASE)
_LIST_ITEM = re.compile(r"\s*(?:[-–•+*]|\d{1,2}[.)])\s+")
_PASSIVE_FUNDING = re.compile(r"(?:\s+(?:của|ở)\s+(?:tỉnh|thành phố|TP)\b)?\s+(?:được|do)\s+(?:\S+\s+){0,3}?"
                              r"(?:đầu tư|xây dựng|tài trợ|khởi công|hỗ trợ|triển khai)")
_BARE_HEADS = frozenset({"dự án", "đề án", "chương trình"})
_NUMBERED = re.compile(r"\bsố \d+\b")


@cache
def _regex(name: str, ignore_case: bool = False) -> re.Pattern[str]:
    return gazetteer.word_regex(name, ignore_case)


@cache
def _stops_regex() -> re.Pattern[str]:
    return gazetteer.word_regex("project_stops.txt")


@cache
def _facility() -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(?:" + _regex("facility_heads.txt").pattern + r")\s")


@cache
def _generic() -> frozenset[str]:
    return frozenset(key(w) for w in gazetteer.words("generic_projects.txt"))


@cache
def _generic_words() -> frozenset[str]:
    return frozenset(w for phrase in _generic() for w in phrase.split())


@cache
def _demonstratives() -> frozenset[str]:
    return frozenset(key(w) for w in gazetteer.words("project_demonstratives.txt"))


def is_generic(name: str) -> bool:
    """True for names that name nothing ("dự án này", "dự án ODA", "dự án ODA sau hợp nhất")."""
    k = key(name)
    words = k.split()
    if len(words) < 2 or k in _generic() or set(words) <= _generic_words():
        return True
    if words[0] in _demonstratives() or " ".join(words[:2]) in _demonstratives():
        return True
    first, _, rest = name.partition(" ")
    return key(first) in _generic_words() and first.isupper() and not rest[:1].isupper()


def has_proper_noun(name: str, within: int = 3) -> bool:
    """A capitalised word among the ``within`` words after the first one (not a
    continent: "châu Âu"), or a number ("tuyến metro số 2")."""
    words = name.split()
    for i, w in enumerate(words[1 : within + 1], start=1):
        if w[:1].isupper() and words[i - 1] != "châu":
            return True
    return bool(_NUMBERED.search(" ".join(words[: within + 3])))


def _accept_unquoted(name: str, at_sentence_start: bool, cued: bool, opener: bool | str) -> bool:
    if not name or is_generic(name):
        return False
    if name[:1].isupper():
        return True
    if has_proper_noun(name):
        return True
    if opener == "proper":
        return True
    return not at_sentence_start and cued and opener and len(name.split()) >= 4


def extract(ctx: DocContext) -> list[Mention]:
    mentions: list[Mention] = []
    for sentence in ctx.sentences:
        mentions += _in_sentence(ctx, sentence.start, sentence.end, sentence.index)
    mentions.sort(key=lambda m: m.start)
    return mentions


def _in_sentence(ctx: DocContext, s: int, e: int, index: int) -> list[Mention]:
    folded = ctx.folded
    found: list[Mention] = []
    quoted: list[tuple[int, int]] = []
    heads = _regex("project_heads.txt")
    funding = _regex("funding_cues.txt")
    cued = bool(_regex("funding_cues.txt", True).search(folded, s, e)
                or _regex("project_cues.txt", True).search(folded, s, e))
    item = _LIST_ITEM.match(folded, s)  # "- Chương trình …": a named item of a list
    for q in _QUOTE_PAIRS.finditer(folded, s, e):
        inner_start, inner_end = q.start() + 1, q.end() - 1
        before = folded[max(s, q.start() - 40) : q.start()]
        headed = re.search(r"(?:" + heads.pattern + r")(?:\s+\w+){0,3}\s*$", before)
        opens_with_head = heads.match(folded, inner_start)
        if opens_with_head and _stops_regex().match(folded, opens_with_head.end() + 1):
            opens_with_head = None  # a quoted sentence: “Dự án sẽ bảo đảm ...”
        after_funding = re.search(r"(?:" + funding.pattern + r")\s*$", before)
        name = ctx.text[inner_start:inner_end].strip()
        if (headed or opens_with_head or after_funding) and not is_generic(name) and len(name.split()) <= 40:
            found.append(_mention(ctx, inner_start, inner_end, QUOTED, 1.0))
            quoted.append((q.start(), q.end()))
    for h in heads.finditer(folded, s, e):
        after = h.end()
        if any(qs <= after + 1 <= qe for qs, qe in quoted) or _OFFICE.search(folded, max(s, h.start() - 12), h.start()):
            continue
        if any(m.start <= h.start() < m.end for m in found):
            continue  # a head word inside a quoted name
        if _PLURAL_BEFORE.search(folded, max(s, h.start() - 12), h.start()):
            continue  # "nhiều dự án đô thị thông minh", "các dự án ODA": a kind of project, not one
        qualifier = _QUALIFIER.match(folded, after)
        if qualifier and qualifier.end() < e and folded[qualifier.end()].isupper():
            after = qualifier.end() - 1  # "dự án ODA Cải thiện ...", "dự án đối tác công tư (PPP) Nhà máy ..."
        span = unquoted_name(ctx, after + 1, e) if after < e and folded[after] == " " else None
        name = ctx.text[span[0] : span[1]] if span else ""
        opener = bool(span) and bool(_regex("project_openers.txt", True).match(folded, span[0]))
        # "Tiểu dự án …", "Kế hoạch …", "Chiến lược …" keep their head; "dự án", "đề án", "chương trình" do not
        keeps_head = after == h.end() and key(h.group(0)) not in _BARE_HEADS
        if span and keeps_head and h.group(0)[:1].isupper():
            name = ctx.text[h.start() : span[1]]
        at_item = bool(item) and item.end() == h.start()
        # "… của Chương trình cấp nước an toàn …": a capital head inside a sentence opens a proper name
        proper_head = h.group(0)[:1].isupper() and h.start() != s and not at_item and len(name.split()) >= 3
        if _accept_unquoted(name, h.start() == s, cued or at_item, "proper" if proper_head else opener):
            start = h.start() if keeps_head else span[0]
            found.append(_mention(ctx, start, span[1], HEADED, 0.8 if name[:1].isupper() else 0.7))
        elif _regex("anaphors.txt").match(folded, h.start()) or _refers_back(folded, h.start(), h.end()):
            found.append(Mention(EntityType.PROJECT, h.start(), h.end(), ctx.text[h.start() : h.end()], "", "",
                                 index, ANAPHOR, 0.6))
    if cued:
        for f in _facility().finditer(folded, s, e):
            if any(m.start <= f.start() < m.end or f.start() <= m.start < f.end() for m in found):
                continue
            span = unquoted_name(ctx, f.start(), e)
            if span is None:
                continue
            name = ctx.text[span[0] : span[1]]
            before = folded[max(s, f.start() - 30) : f.start()]
            after_funding = re.search(r"(?:" + funding.pattern + r")\s+(?:vào\s+|cho\s+)?$", before)
            # the object of a verb that funds, builds or opens it, or the subject of the sentence
            governed = after_funding or _BUILD_VERB.search(before) or f.start() == s
            passive = _PASSIVE_FUNDING.match(folded, span[1])  # "Trung tâm … được đầu tư bằng ngân sách"
            named = has_proper_noun(name, 8) or after_funding or (passive and len(name.split()) >= 4)
            if (governed or passive) and len(name.split()) >= 3 and not is_generic(name) and named:
                found.append(_mention(ctx, span[0], span[1], FACILITY, 0.7))
    return found


_PLURAL_BEFORE = re.compile(r"(?<!\w)(?:các|những|nhiều|mọi|một số|\d+|hai|ba|bốn|năm|loạt)\s+$", re.IGNORECASE)
_PREDICATE_AFTER = re.compile(r"\s+(?:do|được|đã|sẽ|đang|vừa|có|là)(?!\w)")
_BACK_AFTER = re.compile(r"\s*(?:[,.;:)]|$|(?:này|trên|nói trên|đó|kể trên)(?!\w))")


def _refers_back(folded: str, start: int, end: int) -> bool:
    """"cho dự án,", "của dự án này", "vốn của dự án do …": the project named before
    (not "các dự án")."""
    if _PLURAL_BEFORE.search(folded, max(0, start - 12), start):
        return False
    return bool(_BACK_AFTER.match(folded, end)) or bool(_PREDICATE_AFTER.match(folded, end))


def truncate(ctx: DocContext, mention: Mention, end: int) -> Mention | None:
    """The mention cut before ``end`` (where another entity's name starts), or None if nothing is left."""
    cut = ctx.text[mention.start : end].rstrip(" ,;-–(")
    words = cut.split()
    while words and words[-1].lower() in {"cho", "của", "và", "với", "do", "bởi", "từ", "tại"}:
        words.pop()
    if len(words) < 2:
        return None
    name = " ".join(words)
    return _mention(ctx, mention.start, mention.start + len(name), mention.extractor, mention.score)


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
    for head in ("dự án ", "đề án ", "chương trình "):
        if k.startswith(head):
            k = k[len(head) :]
    return k


def resolve_anaphora(mentions: list[Mention]) -> list[Mention]:
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
