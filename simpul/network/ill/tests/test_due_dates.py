"""The lender's due date: set when KOTA ships, shown to both libraries and to Siti, a cap on
Siti's loan at SMA N 1, and the worker's sweep that marks a late loan Overdue once."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from simpul.circulation.models import Loan
from simpul.circulation.services import checkin
from simpul.jobs.worker import ill_overdue_round
from simpul.network.ill import due_dates, errors, services
from simpul.network.ill.choices import IllStatus
from simpul.network.ill.models import IllRequest
from simpul.network.ill.tests.world import lent_to_member

pytestmark = pytest.mark.django_db


def test_shipping_sets_the_lenders_due_date_and_both_sides_see_it(
    client: Any,
    settings: Any,
    siti_member: Any,
    sang_pemimpi: Any,
    budi: Any,
    rina: Any,
    siti: Any,
    kota: Any,
) -> None:
    settings.ILL_LOAN_DAYS = 21
    ill = services.request_title(siti_member, sang_pemimpi, by=None)
    services.ship(ill, budi, kota)
    ill.refresh_from_db()
    assert ill.due_on == services.loan_due(kota)
    assert ill.due_on >= timezone.localdate() + timedelta(days=21)
    shown = date_format(ill.due_on, "j F Y")
    for user, code in ((budi, "KOTA"), (rina, "SMAN1")):
        client.force_login(user)
        assert shown in client.get(reverse("ill:staff-request", args=[code, ill.pk])).text
    client.force_login(siti)
    assert shown in client.get(reverse("ill:mine")).text


def test_the_lender_may_choose_the_date_but_not_a_past_one(
    client: Any, siti_member: Any, sang_pemimpi: Any, budi: Any, kota: Any
) -> None:
    ill = services.request_title(siti_member, sang_pemimpi, by=None)
    with pytest.raises(errors.DueDateTooEarly):
        services.ship(ill, budi, kota, due=timezone.localdate())
    client.force_login(budi)
    page = client.get(reverse("ill:staff-request", args=["KOTA", ill.pk])).text
    assert 'name="due"' in page
    act = reverse("ill:staff-act", args=["KOTA", ill.pk, "ship"])
    for bad in ("kemarin", "99999-01-01", "2026-13-01"):
        response = client.post(act, {"due": bad}, follow=True)
        assert response.status_code == 200
        assert "bukan tanggal jatuh tempo yang valid" in response.text
    chosen = timezone.localdate() + timedelta(days=10)
    client.post(act, {"due": chosen.isoformat()})
    ill.refresh_from_db()
    assert (ill.status, ill.due_on) == (IllStatus.LOANED, chosen)


def test_the_members_loan_never_outlasts_the_lenders_date(
    siti_member: Any, sang_pemimpi: Any, budi: Any, rina: Any
) -> None:
    ill = services.request_title(siti_member, sang_pemimpi, by=None)
    soon = timezone.localdate() + timedelta(days=2)
    loan = lent_to_member(ill, budi, rina, due=soon)
    assert loan.due_on == soon
    assert Loan.objects.get(pk=loan.pk).due_on == soon


def test_the_sweep_marks_a_late_loan_overdue_once_and_the_worker_runs_it(
    siti_has_it: IllRequest,
) -> None:
    ill = siti_has_it
    assert ill.due_on is not None
    assert due_dates.mark_overdue(ill.due_on) == 0  # due today is not late
    late = ill.due_on + timedelta(days=1)
    assert ill_overdue_round(late) == 1
    assert due_dates.mark_overdue(late) == 0
    ill.refresh_from_db()
    assert ill.status == IllStatus.OVERDUE
    assert ill.events.filter(status=IllStatus.OVERDUE).count() == 1
    assert ill.events.get(status=IllStatus.OVERDUE).library == ill.supplier_library


def test_a_copy_already_on_its_way_back_is_not_overdue(
    siti_has_it: IllRequest, rina: Any, sman1: Any
) -> None:
    ill = siti_has_it
    assert ill.item is not None
    checkin(ill.item.barcode, sman1, rina)
    services.ship_return(ill, rina, sman1)
    assert ill.due_on is not None
    assert due_dates.mark_overdue(ill.due_on + timedelta(days=5)) == 0
    ill.refresh_from_db()
    assert ill.status == IllStatus.LOANED


def test_the_worker_round_logs_a_failure_and_never_raises(monkeypatch: Any) -> None:
    def broken(today: Any = None) -> int:
        raise RuntimeError("database went away")

    monkeypatch.setattr(due_dates, "mark_overdue", broken)
    assert due_dates.overdue_round() == 0
