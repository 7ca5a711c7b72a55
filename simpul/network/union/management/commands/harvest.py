"""Harvest the union catalog's OAI-PMH sources now: all that are due, or the ones named."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from simpul.network.union.harvester import due_sources, harvest
from simpul.network.union.models import HarvestSource


class Command(BaseCommand):
    help = "Harvest OAI-PMH sources into the union catalog (due ones, or --source ID / --all)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--source", type=int, action="append", default=[])
        parser.add_argument("--all", action="store_true", help="every active source, due or not")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["source"]:
            sources = list(HarvestSource.objects.filter(pk__in=options["source"]))
        elif options["all"]:
            sources = list(HarvestSource.objects.filter(is_active=True))
        else:
            sources = due_sources()
        for source in sources:
            run = harvest(source)
            self.stdout.write(
                f"{source.pk} {source.base_url}: {run.status}, {run.records} records, "
                f"{run.merged} merged, {run.created} new, {run.reviews} to review, "
                f"{run.deleted} deleted" + (f"\n  {run.error}" if run.error else "")
            )
