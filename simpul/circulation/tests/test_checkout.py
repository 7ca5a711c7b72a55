"""Lending at the desk: one transaction, the rule's due date, every block with its reason."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from simpul.catalog.choices import ItemStatus, ItemType
from simpul.catalog.models import ItemStatusChange, SearchOutbox
from simpul.circulation import services
from simpul.circulation.choices import Action, FineKind, HoldStatus
from simpul.circulation.errors import Blocked, ItemNotAvailable, ItemNotFound, ItemOnLoan
from simpul.circulation.models import Fine, Hold, Loan
from simpul.circulation.tests.desk_world import MONDAY, copy, events, member, network_default
from simpul.members.choices import MemberStatus


@pytest.fixture
def siti_member(sman1: Any) -> Any:
    return member(sman1, "MTR2026000001")


@pytest.fixture
def laskar(kota: Any) -> Any:
    return copy(kota, "KOTA-0001")


def test_a_checkout_lends_the_copy_until_the_rules_due_date_in_one_go(
    siti_member, laskar, kota, budi
):
    SearchOutbox.objects.all().delete()
    result = services.checkout("KOTA-0001", siti_member, kota, budi, today=MONDAY)

    loan = result.loan
    assert result.created
    # 14 days from Monday 3 August is the 17th, Independence Day: the next open day.
    assert loan.due_on == date(2026, 8, 18)
    assert (loan.member, loan.library, loan.checked_out_by) == (siti_member, kota, budi)
    assert loan.rule == network_default()
    laskar.refresh_from_db()
    assert laskar.status == ItemStatus.ON_LOAN
    change = ItemStatusChange.objects.get(item=laskar)
    assert (change.old_status, change.new_status, change.by) == ("available", "on_loan", budi)
    assert SearchOutbox.objects.filter(record_id=laskar.record_id).exists()
    event = events(Action.CHECKOUT).get()
    assert (event.by, event.library, event.member, event.item, event.loan) == (
        budi, kota, siti_member, laskar, loan,
    )  # fmt: skip
    assert event.detail["due_on"] == "2026-08-18"


def test_scanning_the_same_copy_twice_for_the_same_member_changes_nothing(
    siti_member, laskar, kota, budi
):
    first = services.checkout("KOTA-0001", siti_member, kota, budi, today=MONDAY)
    again = services.checkout("KOTA-0001", siti_member, kota, budi, today=MONDAY)

    assert not again.created
    assert again.loan == first.loan
    assert Loan.objects.count() == 1
    assert events(Action.CHECKOUT).count() == 1


def test_a_copy_on_loan_to_someone_else_is_refused(siti_member, laskar, kota, sman1, budi):
    yoga = member(kota, "MTR2026000002", name="Yoga Pratama")
    loan = services.checkout("KOTA-0001", yoga, kota, budi, today=MONDAY).loan
    Loan.objects.filter(pk=loan.pk).update(checked_out_at=loan.checked_out_at - timedelta(hours=1))

    with pytest.raises(ItemOnLoan) as refused:
        services.checkout("KOTA-0001", siti_member, kota, budi, today=MONDAY)
    assert refused.value.message == (
        "Eksemplar KOTA-0001 sedang dipinjam anggota lain (jatuh tempo 18 Agustus 2026)."
    )


def test_an_unknown_barcode_and_a_copy_not_on_the_shelf_are_refused(
    siti_member, laskar, kota, budi
):
    with pytest.raises(ItemNotFound, match="Barkode TIDAK-ADA tidak dikenal"):
        services.checkout("TIDAK-ADA", siti_member, kota, budi)
    laskar.status = ItemStatus.DAMAGED
    laskar.save()
    with pytest.raises(ItemNotAvailable, match="berstatus Rusak"):
        services.checkout("KOTA-0001", siti_member, kota, budi)
    assert not Loan.objects.exists()


def _blocked(barcode: str, who: Any, library: Any, by: Any) -> list[str]:
    with pytest.raises(Blocked) as refused:
        services.checkout(barcode, who, library, by, today=MONDAY)
    assert not Loan.objects.filter(item__barcode=barcode, returned_at__isnull=True).exists()
    return [block.code for block in refused.value.blocks]


def test_an_expired_or_suspended_membership_blocks_borrowing(laskar, kota, budi):
    expired = member(kota, "MTR2025000009", expires_on=MONDAY - timedelta(days=1))
    suspended = member(kota, "MTR2026000010", status=MemberStatus.SUSPENDED)
    assert _blocked("KOTA-0001", expired, kota, budi) == ["MEMBER_EXPIRED"]
    assert _blocked("KOTA-0001", suspended, kota, budi) == ["MEMBER_NOT_ACTIVE"]


def test_the_fourth_book_is_refused_by_the_three_book_rule(siti_member, kota, budi):
    for n in range(1, 5):
        copy(kota, f"KOTA-010{n}", title=f"Buku {n}")
    for n in range(1, 4):
        services.checkout(f"KOTA-010{n}", siti_member, kota, budi, today=MONDAY)
    with pytest.raises(Blocked) as refused:
        services.checkout("KOTA-0104", siti_member, kota, budi, today=MONDAY)
    assert refused.value.message == (
        "Tidak dapat dilayani: Sudah meminjam 3 dari paling banyak 3 eksemplar."
    )


def test_an_overdue_loan_and_unpaid_fines_over_the_limit_block_borrowing(
    siti_member, laskar, kota, budi
):
    old = copy(kota, "KOTA-0002", title="Bumi Manusia")
    services.checkout(old.barcode, siti_member, kota, budi, today=MONDAY - timedelta(days=30))
    Fine.objects.create(
        member=siti_member, kind=FineKind.OTHER, amount=10_500, library=kota, created_by=budi
    )
    assert _blocked("KOTA-0001", siti_member, kota, budi) == ["OVERDUE_ITEMS", "UNPAID_FINES"]


def test_fines_up_to_the_limit_do_not_block(siti_member, laskar, kota, budi):
    Fine.objects.create(member=siti_member, kind=FineKind.OTHER, amount=10_000, library=kota)
    assert services.checkout("KOTA-0001", siti_member, kota, budi, today=MONDAY).created


def test_reference_works_are_read_in_the_library_not_lent(siti_member, kota, budi):
    copy(kota, "KOTA-REF1", title="Kamus Besar Bahasa Indonesia", item_type=ItemType.REFERENCE)
    with pytest.raises(Blocked, match=r"tidak dipinjamkan \(baca di tempat\)"):
        services.checkout("KOTA-REF1", siti_member, kota, budi, today=MONDAY)


def test_childrens_books_are_lent_for_seven_days(siti_member, kota, budi):
    copy(kota, "KOTA-ANAK", title="Si Kancil", item_type=ItemType.CHILDREN)
    loan = services.checkout("KOTA-ANAK", siti_member, kota, budi, today=MONDAY).loan
    assert loan.due_on == date(2026, 8, 10)


def test_an_override_lends_despite_the_blocks_and_says_so_in_an_event(kota, dewi):
    copy(kota, "KOTA-REF1", item_type=ItemType.REFERENCE)
    expired = member(kota, "MTR2025000009", expires_on=MONDAY - timedelta(days=40))

    result = services.checkout("KOTA-REF1", expired, kota, dewi, override=True, today=MONDAY)

    assert result.created
    assert [block.code for block in result.overridden] == ["MEMBER_EXPIRED", "NOT_LOANABLE"]
    assert result.loan.due_on == date(2026, 8, 4)  # reference: overnight
    event = events(Action.OVERRIDE).get()
    assert (event.by, event.loan, event.detail["blocks"]) == (
        dewi, result.loan, ["MEMBER_EXPIRED", "NOT_LOANABLE"],
    )  # fmt: skip


def test_a_school_library_that_keeps_its_books_lends_only_to_its_own_members(sman2, kota, budi):
    copy(sman2, "SMAN2-0001")
    outsider = member(kota, "MTR2026000011")
    pupil = member(sman2, "MTR2026000012")
    assert _blocked("SMAN2-0001", outsider, sman2, budi) == ["HOME_MEMBERS_ONLY"]
    assert services.checkout("SMAN2-0001", pupil, sman2, budi, today=MONDAY).created


def test_a_copy_on_the_hold_shelf_goes_to_the_member_who_reserved_it(siti_member, kota, budi):
    laskar = copy(kota, "KOTA-0001")
    yoga = member(kota, "MTR2026000002", name="Yoga Pratama")
    hold = Hold.objects.create(
        record=laskar.record, member=yoga, pickup_library=kota, status=HoldStatus.READY,
        item=laskar, placed_at=laskar.created_at, ready_until=MONDAY + timedelta(days=7),
    )  # fmt: skip
    laskar.status = ItemStatus.ON_HOLD_SHELF
    laskar.save()

    assert _blocked("KOTA-0001", siti_member, kota, budi) == ["HELD_FOR_ANOTHER_MEMBER"]
    services.checkout("KOTA-0001", yoga, kota, budi, today=MONDAY)
    hold.refresh_from_db()
    assert hold.status == HoldStatus.FULFILLED
