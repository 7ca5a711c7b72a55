"""Searching a small catalog: stems, exact matches first, phrases, fields, ISBNs, order, filters."""

import pytest

from simpul.catalog.search import CatalogIndex, SearchDoc, SearchIndexBusy, SearchQuery

SHELF = [
    SearchDoc(1, "Ayo Baca!", authors=["Sari Wulandari"], subjects=["Literasi"], language="ind",
              year=2021, material_type="book", libraries=["KOTA", "SMAN1"],
              available_libraries=["SMAN1"], added=1_700_000_100),
    SearchDoc(2, "Bumi Manusia", authors=["Pramoedya Ananta Toer"], language="ind", year=1980,
              subjects=["Novel Indonesia", "Sejarah -- Indonesia"], isbns=["0-306-40615-2"],
              publisher="Hasta Mitra", material_type="book", libraries=["KOTA"],
              available_libraries=["KOTA"], added=1_600_000_000),
    SearchDoc(3, "Anak Semua Bangsa", authors=["Pramoedya Ananta Toer"], language="ind",
              year=1981, subjects=["Novel Indonesia"], material_type="book", libraries=["SMAN2"],
              added=1_600_000_100),
    SearchDoc(4, "Public Libraries and Their Readers", authors=["Anne Smith"], language="eng",
              year=2015, subjects=["Public libraries"], isbns=["978-979-3062-79-2"],
              material_type="book", libraries=["KOTA"], added=1_650_000_000),
    SearchDoc(5, "Running a Small Library", authors=["David Brown"], language="eng", year=2010,
              subjects=["Library science"], material_type="ebook", libraries=["SMAN1"],
              available_libraries=["SMAN1"], added=1_550_000_000),
    SearchDoc(6, "Café Society", authors=["Renée Dupont"], language="fre", year=2011,
              material_type="book", libraries=["SMAN2"], available_libraries=["SMAN2"],
              added=1_500_000_000),
    SearchDoc(7, "Laskar Pelangi", authors=["Andrea Hirata"], language="ind", year=2005,
              publisher="Bentang Pustaka", series=["Tetralogi Laskar Pelangi"],
              subjects=["Pendidikan -- Belitung"], material_type="book",
              libraries=["KOTA", "SMAN2"], available_libraries=["SMAN2"], added=1_620_000_000),
    SearchDoc(8, "Membaca Cepat", subtitle="Teknik untuk pelajar", language="ind", year=2019,
              authors=["Budi Santoso"], material_type="book", libraries=["KOTA"],
              added=1_690_000_000),
    SearchDoc(9, "Sejarah Kota Metro", authors=["Hendra Gunawan"], language="ind", year=2023,
              subjects=["Metro (Lampung) -- Sejarah"], notes=["Termasuk peta dan foto lama"],
              material_type="map", libraries=["KOTA"], available_libraries=["KOTA"],
              added=1_710_000_000),
    SearchDoc(10, "Menulis Kreatif", authors=["Dewi Lestari"], language="ind", year=2018,
              summary="Panduan bagi penulis muda tentang tulisan yang hidup.",
              material_type="book", libraries=["SMAN1"], added=1_680_000_000),
]  # fmt: skip


@pytest.fixture(scope="module")
def index():
    catalog = CatalogIndex()
    catalog.add_many(SHELF[:5])
    catalog.commit()
    catalog.add_many(SHELF[5:])  # a second segment
    catalog.commit()
    return catalog


def ids(index, text="", **options):
    return [hit.record_id for hit in index.search(SearchQuery(text=text, **options)).hits]


def test_membaca_and_bacaan_both_find_the_record_titled_baca(index):
    assert 1 in ids(index, "membaca")
    assert 1 in ids(index, "bacaan")


def test_an_exact_word_ranks_above_the_same_stem(index):
    assert ids(index, "membaca")[:2] == [8, 1]


def test_tulisan_and_penulis_find_menulis(index):
    assert 10 in ids(index, "tulisan")
    assert ids(index, "penulis")[0] == 10


def test_english_plurals_and_verb_forms_find_their_stem(index):
    assert set(ids(index, "library")) >= {4, 5}
    assert ids(index, "run") == [5]


def test_case_and_accents_do_not_matter(index):
    assert ids(index, "Pramoedya") == ids(index, "pramoedya") == ids(index, "PRAMOEDYA")
    assert ids(index, "cafe") == ids(index, "café") == ids(index, "CAFÉ") == [6]
    assert ids(index, "renee") == [6]


def test_every_word_must_match(index):
    assert ids(index, "pramoedya bumi") == [2]


def test_a_title_match_ranks_above_a_subject_match(index):
    assert ids(index, "sejarah") == [9, 2]


def test_a_phrase_matches_consecutive_words_only(index):
    assert ids(index, '"bumi manusia"') == [2]
    assert ids(index, '"manusia bumi"') == []
    assert ids(index, '"small library"') == [5]


def test_a_phrase_matches_stemmed_words_too(index):
    assert ids(index, '"bacaan cepat"') == [8]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("judul:laskar", [7]),
        ("title:laskar", [7]),
        ('judul:"bumi manusia"', [2]),
        ("pengarang:hirata", [7]),
        ("author:smith", [4]),
        ('pengarang:"pramoedya ananta toer"', [2, 3]),
        ("subjek:literasi", [1]),
        ("subject:science", [5]),
        ("penerbit:bentang", [7]),
        ("publisher:mitra", [2]),
        ("seri:tetralogi", [7]),
        ("series:tetralogi", [7]),
        ("tahun:2005", [7]),
        ("year:1980-1981 pramoedya", [2, 3]),
        ("judul:toer", []),
    ],
)
def test_field_searches_in_indonesian_and_english(index, text, expected):
    assert sorted(ids(index, text)) == expected


