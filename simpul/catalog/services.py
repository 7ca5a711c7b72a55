"""Cataloguing use cases: the only code that writes records and items outside imports."""

from __future__ import annotations

import hashlib
from datetime import datetime
from functools import partial

import pymarc
from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import timezone

from simpul.accounts.models import User
from simpul.catalog.choices import ITEM_TRANSITIONS, ItemStatus
from simpul.catalog.covers import CoverImages
from simpul.catalog.errors import (
    BarcodeTaken,
    RecordHasCopies,
    RecordHasHistory,
    StatusChangeNotAllowed,
)
from simpul.catalog.marc.writer import SimpleRecord, record_from_simple, simple_from_record
from simpul.catalog.models import DeletedRecord, Item, ItemStatusChange, Record
from simpul.catalog.records import fill, marc_record, queue_for_index
from simpul.lib.rawsql import execute, insert, table
from simpul.libraries.models import Library


def next_control_number() -> str:
    """A new 001 for records catalogued in Simpul (003 = SIMPUL)."""
    return f"simpul{timezone.now():%Y%m%d%H%M%S%f}"


def create_record(
    data: SimpleRecord, library: Library | None, *, control_number: str = ""
) -> Record:
    """Catalogue a new record from the simple form; queues it for the index."""
    marc = record_from_simple(data, control_number=control_number or next_control_number())
    return save_marc(Record(library=library), marc)


# Which MARC tags carry each field of the simple form (008 is merged position by position).
FORM_TAGS: dict[str, tuple[str, ...]] = {
    "title": ("245",), "subtitle": ("245",), "authors": ("100", "700"),
    "publisher": ("264", "260"), "place": ("264", "260"), "year": ("264", "260"),
    "isbn": ("020",), "subjects": ("650",), "ddc": ("082",), "language": ("041",),
    "pages": ("300",), "summary": ("520",), "series": ("490",), "edition": ("250",),
}  # fmt: skip


def update_record(record: Record, data: SimpleRecord) -> Record:
    """Apply the simple form to an existing record, touching only the fields that changed.

    Fields the form does not show (and subfields it does not own, such as 245 $c or 300 $b)
    are kept as they were, so nothing a cataloguer entered in the MARC editor is lost.
    """
    current = marc_record(record)
    before = simple_from_record(current)
    changed = [name for name in FORM_TAGS if getattr(before, name) != getattr(data, name)]
    if not changed:
        return record
    fresh = record_from_simple(
        data,
        control_number=record.control_number or next_control_number(),
        control_source=record.control_source or "SIMPUL",
    )
    for tag in sorted({tag for name in changed for tag in FORM_TAGS[name]}):
        old_fields = current.get_fields(tag)
        new_fields = fresh.get_fields(tag)
        if not old_fields and not new_fields:
            continue
        kept = _unowned_subfields(old_fields[0], new_fields[0]) if old_fields and new_fields else []
        for field in old_fields:
            current.remove_field(field)
        for index, field in enumerate(new_fields):
            if index == 0:
                field.subfields.extend(kept)
            current.add_ordered_field(field)
    if {"year", "language"} & set(changed):
        _merge_008(current, fresh)
    return save_marc(record, current)


def _unowned_subfields(old: pymarc.Field, new: pymarc.Field) -> list[pymarc.Subfield]:
    """Subfields of ``old`` whose codes the form did not write into ``new`` (245 $c, 300 $b...)."""
    if old.is_control_field() or new.is_control_field():
        return []
    owned = {sub.code for sub in new.subfields}
    return [sub for sub in old.subfields if sub.code not in owned]


def _merge_008(current: pymarc.Record, fresh: pymarc.Record) -> None:
    """Take the date (07-10) and language (35-37) from the form, keep every other position."""
    new = fresh.get("008")
    if new is None or new.data is None:
        return
    old = current.get("008")
    if old is None or old.data is None or len(old.data) != 40:
        if old is not None:
            current.remove_field(old)
        current.add_ordered_field(pymarc.Field(tag="008", data=new.data))
        return
    data = old.data[:7] + new.data[7:11] + old.data[11:35] + new.data[35:38] + old.data[38:]
    old.data = data


def save_marc(record: Record, marc: pymarc.Record) -> Record:
    """Store ``marc`` in ``record`` (new or existing) and queue the index update."""
    stamp = f"{datetime.now():%Y%m%d%H%M%S}.0"
    for field in marc.get_fields("005"):
        marc.remove_field(field)
    marc.add_ordered_field(pymarc.Field(tag="005", data=stamp))
    with transaction.atomic():
        fill(record, marc)
        record.save()
        queue_for_index([record.pk])
    return record


def add_item(record: Record, library: Library, **fields: object) -> Item:
    """A new copy; raises BarcodeTaken when the barcode is anyone's already (race-safe)."""
    barcode = str(fields.pop("barcode")).strip()
    existing = Item.objects.filter(barcode=barcode).select_related("library").first()
    if existing is not None:
        raise BarcodeTaken(barcode=barcode, library=existing.library.name)
    try:
        with transaction.atomic():
            item = Item.objects.create(record=record, library=library, barcode=barcode, **fields)
            queue_for_index([record.pk])
    except IntegrityError:
        raise BarcodeTaken(barcode=barcode, library=library.name) from None
    return item


