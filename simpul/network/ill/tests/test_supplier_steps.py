"""The lender's other answers, each a button: accept now but ship later (ExpectToSupply), not
now but ask again (RetryPossible, with a reason), and close a loan whose copy will not come
back (CompletedWithoutReturn, with a reason). Only the steps allowed now are offered."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from simpul.catalog.choices import ItemStatus
from simpul.network.ill import errors, services
from simpul.network.ill.choices import IllStatus
from simpul.network.ill.staff_views import next_steps

pytestmark = pytest.mark.django_db


def _verbs(ill: Any, library: Any) -> list[str]:
    ill.refresh_from_db()
    return [verb for verb, _label in next_steps(ill, library)]


def test_each_status_offers_only_the_steps_it_allows(
    siti_member: Any, sang_pemimpi: Any, budi: Any, kota: Any, sman1: Any
) -> None:
    ill = services.request_title(siti_member, sang_pemimpi, by=None)
    assert _verbs(ill, kota) == ["ship", "accept", "expect", "retry", "decline"]
    services.accept(ill, budi, kota, now=False)
    assert _verbs(ill, kota) == ["ship", "accept", "retry", "decline"]
    services.accept(ill, budi, kota)
    assert _verbs(ill, kota) == ["ship", "decline"]
    assert _verbs(ill, sman1) == ["cancel"]
    services.ship(ill, budi, kota)
    assert _verbs(ill, kota) == ["recall", "lost"]
    assert _verbs(ill, sman1) == ["receive", "renew"]


def test_accept_now_ship_later_with_the_button(
    client: Any, siti_member: Any, sang_pemimpi: Any, budi: Any
) -> None:
    ill = services.request_title(siti_member, sang_pemimpi, by=None)
    client.force_login(budi)
    page = client.get(reverse("ill:staff-request", args=["KOTA", ill.pk])).text
    assert "Setujui, kirim nanti" in page
    client.post(reverse("ill:staff-act", args=["KOTA", ill.pk, "expect"]))
    ill.refresh_from_db()
    assert ill.status == IllStatus.EXPECT_TO_SUPPLY


def test_retry_possible_needs_a_reason_and_the_member_sees_it(
    client: Any, siti: Any, siti_member: Any, sang_pemimpi: Any, budi: Any, kota: Any
) -> None:
    ill = services.request_title(siti_member, sang_pemimpi, by=None)
    client.force_login(budi)
    act = reverse("ill:staff-act", args=["KOTA", ill.pk, "retry"])
    assert "Tulis alasan untuk" in client.post(act, {"reason": " "}, follow=True).text
    client.post(act, {"reason": "Sedang dijilid ulang, coba bulan depan"})
    ill.refresh_from_db()
    assert (ill.status, ill.reason) == (
        IllStatus.RETRY_POSSIBLE,
        "Sedang dijilid ulang, coba bulan depan",
    )
    client.force_login(siti)
    mine = client.get(reverse("ill:mine")).text
    assert "Sedang dijilid ulang" in mine
    assert "Batalkan permintaan" in mine
    services.ship(ill, budi, kota)  # the lender may still fill it later
    assert ill.status == IllStatus.LOANED


def test_a_copy_lost_on_the_way_completes_without_return(
    client: Any, siti_member: Any, sang_pemimpi: Any, budi: Any, kota: Any
) -> None:
    ill = services.request_title(siti_member, sang_pemimpi, by=None)
    services.ship(ill, budi, kota)
    with pytest.raises(errors.ReasonNeeded):
        services.complete_without_return(ill, budi, kota, "")
    client.force_login(budi)
    client.post(
        reverse("ill:staff-act", args=["KOTA", ill.pk, "lost"]),
        {"reason": "Hilang dalam pengiriman"},
    )
    ill.refresh_from_db()
    assert ill.status == IllStatus.COMPLETED_WITHOUT_RETURN
    assert ill.reason == "Hilang dalam pengiriman"
    assert ill.closed_at is not None
    assert ill.item is not None
    assert ill.item.status == ItemStatus.LOST
    assert _verbs(ill, kota) == []


def test_a_copy_the_member_still_has_is_left_to_the_desk(
    siti_has_it: Any, budi: Any, kota: Any
) -> None:
    services.complete_without_return(siti_has_it, budi, kota, "Anggota tidak mengembalikan")
    siti_has_it.item.refresh_from_db()
    assert siti_has_it.item.status == ItemStatus.ON_LOAN
    assert siti_has_it.status == IllStatus.COMPLETED_WITHOUT_RETURN


def test_an_unknown_verb_is_refused_without_an_error_page(
    client: Any, siti_member: Any, sang_pemimpi: Any, budi: Any
) -> None:
    ill = services.request_title(siti_member, sang_pemimpi, by=None)
    client.force_login(budi)
    for verb in ("renew-yes", "lost", "bogus", "recall"):
        response = client.post(reverse("ill:staff-act", args=["KOTA", ill.pk, verb]), follow=True)
        assert response.status_code == 200
        assert "tidak dapat dilakukan sekarang" in response.text
    ill.refresh_from_db()
    assert ill.status == IllStatus.REQUEST_RECEIVED
