"""Each extractor on real Vietnamese news sentences: what it finds and what it must not."""

from __future__ import annotations

import pytest

from kg.extract import extract_document
from kg.records import Document, EntityType, RelationType
from kg.text import clean


def run(text: str):
    return extract_document(Document(name="t", path="t.txt", text=clean(text)))


def names(extraction, kind: EntityType) -> set[str]:
    return {m.text for m in extraction.mentions if m.type == kind and m.extractor != "project-anaphor"}


def keys(extraction, kind: EntityType) -> set[str]:
    return {m.key for m in extraction.mentions if m.type == kind}


def relations(extraction, kind: RelationType) -> set[tuple[str, str]]:
    return {(r.head.key, r.tail.key) for r in extraction.relations if r.type == kind}


# -- provinces ---------------------------------------------------------------

@pytest.mark.parametrize(
    "sentence, codes",
    [
        ("UBND tỉnh Thừa Thiên Huế vừa phối hợp với ADB tổ chức hội thảo.", {"46"}),
        ("TP.HCM và TPHCM, Sài Gòn hay Thành phố Hồ Chí Minh là một.", {"79"}),
        ("Đoàn công tác đã làm việc tại TT-Huế và Đà Nẵng.", {"46", "48"}),
        ("Tỉnh Khánh Hoà và tỉnh Khánh Hòa là một tỉnh.", {"56"}),
        ("Bình Dương đã sáp nhập vào TP.HCM từ ngày 1/7/2025.", {"74", "79"}),
    ],
)
def test_province_extractor_finds_names_aliases_and_prefixed_forms(sentence, codes):
    assert keys(run(sentence), EntityType.PROVINCE) == codes


@pytest.mark.parametrize(
    "sentence",
    [
        "Chủ tịch Hồ Chí Minh đã đến thăm nơi này.",  # the person, not the city
        "Tàu đi qua Thái Bình Dương trong ba tuần.",  # the Pacific, not Thái Bình
        "UBND TP. Vĩnh Long khánh thành công viên mới.",  # the city, not the province
        "Người dân trên đại lộ Bình Dương mong xe buýt điện.",  # a street
    ],
)
def test_province_extractor_skips_persons_oceans_cities_and_streets(sentence):
    assert keys(run(sentence), EntityType.PROVINCE) == set()


# -- donors ------------------------------------------------------------------

@pytest.mark.parametrize(
    "sentence, donor_keys",
    [
        ("Ngân hàng Phát triển Châu Á (ADB) cho vay 100 triệu USD.", {"adb"}),
        ("The Asian Development Bank và World Bank cùng tài trợ.", {"adb", "world-bank"}),
        ("Cơ quan Hợp tác Quốc tế Hàn Quốc (KOICA) viện trợ không hoàn lại 13 triệu USD.", {"koica"}),
        ("Đại sứ quán Úc tài trợ chương trình học bổng.", {"gov-australia"}),
        ("Dự án sử dụng vốn vay Nhật Bản để xây dựng cầu.", {"gov-japan"}),
        ("Năm 2021, tỉnh cấp phép dự án từ Hàn Quốc đầu tư Khu công viên phần mềm.", {"gov-korea"}),
    ],
)
def test_donor_extractor_finds_names_abbreviations_embassies_and_funding_countries(sentence, donor_keys):
    assert keys(run(sentence), EntityType.DONOR) == donor_keys


@pytest.mark.parametrize(
    "sentence",
    [
        "Đoàn học sinh Nhật Bản đến thăm Hà Nội.",  # a country as context
        "Ông Phan Đức Hiển làm việc tại quận Thủ Đức.",  # "Đức" inside names
    ],
)
def test_donor_extractor_ignores_countries_named_as_context(sentence):
    assert keys(run(sentence), EntityType.DONOR) == set()


# -- officials ---------------------------------------------------------------

@pytest.mark.parametrize(
    "sentence, name, position, province",
    [
        ("Phó Chủ tịch UBND tỉnh Quảng Ninh Cao Tường Huy cho biết dự án sẽ khởi công.",
         "Cao Tường Huy", "Phó Chủ tịch UBND tỉnh Quảng Ninh", "22"),
        ("Ông Ngô Quang Tín, Giám đốc Sở Xây dựng Đà Nẵng, cho biết thách thức lớn nhất là mặt bằng.",
         "Ngô Quang Tín", "Giám đốc Sở Xây dựng Đà Nẵng", "48"),
        ("Giám đốc quốc gia ADB tại Việt Nam Shantanu Chakraborty đã ký hiệp định.",
         "Shantanu Chakraborty", "Giám đốc quốc gia ADB tại Việt Nam", None),
        ("Bà Anna Kowalczyk, Phó Trưởng đại diện UNICEF tại Việt Nam, đánh giá cao tỉnh.",
         "Anna Kowalczyk", "Phó Trưởng đại diện UNICEF tại Việt Nam", None),
        ("Ông Mùa A Sử, Chủ tịch UBND huyện Mường Chà, chia sẻ kinh nghiệm.",
         "Mùa A Sử", "Chủ tịch UBND huyện Mường Chà", None),
        ("Thứ trưởng Bộ Thông tin và Truyền thông Trần Văn Khiêm nhấn mạnh vai trò dữ liệu.",
         "Trần Văn Khiêm", "Thứ trưởng Bộ Thông tin và Truyền thông", None),
    ],
)
def test_official_extractor_reads_name_title_and_the_office_province(sentence, name, position, province):
    found = [m for m in run(sentence).mentions if m.type == EntityType.OFFICIAL]
    assert [m.text for m in found] == [name]
    assert found[0].position.startswith(position)
    assert found[0].province == province


