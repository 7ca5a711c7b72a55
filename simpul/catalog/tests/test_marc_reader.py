"""Reading MARC21 and MARCXML files: every real file reads, broken records say where they are."""

from __future__ import annotations

import contextlib
import io
import unicodedata
from pathlib import Path

import pymarc
import pytest

from simpul.catalog.marc.errors import UnknownFormat
from simpul.catalog.marc.reader import detect_format, read_records

FIXTURES = Path(__file__).resolve().parents[3] / "tests" / "fixtures" / "marc"

# (records read, records refused) for every file copied from ../shared/data/marc.
EXPECTED = {
    "binary/marc-perl/cjk1.marc": (1, 0),
    "binary/marc-perl/cjk2.marc": (1, 0),
    "binary/marc-perl/cyrillic.marc": (1, 0),
    "binary/marc-perl/hebrew1.marc": (1, 0),
    "binary/marc-perl/hebrew2.marc": (1, 0),
    "binary/marc4j/chabon-loc.mrc": (2, 0),
    "binary/marc4j/chabon.mrc": (2, 0),
    "binary/marc4j/cyrillic_capital_e.mrc": (2, 0),
    "binary/marc4j/diacritic4.mrc": (1, 0),
    "binary/marc4j/oclc_63111280_export_as_UTF8_from_connexion.mrc": (1, 0),
    "binary/marc4j/pride-and-prejudice-fixed.mrc": (383, 0),
    "binary/marc4j/sample1.mrc": (8, 0),
    "binary/marc4j/summerland.mrc": (1, 0),
    "binary/marc4j/unordered-directory-entries.mrc": (1, 0),
    "binary/openlibrary/13dipolarcycload00burk_meta.mrc": (1, 0),
    "binary/openlibrary/1733mmoiresdel00vill_meta.mrc": (1, 0),
    "binary/openlibrary/880_Nihon_no_chasho.mrc": (1, 0),
    "binary/openlibrary/880_alternate_script.mrc": (1, 0),
    "binary/openlibrary/880_table_of_contents.mrc": (1, 0),
    "binary/openlibrary/9999_sd_dates.mrc": (1, 0),
    "binary/openlibrary/bijouorannualofl1828cole_meta.mrc": (1, 0),
    "binary/openlibrary/collingswood_bad_008.mrc": (1, 0),
    "binary/openlibrary/engineercorpsofh00sher_meta.mrc": (1, 0),
    "binary/openlibrary/equalsign_title.mrc": (1, 0),
    "binary/openlibrary/flatlandromanceo00abbouoft_meta.mrc": (1, 0),
    "binary/openlibrary/ithaca_two_856u.mrc": (1, 0),
    "binary/openlibrary/lc_1416500308.mrc": (1, 0),
    "binary/openlibrary/lesabndioeinas00sche_meta.mrc": (1, 0),
    "binary/openlibrary/ocm00400866.mrc": (1, 0),
    "binary/openlibrary/onquietcomedyint00brid_meta.mrc": (1, 0),
    "binary/openlibrary/poganucpeoplethe00stowuoft_meta.mrc": (1, 0),
    "binary/openlibrary/secretcodeofsucc00stjo_meta.mrc": (1, 0),
    "binary/openlibrary/talis_245p.mrc": (1, 0),
    "binary/openlibrary/talis_empty_245.mrc": (1, 0),
    "binary/openlibrary/talis_no_title.mrc": (1, 0),
    "binary/openlibrary/talis_two_authors.mrc": (1, 0),
    "binary/openlibrary/test-publish-sn-sl-nd.mrc": (1, 0),
    "binary/openlibrary/uoft_4351105_1626.mrc": (1, 0),
    "binary/openlibrary/upei_short_008.mrc": (1, 0),
    "binary/openlibrary/warofrebellionco1473unit_meta.mrc": (1, 0),
    "binary/openlibrary/wrapped_lines.mrc": (1, 0),
    "binary/pymarc/1251.dat": (6, 0),
    "binary/pymarc/alphatag.dat": (1, 0),
    "binary/pymarc/diacritic.dat": (1, 0),
    "binary/pymarc/marc.dat": (20, 0),
    "binary/pymarc/marc8.dat": (1, 0),
    "binary/pymarc/multi_isbn.dat": (1, 0),
    "binary/pymarc/one.dat": (1, 0),
    "binary/pymarc/regression45.dat": (12, 0),
    "binary/pymarc/test.dat": (10, 0),
    "binary/pymarc/testunimarc.dat": (1, 0),
    "binary/pymarc/utf8_errors.dat": (1, 0),
    "binary/pymarc/utf8_with_leader_flag.dat": (1, 0),
    "binary/pymarc/utf8_without_leader_flag.dat": (1, 0),
    "binary/ruby-marc/marc8_accented_chars.marc": (1, 0),
    "binary/ruby-marc/non-numeric.dat": (1, 0),
    "binary/ruby-marc/random_tag_order.dat": (1, 0),
    "binary/traject/245_no_ab.marc": (1, 0),
    "binary/traject/date_with_u.marc": (1, 0),
    "binary/traject/iso639-3_lang.marc": (1, 0),
    "binary/traject/louis_armstrong.marc": (1, 0),
    "binary/traject/manufacturing_consent.marc": (1, 0),
    "binary/traject/musical_cage.marc": (1, 0),
    "binary/traject/nature.marc": (1, 0),
    "binary/traject/online_only.marc": (1, 0),
    "binary/traject/packed_041a_lang.marc": (1, 0),
    "binary/traject/test_data.utf8.mrc": (30, 0),
    "binary/traject/the_business_ren.marc": (1, 0),
    "xml/koha-misc4dev/koha_sample_authorities_part1.marcxml": (300, 0),
    "xml/marc-perl/batch-ns.xml": (10, 0),
    "xml/marc4j/1474920681_KOHA_LFL_5.xml": (1, 0),
    "xml/marc4j/1474920681_KOHA_LFL_6_with_comment.xml": (1, 0),
    "xml/marc4j/azdoud.xml": (1, 0),
    "xml/marc4j/chabon-record-type.xml": (2, 0),
    "xml/marc4j/chabon.xml": (2, 0),
    "xml/marc4j/cruel-cruel-indicatorless-summerland.xml": (1, 0),
    "xml/marc4j/sample1a.xml": (9, 0),
    "xml/marc4j/summerland-record-with-type.xml": (1, 0),
    "xml/marc4j/summerland-record.xml": (1, 0),
    "xml/marc4j/summerland.xml": (1, 0),
    "xml/marc4j/summerlandwith710.xml": (1, 0),
    "xml/openlibrary/00schlgoog_marc.xml": (1, 0),
    "xml/openlibrary/13dipolarcycload00burk_marc.xml": (1, 0),
    "xml/openlibrary/1733mmoiresdel00vill_marc.xml": (1, 0),
    "xml/openlibrary/bijouorannualofl1828cole_marc.xml": (1, 0),
    "xml/openlibrary/engineercorpsofh00sher_marc.xml": (1, 0),
    "xml/openlibrary/flatlandromanceo00abbouoft_marc.xml": (1, 0),
    "xml/openlibrary/lesabndioeinas00sche_marc.xml": (1, 0),
    "xml/openlibrary/nybc200247_marc.xml": (1, 0),
    "xml/openlibrary/onquietcomedyint00brid_marc.xml": (1, 0),
    "xml/openlibrary/secretcodeofsucc00stjo_marc.xml": (1, 0),
    "xml/openlibrary/warofrebellionco1473unit_marc.xml": (1, 0),
    "xml/pymarc/batch.xml": (2, 0),
    "xml/pymarc/utf8.xml": (1, 0),
    "xml/ruby-marc/no-leading-zero.xml": (1, 0),
    "xml/ruby-marc/non-numeric.xml": (1, 0),
    "xml/ruby-marc/one.xml": (1, 0),
    "xml/traject/test_data.utf8.marc.xml": (30, 0),
    "malformed/marc4j/chabon-bad-subfields-element.xml": (1, 0),
    "malformed/marc4j/chabon-missing-controlfield-tag.xml": (0, 1),
    "malformed/marc4j/chabon-missing-datafield-tag.xml": (0, 1),
    "malformed/marc4j/chabon-missing-subfield-code.xml": (0, 1),
    "malformed/marc4j/chabon-record-type-bad.xml": (2, 0),
    "malformed/marc4j/error.mrc": (1, 0),
    "malformed/marc4j/pride-and-prejudice-with-many-errors.mrc": (367, 16),
    "malformed/pymarc/bad_eacc_encoding.dat": (1, 0),
    "malformed/pymarc/bad_indicator.dat": (1, 0),
    "malformed/pymarc/bad_marc8_escape.dat": (1, 0),
    "malformed/pymarc/bad_records.mrc": (2, 6),
    "malformed/pymarc/bad_subfield_code.dat": (1, 0),
    "malformed/pymarc/bad_tag.xml": (0, 1),
    "malformed/pymarc/utf8_invalid.mrc": (1, 0),
    "malformed/ruby-marc/messed_up_leader.xml": (1, 0),
    "malformed/ruby-marc/three-records-second-bad.xml": (1, 1),
}
# Files where pymarc's own reading is wrong and ours differs on purpose (see each test below).
PYMARC_IS_WRONG = {
    "binary/marc4j/sample1.mrc",  # a 0x02 byte in three leaders
    "binary/openlibrary/engineercorpsofh00sher_meta.mrc",  # the same
    "binary/openlibrary/upei_short_008.mrc",  # base address 157, directory ends at 204
    "binary/pymarc/testunimarc.dat",  # UTF-8 bytes under a MARC-8 leader
    "binary/pymarc/utf8_without_leader_flag.dat",  # the same
    "binary/ruby-marc/marc8_accented_chars.marc",  # MARC-8 bytes under a UTF-8 leader
    "binary/openlibrary/lesabndioeinas00sche_meta.mrc",  # length in characters: pymarc reads none
    "binary/openlibrary/poganucpeoplethe00stowuoft_meta.mrc",  # the same
    "xml/ruby-marc/no-leading-zero.xml",  # tag "42", which we read as "042"
}


