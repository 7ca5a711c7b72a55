from typing import Any

from django.core.management.base import BaseCommand

from simpul.demo.network import load_demo
from simpul.demo.personas import DEMO_PASSWORD, PEOPLE


class Command(BaseCommand):
    help = "Loads the Kota Metro demo network (idempotent) and prints the demo logins."

    def handle(self, *args: Any, **options: Any) -> None:
        network = load_demo()
        self.stdout.write(
            f"Demo network ready: {len(network.libraries)} libraries, "
            f"{len(network.people)} people (all marked as demo data)."
        )
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for username, person in PEOPLE.items():
            roles = ", ".join(
                f"{role.label}" + (f" @ {code}" if code else "")
                for role, code in person["roles"]  # type: ignore[attr-defined]
            )
            self.stdout.write(f"  {username:<8} {person['full_name']:<18} {roles}")
