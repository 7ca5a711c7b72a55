"""The review queue (accept, reject) and unmerge, as services and through the staff screens."""

from __future__ import annotations

from typing import Any

import pytest

from simpul.catalog.models import Record
from simpul.network.union.choices import MatchMethod, Origin, ReviewStatus
from simpul.network.union.errors import NothingToUnmerge, ReviewAlreadyDecided
from simpul.network.union.models import Contribution, Review
from simpul.network.union.services import (
    Incoming,
    accept_review,
    merge_all,
    reject_review,
    unmerge,
)
from simpul.network.union.tests.marc import marc

pytestmark = pytest.mark.django_db


@pytest.fixture
def review(smp3: Any, laskar: Record) -> Review:
    merge_all(
        smp3,
        [Incoming("b5", marc("Laskar pelangi", author="Hirata", year=2006))],
        origin=Origin.UPLOAD,
    )
    return Review.objects.get()


def test_accepting_a_review_merges_and_removes_the_record_it_stood_in(review, laskar, admin):
    alone = review.contribution.record
    contribution = accept_review(review, by=admin)
    assert (contribution.record, contribution.method) == (laskar, MatchMethod.REVIEWED)
    assert not Record.objects.filter(pk=alone.pk).exists()
    with pytest.raises(ReviewAlreadyDecided):
        reject_review(review, by=admin)


def test_rejecting_a_review_keeps_the_record_apart(review, laskar, admin):
    reject_review(review, by=admin)
    review.refresh_from_db()
    assert review.status == ReviewStatus.REJECTED
    assert review.contribution.record != laskar


def test_unmerge_splits_a_contribution_into_a_record_of_its_own(smp3, laskar, admin):
    merge_all(
        smp3,
        [Incoming("b1", marc("Laskar pelangi", isbn="9793062797", number=("17", "SMP3")))],
        origin=Origin.SLIMS,
    )
    contribution = Contribution.objects.get()
    record = unmerge(contribution, by=admin)
    contribution.refresh_from_db()
    assert contribution.record == record != laskar
    assert contribution.method == MatchMethod.UNMERGED
    assert record.library == smp3
    assert record.control_number == ""
    with pytest.raises(NothingToUnmerge):
        unmerge(contribution, by=admin)


def test_a_library_admin_decides_reviews_on_the_review_screen(
    review, laskar, agus, client_as, smp3
):
    # Agus administers SMA N 1, not SMP N 3: the review is not his to see.
    page = client_as(agus).post(
        f"/staf/katalog-induk/tinjauan/{review.pk}/", {"keputusan": "gabung"}
    )
    assert page.status_code == 404


def test_a_network_admin_accepts_a_review_and_unmerges_it_again(review, laskar, admin, client_as):
    client = client_as(admin)
    listing = client.get("/staf/katalog-induk/tinjauan/")
    assert listing.status_code == 200
    assert "Laskar pelangi" in listing.text
    client.post(f"/staf/katalog-induk/tinjauan/{review.pk}/", {"keputusan": "gabung"})
    contribution = Contribution.objects.get()
    assert contribution.record == laskar
    page = client.get("/staf/katalog-induk/perpustakaan/SMPN3/")
    assert page.status_code == 200
    assert "Pisahkan" in page.text
    client.post(f"/staf/katalog-induk/kontribusi/{contribution.pk}/pisahkan/")
    contribution.refresh_from_db()
    assert contribution.record != laskar


def test_a_librarian_cannot_open_the_union_screens(rina, client_as):
    assert client_as(rina).get("/staf/katalog-induk/").status_code == 403


def test_a_record_deleted_at_its_source_leaves_the_review_queue(review, smp3):
    merge_all(smp3, [Incoming("b5", deleted=True)], origin=Origin.UPLOAD)
    review.refresh_from_db()
    assert review.status == ReviewStatus.REJECTED
