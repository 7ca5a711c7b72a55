"""The hold shelf: uncollected holds expire and cancelled ones let go of their copy; either
way the copy goes to the next member in the queue, or back."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.management import call_command

from simpul.catalog.choices import ItemStatus
from simpul.catalog.models import ItemStatusChange
from simpul.circulation import holds
from simpul.circulation.choices import Action, HoldStatus
from simpul.circulation.models import Event, Hold, Notice
from simpul.circulation.tests.hold_world import MONDAY, TODAY, book, copy
from simpul.jobs import worker


@pytest.fixture(autouse=True)
def _monday(time_machine: Any) -> None:
    time_machine.move_to(MONDAY, tick=False)


@pytest.fixture
def laskar(kota: Any, sman1: Any) -> Any:
    return book("Laskar Pelangi", (kota, "K-001"), (sman1, "S-001"))


def set_aside(item: Any, at: Any) -> Hold:
    """What the desk's check-in does: trap, then set the item status from the hold."""
    hold = holds.trap(item, at)
    assert hold is not None
    item.status = holds.item_status_for(hold)
    item.save(update_fields=["status"])
    return hold


def queue(time_machine: Any, laskar: Any, *entries: tuple[Any, Any]) -> list[Hold]:
    placed = []
    for member, pickup in entries:
        placed.append(holds.place_hold(laskar, member, pickup))
        time_machine.shift(timedelta(minutes=1))
    return placed


def test_a_ready_hold_expires_the_day_after_its_last_day_and_the_next_member_gets_the_copy(
    time_machine, siti_member, yoga_member, laskar, sman1, django_capture_on_commit_callbacks
):
    first, second = queue(time_machine, laskar, (siti_member, sman1), (yoga_member, sman1))
    item = copy("S-001")
    set_aside(item, sman1)
    last_day = TODAY + timedelta(days=holds.SHELF_DAYS)

    assert holds.expire_holds(last_day) == 0  # still collectable on its last day
    with django_capture_on_commit_callbacks() as e_mails:
        assert holds.expire_holds(last_day + timedelta(days=1)) == 1
    assert len(e_mails) == 1  # Yoga hears his hold is ready

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == HoldStatus.EXPIRED
    assert (second.status, second.item_id) == (HoldStatus.READY, item.pk)
    assert copy("S-001").status == ItemStatus.ON_HOLD_SHELF  # it stays on the hold shelf
    actions = list(Event.objects.order_by("pk").values_list("action", flat=True))
    assert actions[-2:] == [Action.HOLD_EXPIRED, Action.HOLD_TRAPPED]


def test_the_next_member_collecting_elsewhere_gets_the_copy_sent_to_them(
    time_machine, siti_member, yoga_member, laskar, sman1, kota
):
    _first, second = queue(time_machine, laskar, (siti_member, sman1), (yoga_member, kota))
    set_aside(copy("S-001"), sman1)

    holds.expire_holds(TODAY + timedelta(days=holds.SHELF_DAYS + 1))

    second.refresh_from_db()
    assert second.status == HoldStatus.IN_TRANSIT
    assert copy("S-001").status == ItemStatus.IN_TRANSIT


def test_with_nobody_waiting_the_copy_goes_back_on_its_shelf(siti_member, laskar, sman1):
    holds.place_hold(laskar, siti_member, sman1)
    set_aside(copy("S-001"), sman1)

    holds.expire_holds(TODAY + timedelta(days=30))

    assert copy("S-001").status == ItemStatus.AVAILABLE
    change = ItemStatusChange.objects.filter(item=copy("S-001")).latest("pk")
    assert (change.old_status, change.new_status) == (ItemStatus.ON_HOLD_SHELF, "available")


def test_a_copy_of_another_library_goes_home_when_its_hold_expires(
    siti_member, laskar, sman1, kota
):
    holds.place_hold(laskar, siti_member, sman1)
    item = copy("K-001")
    set_aside(item, kota)  # in transit to SMA N 1
    hold = holds.arrive(item, sman1)
    item.status = holds.item_status_for(hold)
    item.save(update_fields=["status"])

    holds.expire_holds(TODAY + timedelta(days=30))

    assert copy("K-001").status == ItemStatus.IN_TRANSIT
    transit = Event.objects.get(action=Action.TRANSIT)
    assert (transit.library, transit.detail["to"]) == (sman1, "KOTA")


def test_a_member_cancels_a_waiting_hold_and_nothing_else_changes(
    time_machine, siti_member, yoga_member, laskar, sman1
):
    first, second = queue(time_machine, laskar, (siti_member, sman1), (yoga_member, sman1))

    holds.cancel_hold(first)

    first.refresh_from_db()
    assert (first.status, first.closed_at is not None) == (HoldStatus.CANCELLED, True)
    assert Hold.objects.get(pk=second.pk).status == HoldStatus.WAITING
    assert Event.objects.filter(action=Action.HOLD_CANCELLED).count() == 1


def test_cancelling_a_ready_hold_hands_the_copy_to_the_next_member(
    time_machine, siti_member, yoga_member, laskar, sman1
):
    first, second = queue(time_machine, laskar, (siti_member, sman1), (yoga_member, sman1))
    set_aside(copy("S-001"), sman1)

    holds.cancel_hold(Hold.objects.select_related("item__library").get(pk=first.pk))

    second.refresh_from_db()
    assert (second.status, second.item.barcode) == (HoldStatus.READY, "S-001")


def test_cancelling_while_the_copy_travels_sends_it_on_for_the_next_member(
    time_machine, siti_member, yoga_member, laskar, sman1, kota
):
    first, second = queue(time_machine, laskar, (siti_member, sman1), (yoga_member, kota))
    item = copy("K-001")
    set_aside(item, kota)  # on its way to SMA N 1 for Siti

    holds.cancel_hold(Hold.objects.get(pk=first.pk))

    second.refresh_from_db()
    assert (second.status, second.item_id) == (HoldStatus.IN_TRANSIT, item.pk)
    assert holds.arrive(item, kota).status == HoldStatus.READY


def test_a_closed_hold_cannot_be_cancelled(siti_member, laskar, sman1):
    hold = holds.place_hold(laskar, siti_member, sman1)
    holds.cancel_hold(hold)

    with pytest.raises(holds.HoldNotOpen):
        holds.cancel_hold(Hold.objects.get(pk=hold.pk))


def test_the_worker_round_expires_holds_and_sends_notices_once_then_waits(
    siti_member, laskar, sman1, monkeypatch, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    holds.place_hold(laskar, siti_member, sman1)
    set_aside(copy("S-001"), sman1)
    Hold.objects.update(ready_until=TODAY - timedelta(days=1))
    monkeypatch.setattr(worker, "_circulation", worker.Every(600))

    assert worker.run_once() is True
    assert Hold.objects.get().status == HoldStatus.EXPIRED
    assert worker._circulation.due() is False  # ten minutes until the next round


def test_simpul_worker_once_runs_the_circulation_round(
    siti_member, laskar, sman1, monkeypatch, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    siti_member.expires_on = TODAY + timedelta(days=10)
    siti_member.save()
    monkeypatch.setattr(worker, "_circulation", worker.Every(600))

    call_command("simpul_worker", "--once")

    assert Notice.objects.get().key == f"member:{siti_member.pk}:expiring:2026-03-12"
