from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from simpul.catalog.indexing import reindex_all
from simpul.catalog.subjects import refresh_headings
from simpul.demo.catalog import load_books, load_shared_records
from simpul.demo.circulation import load_circulation, summary
from simpul.demo.clock import DemoClock
from simpul.demo.ill import load_ill
from simpul.demo.members import load_members
from simpul.demo.network import load_demo
from simpul.demo.partners import load_partners
from simpul.demo.personas import DEMO_PASSWORD, MEMBERS, PEOPLE
from simpul.demo.union import load_union
from simpul.members.models import Member


class Command(BaseCommand):
    help = (
        "Loads the Kota Metro demo network, its members, catalog and two months of lending "
        "(idempotent) and prints the demo logins."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--no-catalog", action="store_true", help="libraries, people and members only"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        network = load_demo()
        clock = DemoClock(timezone.localdate())
        members = load_members(network, clock)
        load_partners(network, clock.today)
        self.stdout.write(
            f"Demo network ready: {len(network.libraries)} libraries, "
            f"{len(network.people)} people, {len(members)} members "
            "(the libraries are marked as demo data)."
        )
        if not options["no_catalog"]:
            books = load_books(network.libraries)
            files = load_shared_records(network.libraries)
            played = load_circulation(network, members, clock)
            load_ill(network, members)  # one interlibrary loan on its way to SMA N 1
            load_union(network.libraries)  # SMP N 3's SLiMS catalog in the union catalog
            indexed = reindex_all()
            refresh_headings()
            self.stdout.write(
                f"Demo catalog ready: {books} new Indonesian books, {files} shared MARC files, "
                f"{indexed} records indexed."
            )
            kept = "" if played else " (kept as it was: the network had loans or holds)"
            self.stdout.write(f"Demo circulation{kept}: {summary(clock.today)}.")
        self.print_logins(members)

    def print_logins(self, members: dict[str, Member]) -> None:
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        cards = {spec["account"]: key for key, spec in MEMBERS.items() if "account" in spec}
        for username, person in PEOPLE.items():
            roles = ", ".join(
                f"{role.label}" + (f" @ {code}" if code else "")
                for role, code in person["roles"]  # type: ignore[attr-defined]
            )
            member = members.get(str(cards.get(username, "")))
            if member is not None and member.number:
                roles += f", card {member.number}: /akun/pinjaman/"
            self.stdout.write(f"  {username:<8} {person['full_name']:<18} {roles}")
        for member in members.values():
            if member.user is not None and member.user.username not in PEOPLE:
                self.stdout.write(
                    f"  {member.user.username} ({member.full_name}): registered online, "
                    f"{member.get_status_display().lower()} @ {member.home_library.code}"
                )
