"""Renewals: a new due date from today, unless another member waits, the renewals are used up
or the member is blocked."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from simpul.circulation import services
from simpul.circulation.choices import Action, FineKind
from simpul.circulation.errors import Blocked, LoanClosed, RenewalRefused
from simpul.circulation.models import Fine, Hold
from simpul.circulation.tests.desk_world import MONDAY, copy, events, member


@pytest.fixture
def lent(sman1: Any, kota: Any, budi: Any) -> Any:
    """Laskar Pelangi lent at the city library on Monday 3 August, due the 18th."""
    siti = member(sman1, "MTR2026000001")
    copy(kota, "KOTA-0001")
    return services.checkout("KOTA-0001", siti, kota, budi, today=MONDAY).loan


def test_a_renewal_counts_the_loan_days_again_from_today(lent, kota, budi):
    renewed = services.renew(lent, budi, kota, today=date(2026, 8, 14))

    assert renewed.due_on == date(2026, 8, 28)
    assert renewed.renewals_used == 1
    event = events(Action.RENEW).get()
    assert (event.by, event.library, event.loan) == (budi, kota, lent)
    assert (event.detail["old_due"], event.detail["due_on"]) == ("2026-08-18", "2026-08-28")


def test_renewals_run_out(lent, kota, budi):
    services.renew(lent, budi, kota, today=date(2026, 8, 14))
    with pytest.raises(Blocked, match=r"Jatah perpanjangan sudah habis \(1 dari 1\)"):
        services.renew(lent, budi, kota, today=date(2026, 8, 27))


def test_a_renewal_is_refused_when_another_member_waits_even_with_an_override(lent, kota, dewi):
    yoga = member(kota, "MTR2026000002", name="Yoga Pratama")
    Hold.objects.create(
        record=lent.item.record, member=yoga, pickup_library=kota, placed_at=lent.checked_out_at
    )
    with pytest.raises(RenewalRefused, match="Anggota lain sedang menunggu judul ini"):
        services.renew(lent, dewi, kota, override=True, today=date(2026, 8, 14))
    lent.refresh_from_db()
    assert lent.due_on == date(2026, 8, 18)
    assert not events(Action.RENEW).exists()


def test_a_blocked_member_cannot_renew_unless_staff_override(lent, kota, budi, dewi):
    Fine.objects.create(member=lent.member, kind=FineKind.OTHER, amount=15_000, library=kota)
    with pytest.raises(Blocked, match=r"Denda belum dibayar Rp 15\.000"):
        services.renew(lent, budi, kota, today=date(2026, 8, 14))

    services.renew(lent, dewi, kota, override=True, today=date(2026, 8, 14))
    assert events(Action.OVERRIDE).get().detail["blocks"] == ["UNPAID_FINES"]


def test_an_overdue_loan_is_not_renewed(lent, kota, budi):
    with pytest.raises(Blocked, match="terlambat"):
        services.renew(lent, budi, kota, today=date(2026, 8, 20))


def test_renewing_on_the_day_of_the_loan_gives_nothing_and_is_refused(lent, kota, budi):
    with pytest.raises(RenewalRefused, match="sudah paling lama"):
        services.renew(lent, budi, kota, today=MONDAY)
    lent.refresh_from_db()
    assert lent.renewals_used == 0


def test_a_returned_loan_cannot_be_renewed(lent, kota, budi):
    services.checkin("KOTA-0001", kota, budi, today=MONDAY + timedelta(days=3))
    with pytest.raises(LoanClosed):
        services.renew(lent, budi, kota)
