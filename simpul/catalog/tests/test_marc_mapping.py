"""Plain fields out of real MARC records: titles, names, dates, languages, types, copies."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pymarc
import pytest

from simpul.catalog.marc.mapping import bib_fields, holdings, material_type, strip_isbd
from simpul.catalog.marc.reader import read_records

FIXTURES = Path(__file__).resolve().parents[3] / "tests" / "fixtures" / "marc"


def first_record(relative: str) -> pymarc.Record:
    with (FIXTURES / relative).open("rb") as stream:
        return next(r.record for r in read_records(stream) if r.record is not None)


def test_a_book_gives_title_author_imprint_isbns_subjects_and_pages():
    fields = bib_fields(first_record("binary/marc4j/summerland.mrc"))
    assert (fields.title, fields.title_sort) == ("Summerland", "summerland")
    assert fields.authors == ["Chabon, Michael"]
    assert (fields.place, fields.publisher, fields.year) == (
        "New York", "Miramax Books/Hyperion Books for Children", 2002,
    )  # fmt: skip
    assert fields.isbns == ["9780786808779", "9780786816156"]
    assert fields.subjects == ["Fantasy", "Baseball -- Fiction", "Magic -- Fiction"]
    assert (fields.edition, fields.physical, fields.pages) == ("1st ed.", "500 p. ; 22 cm.", 500)
    assert fields.summary.startswith("Ethan Feld, the worst baseball player")
    assert (fields.language, fields.material_type, fields.control_number) == (
        "eng",
        "book",
        "12883376",
    )


def test_a_sound_recording_is_sound_with_its_series_and_notes():
    fields = bib_fields(first_record("binary/traject/louis_armstrong.marc"))
    assert fields.material_type == "sound"
    assert fields.title == "Louis Armstrong"
    assert fields.series == ["Big bands"]
    assert fields.subjects[1] == "Jazz -- 1931-1940"
    assert fields.pages is None
    assert "Recorded 1935-1944." in fields.notes


def test_a_serial_is_serial_with_its_issn_and_start_year():
    fields = bib_fields(first_record("binary/traject/nature.marc"))
    assert (fields.material_type, fields.title, fields.year) == ("serial", "Nature", 1869)
    assert fields.issns == ["0028-0836"]
    assert (fields.place, fields.publisher) == ("London, etc.", "Macmillan Journals ltd.")
    assert fields.ddc == "505"


def test_the_non_filing_article_is_left_out_of_the_sort_title():
    fields = bib_fields(first_record("binary/pymarc/multi_isbn.dat"))
    assert (fields.title, fields.title_sort) == ("The town scold", "town scold")
    assert fields.isbns == ["9780914378280", "9780914378297", "9780914378266"]


def test_an_alternate_script_title_keeps_the_romanised_245():
    fields = bib_fields(first_record("binary/openlibrary/880_alternate_script.mrc"))
    assert fields.title == "Qiaobusi de mi mi ri ji"
    assert (fields.language, fields.year, fields.edition) == ("chi", 2010, "Di 1 ban")
    assert fields.subjects[0] == "Jobs, Steve, 1955-2011 -- Fiction"


def test_part_titles_and_parallel_titles_are_joined_sensibly():
    assert bib_fields(first_record("binary/openlibrary/talis_245p.mrc")).title == (
        "SMP topic mathematics. Pattern and design"
    )
    parallel = bib_fields(first_record("binary/openlibrary/equalsign_title.mrc"))
    assert (parallel.title, parallel.subtitle) == ("Cyllidebau ysgolion. 1990/91", "School budgets")


def test_unknown_place_and_publisher_placeholders_are_empty():
    fields = bib_fields(first_record("binary/openlibrary/test-publish-sn-sl-nd.mrc"))
    assert (fields.place, fields.publisher, fields.year) == ("", "", None)
    assert fields.language == "heb"


def test_a_year_with_unknown_digits_is_not_guessed():
    assert bib_fields(first_record("binary/traject/date_with_u.marc")).year is None


def test_the_language_comes_from_008_then_041():
    assert bib_fields(first_record("binary/traject/packed_041a_lang.marc")).language == "eng"
    record = first_record("binary/traject/packed_041a_lang.marc")
    record.remove_fields("008")
    assert bib_fields(record).language == "eng"  # 041 $a "engfreger..." -> first code


def test_a_record_without_title_maps_to_empty_fields_not_an_error():
    fields = bib_fields(first_record("binary/openlibrary/talis_no_title.mrc"))
    assert (fields.title, fields.authors, fields.year) == ("", ["Congreve, William"], 1895)
    assert bib_fields(pymarc.Record()).title == ""


@pytest.mark.parametrize(
    ("leader", "kind"),
    [
        ("00000nam a2200000 a 4500", "book"), ("00000nas a2200000 a 4500", "serial"),
        ("00000njm a2200000 a 4500", "sound"), ("00000ngm a2200000 a 4500", "video"),
        ("00000nem a2200000 a 4500", "map"), ("00000ncm a2200000 a 4500", "music"),
        ("00000nmm a2200000 a 4500", "computer"), ("00000nkm a2200000 a 4500", "visual"),
        ("00000nom a2200000 a 4500", "mixed"), ("00000npcaa2200000 a 4500", "archive"),
    ],
)  # fmt: skip
def test_material_type_follows_the_leader(leader, kind):
    assert material_type(leader) == kind


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Summerland /", "Summerland"), ("New York :", "New York"), ("Brand, Max,", "Brand, Max"),
        ("1939.", "1939"), ("Taylor, Arlene G.", "Taylor, Arlene G."), ("2nd ed.", "2nd ed."),
        ("500 p. ;", "500 p."), ("Tetralogi ;", "Tetralogi"), ("Tunggu dulu...", "Tunggu dulu..."),
    ],
)  # fmt: skip
def test_isbd_punctuation_is_stripped_sensibly(raw, clean):
    assert strip_isbd(raw) == clean


def _field(tag: str, *pairs: str) -> pymarc.Field:
    subfields = [pymarc.Subfield(pairs[i], pairs[i + 1]) for i in range(0, len(pairs), 2)]
    return pymarc.Field(tag=tag, indicators=pymarc.Indicators(" ", " "), subfields=subfields)


def test_koha_952_items_give_branch_location_call_number_price_and_status():
    record = pymarc.Record()
    record.add_field(
        _field("952", "a", "KOTA", "b", "KOTA", "c", "REF", "o", "899.221 HIR l", "p", "0001234",
               "y", "BK", "g", "75000.00", "d", "2024-03-01", "1", "0", "4", "1"),
        _field("952", "a", "SMAN1", "p", "0001235", "v", "80000", "0", "1"),
    )  # fmt: skip
    first, second = holdings(record)
    assert (first.library_code, first.location, first.call_number) == (
        "KOTA",
        "REF",
        "899.221 HIR l",
    )
    assert (first.barcode, first.item_type, first.price) == ("0001234", "BK", Decimal("75000.00"))
    assert (first.acquired_on, first.status_hint, first.source_tag) == (
        date(2024, 3, 1),
        "damaged",
        "952",
    )
    assert (second.price, second.status_hint) == (Decimal("80000"), "withdrawn")


def test_852_items_give_library_location_call_number_and_simpul_subfields():
    record = pymarc.Record()
    record.add_field(
        _field("852", "a", "KOTA", "b", "Anak", "h", "899.221", "i", "HIR l", "p", "B00001",
               "y", "BUKU", "r", "65000", "v", "2019-07-03", "w", "donation", "o", "lost"),
        _field("852", "a", "DLC", "c", "Stacks", "p", "B00002", "r", "not a price", "v", "x"),
    )  # fmt: skip
    first, second = holdings(record)
    assert (first.library_code, first.location, first.call_number) == (
        "KOTA",
        "Anak",
        "899.221 HIR l",
    )
    assert (first.price, first.acquired_on, first.acquisition) == (
        Decimal("65000"), date(2019, 7, 3), "donation",
    )  # fmt: skip
    assert (first.status_hint, first.item_type, first.source_tag) == ("lost", "BUKU", "852")
    assert (second.location, second.price, second.acquired_on) == ("Stacks", None, None)


def test_real_852_holdings_are_read_from_shared_records():
    (copy,) = holdings(first_record("xml/ruby-marc/one.xml"))[:1]
    assert copy.source_tag == "852"
    assert copy.library_code
