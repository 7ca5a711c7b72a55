"""Help when words miss: typo tolerance, spelling suggestions, dropped words, type-ahead."""

import pytest

from simpul.catalog.search import CatalogIndex, SearchDoc, SearchQuery
from simpul.catalog.search.spelling import edit_distance

SHELF = [
    SearchDoc(1, "Bumi Manusia", authors=["Pramoedya Ananta Toer"], language="ind",
              subjects=["Novel Indonesia"]),
    SearchDoc(2, "Anak Semua Bangsa", authors=["Pramoedya Ananta Toer"], language="ind",
              subjects=["Novel Indonesia"]),
    SearchDoc(3, "Laskar Pelangi", authors=["Andrea Hirata"], language="ind"),
    SearchDoc(4, "Sejarah Kota Metro", language="ind", subjects=["Sejarah -- Lampung"]),
    SearchDoc(5, "Sejarah Indonesia Modern", language="ind"),
    SearchDoc(6, "Sejarah Lampung", language="ind"),
    SearchDoc(7, "Sejarah Perpustakaan", language="ind"),
    SearchDoc(8, "Catatan Sejarh", language="ind"),  # a typo in the catalog itself
    SearchDoc(9, "Pendidikan Anak Usia Dini", language="ind", subjects=["Pendidikan anak"]),
    SearchDoc(10, "Public Libraries", authors=["Anne Smith"], language="eng"),
]  # fmt: skip


@pytest.fixture(scope="module")
def index():
    catalog = CatalogIndex()
    catalog.add_many(SHELF)
    catalog.commit()
    return catalog


def search(index, text, **options):
    return index.search(SearchQuery(text=text, **options))


def test_a_misspelt_name_still_finds_the_books_and_suggests_the_spelling(index):
    result = search(index, "pramudya")
    assert sorted(hit.record_id for hit in result.hits) == [1, 2]
    assert result.suggestion == "pramoedya"
    assert result.dropped_words == []


def test_the_suggestion_keeps_the_words_that_were_right(index):
    result = search(index, "laskar pelagi")
    assert [hit.record_id for hit in result.hits] == [3]
    assert result.suggestion == "laskar pelangi"


def test_a_suggestion_keeps_field_names(index):
    assert search(index, "judul:pelagi").suggestion == "judul:pelangi"


def test_few_hits_for_a_rare_spelling_suggest_the_common_one(index):
    result = search(index, "sejarh")
    assert [hit.record_id for hit in result.hits] == [8]
    assert result.suggestion == "sejarah"


def test_plenty_of_hits_bring_no_suggestion(index):
    result = search(index, "sejarah")
    assert result.total == 4
    assert result.suggestion is None


def test_a_word_found_nowhere_is_dropped_and_named(index):
    result = search(index, "bumi xyzzyq")
    assert [hit.record_id for hit in result.hits] == [1]
    assert result.dropped_words == ["xyzzyq"]


def test_when_words_never_meet_the_commonest_is_dropped(index):
    result = search(index, "sejarah pramoedya")
    assert result.dropped_words == ["sejarah"]
    assert sorted(hit.record_id for hit in result.hits) == [1, 2]


def test_words_found_nowhere_at_all_find_nothing(index):
    result = search(index, "qwxzzy zzyqwx")
    assert (result.total, result.hits, result.dropped_words) == (0, [], [])


def test_short_words_are_not_guessed(index):
    assert search(index, "anaq").total == 2  # four letters: one edit allowed
    assert search(index, "ank").total == 0


def test_type_ahead_completes_the_last_word_over_titles_authors_and_subjects(index):
    assert index.suggest("bum") == ["Bumi Manusia"]
    assert index.suggest("pram") == ["Pramoedya Ananta Toer"]
    assert index.suggest("Pendidikan an") == ["Pendidikan anak", "Pendidikan Anak Usia Dini"]


def test_type_ahead_puts_texts_starting_with_the_typed_words_first(index):
    suggestions = index.suggest("sejarah")
    assert suggestions[0].startswith("Sejarah")
    assert "Sejarah -- Lampung" in suggestions
    assert len(index.suggest("sejarah", limit=2)) == 2


def test_type_ahead_after_a_space_wants_the_whole_word(index):
    expected = ["Anak Semua Bangsa", "Pendidikan anak", "Pendidikan Anak Usia Dini"]
    assert index.suggest("anak ") == expected


def test_type_ahead_ignores_field_names_and_quotes(index):
    assert index.suggest('judul:"bumi ma') == ["Bumi Manusia"]


def test_type_ahead_of_nothing_is_nothing(index):
    assert index.suggest("") == []
    assert index.suggest("  !! ") == []
    assert index.suggest("bumi", limit=0) == []


def test_edit_distance_counts_a_swap_of_neighbours_as_one_edit():
    assert edit_distance("sejarah", "sejarh", 2) == 1
    assert edit_distance("sejarah", "sejaarh", 2) == 1
    assert edit_distance("buku", "kubu", 1) == 2