def test_official_of_a_former_office_gets_no_province():
    found = [m for m in run("Ông Lê Quang Thịnh, nguyên Chủ tịch UBND tỉnh Quảng Ngãi, nhận xét.").mentions
             if m.type == EntityType.OFFICIAL]
    assert [(m.text, m.former, m.province) for m in found] == [("Lê Quang Thịnh", True, None)]


def test_ubnd_tinh_without_a_name_is_the_articles_province():
    x = run("Đà Nẵng đẩy mạnh chuyển đổi số.\nPhó Chủ tịch UBND thành phố Trần Chí Cường chủ trì buổi làm việc.")
    assert relations(x, RelationType.OFFICIAL_OF) == {("trần chí cường", "48")}


# -- projects and relations --------------------------------------------------

def test_quoted_project_funded_by_a_donor_and_located_by_the_article():
    x = run(
        "Thừa Thiên Huế hợp tác với KOICA.\n"
        "KOICA đã viện trợ không hoàn lại cho tỉnh dự án “Xây dựng thành phố Huế văn hóa và du lịch thông minh” "
        "với tổng mức đầu tư 13 triệu USD."
    )
    assert names(x, EntityType.PROJECT) == {"Xây dựng thành phố Huế văn hóa và du lịch thông minh"}
    project = next(iter(keys(x, EntityType.PROJECT)))
    assert relations(x, RelationType.FUNDS) == {("koica", project)}
    assert relations(x, RelationType.LOCATED_IN) == {(project, "46")}
    assert ("koica", "46") in relations(x, RelationType.PARTNER_OF)
    amounts = {(p.amount.value, p.amount.currency) for p in x.projects if p.amount}
    assert amounts == {(13_000_000, "USD")}


@pytest.mark.parametrize(
    "sentence, project",
    [
        ("ADB cho vay 85 triệu USD cho dự án Phát triển đô thị ven biển Quy Nhơn, phê duyệt năm 2022.",
         "Phát triển đô thị ven biển Quy Nhơn"),
        ("ADB và Chính phủ Úc đã hỗ trợ dự án xây dựng mô hình đô thị kỹ thuật số thông minh cho quy hoạch không gian đô thị.",
         "xây dựng mô hình đô thị kỹ thuật số thông minh cho quy hoạch không gian đô thị"),
        ("Tỉnh ban hành Đề án xây dựng đô thị thông minh tỉnh Bắc Ninh đến năm 2030, tầm nhìn đến năm 2045, với kinh phí 300 tỷ VND.",
         "xây dựng đô thị thông minh tỉnh Bắc Ninh đến năm 2030, tầm nhìn đến năm 2045"),
        ("IFC hỗ trợ tỉnh chuẩn bị dự án đối tác công tư (PPP) Nhà máy xử lý chất thải rắn Hà Tĩnh, công suất 500 tấn/ngày.",
         "Nhà máy xử lý chất thải rắn Hà Tĩnh"),
    ],
)
def test_project_extractor_bounds_unquoted_names(sentence, project):
    assert project in names(run(sentence), EntityType.PROJECT)


@pytest.mark.parametrize(
    "sentence",
    [
        "Dự án sẽ hỗ trợ tỉnh xây dựng mô hình đô thị.",  # the subject of a verb
        "Người dân mong dự án chống ngập sớm về đích.",  # a predicate, no funding
        "Tỉnh đốc thúc giải ngân 5 dự án ODA trọng điểm.",  # generic
        "Chương trình Phát triển Liên Hợp Quốc (UNDP) tổ chức hội thảo.",  # a donor's name
    ],
)
def test_project_extractor_rejects_predicates_generic_phrases_and_donor_names(sentence):
    assert names(run(sentence), EntityType.PROJECT) == set()


def test_money_only_proposed_is_not_funding():
    x = run("Tỉnh Ninh Bình đề xuất AIIB xem xét cho vay 185 triệu USD cho dự án Hạ tầng đô thị thông minh Ninh Bình.")
    assert relations(x, RelationType.FUNDS) == set()


def test_funding_in_the_next_sentence_of_the_paragraph_funds_the_project():
    x = run("Dự án Phát triển đô thị ven biển Quy Nhơn có tổng vốn 110 triệu USD. "
            "Trong đó, ADB cho vay 85 triệu USD; Chính phủ New Zealand viện trợ 1,8 triệu USD.")
    funders = {d for d, _p in relations(x, RelationType.FUNDS)}
    assert funders == {"adb", "gov-new-zealand"}


@pytest.mark.parametrize(
    "sentence, name, province",
    [
        ("Ông Lê Văn An, Chủ tịch UBND huyện Châu Đức, cho biết dự án sẽ hoàn thành.", "Lê Văn An", None),
        ("Giám đốc Sở Y tế tỉnh Ninh Thuận Hoàng Thanh Phúc cho biết.", "Hoàng Thanh Phúc", "58"),
        ("Đồng chí Nguyễn Văn Bình, Bí thư Tỉnh ủy Quảng Ninh, phát biểu.", "Nguyễn Văn Bình", "22"),
        ("Bí thư Thành ủy Nha Trang Hồ Văn Mừng cho biết.", "Hồ Văn Mừng", None),
        ("Phó Chủ tịch UBND tỉnh Lò Minh Hùng đánh giá cao dự án.", "Lò Minh Hùng", None),
    ],
)
def test_official_extractor_keeps_places_and_persons_apart(sentence, name, province):
    found = [m for m in run(sentence).mentions if m.type == EntityType.OFFICIAL]
    assert [m.text for m in found] == [name]
    assert found[0].province == province
