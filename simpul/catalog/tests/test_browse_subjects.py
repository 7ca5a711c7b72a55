"""The A-Z subject browse: a letter bar, every heading under a letter with its record count,
100 a page, each linking to the OPAC filtered by that subject; kept by the worker."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from simpul.catalog.choices import ItemStatus
from simpul.catalog.indexing import catalog_index, drain_outbox
from simpul.catalog.models import Record, SubjectHeading
from simpul.catalog.search.documents import SearchQuery
from simpul.catalog.services import create_record, delete_record, set_item_status, update_record
from simpul.catalog.subjects import RefreshSchedule, letter_of, refresh_headings
from simpul.catalog.tests.conftest import book

BROWSE = "catalog:subjects"


def _headings(html: str) -> list[tuple[str, str]]:
    """(heading, count text) in the order the page lists them."""
    items = re.findall(r'<li><a href="/katalog/\?subjek=[^"]*">([^<]*)</a> <span class="count">'
                       r"([^<]*)</span></li>", html)  # fmt: skip
    return [(heading.replace("&#x27;", "'"), count) for heading, count in items]


def test_a_letter_lists_its_headings_in_order_with_their_record_counts(client, shelf):
    html = client.get(reverse(BROWSE), {"huruf": "l"}).content.decode()
    assert _headings(html) == [
        ("Lampung -- Sejarah", "1"),
        ("Library science", "1"),
        ("Literasi", "2"),
    ]
    assert "3 subjek berawalan L" in html


def test_without_a_letter_the_first_letter_with_subjects_is_shown(client, shelf):
    html = client.get(reverse(BROWSE)).content.decode()
    assert _headings(html)[0] == ("Lampung -- Sejarah", "1")
    assert '<a href="?huruf=l" aria-current="page">L</a>' in html
    nonsense = client.get(reverse(BROWSE), {"huruf": "ab<"}).content.decode()
    assert _headings(nonsense) == _headings(html)


def test_the_letter_bar_links_only_letters_that_have_subjects(client, shelf):
    html = client.get(reverse(BROWSE), {"huruf": "n"}).content.decode()
    bar = html.split('class="letter-bar"')[1].split("</nav>")[0]
    assert '<a href="?huruf=p">P</a>' in bar
    assert '<a href="?huruf=n" aria-current="page">N</a>' in bar
    assert '<span class="muted" title="Tidak ada subjek">Q</span>' in bar
    assert ">Lainnya<" in bar  # the 27th entry: digits and other scripts
    assert len(re.findall(r"<li>", bar)) == 27


def test_each_heading_links_to_the_opac_filtered_by_it_with_the_same_count(client, shelf):
    html = client.get(reverse(BROWSE), {"huruf": "p"}).content.decode()
    links = re.findall(r'href="(/katalog/\?subjek=[^"]*)">([^<]*)</a>', html)
    assert ("/katalog/?subjek=Pendidikan%20--%20Belitung", "Pendidikan -- Belitung") in links
    counts = dict(catalog_index().search(SearchQuery(limit=0)).facets["subject"])
    for url, heading in links:
        result = client.get(url)
        assert result.status_code == 200
        assert result.context["opac"].result.total == counts[heading]
    assert dict(SubjectHeading.objects.values_list("heading", "records")) == counts


def test_headings_starting_with_a_digit_or_another_script_are_under_lainnya(client, network):
    subjects = ["17 Agustus -- Sejarah", "تفسير", "Émile Zola", "(Tokoh) Lampung", "ẞtraße"]
    create_record(book("Campuran", subjects=subjects), network.libraries["KOTA"])
    refresh_headings()
    html = client.get(reverse(BROWSE), {"huruf": "lainnya"}).content.decode()
    assert [h for h, _count in _headings(html)] == ["17 Agustus -- Sejarah", "تفسير"]
    assert "2 subjek berawalan angka atau huruf lain" in html
    assert [letter_of(s) for s in subjects] == ["#", "#", "e", "t", "s"]


def test_headings_come_100_a_page(client, network):
    subjects = [f"Kopi {number:03d}" for number in range(250)]
    create_record(book("Kopi Lampung", subjects=subjects), network.libraries["KOTA"])
    refresh_headings()
    first = client.get(reverse(BROWSE), {"huruf": "k"}).content.decode()
    assert [h for h, _ in _headings(first)] == subjects[:100]
    assert "Halaman 1 dari 3" in first
    assert 'href="?huruf=k&amp;halaman=2" rel="next"' in first
    last = client.get(reverse(BROWSE), {"huruf": "k", "halaman": "3"}).content.decode()
    assert [h for h, _ in _headings(last)] == subjects[200:]
    assert 'href="?huruf=k&amp;halaman=2" rel="prev"' in last
    assert 'rel="next"' not in last
    too_far = client.get(reverse(BROWSE), {"huruf": "k", "halaman": "99"}).content.decode()
    assert _headings(too_far) == _headings(last)
    assert _headings(client.get(reverse(BROWSE), {"huruf": "k", "halaman": "x"}).content.decode())


def test_the_page_costs_three_queries_whatever_the_catalog_size(
    client, shelf, django_assert_max_num_queries
):
    with django_assert_max_num_queries(3):  # letters in use, count of the letter, the page
        assert client.get(reverse(BROWSE), {"huruf": "s", "halaman": "2"}).status_code == 200


def test_before_the_first_count_the_page_says_the_list_is_being_prepared(client, network):
    create_record(book("Belum dihitung", subjects=["Sejarah"]), network.libraries["KOTA"])
    html = client.get(reverse(BROWSE)).content.decode()
    assert "Daftar subjek sedang disusun" in html
    refresh_headings()
    assert "Daftar subjek sedang disusun" not in client.get(reverse(BROWSE)).content.decode()


def test_a_refresh_writes_only_what_changed(shelf, rina):
    assert refresh_headings() == 0
    laskar = Record.objects.get(title="Laskar Pelangi")
    update_record(
        laskar,
        book("Laskar Pelangi", authors=["Andrea Hirata"], publisher="Bentang Pustaka",
             place="Yogyakarta", year=2005, language="ind",
             subjects=["Novel Indonesia", "Sekolah -- Belitung"]),
    )  # fmt: skip
    running = Record.objects.get(title="Running a Small Library")
    for item in running.items.all():
        set_item_status(item, ItemStatus.WITHDRAWN, by=rina)
    delete_record(running, by=rina)
    # New "Sekolah -- Belitung"; gone "Pendidikan -- Belitung" and "Library science".
    assert refresh_headings() == 3
    counts = dict(SubjectHeading.objects.values_list("heading", "records"))
    assert counts["Sekolah -- Belitung"] == 1
    assert "Pendidikan -- Belitung" not in counts
    assert "Library science" not in counts
    assert counts["Novel Indonesia"] == 2
    drain_outbox()
    assert counts == dict(catalog_index().search(SearchQuery(limit=0)).facets["subject"])


def test_subjects_are_counted_once_per_record_and_trimmed(network):
    create_record(book("Dua kali", subjects=["Literasi", "Literasi "]), network.libraries["KOTA"])
    record = Record.objects.get()
    Record.objects.filter(pk=record.pk).update(subjects=["Literasi", " Literasi", "", "x" * 501])
    refresh_headings()
    assert dict(SubjectHeading.objects.values_list("heading", "records")) == {"Literasi": 1}


@pytest.mark.parametrize("eager", [False, True])
def test_the_worker_refreshes_after_a_change_as_often_as_the_schedule_allows(shelf, eager):
    schedule = RefreshSchedule(min_interval=60, max_age=600)
    assert schedule.run_if_due(now=0)  # a fresh worker counts once
    SubjectHeading.objects.all().delete()
    assert not schedule.run_if_due(now=1)  # nothing changed
    schedule.changed()
    assert schedule.run_if_due(now=30, eager=eager) is eager  # too soon, unless eager
    assert SubjectHeading.objects.exists() is eager
    assert schedule.run_if_due(now=91) is not eager  # the pending change is counted
    assert SubjectHeading.objects.exists()
    assert not schedule.run_if_due(now=120)
    assert schedule.run_if_due(now=700)  # and now and then anyway, for changes it never saw


def test_the_worker_counts_subjects_after_draining_the_outbox(network):
    from simpul.jobs.worker import run_once

    create_record(book("Kopi Lampung", subjects=["Kopi -- Lampung"]), network.libraries["KOTA"])
    run_once(eager=True)
    assert SubjectHeading.objects.get().heading == "Kopi -- Lampung"


def test_the_browse_speaks_english_too(client, shelf):
    client.cookies["simpul_bahasa"] = "en"
    html = client.get(reverse(BROWSE), {"huruf": "l"}).content.decode()
    assert "3 subjects starting with L" in html
    assert ">Other<" in html
    assert "The number beside each subject is how many titles it has." in html
