"""Renew inside one Simpul: SMA N 1 (or Siti herself) asks KOTA for more time on the copy Siti
has; KOTA says yes (the due date moves, and Siti's loan with it) or no (recorded, shown)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from simpul.circulation.choices import Action
from simpul.circulation.models import Event, Loan
from simpul.network.ill import due_dates, errors, services
from simpul.network.ill.choices import IllAction, IllStatus, Renewal
from simpul.network.ill.models import IllEvent, IllRequest

pytestmark = pytest.mark.django_db


def _loan(ill: IllRequest) -> Loan:
    return Loan.objects.get(item=ill.item, returned_at__isnull=True)


def test_the_lender_says_yes_and_the_members_loan_follows_the_new_due_date(
    siti_has_it: IllRequest, budi: Any, rina: Any, kota: Any, sman1: Any
) -> None:
    ill, old_due = siti_has_it, siti_has_it.due_on
    assert old_due is not None
    assert due_dates.ask_renewal(ill, rina, sman1) is True
    assert ill.renewal == Renewal.REQUESTED

    due_dates.answer_renewal(ill, budi, kota, yes=True)

    ill.refresh_from_db()
    expected = due_dates.renew_due(kota, old_due, timezone.localdate())
    assert (ill.renewal, ill.renewals, ill.due_on) == (Renewal.GRANTED, 1, expected)
    assert ill.status == IllStatus.LOANED
    assert _loan(ill).due_on == expected
    audit = Event.objects.get(action=Action.DUE_CHANGED, loan=_loan(ill))
    assert audit.detail["due_on"] == expected.isoformat()
    assert audit.detail["ill"] == ill.request_id
    assert audit.library == sman1


def test_an_overdue_loan_renewed_is_loaned_again(
    siti_has_it: IllRequest, budi: Any, rina: Any, kota: Any, sman1: Any
) -> None:
    ill = siti_has_it
    assert ill.due_on is not None
    assert due_dates.mark_overdue(ill.due_on + timedelta(days=1)) == 1
    ill.refresh_from_db()
    assert ill.status == IllStatus.OVERDUE
    due_dates.ask_renewal(ill, rina, sman1)
    new_due = timezone.localdate() + timedelta(days=60)
    due_dates.answer_renewal(ill, budi, kota, yes=True, due=new_due)
    ill.refresh_from_db()
    assert (ill.status, ill.due_on) == (IllStatus.LOANED, new_due)
    assert ill.events.filter(status=IllStatus.LOANED, action=IllAction.RENEW).count() == 1


def test_asking_twice_and_answering_twice_renews_once(
    siti_has_it: IllRequest, budi: Any, rina: Any, kota: Any, sman1: Any
) -> None:
    ill = siti_has_it
    stale = IllRequest.objects.get(pk=ill.pk)
    assert due_dates.ask_renewal(ill, rina, sman1) is True
    assert due_dates.ask_renewal(stale, rina, sman1) is False  # the double click
    first, second = (IllRequest.objects.get(pk=ill.pk) for _ in range(2))
    due_dates.answer_renewal(first, budi, kota, yes=True)
    with pytest.raises(errors.RequestChanged):
        due_dates.answer_renewal(second, budi, kota, yes=True)  # the second click saw "asked"
    ill.refresh_from_db()
    assert ill.renewals == 1
    assert ill.events.filter(action=IllAction.RENEW).count() == 2  # asked once, answered once
    assert Event.objects.filter(action=Action.DUE_CHANGED).count() == 1


def test_the_lender_says_no_and_everyone_sees_it(
    client: Any, siti_has_it: IllRequest, budi: Any, rina: Any, siti: Any, kota: Any, sman1: Any
) -> None:
    ill, old_due = siti_has_it, siti_has_it.due_on
    loan_due = _loan(ill).due_on
    due_dates.ask_renewal(ill, rina, sman1)
    due_dates.answer_renewal(ill, budi, kota, yes=False, why="Ada antrean di perpustakaan kami")
    ill.refresh_from_db()
    assert (ill.renewal, ill.renewals, ill.due_on) == (Renewal.REFUSED, 0, old_due)
    assert _loan(ill).due_on == loan_due
    client.force_login(rina)
    page = client.get(reverse("ill:staff-request", args=["SMAN1", ill.pk])).text
    assert "Perpanjangan ditolak" in page
    assert "Ada antrean di perpustakaan kami" in page
    client.force_login(siti)
    mine = client.get(reverse("ill:mine")).text
    assert "Perpanjangan ditolak" in mine
    assert "Minta perpanjangan" in mine  # she may ask again


def test_staff_answer_with_the_buttons_and_a_date(
    client: Any, siti_has_it: IllRequest, budi: Any, rina: Any, sman1: Any
) -> None:
    ill = siti_has_it
    client.force_login(rina)
    client.post(reverse("ill:staff-act", args=["SMAN1", ill.pk, "renew"]))
    client.force_login(budi)
    page = client.get(reverse("ill:staff-request", args=["KOTA", ill.pk])).text
    assert "Setujui perpanjangan" in page
    assert "Tolak perpanjangan" in page
    too_early = client.post(
        reverse("ill:staff-act", args=["KOTA", ill.pk, "renew-yes"]),
        {"due": timezone.localdate().isoformat()},
        follow=True,
    )
    assert "Jatuh tempo harus sesudah" in too_early.text
    nonsense = client.post(
        reverse("ill:staff-act", args=["KOTA", ill.pk, "renew-yes"]),
        {"due": "2026-02-30"},
        follow=True,
    )
    assert nonsense.status_code == 200
    assert "bukan tanggal jatuh tempo yang valid" in nonsense.text
    new_due = timezone.localdate() + timedelta(days=45)
    done = client.post(
        reverse("ill:staff-act", args=["KOTA", ill.pk, "renew-yes"]),
        {"due": new_due.isoformat()},
        follow=True,
    )
    assert "Setujui perpanjangan: selesai." in done.text
    ill.refresh_from_db()
    assert ill.due_on == new_due
    assert _loan(ill).due_on == new_due


def test_siti_asks_from_her_page_once_however_often_she_taps(
    client_as: Any, siti: Any, siti_has_it: IllRequest
) -> None:
    client = client_as(siti)
    assert "Minta perpanjangan" in client.get(reverse("ill:mine")).text
    client.post(reverse("ill:renew", args=[siti_has_it.pk]))
    again = client.post(reverse("ill:renew", args=[siti_has_it.pk]), follow=True)
    assert "sudah diminta" in again.text
    assert "Perpanjangan diminta" in again.text
    assert IllEvent.objects.filter(request=siti_has_it, action=IllAction.RENEW).count() == 1


def test_nothing_to_renew_before_the_copy_is_shipped(
    client_as: Any, siti: Any, siti_member: Any, sang_pemimpi: Any, rina: Any, sman1: Any
) -> None:
    ill = services.request_title(siti_member, sang_pemimpi, by=None)
    with pytest.raises(errors.ActionNotAllowed):
        due_dates.ask_renewal(ill, rina, sman1)
    page = client_as(siti).post(reverse("ill:renew", args=[ill.pk]), follow=True)
    assert "tidak dapat diperpanjang sekarang" in page.text
    ill.refresh_from_db()
    assert ill.renewal == ""


def test_an_answer_nobody_asked_for_is_refused(
    siti_has_it: IllRequest, budi: Any, kota: Any
) -> None:
    with pytest.raises(errors.NoRenewalAsked):
        due_dates.answer_renewal(siti_has_it, budi, kota, yes=True)
