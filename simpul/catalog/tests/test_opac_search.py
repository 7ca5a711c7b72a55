"""The OPAC through HTTP: stemming, phrases, field searches, facets equal to SQL counts."""

from __future__ import annotations

import re

import pytest
from django.db.models import Count
from django.urls import reverse

from simpul.catalog.choices import ItemStatus
from simpul.catalog.models import Item, Record

SEARCH = "/katalog/"


def titles(client, **params) -> list[str]:
    html = client.get(SEARCH, params).content.decode()
    return re.findall(r'<h3><a href="/katalog/\d+/">([^<]+)</a></h3>', html)


def test_indonesian_stemming_finds_the_root_word(client, shelf):
    # "membaca" and "bacaan" share the root "baca" with "Gemar Baca ..." and "Pembaca dan Bacaan".
    for query in ("membaca", "bacaan"):
        found = titles(client, q=query)
        assert "Gemar Baca di Perpustakaan Keliling" in found
        assert "Pembaca dan Bacaan" in found


def test_english_stemming_follows_the_record_language(client, shelf):
    assert "Public Libraries and Their Readers" in titles(client, q="library")
    assert "Running a Small Library" in titles(client, q="run")


def test_case_and_accents_are_folded(client, shelf):
    assert titles(client, q="LASKAR pelangi") == ["Laskar Pelangi"]
    assert "Bumi Manusia" in titles(client, q="prámoedya")


def test_a_phrase_in_quotes_matches_consecutive_words(client, shelf):
    assert titles(client, q='"bumi manusia"') == ["Bumi Manusia"]
    assert titles(client, q='"manusia bumi"') == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("judul:pelangi", ["Laskar Pelangi"]),
        ("title:pelangi", ["Laskar Pelangi"]),
        ("pengarang:pramoedya", ["Bumi Manusia"]),
        ("author:hirata", ["Laskar Pelangi"]),
        ('subjek:"lampung sejarah"', ["Sejarah Kota Metro"]),
        ("isbn:9780306406157", ["Public Libraries and Their Readers"]),
        ("isbn:0-306-40615-2", ["Public Libraries and Their Readers"]),
    ],
)
def test_field_searches_in_both_languages(client, shelf, query, expected):
    assert titles(client, q=query) == expected


def test_a_field_word_does_not_match_other_fields(client, shelf):
    assert titles(client, q="judul:pramoedya") == []


def test_library_facet_counts_equal_an_independent_sql_count(client, shelf):
    html = client.get(SEARCH, {"q": ""}).content.decode()
    expected = dict(
        Item.objects.values("library__name")
        .annotate(n=Count("record", distinct=True))
        .values_list("library__name", "n")
    )
    for name, count in expected.items():
        assert re.search(rf">{re.escape(name)}</a> <span class=\"count\">{count}</span>", html), (
            name
        )


def test_availability_facet_counts_records_with_an_available_copy(client, shelf):
    Item.objects.filter(barcode__in=["T000", "T030"]).update(status=ItemStatus.ON_LOAN)
    from simpul.catalog.indexing import drain_outbox
    from simpul.catalog.records import queue_for_index

    queue_for_index([r.pk for r in shelf])
    drain_outbox()
    expected = Record.objects.filter(items__status=ItemStatus.AVAILABLE).distinct().count()
    html = client.get(SEARCH, {"tersedia": "1"}).content.decode()
    assert f"{expected} hasil" in html


def test_narrowing_by_a_facet_and_removing_it(client, shelf):
    narrowed = titles(client, q="", perpustakaan="UMMETRO")
    expected = Record.objects.filter(items__library__code="UMMETRO").distinct().count()
    assert len(narrowed) == expected
    assert len(titles(client, q="")) == len(shelf)


def test_sorting_by_title_and_newest(client, shelf):
    from datetime import timedelta

    from simpul.catalog.indexing import drain_outbox
    from simpul.catalog.records import queue_for_index

    newest = shelf[-1]
    Record.objects.filter(pk=newest.pk).update(created_at=newest.created_at + timedelta(days=1))
    queue_for_index([newest.pk])
    drain_outbox()
    by_title = titles(client, q="", urut="judul")
    assert by_title == sorted(by_title, key=str.casefold)
    assert titles(client, q="", urut="terbaru")[0] == "Sejarah Kota Metro"


def test_nothing_found_offers_help(client, shelf):
    html = client.get(SEARCH, {"q": "zzqxv"}).content.decode()
    assert "Tidak ada judul yang cocok" in html


def test_a_misspelling_gets_a_suggestion(client, shelf):
    html = client.get(SEARCH, {"q": "pelanggi"}).content.decode()
    assert "Mungkin maksud Anda" in html or "Laskar Pelangi" in html


def test_dropped_words_are_named(client, shelf):
    html = client.get(SEARCH, {"q": "laskar pelangi xyzzyq"}).content.decode()
    assert "Laskar Pelangi" in html


@pytest.mark.parametrize(
    "query",
    ['"', "judul:", "((", "\x00", "a" * 2000, "isbn:abc", "*", 'pengarang:"', "tahun:abcd", "-"],
)
def test_odd_queries_never_fail(client, shelf, query):
    assert client.get(SEARCH, {"q": query, "halaman": "x", "urut": "aneh"}).status_code == 200


def test_the_search_page_runs_in_a_fixed_number_of_queries(
    client, shelf, django_assert_max_num_queries
):
    with django_assert_max_num_queries(6):
        client.get(SEARCH, {"q": "novel"})


def test_type_ahead_suggests_titles(client, shelf):
    html = client.get(reverse("catalog:suggest"), {"q": "lask"}).content.decode()
    assert "Laskar" in html


def test_the_advanced_form_builds_the_same_query_the_search_box_takes(client, shelf):
    response = client.get(
        reverse("catalog:advanced"),
        {"pengarang": "Pramoedya Ananta", "subjek": "novel", "tahun": "1970-1990", "bahasa": "ind"},
    )
    assert response.status_code == 302
    assert titles(client, **_params(response["Location"])) == ["Bumi Manusia"]


def test_the_advanced_form_explains_a_bad_year(client, shelf):
    response = client.get(reverse("catalog:advanced"), {"tahun": "kemarin"})
    assert response.status_code == 200
    assert "empat angka" in response.content.decode()


def _params(location: str) -> dict[str, str]:
    from urllib.parse import parse_qsl, urlsplit

    return dict(parse_qsl(urlsplit(location).query))
