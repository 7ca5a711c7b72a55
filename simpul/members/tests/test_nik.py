"""The NIK check: which part of the number is wrong, alone and against the birth date."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import translation

from simpul.members import errors
from simpul.members.nik import PROVINCES, nik_problems, normalize_nik, split_nik
from simpul.members.tests.conftest import NIK_RUDI, NIK_SITI


def codes(nik: str, born: date | None = None, gender: str = "") -> list[str]:
    return [problem.code for problem in nik_problems(nik, born, gender)]


def test_a_real_looking_nik_of_a_woman_from_kota_metro_passes():
    assert nik_problems(NIK_SITI, date(2008, 5, 12), "f") == []
    parts = split_nik(NIK_SITI)
    assert (parts.province, parts.regency, parts.day, parts.month, parts.year2) == (
        "18", "72", 12, 5, 8,
    )  # fmt: skip
    assert parts.gender == "f"


def test_a_mans_nik_has_the_plain_day():
    assert nik_problems(NIK_RUDI, date(1990, 1, 3), "m") == []
    assert split_nik(NIK_RUDI).gender == "m"


@pytest.mark.parametrize("nik", ["187201520508000", "18720152050800012", "18720152O5080001", ""])
def test_anything_but_sixteen_digits_is_a_format_error(nik):
    assert codes(nik) == [errors.NikFormat.code]


def test_people_may_type_spaces_dots_and_dashes():
    assert normalize_nik("1872 0152.0508-0001") == NIK_SITI


@pytest.mark.parametrize("province", ["10", "20", "37", "54", "77", "90", "97", "00"])
def test_a_province_code_that_does_not_exist_is_named(province):
    problems = nik_problems(province + NIK_SITI[2:])
    assert [p.code for p in problems] == [errors.NikProvince.code]
    assert province in problems[0].message


def test_every_province_of_2022_including_the_new_papua_provinces_is_known():
    assert len(PROVINCES) == 38
    for code in ("91", "92", "93", "94", "95", "96", "65", "76", "21"):
        assert codes(code + NIK_SITI[2:]) == []


def test_regency_and_district_zero_are_named_with_their_positions():
    problems = nik_problems("1800005205080001")
    assert [p.code for p in problems] == [errors.NikRegion.code, errors.NikRegion.code]
    with translation.override("id"):
        assert "ke-3 dan ke-4" in problems[0].message
        assert "ke-5 dan ke-6" in problems[1].message


@pytest.mark.parametrize(
    "birth_digits",
    [
        "320508",  # day 32: neither a man's day nor a woman's (40 + day)
        "000508",  # day 0
        "720508",  # 72 - 40 = 32
        "311108",  # 31 November
        "290201",  # 29 February 1901 or 2001: no such day
        "121308",  # month 13
    ],
)
def test_a_birth_date_that_cannot_exist_is_refused(birth_digits):
    nik = NIK_SITI[:6] + birth_digits + NIK_SITI[12:]
    problems = nik_problems(nik)
    assert [p.code for p in problems] == [errors.NikBirthDate.code]
    assert birth_digits in problems[0].message


def test_29_february_exists_in_leap_years_of_either_century():
    assert codes(NIK_SITI[:6] + "290200" + NIK_SITI[12:]) == []  # 2000
    assert codes(NIK_SITI[:6] + "690296" + NIK_SITI[12:]) == []  # a woman, 1996


def test_a_nik_that_disagrees_with_the_birth_date_given_says_both_dates():
    problems = nik_problems(NIK_SITI, date(2008, 5, 13))
    assert [p.code for p in problems] == [errors.NikBirthDateMismatch.code]
    assert "12-05-08" in problems[0].message
    assert "13-05-08" in problems[0].message


def test_the_year_is_compared_by_its_last_two_digits():
    assert codes(NIK_SITI, date(1908, 5, 12)) == []
    assert codes(NIK_SITI, date(2009, 5, 12)) == [errors.NikBirthDateMismatch.code]


def test_a_womans_nik_given_with_male_gender_is_flagged():
    problems = nik_problems(NIK_SITI, date(2008, 5, 12), "m")
    assert [p.code for p in problems] == [errors.NikGenderMismatch.code]
    with translation.override("id"):
        assert "perempuan" in problems[0].message
        assert "laki-laki" in problems[0].message


def test_serial_zero_is_refused():
    assert codes(NIK_SITI[:12] + "0000") == [errors.NikSerial.code]


def test_several_problems_are_all_reported_at_once():
    assert codes("2000003213000000") == [
        errors.NikProvince.code,
        errors.NikRegion.code,
        errors.NikRegion.code,
        errors.NikBirthDate.code,
        errors.NikSerial.code,
    ]


def test_messages_are_translated_to_english():
    with translation.override("en"):
        message = nik_problems("20" + NIK_SITI[2:])[0].message
    assert "province" in message.lower()
