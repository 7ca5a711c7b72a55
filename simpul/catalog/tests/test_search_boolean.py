"""Boolean queries on a small catalog: words, phrases, whole values, And/Or/Not and paging."""

import pytest

from simpul.catalog.search import (
    And,
    CatalogIndex,
    Exact,
    MatchAll,
    Not,
    Or,
    SearchDoc,
    Words,
)

SHELF = [
    SearchDoc(1, "Laskar Pelangi", authors=["Andrea Hirata"], language="ind",
              subjects=["Novel Indonesia", "Pendidikan -- Belitung"], isbns=["978-979-3062-79-2"]),
    SearchDoc(2, "Bumi Manusia", authors=["Pramoedya Ananta Toer"], language="ind",
              subjects=["Novel Indonesia", "Sejarah -- Indonesia"], isbns=["0-306-40615-2"]),
    SearchDoc(3, "Anak Semua Bangsa", authors=["Pramoedya Ananta Toer"], language="ind",
              subjects=["Novel Indonesia"]),
    SearchDoc(4, "Sejarah Kota Metro", authors=["Hendra Gunawan"], language="ind",
              subjects=["Metro (Lampung) -- Sejarah"], notes=["Termasuk peta pelangi lama"]),
    SearchDoc(5, "The Public Library", title_sort="Public Library", authors=["Anne Smith"],
              language="eng", subjects=["Public libraries"]),
    SearchDoc(6, "Ayo Baca!", authors=["Sari Wulandari"], language="ind", subjects=["Literasi"]),
]  # fmt: skip


@pytest.fixture(scope="module")
def index():
    catalog = CatalogIndex()
    catalog.add_many(SHELF)
    catalog.commit()
    return catalog


def found(index, query, offset=0, limit=20):
    total, record_ids = index.find(query, offset=offset, limit=limit)
    assert total >= len(record_ids)
    return sorted(record_ids)


def test_words_match_as_stems_in_the_field_named(index):
    assert found(index, Words("title", ("membaca",))) == [6]  # stem "baca"
    assert found(index, Words("author", ("pramoedya",))) == [2, 3]
    assert found(index, Words("author", ("pelangi",))) == []
    assert found(index, Words("any", ("pelangi",))) == [1, 4]  # title, and notes


def test_all_any_and_phrase_differ_in_which_words_must_be_there(index):
    assert found(index, Words("title", ("kota", "sejarah"), "all")) == [4]
    assert found(index, Words("title", ("kota", "sejarah"), "phrase")) == []
    assert found(index, Words("title", ("sejarah", "kota"), "phrase")) == [4]
    assert found(index, Words("title", ("pelangi", "manusia"), "any")) == [1, 2]
    assert found(index, Words("title", ("pelangi", "manusia"), "all")) == []


def test_a_truncated_last_word_is_a_prefix(index):
    assert found(index, Words("title", ("pelang",))) == []
    assert found(index, Words("title", ("pelang",), truncated=True)) == [1]
    assert found(index, Words("title", ("laskar", "pel"), "phrase", truncated=True)) == [1]
    assert found(index, Words("title", ("pel", "laskar"), "all", truncated=True)) == []


def test_exact_values_are_whole_titles_headings_and_isbns(index):
    assert found(index, Exact("title", "laskar pelangi")) == [1]
    assert found(index, Exact("title", "laskar")) == []
    assert found(index, Exact("title", "public library")) == [5]  # sorts without "The"
    assert found(index, Exact("subject", "Novel Indonesia")) == [1, 2, 3]
    assert found(index, Exact("subject", "novel indonesia")) == []  # as written
    assert found(index, Exact("isbn", "0306406152")) == [2]  # ISBN-10 of 978-0-306-40615-7
    assert found(index, Exact("isbn", "9789793062792")) == [1]
    assert found(index, Exact("isbn", "1234")) == []


def test_and_or_not_combine_parts(index):
    pramoedya = Words("author", ("pramoedya",))
    novel = Exact("subject", "Novel Indonesia")
    assert found(index, And((novel, Words("title", ("bumi",))))) == [2]
    assert found(index, Or((Words("title", ("pelangi",)), Words("title", ("bangsa",))))) == [1, 3]
    assert found(index, Not(novel, pramoedya)) == [1]
    assert found(index, Not(MatchAll(), novel)) == [4, 5, 6]
    nested = And((Or((pramoedya, Words("title", ("pelangi",)))), Not(novel, Exact("isbn", "x"))))
    assert found(index, nested) == [1, 2, 3]


def test_and_of_nothing_is_everything_and_or_of_nothing_is_nothing(index):
    assert found(index, And(())) == [1, 2, 3, 4, 5, 6]
    assert found(index, MatchAll()) == [1, 2, 3, 4, 5, 6]
    assert found(index, Or(())) == []


def test_records_come_in_relevance_order_and_in_pages(index):
    pelangi = Words("any", ("pelangi",))
    assert index.find(pelangi) == (2, [1, 4])  # in the title ranks above in the notes
    first, second = index.find(MatchAll(), limit=4), index.find(MatchAll(), offset=4, limit=4)
    assert (first[0], len(first[1]), second[0], len(second[1])) == (6, 4, 6, 2)
    assert sorted(first[1] + second[1]) == [1, 2, 3, 4, 5, 6]
    assert index.find(MatchAll(), offset=0, limit=0) == (6, [])
    assert index.find(MatchAll(), offset=20_000) == (6, [])


def test_a_field_the_index_cannot_search_is_refused(index):
    with pytest.raises(ValueError, match="year"):
        index.find(Words("year", ("2005",)))
