import pytest
from django.urls import reverse
from django.utils import timezone

from simpul.accounts.models import User
from simpul.catalog.choices import ItemStatus
from simpul.catalog.models import Item, ItemStatusChange
from simpul.circulation.choices import Action, FineKind, HoldStatus
from simpul.circulation.hold_lists import hold_shelf, pull_list
from simpul.circulation.models import Event, Fine, Hold, Loan, Payment
from simpul.circulation.standing import unpaid_total
from simpul.demo.tests.conftest import load_lending
from simpul.libraries.models import Library
from simpul.members.models import Member, MemberEvent


def _counts():
    models = [User, Member, MemberEvent, Loan, Fine, Payment, Hold, Event, ItemStatusChange]
    return {model.__name__: model.objects.count() for model in models}


def test_loading_the_lending_twice_changes_nothing(network):
    load_lending(network)
    first = _counts()
    statuses = dict(Item.objects.values_list("barcode", "status"))
    load_lending(network)
    assert _counts() == first
    assert dict(Item.objects.values_list("barcode", "status")) == statuses


def test_a_reload_invents_no_history_over_what_people_did_in_the_demo(network, lending):
    Loan.objects.filter(returned_at__isnull=True).first().delete()
    before = _counts()
    load_lending(network)
    assert _counts() == before


def test_there_are_current_and_overdue_loans_on_copies_marked_on_loan(lending):
    today = timezone.localdate()
    out = Loan.objects.filter(returned_at__isnull=True)
    assert out.filter(due_on__gte=today).count() >= 5
    assert out.filter(due_on__lt=today).count() >= 2
    assert set(out.values_list("item__status", flat=True)) == {ItemStatus.ON_LOAN}
    assert not Item.objects.filter(status=ItemStatus.ON_LOAN).exclude(loans__in=out).exists()


def test_every_loan_was_checked_out_in_the_past_and_its_event_says_when(lending):
    now = timezone.now()
    for loan in Loan.objects.all():
        event = Event.objects.get(action=Action.CHECKOUT, loan=loan)
        assert event.at == loan.checked_out_at < now
        assert loan.due_on > timezone.localdate(loan.checked_out_at)
        if loan.returned_at is not None:
            assert loan.checked_out_at < loan.returned_at < now
    assert not Event.objects.filter(at__gt=now).exists()
    assert not ItemStatusChange.objects.filter(at__gt=now).exists()


def test_the_member_personas_have_loans_to_see(lending):
    for key in ("siti", "yoga", "nur"):
        assert lending[key].loans.filter(returned_at__isnull=True).exists()
    overdue = lending["siti"].loans.filter(
        returned_at__isnull=True, due_on__lt=timezone.localdate()
    )
    assert overdue.exists()
    assert lending["nur"].loans.filter(renewals_used=1, returned_at__isnull=True).exists()


def test_overdue_fines_were_paid_waived_and_one_is_still_owed(lending):
    fines = Fine.objects.filter(kind=FineKind.OVERDUE, loan__returned_at__isnull=False)
    assert fines.count() == 3
    paid = Payment.objects.get(member=lending["yoga"], waiver=False)
    assert paid.amount == Fine.objects.get(member=lending["yoga"]).amount
    waiver = Payment.objects.get(member=lending["dian"], waiver=True)
    assert waiver.reason
    assert waiver.by.username == "dewi"
    assert unpaid_total(lending["yoga"]) == unpaid_total(lending["dian"]) == 0
    assert unpaid_total(lending["rizky"]) > 0


def test_holds_wait_in_a_queue_one_is_ready_and_one_is_on_its_way(lending, kota):
    waiting = Hold.objects.filter(status=HoldStatus.WAITING)
    assert waiting.count() == 3
    assert waiting.filter(record__title="Amba").count() == 2
    ready = Hold.objects.get(status=HoldStatus.READY)
    assert ready.member == lending["yoga"]
    assert ready.item.status == ItemStatus.ON_HOLD_SHELF
    assert ready.ready_until >= timezone.localdate()
    assert list(hold_shelf(kota)) == [ready]
    travelling = Hold.objects.get(status=HoldStatus.IN_TRANSIT)
    assert travelling.item.status == ItemStatus.IN_TRANSIT
    assert travelling.pickup_library.code == "UMMETRO"
    assert [pull.hold.record.title for pull in pull_list(kota)] == ["Sang Pemimpi"]


