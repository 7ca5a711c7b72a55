"""Placing holds and the fair queue: first placed, first served, over every copy."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from simpul.catalog.choices import ItemStatus
from simpul.circulation import holds
from simpul.circulation.choices import Action, HoldStatus
from simpul.circulation.hold_lists import with_queue_position
from simpul.circulation.models import Event, Hold
from simpul.circulation.tests.hold_world import MONDAY, TODAY, book, copy, lend, membership
from simpul.members.choices import MemberStatus


@pytest.fixture(autouse=True)
def _monday(time_machine: Any) -> None:
    time_machine.move_to(MONDAY, tick=False)


def test_a_member_places_a_waiting_hold_to_collect_at_a_library_of_their_choice(
    siti_member, laskar, kota, siti
):
    hold = holds.place_hold(laskar, siti_member, kota, by=siti)

    assert hold.status == HoldStatus.WAITING
    assert hold.pickup_library == kota
    assert hold.placed_at == MONDAY
    event = Event.objects.get(action=Action.HOLD_PLACED)
    assert (event.member, event.library, event.detail["hold"]) == (siti_member, kota, hold.pk)


def test_a_second_hold_on_the_same_title_is_refused_with_a_friendly_message(
    siti_member, laskar, sman1
):
    holds.place_hold(laskar, siti_member, sman1)

    with pytest.raises(holds.HoldAlreadyPlaced) as refused:
        holds.place_hold(laskar, siti_member, sman1)

    assert "Anda sudah memesan “Laskar Pelangi”" in refused.value.message
    assert Hold.objects.count() == 1


def test_the_database_refuses_a_second_open_hold_even_when_the_check_is_raced(
    siti_member, laskar, sman1
):
    holds.place_hold(laskar, siti_member, sman1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Hold.objects.create(
            record=laskar, member=siti_member, pickup_library=sman1, placed_at=timezone.now()
        )


def test_an_expired_membership_cannot_place_holds_and_says_when_it_ended(
    siti_member, laskar, sman1
):
    siti_member.expires_on = TODAY - timedelta(days=1)
    siti_member.save()

    with pytest.raises(holds.MembershipExpired) as refused:
        holds.place_hold(laskar, siti_member, sman1)

    assert "1 Maret 2026" in refused.value.message
    assert not Hold.objects.exists()


@pytest.mark.parametrize(
    ("status", "error"),
    [
        (MemberStatus.SUSPENDED, holds.MembershipSuspended),
        (MemberStatus.PENDING, holds.MembershipNotActive),
    ],
)
def test_a_suspended_or_pending_member_is_told_why(siti_member, laskar, sman1, status, error):
    siti_member.status = status
    siti_member.save()

    with pytest.raises(error):
        holds.place_hold(laskar, siti_member, sman1)


def test_pickup_is_offered_at_libraries_that_lend_and_at_the_members_own(
    network, siti_member, yoga_member
):
    lending = {"KOTA", "KELILING", "SMAN1", "MAN1", "UMMETRO"}

    assert {lib.code for lib in holds.pickup_libraries(siti_member)} == lending
    sman2_member = membership(None, network.libraries["SMAN2"], number="M-0009")
    assert {lib.code for lib in holds.pickup_libraries(sman2_member)} == lending | {"SMAN2"}


def test_pickup_at_a_school_that_does_not_lend_to_the_network_is_refused(
    yoga_member, laskar, sman2
):
    with pytest.raises(holds.PickupNotAllowed):
        holds.place_hold(laskar, yoga_member, sman2)


def test_a_title_without_a_copy_that_can_come_is_refused(yoga_member, sman2, kota):
    only_at_sman2 = book("Buku Kenangan SMA N 2", (sman2, "S2-001"))

    with pytest.raises(holds.NoCopyForHold):
        holds.place_hold(only_at_sman2, yoga_member, kota)


def test_a_member_cannot_hold_a_title_they_are_borrowing(yoga_member, laskar, kota):
    lend(copy("K-001"), yoga_member, TODAY + timedelta(days=5))

    with pytest.raises(holds.TitleAlreadyOnLoan):
        holds.place_hold(laskar, yoga_member, kota)


def test_the_queue_is_first_placed_first_served_whichever_copy_comes_back_first(
    time_machine, siti_member, yoga_member, nur_member, laskar, kota, sman1
):
    lend(copy("K-001"), membership(None, kota, number="M-0100"), TODAY)
    lend(copy("S-001"), membership(None, sman1, number="M-0101"), TODAY)
    placed = []
    for member, pickup in [(nur_member, kota), (siti_member, sman1), (yoga_member, kota)]:
        placed.append(holds.place_hold(laskar, member, pickup))
        time_machine.shift(timedelta(minutes=5))

    first = holds.trap(copy("S-001"), sman1)  # returned at SMA N 1: Nur (first) is served
    second = holds.trap(copy("K-001"), kota)  # then Siti, though the copy is at the city

    assert (first.pk, first.status, first.item.barcode) == (
        placed[0].pk,
        HoldStatus.IN_TRANSIT,
        "S-001",
    )
    assert (second.pk, second.status) == (placed[1].pk, HoldStatus.IN_TRANSIT)
    assert Hold.objects.get(pk=placed[2].pk).status == HoldStatus.WAITING


def test_queue_positions_count_the_waiting_holds_placed_earlier(
    time_machine, siti_member, yoga_member, nur_member, laskar, kota
):
    for member in (nur_member, siti_member, yoga_member):
        holds.place_hold(laskar, member, kota)
        time_machine.shift(timedelta(minutes=1))

    positions = dict(
        with_queue_position(Hold.objects.all()).values_list("member__number", "queue_position")
    )

    assert positions == {"M-0003": 1, "M-0001": 2, "M-0002": 3}


def test_trapped_at_the_pickup_library_the_hold_is_ready_for_a_week(
    siti_member, laskar, sman1, budi, django_capture_on_commit_callbacks
):
    holds.place_hold(laskar, siti_member, sman1)
    item = copy("S-001")

    with django_capture_on_commit_callbacks() as callbacks:
        hold = holds.trap(item, sman1, by=budi)

    assert hold.status == HoldStatus.READY
    assert hold.ready_at == MONDAY
    assert hold.ready_until == TODAY + timedelta(days=holds.SHELF_DAYS)
    assert holds.item_status_for(hold) == ItemStatus.ON_HOLD_SHELF
    assert len(callbacks) == 1  # the e-mail waits for the check-in to commit
    event = Event.objects.get(action=Action.HOLD_TRAPPED)
    assert (event.by, event.library, event.item) == (budi, sman1, item)


def test_the_hold_shelf_day_moves_past_a_day_the_pickup_library_is_closed(
    siti_member, laskar, sman1, budi
):
    from simpul.libraries.services import add_closure

    last_day = TODAY + timedelta(days=holds.SHELF_DAYS)
    add_closure(sman1, last_day, "Rapat guru")
    holds.place_hold(laskar, siti_member, sman1)

    hold = holds.trap(copy("S-001"), sman1, by=budi)

    assert hold.ready_until > last_day
    assert hold.ready_until == holds.shelf_until(sman1, TODAY)


def test_trapped_elsewhere_the_copy_travels_and_becomes_ready_when_it_arrives(
    siti_member, laskar, sman1, kota, django_capture_on_commit_callbacks
):
    holds.place_hold(laskar, siti_member, sman1)
    item = copy("K-001")

    with django_capture_on_commit_callbacks() as on_the_way:
        hold = holds.trap(item, kota)
    assert hold.status == HoldStatus.IN_TRANSIT
    assert hold.ready_until is None
    assert holds.item_status_for(hold) == ItemStatus.IN_TRANSIT
    assert on_the_way == []  # nothing to tell Siti yet

    with django_capture_on_commit_callbacks() as arrived:
        ready = holds.arrive(item, sman1)
    assert ready.pk == hold.pk
    assert ready.status == HoldStatus.READY
    assert ready.ready_until == TODAY + timedelta(days=holds.SHELF_DAYS)
    assert len(arrived) == 1


def test_a_copy_checked_in_at_a_third_library_keeps_travelling(
    siti_member, laskar, sman1, kota, network
):
    holds.place_hold(laskar, siti_member, sman1)
    item = copy("K-001")
    holds.trap(item, kota)

    hold = holds.arrive(item, network.libraries["MAN1"])

    assert hold.status == HoldStatus.IN_TRANSIT
    assert holds.item_status_for(hold) == ItemStatus.IN_TRANSIT
    assert holds.arrive(copy("S-001"), sman1) is None  # no hold: the desk decides


def test_a_copy_of_a_library_that_does_not_lend_serves_only_holds_collected_there(
    time_machine, yoga_member, network, sman2
):
    title = book("Atlas Lampung", (sman2, "S2-100"), (network.libraries["KOTA"], "K-100"))
    sman2_member = membership(None, sman2, number="M-0200")
    holds.place_hold(title, yoga_member, network.libraries["KOTA"])
    time_machine.shift(timedelta(minutes=1))
    theirs = holds.place_hold(title, sman2_member, sman2)

    hold = holds.trap(copy("S2-100"), sman2)

    assert hold.pk == theirs.pk
    assert hold.status == HoldStatus.READY


def test_nobody_waiting_means_no_trap(laskar, kota):
    assert holds.trap(copy("K-001"), kota) is None


def test_renewal_is_blocked_only_when_others_wait_and_no_copy_is_on_the_shelf(
    siti_member, yoga_member, laskar, kota, sman1
):
    loan = lend(copy("K-001"), yoga_member, TODAY + timedelta(days=3))
    assert not holds.blocks_renewal(loan)

    holds.place_hold(laskar, siti_member, sman1)
    assert not holds.blocks_renewal(loan)  # the copy on SMA N 1's shelf will be pulled for Siti

    lend(copy("S-001"), membership(None, sman1, number="M-0300"), TODAY + timedelta(days=3))
    assert holds.blocks_renewal(loan)


def test_a_members_own_hold_does_not_block_their_renewal(yoga_member, laskar, kota, sman1):
    loan = lend(copy("K-001"), yoga_member, TODAY + timedelta(days=3))
    lend(copy("S-001"), membership(None, sman1, number="M-0301"), TODAY + timedelta(days=3))
    Hold.objects.create(
        record=laskar, member=yoga_member, pickup_library=kota, placed_at=timezone.now()
    )

    assert not holds.blocks_renewal(loan)


def test_checkout_fulfils_the_hold_of_the_member_the_copy_was_set_aside_for(
    siti_member, laskar, sman1
):
    holds.place_hold(laskar, siti_member, sman1)
    item = copy("S-001")
    holds.trap(item, sman1)

    hold = holds.fulfil_on_checkout(item, siti_member)

    assert hold.status == HoldStatus.FULFILLED
    assert Hold.objects.get(pk=hold.pk).closed_at == MONDAY


def test_checkout_of_a_copy_set_aside_for_another_member_is_refused_unless_overridden(
    siti_member, yoga_member, laskar, sman1, agus
):
    siti_hold = holds.place_hold(laskar, siti_member, sman1)
    item = copy("S-001")
    holds.trap(item, sman1)

    with pytest.raises(holds.HeldForAnotherMember):
        holds.fulfil_on_checkout(item, yoga_member)
    assert holds.fulfil_on_checkout(item, yoga_member, by=agus, override=True) is None

    siti_hold.refresh_from_db()
    assert (siti_hold.status, siti_hold.item, siti_hold.ready_until) == (
        HoldStatus.WAITING,
        None,
        None,
    )
    assert siti_hold.placed_at == MONDAY  # she keeps her place at the head of the queue


def test_borrowing_another_copy_frees_the_one_set_aside_for_the_next_member(
    time_machine, siti_member, yoga_member, laskar, sman1, kota
):
    holds.place_hold(laskar, siti_member, sman1)
    time_machine.shift(timedelta(minutes=1))
    yoga_hold = holds.place_hold(laskar, yoga_member, sman1)
    put_aside = copy("S-001")
    holds.trap(put_aside, sman1)  # on the hold shelf for Siti
    put_aside.status = ItemStatus.ON_HOLD_SHELF
    put_aside.save(update_fields=["status"])

    holds.fulfil_on_checkout(copy("K-001"), siti_member)  # she borrows the city's copy

    yoga_hold.refresh_from_db()
    assert (yoga_hold.status, yoga_hold.item_id) == (HoldStatus.READY, put_aside.pk)
    assert copy("S-001").status == ItemStatus.ON_HOLD_SHELF
