from typing import Any

from django.core.management.base import BaseCommand

from simpul.catalog.indexing import reindex_all
from simpul.lib.progress import ProgressBar


class Command(BaseCommand):
    help = "Rebuilds the search index from the database."

    def handle(self, *args: Any, **options: Any) -> None:
        bar: ProgressBar | None = None

        def progress(done: int, total: int) -> None:
            nonlocal bar
            bar = bar or ProgressBar(total, label="reindex")
            bar.update(done)

        count = reindex_all(progress)
        if bar:
            bar.finish()
        self.stdout.write(f"indexed {count} records")
