"""The staff list of agreements: filters by kind, status and "ending soon", scoped to the
person, within a fixed number of queries."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse

from simpul.network.choices import AgreementKind, AgreementStatus
from simpul.network.tests.partner_world import MONDAY, TODAY, World, agreement, build, partner


@pytest.fixture(autouse=True)
def _monday(time_machine) -> None:
    time_machine.move_to(MONDAY, tick=False)


@pytest.fixture
def world(network) -> World:
    made = build(network)
    agreement(
        "SEGERA-1", made.school, library=network.libraries["SMAN1"], starts=date(2025, 1, 1),
        ends=TODAY + timedelta(days=20), status=AgreementStatus.ACTIVE, kind=AgreementKind.MOU,
    )  # fmt: skip
    agreement("DRAF-1", made.company, library=network.libraries["KOTA"])
    return made


def numbers(response) -> list[str]:
    return [a.number for a in response.context["agreements"]]


def test_the_list_filters_by_kind_status_and_ending_soon(client_as, admin, world):
    client = client_as(admin)
    url = reverse("partners:agreements")
    every = {"SEGERA-1", "CSR-01/2025", "045/PKS/SMAN1/2025", "DRAF-1"}
    assert set(numbers(client.get(url))) == every
    assert set(numbers(client.get(url, {"kind": "mou"}))) == {"SEGERA-1", "CSR-01/2025"}
    assert numbers(client.get(url, {"status": "draft"})) == ["DRAF-1"]
    assert numbers(client.get(url, {"expiring": "on"})) == ["SEGERA-1"]
    page = client.get(url, {"expiring": "on"}).content.decode()
    assert "segera berakhir" in page
    response = client.get(url, {"status": "nonsense"})
    assert response.status_code == 200
    assert len(numbers(response)) == 4


def test_a_library_administrator_lists_only_the_agreements_of_their_scope(client_as, agus, world):
    found = numbers(client_as(agus).get(reverse("partners:agreements")))
    assert set(found) == {"SEGERA-1", "045/PKS/SMAN1/2025"}


def test_the_list_costs_a_fixed_number_of_queries(
    client_as, admin, world, network, django_assert_max_num_queries
):
    for n in range(10):
        extra = partner(f"Sekolah {n}", network.libraries["SMAN2"])
        agreement(
            f"X-{n}", extra, library=network.libraries["KOTA"], responsible=network.people["dewi"]
        )
    client = client_as(admin)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("partners:agreements"))
    assert len(numbers(response)) == 14
