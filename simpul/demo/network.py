"""Loading the demo network: idempotent, through the same services the staff screens use."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction

from simpul.accounts.models import User
from simpul.demo.personas import DEMO_PASSWORD, LIBRARIES, PEOPLE
from simpul.libraries import services
from simpul.libraries.models import Library


@dataclass
class DemoNetwork:
    libraries: dict[str, Library] = field(default_factory=dict)
    people: dict[str, User] = field(default_factory=dict)


@transaction.atomic
def load_demo(password: str = DEMO_PASSWORD) -> DemoNetwork:
    """Create or refresh the demo libraries, hours, holidays and people. Safe to run again."""
    network = DemoNetwork()
    services.load_national_holidays()
    for code, spec in LIBRARIES.items():
        fields = {key: value for key, value in spec.items() if key != "hours"}
        for coordinate in ("latitude", "longitude"):
            if coordinate in fields:
                fields[coordinate] = Decimal(str(fields[coordinate]))
        library, created = Library.objects.get_or_create(
            code=code, defaults={**fields, "is_demo": True}
        )
        if created or not library.opening_hours.exists():
            services.set_opening_hours(library, spec["hours"])  # type: ignore[arg-type]
        network.libraries[code] = library
    user_model = get_user_model()
    for username, person in PEOPLE.items():
        user, created = user_model.objects.get_or_create(
            username=username,
            defaults={"full_name": person["full_name"], "email": person["email"]},
        )
        if created:
            user.set_password(password)
            user.save(update_fields=["password"])
        for role, code in person["roles"]:  # type: ignore[attr-defined]
            services.grant_role(user, role, network.libraries[code] if code else None)
        network.people[username] = user
    return network
