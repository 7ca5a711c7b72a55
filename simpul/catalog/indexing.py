"""Keeping the search index true to the database.

Every change writes SearchOutbox rows in its own transaction; ``drain_outbox`` (the worker, or
a test) rewrites those records' documents in id order and deletes the rows it handled, so a
crash between the two only means the same documents are written again. ``reindex_all``
rebuilds everything from the database.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path

from django.conf import settings
from django.db import transaction

from simpul.catalog.choices import ItemStatus
from simpul.catalog.models import Item, Record, SearchOutbox
from simpul.catalog.search.documents import SearchDoc
from simpul.catalog.search.index import CatalogIndex

CHUNK = 2000
_lock = threading.Lock()


@cache
def _index_at(path: str) -> CatalogIndex:
    return CatalogIndex(Path(path))


def catalog_index() -> CatalogIndex:
    """The process's index handle, at ``settings.SEARCH_INDEX_DIR``."""
    return _index_at(str(settings.SEARCH_INDEX_DIR))


def documents(records: Iterable[Record]) -> list[SearchDoc]:
    """Search documents for ``records``, with holdings and availability in one query."""
    records = list(records)
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
    return [
        SearchDoc(
            record_id=r.pk,
            title=r.title,
            subtitle=r.subtitle,
            authors=list(r.authors),
            subjects=list(r.subjects),
            isbns=list(r.isbns),
            publisher=r.publisher,
            series=list(r.series),
            notes=list(r.notes),
            summary=r.summary,
            language=r.language,
            year=r.year,
            material_type=r.material_type,
            libraries=sorted(held[r.pk]),
            available_libraries=sorted(available[r.pk]),
            ddc=r.ddc,
            title_sort=r.title_sort,
            added=int(r.created_at.timestamp()),
        )
        for r in records
    ]


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
    """Rebuild the whole index from the database; returns the number of records indexed."""
    with _lock:
        index = catalog_index()
        total = Record.objects.count()
        high_water = SearchOutbox.objects.order_by("-pk").values_list("pk", flat=True).first()
        index.clear()
        done = 0
        last_pk = 0
        while True:
            chunk = list(Record.objects.filter(pk__gt=last_pk).defer("marc").order_by("pk")[:CHUNK])
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
