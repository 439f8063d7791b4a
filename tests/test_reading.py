"""kg.reading: article files in any encoding newsrooms use, binary files refused, folders walked."""

from __future__ import annotations

import codecs
import os
import threading
import unicodedata

import pytest

from kg.errors import InputError
from kg.reading import decode, discover, read_document

ARTICLE = (
    "UBND Thừa Thiên Huế vừa phối hợp với Ngân hàng Phát triển Châu Á (ADB) tổ chức Hội thảo.\n"
    "Cơ quan Hợp tác Quốc tế Hàn Quốc (KOICA) đã viện trợ không hoàn lại 13 triệu USD; "
    "Phó Chủ tịch UBND tỉnh Nguyễn Thanh Bình đánh giá cao. Đắk Lắk, Quảng Ngãi, Bạc Liêu, Ưu tiên, ỷ lại."
)


def to_cp1258(text: str) -> bytes:
    """Encode like a Windows-1258 editor: precomposed where the code page has the letter,
    otherwise base letter plus a combining tone mark (cp1258 has no "ạ", "ế", "ổ", ...)."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        try:
            out.append(ch.encode("cp1258"))
        except UnicodeEncodeError:
            base, *marks = unicodedata.normalize("NFD", ch)
            tones = [m for m in marks if m in "\u0300\u0301\u0303\u0309\u0323"]
            rest = unicodedata.normalize("NFC", base + "".join(m for m in marks if m not in tones))
            out.append((rest + "".join(tones)).encode("cp1258"))
    return b"".join(out)


def write(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


# -- decoding -------------------------------------------------------------------

@pytest.mark.parametrize(
    "encoded, encoding",
    [
        (ARTICLE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + ARTICLE.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + ARTICLE.encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + ARTICLE.encode("utf-16-be"), "utf-16"),
        (to_cp1258(ARTICLE), "cp1258"),
        (unicodedata.normalize("NFD", ARTICLE).encode("utf-8"), "utf-8"),
        (ARTICLE.replace("\n", "\r\n").encode("utf-8"), "utf-8"),
    ],
    ids=["utf-8", "utf-8 with BOM", "utf-16 LE with BOM", "utf-16 BE with BOM", "windows-1258", "utf-8 NFD",
         "utf-8 CRLF"],
)
def test_every_supported_encoding_reads_as_the_same_nfc_text(tmp_path, encoded, encoding):
    document = read_document(write(tmp_path, "bai-bao.txt", encoded))
    assert document.text == ARTICLE
    assert document.encoding == encoding
    assert document.name == "bai-bao"


def test_windows_1258_bytes_really_are_not_utf8():
    data = to_cp1258(ARTICLE)
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert b"\xf2" in data  # the combining dot below of "ạ", "ộ": the decomposed form is exercised


def test_utf8_with_and_without_bom_give_the_same_document(tmp_path):
    plain = read_document(write(tmp_path, "a.txt", ARTICLE.encode("utf-8")), name="x")
    with_bom = read_document(write(tmp_path, "b.txt", codecs.BOM_UTF8 + ARTICLE.encode("utf-8")), name="x")
    assert plain.text == with_bom.text
    assert not with_bom.text.startswith("\ufeff")


BINARY = [
    ("anh.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "PNG"),
    ("tai-lieu.zip", b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + b"Ha Noi" * 10, "ZIP"),
    ("bao-cao.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "PDF"),
    ("chuong-trinh", b"\x7fELF\x02\x01\x01\x00" + bytes(64), "ELF"),
    ("du-lieu.txt", "Hà Nội".encode("utf-8") + b"\x00\x00\x01\x02" + "Đà Nẵng".encode("utf-8"), "binary"),
]


@pytest.mark.parametrize("name, data, kind", BINARY, ids=[b[2] for b in BINARY])
def test_binary_file_is_refused_with_a_message_naming_it(tmp_path, name, data, kind):
    path = write(tmp_path, name, data)
    with pytest.raises(InputError) as caught:
        read_document(path)
    message = str(caught.value)
    assert "not a text file" in message
    assert kind in message
    assert str(path) in message
    assert caught.value.path == str(path)
    assert "\n" not in message


@pytest.mark.parametrize(
    "data",
    [b"\xe2\x81 T\xf4i", b"caf\xe9 \x8d\x8e\x90", b"\xc3\x28 \x9d"],
    ids=["undefined 0x81", "undefined 0x8d", "undefined 0x9d"],
)
def test_bytes_that_are_neither_utf8_nor_windows_1258_are_an_input_error(data):
    with pytest.raises(InputError, match="not UTF-8, UTF-16 or Windows-1258"):
        decode(data, "bai.txt")


def test_invalid_utf16_after_its_bom_is_an_input_error():
    with pytest.raises(InputError, match="invalid utf-16"):
        decode(codecs.BOM_UTF16_LE + b"\x00\xd8", "bai.txt")  # a lone high surrogate


def test_reading_a_folder_or_a_missing_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="is a folder"):
        read_document(tmp_path)
    with pytest.raises(InputError, match="vanished"):
        read_document(tmp_path / "khong-co.txt")


# -- discover -------------------------------------------------------------------

def make_tree(tmp_path):
    for rel in ["b.txt", "a.txt", "sub/c.txt", "sub/deeper/d.txt", "sub/ghi-chu.md", "anh.png", ".an.txt"]:
        path = tmp_path / "corpus" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("Hà Nội", encoding="utf-8")
    return tmp_path / "corpus"


def test_discover_walks_folders_for_txt_files_recursively_in_sorted_order(tmp_path):
    corpus = make_tree(tmp_path)
    found = [p.relative_to(corpus).as_posix() for p in discover([corpus])]
    assert found == ["a.txt", "b.txt", "sub/c.txt", "sub/deeper/d.txt"]


def test_discover_skips_hidden_folders_as_it_skips_hidden_files(tmp_path):
    corpus = make_tree(tmp_path)
    for hidden in [".ipynb_checkpoints/a-checkpoint.txt", ".git/description.txt", "sub/.cache/c.txt"]:
        (corpus / hidden).parent.mkdir(parents=True, exist_ok=True)
        (corpus / hidden).write_text("Hà Nội", encoding="utf-8")
    found = [p.relative_to(corpus).as_posix() for p in discover([corpus])]
    assert found == ["a.txt", "b.txt", "sub/c.txt", "sub/deeper/d.txt"]
    # named explicitly, a hidden folder is read
    assert [p.name for p in discover([corpus / ".ipynb_checkpoints"])] == ["a-checkpoint.txt"]


def test_discover_takes_explicitly_named_files_of_any_extension(tmp_path):
    corpus = make_tree(tmp_path)
    found = discover([corpus / "sub" / "ghi-chu.md", corpus / "anh.png", corpus / "sub"])
    assert [p.relative_to(corpus).as_posix() for p in found] == [
        "sub/ghi-chu.md", "anh.png", "sub/c.txt", "sub/deeper/d.txt"
    ]


def test_discover_lists_a_file_once_however_often_it_is_named(tmp_path):
    corpus = make_tree(tmp_path)
    found = discover([corpus / "a.txt", corpus, corpus / "a.txt"])
    assert [p.name for p in found].count("a.txt") == 1


def test_discover_refuses_a_missing_path_naming_it(tmp_path):
    missing = tmp_path / "khong-ton-tai"
    with pytest.raises(InputError) as caught:
        discover([make_tree(tmp_path), missing])
    assert str(missing) in str(caught.value)


def test_discover_does_not_follow_symlink_loops(tmp_path):
    corpus = make_tree(tmp_path)
    os.symlink("..", corpus / "sub" / "up")  # folder loop
    os.symlink(corpus, corpus / "self")  # folder loop
    os.symlink("vong.txt", corpus / "vong.txt")  # a file link to itself
    os.symlink("y.txt", corpus / "x.txt")  # two file links to each other
    os.symlink("x.txt", corpus / "y.txt")
    result = []
    worker = threading.Thread(target=lambda: result.append(discover([corpus])), daemon=True)
    worker.start()
    worker.join(timeout=10)
    assert not worker.is_alive(), "discover() is still walking after 10 s: it follows a loop"
    assert result, "discover() raised instead of listing the files"
    found = [p.relative_to(corpus).as_posix() for p in result[0]]
    assert found == ["a.txt", "b.txt", "sub/c.txt", "sub/deeper/d.txt", "vong.txt", "x.txt", "y.txt"]
    # a looping link is listed so that reading it reports the problem (and --skip-bad can skip it)
    with pytest.raises(InputError, match="cannot read"):
        read_document(corpus / "vong.txt")