def read(relative: str, fmt: str = "auto", **options: str) -> list:
    with (FIXTURES / relative).open("rb") as stream:
        return list(read_records(stream, fmt, **options))


def fields_of(record: pymarc.Record) -> list[tuple[object, ...]]:
    return [
        (f.tag, f.data)
        if f.is_control_field()
        else (f.tag, tuple(f.indicators), tuple((s.code, s.value) for s in f.subfields))
        for f in record.fields
    ]


def test_the_fixtures_hold_every_shared_marc_file():
    found = {
        str(p.relative_to(FIXTURES))
        for p in FIXTURES.glob("*/*/*")
        if p.is_file() and p.parts[-3] in ("binary", "xml", "malformed")
    }
    assert found == set(EXPECTED)


@pytest.mark.parametrize(("relative", "expected"), EXPECTED.items(), ids=list(EXPECTED))
def test_every_shared_file_reads_without_an_exception_and_with_the_expected_counts(
    relative, expected
):
    results = read(relative)
    good = [r for r in results if r.record is not None]
    bad = [r for r in results if r.record is None]
    assert (len(good), len(bad)) == expected
    assert [r.position for r in results] == list(range(1, len(results) + 1))
    for result in bad:
        assert result.error
        assert result.offset is not None or result.line is not None


