from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from simpul.catalog.importer import import_file
from simpul.catalog.indexing import drain_outbox
from simpul.catalog.marc.writer import SimpleRecord
from simpul.catalog.models import Record
from simpul.catalog.services import add_item, create_record
from simpul.catalog.subjects import refresh_headings

SHARED = Path(settings.BASE_DIR).parent / "shared" / "data"


def book(title: str, **fields: Any) -> SimpleRecord:
    return SimpleRecord(title=title, **fields)


SHELF = [
    book(
        "Laskar Pelangi",
        authors=["Andrea Hirata"],
        publisher="Bentang Pustaka",
        place="Yogyakarta",
        year=2005,
        subjects=["Novel Indonesia", "Pendidikan -- Belitung"],
        language="ind",
    ),
    book(
        "Bumi Manusia",
        authors=["Pramoedya Ananta Toer"],
        publisher="Hasta Mitra",
        place="Jakarta",
        year=1980,
        subjects=["Novel Indonesia", "Sejarah -- Indonesia"],
        language="ind",
    ),
    book(
        "Gemar Baca di Perpustakaan Keliling",
        authors=["Sari Wulandari"],
        year=2021,
        subjects=["Literasi", "Perpustakaan keliling"],
        language="ind",
    ),
    book(
        "Pembaca dan Bacaan",
        authors=["Budi Santoso"],
        year=2019,
        subjects=["Literasi"],
        language="ind",
    ),
    book(
        "Public Libraries and Their Readers",
        authors=["Anne Smith"],
        year=2015,
        subjects=["Public libraries"],
        language="eng",
        isbn="978-0-306-40615-7",
    ),
    book(
        "Running a Small Library",
        authors=["David Brown"],
        year=2010,
        subjects=["Library science"],
        language="eng",
    ),
    book(
        "Sejarah Kota Metro",
        authors=["Hendra Gunawan"],
        year=2023,
        subjects=["Metro (Lampung) -- Sejarah", "Lampung -- Sejarah"],
        language="ind",
    ),
]


@pytest.fixture
def shelf(network: Any) -> list[Record]:
    """Seven records with items spread over three libraries, indexed, subjects counted."""
    records = []
    libraries = network.libraries
    for number, data in enumerate(SHELF):
        record = create_record(data, libraries["KOTA"])
        holders = [libraries["KOTA"], libraries["SMAN1"], libraries["UMMETRO"]][: 1 + number % 3]
        for copy, library in enumerate(holders):
            add_item(record, library, barcode=f"T{number:02d}{copy}")
        records.append(record)
    drain_outbox()
    refresh_headings()  # what the worker does after draining
    return records


def import_path(path: Path, library: Any, fmt: str = "auto") -> Any:
    with path.open("rb") as stream:
        return import_file(stream, library, fmt=fmt)
