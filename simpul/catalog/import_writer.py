"""Writing an import's batches: matching, records, items, outbox rows, search documents.

Each batch is one transaction, set-based; no model instances are built for new rows.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from simpul.catalog.bulk import allocate_ids, insert_rows
from simpul.catalog.choices import Acquisition, ItemStatus, ItemType
from simpul.catalog.import_prepare import WRITER_COLUMNS, Prepared, default_of, record_columns
from simpul.catalog.import_report import ImportReport, problem
from simpul.catalog.indexing import ImportIndexer
from simpul.catalog.marc.mapping import HoldingData
from simpul.catalog.models import Item, Record
from simpul.catalog.records import DERIVED, fill, fingerprint, queue_for_index
from simpul.catalog.search import holding_json, joined_json
from simpul.libraries.models import Library

# Koha and SLiMS item-type codes seen in the wild, to ours; grep here to add one.
ITEM_TYPES: dict[str, str] = {
    "BK": ItemType.BOOK, "BOOK": ItemType.BOOK, "BUKU": ItemType.BOOK,
    "REF": ItemType.REFERENCE, "REFERENCE": ItemType.REFERENCE, "REFERENSI": ItemType.REFERENCE,
    "JUV": ItemType.CHILDREN, "CHILD": ItemType.CHILDREN, "ANAK": ItemType.CHILDREN,
    "CR": ItemType.SERIAL, "SER": ItemType.SERIAL, "SERIAL": ItemType.SERIAL,
    "MAJALAH": ItemType.SERIAL, "EBOOK": ItemType.EBOOK, "E-BOOK": ItemType.EBOOK,
    "VM": ItemType.AUDIOVISUAL, "DVD": ItemType.AUDIOVISUAL, "CD": ItemType.AUDIOVISUAL,
    "AV": ItemType.AUDIOVISUAL, "MP": ItemType.MAP, "MAP": ItemType.MAP, "PETA": ItemType.MAP,
    "THESIS": ItemType.THESIS, "SKRIPSI": ItemType.THESIS, "TESIS": ItemType.THESIS,
}  # fmt: skip
ACQUISITIONS = frozenset(choice.value for choice in Acquisition)
STATUS_HINTS = {
    "lost": ItemStatus.LOST,
    "damaged": ItemStatus.DAMAGED,
    "withdrawn": ItemStatus.WITHDRAWN,
}


class _NewRow:
    """A record this import creates: its values until the INSERT gives it an id."""

    __slots__ = ("item", "pk")

    def __init__(self, item: Prepared) -> None:
        self.item = item
        self.pk: int | None = None

    @property
    def values(self) -> dict[str, Any]:
        return self.item.values or {}

    @property
    def control_number(self) -> str:
        return str(self.values["control_number"])

    @property
    def control_source(self) -> str:
        return str(self.values["control_source"])

    @property
    def fingerprint(self) -> str:
        return str(self.values["fingerprint"])


Row = Record | _NewRow
NewItem = tuple[dict[str, Any], int, str]  # column values, record id, status


class Writer:
    """Writes an import's batches: each batch one transaction, set-based, no model instances
    for new rows; then hands the new records' documents to the index."""

    def __init__(self, library: Library, report: ImportReport) -> None:
        self.library = library
        self.report = report
        self.first_new_id: int | None = None  # ids from here on were created by this import
        self.item_fields = list(Item._meta.concrete_fields)
        self.item_defaults = [(f.attname, default_of(f)) for f in self.item_fields]
        self.index = ImportIndexer()
        self.rows_at_analyze: int | None = None  # rows this import had made at the last ANALYZE
        self.table_rows = 0  # rows in the tables before the import, as PostgreSQL estimates

    def write(self, batch: list[Prepared]) -> None:
        with transaction.atomic():
            docs, others, outbox_ids = self._write(batch)
        self.index.add(docs, others, outbox_ids)
        self._keep_statistics()

    def _keep_statistics(self) -> None:
        """On PostgreSQL, ANALYZE the tables each time this import has doubled them. Without
        it the planner, still believing a fresh table empty, matches every batch by a full scan
        (measured: a third of a 100,000-record import); with it, by the indexes."""
        if connection.vendor != "postgresql":
            return
        rows = self.report.created + self.report.items_created
        if self.rows_at_analyze is None:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT COALESCE(SUM(GREATEST(reltuples, 0)), 0) FROM pg_class "
                    "WHERE relname IN (%s, %s)",
                    [Record._meta.db_table, Item._meta.db_table],
                )
                self.table_rows = int(cursor.fetchone()[0])
            self.rows_at_analyze = 0
        if rows - self.rows_at_analyze > max(2_000, self.table_rows + self.rows_at_analyze):
            with connection.cursor() as cursor:
                cursor.execute(f"ANALYZE {Record._meta.db_table}, {Item._meta.db_table}")
            self.rows_at_analyze = rows

    def finish(self) -> None:
        self.index.finish()

    def _write(self, batch: list[Prepared]) -> tuple[list[str], set[int], list[int]]:
        report = self.report
        known = self._known(batch)
        new: list[_NewRow] = []
        changed: dict[int, Record] = {}
        original: dict[int, object] = {}  # marc of existing rows before this batch touched them
        touched: list[tuple[Prepared, Row]] = []
        for item in batch:
            values = item.values or {}
            if not values["title"]:
                report.problems.append(problem(item, _("tidak ada judul (245 $a)")))
                continue
            row = known.match(values)
            if row is None:
                row = _NewRow(item)
                new.append(row)
            elif isinstance(row, _NewRow):  # the same record twice in one batch: the last wins
                row.item = item
            else:
                original.setdefault(row.pk, row.marc)
                full = _keep_date_entered({**item.full_values(), "marc": item.marc()}, row)
                if fill(row, full):
                    changed[row.pk] = row
            known.remember(row)
            touched.append((item, row))
        # The same record twice in one file can change a row and change it back.
        for pk in [pk for pk, row in changed.items() if row.marc == original[pk]]:
            del changed[pk]
        report.unchanged += len(original.keys() - changed.keys())
        now = timezone.now()
        self._insert_records(new, now)
        if changed:
            for row in changed.values():  # bulk_update skips auto_now: OAI-PMH's datestamp
                row.updated_at = now
            Record.objects.bulk_update(list(changed.values()), ["marc", *DERIVED, "updated_at"])
        report.created += len(new)
        report.updated += len(changed)
        items = self._items_for(touched)
        self._insert_items(items, now)
        report.items_created += len(items)
        held: dict[int, list[str]] = {}
        for _row, record_id, status in items:
            held.setdefault(record_id, []).append(status)
        created = {row.pk for row in new if row.pk is not None}
        reindex = set(changed) | created | set(held)
        outbox_ids = queue_for_index(sorted(reindex))
        added = int(now.timestamp())
        code = self.library.code
        docs = [
            joined_json(
                row.item.search_text,
                holding_json(
                    row.pk,
                    [code] if any(s != ItemStatus.WITHDRAWN for s in held.get(row.pk, ())) else [],
                    [code] if ItemStatus.AVAILABLE in held.get(row.pk, ()) else [],
                    added,
                ),
            )
            for row in new
            if row.pk is not None
        ]
        return docs, reindex - created, outbox_ids

    def _known(self, batch: list[Prepared]) -> _Known:
        """Rows this batch can match, by 001+003, by ISBN and by content; one query each."""
        incoming = [item.values for item in batch if item.values is not None]
        numbers = {values["control_number"] for values in incoming if values["control_number"]}
        isbns = {values["isbn"] for values in incoming if values["isbn"]}
        prints = {values["fingerprint"] for values in incoming if not values["control_number"]}
        # The condition written as the partial unique index has it, so SQLite uses the index.
        ids = _ids_where("control_number", numbers, "NOT (control_number = '')")
        ids |= _ids_where("fingerprint", prints, "control_number = ''")  # the partial index
        isbn_ids = _ids_where("isbn", isbns, "control_number = ''")
        if self.first_new_id is not None:  # never match what this import itself created
            isbn_ids = {pk for pk in isbn_ids if pk < self.first_new_id}
        known = _Known({}, {}, {})
        if not ids | isbn_ids:
            return known
        for row in Record.objects.filter(pk__in=ids | isbn_ids):
            if row.pk in isbn_ids and row.isbn in isbns:
                known.by_isbn.setdefault(row.isbn, []).append(row)
            if row.pk in ids:
                if row.control_number in numbers:
                    known.by_key[(row.control_source, row.control_number)] = row
                known.by_print[row.fingerprint] = row
        return known

    def _insert_records(self, rows: list[_NewRow], now: datetime) -> None:
        ids = allocate_ids(Record, len(rows))
        if ids and self.first_new_id is None:
            self.first_new_id = ids[0]
        stamp = connection.ops.adapt_datetimefield_value(now)
        library = self.library.pk
        tuples = []
        for row, pk in zip(rows, ids, strict=True):
            row.pk = pk
            tuples.append((*row.item.row, pk, library, stamp, stamp))
        names = [*record_columns()[0], *WRITER_COLUMNS]
        column_of = {f.attname: f.column for f in Record._meta.concrete_fields}
        columns = [column_of[name] for name in names]
        insert_rows(Record._meta.db_table, columns, tuples)

    def _items_for(self, touched: Iterable[tuple[Prepared, Row]]) -> list[NewItem]:
        """New items as column values, with their record id and status."""
        library = self.library
        wanted: list[tuple[Prepared, int, HoldingData, str]] = []
        for result, row in touched:
            if row.pk is None:
                continue
            for index, holding in enumerate(result.holdings, start=1):
                barcode = holding.barcode.strip() or f"{library.code}-{row.pk}-{index}"
                wanted.append((result, row.pk, holding, barcode[:64]))
        existing = _barcodes_in_use([w[3] for w in wanted])
        items: list[NewItem] = []
        claimed: set[str] = set()
        for result, record_id, holding, barcode in wanted:
            if barcode in existing or barcode in claimed:
                if existing.get(barcode) != record_id:
                    reason = _(
                        "barkode {barcode} sudah dipakai eksemplar lain; eksemplar dilewati"
                    ).format(barcode=barcode)
                    self.report.problems.append(problem(result, reason, "warning"))
                continue
            claimed.add(barcode)
            values = _item_values(record_id, library, holding, barcode)
            items.append((values, record_id, values["status"]))
        return items

    def _insert_items(self, items: list[NewItem], now: datetime) -> None:
        ids = allocate_ids(Item, len(items))
        stamp = connection.ops.adapt_datetimefield_value(now)
        defaults = self.item_defaults
        tuples = []
        for (values, _record_id, _status), pk in zip(items, ids, strict=True):
            row = {**values, "id": pk, "created_at": stamp, "updated_at": stamp}
            tuples.append([row.get(name, default) for name, default in defaults])
        insert_rows(Item._meta.db_table, [f.column for f in self.item_fields], tuples)