def test_a_broken_record_reports_its_byte_offset_and_the_good_records_around_it_come_through():
    results = read("malformed/pymarc/bad_records.mrc")
    assert [r.offset for r in results] == [0, 127, 254, 381, 509, 637, 764, 790]
    assert [r.record is not None for r in results] == [True] + [False] * 6 + [True]
    assert "99937" in results[1].error  # the base address beyond the record
    assert "12" in results[3].error  # the directory is not a multiple of 12
    assert results[-1].record["245"]["a"].startswith("The pragmatic programmer")


def test_sixteen_corrupted_directories_are_reported_and_the_other_records_are_read():
    results = read("malformed/marc4j/pride-and-prejudice-with-many-errors.mrc")
    bad = [r for r in results if r.record is None]
    assert [r.position for r in bad][:3] == [93, 184, 203]
    assert all("direktori" in r.error.lower() for r in bad)
    assert results[92].offset == 90472


def test_not_well_formed_xml_stops_with_the_line_and_keeps_the_records_before_it():
    first, broken = read("malformed/ruby-marc/three-records-second-bad.xml")
    assert first.record["245"]["a"] == "The Texas ranger"
    assert (broken.position, broken.line, broken.record) == (2, 72, None)
    assert "72" in broken.error


def test_marcxml_records_missing_attributes_are_refused_with_their_line():
    (missing_tag,) = read("malformed/marc4j/chabon-missing-controlfield-tag.xml")
    assert (missing_tag.line, missing_tag.record) == (2, None)
    assert "tag" in missing_tag.error
    (short_leader,) = read("malformed/pymarc/bad_tag.xml")
    assert "24" in short_leader.error


