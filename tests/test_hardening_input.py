"""Hostile input: what scrapers and old editors leave in article files, and what the reader does.

Every case ends in one of two ways a user can act on: a one-line error naming
the file (exit status 2 from the CLI, nothing written), or a correct document,
with ``Document.encoding`` saying what was converted, repaired or replaced.
Never a traceback, a hang, or mojibake in a label.
"""

from __future__ import annotations

import codecs
import os
import threading
import time
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_reading import to_cp1258  # Windows-1258 as an editor writes it: base letter + combining tone mark

from kg import encodings, nlp, reading
from kg.build import build_corpus
from kg.cli import main
from kg.errors import InputError, KGError
from kg.extract import extract_document
from kg.graph import to_dataset
from kg.reading import decode, discover, read_document
from kg.records import Document
from kg.text import LONGEST_LINE, clean

HOSTILE = Path(__file__).resolve().parent / "data" / "hostile"
CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"
NFD = lambda s: unicodedata.normalize("NFD", s)  # noqa: E731

ARTICLE = (
    "Ngân hàng Phát triển Châu Á (ADB) tài trợ 13 triệu USD cho tỉnh Thừa Thiên Huế.\n"
    "Ủy ban nhân dân thành phố Đà Nẵng cảm ơn Cơ quan Hợp tác Quốc tế Nhật Bản (JICA).\n"
    "Ông Nguyễn Văn Thắng, Chủ tịch UBND tỉnh Khánh Hòa, đánh giá cao sự hỗ trợ của Ngân hàng Thế giới."
)
# TCVN3 has no capitals with tone marks: inside a sentence they come back in lower case.
ARTICLE_TCVN3 = ARTICLE.replace("Châu Á", "Châu á")

# Latin-1 and Windows-1252 characters Vietnamese never uses: what mis-decoding leaves behind.
VIETNAMESE_LATIN1 = set("ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý")
MOJIBAKE_LETTERS = (set(map(chr, range(0x80, 0x100))) - VIETNAMESE_LATIN1 - {"\u00a0"}) | set("€‚ƒ„†‡ˆ‰Š‹ŒŽ˜™š›œžŸ")


def to_legacy(text: str, name: str) -> bytes:
    """``text`` in TCVN3, VNI or VISCII, from the reverse of kg's table (capitals with
    tone marks as TCVN3 writes them: the lower-case code, drawn by an all-capitals font)."""
    reverse: dict[str, bytes] = {}
    for seq, letter in encodings.table(name).items():
        reverse.setdefault(letter, seq)
    if name == "vni":
        reverse.update({c: c.encode("latin-1") for c in "ìíÌÍ"})
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ch not in reverse and name == "tcvn3" and ch.lower() in reverse and not ch.isascii():
            ch = ch.lower()
        out.append(reverse[ch] if ch in reverse else ch.encode("ascii"))
    return b"".join(out)


def mojibake(text: str, codec: str = "cp1252") -> bytes:
    """UTF-8 read as a Western code page and saved again as UTF-8 ("Viá»‡t")."""
    raw = text.encode("utf-8")
    if codec == "cp1252":  # as Windows does it: its five undefined bytes become C1 controls
        read = "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in raw)
    else:
        read = raw.decode(codec)
    return read.encode("utf-8")


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def entity_keys(document) -> set[tuple[str, str]]:
    return {(m.type.value, m.key) for m in extract_document(document).mentions}


@pytest.fixture(scope="module")
def article_keys():
    keys = entity_keys(Document("bai", "bai.txt", clean(ARTICLE)))
    assert {("Donor", "adb"), ("Donor", "jica"), ("Province", "46"), ("Province", "56")} <= keys
    return keys


# -- one article in every encoding: same text, same entities --------------------------------------

