"""kg.extract.money: amounts in Vietnamese notation, in plain units with an ISO 4217 code; years."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kg.extract.money import find_money, find_years, parse_number


@pytest.mark.parametrize(
    "text, value, currency, span",
    [
        ("13 triệu USD", 13_000_000, "USD", "13 triệu USD"),
        ("1.500 tỷ đồng", 1_500_000_000_000, "VND", "1.500 tỷ đồng"),
        ("2,5 triệu đô la", 2_500_000, "USD", "2,5 triệu đô la"),
        ("300 tỷ VND", 300_000_000_000, "VND", "300 tỷ VND"),
        ("50 triệu euro", 50_000_000, "EUR", "50 triệu euro"),
        ("12 tỷ yên", 12_000_000_000, "JPY", "12 tỷ yên"),
        ("45 tỷ won", 45_000_000_000, "KRW", "45 tỷ won"),
        ("12,5 triệu AUD", 12_500_000, "AUD", "12,5 triệu AUD"),
        ("1,2 nghìn tỷ đồng", 1_200_000_000_000, "VND", "1,2 nghìn tỷ đồng"),
        ("hơn 3.000 tỷ đồng", 3_000_000_000_000, "VND", "3.000 tỷ đồng"),
        ("tổng mức đầu tư 151 triệu USD", 151_000_000, "USD", "151 triệu USD"),
        ("100 triệu đô la Mỹ", 100_000_000, "USD", "100 triệu đô la Mỹ"),
        ("5 triệu đô la Úc", 5_000_000, "AUD", "5 triệu đô la Úc"),
        ("7 triệu đô-la", 7_000_000, "USD", "7 triệu đô-la"),
        ("1,5 tỉ đồng", 1_500_000_000, "VND", "1,5 tỉ đồng"),
        ("2 ngàn tỷ đồng", 2_000_000_000_000, "VND", "2 ngàn tỷ đồng"),
        ("0,5 triệu USD", 500_000, "USD", "0,5 triệu USD"),
        ("1.234,5 triệu USD", 1_234_500_000, "USD", "1.234,5 triệu USD"),
        ("1.000.000 USD", 1_000_000, "USD", "1.000.000 USD"),
        ("500 nghìn đồng", 500_000, "VND", "500 nghìn đồng"),
        ("15 triệu bảng Anh", 15_000_000, "GBP", "15 triệu bảng Anh"),
        ("40 triệu franc Thụy Sĩ", 40_000_000, "CHF", "40 triệu franc Thụy Sĩ"),
        ("10 triệu $", 10_000_000, "USD", "10 triệu $"),
        ("20 triệu Euro", 20_000_000, "EUR", "20 triệu Euro"),
        ("12 tỷ yên Nhật", 12_000_000_000, "JPY", "12 tỷ yên Nhật"),
    ],
)
def test_amount_in_plain_units_with_its_currency(text, value, currency, span):
    [money] = find_money(text)
    assert money.value == value
    assert money.currency == currency
    assert money.text == span
    assert text[money.start : money.end] == span


def test_two_amounts_in_one_sentence_come_in_order_with_offsets_shifted():
    sentence = "Dự án có tổng vốn 10 triệu USD, trong đó vốn đối ứng 200 tỷ đồng."
    found = find_money(sentence, offset=1000)
    assert [(m.value, m.currency) for m in found] == [(10_000_000, "USD"), (200_000_000_000, "VND")]
    assert [sentence[m.start - 1000 : m.end - 1000] for m in found] == ["10 triệu USD", "200 tỷ đồng"]


@pytest.mark.parametrize(
    "text",
    [
        "Có 2.025 người tham dự.",
        "Diện tích 40 ha, dân số 1,2 triệu người.",
        "giá 5 $",  # a bare "$" without a multiplier is too often not money
        "năm 2021",
        "mã số USD123",
    ],
)
def test_text_without_an_amount_gives_none(text):
    assert find_money(text) == []


@pytest.mark.parametrize(
    "number, value",
    [
        ("1.500", Decimal("1500")),
        ("2,5", Decimal("2.5")),
        ("1.234,5", Decimal("1234.5")),
        ("1.000.000", Decimal("1000000")),
        ("1.5", Decimal("1.5")),  # not a thousands group: a decimal point
        ("13", Decimal("13")),
    ],
)
def test_parse_number_reads_vietnamese_notation(number, value):
    assert parse_number(number) == value


# -- years ------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text, years",
    [
        ("Năm 2021, tỉnh đã cấp đăng ký đầu tư", [2021]),
        ("phê duyệt năm 2021", [2021]),
        ("đến năm 2020 định hướng đến năm 2025", [2020, 2025]),
        ("Có 2.025 người tham dự.", []),
        ("tổng vốn 2.025 tỷ đồng", []),
        ("1,2025 điểm", []),
        ("năm 1945", []),  # before 1950: not a project year
    ],
)
def test_find_years_picks_four_digit_years_and_not_numbers(text, years):
    assert [y for y, _, _ in find_years(text)] == years


def test_find_years_reports_offsets_in_the_document():
    text = "Năm 2021, tỉnh đã cấp đăng ký"
    [(year, start, end)] = find_years(text, offset=50)
    assert year == 2021
    assert text[start - 50 : end - 50] == "2021"
