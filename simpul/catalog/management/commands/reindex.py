from typing import Any

from django.core.management.base import BaseCommand

from simpul.catalog.indexing import reindex_all
from simpul.catalog.models import Record
from simpul.lib.progress import ProgressBar


class Command(BaseCommand):
    help = "Rebuilds the search index from the database."

    def handle(self, *args: Any, **options: Any) -> None:
        bar = ProgressBar(Record.objects.count(), label="reindex", stream=self.stderr)
        count = reindex_all(lambda done, _total: bar.update(done))
        bar.finish()
        self.stdout.write(f"indexed {count} records")
