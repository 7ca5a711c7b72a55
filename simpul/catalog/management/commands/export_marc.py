import sys
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import pymarc
from django.core.management.base import BaseCommand, CommandParser

from simpul.catalog.marc import export
from simpul.catalog.models import Record
from simpul.catalog.records import marc_record

Writer = Callable[[Iterable[pymarc.Record]], Iterator[bytes] | Iterator[str]]
WRITERS: dict[str, Writer] = {
    "marc": export.to_marc21,
    "marcxml": export.to_marcxml,
    "dc": export.to_dublin_core,
    "csv": export.to_csv,
}


class Command(BaseCommand):
    help = "Exports the catalog (or one library's holdings) as MARC21, MARCXML, Dublin Core or CSV."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", default="marc", choices=sorted(WRITERS))
        parser.add_argument("--library", help="only records with items in this library")
        parser.add_argument("--output", help="file to write (default: standard output)")

    def handle(self, *args: Any, **options: Any) -> None:
        records = Record.objects.order_by("pk")
        if options["library"]:
            records = records.filter(items__library__code=options["library"]).distinct()
        chunks = WRITERS[options["format"]](
            marc_record(r) for r in records.iterator(chunk_size=500)
        )
        out = open(options["output"], "wb") if options["output"] else sys.stdout.buffer  # noqa: SIM115
        try:
            chunk: bytes | str
            for chunk in chunks:
                out.write(chunk.encode() if isinstance(chunk, str) else chunk)
        finally:
            if options["output"]:
                out.close()
