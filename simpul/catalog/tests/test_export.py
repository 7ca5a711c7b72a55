"""Exports over HTTP and from the command line, read back with independent readers."""

from __future__ import annotations

import csv
import io

import pymarc
from django.core.management import call_command
from lxml import etree

from simpul.catalog.models import Record


def _body(response) -> bytes:
    return b"".join(c if isinstance(c, bytes) else c.encode() for c in response.streaming_content)


def test_the_whole_catalog_exports_as_marc21_that_pymarc_reads(client, shelf):
    data = _body(client.get("/katalog/ekspor.mrc"))
    titles = sorted(r["245"]["a"].rstrip(" /:") for r in pymarc.MARCReader(data, to_unicode=True))
    assert titles == sorted(r.title for r in Record.objects.all())


def test_one_librarys_records_export_as_marcxml(client, shelf):
    root = etree.fromstring(_body(client.get("/katalog/ekspor.xml", {"perpustakaan": "UMMETRO"})))
    records = root.findall("{http://www.loc.gov/MARC21/slim}record")
    assert len(records) == Record.objects.filter(items__library__code="UMMETRO").distinct().count()


def test_a_search_result_exports_as_dublin_core_and_csv(client, shelf):
    dc = etree.fromstring(_body(client.get("/katalog/ekspor.dc", {"q": "pramoedya"})))
    titles = [t.text for t in dc.iter("{http://purl.org/dc/elements/1.1/}title")]
    assert len(titles) == 1
    assert titles[0].startswith("Bumi Manusia")
    rows = list(
        csv.reader(
            io.StringIO(
                _body(client.get("/katalog/ekspor.csv", {"q": "novel"})).decode("utf-8-sig")
            )
        )
    )
    assert len(rows) == 3  # header and two novels


def test_an_unknown_export_format_is_a_404(client, shelf):
    assert client.get("/katalog/ekspor.exe").status_code == 404


def test_the_export_command_writes_a_file(shelf, tmp_path):
    out = tmp_path / "katalog.xml"
    call_command("export_marc", "--format", "marcxml", "--output", str(out))
    assert out.read_bytes().count(b"<record") + out.read_bytes().count(b":record") >= len(shelf)
