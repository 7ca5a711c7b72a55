"""The demo's partners: six kinds of partner, agreements in every status, one ending within
30 days, loaded twice without change."""

from __future__ import annotations

from django.utils import timezone

from simpul.demo.partners import load_partners
from simpul.network.choices import AgreementStatus
from simpul.network.models import Agreement, Contact, Partner


def test_the_demo_partners_load_once_with_agreements_in_every_status(network):
    today = timezone.localdate()
    first = load_partners(network, today)
    counts = (Partner.objects.count(), Contact.objects.count(), Agreement.objects.count())
    again = load_partners(network, today)
    assert first == again
    assert (Partner.objects.count(), Contact.objects.count(), Agreement.objects.count()) == counts
    assert counts[0] == 6
    kinds = set(Partner.objects.values_list("kind", flat=True))
    assert {"school", "university", "community", "company", "government", "library_abroad"} <= kinds
    assert set(Agreement.objects.values_list("status", flat=True)) == set(AgreementStatus.values)
    assert Agreement.objects.expiring(today, 30).count() == 1
    emails = [*Contact.objects.values_list("email", flat=True)]
    assert all(email.endswith(".example") for email in emails if email)
    sman1 = Partner.objects.get(name="SMA Negeri 1 Metro")
    assert network.libraries["SMAN1"] in sman1.libraries.all()
    assert sman1.contacts.count() == 2


def test_the_demo_partner_page_shows_its_agreement(network, client):
    load_partners(network, timezone.localdate())
    page = client.get("/mitra/sma-negeri-1-metro/").content.decode()
    assert "045/PKS/DPK-MTR/2025" in page
    assert "Perpustakaan SMA Negeri 1 Metro" in page
