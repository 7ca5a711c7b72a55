from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from simpul.jobs.worker import run_forever, run_once


class Command(BaseCommand):
    help = (
        "Runs Simpul's background work: the search outbox, queued imports, subject headings, "
        "hold expiry and member notices."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="do what is pending, then stop")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["once"]:
            while run_once(eager=True):
                pass
            return
        self.stdout.write("simpul_worker: waiting for work (Ctrl+C stops it)")
        run_forever()
