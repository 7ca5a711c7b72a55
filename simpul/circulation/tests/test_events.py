"""The audit trail: every circulation action leaves an Event saying who, when, where and what."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from simpul.catalog.choices import ItemType
from simpul.circulation import services
from simpul.circulation.choices import Action
from simpul.circulation.models import Event, Fine
from simpul.circulation.tests.desk_world import MONDAY, copy, member


@pytest.fixture
def desk(sman1: Any, kota: Any, budi: Any, dewi: Any) -> dict[str, Any]:
    siti = member(sman1, "MTR2026000001")
    for n in range(1, 4):
        copy(kota, f"KOTA-000{n}", title=f"Buku {n}", price=50_000)
    copy(kota, "KOTA-REF1", item_type=ItemType.REFERENCE)
    return {"siti": siti, "kota": kota, "budi": budi, "dewi": dewi}


def lend(d: dict[str, Any], barcode: str) -> Any:
    return services.checkout(barcode, d["siti"], d["kota"], d["budi"], today=MONDAY).loan


def _checkout(d: dict[str, Any]) -> None:
    lend(d, "KOTA-0001")


def _override(d: dict[str, Any]) -> None:
    services.checkout("KOTA-REF1", d["siti"], d["kota"], d["dewi"], override=True, today=MONDAY)


def _renew(d: dict[str, Any]) -> None:
    services.renew(lend(d, "KOTA-0001"), d["budi"], d["kota"], today=date(2026, 8, 14))


def _checkin(d: dict[str, Any]) -> None:
    lend(d, "KOTA-0001")
    services.checkin("KOTA-0001", d["kota"], d["budi"], today=date(2026, 8, 30))


def _payment(d: dict[str, Any]) -> None:
    _checkin(d)
    services.pay(d["siti"], 1000, d["budi"], d["kota"])


def _waiver(d: dict[str, Any]) -> None:
    _checkin(d)
    services.waive(Fine.objects.get(), 1000, d["dewi"], "Hari pertama sakit", d["kota"])


def _lost(d: dict[str, Any]) -> None:
    services.mark_lost(lend(d, "KOTA-0002"), d["budi"], d["kota"])


def _damaged(d: dict[str, Any]) -> None:
    services.mark_damaged(lend(d, "KOTA-0003"), d["budi"], d["kota"], today=MONDAY)


def _transit(d: dict[str, Any]) -> None:
    lend(d, "KOTA-0001")
    services.checkin("KOTA-0001", d["siti"].home_library, d["budi"], today=MONDAY)


ACTIONS = {
    Action.CHECKOUT: _checkout,
    Action.OVERRIDE: _override,
    Action.RENEW: _renew,
    Action.CHECKIN: _checkin,
    Action.FINE: _checkin,
    Action.PAYMENT: _payment,
    Action.WAIVER: _waiver,
    Action.LOST: _lost,
    Action.DAMAGED: _damaged,
    Action.TRANSIT: _transit,
}


@pytest.mark.parametrize("action", list(ACTIONS), ids=str)
def test_every_action_leaves_an_event_with_who_when_and_where(desk, action):
    ACTIONS[action](desk)

    event = Event.objects.filter(action=action).latest("pk")
    assert event.by in (desk["budi"], desk["dewi"])
    assert event.library is not None
    assert event.at is not None
    assert event.item is not None or event.member == desk["siti"]
