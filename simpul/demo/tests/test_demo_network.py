from io import StringIO

from django.core.management import call_command

from simpul.accounts.models import User
from simpul.circulation.models import Event, Hold, Loan
from simpul.libraries.choices import LibraryKind
from simpul.libraries.models import Closure, Library, OpeningHours, StaffRole
from simpul.members.models import Member


def _counts():
    return (
        Library.objects.count(),
        OpeningHours.objects.count(),
        Closure.objects.count(),
        User.objects.count(),
        StaffRole.objects.count(),
        Member.objects.count(),
        Loan.objects.count(),
        Hold.objects.count(),
        Event.objects.count(),
    )


def test_the_demo_network_loads_twice_without_changing_anything(db):
    out = StringIO()
    call_command("simpul_demo", stdout=out)
    first = _counts()
    call_command("simpul_demo", stdout=StringIO())
    assert _counts() == first
    assert "metro-demo-2026" in out.getvalue()
    assert "rina" in out.getvalue()
    assert "/akun/pinjaman/" in out.getvalue()  # the member logins
    assert "fajar@contoh.example" in out.getvalue()  # the pending registration
    assert "overdue" in out.getvalue()


def test_the_demo_network_has_the_libraries_the_issue_names(network):
    kinds = list(Library.objects.values_list("kind", flat=True))
    assert kinds.count(LibraryKind.CITY) == 1
    assert kinds.count(LibraryKind.MOBILE) == 1
    assert kinds.count(LibraryKind.SCHOOL) >= 4
    assert kinds.count(LibraryKind.UNIVERSITY) >= 1
    assert kinds.count(LibraryKind.COMMUNITY) >= 2
    assert not Library.objects.filter(is_demo=False).exists()


def test_there_is_one_demo_account_per_role(network):
    roles = set(StaffRole.objects.values_list("role", flat=True))
    assert roles == {
        "network_admin",
        "library_admin",
        "librarian",
        "desk",
        "program_coordinator",
        "city_official",
        "member",
    }


def test_the_demo_keeps_an_edited_library(network):
    Library.objects.filter(code="KOTA").update(name="Perpustakaan Kota (diubah)")
    OpeningHours.objects.filter(library__code="KOTA", weekday=6).delete()
    call_command("simpul_demo", stdout=StringIO())
    kota = Library.objects.get(code="KOTA")
    assert kota.name == "Perpustakaan Kota (diubah)"
    assert not kota.opening_hours.filter(weekday=6).exists()
