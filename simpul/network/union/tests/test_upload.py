"""A contributing library's MARC file goes through the merge engine, not the catalog import."""

from __future__ import annotations

import io

import pymarc
import pytest

from simpul.catalog.models import Item
from simpul.network.union.models import Contribution
from simpul.network.union.tests.marc import marc

pytestmark = pytest.mark.django_db


def marc_file(*records: dict) -> bytes:
    parsed = pymarc.parse_json_to_array(__import__("json").dumps(list(records)))
    return b"".join(record.as_marc() for record in parsed)


def test_an_uploaded_file_merges_known_works_and_makes_no_items(smp3, laskar, admin, client_as):
    data = marc_file(
        marc("Laskar Pelangi", author="Andrea Hirata", year=2005, number=("B-1", "SMPN3")),
        marc("Sang pemimpi", author="Hirata, Andrea", year=2006, number=("B-2", "SMPN3")),
    )
    upload = io.BytesIO(data)
    upload.name = "katalog.mrc"
    page = client_as(admin).post(
        "/staf/katalog-induk/perpustakaan/SMPN3/unggah/",
        {"file": upload, "format": "auto"},
        follow=True,
    )
    assert "2 rekaman: 1 digabung, 1 baru" in page.text
    assert Contribution.objects.get(local_id="SMPN3:B-1").record == laskar
    assert not Item.objects.filter(library=smp3).exists()


def test_a_file_that_is_not_marc_gets_a_clear_error(smp3, admin, client_as):
    upload = io.BytesIO(b"\x00\x01 garbage that is no catalogue")
    upload.name = "foto.jpg"
    page = client_as(admin).post(
        "/staf/katalog-induk/perpustakaan/SMPN3/unggah/",
        {"file": upload, "format": "auto"},
        follow=True,
    )
    assert page.status_code == 200
    assert not Contribution.objects.exists()
    assert "tidak dapat dibaca sebagai MARC atau CSV" in page.text