def _ids_where(column: str, values: set[str], extra: str = "") -> set[int]:
    """Ids of records whose ``column`` is one of ``values`` (our own column names only)."""
    if not values:
        return set()
    condition = f" AND {extra}" if extra else ""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id FROM {Record._meta.db_table} WHERE {column} {_in(values)}{condition}",
            [list(values)] if connection.vendor == "postgresql" else list(values),
        )
        return {row[0] for row in cursor.fetchall()}


def _in(values: Collection[str]) -> str:
    """``IN (...)``, or on PostgreSQL ``= ANY(%s)``: one array parameter instead of hundreds
    of placeholders for the client-side binding to splice in (measured: a tenth of the time)."""
    if connection.vendor == "postgresql":
        return "= ANY(%s)"
    return f"IN ({', '.join(['%s'] * len(values))})"


def _barcodes_in_use(barcodes: list[str]) -> dict[str, int]:
    if not barcodes:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT barcode, record_id FROM {Item._meta.db_table} WHERE barcode {_in(barcodes)}",
            [barcodes] if connection.vendor == "postgresql" else barcodes,
        )
        return dict(cursor.fetchall())


def _keep_date_entered(values: dict[str, Any], row: Record) -> dict[str, Any]:
    """008/00-05 is the date the record was first entered: an update never moves it."""
    old = _field_008(row.marc)
    new = _field_008(values["marc"])
    if old is None or new is None or old[:6] == new[:6]:
        return values
    fields = [
        {"008": old[:6] + new[6:]} if "008" in field else field
        for field in values["marc"]["fields"]
    ]
    marc = {**values["marc"], "fields": fields}
    return {**values, "marc": marc, "fingerprint": fingerprint(marc)}


