"""Importing catalogue files (MARC21, MARCXML, CSV) set-based, in batches.

Each batch of records is one transaction: a batch is written whole or not at all, so nothing
already saved is lost or half-written. Records are matched to existing ones by 001+003, then by
ISBN, and updated rather than duplicated; running the same import twice changes nothing.
Items come from the holdings fields (852, Koha's 952) and belong to the importing library.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from django.db import transaction
from django.utils.translation import gettext as _

from simpul.catalog.bulk import insert_items, insert_records
from simpul.catalog.choices import Acquisition, ItemStatus, ItemType
from simpul.catalog.errors import UnreadableFile
from simpul.catalog.marc.mapping import HoldingData, holdings
from simpul.catalog.marc.reader import read_records
from simpul.catalog.models import Item, Record
from simpul.catalog.records import DERIVED, fill, fingerprint, queue_for_index, values_of
from simpul.libraries.models import Library

BATCH = 500
# Leader/06 of authority (z) and holdings (u, v, x, y) records: not catalogue records.
NOT_BIBLIOGRAPHIC = set("uvxyz")

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


@dataclass
class Problem:
    position: int
    reason: str
    offset: int | None = None
    line: int | None = None
    severity: str = "error"

    def as_dict(self) -> dict[str, object]:
        return {
            "position": self.position,
            "offset": self.offset,
            "line": self.line,
            "severity": self.severity,
            "reason": self.reason,
        }


@dataclass
class ImportReport:
    read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    items_created: int = 0
    problems: list[Problem] = field(default_factory=list)
    created_ids: set[int] = field(default_factory=set)

    @property
    def skipped(self) -> int:
        return sum(1 for p in self.problems if p.severity == "error")


Progress = Callable[[ImportReport, int], None]
# Files larger than this are read and mapped in a second process while this one writes.
PARALLEL_BYTES = 2 * 1024 * 1024


@dataclass
class Prepared:
    """One record as read and mapped, ready for the database (picklable, no pymarc objects)."""

    position: int
    offset: int | None
    line: int | None
    warnings: tuple[str, ...] = ()
    error: str = ""  # unreadable or skipped: the reason
    severity: str = "error"
    values: dict[str, Any] | None = None
    holdings: list[HoldingData] = field(default_factory=list)


def prepare(stream: BinaryIO, fmt: str, encoding: str) -> Iterator[tuple[list[Prepared], int]]:
    """Read and map records in batches; yields (batch, stream position after it)."""
    batch: list[Prepared] = []
    for result in read_records(stream, fmt, default_encoding=encoding):
        item = Prepared(
            result.position, result.offset, result.line, tuple(map(str, result.warnings))
        )
        if result.record is None:
            item.error = str(result.error or _("rekaman tidak terbaca"))
        elif str(result.record.leader)[6:7] in NOT_BIBLIOGRAPHIC:
            item.error = str(_("bukan rekaman bibliografis (otoritas/kepemilikan); dilewati"))
            item.severity = "warning"
        else:
            item.values = values_of(result.record)
            item.holdings = holdings(result.record)
        batch.append(item)
        if len(batch) >= BATCH:
            yield batch, _tell(stream)
            batch = []
    yield batch, _tell(stream)


def import_file(
    stream: BinaryIO,
    library: Library,
    *,
    fmt: str = "auto",
    encoding: str = "auto",
    progress: Progress | None = None,
    parallel: bool | None = None,
) -> ImportReport:
    """Import every readable record of ``stream`` into the union catalog for ``library``.

    With ``parallel`` (the default for files over 2 MB) a forked process reads and maps the
    records while this one writes them, so both cores work on a large import.
    """
    if parallel is None:
        parallel = _size(stream) > PARALLEL_BYTES
    batches = (
        _prepared_elsewhere(stream, fmt, encoding) if parallel else prepare(stream, fmt, encoding)
    )
    report = ImportReport()
    for batch, position in batches:
        ready = []
        for item in batch:
            report.read += 1
            report.problems += [_problem(item, warning, "warning") for warning in item.warnings]
            if item.values is None:
                report.problems.append(_problem(item, item.error, item.severity))
            else:
                ready.append(item)
        if ready:
            _import_batch(ready, library, report)
        if progress:
            progress(report, position)
    return report


def _size(stream: BinaryIO) -> int:
    try:
        here = stream.tell()
        size = stream.seek(0, 2)
        stream.seek(here)
        return int(size)
    except (OSError, ValueError):
        return 0


def _prepared_elsewhere(
    stream: BinaryIO, fmt: str, encoding: str
) -> Iterator[tuple[list[Prepared], int]]:
    """``prepare`` run in a forked child; batches come back through a pipe, in order."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_prepare_into, args=(sender, stream, fmt, encoding), daemon=True)
    child.start()
    sender.close()
    try:
        while True:
            message = receiver.recv()
            if message is None:
                break
            if isinstance(message, str):
                raise UnreadableFile(name=getattr(stream, "name", "upload"), reason=message)
            yield message
    finally:
        receiver.close()
        child.join(timeout=5)
        if child.is_alive():
            child.kill()


def _prepare_into(sender: Any, stream: BinaryIO, fmt: str, encoding: str) -> None:
    try:
        for message in prepare(stream, fmt, encoding):
            sender.send(message)
        sender.send(None)
    except Exception as error:  # the parent reports it; a child must not die silently
        sender.send(str(error))
    finally:
        sender.close()


