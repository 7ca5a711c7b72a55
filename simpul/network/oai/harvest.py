"""Reading what a list request asks for: records and deletions in (datestamp, id) order.

The datestamp of a record is ``Record.updated_at``, that of a deletion its tombstone's
``deleted_at``. Each page reads the next ``size + 1`` rows of each stream after the position a
token carries (keyset paging: no OFFSET, so page 2,000 costs what page 1 costs), in at most two
index ranges of ``record_oai_*`` or ``deleted_record_oai``: the rest of the position's own
datestamp (``stamp = ? AND id > ?``), then the later datestamps (``stamp > ?``). The two
streams are merged in Python. Only the columns a page shows are read. A suppressed record
(``Record.suppressed``: an interlibrary loan's stand-in) is in neither stream, nor found alone.

Positions keep the datestamp as text exactly as the database gives it back (SQLite stores
text, with or without a "+00:00" of the writer's choosing; PostgreSQL's is written in UTC to
the microsecond), so equality with the stored value is exact on both."""

from __future__ import annotations

import heapq
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import islice
from typing import Any

from django.db import connection
from django.utils.dateparse import parse_datetime

from simpul.catalog.models import DeletedRecord, Record
from simpul.network.oai.arguments import Window
from simpul.network.oai.sets import SetFilter
from simpul.network.oai.tokens import After

RECORDS = Record._meta.db_table
DELETED = DeletedRecord._meta.db_table
# Text of a UTC moment as SQLite (no offset, or +00:00) and PostgreSQL (+00) write it.
UTC_TEXT = re.compile(r"(\d{4}-\d\d-\d\d)[ T](\d\d:\d\d:\d\d)(\.\d{1,6})?(\+00(?::?00)?|Z)?")


@dataclass(slots=True)
class Entry:
    """One record or deletion of a list, with what its header and metadata need."""

    record_id: int
    stamp: str  # the datestamp as text, as the database keeps it
    library_id: int | None
    material_type: str | None  # None for a deletion
    values: tuple[Any, ...] = ()  # the metadata columns asked for, as the driver gives them

    @property
    def deleted(self) -> bool:
        return self.material_type is None

    @property
    def order(self) -> tuple[str, int]:
        return sortable(self.stamp), self.record_id


@dataclass(frozen=True)
class Page:
    entries: list[Entry]
    more: bool
    records_after: After
    deleted_after: After


def page(
    where: SetFilter,
    window: Window,
    *,
    records_after: After,
    deleted_after: After,
    size: int,
    columns: tuple[str, ...],
) -> Page:
    """The next ``size`` entries after the two positions, and whether more follow."""
    records = _records(where, window, records_after, size + 1, columns)
    deleted = _deleted(where, window, deleted_after, size + 1)
    merged = heapq.merge(records, deleted, key=lambda e: e.order) if deleted else iter(records)
    entries = list(islice(merged, size + 1))
    more = len(entries) > size
    entries = entries[:size]
    last_record = next((e for e in reversed(entries) if not e.deleted), None)
    last_deleted = next((e for e in reversed(entries) if e.deleted), None)
    return Page(
        entries,
        more,
        (last_record.stamp, last_record.record_id) if last_record else records_after,
        (last_deleted.stamp, last_deleted.record_id) if last_deleted else deleted_after,
    )


def count(where: SetFilter, window: Window) -> int:
    """How many entries the whole list has (completeListSize), counted on the first page."""
    if where.nothing:
        return 0
    total = 0
    for table, conditions, params in _streams(where, window):
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM {table} WHERE {conditions}", params)
            total += int(cursor.fetchone()[0])
    return total


