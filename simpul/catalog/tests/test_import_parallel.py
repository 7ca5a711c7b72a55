"""A large import reads and maps in a forked process; the outcome is the same as in one process."""

from __future__ import annotations

import io
import re

import pytest

from simpul.catalog.errors import UnreadableFile
from simpul.catalog.importer import import_file
from simpul.catalog.models import Item, Record
from simpul.catalog.tests.conftest import SHARED

FILE = SHARED / "marc" / "malformed" / "marc4j" / "pride-and-prejudice-with-many-errors.mrc"


def _summary(report):
    # Generated barcodes carry the record's id, which differs between the two runs.
    def reason(text):
        return re.sub(r"KOTA-\d+-", "KOTA-#-", text)

    return (
        report.read, report.created, report.updated, report.unchanged, report.items_created,
        [(p.position, p.offset, p.severity, reason(p.reason)) for p in report.problems],
    )  # fmt: skip


@pytest.mark.skipif(not FILE.exists(), reason="../shared/data is not beside this checkout")
def test_the_forked_reader_gives_the_same_import_as_one_process(network):
    library = network.libraries["KOTA"]
    data = FILE.read_bytes()
    forked = import_file(io.BytesIO(data), library, parallel=True)
    records = sorted(Record.objects.values_list("fingerprint", flat=True))
    items = Item.objects.count()
    Record.objects.all().delete()
    single = import_file(io.BytesIO(data), library, parallel=False)
    assert _summary(forked) == _summary(single)
    assert sorted(Record.objects.values_list("fingerprint", flat=True)) == records
    assert Item.objects.count() == items
    assert forked.skipped > 0  # the malformed records were reported, not imported


def test_a_failure_in_the_forked_reader_is_reported_not_hung(network):
    with pytest.raises((UnreadableFile, LookupError)):
        import_file(io.BytesIO(b"00000nam  2200000   4500" * 10), network.libraries["KOTA"],
                    encoding="no-such-codec", parallel=True)  # fmt: skip