def test_a_record_whose_length_counts_characters_not_bytes_is_still_read():
    (result,) = read("binary/openlibrary/lesabndioeinas00sche_meta.mrc")
    assert result.record["245"]["a"].startswith("Lesab")  # the source's own mojibake kept
    assert result.record["260"] is not None
    assert any("615" in warning for warning in result.warnings)


def test_utf8_data_under_a_marc8_leader_is_not_decoded_twice():
    (result,) = read("binary/pymarc/utf8_without_leader_flag.dat")
    assert "communauté" in unicodedata.normalize("NFC", result.record["240"]["a"])
    assert result.warnings


def test_marc8_data_under_a_utf8_leader_is_read_as_marc8_with_a_warning():
    (result,) = read("binary/ruby-marc/marc8_accented_chars.marc")
    assert result.record["100"]["a"] == "Serreau, Geneviève."
    assert "100" in result.warnings[0]


def test_marc8_escape_sequences_become_cyrillic_hebrew_and_cjk():
    (cyrillic,) = read("binary/marc-perl/cyrillic.marc")
    assert "Савезни уставни суд" in cyrillic.record.get_fields("880")[0]["b"]
    (cjk,) = read("binary/marc-perl/cjk1.marc")
    assert any("\u3040" <= c <= "\u9fff" for f in cjk.record.get_fields("880") for c in f.value())


def test_a_windows_1251_file_warns_in_auto_mode_and_reads_with_the_encoding_given():
    guessed = read("binary/pymarc/1251.dat")
    assert all(r.warnings for r in guessed)
    chosen = read("binary/pymarc/1251.dat", default_encoding="cp1251")
    assert chosen[0].record["245"]["a"].startswith("Основы гидравлического расчета")
    assert not chosen[0].warnings


def test_control_characters_that_xml_cannot_carry_are_dropped_with_a_warning():
    (result,) = read("malformed/pymarc/bad_marc8_escape.dat")
    assert result.record["260"]["b"] == "La Sociét,"
    assert "260" in result.warnings[0]


def test_a_junk_subfield_code_is_repaired():
    (result,) = read("malformed/pymarc/utf8_invalid.mrc")
    assert result.record["260"]["b"] == "Association of Teacher Educators]"


PYMARC_READS_RIGHT = sorted(
    k for k in EXPECTED if k not in PYMARC_IS_WRONG and "malformed" not in k
)


@pytest.mark.parametrize("relative", PYMARC_READS_RIGHT, ids=PYMARC_READS_RIGHT)
def test_records_equal_what_pymarc_reads_from_the_files_it_reads_right(relative):
    path = FIXTURES / relative
    if path.suffix in (".xml", ".marcxml"):
        theirs = pymarc.parse_xml_to_array(str(path))
    else:
        with path.open("rb") as stream, contextlib.redirect_stderr(io.StringIO()):
            theirs = list(pymarc.MARCReader(stream, to_unicode=True, permissive=True))
    ours = [r.record for r in read(relative)]
    assert len(ours) == len(theirs)
    for our_record, their_record in zip(ours, theirs, strict=True):
        assert str(our_record.leader) == str(their_record.leader)
        assert fields_of(our_record) == fields_of(their_record)


