"""The library network's use cases, the only code that changes libraries, hours, closures, roles."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime, time
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from simpul.libraries.choices import NETWORK_ROLES, ClosureKind, Role, Weekday
from simpul.libraries.errors import ClosureExists, HoursOrder, HoursOverlap, RoleScopeMismatch
from simpul.libraries.holidays import NATIONAL_HOLIDAYS
from simpul.libraries.hours import OpenStatus, Session, overlapping, sessions_by_weekday, status_at
from simpul.libraries.models import Closure, Library, OpeningHours, StaffRole, forget_roles

if TYPE_CHECKING:
    from simpul.accounts.models import User


def set_opening_hours(library: Library, week: Mapping[int, Iterable[Session]]) -> None:
    """Replace the library's weekly hours; raises HoursOrder or HoursOverlap and changes nothing."""
    rows: list[OpeningHours] = []
    for weekday, sessions in sorted(week.items()):
        day = list(sessions)
        label = Weekday(weekday).label
        for opens, closes in day:
            if closes <= opens:
                raise HoursOrder(weekday=label, opens=f"{opens:%H.%M}", closes=f"{closes:%H.%M}")
        clash = overlapping(day)
        if clash is not None:
            raise HoursOverlap(weekday=label, opens=f"{clash[0]:%H.%M}", closes=f"{clash[1]:%H.%M}")
        rows += [OpeningHours(library=library, weekday=weekday, opens=o, closes=c) for o, c in day]
    with transaction.atomic():
        library.opening_hours.all().delete()
        OpeningHours.objects.bulk_create(rows)


def add_closure(
    library: Library | None, day: date, name: str, kind: str = ClosureKind.LOCAL, note: str = ""
) -> Closure:
    """Close one library (or, with None, the whole network) on ``day``; raises ClosureExists."""
    existing = Closure.objects.filter(library=library, date=day).first()
    if existing is not None:
        raise ClosureExists(date=day, name=existing.name)
    try:
        with transaction.atomic():
            return Closure.objects.create(
                library=library, date=day, name=name, kind=kind, note=note
            )
    except IntegrityError:  # a second submission won the race
        raise ClosureExists(date=day, name=name) from None


def update_closure(closure: Closure, *, day: date, name: str, kind: str, note: str = "") -> None:
    clash = Closure.objects.filter(library=closure.library, date=day).exclude(pk=closure.pk)
    if (other := clash.first()) is not None:
        raise ClosureExists(date=day, name=other.name)
    closure.date, closure.name, closure.kind, closure.note = day, name, kind, note
    try:
        with transaction.atomic():
            closure.save(update_fields=["date", "name", "kind", "note"])
    except IntegrityError:
        raise ClosureExists(date=day, name=name) from None


def remove_closure(closure: Closure) -> None:
    closure.delete()


def load_national_holidays() -> int:
    """Create the national holidays that are missing; never overwrites an edited one.

    Returns how many rows were created. Idempotent.
    """
    have = set(Closure.objects.filter(library__isnull=True).values_list("date", flat=True))
    new = [
        Closure(library=None, date=day, name=name, kind=ClosureKind.NATIONAL_HOLIDAY, note=note)
        for day, name, note in NATIONAL_HOLIDAYS
        if day not in have
    ]
    Closure.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


def grant_role(user: User, role: str, library: Library | None = None) -> StaffRole:
    """Give ``user`` a role (idempotent). Network roles take no library, the others need one."""
    if (role in NETWORK_ROLES) != (library is None):
        raise RoleScopeMismatch(
            role=Role(role).label,
            scope=_("seluruh jaringan") if role in NETWORK_ROLES else _("satu perpustakaan"),
        )
    with transaction.atomic():
        grant, _created = StaffRole.objects.get_or_create(user=user, role=role, library=library)
        _sync_admin_flag(user)
    forget_roles(user)
    return grant


def revoke_role(user: User, role: str, library: Library | None = None) -> None:
    with transaction.atomic():
        StaffRole.objects.filter(user=user, role=role, library=library).delete()
        _sync_admin_flag(user)
    forget_roles(user)


def _sync_admin_flag(user: User) -> None:
    """Django's admin is for network administrators only, and for them all of it: keep
    ``is_staff`` and ``is_superuser`` (the admin's model permissions) in step with the role."""
    is_admin = StaffRole.objects.filter(user=user, role=Role.NETWORK_ADMIN).exists()
    if (user.is_staff, user.is_superuser) != (is_admin, is_admin):
        user.is_staff = user.is_superuser = is_admin
        user.save(update_fields=["is_staff", "is_superuser"])


def closures_on(day: date, libraries: Iterable[Library]) -> dict[int | None, str]:
    """Closure names on ``day`` keyed by library id, with None for the network-wide one."""
    ids = [library.pk for library in libraries]
    rows = Closure.objects.filter(Q(library__isnull=True) | Q(library_id__in=ids), date=day)
    return {row.library_id: row.name for row in rows}


def weeks_of(library_ids: list[int]) -> dict[int, dict[int, list[Session]]]:
    """Weekly sessions per library in one query, as plain tuples (no model instances)."""
    rows: dict[int, list[tuple[int, time, time]]] = {pk: [] for pk in library_ids}
    hours = OpeningHours.objects.filter(library_id__in=library_ids).values_list(
        "library_id", "weekday", "opens", "closes"
    )
    for library_id, weekday, opens, closes in hours:
        rows[library_id].append((weekday, opens, closes))
    return {pk: sessions_by_weekday(day_rows) for pk, day_rows in rows.items()}


def statuses_now(libraries: list[Library], moment: datetime | None = None) -> dict[int, OpenStatus]:
    """Today's status for each library, in two queries whatever the number of libraries."""
    moment = timezone.localtime(moment)
    closed = closures_on(moment.date(), libraries)
    weeks = weeks_of([library.pk for library in libraries])
    result: dict[int, OpenStatus] = {}
    for library in libraries:
        reason = closed.get(library.pk) or closed.get(None)
        closures = {moment.date(): reason} if reason else {}
        result[library.pk] = status_at(moment.replace(tzinfo=None), weeks[library.pk], closures)
    return result


def weekly_table(library: Library) -> list[tuple[str, list[Session]]]:
    """(weekday name, sessions) for Monday to Sunday, for display."""
    week = weeks_of([library.pk])[library.pk]
    return [(str(Weekday(day).label), week[day]) for day in range(7)]