def _tell(stream: BinaryIO) -> int:
    try:
        return stream.tell()
    except (OSError, ValueError):
        return 0


def _problem(result: Prepared, reason: str, severity: str = "error") -> Problem:
    return Problem(result.position, str(reason), result.offset, result.line, severity)


def _import_batch(batch: list[Prepared], library: Library, report: ImportReport) -> None:
    incoming = [(item, item.values) for item in batch if item.values is not None]
    with transaction.atomic():
        known = _Known(*_existing([values for _result, values in incoming], report.created_ids))
        new: list[Record] = []
        changed: dict[int, Record] = {}
        original: dict[int, object] = {}  # marc of existing rows before this batch touched them
        touched: list[tuple[Prepared, Record]] = []
        for result, values in incoming:
            if not values["title"]:
                report.problems.append(_problem(result, _("tidak ada judul (245 $a)")))
                continue
            row = known.match(values)
            if row is None:
                row = Record(library=library)
                fill(row, values)
                new.append(row)
            else:
                if row.pk:
                    original.setdefault(row.pk, row.marc)
                    values = _keep_date_entered(values, row)
                if fill(row, values) and row.pk:
                    changed[row.pk] = row
            known.remember(row)
            touched.append((result, row))
        # The same record twice in one file can change a row and change it back.
        for pk in [pk for pk, row in changed.items() if row.marc == original[pk]]:
            del changed[pk]
        report.unchanged += len(original.keys() - changed.keys())
        insert_records(new)
        if changed:
            Record.objects.bulk_update(list(changed.values()), ["marc", *DERIVED])
        report.created += len(new)
        report.created_ids.update(row.pk for row in new)
        report.updated += len(changed)
        items = _items_for(touched, library, report)
        insert_items(items)
        report.items_created += len(items)
        reindex = set(changed) | {row.pk for row in new} | {item.record_id for item in items}
        queue_for_index(sorted(reindex))


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

    by_key: dict[tuple[str, str], Record]
    by_isbn: dict[str, list[Record]]
    by_print: dict[str, Record]

    def match(self, values: dict[str, Any]) -> Record | None:
        if values["control_number"]:
            row = self.by_key.get((values["control_source"], values["control_number"]))
            if row is not None:
                return row
        if (row := self.by_print.get(values["fingerprint"])) is not None:
            return row
        candidates = self.by_isbn.get(values["isbn"], []) if values["isbn"] else []
        return candidates[0] if candidates else None

    def remember(self, row: Record) -> None:
        if row.control_number:
            self.by_key[(row.control_source, row.control_number)] = row
        self.by_print[row.fingerprint] = row


def _existing(
    incoming: list[dict[str, Any]], created: set[int]
) -> tuple[dict[tuple[str, str], Record], dict[str, list[Record]], dict[str, Record]]:
    """Records already in the catalog for this batch: by 001+003, by ISBN, by content."""
    numbers = {values["control_number"] for values in incoming if values["control_number"]}
    isbns = {values["isbn"] for values in incoming if values["isbn"]}
    by_key = {
        (row.control_source, row.control_number): row
        for row in Record.objects.filter(control_number__in=numbers)
    }
    by_isbn: dict[str, list[Record]] = {}
    for row in Record.objects.filter(isbn__in=isbns, control_number="").exclude(pk__in=created):
        by_isbn.setdefault(row.isbn, []).append(row)
    prints = {values["fingerprint"] for values in incoming}
    by_print = {row.fingerprint: row for row in Record.objects.filter(fingerprint__in=prints)}
    return by_key, by_isbn, by_print


def _items_for(
    touched: Iterable[tuple[Prepared, Record]], library: Library, report: ImportReport
) -> list[Item]:
    wanted: list[tuple[Prepared, Record, HoldingData, str]] = []
    for result, row in touched:
        for index, holding in enumerate(result.holdings, start=1):
            barcode = holding.barcode.strip() or f"{library.code}-{row.pk}-{index}"
            wanted.append((result, row, holding, barcode[:64]))
    existing = dict(
        Item.objects.filter(barcode__in=[w[3] for w in wanted]).values_list("barcode", "record_id")
    )
    items, claimed = [], set()
    for result, row, holding, barcode in wanted:
        if barcode in existing or barcode in claimed:
            if existing.get(barcode) != row.pk:
                report.problems.append(
                    _problem(
                        result,
                        _(
                            "barkode {barcode} sudah dipakai eksemplar lain; eksemplar dilewati"
                        ).format(barcode=barcode),
                        "warning",
                    )
                )
            continue
        claimed.add(barcode)
        items.append(_item(row, library, holding, barcode))
    return items


def _item(record: Record, library: Library, holding: HoldingData, barcode: str) -> Item:
    return Item(
        record=record,
        library=library,
        barcode=barcode,
        location=holding.location[:200],
        call_number=holding.call_number[:200],
        item_type=ITEM_TYPES.get(holding.item_type.strip().upper(), ItemType.BOOK),
        status=STATUS_HINTS.get(holding.status_hint, ItemStatus.AVAILABLE),
        acquisition=holding.acquisition if holding.acquisition in ACQUISITIONS else "",
        price=holding.price if holding.price is not None and holding.price >= 0 else None,
        acquired_on=holding.acquired_on,
    )
