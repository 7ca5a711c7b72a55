"""Merging contributed records into the union catalog: ISBN, system number, similarity."""

from __future__ import annotations

import pytest
from django.test import Client

from simpul.catalog.indexing import documents
from simpul.catalog.models import DeletedRecord, Item, Record
from simpul.libraries.models import Library
from simpul.network.union.choices import MatchMethod, Origin
from simpul.network.union.keys import keys_of
from simpul.network.union.merge import record_values
from simpul.network.union.models import Contribution, Review
from simpul.network.union.services import Incoming, merge_all
from simpul.network.union.tests.marc import marc

pytestmark = pytest.mark.django_db


def _merge(library: Library, *records: Incoming):
    return merge_all(library, list(records), origin=Origin.UPLOAD)


def test_a_record_with_the_same_isbn_13_as_an_isbn_10_merges(smp3, laskar):
    report = _merge(smp3, Incoming("b1", marc("Laskar Pelangi!", isbn="978-979-3062-79-2")))
    contribution = Contribution.objects.get(library=smp3, local_id="b1")
    assert (report.merged, report.created) == (1, 0)
    assert contribution.record == laskar
    assert contribution.method == MatchMethod.ISBN


def test_a_record_with_the_same_system_number_in_035_merges(smp3, laskar):
    data = marc("Laskar", other_numbers=("(ID-MetKP)KOTA0001",))
    _merge(smp3, Incoming("b2", data))
    contribution = Contribution.objects.get(local_id="b2")
    assert (contribution.record, contribution.method) == (laskar, MatchMethod.NUMBER)


def test_the_same_work_written_differently_merges_by_similarity(smp3, laskar):
    data = marc("LASKAR PELANGI", author="Andrea Hirata", year=2005, subtitle="sebuah novel")
    _merge(smp3, Incoming("b3", data, call_number="813 HIR l", copies=3))
    contribution = Contribution.objects.get(local_id="b3")
    assert (contribution.record, contribution.method) == (laskar, MatchMethod.SIMILAR)
    assert contribution.score >= 90


def test_the_merged_holdings_show_on_the_record_page_and_in_the_library_facet(
    smp3, laskar, client: Client
):
    _merge(
        smp3,
        Incoming(
            "b3",
            marc("Laskar pelangi", author="Andrea Hirata", year=2005),
            call_number="813 HIR l",
            copies=3,
            opac_url="https://smpn3.example/b3",
        ),
    )
    page = client.get(f"/katalog/{laskar.pk}/")
    assert page.status_code == 200
    assert "Perpustakaan SMP Negeri 3 Metro" in page.text
    assert "813 HIR l" in page.text
    assert "SMPN3" in documents([laskar])[0].libraries


def test_a_title_with_a_typo_is_found_by_the_whole_author_name_and_year(smp3, laskar):
    """No title key is shared ("pelagni"); the author-year key (the whole folded name, in
    either order, the year and the title's first letters) finds the candidate."""
    data = marc("Laskar pelagni", author="Andrea Hirata", year=2005)
    assert keys_of(record_values(data)) == [
        "t:laskar pelagni|andrea",
        "t:laskar pelagni|hirata",
        "y:laskar pelagni|2005",
        "a:andrea hirata|2005|la",
    ]
    assert "a:andrea hirata|2005|la" in keys_of(record_values(laskar.marc))
    _merge(smp3, Incoming("typo", data))
    contribution = Contribution.objects.get(local_id="typo")
    assert (contribution.record, contribution.method) == (laskar, MatchMethod.SIMILAR)


def test_a_different_author_and_year_becomes_a_record_of_its_own(smp3, laskar):
    report = _merge(smp3, Incoming("b4", marc("Laskar pelangi", author="Riri Riza", year=2008)))
    contribution = Contribution.objects.get(local_id="b4")
    assert report.created == 1
    assert contribution.record != laskar
    assert contribution.method == MatchMethod.NEW
    assert contribution.record.library == smp3
    assert not Review.objects.exists()


def test_an_uncertain_match_waits_for_review_in_a_record_of_its_own(smp3, laskar):
    report = _merge(smp3, Incoming("b5", marc("Laskar pelangi", author="Hirata", year=2006)))
    review = Review.objects.get()
    assert report.reviews == 1
    assert review.candidate == laskar
    assert review.contribution.record != laskar


def test_sending_the_same_batch_again_changes_nothing(smp3, laskar):
    batch = [Incoming("b1", marc("Sang pemimpi", author="Hirata, Andrea", year=2006))]
    _merge(smp3, *batch)
    records = Record.objects.count()
    report = _merge(smp3, *batch)
    assert (report.updated, report.created, report.merged) == (1, 0, 0)
    assert Record.objects.count() == records


def test_two_copies_of_one_new_work_in_one_batch_become_one_record(smp3, sman2):
    data = marc("Bumi manusia", author="Pramoedya Ananta Toer", year=1980)
    _merge(
        smp3,
        Incoming("x1", data),
        Incoming("x2", marc("Bumi Manusia.", author="Toer, Pramoedya Ananta", year=1980)),
    )
    first, second = Contribution.objects.order_by("local_id")
    assert first.record == second.record


def test_a_deletion_at_the_source_removes_the_holding_and_a_record_nobody_holds(smp3, laskar):
    _merge(
        smp3,
        Incoming("b1", marc("Laskar pelangi", isbn="9793062797")),
        Incoming("b9", marc("Sebelas patriot", author="Andrea Hirata", year=2011)),
    )
    own = Contribution.objects.get(local_id="b9").record
    report = _merge(smp3, Incoming("b1", deleted=True), Incoming("b9", deleted=True))
    assert report.deleted == 2
    assert Record.objects.filter(pk=laskar.pk).exists()  # the city library's record stays
    assert not Record.objects.filter(pk=own.pk).exists()
    assert DeletedRecord.objects.filter(record_id=own.pk).exists()
    assert not Contribution.objects.filter(deleted=False).exists()


def test_a_simpul_record_with_items_keeps_its_items_when_a_contribution_goes(smp3, laskar, kota):
    Item.objects.create(record=laskar, library=kota, barcode="K-1")
    _merge(smp3, Incoming("b1", marc("Laskar pelangi", isbn="9793062797")))
    _merge(smp3, Incoming("b1", deleted=True))
    assert laskar.items.count() == 1
