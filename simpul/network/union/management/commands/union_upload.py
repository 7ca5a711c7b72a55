"""Merge a contributing library's MARC, MARCXML or CSV file into the union catalog."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from simpul.lib.errors import SimpulError
from simpul.libraries.models import library_with_code
from simpul.network.union.upload import upload


class Command(BaseCommand):
    help = "Merge a contributing library's MARC/MARCXML/CSV file into the union catalog."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("library", help="library code, e.g. SMPN3")
        parser.add_argument("file", type=Path)
        parser.add_argument("--format", default="auto", choices=["auto", "marc", "marcxml", "csv"])

    def handle(self, *args: Any, **options: Any) -> None:
        library = library_with_code(options["library"])
        if library is None:
            raise CommandError(f"no library with code {options['library']}")
        path: Path = options["file"]
        try:
            with path.open("rb") as stream:
                report = upload(library, stream, path.name, options["format"], parallel=True)
        except (OSError, SimpulError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"{report.received} records: {report.merged} merged, {report.created} new, "
            f"{report.reviews} to review, {report.updated} updated"
        )
        for line in report.problems:
            self.stdout.write(f"  {line}")
