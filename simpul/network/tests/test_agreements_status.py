"""An agreement's status follows TRANSITIONS through one function that writes who and when;
a second click hears what happened instead of changing it twice; the worker expires
agreements whose end date has passed."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from simpul.jobs.worker import partners_round
from simpul.network import services
from simpul.network.choices import TRANSITIONS, AgreementStatus
from simpul.network.errors import (
    AgreementChanged,
    AlreadyEnded,
    NotSignedYet,
    StatusChangeNotAllowed,
)
from simpul.network.models import Agreement, AgreementParty, AgreementStatusChange
from simpul.network.tests.partner_world import MONDAY, TODAY, World, agreement, build

S = AgreementStatus


@pytest.fixture(autouse=True)
def _monday(time_machine) -> None:
    time_machine.move_to(MONDAY, tick=False)


@pytest.fixture
def world(network) -> World:
    return build(network)


@pytest.fixture
def draft(world, network) -> Agreement:
    return agreement("046/PKS/SMAN1/2026", world.school, library=network.libraries["SMAN1"])


def change(client, made: Agreement, status: str, expected: str, note: str = ""):
    url = reverse("partners:agreement-status", args=[made.pk])
    return client.post(url, {"status": status, "expected": expected, "note": note}, follow=True)


def test_every_status_has_its_transitions_and_terminated_is_final():
    assert set(TRANSITIONS) == set(S.values)
    assert TRANSITIONS[S.TERMINATED] == frozenset()
    assert S.EXPIRED in TRANSITIONS[S.ACTIVE]


def test_a_library_administrator_puts_a_signed_draft_in_force(client_as, agus, draft):
    response = change(client_as(agus), draft, S.ACTIVE, S.DRAFT, "Ditandatangani kedua pihak.")
    draft.refresh_from_db()
    assert draft.status == S.ACTIVE
    latest = draft.status_changes.first()
    assert (latest.old, latest.new, latest.by, latest.note) == (
        S.DRAFT, S.ACTIVE, agus, "Ditandatangani kedua pihak."
    )  # fmt: skip
    assert latest.at.date() == TODAY
    page = response.content.decode()
    assert "Status perjanjian 046/PKS/SMAN1/2026 sekarang “Berlaku”." in page
    assert "Agus Prasetyo" in page
    assert "Draf → Berlaku" in page


def test_the_same_status_form_sent_twice_changes_it_once(client_as, agus, draft):
    client = client_as(agus)
    change(client, draft, S.ACTIVE, S.DRAFT)
    response = change(client, draft, S.ACTIVE, S.DRAFT)
    assert response.status_code == 200
    assert "mungkin formulirnya terkirim dua kali" in response.content.decode()
    assert draft.status_changes.filter(new=S.ACTIVE).count() == 1


def test_a_stale_agreement_cannot_overwrite_a_change_made_meanwhile(draft, admin, agus):
    stale = Agreement.objects.get(pk=draft.pk)
    services.set_status(draft, S.ACTIVE, by=agus)
    with pytest.raises(AgreementChanged) as refused:
        services.set_status(stale, S.TERMINATED, by=admin)
    assert "sekarang “Berlaku”" in refused.value.message
    assert Agreement.objects.get(pk=draft.pk).status == S.ACTIVE


def test_a_draft_without_a_signature_date_or_past_its_end_is_not_put_in_force(world, network, agus):
    unsigned = agreement("TTD-0", world.school, library=network.libraries["SMAN1"], signed_on=None)
    with pytest.raises(NotSignedYet):
        services.set_status(unsigned, S.ACTIVE, by=agus)
    old = agreement(
        "LAMA-1",
        world.school,
        library=network.libraries["SMAN1"],
        starts=date(2024, 1, 1),
        ends=date(2025, 12, 31),
    )
    with pytest.raises(AlreadyEnded) as refused:
        services.set_status(old, S.ACTIVE, by=agus)
    assert refused.value.message.endswith(
        "berakhir pada 31 Desember 2025: perpanjang dulu tanggal berakhirnya."
    )


def test_a_terminated_agreement_stays_terminated(client_as, admin, world):
    client = client_as(admin)
    change(client, world.school_pks, S.TERMINATED, S.ACTIVE, "Sekolah pindah gedung.")
    world.school_pks.refresh_from_db()
    with pytest.raises(StatusChangeNotAllowed):
        services.set_status(world.school_pks, S.ACTIVE, by=admin)
    response = change(client, world.school_pks, S.ACTIVE, S.TERMINATED)
    assert "Pilih status baru dari daftar." in response.content.decode()
    assert Agreement.objects.get(pk=world.school_pks.pk).status == S.TERMINATED


def test_the_worker_expires_agreements_the_day_after_they_end(world, network, time_machine):
    ending = agreement(
        "AKHIR-1",
        world.school,
        library=network.libraries["SMAN1"],
        starts=date(2025, 3, 1),
        ends=TODAY + timedelta(days=1),
        status=S.ACTIVE,
    )
    partners_round()
    assert Agreement.objects.get(pk=ending.pk).status == S.ACTIVE  # its last day is tomorrow
    time_machine.move_to(MONDAY + timedelta(days=2), tick=False)
    counts = partners_round()
    assert counts["expired"] == 1
    ending.refresh_from_db()
    assert ending.status == S.EXPIRED
    latest = ending.status_changes.first()
    assert (latest.old, latest.new, latest.by) == (S.ACTIVE, S.EXPIRED, None)
    assert partners_round()["expired"] == 0
    assert Agreement.objects.get(pk=world.school_pks.pk).status == S.ACTIVE


def test_an_expired_agreement_extended_is_put_in_force_again(world, network, admin):
    ended = agreement(
        "AKHIR-2", world.school, library=network.libraries["SMAN1"],
        starts=date(2024, 1, 1), ends=date(2026, 2, 28), status=S.EXPIRED,
    )  # fmt: skip
    services.change_agreement(
        ended,
        {"ends_on": date(2027, 2, 28), "starts_on": ended.starts_on, "number": ended.number},
        partners=[world.school],
    )
    services.set_status(ended, S.ACTIVE, by=admin, note="Adendum perpanjangan")
    assert Agreement.objects.get(pk=ended.pk).status == S.ACTIVE


def test_the_database_keeps_numbers_unique_per_partner_and_dates_in_order(world, network):
    with pytest.raises(IntegrityError), transaction.atomic():
        AgreementParty.objects.create(
            agreement=world.company_mou, partner=world.school, number_key="045/PKS/SMAN1/2025"
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Agreement.objects.filter(pk=world.school_pks.pk).update(ends_on=date(2020, 1, 1))
    assert AgreementStatusChange.objects.filter(agreement=world.school_pks).count() == 2
