"""A suppressed record (an interlibrary loan's stand-in) is out of the search index, however
the index is written, and out of the public export and browses; its column is added in place."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection

from simpul.catalog.indexing import ImportIndexer, catalog_index, drain_outbox, reindex_all
from simpul.catalog.models import Record, SubjectHeading
from simpul.catalog.records import queue_for_index
from simpul.catalog.search.documents import SearchQuery
from simpul.catalog.subjects import refresh_headings

pytestmark = pytest.mark.django_db


def found(text: str) -> list[int]:
    return [hit.record_id for hit in catalog_index().search(SearchQuery(text=text)).hits]


def suppress(record: Record) -> None:
    """What a change to the record does: the row, then the outbox in the same transaction."""
    record.suppressed = True
    record.save(update_fields=["suppressed", "updated_at"])
    queue_for_index([record.pk])


def _drain(pk: int) -> None:
    drain_outbox()


def _import_indexer(pk: int) -> None:
    indexer = ImportIndexer()  # an import that changed the record: indexed at its commit
    indexer.add([], [pk], [])
    indexer.finish()


def _reindex(pk: int) -> None:
    reindex_all()


@pytest.mark.parametrize("write", [_drain, _import_indexer, _reindex])
def test_a_record_suppressed_after_indexing_leaves_the_index(
    shelf: list[Record], write: Callable[[int], None]
) -> None:
    laskar, bumi = shelf[0], shelf[1]
    assert found("pelangi") == [laskar.pk]
    suppress(laskar)
    write(laskar.pk)
    assert laskar.pk not in found("pelangi")
    assert found("manusia") == [bumi.pk]


def test_reindexing_everything_counts_only_the_records_it_indexed(shelf: list[Record]) -> None:
    suppress(shelf[0])
    assert reindex_all() == len(shelf) - 1


def _body(response: Any) -> str:
    chunks = response.streaming_content
    return b"".join(c if isinstance(c, bytes) else c.encode() for c in chunks).decode()


def test_the_export_leaves_it_out(client: Any, shelf: list[Record]) -> None:
    suppress(shelf[0])
    for params in ({}, {"perpustakaan": "KOTA"}):  # the whole catalog, and a holder's records
        body = _body(client.get("/katalog/ekspor.csv", params))
        assert "Laskar Pelangi" not in body
        assert "Bumi Manusia" in body


def test_the_browses_leave_it_out(client: Any, shelf: list[Record]) -> None:
    laskar = shelf[0]
    Record.objects.filter(pk=laskar.pk).update(ddc="899.221")
    assert "Laskar Pelangi" in client.get("/katalog/ddc/8/").text
    suppress(laskar)
    refresh_headings()
    assert "Laskar Pelangi" not in client.get("/katalog/ddc/8/").text
    assert not SubjectHeading.objects.filter(heading="Pendidikan -- Belitung").exists()
    assert SubjectHeading.objects.get(heading="Novel Indonesia").records == 1


@pytest.mark.django_db(transaction=True)  # SQLite's schema editor refuses a test's transaction
def test_the_column_is_added_without_rebuilding_the_table() -> None:
    out = io.StringIO()
    call_command("sqlmigrate", "catalog", "0008", stdout=out)
    statements = [line for line in out.getvalue().splitlines() if line and line[0].isalpha()]
    statements = [s for s in statements if s not in ("BEGIN;", "COMMIT;")]
    boolean = "bool" if connection.vendor == "sqlite" else "boolean"
    default = "0" if connection.vendor == "sqlite" else "false"
    assert statements == [
        f'ALTER TABLE "catalog_record" ADD COLUMN "suppressed" {boolean} '
        f"DEFAULT {default} NOT NULL;"
    ]
