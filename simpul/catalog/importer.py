"""Importing catalogue files (MARC21, MARCXML, CSV) set-based, in batches.

Each batch of records is one transaction: a batch is written whole or not at all, so nothing
already saved is lost or half-written. Records are matched to existing ones by 001+003, then by
ISBN, and updated rather than duplicated; running the same import twice changes nothing.
Items come from the holdings fields (852, Koha's 952) and belong to the importing library.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import BinaryIO

from simpul.catalog.import_prepare import BATCH, Prepared, prepare
from simpul.catalog.import_readers import prepared_elsewhere, readers_for
from simpul.catalog.import_report import ImportReport, Problem, problem
from simpul.catalog.import_writer import Writer
from simpul.libraries.models import Library

__all__ = ["BATCH", "ImportReport", "Prepared", "Problem", "import_file", "prepare"]

Progress = Callable[[ImportReport, int], None]
# Files larger than this are read and mapped in a second process while this one writes.
PARALLEL_BYTES = 2 * 1024 * 1024


def import_file(
    stream: BinaryIO,
    library: Library,
    *,
    fmt: str = "auto",
    encoding: str = "auto",
    progress: Progress | None = None,
    parallel: bool | None = None,
    readers: int | None = None,
) -> ImportReport:
    """Import every readable record of ``stream`` into the union catalog for ``library``.

    With ``parallel`` (the default for files over 2 MB) forked processes read and map the
    records while this one writes them: one per core for binary MARC (``readers`` overrides
    that), one for MARCXML and CSV. New records are indexed here as each batch commits when
    this process can take the index writer; otherwise (the worker holds it) their outbox rows
    wait for the worker, as every other change does.
    """
    if parallel is None:
        parallel = _size(stream) > PARALLEL_BYTES
    report = ImportReport()
    writer = Writer(library, report)
    with _fewer_collections():
        batches = (
            prepared_elsewhere(stream, fmt, encoding, readers or readers_for(stream, fmt))
            if parallel
            else prepare(stream, fmt, encoding)
        )
        for batch, position in batches:
            ready = []
            for item in batch:
                report.read += 1
                report.problems += [problem(item, warning, "warning") for warning in item.warnings]
                if item.values is None:
                    report.problems.append(problem(item, item.error, item.severity))
                else:
                    ready.append(item)
            if ready:
                writer.write(ready)
            if progress:
                progress(report, position)
        writer.finish()
    return report


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """Run the cyclic garbage collector rarely while a batch pipeline allocates: an import
    makes millions of short-lived acyclic objects, and full collections re-scanning them
    cost as much as the decoding (profiled)."""
    old = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(50_000, 50, 100)
    try:
        yield
    finally:
        gc.set_threshold(*old)
        gc.unfreeze()


def _size(stream: BinaryIO) -> int:
    try:
        here = stream.tell()
        size = stream.seek(0, 2)
        stream.seek(here)
        return int(size)
    except (OSError, ValueError):
        return 0
