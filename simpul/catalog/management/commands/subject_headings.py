from typing import Any

from django.core.management.base import BaseCommand

from simpul.catalog.models import SubjectHeading
from simpul.catalog.subjects import refresh_headings


class Command(BaseCommand):
    help = "Recounts the subject headings of the A-Z browse now (the worker does it by itself)."

    def handle(self, *args: Any, **options: Any) -> None:
        changed = refresh_headings()
        total = SubjectHeading.objects.count()
        self.stdout.write(f"{total} subject headings, {changed} changed")
