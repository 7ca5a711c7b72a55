"""Copy cataloguing: a record found on another library's SRU server becomes one of ours.

The chosen record travels from the result page to the import as a signed token (MARC-in-JSON,
compressed), so the import stores exactly what the cataloguer saw without asking the remote
server again, and nobody can slip another record into the form.
"""

from __future__ import annotations

import json

import pymarc
from django.core import signing
from django.db import IntegrityError
from django.db.models import Q

from simpul.catalog import services
from simpul.catalog.marc.mapping import bib_fields
from simpul.catalog.models import Record
from simpul.catalog.records import fingerprint, marc_json
from simpul.libraries.models import Library
from simpul.network.sru.errors import AlreadyCatalogued, ExpiredChoice

SALT = "simpul.network.sru.copy"
TOKEN_MAX_AGE = 24 * 60 * 60  # a result page left open overnight still imports
# The other library's holdings and local fields describe its copies, not ours.
LOCAL_TAGS = ("852", "876", "877", "878")


def choice_token(marc: pymarc.Record) -> str:
    return signing.dumps(marc_json(marc), salt=SALT, compress=True)


def record_from_token(token: str) -> pymarc.Record:
    """The record a token carries; raises ExpiredChoice for an old or altered token."""
    try:
        data = signing.loads(token, salt=SALT, max_age=TOKEN_MAX_AGE)
        return pymarc.parse_json_to_array(json.dumps([data]))[0]
    except (signing.BadSignature, ValueError, TypeError, KeyError, IndexError):
        raise ExpiredChoice() from None


def without_local_fields(marc: pymarc.Record) -> pymarc.Record:
    for found in list(marc.fields):
        if found.tag in LOCAL_TAGS or found.tag.startswith("9"):
            marc.remove_field(found)
    return marc


def same_control_number(marc: pymarc.Record) -> Record | None:
    fields = bib_fields(marc)
    if not fields.control_number:
        return None
    number, source = fields.control_number[:64], fields.control_source[:64]
    found = Record.objects.defer("marc").filter(control_number=number, control_source=source)
    return found.first()


def possible_duplicates(marc: pymarc.Record) -> list[Record]:
    """Records that may be the same book: same ISBN, or the same content (decision 0006)."""
    fields = bib_fields(marc)
    found = Q(fingerprint=fingerprint(marc_json(marc)), control_number="")
    if fields.isbns:
        found |= Q(isbn__in=fields.isbns[:20])
    return list(Record.objects.defer("marc").filter(found)[:5])


def copy_record(marc: pymarc.Record, library: Library) -> Record:
    """Store ``marc`` as a new record catalogued by ``library`` (queued for the index).

    Its 001 and 003 are kept, as an import keeps them, so copying the same record twice is
    refused with AlreadyCatalogued (the database's unique 001+003 decides under a race).
    """
    marc = without_local_fields(marc)
    existing = same_control_number(marc)
    if existing is not None:
        raise _already(existing)
    try:
        return services.save_marc(Record(library=library), marc)
    except IntegrityError:
        existing = same_control_number(marc)
        if existing is None:
            raise
        raise _already(existing) from None


def _already(record: Record) -> AlreadyCatalogued:
    return AlreadyCatalogued(
        control_number=record.control_number,
        control_source=record.control_source or "—",
        title=record.title,
        record_id=record.pk,
    )
