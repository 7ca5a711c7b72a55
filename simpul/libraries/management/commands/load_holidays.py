from typing import Any

from django.core.management.base import BaseCommand

from simpul.libraries.services import load_national_holidays


class Command(BaseCommand):
    help = "Loads Indonesia's national holidays for 2026 and 2027 (idempotent, keeps edits)."

    def handle(self, *args: Any, **options: Any) -> None:
        created = load_national_holidays()
        self.stdout.write(f"national holidays created: {created}")
