"""The operator commands: import_marc, reindex, export_marc, simpul_synth."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from simpul.catalog.indexing import catalog_index
from simpul.catalog.models import Record
from simpul.catalog.search.documents import SearchQuery
from simpul.catalog.tests.conftest import SHARED

MARC = SHARED / "marc" / "binary" / "pymarc" / "test.dat"


@pytest.mark.skipif(not MARC.exists(), reason="../shared/data is not beside this checkout")
def test_import_marc_imports_indexes_and_reports(network, tmp_path):
    out, err = StringIO(), StringIO()
    report = tmp_path / "laporan.csv"
    call_command(
        "import_marc",
        str(MARC),
        "--library",
        "KOTA",
        "--report",
        str(report),
        stdout=out,
        stderr=err,
    )
    assert "created" in out.getvalue()
    assert "100.0%" in err.getvalue()  # the progress bar
    count = Record.objects.count()
    assert count >= 1
    assert catalog_index().search(SearchQuery(text="")).total == count
    assert report.read_text().startswith("record,byte_offset,line,severity,reason")


def test_import_marc_refuses_an_unknown_library_or_file(network, tmp_path):
    with pytest.raises(CommandError, match="no library"):
        call_command("import_marc", str(tmp_path), "--library", "NOPE")
    with pytest.raises(CommandError, match="not a readable file"):
        call_command("import_marc", str(tmp_path / "tidak-ada.mrc"), "--library", "KOTA")


def test_reindex_rebuilds_the_index_from_the_database(shelf):
    catalog_index().clear()
    catalog_index().commit()
    assert catalog_index().search(SearchQuery(text="")).total == 0
    out = StringIO()
    call_command("reindex", stdout=out, stderr=StringIO())
    assert f"indexed {len(shelf)} records" in out.getvalue()
    assert catalog_index().search(SearchQuery(text="")).total == len(shelf)
