"""What Simpul exports reads back as the same records: MARC21, MARCXML and CSV."""

from __future__ import annotations

import io
from dataclasses import asdict
from pathlib import Path

import pymarc
import pytest

from simpul.catalog.marc.export import to_csv, to_marc21, to_marcxml
from simpul.catalog.marc.mapping import bib_fields, holdings
from simpul.catalog.marc.reader import read_records

FIXTURES = Path(__file__).resolve().parents[3] / "tests" / "fixtures" / "marc"
FILES = sorted(
    str(p.relative_to(FIXTURES))
    for folder in ("binary", "xml", "malformed")
    for p in (FIXTURES / folder).rglob("*")
    if p.is_file()
)
CSV_FIELDS = [
    "title", "subtitle", "authors", "publisher", "place", "year", "isbns", "issns", "language",
    "subjects", "series", "notes", "summary", "ddc", "edition", "physical", "material_type",
]  # fmt: skip


def readable(relative: str) -> list[pymarc.Record]:
    with (FIXTURES / relative).open("rb") as stream:
        return [r.record for r in read_records(stream) if r.record is not None]


def comparable(record: pymarc.Record) -> list[object]:
    """Everything that must survive: fields in order, and the leader but 00-04, 09, 12-16."""
    leader = str(record.leader)
    rows: list[object] = [leader[5:9] + leader[10:12] + leader[17:]]
    for found in record.fields:
        if found.is_control_field():
            rows.append((found.tag, found.data))
        else:
            subfields = tuple((s.code, s.value) for s in found.subfields)
            rows.append((found.tag, found.indicator1, found.indicator2, subfields))
    return rows


@pytest.mark.parametrize("writer", [to_marc21, to_marcxml], ids=["marc21", "marcxml"])
@pytest.mark.parametrize("relative", FILES, ids=FILES)
def test_reading_our_export_gives_every_readable_record_back_field_for_field(relative, writer):
    records = readable(relative)
    exported = b"".join(writer(records))
    back = list(read_records(io.BytesIO(exported)))
    assert all(r.record is not None and not r.warnings for r in back)
    assert [comparable(r.record) for r in back] == [comparable(r) for r in records]


def test_marc21_export_is_utf8_with_leader_09_a_and_correct_lengths():
    records = readable("binary/marc4j/chabon-loc.mrc")  # MARC-8 at the source
    chunks = list(to_marc21(records))
    for chunk in chunks:
        assert chunk[9:10] == b"a"
        assert int(chunk[:5]) == len(chunk)
        assert chunk[int(chunk[12:17]) - 1] == 0x1E
        chunk.decode("utf-8")
    assert str(records[0].leader)[9] == " "  # the records given are not changed


def test_a_record_too_long_for_iso2709_keeps_the_fields_that_fit(caplog):
    record = readable("binary/pymarc/one.dat")[0]
    for number in range(60):
        record.add_field(
            pymarc.Field(tag="505", indicators=pymarc.Indicators("0", " "),
                         subfields=[pymarc.Subfield("a", f"Bab {number}. " + "isi " * 500)])
        )  # fmt: skip
    data = b"".join(to_marc21([record]))
    assert len(data) == int(data[:5]) <= 99_999
    (back,) = read_records(io.BytesIO(data))
    kept = comparable(back.record)
    assert kept == comparable(record)[: len(kept)]
    assert len(kept) < len(comparable(record))
    assert "505" in caplog.text
    xml = b"".join(to_marcxml([record]))
    (whole,) = read_records(io.BytesIO(xml))
    assert comparable(whole.record) == comparable(record)


def test_marcxml_export_streams_one_chunk_per_record():
    records = readable("binary/pymarc/test.dat")
    chunks = list(to_marcxml(records))
    assert len(chunks) == len(records) + 1
    assert chunks[0].startswith(b"<?xml version='1.0' encoding='utf-8'?>\n<collection")
    assert chunks[-1].strip().endswith(b"</collection>")


@pytest.mark.parametrize(
    "relative",
    ["binary/marc4j/pride-and-prejudice-fixed.mrc", "binary/traject/test_data.utf8.mrc",
     "xml/marc4j/1474920681_KOHA_LFL_5.xml", "binary/pymarc/marc.dat", "binary/traject/nature.marc",
     "indonesian/slims_sample_biblio.csv", "indonesian/inlislite_import_template_sample_AACR.csv"],
)  # fmt: skip
def test_reading_our_csv_export_gives_the_fields_the_csv_carries(relative):
    records = [r for r in readable(relative) if bib_fields(r).title]
    exported = "".join(to_csv(records)).encode("utf-8")
    back = list(read_records(io.BytesIO(exported)))
    assert all(r.record is not None for r in back)
    assert len(back) == len(records)
    for record, result in zip(records, back, strict=True):
        before, after = asdict(bib_fields(record)), asdict(bib_fields(result.record))
        assert {k: after[k] for k in CSV_FIELDS} == {k: before[k] for k in CSV_FIELDS}
        if before["control_number"]:
            assert after["control_number"] == before["control_number"]
        copies = [asdict(h) | {"source_tag": ""} for h in holdings(record)]
        assert [asdict(h) | {"source_tag": ""} for h in holdings(result.record)] == copies


def test_csv_export_starts_with_a_bom_and_indonesian_column_names():
    first = next(to_csv([]))
    assert first.startswith("\ufeffnomor_kontrol,sumber_kontrol,judul,anak_judul,")
