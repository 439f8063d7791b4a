"""Find article files and decode them into :class:`~kg.records.Document`.

Decoding order: a BOM decides (UTF-8, UTF-16 LE/BE); otherwise strict UTF-8;
otherwise Windows-1258 when the bytes look like Vietnamese text in it.
Binary files (NUL bytes, known magic numbers) are refused with
``InputError("not a text file", path)``.
"""

from __future__ import annotations

import codecs
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from .errors import InputError
from .records import Document
from .text import clean

_MAGIC = (
    (b"\x89PNG", "PNG image"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"%PDF", "PDF document"),
    (b"\x7fELF", "ELF executable"),
    (b"GIF8", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"\x1f\x8b", "gzip archive"),
)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Windows-1258 bytes for the Vietnamese-only letters (ă â đ ê ô ơ ư and capitals)
# and the combining tone marks it uses.
_CP1258_VIET = re.compile(rb"[\xc3\xe3\xc2\xe2\xd0\xf0\xca\xea\xd4\xf4\xd5\xf5\xdd\xfd\xcc\xec\xde\xde\xd2\xf2]")


def discover(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Files named directly, plus ``*.txt`` under folders (recursive, sorted).

    Symbolic links to folders are not followed (no loops); a missing path is an
    :class:`InputError`.
    """
    found: list[Path] = []
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            children = sorted(_walk(path))
        elif path.is_file():
            children = [path]
        else:
            raise InputError(str(path), "no such file or folder")
        for child in children:
            try:
                real = child.resolve()
            except (OSError, RuntimeError):  # a symlink loop: reading it reports the problem
                real = child.absolute()
            if real not in seen:
                seen.add(real)
                found.append(child)
    return found


def _walk(folder: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))  # hidden like hidden files: .git, .ipynb_checkpoints
        for name in sorted(files):
            if name.endswith(".txt") and not name.startswith("."):
                yield Path(root) / name


def decode(data: bytes, path: str) -> tuple[str, str]:
    """Return ``(text, encoding)`` for the bytes of one file."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise InputError(path, f"invalid {encoding} after its byte-order mark ({exc.reason})") from None
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise InputError(path, f"not a text file ({kind})")
    if b"\x00" in data[:4096]:
        raise InputError(path, "not a text file (binary data)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if _CP1258_VIET.search(data):
        try:
            return data.decode("cp1258", errors="strict"), "cp1258"
        except UnicodeDecodeError:  # bytes Windows-1258 leaves undefined (0x81, 0x8a, ...)
            pass
    raise InputError(path, "not UTF-8, UTF-16 or Windows-1258 text; convert it to UTF-8")


def read_document(path: str | os.PathLike[str], name: str | None = None) -> Document:
    """Read and normalise one article file."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(str(path), "file vanished before it could be read") from None
    except IsADirectoryError:
        raise InputError(str(path), "is a folder, not a file") from None
    except PermissionError:
        raise InputError(str(path), "permission denied") from None
    except OSError as exc:
        raise InputError(str(path), f"cannot read ({exc.strerror})") from None
    text, encoding = decode(data, str(path))
    return Document(name=name or path.stem, path=str(path), text=clean(text), encoding=encoding)
