"""The demo's members, registered through the members services on the day they joined.

Idempotent: a member is found again by name and birth date and then left as it is (edits made
in the demo survive a reload). Persona members (siti, yoga, nur) registered online with their
own sign-in and were approved at their home library's desk the next day; the others were
registered in person; one registration still waits for approval.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db import transaction

from simpul.demo.clock import DemoClock
from simpul.demo.network import DemoNetwork
from simpul.demo.personas import DEMO_PASSWORD, MEMBERS
from simpul.members import services
from simpul.members.models import Member, MemberCategory
from simpul.members.validity import add_months

TEXT_FIELDS = (
    "address", "phone", "email", "school_or_work", "guardian_name", "guardian_phone",
)  # fmt: skip
# An "expiring" member joined so long ago that the card runs out this many days from today.
EXPIRING_IN_DAYS = 10


@transaction.atomic
def load_members(
    network: DemoNetwork, clock: DemoClock, password: str = DEMO_PASSWORD
) -> dict[str, Member]:
    """Every member of MEMBERS, by key; registers the ones not there yet."""
    categories = {category.code: category for category in MemberCategory.objects.all()}
    joined = {
        key: joined_day(spec, categories[str(spec["category"])], clock.today)
        for key, spec in MEMBERS.items()
    }
    members = {}
    for key in sorted(MEMBERS, key=joined.__getitem__):  # numbers follow the approval dates
        spec: dict[str, Any] = MEMBERS[key]
        found = Member.objects.filter(
            full_name=spec["full_name"], birth_date=spec["birth_date"]
        ).first()
        members[key] = found or _register(spec, network, categories, clock, password)
    return {key: members[key] for key in MEMBERS}


def _fields(spec: dict[str, Any], category: MemberCategory) -> dict[str, Any]:
    fields: dict[str, Any] = {name: str(spec.get(name, "")) for name in TEXT_FIELDS}
    fields.update(
        full_name=spec["full_name"],
        birth_date=spec["birth_date"],
        gender=spec["gender"],
        category=category,
        keep_history=bool(spec.get("keep_history", False)),
    )
    return fields


def joined_day(spec: dict[str, Any], category: MemberCategory, today: date) -> date:
    if spec["joined"] == "expiring":
        return add_months(today + timedelta(days=EXPIRING_IN_DAYS), -category.validity_months)
    return today - timedelta(days=int(spec["joined"]))


def _register(
    spec: dict[str, Any],
    network: DemoNetwork,
    categories: dict[str, MemberCategory],
    clock: DemoClock,
    password: str,
) -> Member:
    category = categories[spec["category"]]
    fields = _fields(spec, category)
    home = network.libraries[spec["home"]]
    day = joined_day(spec, category, clock.today)
    if spec.get("online"):  # waits for the desk: no approval
        with clock.on(day):
            return services.register_online(fields, home_library=home, password=password, today=day)
    staff = network.people[spec["by"]]
    if "account" not in spec:
        with clock.on(day):
            return services.register_at_desk(fields, library=home, by=staff, today=day)
    user = network.people[spec["account"]]
    evening_before = day - timedelta(days=1)  # registered online, approved the next morning
    with clock.on(evening_before, hour=20):
        member = services.register_online(
            fields, home_library=home, user=user, today=evening_before
        )
    with clock.on(day):
        return services.approve_member(member, by=staff, library=home, today=day)