@pytest.mark.parametrize(
    "written",
    ["9780306406157", "978-0-306-40615-7", "0-306-40615-2", "0306406152", "isbn:0306406152"],
)
def test_an_isbn_is_found_with_or_without_hyphens_and_in_its_ten_digit_form(index, written):
    assert ids(index, written) == [2]


def test_an_isbn_with_another_prefix_is_found(index):
    assert ids(index, "isbn:9789793062792") == [4]


def test_notes_and_summaries_are_searched_but_weigh_least(index):
    assert ids(index, "peta") == [9]


def test_sorting_by_newest_and_by_title(index):
    assert ids(index, sort="newest")[:3] == [9, 1, 8]
    assert ids(index, "pramoedya", sort="newest") == [3, 2]
    assert ids(index, sort="title") == [3, 1, 2, 6, 7, 8, 10, 4, 5, 9]
    assert ids(index, "pramoedya", sort="title") == [3, 2]


def test_sorted_hits_carry_no_score(index):
    hits = index.search(SearchQuery(text="pramoedya", sort="newest")).hits
    assert [hit.score for hit in hits] == [0.0, 0.0]


def test_without_words_the_newest_records_come_first(index):
    assert ids(index, limit=3) == [9, 1, 8]


def test_pages_do_not_overlap_and_keep_the_total(index):
    pages = [index.search(SearchQuery(sort="title", offset=n, limit=4)) for n in (0, 4, 8)]
    assert [len(page.hits) for page in pages] == [4, 4, 2]
    assert {page.total for page in pages} == {10}
    assert [hit.record_id for page in pages for hit in page.hits] == ids(index, sort="title")


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"library": ["SMAN2"]}, [3, 6, 7]),
        ({"library": ["SMAN2", "SMAN1"]}, [1, 3, 5, 6, 7, 10]),
        ({"material_type": ["ebook", "map"]}, [5, 9]),
        ({"language": ["eng"]}, [4, 5]),
        ({"year": ["1980"]}, [2]),
        ({"year": ["1980-1989"]}, [2, 3]),
        ({"year": ["1980-1989", "2020-2029"]}, [1, 2, 3, 9]),
        ({"subject": ["Novel Indonesia"]}, [2, 3]),
        ({"available": ["1"]}, [1, 2, 5, 6, 7, 9]),
        ({"available": []}, list(range(1, 11))),
        ({"library": ["KOTA"], "available": ["1"]}, [2, 9]),
        ({"library": ["KOTA", "SMAN1"], "available": ["1"]}, [1, 2, 5, 9]),
        ({"library": ["KOTA"], "language": ["ind"], "year": ["2000-2029"]}, [1, 7, 8, 9]),
    ],
)
def test_filters_narrow_the_results(index, filters, expected):
    assert sorted(ids(index, filters=filters)) == expected


def test_filters_combine_with_words(index):
    assert ids(index, "pramoedya", filters={"library": ["SMAN2"]}) == [3]


def test_the_available_facet_counts_records_on_the_shelf(index):
    facets = index.search(SearchQuery()).facets
    assert facets["available"] == [("1", 6)]


def test_with_a_library_selected_available_means_on_the_shelf_there(index):
    facets = index.search(SearchQuery(filters={"library": ["KOTA"]})).facets
    assert facets["available"] == [("1", 2)]
    assert facets["library"] == [("KOTA", 6), ("SMAN1", 1), ("SMAN2", 1)]


def test_the_year_facet_counts_decades(index):
    facets = index.search(SearchQuery(text="pramoedya")).facets
    assert facets["year"] == [("1980-1989", 2)]
    assert facets["language"] == [("ind", 2)]
    assert facets["subject"] == [("Novel Indonesia", 2), ("Sejarah -- Indonesia", 1)]


def test_facets_can_be_skipped(index):
    assert index.search(SearchQuery(facets=False)).facets == {}


def test_replacing_a_record_changes_what_finds_it():
    catalog = CatalogIndex()
    catalog.add_many(SHELF)
    catalog.commit()
    changed = SearchDoc(7, "Sang Pemimpi", authors=["Andrea Hirata"], language="ind")
    catalog.replace_many([changed])
    catalog.commit()
    assert ids(catalog, "laskar") == []
    assert ids(catalog, "pemimpi") == [7]
    assert catalog.count() == 10


def test_deleting_and_clearing_records():
    catalog = CatalogIndex()
    catalog.add_many(SHELF)
    catalog.commit()
    catalog.delete_many([2, 3, 999])
    catalog.commit()
    assert catalog.count() == 8
    assert ids(catalog, "pramoedya") == []
    catalog.clear()
    assert catalog.count() == 8, "a clear takes effect at the commit"
    catalog.add_many(SHELF[:2])
    catalog.commit()
    assert catalog.count() == 2


def test_an_index_on_disk_is_read_by_another_handle_while_one_writes(tmp_path):
    writer = CatalogIndex(tmp_path, heap_size=15_000_000)
    writer.add_many(SHELF)
    writer.commit()
    reader = CatalogIndex(tmp_path)
    assert reader.count() == 10
    assert ids(reader, "laskar") == [7]
    with pytest.raises(SearchIndexBusy):
        reader.add_many(SHELF[:1])
    writer.delete_many([7])
    writer.close()
    reader.reload()
    assert ids(reader, "laskar") == []
    reader.add_many(SHELF[6:7])
    reader.commit()
    assert ids(reader, "laskar") == [7]
