"""Reading and writing graph files: format by extension, atomic writes.

Every write goes to a temporary file in the target's folder, is flushed to
disk, and replaces the target in one rename: a failed or interrupted write
leaves an earlier file byte for byte and no temporary file behind.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef

from .errors import InputError, OutputError

if TYPE_CHECKING:
    from .resolve import Corpus

FORMATS = {
    ".ttl": "turtle",
    ".nt": "nt",
    ".trig": "trig",
    ".nq": "nquads",
    ".jsonld": "json-ld",
}
QUAD_FORMATS = {"trig", "nquads"}
OX_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
    "json-ld": ox.RdfFormat.JSON_LD,
}


def format_for(path: str | os.PathLike[str]) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        known = ", ".join(sorted(FORMATS))
        raise OutputError(f"unknown graph format '{suffix or '(none)'}' for {path}; use one of {known}")
    return FORMATS[suffix]


def atomic_write(path: str | os.PathLike[str], write: Callable[[object], None]) -> None:
    """Call ``write(binary_file)`` on a temporary file, then rename it to ``path``."""
    write_files([(path, write)])


def write_files(jobs: list[tuple[str | os.PathLike[str], Callable[[object], None]]]) -> None:
    """Write each ``(path, write)`` to a temporary file next to ``path``; once every
    one is written and on disk, rename them all: a failure leaves every target as it was."""
    done: list[tuple[str, Path]] = []
    try:
        for path, write in jobs:
            done.append((_write_temporary(Path(path), write), Path(path)))
        for tmp, path in done:
            os.replace(tmp, path)
    except BaseException as exc:
        for tmp, _path in done:
            _discard(tmp)
        if isinstance(exc, OSError):
            raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
        raise


def _write_temporary(path: Path, write: Callable[[object], None]) -> str:
    folder = path.parent if str(path.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, _new_file_mode())  # mkstemp makes 0600; a graph file is meant to be shared
    except BaseException as exc:
        _discard(tmp)
        if isinstance(exc, OSError):
            raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
        raise
    return tmp


def _discard(tmp: str) -> None:
    try:
        os.unlink(tmp)
    except FileNotFoundError:
        pass


def _new_file_mode() -> int:
    """The mode ``open(path, "w")`` would give a new file: 0666 less the umask."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    atomic_write(path, lambda fh: fh.write(data))


def serialize(dataset: Dataset, fmt: str) -> bytes:
    """Bytes of ``dataset`` in ``fmt``; triple formats get the union of all graphs."""
    from .graph import union

    if fmt in QUAD_FORMATS:
        return dataset.serialize(format=fmt, encoding="utf-8")
    graph = union(dataset) if isinstance(dataset, Dataset) else dataset
    if fmt == "json-ld":
        from .namespaces import PREFIXES

        return graph.serialize(format="json-ld", encoding="utf-8", context=dict(PREFIXES), indent=1)
    return graph.serialize(format=fmt, encoding="utf-8")


def write_corpus(corpus: Corpus, paths: list[str | os.PathLike[str]]) -> None:
    """Write a resolved corpus to each of ``paths`` (format by extension), all or none.

    Triples stream from the corpus through pyoxigraph's serialisers, so no
    in-memory graph is built (JSON-LD, compacted with the project's prefixes,
    is the exception).
    """
    write_files([(path, partial(_stream, corpus, format_for(path))) for path in paths])


def _stream(corpus: Corpus, fmt: str, fh) -> None:
    from .graph import quads, to_dataset, union_triples
    from .namespaces import PREFIXES

    if fmt == "json-ld":
        fh.write(serialize(to_dataset(corpus), fmt))
        return
    if fmt in QUAD_FORMATS:
        items = (ox.Quad(to_ox(s), to_ox(p), to_ox(o), ox.DefaultGraph() if g is None else to_ox(g))
                 for s, p, o, g in quads(corpus))
    else:
        items = (ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in union_triples(corpus))
    ox.serialize(items, fh, format=OX_FORMATS[fmt], prefixes=dict(PREFIXES) if fmt in ("turtle", "trig") else None)


def to_ox(term) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """An rdflib term as a pyoxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def write_graph(dataset: Dataset, path: str | os.PathLike[str]) -> None:
    write_bytes(path, serialize(dataset, format_for(path)))


def load_graph(path: str | os.PathLike[str]) -> Dataset:
    """Read a graph file into a Dataset whose default graph is the union of all graphs."""
    from .graph import default_graph

    fmt = format_for(path)
    dataset = Dataset(default_union=True)
    try:
        if fmt in QUAD_FORMATS:
            dataset.parse(str(path), format=fmt)
        else:
            default_graph(dataset).parse(str(path), format=fmt)
    except FileNotFoundError:
        raise InputError(str(path), "no such graph file") from None
    except Exception as exc:  # rdflib raises many parser types
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(str(path), f"not a valid {fmt} graph ({message})") from None
    return dataset


def load_union(path: str | os.PathLike[str]) -> Graph:
    from .graph import union

    return union(load_graph(path))
