"""Give every catalog record its union-catalog match keys (run once after installing; the
worker then keeps them current). Idempotent."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from simpul.network.union.keys import refresh_keys


class Command(BaseCommand):
    help = "Add union-catalog match keys to catalog records that have none."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{refresh_keys()} records keyed")