def _field_008(marc: dict[str, Any]) -> str | None:
    for entry in marc.get("fields", []):
        if "008" in entry and isinstance(entry["008"], str) and len(entry["008"]) >= 6:
            return str(entry["008"])
    return None


@dataclass
class _Known:
    """Rows a batch can match: 001+003 first, then identical content, then ISBN.

    ISBN matches only rows without a 001 that existed before this import began (records typed
    in by hand or brought by CSV): two different records that share an ISBN are never merged,
    which is what makes a second run of the same file change nothing.
    """

    by_key: dict[tuple[str, str], Row]
    by_isbn: dict[str, list[Record]]
    by_print: dict[str, Row]

    def match(self, values: dict[str, Any]) -> Row | None:
        if values["control_number"]:
            row = self.by_key.get((values["control_source"], values["control_number"]))
            if row is not None:
                return row
        if (row := self.by_print.get(values["fingerprint"])) is not None:
            return row
        candidates = self.by_isbn.get(values["isbn"], []) if values["isbn"] else []
        return candidates[0] if candidates else None

    def remember(self, row: Row) -> None:
        if row.control_number:
            self.by_key[(row.control_source, row.control_number)] = row
        self.by_print[row.fingerprint] = row


def _item_values(
    record_id: int, library: Library, holding: HoldingData, barcode: str
) -> dict[str, Any]:
    return {
        "record_id": record_id,
        "library_id": library.pk,
        "barcode": barcode,
        "location": holding.location[:200],
        "call_number": holding.call_number[:200],
        "item_type": ITEM_TYPES.get(holding.item_type.strip().upper(), ItemType.BOOK),
        "status": STATUS_HINTS.get(holding.status_hint, ItemStatus.AVAILABLE),
        "acquisition": holding.acquisition if holding.acquisition in ACQUISITIONS else "",
        "price": holding.price if holding.price is not None and holding.price >= 0 else None,
        "acquired_on": holding.acquired_on,
    }
