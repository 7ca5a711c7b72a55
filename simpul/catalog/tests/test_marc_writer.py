"""Rina catalogues a book in the simple form: a correct MARC21 record, and back to the form."""

from __future__ import annotations

from datetime import date

import pytest

from simpul.catalog.marc.mapping import bib_fields
from simpul.catalog.marc.writer import SimpleRecord, record_from_simple, simple_from_record

LASKAR_PELANGI = SimpleRecord(
    title="Laskar Pelangi", subtitle="sebuah novel", authors=["Hirata, Andrea", "Siti Aminah"],
    publisher="Bentang Pustaka", place="Yogyakarta", year=2005, isbn="979-3062-79-7",
    subjects=["Novel Indonesia", "Pendidikan -- Belitung"], ddc="899.2213", language="ind",
    pages=529, summary="Sebelas anak Belitung bersekolah di SD Muhammadiyah.",
    series="Tetralogi Laskar Pelangi", edition="Cet. 1",
)  # fmt: skip


@pytest.fixture
def record():
    return record_from_simple(LASKAR_PELANGI, control_number="simpul1", entered=date(2024, 8, 17))


def test_the_leader_says_new_unicode_language_material_with_isbd_punctuation(record):
    leader = str(record.leader)
    assert len(leader) == 24
    assert (leader[5], leader[6], leader[7], leader[9], leader[18]) == ("n", "a", "m", "a", "i")
    assert (leader[10:12], leader[20:24]) == ("22", "4500")


def test_fields_come_in_tag_order_with_control_numbers_first(record):
    tags = [field.tag for field in record.fields]
    assert tags == sorted(tags)
    assert tags[:4] == ["001", "003", "005", "008"]
    assert (record["001"].data, record["003"].data) == ("simpul1", "SIMPUL")
    assert "041" not in tags  # one language lives in 008


def test_the_008_is_forty_characters_with_date_entered_year_country_and_language(record):
    fixed = record["008"].data
    assert len(fixed) == 40
    assert (fixed[0:6], fixed[6], fixed[7:11], fixed[15:18], fixed[35:38]) == (
        "240817", "s", "2005", "io ", "ind",
    )  # fmt: skip


def test_main_and_added_entries_and_the_title_indicators(record):
    assert (record["100"].indicator1, record["100"]["a"]) == ("1", "Hirata, Andrea")
    (added,) = record.get_fields("700")
    assert (added.indicator1, added["a"]) == ("0", "Siti Aminah")  # a name in direct order
    title = record["245"]
    assert (title.indicator1, title.indicator2) == ("1", "0")
    assert (title["a"], title["b"]) == ("Laskar Pelangi :", "sebuah novel")


def test_imprint_isbn_class_description_series_and_subjects(record):
    assert [(s.code, s.value) for s in record["264"].subfields] == [
        ("a", "Yogyakarta :"), ("b", "Bentang Pustaka,"), ("c", "2005"),
    ]  # fmt: skip
    assert record["264"].indicator2 == "1"
    assert record["020"]["a"] == "9789793062792"
    assert (tuple(record["082"].indicators), record["082"]["a"], record["082"]["2"]) == (
        ("0", "4"), "899.2213", "23",
    )  # fmt: skip
    assert (record["250"]["a"], record["300"]["a"], record["490"].indicator1) == (
        "Cet. 1",
        "529 hlm.",
        "0",
    )
    belitung = record.get_fields("650")[1]
    assert [(s.code, s.value) for s in belitung.subfields] == [
        ("a", "Pendidikan"),
        ("x", "Belitung"),
    ]
    assert belitung.indicator2 == "4"


@pytest.mark.parametrize(
    ("title", "skip"), [("The Bluest Eye", "4"), ("A Room of One's Own", "2"), ("An Ode", "3"),
                        ("Anak Semua Bangsa", "0"), ("Atheis", "0")],
)  # fmt: skip
def test_english_articles_are_non_filing_and_indonesian_titles_have_none(title, skip):
    record = record_from_simple(SimpleRecord(title=title), control_number="x")
    assert record["245"].indicator2 == skip
    assert record["245"].indicator1 == "0"  # no 100


def test_several_languages_add_a_041_and_an_unknown_year_is_coded_n(record):
    both = record_from_simple(SimpleRecord(title="Kamus", language="ind eng"), control_number="x")
    assert both["041"].get_subfields("a") == ["ind", "eng"]
    assert both["008"].data[6:15] == "nuuuuuuuu"
    assert both["008"].data[35:38] == "ind"


def test_the_record_maps_back_to_the_same_plain_fields(record):
    fields = bib_fields(record)
    assert (fields.title, fields.subtitle, fields.title_sort) == (
        "Laskar Pelangi", "sebuah novel", "laskar pelangi",
    )  # fmt: skip
    assert fields.authors == ["Hirata, Andrea", "Siti Aminah"]
    assert (fields.year, fields.language, fields.pages, fields.ddc) == (
        2005,
        "ind",
        529,
        "899.2213",
    )
    assert fields.subjects == ["Novel Indonesia", "Pendidikan -- Belitung"]


def test_the_simple_form_round_trips_through_marc(record):
    again = simple_from_record(record)
    assert again == SimpleRecord(**{**LASKAR_PELANGI.__dict__, "isbn": "9789793062792"})
    rewritten = record_from_simple(again, control_number="simpul1", entered=date(2024, 8, 17))
    assert [str(f) for f in rewritten.fields if f.tag != "005"] == [
        str(f) for f in record.fields if f.tag != "005"
    ]


def test_an_empty_form_gives_a_minimal_valid_record():
    record = record_from_simple(
        SimpleRecord(title="Tanpa Judul Lain", language=""), control_number="x"
    )
    assert [f.tag for f in record.fields] == ["001", "003", "005", "008", "245"]
    assert record["008"].data[35:38] == "   "


def test_a_ddc_edition_other_than_23_survives_the_simple_form():
    record = record_from_simple(SimpleRecord(title="PHP 5", ddc="005.13/3 22"), control_number="x")
    assert (record["082"]["a"], record["082"]["2"]) == ("005.13/3", "22")
    assert simple_from_record(record).ddc == "005.13/3 22"
