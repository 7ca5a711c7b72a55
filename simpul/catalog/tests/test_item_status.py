"""A cataloguer withdraws a copy, or marks it damaged, lost or back on the shelf, with a reason
and a history row; other libraries' copies and other statuses are out of reach."""

from __future__ import annotations

import pytest
from django.urls import reverse

from simpul.catalog.choices import ItemStatus
from simpul.catalog.models import Item, ItemStatusChange, SearchOutbox
from simpul.catalog.services import add_item, create_record
from simpul.catalog.tests.conftest import book


@pytest.fixture
def copy(network):
    record = create_record(book("Kopi Lampung"), network.libraries["SMAN1"])
    return add_item(record, network.libraries["SMAN1"], barcode="SMAN1-0001")


def status_url(item: Item) -> str:
    return reverse("catalog:item-status", args=[item.pk])


def test_a_librarian_withdraws_a_copy_with_a_reason(client_as, rina, copy):
    client = client_as(rina)
    page = client.get(reverse("catalog:record-items", args=[copy.record_id])).content.decode()
    assert status_url(copy) in page
    SearchOutbox.objects.all().delete()
    response = client.post(status_url(copy), {"status": "withdrawn", "reason": "sampul rusak"})
    assert response.status_code == 302
    copy.refresh_from_db()
    assert copy.status == ItemStatus.WITHDRAWN
    change = ItemStatusChange.objects.get(item=copy)
    assert (change.old_status, change.new_status, change.by, change.reason) == (
        "available",
        "withdrawn",
        rina,
        "sampul rusak",
    )
    assert SearchOutbox.objects.filter(record_id=copy.record_id).exists()  # availability changes


def test_statuses_the_desk_owns_cannot_be_set_here(client_as, rina, copy):
    client_as(rina).post(status_url(copy), {"status": "on_loan"})
    copy.refresh_from_db()
    assert copy.status == ItemStatus.AVAILABLE
    assert not ItemStatusChange.objects.exists()


def test_another_librarys_copy_is_out_of_reach(client_as, dewi, copy):
    # dewi administers KOTA and KELILING, not SMA Negeri 1.
    response = client_as(dewi).post(status_url(copy), {"status": "withdrawn"})
    assert response.status_code == 404
    copy.refresh_from_db()
    assert copy.status == ItemStatus.AVAILABLE


def test_a_get_changes_nothing(client_as, rina, copy):
    assert client_as(rina).get(status_url(copy)).status_code == 405
