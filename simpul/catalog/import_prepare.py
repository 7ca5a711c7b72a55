"""Reading and mapping an import's records into picklable batches (``prepare``).

Runs in the importing process or in forked readers (``import_readers.py``): everything a batch
carries is flat values and text, cheap to pass between processes.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any, BinaryIO

from django.db import models
from django.utils.translation import gettext as _

from simpul.catalog.indexing import search_doc
from simpul.catalog.marc.mapping import HoldingData, bib_fields, holdings, view_of
from simpul.catalog.marc.reader import read_records
from simpul.catalog.models import Record
from simpul.catalog.records import DERIVED, derived_values, marc_json, marc_text_and_fingerprint
from simpul.catalog.search import text_json

BATCH = 1000
# Leader/06 of authority (z) and holdings (u, v, x, y) records: not catalogue records.
NOT_BIBLIOGRAPHIC = set("uvxyz")


@dataclass(slots=True)
class Prepared:
    """One record as read and mapped, ready for the database (picklable, no pymarc objects).

    Everything travels as flat values and text: the Record columns as one tuple (MARC-in-JSON
    and the list fields already encoded, the form they are inserted in), the search document
    as JSON. Nested dictionaries cost several times more to pass between processes.
    """

    position: int
    offset: int | None
    line: int | None
    warnings: tuple[str, ...] = ()
    error: str = ""  # unreadable or skipped: the reason
    severity: str = "error"
    values: dict[str, Any] | None = None  # the matching keys and the title (MATCH_KEYS)
    marc_text: str = ""
    row: tuple[Any, ...] = ()  # the Record columns of ``record_columns()``, ready to insert
    search_text: str = ""  # the analysed search document, as JSON
    holdings: list[HoldingData] = field(default_factory=list)

    def marc(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(self.marc_text)
        return data

    def full_values(self) -> dict[str, Any]:
        """Every derived field (``records.DERIVED``), for updating an existing row."""
        data = dict(zip(record_columns()[0], self.row, strict=True))
        for name in RECORD_LISTS:
            data[name] = json.loads(data[name])
        return {name: data[name] for name in DERIVED}


MATCH_KEYS = ("control_number", "control_source", "fingerprint", "isbn", "title")
# Record columns the writing process fills in itself, after the prepared ones.
WRITER_COLUMNS = ("id", "library_id", "created_at", "updated_at")


@cache
def record_columns() -> tuple[list[str], list[Any]]:
    """The Record attributes a prepared row holds, in order, and their defaults."""
    fields = [f for f in Record._meta.concrete_fields if f.attname not in WRITER_COLUMNS]
    return [f.attname for f in fields], [default_of(f) for f in fields]


_json = json.JSONEncoder(ensure_ascii=False).encode
RECORD_LISTS = ("isbns", "authors", "subjects", "series", "notes")


def prepare(
    stream: BinaryIO, fmt: str, encoding: str, share: tuple[int, int] = (0, 1)
) -> Iterator[tuple[list[Prepared], int]]:
    """Read and map records in batches; yields (batch, stream position after it).

    ``share`` (k, n) prepares only batches k, k + n, k + 2n, ... of the file, for the k-th of n
    processes reading it side by side.
    """
    k, n = share
    only = None if n == 1 else (lambda position: ((position - 1) // BATCH) % n == k)
    batch: list[Prepared] = []
    for result in read_records(stream, fmt, default_encoding=encoding, clean=True, only=only):
        item = Prepared(
            result.position, result.offset, result.line, tuple(map(str, result.warnings))
        )
        if result.marc is not None and result.view is not None:
            data, view = result.marc, result.view
        elif result.record is not None:
            data, view = marc_json(result.record), view_of(result.record)
        else:
            data = None
            item.error = str(result.error or _("rekaman tidak terbaca"))
        if data is not None and view is not None:
            if view.leader[6:7] in NOT_BIBLIOGRAPHIC:
                item.error = str(_("bukan rekaman bibliografis (otoritas/kepemilikan); dilewati"))
                item.severity = "warning"
            else:
                item.marc_text, content = marc_text_and_fingerprint(data)
                values = {"fingerprint": content, **derived_values(bib_fields(view))}
                item.search_text = text_json(search_doc(0, values, [], [], 0))
                columns = {
                    **values,
                    **{
                        name: _json(values[name]) if values[name] else "[]" for name in RECORD_LISTS
                    },
                    "marc": item.marc_text,
                }
                names, defaults = record_columns()
                item.row = tuple([columns.get(n, d) for n, d in zip(names, defaults, strict=True)])
                item.values = {name: values[name] for name in MATCH_KEYS}
                item.holdings = holdings(view)
        batch.append(item)
        if len(batch) >= BATCH:
            yield batch, _tell(stream)
            batch = []
    yield batch, _tell(stream)


def _tell(stream: BinaryIO) -> int:
    try:
        return stream.tell()
    except (OSError, ValueError):
        return 0


def default_of(model_field: models.Field) -> Any:
    if isinstance(model_field, models.FileField):
        return ""
    default = model_field.get_default()
    return _json(default) if isinstance(model_field, models.JSONField) else default
