"""Deleting a record: confirmed by POST, refused while copies are in use, one transaction with
its withdrawn and lost copies, a tombstone, the search index told, and 410 Gone afterwards."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from simpul.catalog import services
from simpul.catalog.choices import ItemStatus
from simpul.catalog.indexing import catalog_index, drain_outbox
from simpul.catalog.models import DeletedRecord, Item, ItemStatusChange, Record, SearchOutbox
from simpul.catalog.search.documents import SearchQuery
from simpul.catalog.services import add_item, create_record, set_item_status
from simpul.catalog.tests.conftest import book


def delete_url(record: Record) -> str:
    return reverse("catalog:record-delete", args=[record.pk])


@pytest.fixture
def kopi(network):
    """A record catalogued by SMA Negeri 1 Metro, with no copies yet."""
    return create_record(
        book("Kopi Lampung dari Kebun ke Cangkir", subjects=["Kopi -- Lampung"]),
        network.libraries["SMAN1"],
    )


@pytest.fixture
def kota_record(network):
    """A record catalogued by the city library."""
    return create_record(book("Sejarah Kota Metro"), network.libraries["KOTA"])


def _found(text: str) -> list[int]:
    return [hit.record_id for hit in catalog_index().search(SearchQuery(text=text)).hits]


def test_a_librarian_deletes_a_record_after_confirming_and_a_tombstone_remains(
    client_as, rina, kopi, sman1
):
    client = client_as(rina)
    edit = client.get(reverse("catalog:record-edit", args=[kopi.pk])).content.decode()
    assert delete_url(kopi) in edit
    page = client.get(delete_url(kopi))
    assert page.status_code == 200
    assert "Ya, hapus rekaman" in page.content.decode()
    assert Record.objects.filter(pk=kopi.pk).exists()  # a GET deletes nothing

    response = client.post(delete_url(kopi))
    assert response.status_code == 302
    assert response["Location"] == reverse("libraries:staff-library", args=["SMAN1"])
    assert not Record.objects.filter(pk=kopi.pk).exists()
    gone = DeletedRecord.objects.get(record_id=kopi.pk)
    assert (gone.control_number, gone.control_source) == (kopi.control_number, "SIMPUL")
    assert (gone.library, gone.title, gone.deleted_by) == (sman1, kopi.title, rina)
    assert gone.deleted_at is not None
    followed = client.get(response["Location"]).content.decode()
    assert "Rekaman “Kopi Lampung dari Kebun ke Cangkir” sudah dihapus." in followed


def test_the_search_index_drops_the_deleted_record(client_as, rina, kopi):
    drain_outbox()
    assert _found("kopi lampung") == [kopi.pk]
    client_as(rina).post(delete_url(kopi))
    assert list(SearchOutbox.objects.values_list("record_id", flat=True)) == [kopi.pk]
    drain_outbox()
    assert _found("kopi lampung") == []
    assert catalog_index().search(SearchQuery(filters={"subject": ["Kopi -- Lampung"]})).total == 0


def test_the_page_of_a_deleted_record_answers_410_gone(client_as, rina, kopi, client):
    client_as(rina).post(delete_url(kopi))
    client.logout()
    response = client.get(reverse("catalog:record", args=[kopi.pk]))
    assert response.status_code == 410
    html = response.content.decode()
    assert "Judul ini sudah dihapus dari katalog" in html
    assert "Kopi Lampung dari Kebun ke Cangkir" in html
    assert client.get(reverse("catalog:record-ris", args=[kopi.pk])).status_code == 410
    client.cookies["simpul_bahasa"] = "en"
    english = client.get(reverse("catalog:record", args=[kopi.pk])).content.decode()
    assert "This title has been deleted from the catalogue" in english
    assert client.get(reverse("catalog:record", args=[kopi.pk + 1000])).status_code == 404


def test_copies_still_in_use_block_the_delete_and_nothing_changes(client_as, rina, kopi, sman1):
    add_item(kopi, sman1, barcode="SMAN1-0001")
    on_loan = add_item(kopi, sman1, barcode="SMAN1-0002")
    withdrawn = add_item(kopi, sman1, barcode="SMAN1-0003")
    set_item_status(on_loan, ItemStatus.ON_LOAN)
    set_item_status(withdrawn, ItemStatus.WITHDRAWN)
    SearchOutbox.objects.all().delete()
    client = client_as(rina)

    page = client.get(delete_url(kopi)).content.decode()
    assert "Tarik eksemplar itu dulu" in page
    assert "SMAN1-0001" in page
    assert "SMAN1-0002" in page
    assert "SMAN1-0003" not in page
    assert "Ya, hapus rekaman" not in page

    response = client.post(delete_url(kopi))
    assert response.status_code == 409
    assert (
        "Rekaman “Kopi Lampung dari Kebun ke Cangkir” masih punya 2 eksemplar yang belum "
        "ditarik atau hilang (SMAN1-0001, SMAN1-0002). Tarik eksemplar itu dulu"
    ) in response.content.decode()
    assert Record.objects.filter(pk=kopi.pk).exists()
    assert Item.objects.filter(record=kopi).count() == 3
    assert not DeletedRecord.objects.exists()
    assert not SearchOutbox.objects.exists()


def test_withdrawn_and_lost_copies_go_with_the_record(client_as, rina, kopi, sman1):
    lost = add_item(kopi, sman1, barcode="SMAN1-0001")
    withdrawn = add_item(kopi, sman1, barcode="SMAN1-0002")
    set_item_status(lost, ItemStatus.LOST, by=rina, reason="tidak kembali")
    set_item_status(withdrawn, ItemStatus.WITHDRAWN, by=rina, reason="rusak berat")
    page = client_as(rina).get(delete_url(kopi)).content.decode()
    assert "2 eksemplar yang sudah ditarik atau hilang ikut dihapus." in page
    assert client_as(rina).post(delete_url(kopi)).status_code == 302
    assert not Item.objects.filter(barcode__in=["SMAN1-0001", "SMAN1-0002"]).exists()
    assert not ItemStatusChange.objects.exists()


def test_the_delete_is_one_transaction(rina, kopi, sman1, monkeypatch):
    withdrawn = add_item(kopi, sman1, barcode="SMAN1-0001")
    set_item_status(withdrawn, ItemStatus.WITHDRAWN)

    def index_unavailable(record_ids: list[int]) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "queue_for_index", index_unavailable)
    with pytest.raises(RuntimeError):
        services.delete_record(kopi, by=rina)
    assert Record.objects.filter(pk=kopi.pk).exists()
    assert Item.objects.filter(pk=withdrawn.pk).exists()
    assert not DeletedRecord.objects.exists()


def test_the_delete_needs_the_csrf_token(rina, kopi):
    client = Client(enforce_csrf_checks=True)
    client.force_login(rina)
    assert client.post(delete_url(kopi)).status_code == 403
    assert Record.objects.filter(pk=kopi.pk).exists()


@pytest.mark.parametrize(
    ("persona", "status"),
    [("rina", 403), ("agus", 403), ("budi", 403), ("sari", 403), ("siti", 403), ("dewi", 200)],
    ids=["librarian-elsewhere", "library-admin-elsewhere", "desk", "programs", "member", "owner"],
)
def test_only_staff_who_edit_the_catalog_of_the_records_library_may_delete_it(
    request, client_as, kota_record, persona, status
):
    client = client_as(request.getfixturevalue(persona))
    assert client.get(delete_url(kota_record)).status_code == status
    if status != 200:
        assert client.post(delete_url(kota_record)).status_code == status
        assert Record.objects.filter(pk=kota_record.pk).exists()


def test_the_network_admin_may_delete_any_record(client_as, admin, kota_record):
    assert client_as(admin).post(delete_url(kota_record)).status_code == 302
    assert DeletedRecord.objects.get().deleted_by == admin


def test_holding_a_copy_lets_a_library_edit_a_record_but_not_delete_it(
    client_as, agus, kota_record, sman1
):
    copy = add_item(kota_record, sman1, barcode="SMAN1-0009")
    set_item_status(copy, ItemStatus.WITHDRAWN)
    client = client_as(agus)
    edit = client.get(reverse("catalog:record-edit", args=[kota_record.pk]))
    assert edit.status_code == 200
    assert delete_url(kota_record) not in edit.content.decode()
    response = client.post(delete_url(kota_record))
    assert response.status_code == 403
    assert "Hanya perpustakaan yang mengkatalog rekaman ini" in response.content.decode()
    assert Record.objects.filter(pk=kota_record.pk).exists()


def test_anonymous_people_are_sent_to_log_in_and_unknown_records_are_404(
    client, client_as, rina, kopi
):
    response = client.post(delete_url(kopi))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert Record.objects.filter(pk=kopi.pk).exists()
    assert (
        client_as(rina).get(reverse("catalog:record-delete", args=[kopi.pk + 99])).status_code
        == 404
    )
