from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from simpul.catalog.synth import synth
from simpul.lib.progress import ProgressBar


class Command(BaseCommand):
    help = "Adds N synthetic records with items (003 = SYNTH) for benchmarks; then run reindex."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--records", type=int, required=True)
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args: Any, **options: Any) -> None:
        bar = ProgressBar(options["records"], label="synth", stream=self.stderr)
        made = synth(options["records"], seed=options["seed"], progress=bar.update)
        bar.finish()
        self.stdout.write(f"created {made} synthetic records; run `manage.py reindex` next")
