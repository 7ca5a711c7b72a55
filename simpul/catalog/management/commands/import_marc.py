from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from simpul.catalog.importer import ImportReport, import_file
from simpul.catalog.indexing import drain_outbox
from simpul.lib.progress import ProgressBar
from simpul.libraries.models import Library


class Command(BaseCommand):
    help = "Imports MARC21, MARCXML or CSV into the union catalog for one library."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--library", required=True, help="library code, e.g. KOTA")
        parser.add_argument("--format", default="auto", choices=["auto", "marc", "marcxml", "csv"])
        parser.add_argument("--encoding", default="auto", help="auto, utf-8, marc8, cp1252, ...")
        parser.add_argument("--report", type=Path, help="write every problem to this CSV file")
        parser.add_argument("--no-index", action="store_true", help="leave indexing to the worker")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        library = Library.objects.filter(code=options["library"]).first()
        if library is None:
            raise CommandError(f"no library with code {options['library']!r}")
        if not path.is_file():
            raise CommandError(f"{path} is not a readable file")
        bar = ProgressBar(path.stat().st_size, label=path.name, stream=self.stderr)

        def progress(report: ImportReport, position: int) -> None:
            bar.update(position, f"{report.read:,} records")

        with path.open("rb") as stream:
            report = import_file(
                stream,
                library,
                fmt=options["format"],
                encoding=options["encoding"],
                progress=progress,
            )
        bar.finish()
        if not options["no_index"]:
            drain_outbox(limit=10_000_000)
        self.stdout.write(
            f"read {report.read}, created {report.created}, updated {report.updated}, "
            f"unchanged {report.unchanged}, items {report.items_created}, "
            f"skipped {report.skipped}, warnings {len(report.problems) - report.skipped}"
        )
        for problem in report.problems[:20]:
            where = f"line {problem.line}" if problem.line else f"byte {problem.offset}"
            self.stdout.write(f"  record {problem.position} ({where}): {problem.reason}")
        if options["report"]:
            import csv

            with options["report"].open("w", newline="") as out:
                writer = csv.writer(out)
                writer.writerow(["record", "byte_offset", "line", "severity", "reason"])
                for p in report.problems:
                    writer.writerow(
                        [p.position, p.offset or "", p.line or "", p.severity, p.reason]
                    )
