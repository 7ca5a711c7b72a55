"""MARC and CSV files from a contributing library, through the merge engine.

The catalog's own import (catalog/importer.py) is for libraries that run Simpul: it makes
items with barcodes and matches only by 001+003, identical content and the ISBN of records
without a 001, so another library's copy of a known work becomes a second record. A library
that does not run Simpul uploads here instead: every record becomes a contribution, merged
like a harvested one.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from django.utils.translation import gettext as _

from simpul.catalog.marc.errors import UnknownFormat
from simpul.catalog.marc.reader import read_records
from simpul.catalog.records import fingerprint
from simpul.libraries.models import Library
from simpul.network.union.choices import Origin
from simpul.network.union.errors import UploadNotMarc
from simpul.network.union.merge import Incoming, MergeReport, merge_all


def upload(
    library: Library, stream: BinaryIO, name: str, fmt: str = "auto", *, parallel: bool = False
) -> MergeReport:
    """Merge every record of a MARC, MARCXML or CSV file from ``library``; unreadable
    records are reported by position. Raises UploadNotMarc for a file of no known format.
    ``parallel`` (the command line, not web requests): prepared by forked processes."""
    problems: list[str] = []
    try:
        report = merge_all(
            library, _incoming(stream, fmt, problems), origin=Origin.UPLOAD, parallel=parallel
        )
    except (UnknownFormat, LookupError) as error:
        raise UploadNotMarc(name=name, reason=str(error)) from error
    report.problems[:0] = problems
    return report


def _incoming(stream: BinaryIO, fmt: str, problems: list[str]) -> Iterator[Incoming]:
    for result in read_records(stream, fmt):
        if result.record is None:
            problems.append(
                _("rekaman ke-{n}: {error}").format(n=result.position, error=result.error)
            )
            continue
        data = result.record.as_dict()
        yield Incoming(_local_id(data), data)


def _local_id(data: dict) -> str:
    """001 (with 003) when the library numbers its records; else the content's fingerprint,
    so uploading the same file again changes nothing."""
    control = {
        k: v for entry in data.get("fields", []) for k, v in entry.items() if k in ("001", "003")
    }
    if str(control.get("001", "")).strip():
        return f"{control.get('003', '')}:{control['001']}".strip(":")
    return "sha1:" + fingerprint(data)
