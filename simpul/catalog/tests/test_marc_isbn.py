"""ISBNs as cataloguers type them: hyphens, qualifiers, ISBN-10 with X, wrong check digits."""

from __future__ import annotations

import pytest
from django.utils import translation

from simpul.catalog.marc.isbn import (
    is_valid_isbn10,
    is_valid_isbn13,
    isbn10_to_13,
    isbn_error,
    normalize_isbn,
    normalize_issn,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("0764541668", "9780764541667"),  # SLiMS sample, PHP 5 for dummies
        ("0-596-00108-8", "9780596001087"),
        ("9780596009304 : $39.95", "9780596009304"),
        ("080442957X (pbk.)", "9780804429573"),
        ("0-8044-2957-x", "9780804429573"),
        ("ISBN 978-0-306-40615-7", "9780306406157"),
        ("978 0 306 40615 7", "9780306406157"),
        ("979-22-0196-3", "9789792201963"),
    ],
)
def test_a_valid_isbn_in_any_spelling_becomes_thirteen_digits(raw, expected):
    assert normalize_isbn(raw) == expected


@pytest.mark.parametrize(
    "raw", ["978-222-666-444", "856-225-456-78", "9780306406158", "0-596-00108-9", "", "abc"]
)
def test_an_invalid_isbn_normalizes_to_nothing(raw):
    assert normalize_isbn(raw) is None


def test_isbn10_with_x_converts_to_isbn13_with_a_new_check_digit():
    assert is_valid_isbn10("123456789X")
    assert isbn10_to_13("123456789X") == "9781234567897"
    assert is_valid_isbn13("9781234567897")


def test_isbn10_to_13_refuses_an_invalid_isbn10():
    with pytest.raises(ValueError, match="ISBN-10"):
        isbn10_to_13("1234567890")


def test_isbn13_must_start_with_978_or_979():
    assert not is_valid_isbn13("9770028083700")  # an ISSN barcode, not a book
    assert "978" in isbn_error("9770028083700")


def test_the_error_names_the_expected_check_digit():
    with translation.override("id"):
        assert isbn_error("9780306406158") == (
            "Digit pemeriksa ISBN salah: seharusnya 7, tertulis 8."
        )
        assert isbn_error("0-596-00108-9") == (
            "Digit pemeriksa ISBN salah: seharusnya 8, tertulis 9."
        )


def test_the_error_counts_the_digits_of_a_placeholder_isbn():
    with translation.override("id"):
        assert isbn_error("978-222-666-444") == (
            "ISBN harus 10 atau 13 angka; yang tertulis 12 angka."
        )


def test_a_valid_isbn_has_no_error_and_x_only_ends_an_isbn10():
    assert isbn_error("978-0-306-40615-7") is None
    assert isbn_error("0-8044-2957-X") is None
    assert isbn_error("12345X7890") is not None


def test_issns_are_checked_and_hyphenated():
    assert normalize_issn("00280836") == "0028-0836"  # Nature
    assert normalize_issn("0028-0837") is None
