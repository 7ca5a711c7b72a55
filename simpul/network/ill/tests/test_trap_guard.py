"""A borrowed copy returned at the borrowing library's desk goes home, even when a member of
that library waits for the same title there: it is KOTA's, lent to SMA N 1 for Siti only.
Back at KOTA, once the loan is over, it may serve that hold as any copy would."""

from __future__ import annotations

from typing import Any

import pytest

from simpul.catalog.choices import ItemStatus
from simpul.circulation.choices import HoldStatus
from simpul.circulation.holds import place_hold
from simpul.circulation.services import checkin
from simpul.network.ill import services
from simpul.network.ill.choices import IllStatus
from simpul.network.ill.models import IllRequest
from simpul.network.ill.tests.world import membership

pytestmark = pytest.mark.django_db


def test_a_borrowed_copy_checked_in_where_it_was_borrowed_goes_home_not_to_a_hold(
    siti_has_it: IllRequest, sang_pemimpi: Any, rina: Any, budi: Any, sman1: Any, kota: Any
) -> None:
    dewi = membership(None, sman1, "M-ILL-HOLD")
    hold = place_hold(sang_pemimpi, dewi, sman1)
    item = siti_has_it.item
    assert item is not None

    result = checkin(item.barcode, sman1, rina)  # Siti brings it back to her school's desk

    assert result.hold is None
    assert result.send_to == kota
    item.refresh_from_db()
    assert item.status == ItemStatus.IN_TRANSIT
    hold.refresh_from_db()
    assert (hold.status, hold.item_id) == (HoldStatus.WAITING, None)

    services.ship_return(siti_has_it, rina, sman1)
    services.check_in_return(siti_has_it, budi, kota)  # home: the loan is over
    siti_has_it.refresh_from_db()
    assert siti_has_it.status == IllStatus.LOAN_COMPLETED
    hold.refresh_from_db()
    assert (hold.status, hold.item_id) == (HoldStatus.IN_TRANSIT, item.pk)


def test_a_copy_not_on_interlibrary_loan_is_still_trapped(
    siti_member: Any, rina: Any, sman1: Any, kota: Any
) -> None:
    from simpul.circulation.services import checkout
    from simpul.network.ill.tests.world import book

    record = book("Edensor", (kota, "K-TRAP-1"))
    dewi = membership(None, sman1, "M-ILL-HOLD-2")
    checkout("K-TRAP-1", siti_member, sman1, rina)  # lent at SMA N 1's desk, not by ILL
    hold = place_hold(record, dewi, sman1)
    result = checkin("K-TRAP-1", sman1, rina)
    assert result.hold == hold
    hold.refresh_from_db()
    assert hold.status == HoldStatus.READY
