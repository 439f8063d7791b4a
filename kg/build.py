"""Build a knowledge graph from article files: read -> extract -> resolve -> RDF.

Documents are extracted in worker processes (``jobs``) and streamed into the
resolver one at a time, so no more than a few article texts are held in
memory at once.  A bad file stops the build with an :class:`InputError`
before anything is written, unless ``skip_bad`` is set, in which case it is
reported through ``on_warning`` and left out.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from .errors import InputError, KGError
from .extract import extract_document
from .ids import digest
from .reading import discover, read_document
from .records import DocExtraction
from .resolve import Corpus, Resolver

IN_PROCESS_BELOW = 8  # fewer documents than this are not worth starting workers for


@dataclass(frozen=True, slots=True)
class Failure:
    path: str
    message: str


def _names(paths: list[Path]) -> list[str]:
    """Document names: file stems, disambiguated by a path hash when two files share one."""
    stems = [p.stem for p in paths]
    clashes = {s for s in stems if stems.count(s) > 1}
    return [f"{p.stem}-{digest(str(p), 6)}" if p.stem in clashes else p.stem for p in paths]


def _work(item: tuple[str, ...]) -> DocExtraction | Failure:
    """(path, name[, encoding]) -> the document's extraction, or a Failure to report."""
    path, name, *rest = item
    encoding = rest[0] if rest else None
    try:
        return _without_tokens(extract_document(read_document(path, name, encoding)))
    except InputError as exc:
        return Failure(path, str(exc))
    except RecursionError:
        return Failure(path, f"text too deeply structured to analyse: {path}")


def _without_tokens(extraction: DocExtraction) -> DocExtraction:
    """The extraction as later stages need it: sentences keep their text, not
    their tokens (three quarters of what a worker would send back)."""
    return replace(extraction, sentences=tuple(replace(s, tokens=()) for s in extraction.sentences))


def extract_items(items: list[tuple[str, str, str | None]], jobs: int = 0,
                  chunksize: int = 4) -> Iterator[DocExtraction | Failure]:
    """Extractions of ``(path, name, encoding)`` items, in order, in ``jobs`` worker
    processes (0: one per core; few items are done in this process)."""
    jobs = jobs or os.cpu_count() or 1
    if jobs == 1 or len(items) < IN_PROCESS_BELOW:
        yield from map(_work, items)
        return
    context = multiprocessing.get_context("forkserver" if os.name == "posix" else "spawn")
    with context.Pool(jobs) as pool:
        yield from pool.imap(_work, items, chunksize=chunksize)


def document_names(paths: list[Path]) -> list[str]:
    """Public name of :func:`_names`: document names for files, unique within the list."""
    return _names(paths)


def extract_all(paths: list[Path], jobs: int = 0, encoding: str | None = None) -> Iterator[DocExtraction | Failure]:
    """Extractions in input order; ``jobs`` 0 means one worker per core; ``encoding``
    overrides detection (see kg.reading.decode)."""
    yield from extract_items([(str(p), n, encoding) for p, n in zip(paths, _names(paths))], jobs)


def screen(stream: Iterable[DocExtraction | Failure], skip_bad: bool = False,
           on_warning: Callable[[str], None] | None = None,
           on_skip: Callable[[str], None] | None = None) -> Iterator[DocExtraction]:
    """The extractions worth building from: a failure stops the build (an
    :class:`InputError`) unless ``skip_bad``; failures and empty articles are
    reported through ``on_warning`` and their names through ``on_skip``; a text
    that had to be converted or repaired is reported and kept."""
    for item in stream:
        if isinstance(item, Failure):
            if not skip_bad:
                raise InputError(item.path, item.message.rsplit(": ", 1)[0])
            message, name = f"skipped {item.message}", Path(item.path).stem
        elif not item.document.text.strip():
            message, name = f"skipped empty file: {item.document.path}", item.document.name
        else:
            if "(" in item.document.encoding and on_warning:  # converted, repaired or with replacements
                on_warning(f"read {item.document.path} as {item.document.encoding}")
            yield item
            continue
        if on_warning:
            on_warning(message)
        if on_skip:
            on_skip(name)


def build_corpus(
    inputs: Iterable[str | os.PathLike[str]],
    *,
    jobs: int = 0,
    skip_bad: bool = False,
    min_confidence: float = 0.0,
    on_warning: Callable[[str], None] | None = None,
    progress: Callable[[Iterator], Iterator] | None = None,
    encoding: str | None = None,
) -> Corpus:
    paths = discover(inputs)
    if not paths:
        raise KGError(f"no .txt articles found in {', '.join(map(str, inputs))}")
    resolver = Resolver(min_confidence)
    stream = extract_all(paths, jobs, encoding)
    if progress is not None:
        stream = progress(stream, total=len(paths))
    built = 0
    for extraction in screen(stream, skip_bad, on_warning):
        resolver.add(extraction)
        built += 1
    if built == 0:
        raise KGError("no article could be read; nothing to build")
    return resolver.corpus()
