"""Register (or update) an ISO 18626 peer: another Simpul server's library or any ILL system.

    manage.py ill_peer --name "Perpustakaan X" --agency SIMPUL:XLIB --url https://x/iso18626 \
        [--secret s3cret] [--inactive]
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.validators import URLValidator

from simpul.network.ill.models import IllPeer


class Command(BaseCommand):
    help = "Register or update an ISO 18626 peer (idempotent: keyed by the agency id)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--name", required=True)
        parser.add_argument("--agency", required=True, help="TYPE:VALUE, e.g. SIMPUL:KOTA")
        parser.add_argument("--url", required=True, help="the peer's ISO 18626 endpoint")
        parser.add_argument("--secret", default="")
        parser.add_argument("--inactive", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        kind, sep, value = options["agency"].partition(":")
        if not sep or not kind or not value:
            raise CommandError("--agency must be TYPE:VALUE")
        try:
            URLValidator(schemes=["http", "https"])(options["url"])
        except ValidationError:
            raise CommandError(f"not an http(s) URL: {options['url']}") from None
        peer, created = IllPeer.objects.update_or_create(
            agency_id_type=kind,
            agency_id_value=value,
            defaults={
                "name": options["name"],
                "endpoint_url": options["url"],
                "shared_secret": options["secret"],
                "active": not options["inactive"],
            },
        )
        self.stdout.write(f"{'created' if created else 'updated'} {peer}")
