"""The desk's plain-SQL writes (lib/rawsql.py) store what the ORM would, on each engine."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from simpul.catalog.marc.writer import SimpleRecord
from simpul.catalog.models import Item, Record
from simpul.catalog.services import create_record
from simpul.circulation.models import Event
from simpul.lib.rawsql import execute, insert, table

pytestmark = pytest.mark.django_db


def test_insert_writes_the_row_model_save_would(kota: Any, budi: Any) -> None:
    before = timezone.now()
    detail = {"barcode": "B-1", "due_on": "2026-08-17", "note": "Buku “Laskar Pelangi”"}

    event = insert(Event(action="CHECKOUT", by=budi, library=kota, detail=detail))

    assert event.pk is not None
    assert not event._state.adding
    stored = Event.objects.get(pk=event.pk)
    assert (stored.action, stored.by_id, stored.library_id) == ("CHECKOUT", budi.pk, kota.pk)
    assert stored.member_id is None
    assert stored.item_id is None
    assert stored.detail == detail  # JSON with non-ASCII text, back as it went in
    assert before <= stored.at <= timezone.now()  # auto_now_add, an aware datetime
    assert stored.at == event.at


def test_insert_gives_each_row_its_own_id(kota: Any) -> None:
    first = insert(Event(action="CHECKIN", library=kota))
    second = insert(Event(action="CHECKIN", library=kota))

    assert second.pk != first.pk
    assert set(Event.objects.values_list("pk", flat=True)) >= {first.pk, second.pk}


def test_a_model_with_a_database_default_is_saved_by_the_orm(kota: Any) -> None:
    record = create_record(SimpleRecord(title="Bumi Manusia"), kota)
    copy = Record.objects.get(pk=record.pk)
    copy.pk, copy.control_number = None, f"{record.control_number}-2"
    copy._state.adding = True

    insert(copy)  # Record.suppressed has db_default: its column is left to the database

    assert Record.objects.filter(title="Bumi Manusia", suppressed=False).count() == 2


def test_execute_says_how_many_rows_a_conditional_update_changed(kota: Any) -> None:
    record = create_record(SimpleRecord(title="Ronggeng Dukuh Paruk"), kota)
    item = Item.objects.create(record=record, library=kota, barcode="RAW-1")
    sql = f"UPDATE {table(Item)} SET status = %s WHERE id = %s AND status = %s"

    assert execute(sql, ["on_loan", item.pk, "available"]) == 1
    assert execute(sql, ["on_loan", item.pk, "available"]) == 0  # already changed: nothing
    item.refresh_from_db()
    assert item.status == "on_loan"