def test_a_copy_returned_at_another_library_travels_home_with_a_slip(lending):
    item = Item.objects.get(barcode="KOTA-B036-1")
    assert item.status == ItemStatus.IN_TRANSIT
    assert not item.holds.exists()
    slip = Event.objects.get(action=Action.TRANSIT, item=item)
    assert slip.library.code == "SMAN1"
    assert slip.detail["to"] == "KOTA"


@pytest.mark.parametrize(
    ("username", "url", "expected"),
    [
        ("siti", "/akun/pinjaman/", "Perahu Kertas"),
        ("yoga", "/akun/pinjaman/", "Ronggeng Dukuh Paruk"),
        ("yoga", "/akun/riwayat/", "Pulang"),
        ("nur", "/akun/pinjaman/", "Saman"),
        ("nur", "/akun/anggota/", "Nur Aini"),
        ("budi", "/staf/perpustakaan/KOTA/reservasi/", "Sang Pemimpi"),
        ("budi", "/staf/perpustakaan/KOTA/anggota/menunggu/", "Fajar Nugroho"),
        ("budi", "/staf/perpustakaan/KOTA/anggota/?q=Rizky", "Rizky Ramadhan"),
        ("agus", "/staf/perpustakaan/SMAN1/reservasi/", "Sang Pemimpi"),
        ("budi", "/staf/perpustakaan/KOTA/sirkulasi/", "Layanan sirkulasi"),
        ("budi", "/staf/perpustakaan/KOTA/aturan-peminjaman/", "Staf mitra"),
    ],
)
def test_the_screens_show_the_demo(lending, network, client, username, url, expected):
    client.force_login(network.people[username])
    response = client.get(url)
    assert response.status_code == 200
    assert expected in response.content.decode()


def test_the_library_page_leads_to_the_desk_members_holds_and_rules(lending, network, client):
    client.force_login(network.people["budi"])
    page = client.get(reverse("libraries:staff-library", args=["KOTA"])).content.decode()
    for url in (
        reverse("circulation:desk", args=["KOTA"]),
        reverse("member_circulation:pull-list", args=["KOTA"]),
        reverse("members:staff-search", args=["KOTA"]),
        reverse("members:staff-pending", args=["KOTA"]),
        reverse("circulation:rules", args=["KOTA"]),
    ):
        assert f'href="{url}"' in page
    assert 'Pendaftaran menunggu <span class="badge">1</span>' in page


def test_a_cataloguer_sees_the_loan_rules_but_not_the_desk(network, client):
    client.force_login(network.people["rina"])
    page = client.get(reverse("libraries:staff-library", args=["SMAN1"])).content.decode()
    assert reverse("circulation:rules", args=["SMAN1"]) in page
    assert reverse("circulation:desk", args=["SMAN1"]) not in page
    assert reverse("members:staff-search", args=["SMAN1"]) not in page


def test_a_member_finds_the_card_and_loans_from_the_account_page(lending, network, client):
    client.force_login(network.people["siti"])
    page = client.get(reverse("accounts:home")).content.decode()
    assert reverse("members:own") in page
    assert reverse("member_circulation:loans") in page
    loans = client.get(reverse("member_circulation:loans")).content.decode()
    assert f'href="{reverse("members:own")}"' in loans


def test_the_home_and_login_pages_invite_people_to_join(db, client):
    for url in (reverse("web:home"), reverse("accounts:login")):
        page = client.get(url).content.decode()
        assert f'href="{reverse("members:register")}"' in page
        assert "Daftar jadi anggota" in page


def test_ids_in_forms_are_not_written_with_thousands_separators(lending, network, client, kota):
    """Indonesian formatting writes 1234 as "1.234"; a form value must stay 1234."""
    record = Item.objects.get(barcode="KOTA-B002-1").record
    Item.objects.create(pk=10_001, record=record, library=kota, barcode="KOTA-B002-9")
    Library.objects.create(pk=4_321, code="TBM-BARU", name="TBM Baru", lends_to_network=True)
    client.force_login(network.people["budi"])
    pulls = client.get(reverse("member_circulation:pull-list", args=["KOTA"])).content.decode()
    assert 'name="item" value="10001"' in pulls
    client.force_login(network.people["siti"])
    panel = client.get(reverse("catalog:record", args=[record.pk])).content.decode()
    assert '<option value="4321">TBM Baru</option>' in panel


def test_the_desk_shows_a_scanned_member_with_overdue_loans_and_fines(lending, network, client):
    client.force_login(network.people["budi"])
    scan = reverse("circulation:scan", args=["KOTA"])
    page = client.post(scan, {"kode": lending["rizky"].number}, follow=True).content.decode()
    assert "Rizky Ramadhan" in page
    assert "Laut Bercerita" in page
    assert "terlambat" in page