ENCODED = [
    ("utf-8", lambda t: t.encode("utf-8"), "utf-8", ARTICLE),
    ("utf-8 with BOM", lambda t: codecs.BOM_UTF8 + t.encode("utf-8"), "utf-8-sig", ARTICLE),
    ("utf-8 NFD", lambda t: NFD(t).encode("utf-8"), "utf-8", ARTICLE),
    ("utf-8 CRLF", lambda t: t.replace("\n", "\r\n").encode("utf-8"), "utf-8", ARTICLE),
    ("utf-8 CR", lambda t: t.replace("\n", "\r").encode("utf-8"), "utf-8", ARTICLE),
    ("utf-16 LE with BOM", lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"), "utf-16", ARTICLE),
    ("utf-16 BE with BOM", lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"), "utf-16", ARTICLE),
    ("utf-16 LE without BOM", lambda t: t.encode("utf-16-le"), "utf-16-le", ARTICLE),
    ("utf-16 BE without BOM", lambda t: t.encode("utf-16-be"), "utf-16-be", ARTICLE),
    ("windows-1258", to_cp1258, "cp1258", ARTICLE),
    ("tcvn3", lambda t: to_legacy(t, "tcvn3"), "tcvn3 (converted)", ARTICLE_TCVN3),
    ("vni", lambda t: to_legacy(t, "vni"), "vni (converted)", ARTICLE),
    ("viscii", lambda t: to_legacy(t, "viscii"), "viscii (converted)", ARTICLE),
    ("mojibake via cp1252", mojibake, "utf-8 (mojibake repaired)", ARTICLE),
    ("mojibake via latin-1", lambda t: mojibake(t, "latin-1"), "utf-8 (mojibake repaired)", ARTICLE),
    # legacy bytes that a scraper decoded with charset-normalizer's guess and saved as UTF-8
    ("tcvn3 read as cp1250", lambda t: to_legacy(t, "tcvn3").decode("cp1250").encode("utf-8"),
     "tcvn3 (converted, from utf-8 text)", ARTICLE_TCVN3),
    ("vni read as mac_latin2", lambda t: to_legacy(t, "vni").decode("mac_latin2").encode("utf-8"),
     "vni (converted, from utf-8 text)", ARTICLE),
    ("viscii read as iso8859_10", lambda t: to_legacy(t, "viscii").decode("iso8859_10").encode("utf-8"),
     "viscii (converted, from utf-8 text)", ARTICLE),
]


@pytest.mark.parametrize("encode, encoding, expected", [e[1:] for e in ENCODED], ids=[e[0] for e in ENCODED])
def test_one_article_in_any_encoding_reads_as_the_same_text_with_the_same_entities(
        tmp_path, article_keys, encode, encoding, expected):
    document = read_document(write(tmp_path, "bài báo.txt", encode(ARTICLE)))
    assert document.encoding == encoding
    assert document.text == expected
    assert entity_keys(document) == article_keys


def test_legacy_encodings_really_are_neither_utf8_nor_windows_1258_text():
    for name in encodings.LEGACY:
        data = to_legacy(ARTICLE, name)
        with pytest.raises(UnicodeDecodeError):
            data.decode("utf-8")
        if name != "viscii":  # Windows-1258 decodes these bytes, to mojibake
            assert encodings.judge(data.decode("cp1258")).refuses()


# -- the legacy tables ---------------------------------------------------------------------------

_TONES = ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")
LOWER = {unicodedata.normalize("NFC", v + t) for v in "aăâeêioôơuưy" for t in _TONES} - set("aeiouy") | {"đ"}
UPPER = {c.upper() for c in LOWER}


def test_vni_and_viscii_tables_write_every_vietnamese_letter_once():
    assert len(LOWER) == len(UPPER) == 67
    viscii = list(encodings.table("viscii").values())
    assert sorted(viscii) == sorted(LOWER | UPPER)
    vni = list(encodings.table("vni").values())
    assert len(vni) == len(set(vni))
    assert set(vni) | set("ìíÌÍ") == LOWER | UPPER  # ì í Ì Í are their own Latin-1 bytes in VNI


def test_tcvn3_table_has_the_lower_case_letters_and_the_seven_capitals_without_tone_marks():
    letters = set(encodings.table("tcvn3").values())
    assert letters == LOWER | set("ĂÂÊÔƠƯĐ") | {"\u00a0"}
    assert all(len(seq) == 1 and seq[0] >= 0xA0 for seq in encodings.table("tcvn3"))


KNOWN = [
    # the national motto at the head of every official document, as it is found in old files
    ("tcvn3", "Céng hoµ x· héi chñ nghÜa ViÖt Nam".encode("cp1252"), "Cộng hoà xã hội chủ nghĩa Việt Nam"),
    ("tcvn3", "§éc lËp - Tù do - H¹nh phóc".encode("cp1252"), "Độc lập - Tự do - Hạnh phúc"),
    ("vni", "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam".encode("cp1252"), "Cộng hòa xã hội chủ nghĩa Việt Nam"),
    ("vni", "Ñoäc laäp - Töï do - Haïnh phuùc".encode("cp1252"), "Độc lập - Tự do - Hạnh phúc"),
    ("vni", "Xin chaøo caùc baïn".encode("cp1252"), "Xin chào các bạn"),
    ("viscii", b"Xin ch\xe0o, th\xaa gi\xbei!", "Xin chào, thế giới!"),  # RFC 1456
    ("viscii", b"C\xb5ng h\xf2a x\xe3 h\xb5i ch\xfc ngh\xeea Vi\xaet Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
]


@pytest.mark.parametrize("name, data, text", KNOWN, ids=[f"{k[0]}: {k[2]}" for k in KNOWN])
def test_legacy_bytes_from_real_documents_decode_to_the_right_letters(name, data, text):
    assert encodings.decode_legacy(data, name) == text
    assert decode(data, "x.txt") == (text, f"{name} (converted)")


@pytest.mark.parametrize("name", ["tcvn3", "vni", "viscii"])
def test_the_national_motto_fixture_in_a_legacy_encoding_reads_with_a_note(name):
    document = read_document(HOSTILE / f"quoc-hieu-{name}.txt")
    motto = "Cộng hòa xã hội chủ nghĩa Việt Nam\nĐộc lập - Tự do - Hạnh phúc"
    assert document.text == (motto.replace("hòa", "hoà") if name == "tcvn3" else motto)
    assert document.encoding == f"{name} (converted)"


@pytest.mark.parametrize(
    "legacy, text",
    [
        ("THõA THI£N HUÕ", "THỪA THIÊN HUẾ"),  # a headline in the all-capitals .VnTimeH font
        ("ñy ban nh©n d©n tØnh. ¸p dông tõ n¨m 2025.", "Ủy ban nhân dân tỉnh. Áp dụng từ năm 2025."),
        ("UBND TØnh Qu¶ng Nam vµ Ch©u ¸.", "UBND Tỉnh Quảng Nam và Châu á."),  # mid-sentence: unknowable
    ],
)
def test_tcvn3_capitals_are_restored_where_the_text_shows_them(legacy, text):
    assert encodings.decode_legacy(legacy.encode("cp1252"), "tcvn3") == text


# -- detection never converts good text --------------------------------------------------------

CORPUS_FILES = sorted(CORPUS.glob("*.txt"))


def test_every_corpus_article_reads_as_plain_utf8_and_its_windows_1258_copy_as_cp1258():
    assert len(CORPUS_FILES) >= 30
    for path in CORPUS_FILES:
        text = path.read_text(encoding="utf-8")
        assert read_document(path).encoding == "utf-8", path
        try:
            data = to_cp1258(text)
        except UnicodeEncodeError:  # a foreign name Windows-1258 cannot write
            continue
        assert decode(data, str(path))[1] == "cp1258", path


@pytest.mark.parametrize("name", encodings.LEGACY)
def test_every_corpus_article_in_a_legacy_encoding_is_detected_and_converted(name):
    converted = 0
    for path in CORPUS_FILES:
        text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
        text = text.translate(str.maketrans("“”‘’–—…", "\"\"''--."))  # no legacy encoding has these signs
        try:
            data = to_legacy(text, name)
        except UnicodeEncodeError:  # "Krüger", "Søren": no Vietnamese encoding writes them
            continue
        decoded, found = decode(data, str(path))
        assert found == f"{name} (converted)", path
        assert (clean(decoded).lower() if name == "tcvn3" else clean(decoded)) == \
               (clean(text).lower() if name == "tcvn3" else clean(text)), path
        converted += 1
    assert converted >= 25


# -- mojibake ------------------------------------------------------------------------------------

def test_utf8_mojibake_fixture_is_repaired():
    document = read_document(HOSTILE / "mojibake-cp1252.txt")
    assert document.text == ARTICLE.split("\n")[0]
    assert document.encoding == "utf-8 (mojibake repaired)"


def test_mojibake_made_twice_is_repaired():
    twice = mojibake(mojibake(ARTICLE).decode("utf-8"))
    assert decode(twice, "x.txt") == (ARTICLE, "utf-8 (mojibake repaired)")


def test_mojibake_lines_among_good_ones_are_repaired():
    good, bad = ARTICLE.split("\n")[0], ARTICLE.split("\n")[1]
    text, found = decode((good + "\n" + mojibake(bad).decode("utf-8")).encode("utf-8"), "x.txt")
    assert clean(text) == good + "\n" + bad
    assert found == "utf-8 (mojibake repaired)"


REFUSED = [
    # the five bytes Windows-1252 leaves undefined were lost: "Đ" is gone for good
    ("lossy mojibake", mojibake(ARTICLE).replace(b"\xc2\x81", b"").replace(b"\xc2\x90", b"")
     .replace(b"\xc2\x9d", b"")),
    ("a TCVN3 paragraph pasted into UTF-8",
     (ARTICLE + "\n" + "Céng hoµ x· héi chñ nghÜa ViÖt Nam, ®éc lËp tù do").encode("utf-8")),
    ("a VNI paragraph pasted into UTF-8",
     (ARTICLE + "\n" + "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam, ñoäc laäp töï do").encode("utf-8")),
]


@pytest.mark.parametrize("data", [r[1] for r in REFUSED], ids=[r[0] for r in REFUSED])
def test_text_still_mojibake_after_every_repair_is_refused_with_encoding_advice(tmp_path, data):
    path = write(tmp_path, "hong.txt", data)
    with pytest.raises(InputError) as caught:
        read_document(path)
    message = str(caught.value)
    assert "mojibake" in message and "--encoding" in message and message.endswith(str(path))
    assert "\n" not in message


SOURCES = {
    "utf-8": lambda t: t.encode("utf-8"),
    "cp1258": to_cp1258,
    "tcvn3": lambda t: to_legacy(t, "tcvn3"),
    "vni": lambda t: to_legacy(t, "vni"),
    "viscii": lambda t: to_legacy(t, "viscii"),
}
CODE_PAGES = ("cp1252", "latin-1", "cp1250", "iso8859_2", "mac_latin2", "iso8859_10", "cp1251", "mac_roman",
              "cp437", "cp850")
MISREAD = [(source, page) for source in SOURCES for page in CODE_PAGES
           if source != "utf-8" or page not in ("cp1252", "cp1250")]  # these two cannot decode UTF-8 bytes


@pytest.mark.parametrize("source, page", MISREAD, ids=[f"{s} read as {p}" for s, p in MISREAD])
def test_bytes_a_scraper_read_with_the_wrong_code_page_and_saved_as_utf8_are_converted(source, page):
    saved = SOURCES[source](ARTICLE).decode(page).encode("utf-8")
    text, found = decode(saved, "x.txt")
    assert found == ("utf-8 (mojibake repaired)" if source == "utf-8" else f"{source} (converted, from utf-8 text)")
    assert clean(text) == (ARTICLE_TCVN3 if source == "tcvn3" else ARTICLE)


def test_foreign_names_units_and_typographic_quotes_are_not_mojibake():
    text = (ARTICLE + "\nĐại sứ Søren Kjær, ông Krüger (KfW), bà Hélène Martin (Agence Française) "
            "nói: “Bụi mịn 35 µg/m³ – Bà Rịa–Vũng Tàu” © 2024.")
    assert decode(text.encode("utf-8"), "x.txt") == (text, "utf-8")


# -- naming the encoding ---------------------------------------------------------------------------

@pytest.mark.parametrize(
    "given, data, label",
    [
        ("tcvn3", to_legacy(ARTICLE, "tcvn3"), "tcvn3 (converted)"),
        ("ABC", to_legacy(ARTICLE, "tcvn3"), "tcvn3 (converted)"),
        ("VNI-Windows", to_legacy(ARTICLE, "vni"), "vni (converted)"),
        ("VISCII", to_legacy(ARTICLE, "viscii"), "viscii (converted)"),
        ("windows-1258", to_cp1258(ARTICLE), "cp1258"),
        ("utf8", codecs.BOM_UTF8 + ARTICLE.encode("utf-8"), "utf-8"),
        ("UTF-16", ARTICLE.encode("utf-16"), "utf-16"),
        ("utf-16-be", ARTICLE.encode("utf-16-be"), "utf-16-be"),
    ],
)
def test_a_named_encoding_is_used_instead_of_detection(tmp_path, given, data, label):
    document = read_document(write(tmp_path, "a.txt", data), encoding=given)
    assert (document.text, document.encoding) == (ARTICLE_TCVN3 if "tcvn3" in label else ARTICLE, label)


def test_a_wrongly_named_encoding_is_an_input_error_not_mojibake(tmp_path):
    path = write(tmp_path, "a.txt", to_cp1258(ARTICLE))
    with pytest.raises(InputError, match=r"not utf-8 text \(byte \d+"):
        read_document(path, encoding="utf-8")
    path = write(tmp_path, "b.txt", to_legacy(ARTICLE, "tcvn3"))
    with pytest.raises(InputError, match="reads as mojibake .* when decoded as cp1258"):
        read_document(path, encoding="cp1258")


def test_an_unknown_encoding_name_is_refused_before_any_file_is_read():
    with pytest.raises(KGError, match="unknown encoding 'vn-abc'"):
        reading.encoding_name("vn-abc")
    assert reading.encoding_name("TCVN") == "tcvn3"
    assert reading.encoding_name("Windows-1258") == "cp1258"


# -- empty files and files that are not text ----------------------------------------------------

@pytest.mark.parametrize(
    "data",
    [b"", b"  \n\t \r\n  ", codecs.BOM_UTF8, codecs.BOM_UTF16_LE + " \n ".encode("utf-16-le"),
     "\u200b\u00a0\ufeff\u00ad\n".encode("utf-8"), b"<p>&nbsp;</p>"],
    ids=["empty", "whitespace", "BOM only", "utf-16 whitespace", "invisible characters", "empty HTML"],
)
def test_an_empty_or_blank_file_is_a_document_without_text(tmp_path, data):
    document = read_document(write(tmp_path, "trong.txt", data))
    assert document.text == ""


BINARY = [
    ("bao-cao.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)), "Word or Excel 97 document"),
    ("bao-cao.rtf", b"{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 VNI-Times;}} Vie\xe4t Nam}", "RTF document"),
    ("du-lieu.txt", b"SQLite format 3\x00" + bytes(100), "SQLite database"),
    ("luu-tru.txt", b"7z\xbc\xaf\x27\x1c" + bytes(range(200)), "7-Zip archive"),
    ("chuong-trinh.exe", b"MZ\x90\x00\x03" + bytes(60), "Windows executable"),
    ("nhi-phan.txt", bytes(range(1, 32)) * 40, "binary data"),  # control codes, no NUL
    ("nua-utf16.txt", b"H\x00\x00\x00" * 100, "binary data"),  # NULs on both halves
]


@pytest.mark.parametrize("name, data, kind", BINARY, ids=[b[2] for b in BINARY])
def test_a_binary_file_is_not_a_text_file(tmp_path, name, data, kind):
    path = write(tmp_path, name, data)
    with pytest.raises(InputError, match=rf"^not a text file \({kind}\): {path}$"):
        read_document(path)


# -- characters scrapers leave in words ----------------------------------------------------------

HUE = "Thừa Thiên Huế"
INSIDE = [
    ("NBSP and thin space", HUE, "Thừa\u00a0Thiên\u2009Huế"),
    ("zero-width space inside a word", HUE, "Thừ\u200ba Thiên Hu\u200bế"),
    ("ZWJ and ZWNJ", HUE, "Thừa\u200d Thiên\u200c Huế"),
    ("soft hyphen", HUE, "Thừa Thi\u00adên Huế"),
    ("BOM inside a word", HUE, "Thừa Thi\ufeffên Huế"),
    ("NFD", HUE, NFD(HUE)),
    ("HTML entities", HUE, "Th&#7915;a Thi&ecirc;n Hu&#x1EBF;"),
    ("HTML tags", HUE, "<b>Thừa Thiên</b> <span>Huế</span>"),
    ("Icelandic eth", "Đà Nẵng", "\u00d0à Nẵng"),
    ("old tone marks", "Khánh Hòa", "Khánh Hoà"),
    ("old tone marks, NFD", "Khánh Hòa", NFD("Khánh Hoà")),
]


@pytest.mark.parametrize("seen, variant", [v[1:] for v in INSIDE], ids=[v[0] for v in INSIDE])
def test_invisible_characters_markup_and_tone_mark_styles_inside_names_give_the_same_entities(
        article_keys, seen, variant):
    text = ARTICLE.replace(seen, variant)
    assert text != ARTICLE
    assert entity_keys(Document("bai", "bai.txt", clean(text))) == article_keys


def test_icelandic_eth_reads_as_d_with_stroke_and_an_entity_is_decoded_once():
    text = clean("\u00d0à Nẵng &amp;lt; ADB")
    assert text == "Đà Nẵng &lt; ADB"


# -- invalid characters -------------------------------------------------------------------------

SURROGATES = [
    ("utf-8 encoded surrogate", ARTICLE.encode("utf-8").replace("Huế".encode(), b"Hu\xed\xa0\x80"),
     "utf-8 (1 invalid character replaced)"),
    ("utf-16 unpaired surrogate", codecs.BOM_UTF16_LE + ARTICLE.replace("Huế", "Hu\ud800").encode(
        "utf-16-le", "surrogatepass"), "utf-16 (1 invalid character replaced)"),
    ("utf-8 cut inside a letter", ARTICLE.encode("utf-8")[: ARTICLE.encode("utf-8").rindex("ới".encode()) + 2],
     "utf-8 (1 invalid character replaced)"),
    ("Windows-1252 quotes in utf-8", ARTICLE.encode("utf-8") + b" \x93JICA\x94",
     "utf-8 (2 invalid characters replaced)"),
]


@pytest.mark.parametrize("data, label", [s[1:] for s in SURROGATES], ids=[s[0] for s in SURROGATES])
def test_invalid_characters_are_replaced_and_reported(tmp_path, data, label):
    document = read_document(write(tmp_path, "a.txt", data))
    assert document.encoding == label
    assert "\ufffd" in document.text
    assert not any("\ud800" <= c <= "\udfff" for c in document.text)


def test_a_replacement_character_already_in_the_file_is_not_reported_as_ours(tmp_path):
    document = read_document(write(tmp_path, "a.txt", (ARTICLE + " \ufffd").encode("utf-8")))
    assert document.encoding == "utf-8"


# -- the graph -------------------------------------------------------------------------------------

def test_a_corpus_in_every_encoding_builds_one_set_of_entities_with_clean_labels(tmp_path):
    folder = tmp_path / "bài báo"
    folder.mkdir()
    for ident, encode, _, _ in ENCODED:
        write(folder, f"{ident}.txt", encode(ARTICLE))
    write(folder, "tone-marks.txt", ARTICLE.replace("Khánh Hòa", "Khánh Hoà").encode("utf-8"))
    write(folder, "surrogate.txt", ARTICLE.encode("utf-8").replace(b"USD", b"US\xed\xa0\x80D"))
    dataset = to_dataset(build_corpus([folder], jobs=1))
    literals = {str(o) for _, _, o, _ in dataset.quads() if not hasattr(o, "fragment")}
    letters = set("".join(literals))
    assert not letters & MOJIBAKE_LETTERS, sorted(letters & MOJIBAKE_LETTERS)
    assert not any("\ud800" <= c <= "\udfff" for c in letters)
    iris = {str(s) for s, _, _, _ in dataset.quads()}
    provinces = {i.rsplit("/", 1)[1] for i in iris if "/province/" in i}
    donors = {i.rsplit("/", 1)[1] for i in iris if "/donor/" in i}
    assert provinces == {"46", "48", "56"}
    assert {"adb", "jica"} <= donors
    assert "tỉnh Khánh Hoà" in literals  # the spelling seen is kept as a label
    assert "US\ufffdD cho" in dataset.serialize(format="nquads")  # rdflib would write a lone surrogate as "?"


# -- long lines ----------------------------------------------------------------------------------

def test_clean_breaks_a_line_longer_than_the_limit_at_spaces_and_keeps_every_word():
    words = ("tỉnh Thừa Thiên Huế tiếp nhận vốn vay ODA của ADB, " * 2000).strip()
    cleaned = clean(words)
    assert max(map(len, cleaned.split("\n"))) <= LONGEST_LINE
    assert cleaned.count("\n") >= len(words) // LONGEST_LINE
    assert cleaned.replace("\n", " ") == words
    assert clean(cleaned) == cleaned


def test_a_long_line_reaches_underthesea_in_pieces_of_at_most_chunk_characters(monkeypatch):
    seen: list[int] = []

    class FakeUnderthesea:
        @staticmethod
        def sent_tokenize(text):
            seen.append(len(text))
            return [text]

        @staticmethod
        def word_tokenize(text, use_token_normalize=True):
            seen.append(len(text))
            return text.split()

    monkeypatch.setattr(nlp, "_underthesea", lambda: FakeUnderthesea)
    line = clean(("Ngân hàng Phát triển Châu Á tài trợ tỉnh Thừa Thiên Huế " * 3600).strip())  # 200 KB, no full stop
    assert len(line.encode("utf-8")) > 200_000
    found = nlp.sentences(line)
    assert max(seen) <= nlp.CHUNK
    assert sum(seen) <= 2 * len(line)  # each character handed over once to each function: linear work
    assert sum(len(s.tokens) for s in found) == len(line.split())
    assert all(line[t.start:t.end] == t.text for s in found[:50] for t in s.tokens)


def test_cutting_a_long_line_into_chunks_takes_time_linear_in_its_length():
    line = "Huế " * 1_500_000  # 6 million characters
    started = time.perf_counter()
    pieces = list(nlp._chunks(line, 0))
    assert time.perf_counter() - started < 1.0  # copying the rest of the line at each cut took minutes
    assert "".join(p for _, p in pieces) == line
    assert all(line[s : s + len(p)] == p for s, p in pieces[:100])


@pytest.mark.slow
def test_real_tagging_of_a_line_without_full_stops_grows_linearly(tmp_path):
    unit = "ngân hàng phát triển châu á tài trợ tỉnh thừa thiên huế xây dựng hạ tầng đô thị, "

    def seconds(size: int) -> float:
        text = clean((unit * (size // len(unit))).strip())
        started = time.perf_counter()
        found = nlp.sentences(text)
        assert all(s.end - s.start <= nlp.CHUNK for s in found)
        return time.perf_counter() - started

    seconds(2_000)  # underthesea loaded
    small, large = seconds(50_000), seconds(200_000)
    assert large < 8 * small + 1.0  # 4x the text: quadratic tagging would take 16x


# -- files ---------------------------------------------------------------------------------------

def test_a_named_pipe_is_refused_not_waited_on(tmp_path):
    fifo = tmp_path / "ong.txt"
    os.mkfifo(fifo)
    assert discover([tmp_path]) == [fifo] and discover([fifo]) == [fifo]
    outcome: list[BaseException] = []
    worker = threading.Thread(target=lambda: outcome.append(pytest.raises(InputError, read_document, fifo).value),
                              daemon=True)
    worker.start()
    worker.join(timeout=5)
    assert not worker.is_alive(), "read_document() is waiting for a writer on a named pipe"
    assert str(outcome[0]) == f"not a regular file (named pipe): {fifo}"


def test_a_file_that_vanishes_after_discovery_is_reported(tmp_path):
    path = write(tmp_path, "a.txt", ARTICLE.encode())
    found = discover([tmp_path])
    path.unlink()
    with pytest.raises(InputError, match=f"vanished.*: {found[0]}$"):
        read_document(found[0])


def test_an_unreadable_file_is_reported(tmp_path, monkeypatch):
    path = write(tmp_path, "a.txt", ARTICLE.encode())

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(reading.os, "open", denied)
    with pytest.raises(InputError, match=f"^permission denied: {path}$"):
        read_document(path)


def test_a_file_too_large_to_be_an_article_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(reading, "MAX_BYTES", 1000)
    path = write(tmp_path, "dump.txt", b"Hue " * 300)
    with pytest.raises(InputError, match=r"^file too large \(0 MB; articles up to 0 MB are read\): "):
        read_document(path)


def test_file_names_with_spaces_vietnamese_letters_and_broken_bytes_make_clean_document_names(tmp_path):
    nfd_name = NFD("Bài báo số 1 Thừa Thiên Huế.txt")
    write(tmp_path, nfd_name, ARTICLE.encode())
    broken = os.fsdecode(b"bai-\xff.txt")
    write(tmp_path, broken, ARTICLE.encode())
    documents = {d.name: d for d in map(read_document, discover([tmp_path]))}
    assert set(documents) == {"Bài báo số 1 Thừa Thiên Huế", "bai-\ufffd"}
    assert all(unicodedata.is_normalized("NFC", d.path) for d in documents.values())


# -- through the command line: one line, exit status 2, nothing written -----------------------------

@pytest.mark.parametrize(
    "name, data, problem",
    [
        ("anh.txt", b"\x89PNG\r\n\x1a\n" + bytes(64), "not a text file (PNG image)"),
        ("hong.txt", REFUSED[1][1], "text reads as mojibake"),
        ("la.txt", b"\x81\x8d\x8f\x90\x9d" * 20, "not UTF-8, UTF-16 or Windows-1258 text"),
    ],
    ids=["binary", "mojibake", "undecodable"],
)
def test_the_cli_refuses_a_bad_file_in_one_line_and_writes_nothing(tmp_path, name, data, problem):
    folder = tmp_path / "bai bao"
    folder.mkdir()
    write(folder, "tot.txt", ARTICLE.encode())
    bad = write(folder, name, data)
    out = tmp_path / "out" / "graph.ttl"
    result = CliRunner().invoke(main, ["build", str(folder), "-o", str(out), "-q"], catch_exceptions=False)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"kg: error: {problem}") and lines[0].endswith(str(bad))
    assert not out.exists() and not out.parent.exists()


def test_cli_build_warns_about_a_converted_encoding_and_refuses_an_unknown_one(tmp_path):
    from click.testing import CliRunner

    from kg.cli import main

    runner = CliRunner()
    article = Path(__file__).parent / "data" / "hostile" / "quoc-hieu-vni.txt"
    out = tmp_path / "g.ttl"
    done = runner.invoke(main, ["build", str(article), "-o", str(out), "-q"])
    assert done.exit_code == 0 and out.exists()
    assert "as vni (converted)" in done.stderr
    refused = runner.invoke(main, ["build", str(article), "-o", str(tmp_path / "h.ttl"), "--encoding", "klingon"])
    assert refused.exit_code == 2 and "unknown encoding 'klingon'" in refused.stderr
    assert not (tmp_path / "h.ttl").exists()
