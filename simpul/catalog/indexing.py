"""Keeping the search index true to the database.

Every change writes SearchOutbox rows in its own transaction; ``drain_outbox`` (the worker, or
a test) rewrites those records' documents in id order and deletes the rows it handled, so a
crash between the two only means the same documents are written again. ``reindex_all``
rebuilds everything from the database.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction

from simpul.catalog.choices import ItemStatus
from simpul.catalog.holdings import extra_libraries
from simpul.catalog.models import Item, Record, SearchOutbox
from simpul.catalog.search.documents import SearchDoc
from simpul.catalog.search.index import CatalogIndex, SearchIndexBusy

CHUNK = 2000
_lock = threading.Lock()


@cache
def _index_at(path: str) -> CatalogIndex:
    return CatalogIndex(Path(path))


def catalog_index() -> CatalogIndex:
    """The process's index handle, at ``settings.SEARCH_INDEX_DIR``."""
    return _index_at(str(settings.SEARCH_INDEX_DIR))


def documents(records: Iterable[Record]) -> list[SearchDoc]:
    """Search documents for ``records``, with holdings and availability in one query. A
    suppressed record has none: it is kept out of the OPAC and SRU, which read the index, and
    the callers delete every record's old document first, so suppressing one removes it."""
    records = [r for r in records if not r.suppressed]
    held: dict[int, set[str]] = defaultdict(set)
    available: dict[int, set[str]] = defaultdict(set)
    rows = Item.objects.filter(record__in=[r.pk for r in records]).values_list(
        "record_id", "library__code", "status"
    )
    for record_id, code, status in rows:
        if status == ItemStatus.WITHDRAWN:
            continue
        held[record_id].add(code)
        if status == ItemStatus.AVAILABLE:
            available[record_id].add(code)
    for record_id, codes in extra_libraries(r.pk for r in records).items():
        held[record_id] |= codes  # libraries without Simpul items (catalog/holdings.py)
    return [
        search_doc(
            r.pk,
            r.__dict__,  # the model's field values by attribute name
            sorted(held[r.pk]),
            sorted(available[r.pk]),
            int(r.created_at.timestamp()),
        )
        for r in records
    ]


def search_doc(
    record_id: int,
    values: Mapping[str, Any],
    libraries: list[str],
    available: list[str],
    added: int,
) -> SearchDoc:
    """The search document of a record from its field values (a Record's, or an import's)."""
    return SearchDoc(
        record_id=record_id,
        title=values["title"],
        subtitle=values["subtitle"],
        authors=list(values["authors"]),
        subjects=list(values["subjects"]),
        isbns=list(values["isbns"]),
        publisher=values["publisher"],
        series=list(values["series"]),
        notes=list(values["notes"]),
        summary=values["summary"],
        language=values["language"],
        year=values["year"],
        material_type=values["material_type"],
        libraries=libraries,
        available_libraries=available,
        ddc=values["ddc"],
        title_sort=values["title_sort"],
        added=added,
    )


class ImportIndexer:
    """Indexes an import's new records in the importing process, as its batches commit.

    The batches' outbox rows stay until the documents are committed to the index, then exactly
    those rows are deleted; a crash in between only means the worker writes them again. When
    another process holds the index writer (the worker, while ``import_marc`` runs beside it)
    the indexer steps aside and the outbox rows wait for that process.
    """

    COMMIT_EVERY = 25_000

    def __init__(self) -> None:
        self.active = True
        self.others: set[int] = set()  # changed records: indexed from the database at commit
        self.outbox_ids: list[int] = []
        self.pending = 0

    def add(self, docs: list[str], others: Iterable[int], outbox_ids: list[int]) -> None:
        """Queue ``docs`` (JSON documents from the search package's ``joined_json``) now, and
        ``others`` (record ids) for the next commit."""
        if not self.active:
            return
        try:
            with _lock:
                catalog_index().add_json(docs)
        except SearchIndexBusy:
            self.active = False
            return
        others = set(others)
        self.others |= others
        self.outbox_ids += outbox_ids
        self.pending += len(docs) + len(others)
        if self.pending >= self.COMMIT_EVERY:
            self.commit()

    def commit(self) -> None:
        if not self.active:
            return
        others = sorted(self.others)
        with _lock:
            index = catalog_index()
            for start in range(0, len(others), CHUNK):
                chunk = others[start : start + CHUNK]
                index.delete_many(chunk)
                index.add_many(documents(Record.objects.filter(pk__in=chunk).defer("marc")))
            index.commit()
        for start in range(0, len(self.outbox_ids), CHUNK):
            SearchOutbox.objects.filter(pk__in=self.outbox_ids[start : start + CHUNK]).delete()
        self.others.clear()
        self.outbox_ids = []
        self.pending = 0

    def finish(self) -> None:
        self.commit()


def drain_outbox(limit: int = 10_000) -> int:
    """Write pending changes into the index; returns how many records were rewritten."""
    with _lock:
        pending = list(SearchOutbox.objects.order_by("pk").values_list("pk", "record_id")[:limit])
        if not pending:
            return 0
        last = pending[-1][0]
        ids = sorted({record_id for _pk, record_id in pending})
        index = catalog_index()
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            found = Record.objects.filter(pk__in=chunk).defer("marc")
            docs = documents(found)
            index.delete_many(chunk)
            index.add_many(docs)
        index.commit()
        with transaction.atomic():
            SearchOutbox.objects.filter(pk__lte=last).delete()
        return len(ids)


def reindex_all(progress: Callable[[int, int], None] | None = None) -> int:
    """Rebuild the whole index from the database; returns the number of records indexed
    (suppressed ones are not)."""
    with _lock:
        index = catalog_index()
        shown = Record.objects.public()
        total = shown.count()
        high_water = SearchOutbox.objects.order_by("-pk").values_list("pk", flat=True).first()
        index.clear()
        done = 0
        last_pk = 0
        while True:
            chunk = list(shown.filter(pk__gt=last_pk).defer("marc").order_by("pk")[:CHUNK])
            if not chunk:
                break
            index.add_many(documents(chunk))
            done += len(chunk)
            last_pk = chunk[-1].pk
            if progress:
                progress(done, total)
        index.commit()
        if high_water is not None:
            SearchOutbox.objects.filter(pk__lte=high_water).delete()
        return done
