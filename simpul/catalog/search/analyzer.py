"""Text analysis shared by indexing and querying, so the two always agree.

``fold`` removes case and accents, ``tokens`` splits folded text into words, ``stem`` reduces a
word to its stem for a record's language (a MARC code), and ``analyze`` does all three. The
search index stores both the folded words (exact matches rank higher) and the stems.

Indonesian and Malay words go through Sastrawi, a dictionary-based stemmer: it keeps words it
does not know (``digital``, names) and strips affixes only when the result is a root word
(``menulis`` → ``tulis``). English words go through Snowball's English stemmer. See
docs/decisions/0004-indonesian-stemmer.md for the measurement behind the choice.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Callable
from functools import lru_cache

import Stemmer

# A token longer than this is cut, at index and at query time alike, so absurd inputs stay cheap.
MAX_TOKEN_LENGTH = 40

INDONESIAN = "ind"
ENGLISH = "eng"
# MARC language codes and the stemmer family each one uses.
STEMMED_LANGUAGES = {"ind": INDONESIAN, "may": INDONESIAN, "msa": INDONESIAN, "eng": ENGLISH}

_WORD = re.compile(r"[^\W_]+")
_APOSTROPHES = re.compile(r"(?<=\w)['’ʼ`](?=\w)")
# Latin letters that Unicode does not decompose into a base letter and an accent.
_UNDECOMPOSED = str.maketrans(
    {
        "ø": "o",
        "Ø": "O",
        "đ": "d",
        "Đ": "D",
        "ł": "l",
        "Ł": "L",
        "ı": "i",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "þ": "th",
    }
)


def fold(text: str) -> str:
    """The words of ``text`` in lower case without accents, separated by single spaces.

    ``"Café-Au  Lait!"`` → ``"cafe au lait"``; ``"Jum'at"`` → ``"jumat"``. Letters of any script
    and digits are kept; everything else separates words.
    """
    return " ".join(tokens(text))


def tokens(text: str) -> list[str]:
    """The folded words of ``text``, in order, each at most ``MAX_TOKEN_LENGTH`` characters."""
    if not text:
        return []
    if "'" in text or "’" in text or "ʼ" in text or "`" in text:
        text = _APOSTROPHES.sub("", text)
    if text.isascii():
        text = text.lower()
    else:
        text = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSED))
        text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    return [word[:MAX_TOKEN_LENGTH] for word in _WORD.findall(text)]


def stem(word: str, language: str) -> str:
    """The stem of one folded word for a MARC language code; other languages keep the word."""
    family = STEMMED_LANGUAGES.get(language)
    if family is None or not (word.isascii() and word.isalpha()):
        return word
    return _STEMMERS[family](word)


def analyze(text: str, language: str) -> list[str]:
    """Tokens of ``text`` reduced to stems for ``language``, in order (positions kept)."""
    return stem_tokens(tokens(text), language)


def stem_tokens(words: list[str], language: str) -> list[str]:
    """``stem`` applied to each of ``words`` (already folded)."""
    family = STEMMED_LANGUAGES.get(language)
    if family is None:
        return words
    stemmer = _STEMMERS[family]
    return [stemmer(w) if w.isascii() and w.isalpha() else w for w in words]


def query_variants(word: str) -> list[str]:
    """Every form a folded query word may take in the stemmed fields, without duplicates.

    A query does not say its language, so a word is looked up as an Indonesian stem, as an
    English stem and as itself (records in other languages are indexed folded only).
    """
    forms = [word, stem(word, INDONESIAN), stem(word, ENGLISH)]
    return list(dict.fromkeys(forms))


@lru_cache(maxsize=1)
def _sastrawi() -> Callable[[str], str]:
    # Imported on first use: loading Sastrawi's 30,000-word dictionary takes a tenth of a second.
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    factory = StemmerFactory()
    inner = factory.create_stemmer().delegatedStemmer
    stem_word: Callable[[str], str] = inner.stem_word
    return stem_word


@lru_cache(maxsize=200_000)
def _stem_indonesian(word: str) -> str:
    # Sastrawi is pure Python (~10k new words/s); a catalog repeats its words, so a word cache
    # makes the stemmer cost a dictionary lookup for almost every token.
    return _sastrawi()(word) or word


_local = threading.local()


def _stem_english(word: str) -> str:
    # PyStemmer's objects are not thread-safe: each thread gets its own.
    english = getattr(_local, "english", None)
    if english is None:
        english = _local.english = Stemmer.Stemmer("english")
    stemmed: str = english.stemWord(word)
    return stemmed


_STEMMERS: dict[str, Callable[[str], str]] = {
    INDONESIAN: _stem_indonesian,
    ENGLISH: _stem_english,
}
