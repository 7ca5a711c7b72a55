"""Harvest sources on the staff screens: add with a validated URL, run history, harvest now,
SLiMS node settings."""

from __future__ import annotations

import pytest
from django.contrib.auth.hashers import check_password

from simpul.network.union.choices import RunStatus
from simpul.network.union.models import HarvestRun, HarvestSource, SlimsNode

pytestmark = pytest.mark.django_db


def test_a_network_admin_adds_a_source_and_a_bad_url_is_refused(admin, client_as, smp3):
    client = client_as(admin)
    bad = client.post(
        "/staf/katalog-induk/sumber/baru/",
        {
            "library": smp3.pk,
            "base_url": "ftp://repo.example/oai",
            "metadata_prefix": "marc21",
            "interval_hours": 24,
            "is_active": "on",
        },
    )
    assert bad.status_code == 200
    assert not HarvestSource.objects.exists()
    client.post(
        "/staf/katalog-induk/sumber/baru/",
        {
            "library": smp3.pk,
            "base_url": "https://repo.smpn3.example/oai",
            "metadata_prefix": "oai_dc",
            "interval_hours": 12,
            "is_active": "on",
        },
    )
    source = HarvestSource.objects.get()
    assert source.metadata_prefix == "oai_dc"
    assert source.interval_hours == 12


def test_the_source_page_shows_its_runs_and_harvest_now_makes_it_due(admin, client_as, smp3):
    source = HarvestSource.objects.create(library=smp3, base_url="https://repo.example/oai")
    HarvestRun.objects.create(source=source, status=RunStatus.FAILED, error="timed out")
    client = client_as(admin)
    page = client.get(f"/staf/katalog-induk/sumber/{source.pk}/")
    assert page.status_code == 200
    assert "timed out" in page.text
    client.post(f"/staf/katalog-induk/sumber/{source.pk}/panen/")
    source.refresh_from_db()
    assert source.last_run_at is None
    assert client.get("/staf/katalog-induk/").status_code == 200


def test_the_slims_password_is_stored_hashed(admin, client_as, smp3):
    client = client_as(admin)
    page = client.get("/staf/katalog-induk/perpustakaan/SMPN3/slims/")
    assert page.status_code == 200
    assert "/ucs" in page.text
    client.post(
        "/staf/katalog-induk/perpustakaan/SMPN3/slims/",
        {"node_id": "smpn3metro", "password": "rahasia-ucs-123"},
    )
    node = SlimsNode.objects.get()
    assert node.password != "rahasia-ucs-123"
    assert check_password("rahasia-ucs-123", node.password)
