"""KOTA recalls the copy Siti has: the lender's date comes closer, Siti's loan at SMA N 1 is
shortened (never lengthened), a waiting renewal is refused, and both libraries see it."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from simpul.circulation import rules
from simpul.circulation.choices import Action
from simpul.circulation.models import Event, Loan
from simpul.network.ill import due_dates, errors, services
from simpul.network.ill.choices import IllStatus, Renewal
from simpul.network.ill.models import IllRequest
from simpul.network.ill.tests.world import lent_to_member

pytestmark = pytest.mark.django_db


def _loan(ill: IllRequest) -> Loan:
    return Loan.objects.get(item=ill.item, returned_at__isnull=True)


def test_a_recall_shortens_the_members_loan(
    settings: Any, siti_has_it: IllRequest, budi: Any, kota: Any, sman1: Any
) -> None:
    settings.ILL_RECALL_DAYS = 3
    ill, today = siti_has_it, timezone.localdate()
    due_dates.recall(ill, budi, kota, "Dibutuhkan untuk pameran")
    ill.refresh_from_db()
    assert ill.status == IllStatus.RECALLED
    assert ill.reason == "Dibutuhkan untuk pameran"
    assert ill.due_on == rules.due_on(kota, today, 3)
    expected = min(rules.due_on(sman1, today, 3), ill.due_on)
    assert _loan(ill).due_on == expected
    audit = Event.objects.get(action=Action.DUE_CHANGED)
    assert (audit.detail["why"], audit.library) == ("recall", sman1)


def test_a_recall_never_lengthens_a_loan(
    settings: Any, siti_member: Any, sang_pemimpi: Any, budi: Any, rina: Any, kota: Any
) -> None:
    settings.ILL_RECALL_DAYS = 30
    ill = services.request_title(siti_member, sang_pemimpi, by=None)
    soon = timezone.localdate() + timedelta(days=2)
    loan = lent_to_member(ill, budi, rina, due=soon)
    due_dates.recall(ill, budi, kota, "Segera kembali")
    ill.refresh_from_db()
    assert ill.due_on == soon
    assert Loan.objects.get(pk=loan.pk).due_on == soon
    assert not Event.objects.filter(action=Action.DUE_CHANGED, detail__why="recall").exists()


def test_a_recall_needs_a_reason_and_a_loaned_copy(
    siti_has_it: IllRequest, budi: Any, kota: Any
) -> None:
    with pytest.raises(errors.ReasonNeeded):
        due_dates.recall(siti_has_it, budi, kota, "  ")
    assert siti_has_it.due_on is not None
    due_dates.mark_overdue(siti_has_it.due_on + timedelta(days=1))
    siti_has_it.refresh_from_db()
    with pytest.raises(errors.ActionNotAllowed):
        due_dates.recall(siti_has_it, budi, kota, "Sudah terlambat")


def test_a_recall_refuses_a_waiting_renewal(
    siti_has_it: IllRequest, budi: Any, rina: Any, kota: Any, sman1: Any
) -> None:
    ill = siti_has_it
    due_dates.ask_renewal(ill, rina, sman1)
    due_dates.recall(ill, budi, kota, "Ada yang menunggu")
    ill.refresh_from_db()
    assert (ill.renewal, ill.renewal_note) == (Renewal.REFUSED, "Ada yang menunggu")
    with pytest.raises(errors.ActionNotAllowed):
        due_dates.ask_renewal(ill, rina, sman1)


def test_staff_recall_with_the_button_and_the_borrower_sees_it(
    client: Any, siti_has_it: IllRequest, budi: Any, rina: Any
) -> None:
    ill = siti_has_it
    client.force_login(budi)
    act = reverse("ill:staff-act", args=["KOTA", ill.pk, "recall"])
    assert "Tarik kembali" in client.get(reverse("ill:staff-request", args=["KOTA", ill.pk])).text
    refused = client.post(act, {"reason": ""}, follow=True)
    assert "Tulis alasan untuk" in refused.text
    client.post(act, {"reason": "Untuk inventarisasi"})
    ill.refresh_from_db()
    assert ill.status == IllStatus.RECALLED
    client.force_login(rina)
    page = client.get(reverse("ill:staff-request", args=["SMAN1", ill.pk])).text
    assert "Ditarik kembali" in page
    assert "Untuk inventarisasi" in page
