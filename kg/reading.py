"""Find article files and decode them into :class:`~kg.records.Document`.

Decoding order: a BOM decides (UTF-8, UTF-16 LE/BE); binary files (known magic
numbers, NUL bytes that are not UTF-16, control codes) are refused with
``InputError(path, "not a text file (...)")``; then UTF-16 without a BOM (told
by its NUL bytes), strict UTF-8, UTF-8 with a few broken bytes, and finally
Windows-1258 or the legacy TCVN3, VNI and VISCII when exactly that reading is
Vietnamese (:mod:`kg.encodings`).  Unicode text is then checked for mojibake:
UTF-8 that was read as Windows-1252 is repaired with ftfy, legacy bytes that
were read as a Western code page are converted, and text that still reads as
mojibake is refused with advice to name the encoding.

``Document.encoding`` names what was done whenever it was more than decoding:
``"tcvn3 (converted)"``, ``"utf-8 (mojibake repaired)"``,
``"utf-8 (2 invalid characters replaced)"``; a caller warns when it holds "(".
"""

from __future__ import annotations

import codecs
import os
import re
import stat
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

from . import encodings
from .errors import InputError, KGError
from .records import Document
from .text import clean

MAX_BYTES = 50_000_000  # a bigger .txt is a log or a dump passed by mistake, not an article
_MAGIC = (
    (b"\x89PNG", "PNG image"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"%PDF", "PDF document"),
    (b"\x7fELF", "ELF executable"),
    (b"GIF8", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Word or Excel 97 document"),
    (b"{\\rtf", "RTF document"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"\x28\xb5\x2f\xfd", "zstd archive"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"MZ", "Windows executable"),
)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_HEAD = 4096  # bytes looked at to tell binary from text
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
ADVICE = "convert it to UTF-8 or name its encoding with --encoding (utf-8, utf-16, cp1258, tcvn3, vni, viscii)"


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
        elif path.is_file() or path.exists():  # a named pipe or device: reading it says what it is
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


def encoding_name(name: str) -> str:
    """The canonical name of an encoding a user gave (``--encoding``); a
    :class:`KGError` for one Python does not know and that is not TCVN3, VNI or VISCII."""
    legacy = encodings.canonical(name)
    if legacy:
        return legacy
    try:
        return codecs.lookup(name).name
    except LookupError:
        raise KGError(f"unknown encoding '{name}'; use utf-8, utf-16, cp1258, tcvn3, vni or viscii") from None


def decode(data: bytes, path: str, encoding: str | None = None) -> tuple[str, str]:
    """Return ``(text, encoding)`` for the bytes of one file (see the module doc).

    ``encoding`` skips detection; the text is still refused if it reads as mojibake.
    """
    if encoding is not None:
        text, label, notes = _decode_as(data, path, encoding_name(encoding))
    else:
        text, label, notes = _detect(data, path)
    verdict = encodings.judge(text)
    if encoding is None and label.startswith(("utf-8", "utf-16")):
        text, label, notes, verdict = _repair(text, label, notes, verdict)
    text = _SURROGATE.sub("\ufffd", text)
    replaced = text.count("\ufffd") - _replacements_in(data, label)
    if replaced > 0:
        notes.append(f"{replaced} invalid character{'s' if replaced > 1 else ''} replaced")
    if verdict.refuses():
        shown = ", ".join(f"'{w}'" for w in encodings.mojibake_examples(text))
        raise InputError(path, f"text reads as mojibake ({shown}) when decoded as {label}; {ADVICE}")
    return text, f"{label} ({', '.join(notes)})" if notes else label


def _replacements_in(data: bytes, label: str) -> int:
    """U+FFFD characters the file itself holds (not ones decoding put there)."""
    if label.startswith("utf-16"):
        return data.count("\ufffd".encode("utf-16-le")) + data.count("\ufffd".encode("utf-16-be"))
    return data.count("\ufffd".encode("utf-8"))


def _detect(data: bytes, path: str) -> tuple[str, str, list[str]]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode_unicode(data, encoding, path, bom=True), encoding, []
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise InputError(path, f"not a text file ({kind})")
    head = data[:_HEAD]
    if b"\x00" in head:
        order = _utf16_order(head)
        if order is None:
            raise InputError(path, "not a text file (binary data)")
        return _decode_unicode(data, order, path), order, []
    if len(_CONTROL_BYTES.findall(head)) * 20 > len(head):
        raise InputError(path, "not a text file (binary data)")
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("utf-8", errors="surrogatepass"), "utf-8", []  # lone surrogates: replaced later
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    broken = text.count("\ufffd") - _replacements_in(data, "utf-8")
    cut_short = broken == 1 and text.endswith("\ufffd")
    letters = len(text) - len(text.encode("ascii", "ignore")) - text.count("\ufffd")  # characters beyond ASCII
    if cut_short or letters >= 10 * broken:
        return text, "utf-8", []  # UTF-8 with a few broken bytes: replaced and reported
    guessed = encodings.guess_legacy(data)
    if guessed == "cp1258":
        return data.decode("cp1258"), "cp1258", []
    if guessed is not None:
        return encodings.decode_legacy(data, guessed), guessed, ["converted"]
    raise InputError(path, f"not UTF-8, UTF-16 or Windows-1258 text, nor TCVN3, VNI or VISCII; {ADVICE}")


def _utf16_order(head: bytes) -> str | None:
    """``"utf-16-le"`` or ``"utf-16-be"`` when NUL bytes are the high halves of
    UTF-16 code units (Latin letters, digits, spaces) and only those."""
    size = len(head) - len(head) % 2
    if size < 2:
        return None
    even, odd = head[0:size:2].count(0), head[1:size:2].count(0)
    half = size // 2
    if odd * 3 >= half and even * 50 <= half:
        return "utf-16-le"
    if even * 3 >= half and odd * 50 <= half:
        return "utf-16-be"
    return None


def _strict(data: bytes, encoding: str) -> str:
    """Strict decoding, except that lone surrogates are kept (replaced and reported later)."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        if "surrogate" not in exc.reason:
            raise
    return data.decode(encoding, errors="surrogatepass")


def _decode_unicode(data: bytes, encoding: str, path: str, bom: bool = False) -> str:
    try:
        return _strict(data, encoding)
    except UnicodeDecodeError as exc:
        where = "after its byte-order mark" if bom else "without a byte-order mark"
        raise InputError(path, f"invalid {encoding} {where} ({exc.reason})") from None


def _repair(text: str, label: str, notes: list[str], verdict: encodings.Verdict
            ) -> tuple[str, str, list[str], encodings.Verdict]:
    """Mojibake in Unicode text: the whole text read with a wrong code page, whose
    bytes were UTF-8 (repaired) or Windows-1258, TCVN3, VNI or VISCII (converted);
    else lines of UTF-8 read as Windows-1252 among good ones (repaired with ftfy)."""
    if verdict.refuses():
        undone = encodings.undo_misreading(text)
        if undone is not None:
            text, name = undone
            if name == "utf-8":
                return text, label, [*notes, "mojibake repaired"], encodings.judge(text)
            return text, name, ["converted", f"from {label} text"], encodings.judge(text)
    if verdict.double_encoded:
        import ftfy  # imported only for the few files that need it

        fixed = "".join(ftfy.fix_encoding(line) if encodings.looks_double_encoded(line) else line
                        for line in text.splitlines(keepends=True))
        after = encodings.judge(fixed)
        if after.double_encoded + after.mojibake < verdict.double_encoded + verdict.mojibake:
            return fixed, label, [*notes, "mojibake repaired"], after
    return text, label, notes, verdict


def _decode_as(data: bytes, path: str, encoding: str) -> tuple[str, str, list[str]]:
    """Bytes in an encoding the user named."""
    try:
        if encoding in encodings.LEGACY:
            return encodings.decode_legacy(data, encoding, errors="strict"), encoding, ["converted"]
        if encoding.startswith(("utf-8", "utf-16", "utf-32")):
            return _strict(data, "utf-8-sig" if encoding == "utf-8" else encoding), encoding, []
        return data.decode(encoding), encoding, []
    except UnicodeDecodeError as exc:
        raise InputError(path, f"not {encoding} text (byte {exc.start}: {exc.reason}); {ADVICE}") from None


def _opened(path: Path) -> bytes:
    """The bytes of a regular file; named pipes and devices are refused, never waited on."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise InputError(str(path), "file vanished before it could be read") from None
    except IsADirectoryError:
        raise InputError(str(path), "is a folder, not a file") from None
    except PermissionError:
        raise InputError(str(path), "permission denied") from None
    except OSError as exc:
        raise InputError(str(path), f"cannot read ({exc.strerror})") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InputError(str(path), "is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            kind = "named pipe" if stat.S_ISFIFO(info.st_mode) else "device or socket"
            raise InputError(str(path), f"not a regular file ({kind})")
        if info.st_size > MAX_BYTES:
            raise InputError(str(path), f"file too large ({info.st_size / 1e6:.0f} MB; articles up to "
                                        f"{MAX_BYTES / 1e6:.0f} MB are read)")
        with os.fdopen(os.dup(fd), "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:  # it grew while being read
            raise InputError(str(path), f"file too large (articles up to {MAX_BYTES / 1e6:.0f} MB are read)")
        return data
    except OSError as exc:
        raise InputError(str(path), f"cannot read ({exc.strerror})") from None
    finally:
        os.close(fd)


def _readable(text: str) -> str:
    """A file name fit for a label: NFC, undecodable bytes as U+FFFD."""
    return unicodedata.normalize("NFC", _SURROGATE.sub("\ufffd", text))


def read_document(path: str | os.PathLike[str], name: str | None = None, encoding: str | None = None) -> Document:
    """Read and normalise one article file; ``encoding`` names its encoding instead of detecting it."""
    path = Path(path)
    data = _opened(path)
    text, found = decode(data, str(path), encoding)
    return Document(name=_readable(name or path.stem), path=_readable(str(path)), text=clean(text), encoding=found)