def set_item_status(item: Item, new: str, *, by: User | None = None, reason: str = "") -> None:
    """Change an item's status along ITEM_TRANSITIONS, with a history row; race-safe."""
    old = item.status
    if new not in ITEM_TRANSITIONS.get(old, frozenset()):
        raise StatusChangeNotAllowed(
            barcode=item.barcode, old=ItemStatus(old).label, new=ItemStatus(new).label
        )
    if transaction.get_connection().in_atomic_block:  # the caller's transaction: no savepoint
        _change_status(item, old, new, by, reason)
    else:
        with transaction.atomic():
            _change_status(item, old, new, by, reason)
    item.status = new


def _change_status(item: Item, old: str, new: str, by: User | None, reason: str) -> None:
    """The conditional UPDATE first: when it changes nothing, nothing was written. In plain SQL
    (lib/rawsql.py): every desk scan comes here."""
    changed = execute(
        f"UPDATE {table(Item)} SET status = %s WHERE id = %s AND status = %s", [new, item.pk, old]
    )
    if not changed:  # someone else changed it first
        item.refresh_from_db(fields=["status"])
        raise StatusChangeNotAllowed(
            barcode=item.barcode, old=ItemStatus(item.status).label, new=ItemStatus(new).label
        )
    insert(ItemStatusChange(item=item, old_status=old, new_status=new, by=by, reason=reason))
    queue_for_index([item.record_id])


def set_cover(record: Record, images: CoverImages) -> None:
    """Store a prepared cover and its thumbnail (covers.prepare_cover) for ``record``; the files
    of the cover it replaces are removed once the change is committed."""
    old = _files(record)
    token = hashlib.sha1(images.cover, usedforsecurity=False).hexdigest()[:10]
    name = f"{record.pk}-{token}.jpg"  # a new name for new content, so caches never mislead
    with transaction.atomic():
        record.cover.save(name, ContentFile(images.cover), save=False)
        record.cover_thumb.save(name, ContentFile(images.thumb), save=False)
        record.cover_width, record.cover_height = images.size
        record.save(
            update_fields=["cover", "cover_thumb", "cover_width", "cover_height", "updated_at"]
        )
        kept = {record.cover.name, record.cover_thumb.name}
        _remove_after_commit([(storage, name) for storage, name in old if name not in kept])


# Copies in these states are gone from the shelf for good; they go with their record.
DELETABLE_WITH_RECORD = (ItemStatus.WITHDRAWN, ItemStatus.LOST)


def delete_record(record: Record, *, by: User | None) -> DeletedRecord:
    """Delete ``record`` with its withdrawn and lost copies, leave a DeletedRecord tombstone
    and queue the record's removal from the search index, all in one transaction.

    Raises RecordHasCopies, changing nothing, while any copy is in another state, and
    RecordHasHistory when a withdrawn or lost copy has loans (they are kept, with the copy).
    """
    with transaction.atomic():
        # Lock the copies (PostgreSQL) so none changes status between the check and the delete;
        # SQLite's IMMEDIATE transactions already hold the write lock.
        items = list(Item.objects.select_for_update().filter(record=record).order_by("pk"))
        active = [item for item in items if item.status not in DELETABLE_WITH_RECORD]
        if active:
            raise RecordHasCopies(
                title=record.title,
                count=len(active),
                barcodes=", ".join(item.barcode for item in active[:5])
                + (" …" if len(active) > 5 else ""),
            )
        tombstone = DeletedRecord.objects.create(
            record_id=record.pk,
            control_number=record.control_number,
            control_source=record.control_source,
            library=record.library,
            title=record.title[:1000],
            deleted_by=by,
        )
        files = _files(record)
        try:
            Item.objects.filter(pk__in=[item.pk for item in items]).delete()
        except ProtectedError as error:  # loans of a withdrawn copy stay: they are history
            barcodes = {item.pk: item.barcode for item in items}
            lent = sorted(
                {
                    barcodes[pk]
                    for obj in error.protected_objects
                    if (pk := getattr(obj, "item_id", None)) in barcodes
                }
            )
            raise RecordHasHistory(title=record.title, barcodes=", ".join(lent[:5])) from error
        Record.objects.filter(pk=record.pk).delete()
        queue_for_index([record.pk])
        _remove_after_commit(files)
    return tombstone


def _files(record: Record) -> list[tuple[Storage, str]]:
    """Where the record's cover files are (names now: FieldFile.save changes them in place)."""
    return [(file.storage, file.name) for file in (record.cover, record.cover_thumb) if file.name]


def _remove_after_commit(files: list[tuple[Storage, str]]) -> None:
    for storage, name in files:
        transaction.on_commit(partial(storage.delete, name))
