"""Turning a MARC record into a Record row: the derived fields and the search outbox."""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

import pymarc
from django.utils import timezone

from simpul.catalog.bulk import allocate_ids, insert_rows
from simpul.catalog.marc.mapping import BibFields, bib_fields
from simpul.catalog.models import Record, SearchOutbox
from simpul.lib.rawsql import insert

DERIVED = [
    "fingerprint", "control_number", "control_source", "isbn", "isbns", "title", "subtitle",
    "title_sort",
    "authors", "subjects", "series", "notes", "publisher", "place", "year", "language",
    "material_type", "ddc", "edition", "physical", "summary",
]  # fmt: skip


def marc_json(record: pymarc.Record) -> dict[str, Any]:
    """MARC-in-JSON, the lossless form kept in ``Record.marc``."""
    return record.as_dict()


def marc_record(record: Record) -> pymarc.Record:
    """The pymarc record kept in ``record.marc``."""
    return pymarc.parse_json_to_array(json.dumps([record.marc]))[0]


def derived_values(fields: BibFields) -> dict[str, Any]:
    return {
        "control_number": fields.control_number[:64],
        "control_source": fields.control_source[:64],
        "isbn": fields.isbns[0] if fields.isbns else "",
        "isbns": fields.isbns,
        "title": (fields.title or "")[:1000],
        "subtitle": fields.subtitle[:1000],
        "title_sort": fields.title_sort[:255],
        "authors": fields.authors,
        "subjects": fields.subjects,
        "series": fields.series,
        "notes": fields.notes,
        "publisher": fields.publisher[:500],
        "place": fields.place[:255],
        # 9999 in 008 means "unknown" (and a year in the far future is a typing slip).
        "year": fields.year if fields.year and 0 < fields.year < 2200 else None,
        "language": fields.language[:3],
        "material_type": fields.material_type or "book",
        "ddc": fields.ddc[:64],
        "edition": fields.edition[:255],
        "physical": fields.physical[:500],
        "summary": fields.summary,
    }


def values_of(marc: pymarc.Record) -> dict[str, Any]:
    """Everything a Record row stores about ``marc``."""
    data = marc_json(marc)
    return {"marc": data, "fingerprint": fingerprint(data), **derived_values(bib_fields(marc))}


# Built once: json.dumps with options makes a new encoder on every call.
_canonical_json = json.JSONEncoder(sort_keys=True, ensure_ascii=False).encode


def fingerprint(data: dict[str, Any]) -> str:
    """The content's identity: without 005 (time of the latest change) and the leader's
    computed positions (00-04 length, 09 character coding, 12-16 base address)."""
    fields = [field for field in data.get("fields", []) if "005" not in field]
    leader = str(data.get("leader", "")).ljust(24)
    kept = leader[5:9] + leader[10:12] + leader[17:]
    canonical = _canonical_json([kept, fields])
    return hashlib.sha1(canonical.encode(), usedforsecurity=False).hexdigest()


_json = json.JSONEncoder(ensure_ascii=False).encode


_PLAIN = re.compile(r"[ !#-\[\]-~]*")  # printable ASCII without quote and backslash


def _string(text: str) -> str:
    """``text`` as a JSON string; a leader is plain ASCII, which needs no escaping."""
    return f'"{text}"' if _PLAIN.fullmatch(text) else _json(text)


def marc_text_and_fingerprint(data: dict[str, Any]) -> tuple[str, str]:
    """``data`` as JSON text and its ``fingerprint``, from one encoding of its fields.

    For MARC-in-JSON whose dictionaries have their keys in sorted order, as the decoder and
    pymarc's ``as_dict`` build them (then sorting keys changes nothing). A 005 entry's text can
    only occur in the encoded list as a whole element (quotes inside values are escaped), so
    cutting it out gives exactly the encoding of the fields without 005.
    """
    fields = data.get("fields", [])
    fields_text = _json(fields)
    leader = str(data.get("leader", ""))
    text = f'{{"leader": {_string(leader)}, "fields": {fields_text}}}'
    without = fields_text
    for entry in fields:
        if "005" in entry:
            element = _json(entry)
            if f"{element}, " in without:
                without = without.replace(f"{element}, ", "", 1)
            else:
                without = without.replace(f", {element}", "", 1).replace(element, "", 1)
    padded = leader.ljust(24)
    kept = padded[5:9] + padded[10:12] + padded[17:]
    canonical = f"[{_string(kept)}, {without}]"
    return text, hashlib.sha1(canonical.encode(), usedforsecurity=False).hexdigest()


def fill(record: Record, marc: pymarc.Record | dict[str, Any]) -> bool:
    """Set ``record`` from ``marc`` (or from its ``values_of``); True when anything changed."""
    values = marc if isinstance(marc, dict) else values_of(marc)
    changed = False
    for name, value in values.items():
        if getattr(record, name) != value:
            setattr(record, name, value)
            changed = True
    return changed


def queue_for_index(record_ids: list[int]) -> list[int]:
    """Write outbox rows; call inside the transaction that changed the records. Returns the
    rows' ids, so a process that indexes the records itself can delete exactly these."""
    if not record_ids:
        return []
    if len(record_ids) == 1:  # a desk scan: one INSERT, no id allocation
        return [insert(SearchOutbox(record_id=record_ids[0])).pk]
    now = timezone.now()
    ids = allocate_ids(SearchOutbox, len(record_ids))
    insert_rows(
        SearchOutbox._meta.db_table,
        ["id", "record_id", "created_at"],
        [(pk, record_id, now) for pk, record_id in zip(ids, record_ids, strict=True)],
    )
    return ids
