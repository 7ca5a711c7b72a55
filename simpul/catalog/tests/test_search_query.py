"""Reading the search box: words, phrases, field searches, and input that must never break it."""

import random

import pytest

from simpul.catalog.search import CatalogIndex, SearchDoc, SearchQuery
from simpul.catalog.search.query import MAX_PARTS, Part, parse


def test_words_phrases_and_field_searches_are_told_apart():
    parsed = parse('bumi "anak semua bangsa" judul:laskar pengarang:"andrea hirata"')
    assert parsed.terms == ["bumi"]
    assert parsed.phrases == ["anak semua bangsa"]
    assert parsed.fielded == [
        Part("laskar", "title"),
        Part("andrea hirata", "author", phrase=True),
    ]


@pytest.mark.parametrize(
    ("alias", "field"),
    [
        ("judul", "title"),
        ("Title", "title"),
        ("pengarang", "author"),
        ("author", "author"),
        ("subjek", "subject"),
        ("subject", "subject"),
        ("isbn", "isbn"),
        ("penerbit", "publisher"),
        ("publisher", "publisher"),
        ("seri", "series"),
        ("series", "series"),
        ("tahun", "year"),
        ("year", "year"),
    ],
)
def test_field_names_are_understood_in_indonesian_and_english(alias, field):
    assert parse(f"{alias}:x").parts == (Part("x", field),)


def test_an_unknown_field_name_is_read_as_plain_words():
    assert parse("foo:bar").parts == (Part("foo"), Part("bar"))


def test_a_field_name_followed_by_a_space_applies_to_the_next_word():
    assert parse("judul: bumi manusia").parts == (Part("bumi", "title"), Part("manusia"))


def test_an_unclosed_quote_runs_to_the_end():
    assert parse('sejarah "kota metro').parts == (Part("sejarah"), Part("kota metro", phrase=True))


def test_only_punctuation_or_empty_quotes_give_an_empty_query():
    assert not parse('!!! "" ::: -- ?')
    assert not parse("")


def test_very_long_input_is_cut():
    parsed = parse("kata " * 10_000)
    assert len(parsed.parts) == MAX_PARTS


HOSTILE = [
    "",
    " ",
    '"',
    '""""',
    "\x00",
    "buku\x00sejarah",
    "a" * 100_000,
    "judul:",
    'judul:"',
    ":::",
    "*",
    "?",
    "buku*",
    "(((",
    "AND OR NOT",
    "-",
    "~2",
    "title:(",
    "isbn:",
    "isbn:abc",
    "tahun:abcd",
    "tahun:99999999",
    "tahun:-5",
    "year:2020-1990",
    "😀 📚",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    "\u202e\u200b",
    "%_\\",
    'a"b"c"',
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "judul:judul:judul:",
    "x:y:z:" * 50,
    "ﷺ" * 100,
]


def _hostile_strings():
    rng = random.Random(20)
    alphabet = 'ab "\\:*?~^()[]{}+-!/\x00\u0301é字😀\n\t'
    randoms = ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 60))) for _ in range(60)]
    return HOSTILE + randoms


@pytest.fixture(scope="module")
def small_index():
    index = CatalogIndex()
    index.add_many(
        [
            SearchDoc(1, "Bumi Manusia", authors=["Pramoedya Ananta Toer"], language="ind"),
            SearchDoc(2, "Running a Small Library", language="eng", year=2010),
        ]
    )
    index.commit()
    return index


def test_no_input_makes_the_parser_raise():
    for text in _hostile_strings():
        parse(text)


def test_no_input_makes_search_or_type_ahead_raise(small_index):
    for text in _hostile_strings():
        result = small_index.search(SearchQuery(text=text))
        assert result.total >= 0
        small_index.suggest(text)


@pytest.mark.parametrize(
    "filters",
    [
        {"year": ["abc", "-1", "99999999999", ""]},
        {"library": [""], "available": ["yes"]},
        {"available": ["0"]},
        {"unknown": ["x"]},
        {"subject": ["x" * 10_000]},
        {"language": "ind"},
    ],
)
def test_odd_filters_are_ignored_or_match_nothing_rather_than_fail(small_index, filters):
    small_index.search(SearchQuery(text="bumi", filters=filters))


def test_odd_paging_and_sorting_values_are_tolerated(small_index):
    assert small_index.search(SearchQuery(limit=-5)).hits == []
    assert small_index.search(SearchQuery(offset=-1)).total == 2
    assert small_index.search(SearchQuery(offset=10**9)).hits == []
    assert small_index.search(SearchQuery(sort="bogus")).total == 2  # type: ignore[arg-type]