def test_the_format_is_detected_from_the_first_bytes():
    assert detect_format(b"00714cam a2200205 a 4500001000900000") == "marc"
    assert detect_format(b"\xef\xbb\xbf  <?xml version='1.0'?><collection/>") == "marcxml"
    assert detect_format(b"judul;pengarang\r\nLaskar Pelangi;Andrea Hirata") == "csv"
    with pytest.raises(UnknownFormat):
        detect_format(b"\x89PNG\r\n\x1a\n\x00\x00")


def test_an_empty_file_has_no_records():
    assert list(read_records(io.BytesIO(b""))) == []
    assert list(read_records(io.BytesIO(b"\xef\xbb\xbf \r\n"))) == []


def test_a_file_of_garbage_is_an_unknown_format_with_a_translated_message():
    with pytest.raises(UnknownFormat) as caught:
        list(read_records(io.BytesIO(bytes(range(256)) * 4)))
    assert isinstance(caught.value, ValueError)
    assert "Format berkas tidak dikenali" in str(caught.value)


def test_garbage_read_as_marc_is_one_error_and_never_an_exception():
    results = list(read_records(io.BytesIO(b"this is not marc at all" * 100), "marc"))
    assert len(results) == 1
    assert (results[0].record, results[0].offset) == (None, 0)


def test_a_utf8_bom_before_binary_marc_is_skipped_and_offsets_count_it():
    data = (FIXTURES / "binary/pymarc/one.dat").read_bytes()
    (result,) = read_records(io.BytesIO(b"\xef\xbb\xbf" + data))
    assert result.record is not None
    assert result.offset == 3


def test_a_huge_claimed_length_does_not_swallow_the_next_record():
    data = (FIXTURES / "binary/pymarc/test.dat").read_bytes()
    lying = b"99999" + data[5:]
    results = list(read_records(io.BytesIO(lying)))
    assert [r.record is not None for r in results] == [True] * 10
    assert "99999" in results[0].warnings[0]


def test_garbage_between_records_is_skipped_and_reported_where_it_is():
    one = (FIXTURES / "binary/pymarc/one.dat").read_bytes()
    results = list(read_records(io.BytesIO(one + b"GARBAGE!" + one), "marc"))
    assert [(r.record is not None, r.offset) for r in results] == [
        (True, 0),
        (False, len(one)),
        (True, len(one) + 8),
    ]


def test_an_unknown_format_name_is_refused():
    with pytest.raises(UnknownFormat):
        list(read_records(io.BytesIO(b"x"), "pdf"))


def test_marcxml_entities_are_not_expanded_and_files_are_not_fetched(tmp_path):
    secret = tmp_path / "rahasia.txt"
    secret.write_text("kata sandi")
    xml = (
        f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file://{secret}">]>'
        '<record xmlns="http://www.loc.gov/MARC21/slim"><leader>00000nam a2200000 a 4500</leader>'
        '<datafield tag="245" ind1="0" ind2="0"><subfield code="a">&x;</subfield></datafield>'
        "</record>"
    )
    results = list(read_records(io.BytesIO(xml.encode())))
    assert all("kata sandi" not in str(r.record) for r in results)


def test_records_without_a_namespace_and_inside_other_xml_are_found():
    xml = (
        "<response><records><record><recordData><record><leader>00000nam a2200000 a 4500</leader>"
        '<controlfield tag="001">42</controlfield><datafield tag="245" ind1="0" ind2="0">'
        '<subfield code="a">Bumi Manusia</subfield></datafield></record></recordData></record>'
        "</records></response>"
    )
    (result,) = read_records(io.BytesIO(xml.encode()))
    assert (result.record["001"].data, result.record["245"]["a"]) == ("42", "Bumi Manusia")


def test_an_unknown_encoding_name_is_refused_before_reading():
    with pytest.raises(LookupError):
        list(read_records(io.BytesIO(b"00026"), default_encoding="klingon"))
