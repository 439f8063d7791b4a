"""Reading and writing graph files: format by extension, atomic writes.

Every write goes to a temporary file in the target's folder, is flushed to
disk, and replaces the target in one rename: a failed or interrupted write
leaves an earlier file byte for byte and no temporary file behind.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from rdflib import Dataset, Graph

from .errors import InputError, OutputError

FORMATS = {
    ".ttl": "turtle",
    ".nt": "nt",
    ".trig": "trig",
    ".nq": "nquads",
    ".jsonld": "json-ld",
}
QUAD_FORMATS = {"trig", "nquads"}


def format_for(path: str | os.PathLike[str]) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        known = ", ".join(sorted(FORMATS))
        raise OutputError(f"unknown graph format '{suffix or '(none)'}' for {path}; use one of {known}")
    return FORMATS[suffix]


def atomic_write(path: str | os.PathLike[str], write: Callable[[object], None]) -> None:
    """Call ``write(binary_file)`` on a temporary file, then rename it to ``path``."""
    path = Path(path)
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
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        if isinstance(exc, OSError):
            raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
        raise


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
