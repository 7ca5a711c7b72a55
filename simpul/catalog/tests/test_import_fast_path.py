"""The import's fast path gives exactly what the careful path gives.

Clean UTF-8 records skip pymarc (``iso2709.decode_clean``); the MARC-in-JSON text and the
fingerprint come from one encoding; several processes read one file; new records are indexed
by the importing process. Each is checked against the slower way on the shared data.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

from simpul.catalog import import_prepare
from simpul.catalog.importer import import_file
from simpul.catalog.indexing import catalog_index, drain_outbox, reindex_all
from simpul.catalog.marc import iso2709
from simpul.catalog.models import Item, Record, SearchOutbox
from simpul.catalog.records import fingerprint, marc_json, marc_text_and_fingerprint
from simpul.catalog.search import SearchQuery
from simpul.catalog.tests.conftest import SHARED

needs_shared = pytest.mark.skipif(not SHARED.exists(), reason="../shared/data is not here")
MANY_ERRORS = SHARED / "marc" / "malformed" / "marc4j" / "pride-and-prejudice-with-many-errors.mrc"


def binary_files() -> list[Path]:
    return sorted(
        path
        for path in (SHARED / "marc").rglob("*")
        if path.is_file() and path.suffix.lower() in (".mrc", ".marc", ".dat", ".out")
    )


def chunks_of(path: Path) -> list[bytes]:
    with path.open("rb") as stream:
        return [chunk.data for chunk in iso2709.split_records(stream) if not chunk.problem]


@needs_shared
def test_clean_decoding_equals_the_careful_decoder_on_every_shared_record():
    clean = careful = 0
    for path in binary_files():
        for data in chunks_of(path):
            fast = iso2709.decode_clean(data)
            if fast is None:
                continue
            clean += 1
            record, warnings = iso2709.decode_record(data)
            assert warnings == [], path
            assert fast[0] == record.as_dict(), path
            careful += 1
    assert clean == careful > 300  # most shared records are clean UTF-8


def test_anything_unusual_goes_to_the_careful_decoder():
    good = iso2709.decode_clean(_record(b"00\x1faTitle"))
    assert good is not None
    assert good[0]["fields"][0] == {
        "245": {"ind1": "0", "ind2": "0", "subfields": [{"a": "Title"}]}
    }
    assert good[1].get("245").subfields == [("a", "Title")]
    for broken in (
        _record(b"00\x1faT\xc3"),  # not UTF-8
        _record(b"0\x1faTitle"),  # one indicator
        _record(b"00\x1f\xc3\xa9Title"),  # a subfield code that is not ASCII
        _record(b"00\x1faTi\x07tle"),  # a control character
        _record(b"00\x1faTitle", coding=b" "),  # MARC-8
    ):
        assert iso2709.decode_clean(broken) is None


def _record(field: bytes, coding: bytes = b"a") -> bytes:
    body = field + b"\x1e"
    directory = b"245" + b"%04d" % len(body) + b"00000" + b"\x1e"
    base = 24 + len(directory)
    total = base + len(body) + 1
    leader = b"%05dnam " % total + coding + b"22%05d   4500" % base
    return leader + directory + body + b"\x1d"


@needs_shared
def test_one_encoding_gives_the_stored_text_and_the_fingerprint():
    for path in binary_files():
        for data in chunks_of(path):
            try:
                record, _warnings = iso2709.decode_record(data)
            except iso2709.BrokenRecord:
                continue
            as_json = marc_json(record)
            text, content = marc_text_and_fingerprint(as_json)
            assert json.loads(text) == as_json
            assert content == fingerprint(as_json), path


def _summary(report):
    def reason(text):  # generated barcodes carry the record's id
        return re.sub(r"KOTA-\d+-", "KOTA-#-", text)

    return (
        report.read, report.created, report.updated, report.unchanged, report.items_created,
        [(p.position, p.offset, p.severity, reason(p.reason)) for p in report.problems],
    )  # fmt: skip


@needs_shared
@pytest.mark.parametrize("readers", [2, 3])
def test_several_readers_of_one_file_on_disk_give_the_one_process_import(
    network, readers, tmp_path, monkeypatch
):
    monkeypatch.setattr(import_prepare, "BATCH", 200)  # forked readers inherit it
    library = network.libraries["KOTA"]
    # Several batches, bad records among them, and every record twice (matched, not added).
    data = 2 * (
        MANY_ERRORS.read_bytes()
        + b"".join(path.read_bytes() for path in binary_files() if "malformed" not in str(path))
    )
    single = import_file(io.BytesIO(data), library, parallel=False)
    records = sorted(Record.objects.values_list("fingerprint", flat=True))
    items = Item.objects.count()
    Record.objects.all().delete()
    path = tmp_path / "big.mrc"
    path.write_bytes(data)
    with path.open("rb") as stream:
        several = import_file(stream, library, parallel=True, readers=readers)
    assert single.read > 3 * import_prepare.BATCH
    assert single.unchanged > 0
    assert _summary(several) == _summary(single)
    assert sorted(Record.objects.values_list("fingerprint", flat=True)) == records
    assert Item.objects.count() == items


QUERIES = ["", "pride", "history", "music", "library", "1999", "catalog"]


def _answers() -> list[tuple[int, list[int], dict[str, list[tuple[str, int]]]]]:
    # Every hit, as a set: records with equal scores come in the engine's storage order.
    index = catalog_index()
    index.reload()
    answers = []
    for text in QUERIES:
        result = index.search(SearchQuery(text=text, limit=1000))
        answers.append((result.total, sorted(hit.record_id for hit in result.hits), result.facets))
    return answers


@needs_shared
def test_records_indexed_by_the_import_are_found_as_after_a_full_reindex(network):
    library = network.libraries["KOTA"]
    for path in binary_files()[:40]:
        with path.open("rb") as stream:
            import_file(stream, library, parallel=True, readers=2)
    assert not SearchOutbox.objects.exists()  # the import indexed and cleared its own rows
    assert catalog_index().count() == Record.objects.count() > 100
    imported = _answers()
    reindex_all()
    assert _answers() == imported


def test_the_import_leaves_its_outbox_to_the_worker_when_another_process_writes(
    network, monkeypatch
):
    from simpul.catalog.search import index as engine

    def busy(self):
        raise engine.SearchIndexBusy(path="elsewhere")

    monkeypatch.setattr(engine.CatalogIndex, "_take_writer", busy)
    report = import_file(
        io.BytesIO(_record(b"00\x1faA book about Metro")), network.libraries["KOTA"]
    )
    assert report.created == 1
    assert SearchOutbox.objects.count() == 1  # waiting for the process that holds the writer
    monkeypatch.undo()
    assert drain_outbox() == 1
    catalog_index().reload()
    assert catalog_index().search(SearchQuery(text="metro")).total == 1


def test_an_id_is_never_given_twice_even_after_the_newest_record_was_deleted(network):
    library = network.libraries["KOTA"]
    import_file(io.BytesIO(_record(b"00\x1faFirst")), library)
    newest = Record.objects.latest("pk")
    gone = newest.pk
    newest.delete()
    import_file(io.BytesIO(_record(b"00\x1faSecond")), library)
    assert Record.objects.get(title="Second").pk > gone
