"""Lookup keys for candidate search: a record's ISBNs, system numbers, title and author-year;
and the folded profile the matcher scores a candidate by.

A batch of incoming records is matched with one query over ``MatchKey.key`` for all their keys,
and one over ``MatchProfile`` for the candidates found, so the cost per record does not grow
with the catalog.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import connection

from simpul.catalog.bulk import allocate_ids, insert_rows
from simpul.catalog.models import Record
from simpul.catalog.search.analyzer import tokens
from simpul.network.union.matcher import (
    Profile,
    folded_name,
    profile,
    profile_from_text,
    profile_text,
)
from simpul.network.union.models import KeySweep, MatchKey, MatchProfile

TITLE_LENGTH = 150  # the whole folded title proper (245 $a $n $p), cut here
_SOURCED = re.compile(r"^\s*\(([^)]+)\)\s*(\S.*)$")  # 035 $a: "(OCoLC)12345"
_DIGITS = re.compile(r"\d")


def name_words(name: str) -> list[str]:
    """The words of a name that identify it, in any order: "Hirata, Andrea" and "Andrea
    Hirata" give the same; dates and initials are left out."""
    return [w for w in tokens(name) if len(w) > 2 and not _DIGITS.search(w)][:3]


def number_key(source: str, number: str) -> str:
    """The key of a system number; empty without a source: bare 001s collide everywhere."""
    source, number = source.strip().casefold(), number.strip().casefold()
    return f"n:{source}|{number}"[:160] if source and number else ""


def system_numbers(marc: Mapping[str, Any]) -> list[str]:
    """001+003 and each 035 $a "(source)number" of MARC-in-JSON, as keys."""
    control = {"001": "", "003": ""}
    found = []
    for entry in marc.get("fields", []):
        for tag, body in entry.items():
            if tag in control and isinstance(body, str):
                control[tag] = body
            elif tag == "035" and isinstance(body, dict):
                for sub in body.get("subfields", []):
                    match = _SOURCED.match(str(sub.get("a", "")))
                    if match:
                        found.append(number_key(match.group(1), match.group(2)))
    found.append(number_key(control["003"], control["001"]))
    return [key for key in dict.fromkeys(found) if key]


def keys_of(values: Mapping[str, Any], numbers: Iterable[str] = ()) -> list[str]:
    """Every lookup key of a record's derived values (``records.values_of``) and numbers:
    ``i:`` each ISBN-13; ``n:`` system numbers; ``t:`` the folded title with each word of the
    first two authors' names; ``y:`` the title with the year; ``a:`` each of the first two
    authors' whole folded names, the year and the title's first two letters (finds a title
    with a typo). Each is selective on its own, so a batch's candidates stay few however
    common a title or an author is: in a synthetic catalog of 1,000,000 records an ``a:`` key
    of a name word instead of the whole name matched 150 records, the whole name 3
    (decision 0012)."""
    keys = [f"i:{isbn}" for isbn in values["isbns"]]
    keys.extend(numbers)
    title = " ".join(tokens(values["title"]))[:TITLE_LENGTH]
    year = values["year"]
    words = list(dict.fromkeys(w for name in values["authors"][:2] for w in name_words(name)))
    if title:
        keys.extend(f"t:{title}|{word}"[:160] for word in words or [""])
        if year:
            keys.append(f"y:{title}|{year}"[:160])
    if year:
        names = dict.fromkeys(folded_name(name) for name in values["authors"][:2])
        keys.extend(f"a:{name}|{year}|{title[:2]}"[:160] for name in names if name)
    return list(dict.fromkeys(keys))


def add_keys(
    keys_by_record: Mapping[int, Iterable[str]], profiles: Mapping[int, Profile] | None = None
) -> None:
    """Store keys and, for records that have keys, their profiles; call inside the
    transaction that created the records."""
    rows = [(pk, key) for pk, keys in keys_by_record.items() for key in keys]
    ids = allocate_ids(MatchKey, len(rows))
    insert_rows(
        MatchKey._meta.db_table,
        ["id", "record_id", "key"],
        [(pk, record, key) for pk, (record, key) in zip(ids, rows, strict=True)],
    )
    keyed = {record for record, _key in rows}
    insert_rows(
        MatchProfile._meta.db_table,
        ["record_id", "data"],
        [(pk, profile_text(value)) for pk, value in (profiles or {}).items() if pk in keyed],
    )


def keep_profiles(profiles: Mapping[int, Profile]) -> None:
    """Store profiles of records keyed before profiles were stored; a profile another merge
    stored meanwhile is kept (ON CONFLICT: SQLite 3.24+ and PostgreSQL)."""
    if not profiles:
        return
    table = connection.ops.quote_name(MatchProfile._meta.db_table)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} (record_id, data) VALUES (%s, %s) "
            "ON CONFLICT (record_id) DO NOTHING",
            [(pk, profile_text(value)) for pk, value in profiles.items()],
        )


