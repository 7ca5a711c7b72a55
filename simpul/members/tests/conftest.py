"""Members for the tests: the seeded categories, a factory, and Siti's own membership."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from simpul.members.choices import MemberStatus
from simpul.members.models import Member, MemberCategory

# (code, name, months, needs_guardian, max_age, self_service), as migration 0003 seeds them.
CATEGORIES = [
    ("anak", "Anak", 12, True, 12, True),
    ("pelajar", "Pelajar", 12, False, None, True),
    ("mahasiswa", "Mahasiswa", 12, False, None, True),
    ("guru", "Guru", 24, False, None, True),
    ("umum", "Umum", 24, False, None, True),
    ("staf-mitra", "Staf mitra", 12, False, None, False),
]

# Real-looking NIKs from Kota Metro (18 Lampung, 72 Kota Metro, 01 a district).
NIK_SITI = "1872015205080001"  # a woman born 12 May 2008 (12 + 40 = 52)
NIK_RUDI = "1872010301900002"  # a man born 3 January 1990


@pytest.fixture
def categories(db: None) -> dict[str, MemberCategory]:
    """The seeded categories (recreated if a transactional test flushed them)."""
    found = {}
    for sort, (code, name, months, guardian, max_age, self_service) in enumerate(CATEGORIES):
        found[code], _ = MemberCategory.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "validity_months": months,
                "needs_guardian": guardian,
                "max_age": max_age,
                "self_service": self_service,
                "sort": sort,
            },
        )
    return found


@pytest.fixture
def make_member(network: Any, categories: dict[str, MemberCategory]) -> Callable[..., Member]:
    """``make_member(full_name=..., status=..., ...)``: a member written straight to the table."""
    counter = iter(range(900_001, 999_999))

    def make(**fields: Any) -> Member:
        status = fields.get("status", MemberStatus.ACTIVE)
        values: dict[str, Any] = {
            "full_name": "Rudi Hartono",
            "birth_date": date(1990, 1, 3),
            "gender": "m",
            "address": "Jl. Kenanga 5, Metro Pusat",
            "phone": "081234567890",
            "category": categories["umum"],
            "home_library": network.libraries["KOTA"],
            "status": status,
            "expires_on": date(2027, 6, 30) if status != MemberStatus.PENDING else None,
        }
        values.update(fields)
        if status != MemberStatus.PENDING and "number" not in fields:
            values["number"] = f"MTR2026{next(counter)}"
        if isinstance(values["category"], str):
            values["category"] = categories[values["category"]]
        return Member.objects.create(**values)

    return make


@pytest.fixture
def yoga(network: Any) -> Any:
    """Yoga: a resident with an account of his own and no membership yet."""
    return network.people["yoga"]


@pytest.fixture
def siti_member(siti: Any, network: Any, make_member: Callable[..., Member]) -> Member:
    """Siti, a pupil of SMA N 1 Metro, with her card tied to her account."""
    return make_member(
        user=siti,
        full_name="Siti Rahmawati",
        birth_date=date(2008, 5, 12),
        gender="f",
        nik=NIK_SITI,
        email="siti@contoh.example",
        category="pelajar",
        home_library=network.libraries["SMAN1"],
        number="MTR2026000007",
        expires_on=date(2027, 12, 12),
    )


def form_data(**overrides: Any) -> dict[str, Any]:
    """A complete, valid registration as a browser would send it (home library SMAN1)."""
    from simpul.libraries.models import Library

    data = {
        "full_name": "Dimas Saputra",
        "birth_date": "2007-08-17",
        "gender": "m",
        "nik": "",
        "domicile": "metro",
        "city": "",
        "address": "Jl. Merpati 12, Hadimulyo",
        "phone": "0812 7000 1234",
        "email": "dimas@contoh.example",
        "school_or_work": "SMA Negeri 1 Metro",
        "category": MemberCategory.objects.get(code="pelajar").pk,
        "home_library": Library.objects.get(code="SMAN1").pk,
        "guardian_name": "",
        "guardian_phone": "",
        "password1": "buku-pelangi-2026",
        "password2": "buku-pelangi-2026",
        "consent": "on",
    }
    data.update(overrides)
    return data


def person(categories: dict[str, MemberCategory], **overrides: Any) -> dict[str, Any]:
    """Member fields as the services take them (what a form's member_fields() returns)."""
    data: dict[str, Any] = {
        "full_name": "Dimas Saputra",
        "birth_date": date(2007, 8, 17),
        "gender": "m",
        "nik": "",
        "address": "Jl. Merpati 12, Hadimulyo",
        "city": "Kota Metro",
        "phone": "0812 7000 1234",
        "email": "dimas@contoh.example",
        "school_or_work": "",
        "category": categories["pelajar"],
        "guardian_name": "",
        "guardian_phone": "",
    }
    data.update(overrides)
    return data


# Both databases take concurrent writers in tests: PostgreSQL, and SQLite in a file (settings:
# TEST NAME) whose IMMEDIATE transactions queue writers. Kept as a marker to find these tests.
needs_real_concurrency = pytest.mark.concurrency