def entry(record_id: int, *, columns: tuple[str, ...]) -> Entry | None:
    """The record or deletion ``record_id`` (with ``columns`` of a record), or None; None
    also for a suppressed record, which the provider does not have."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, {_text('updated_at')}, library_id, material_type{_select(columns)} "
            f"FROM {RECORDS} WHERE id = %s AND suppressed = %s",
            [record_id, False],
        )
        row = cursor.fetchone()
        if row:
            return Entry(row[0], row[1], row[2], row[3], tuple(row[4:]))
        cursor.execute(
            f"SELECT record_id, {_text('deleted_at')}, library_id FROM {DELETED} "
            "WHERE record_id = %s",
            [record_id],
        )
        row = cursor.fetchone()
    return Entry(row[0], row[1], row[2], None) if row else None


def earliest() -> datetime | None:
    """The oldest datestamp of any record or deletion (Identify's earliestDatestamp)."""
    moments = [
        Record.objects.order_by("updated_at").values_list("updated_at", flat=True).first(),
        DeletedRecord.objects.order_by("deleted_at").values_list("deleted_at", flat=True).first(),
    ]
    return min((moment for moment in moments if moment is not None), default=None)


def utc_datestamp(stamp: str) -> str:
    """``stamp`` (database text) as a datestamp of seconds granularity: 2026-05-01T08:30:00Z."""
    match = UTC_TEXT.fullmatch(stamp)
    if match:
        return f"{match[1]}T{match[2]}Z"
    return f"{_moment(stamp):%Y-%m-%dT%H:%M:%SZ}"


def sortable(stamp: str) -> str:
    """``stamp`` as text that sorts as the moments do, whichever way it was written."""
    match = UTC_TEXT.fullmatch(stamp)
    if match:
        return f"{match[1]} {match[2]}{(match[3] or '.').ljust(7, '0')}"
    return f"{_moment(stamp):%Y-%m-%d %H:%M:%S.%f}"


def _moment(stamp: str) -> datetime:
    moment = parse_datetime(stamp)
    if moment is None:
        raise ValueError(f"not a datestamp: {stamp!r}")
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _records(
    where: SetFilter, window: Window, after: After, limit: int, columns: tuple[str, ...]
) -> list[Entry]:
    if where.nothing:
        return []
    select = f"id, {_text('updated_at')} AS datestamp, library_id, material_type{_select(columns)}"
    rows = _after(RECORDS, select, "updated_at", "id", where, window, after, limit)
    return [Entry(row[0], row[1], row[2], row[3], row[4:]) for row in rows]


def _deleted(where: SetFilter, window: Window, after: After, limit: int) -> list[Entry]:
    if where.nothing or where.types_only:
        return []
    select = f"record_id, {_text('deleted_at')} AS datestamp, library_id"
    rows = _after(DELETED, select, "deleted_at", "record_id", where, window, after, limit)
    return [Entry(pk, stamp, library, None) for pk, stamp, library in rows]


def _after(
    table: str,
    select: str,
    stamp: str,
    pk: str,
    where: SetFilter,
    window: Window,
    after: After,
    limit: int,
) -> list[tuple[Any, ...]]:
    """The first ``limit`` rows after ``after`` in (stamp, pk) order, in two index ranges:
    the rest of the position's own datestamp, then the later ones. (SQLite plans the row
    value ``(stamp, pk) > (?, ?)`` as ``stamp >= ?`` and filters, which reads every row of
    a datestamp again on each page: a million imported in one second would take hours.)"""
    conditions, params = _conditions(where, window, stamp, table == DELETED)
    # PostgreSQL reads the position's text back as the timestamptz it came from.
    position = "CAST(%s AS timestamptz)" if connection.vendor == "postgresql" else "%s"
    rows: list[tuple[Any, ...]] = []
    with connection.cursor() as cursor:
        if after is not None:
            cursor.execute(
                f"SELECT {select} FROM {table} WHERE {conditions} AND {stamp} = {position} "
                f"AND {pk} > %s ORDER BY {stamp}, {pk} LIMIT %s",
                [*params, after[0], after[1], limit],
            )
            rows = cursor.fetchall()
            if len(rows) >= limit:
                return rows
            conditions += f" AND {stamp} > {position}"
            params.append(after[0])
        cursor.execute(
            f"SELECT {select} FROM {table} WHERE {conditions} ORDER BY {stamp}, {pk} LIMIT %s",
            [*params, limit - len(rows)],
        )
        return rows + cursor.fetchall()


def _text(column: str) -> str:
    """SQL for ``column``'s moment as text that reads back exactly: SQLite's own text, or
    PostgreSQL's in UTC to the microsecond (whatever the server's DateStyle)."""
    if connection.vendor == "postgresql":
        return f"to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') || '+00'"
    return f"CAST({column} AS TEXT)"


def _select(columns: tuple[str, ...]) -> str:
    """``columns`` of Record (our own names, never a request's) for a SELECT list."""
    known = {field.column for field in Record._meta.concrete_fields}
    if not set(columns) <= known:
        raise ValueError(f"not columns of {RECORDS}: {columns}")
    return "".join(f", {connection.ops.quote_name(column)}" for column in columns)


def _streams(where: SetFilter, window: Window) -> list[tuple[str, str, list[Any]]]:
    streams = [(RECORDS, *_conditions(where, window, "updated_at", False))]
    if not where.types_only:
        streams.append((DELETED, *_conditions(where, window, "deleted_at", True)))
    return streams


def _conditions(
    where: SetFilter, window: Window, stamp: str, deletions: bool
) -> tuple[str, list[Any]]:
    """SQL conditions on our own column names, and their parameters. Suppressed records are
    no entries at all (a filter on the rows of the same index range)."""
    conditions: list[str] = ["1 = 1"] if deletions else ["suppressed = %s"]
    params: list[Any] = [] if deletions else [False]
    if where.library_id is not None:
        conditions.append("library_id = %s")
        params.append(where.library_id)
    elif where.any_library:
        conditions.append("library_id IS NOT NULL")
    if where.material_type and not deletions:
        conditions.append("material_type = %s")
        params.append(where.material_type)
    adapt = connection.ops.adapt_datetimefield_value
    if window.start is not None:
        conditions.append(f"{stamp} >= %s")
        params.append(adapt(window.start))
    if window.end is not None:
        conditions.append(f"{stamp} < %s")
        params.append(adapt(window.end))
    return " AND ".join(conditions), params
