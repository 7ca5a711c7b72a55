"""The analyzer shared by indexing and querying: folding, tokens, stems per language."""

import pytest

from simpul.catalog.search.analyzer import analyze, fold, query_variants, stem, tokens


def test_folding_removes_case_accents_and_punctuation():
    assert fold("Café-Au  Lait!") == "cafe au lait"
    assert fold("PRAMOEDYA Ananta Toër") == "pramoedya ananta toer"
    assert fold("Jum'at") == "jumat"
    assert fold("Øresund, Straße") == "oresund strasse"
    assert fold("ﬁnancial ²") == "financial 2"


def test_tokens_keep_letters_of_any_script_and_digits_and_drop_control_characters():
    assert tokens("Kitab العربية 2019\x00x") == ["kitab", "العربية", "2019", "x"]
    assert tokens("") == []
    assert tokens("?!…—") == []


def test_absurdly_long_words_are_cut_the_same_way_everywhere():
    word = "a" * 500
    assert tokens(word) == ["a" * 40]
    assert analyze(word, "ind") == ["a" * 40]


@pytest.mark.parametrize(
    ("word", "root"),
    [
        ("membaca", "baca"),
        ("bacaan", "baca"),
        ("pembaca", "baca"),
        ("menulis", "tulis"),
        ("tulisan", "tulis"),
        ("penulis", "tulis"),
        ("pengembangan", "kembang"),
        ("pendidikan", "didik"),
        ("perpustakaan", "pustaka"),
        ("digital", "digital"),
        ("pemain", "main"),
    ],
)
def test_indonesian_words_are_reduced_to_their_root(word, root):
    assert stem(word, "ind") == root


def test_malay_records_use_the_indonesian_stemmer():
    assert stem("membaca", "may") == "baca"


def test_english_words_use_the_english_stemmer():
    assert stem("libraries", "eng") == stem("library", "eng")
    assert stem("running", "eng") == stem("run", "eng")


def test_other_languages_and_words_with_digits_are_only_folded():
    assert analyze("Membaca Bücher", "ger") == ["membaca", "bucher"]
    assert analyze("Covid19 membaca", "ind") == ["covid19", "baca"]


def test_a_query_word_is_looked_up_as_itself_and_as_an_indonesian_and_english_stem():
    assert query_variants("membaca") == ["membaca", "baca"]
    assert query_variants("libraries") == ["libraries", "librari"]
    assert query_variants("buku") == ["buku"]
