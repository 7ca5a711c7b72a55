"""Every file of ../shared/data/marc imports without a crash, and round-trips field for field."""

from __future__ import annotations

import io
from pathlib import Path

import pymarc
import pytest

from simpul.catalog.importer import import_file
from simpul.catalog.marc.export import to_marc21, to_marcxml
from simpul.catalog.models import Record
from simpul.catalog.records import marc_record
from simpul.catalog.tests.conftest import SHARED, import_path

FILES = sorted(p for p in (SHARED / "marc").rglob("*") if p.is_file()) if SHARED.exists() else []
GOOD = [p for p in FILES if "malformed" not in p.parts]
BAD = [p for p in FILES if "malformed" in p.parts]


def _name(path: Path) -> str:
    return "/".join(path.parts[-3:])


@pytest.mark.skipif(not FILES, reason="../shared/data is not beside this checkout")
@pytest.mark.parametrize("path", FILES, ids=_name)
def test_every_shared_file_imports_without_a_crash_and_twice_changes_nothing(network, path):
    library = network.libraries["UMMETRO"]
    first = import_path(path, library)
    assert first.read >= 1 or first.problems
    for problem in first.problems:
        assert problem.position >= 1
        assert problem.reason
        assert problem.offset is not None or problem.line is not None or problem.position
    count = Record.objects.count()
    again = import_path(path, library)
    assert (again.created, again.updated, again.items_created) == (0, 0, 0)
    assert Record.objects.count() == count


@pytest.mark.skipif(not BAD, reason="../shared/data is not beside this checkout")
def test_malformed_files_report_what_and_where(network):
    reported = 0
    for path in BAD:
        report = import_path(path, network.libraries["KOTA"])
        reported += report.skipped
    assert reported >= len(BAD) // 2


def _fields(record: pymarc.Record) -> list[tuple[object, ...]]:
    rows = []
    for field in record.fields:
        if field.tag == "005":
            continue
        if field.is_control_field():
            rows.append((field.tag, field.data))
        else:
            rows.append(
                (
                    field.tag,
                    tuple(field.indicators),
                    tuple((s.code, s.value) for s in field.subfields),
                )
            )
    return rows


@pytest.mark.skipif(not GOOD, reason="../shared/data is not beside this checkout")
@pytest.mark.parametrize("writer", [to_marc21, to_marcxml], ids=["marc21", "marcxml"])
def test_importing_our_own_export_reproduces_every_record_field_for_field(network, writer):
    library = network.libraries["UMMETRO"]
    for path in GOOD:
        import_path(path, library)
    before = {r.pk: _fields(marc_record(r)) for r in Record.objects.all()}
    exported = b"".join(
        chunk if isinstance(chunk, bytes) else chunk.encode()
        for chunk in writer(marc_record(r) for r in Record.objects.order_by("pk"))
    )
    Record.objects.all().delete()
    report = import_file(io.BytesIO(exported), library)
    assert report.skipped == 0, report.problems[:5]
    after = [_fields(marc_record(r)) for r in Record.objects.order_by("pk")]
    assert sorted(map(repr, after)) == sorted(map(repr, before.values()))
