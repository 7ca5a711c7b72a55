from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from simpul.catalog.indexing import reindex_all
from simpul.catalog.subjects import refresh_headings
from simpul.demo.catalog import load_books, load_shared_records
from simpul.demo.network import load_demo
from simpul.demo.personas import DEMO_PASSWORD, PEOPLE


class Command(BaseCommand):
    help = "Loads the Kota Metro demo network and catalog (idempotent) and prints the demo logins."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-catalog", action="store_true", help="libraries and people only")

    def handle(self, *args: Any, **options: Any) -> None:
        network = load_demo()
        self.stdout.write(
            f"Demo network ready: {len(network.libraries)} libraries, "
            f"{len(network.people)} people (all marked as demo data)."
        )
        if not options["no_catalog"]:
            books = load_books(network.libraries)
            files = load_shared_records(network.libraries)
            indexed = reindex_all()
            refresh_headings()
            self.stdout.write(
                f"Demo catalog ready: {books} new Indonesian books, {files} shared MARC files, "
                f"{indexed} records indexed."
            )
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for username, person in PEOPLE.items():
            roles = ", ".join(
                f"{role.label}" + (f" @ {code}" if code else "")
                for role, code in person["roles"]  # type: ignore[attr-defined]
            )
            self.stdout.write(f"  {username:<8} {person['full_name']:<18} {roles}")