def records_by_key(wanted: set[str]) -> dict[str, list[int]]:
    """The catalog records that have each of the ``wanted`` keys."""
    found: dict[str, list[int]] = defaultdict(list)
    listed = list(wanted)
    if connection.vendor == "postgresql" and not any("\n" in key for key in listed):
        # The keys go as one text, split by the server (psycopg builds a list parameter in
        # Python, 1 µs an element), and come back as their places in the list: a batch's
        # 3,500 keys match some 22,000 rows, and sending each row's key back made the query
        # 85-135 ms instead of 65-70 (decision 0012).
        table = MatchKey._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT u.n::int4, k.record_id FROM unnest(string_to_array(%s, E'\\n')) "
                f"WITH ORDINALITY AS u(key, n) JOIN {table} k ON k.key = u.key",
                ["\n".join(listed)],
            )
            for n, record_id in cursor.fetchall():
                found[listed[n - 1]].append(record_id)
        return found
    for key, record_id in _rows_in(MatchKey._meta.db_table, "key", "key, record_id", wanted):
        found[key].append(record_id)
    return found


def profiles_of(record_ids: set[int]) -> dict[int, Profile]:
    """Matching profiles of catalog records: stored ones (MatchProfile), else folded from
    the Record and stored for next time."""
    result = {
        pk: profile_from_text(data)
        for pk, data in _select(MatchProfile, "record_id, data", record_ids)
    }
    missing = record_ids - result.keys()
    if missing:
        columns = "id, title, subtitle, authors, year, edition, isbns"
        folded = {
            pk: profile(
                {
                    "title": title,
                    "subtitle": subtitle,
                    "authors": _list(authors),
                    "year": year,
                    "edition": edition,
                    "isbns": _list(isbns),
                }
            )
            for pk, title, subtitle, authors, year, edition, isbns in _select(
                Record, columns, missing
            )
        }
        keep_profiles(folded)
        result.update(folded)
    return result


def _select(model: Any, columns: str, ids: set[int]) -> list[tuple[Any, ...]]:
    """``columns`` of the rows of ``model`` with these primary keys."""
    return _rows_in(model._meta.db_table, model._meta.pk.column, columns, ids)


def _rows_in(table: str, column: str, columns: str, values: set[Any]) -> list[tuple[Any, ...]]:
    """``columns`` of the rows of ``table`` whose ``column`` is one of ``values``, with plain
    SQL (no model conversions), in parts under SQLite's bound-parameter limit."""
    listed = sorted(values)
    rows: list[tuple[Any, ...]] = []
    with connection.cursor() as cursor:
        step = max(1, len(listed)) if connection.vendor == "postgresql" else 900
        for start in range(0, len(listed), step):
            part = listed[start : start + step]
            if connection.vendor == "postgresql" and all(type(v) is int for v in part):
                cursor.execute(  # ids as one text: a list parameter is built in Python
                    f"SELECT {columns} FROM {table} "
                    f"WHERE {column} = ANY(string_to_array(%s, ',')::bigint[])",
                    [",".join(map(str, part))],
                )
            elif connection.vendor == "postgresql":
                cursor.execute(f"SELECT {columns} FROM {table} WHERE {column} = ANY(%s)", [part])
            else:
                marks = ", ".join(["%s"] * len(part))
                cursor.execute(f"SELECT {columns} FROM {table} WHERE {column} IN ({marks})", part)
            rows.extend(cursor.fetchall())
    return rows


def _list(value: Any) -> list[Any]:
    """A JSON column as read: text on SQLite, already decoded by psycopg on PostgreSQL."""
    return list(json.loads(value) if isinstance(value, str) else value or [])


def drop_keys(record_ids: Iterable[int]) -> None:
    listed = list(record_ids)
    MatchKey.objects.filter(record_id__in=listed).delete()
    MatchProfile.objects.filter(record_id__in=listed).delete()


# Ids are not always committed in order (PostgreSQL sequences, parallel imports): each sweep
# looks back this far below the last swept id.
LOOK_BACK = 10_000


def refresh_keys(chunk: int = 5_000) -> int:
    """Add the keys of catalog records that have none (catalogued or imported since the last
    sweep); returns how many records got keys. Keys of a record edited later are not
    rewritten: a changed title is still found by ISBN, number and author-year."""
    sweep, _created = KeySweep.objects.get_or_create(pk=1)
    done = 0
    last = max(0, sweep.record_id - LOOK_BACK)
    record_table, key_table = Record._meta.db_table, MatchKey._meta.db_table
    while True:
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT r.id FROM {record_table} r WHERE r.id > %s AND NOT EXISTS "
                f"(SELECT 1 FROM {key_table} k WHERE k.record_id = r.id) ORDER BY r.id LIMIT %s",
                [last, chunk],
            )
            ids = [row[0] for row in cursor.fetchall()]
        if not ids:
            break
        last = ids[-1]
        fields = ("id", "isbns", "title", "subtitle", "authors", "year", "edition", "marc")
        rows = list(Record.objects.filter(pk__in=ids).values(*fields))
        add_keys(
            {row["id"]: keys_of(row, system_numbers(row["marc"])) for row in rows},
            {row["id"]: profile(row) for row in rows},
        )
        done += len(ids)
    top = Record.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    if top != sweep.record_id:
        KeySweep.objects.filter(pk=1).update(record_id=top)
    return done
