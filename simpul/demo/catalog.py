"""The demo catalog: Indonesian books catalogued by hand, and real records from ../shared/data.

Idempotent: records are found again by their control numbers and items by their barcodes.
"""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings

from simpul.catalog.choices import ItemType
from simpul.catalog.importer import import_file
from simpul.catalog.marc.writer import SimpleRecord
from simpul.catalog.models import Item, Record
from simpul.catalog.services import create_record
from simpul.demo.books import BOOKS
from simpul.libraries.models import Library

SHARED_MARC = Path(settings.BASE_DIR).parent / "shared" / "data" / "marc"
# Real records from public projects go to the university and the city library, in turn.
SHARED_HOLDERS = ["UMMETRO", "KOTA"]
AUDIENCE_TYPES = {"children": ItemType.CHILDREN, "textbook": ItemType.BOOK}


def slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:40]


def load_books(libraries: dict[str, Library]) -> int:
    """Catalogue BOOKS with their copies; returns how many records were created."""
    created = 0
    for number, book in enumerate(BOOKS, start=1):
        control = f"demo-{number:03d}-{slug(str(book['title']))}"
        record = Record.objects.filter(control_source="SIMPUL", control_number=control).first()
        if record is None:
            record = create_record(_simple(book), libraries.get("KOTA"), control_number=control)
            created += 1
        for code, copies in dict(book.get("holdings", {})).items():  # type: ignore[call-overload]
            library = libraries.get(code)
            if library is None:
                continue
            for copy in range(1, int(copies) + 1):
                barcode = f"{code}-B{number:03d}-{copy}"
                Item.objects.get_or_create(
                    barcode=barcode,
                    defaults={
                        "record": record,
                        "library": library,
                        "call_number": call_number(book),
                        "item_type": AUDIENCE_TYPES.get(str(book.get("audience")), ItemType.BOOK),
                        "acquisition": "purchase",
                    },
                )
    return created


def call_number(book: dict[str, object]) -> str:
    """DDC class, then the first three letters of the main entry, as on Indonesian spines."""
    authors = list(book.get("authors", []))  # type: ignore[call-overload]
    entry = str(authors[0]).split()[-1] if authors else str(book["title"])
    return f"{book.get('ddc', '')} {entry[:3].upper()}".strip()


def _simple(book: dict[str, object]) -> SimpleRecord:
    return SimpleRecord(
        title=str(book["title"]),
        subtitle=str(book.get("subtitle", "")),
        authors=list(book.get("authors", [])),  # type: ignore[call-overload]
        publisher=str(book.get("publisher", "")),
        place=str(book.get("place", "")),
        year=book.get("year"),  # type: ignore[arg-type]
        isbn=str(book.get("isbn", "")),
        subjects=list(book.get("subjects", [])),  # type: ignore[call-overload]
        ddc=str(book.get("ddc", "")),
        language=str(book.get("language", "ind")),
        pages=book.get("pages"),  # type: ignore[arg-type]
        summary=str(book.get("summary", "")),
        series=str(book.get("series", "")),
        edition=str(book.get("edition", "")),
    )


def shared_files() -> list[Path]:
    if not SHARED_MARC.is_dir():
        return []
    return sorted(
        path
        for folder in ("binary", "xml")
        for path in (SHARED_MARC / folder).rglob("*")
        if path.is_file()
    )


def load_shared_records(libraries: dict[str, Library]) -> int:
    """Import the real MARC records of ../shared/data (when present), one copy each."""
    files = shared_files()
    for index, path in enumerate(files):
        holder = libraries[SHARED_HOLDERS[index % len(SHARED_HOLDERS)]]
        with path.open("rb") as stream:
            import_file(stream, holder)
    without_items = Record.objects.filter(items__isnull=True).exclude(control_source="SIMPUL")
    new_items = []
    for position, record in enumerate(without_items.only("pk").order_by("pk")):
        holder = libraries[SHARED_HOLDERS[position % len(SHARED_HOLDERS)]]
        new_items.append(
            Item(record=record, library=holder, barcode=f"{holder.code}-R{record.pk:06d}")
        )
    Item.objects.bulk_create(new_items, ignore_conflicts=True)
    return len(files)
