"""Parsed queries, filters and boolean queries turned into tantivy queries.

Every word must match in at least one field (stop words are optional); in each field a word
is looked up folded in the ``*_x`` fields and as every possible stem in the ``*_s`` fields, and
the matches add up with field weights: title > authors > subjects > ISBN/series/publisher >
notes/summary. Filters are constant-score clauses, so they narrow without changing ranks.
Boolean queries (``boolean.py``) look words up the same way, field by field.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import tantivy

from simpul.catalog.search.analyzer import ENGLISH, INDONESIAN, fold, stem, tokens
from simpul.catalog.search.analyzer import query_variants as variants
from simpul.catalog.search.boolean import And, BooleanQuery, Exact, MatchAll, Not, Or, Words
from simpul.catalog.search.isbn import looks_like_isbn, normalize_isbn
from simpul.catalog.search.query import ParsedQuery, Part
from simpul.catalog.search.schema import TITLE_SORT_LENGTH

Q = tantivy.Query


@dataclass(frozen=True)
class Target:
    field: str
    stemmed: bool
    boost: float


FIELD_TARGETS: dict[str, tuple[Target, ...]] = {
    "title": (Target("title_x", False, 6.0), Target("title_s", True, 4.0)),
    "author": (Target("author_x", False, 4.0),),
    "subject": (Target("subject_x", False, 2.5), Target("subject_s", True, 2.0)),
    "series": (Target("series_x", False, 1.5), Target("series_s", True, 1.2)),
    "publisher": (Target("publisher_x", False, 1.5),),
    "notes": (Target("notes_s", True, 1.0),),
}
EVERYWHERE = tuple(target for group in FIELD_TARGETS.values() for target in group)
# Every searchable text stemmed (names folded), for matching; FIELD_TARGETS rank.
ALL = Target("all_s", True, 1.0)
TITLE_PHRASE = (Target("title_x", False, 6.0),)
ISBN_BOOST = 8.0
FUZZY_BOOST = 0.5  # a near miss counts half as much as the word itself
MAX_FILTER_VALUES = 50

# Words that may be missing from a matching record when the query has other words.
STOPWORDS = frozenset({
    "yang", "dan", "di", "ke", "dari", "untuk", "dengan", "pada", "dalam", "atau", "ini", "itu",
    "oleh", "sebagai", "the", "of", "and", "a", "an", "in", "to", "for", "on", "by", "with", "or",
    "at", "from",
})  # fmt: skip
_YEAR_RANGE = re.compile(r"(\d{1,4})\s*(?:[-–—]|\.\.)\s*(\d{1,4})")
_DECADE = re.compile(r"(\d{2,3})0\s*-?\s*(?:an|s)")


@dataclass(eq=False)
class Clause:
    """One part of a query: which records it matches, how it ranks them, and with typos."""

    part: Part
    words: list[str]  # folded words; empty for year ranges and ISBNs
    match: tantivy.Query  # which records match: one catch-all field where possible, cheap
    score: tantivy.Query | None = None  # ranks the matched records; None: ``match`` ranks
    fuzzy: tantivy.Query | None = None  # ``match`` with typos tolerated; None: no fuzzy word
    optional: bool = False


def build_clauses(schema: tantivy.Schema, parsed: ParsedQuery) -> list[Clause]:
    clauses = [_clause(schema, part) for part in parsed.parts]
    return [clause for clause in clauses if clause is not None]


def conjunction(
    clauses: Sequence[Clause],
    filters: Sequence[tantivy.Query],
    fuzzy: bool = False,
    ranked: bool = True,
) -> tantivy.Query:
    """All required clauses and all filters; optional clauses only add to the score.

    Unranked (for counts and facets) it holds only what decides the match: one term or phrase
    per word in the catch-all field, which costs a fraction of the ranking's field-by-field
    lookups. Ranked, each word's weighted field lookups score the records that matched.
    """
    required = [clause for clause in clauses if not clause.optional] or list(clauses)
    subqueries = []
    for clause in required:
        matching = clause.fuzzy if fuzzy and clause.fuzzy else clause.match
        if ranked and clause.score is not None:
            if matching is clause.match:
                matching = Q.const_score_query(matching, 0.0)
            subqueries.append((tantivy.Occur.Should, clause.score))
        subqueries.append((tantivy.Occur.Must, matching))
    if ranked:
        subqueries += [
            (tantivy.Occur.Should, clause.score or clause.match)
            for clause in clauses
            if clause not in required
        ]
    subqueries += [(tantivy.Occur.Must, query) for query in filters]
    if not subqueries:
        return Q.all_query()
    return Q.boolean_query(subqueries)


def filter_queries(schema: tantivy.Schema, filters: dict[str, list[str]]) -> list[tantivy.Query]:
    """One constant-score query per facet group with a selected value; bad values are ignored."""
    selected = {name: clean_values(values) for name, values in (filters or {}).items()}
    queries = []
    for name in ("library", "material_type", "language", "subject"):
        if selected.get(name):
            queries.append(Q.term_set_query(schema, name, selected[name]))
    years = [span for span in map(year_range, selected.get("year", [])) if span]
    if years:
        queries.append(_any([_years(schema, lo, hi) for lo, hi in years]))
    if set(selected.get("available", [])) & {"1", "true", "yes", "ya"}:
        if selected.get("library"):
            queries.append(Q.term_set_query(schema, "available", selected["library"]))
        else:
            queries.append(Q.term_query(schema, "available_any", 1))
    return [Q.const_score_query(query, 0.0) for query in queries]


def year_range(text: str) -> tuple[int, int] | None:
    """``"2019"`` → (2019, 2019); ``"2010-2019"`` → (2010, 2019); ``"1990-an"`` → (1990, 1999)."""
    text = text.strip()[:20]
    if text.isdigit() and len(text) <= 4:
        return int(text), int(text)
    if match := _YEAR_RANGE.fullmatch(text):
        lo, hi = sorted((int(match.group(1)), int(match.group(2))))
        return lo, hi
    if match := _DECADE.fullmatch(text):
        start = int(match.group(1)) * 10
        return start, start + 9
    return None


def fuzzy_distance(word: str) -> int:
    """How many edits a word may be off by: none for short words and numbers."""
    if len(word) < 4 or not word.isalpha():
        return 0
    return 1 if len(word) <= 7 else 2


def _clause(schema: tantivy.Schema, part: Part) -> Clause | None:
    if part.field == "year" and (span := year_range(part.text)):
        return Clause(part, [], Q.const_score_query(_years(schema, *span), 0.0))
    if part.field == "isbn":
        return Clause(part, [], _isbn(schema, normalize_isbn(part.text) or fold(part.text)))
    words = tokens(part.text)
    if not words:
        return None
    if part.field in FIELD_TARGETS:  # a field search: the field's own lookups match and rank
        targets = FIELD_TARGETS[part.field]
        if len(words) > 1:
            return Clause(part, words, _phrase(schema, words, targets))
        match = _word(schema, words[0], targets)
        return Clause(part, words, match, fuzzy=_fuzzy(schema, words[0], targets, match))
    if len(words) > 1:
        # Checking positions field by field is slow for common words: the catch-all field
        # decides the match, the words rank as words, and a phrase in the title ranks higher.
        match = _phrase(schema, words, [ALL])
        score = _any(
            [_phrase(schema, words, TITLE_PHRASE)]
            + [_word(schema, word, EVERYWHERE) for word in dict.fromkeys(words)]
        )
    else:
        match, score = _word(schema, words[0], [ALL]), _word(schema, words[0], EVERYWHERE)
    if not part.phrase and (isbn := _isbn_of(part.text)):
        match, score = _any([match, _isbn(schema, isbn)]), _any([score, _isbn(schema, isbn)])
    fuzzy = _fuzzy(schema, words[0], EVERYWHERE, match) if len(words) == 1 else None
    optional = not part.phrase and len(words) == 1 and words[0] in STOPWORDS
    return Clause(part, words, match, score, fuzzy, optional)


def _word(schema: tantivy.Schema, word: str, targets: Iterable[Target]) -> tantivy.Query:
    queries = []
    for target in targets:
        for term in variants(word) if target.stemmed else [word]:
            queries.append(Q.boost_query(Q.term_query(schema, target.field, term), target.boost))
    return _any(queries)


def _fuzzy(
    schema: tantivy.Schema, word: str, targets: Iterable[Target], strict: tantivy.Query
) -> tantivy.Query | None:
    distance = fuzzy_distance(word)
    if not distance:
        return None
    near = [
        Q.boost_query(
            Q.fuzzy_term_query(schema, target.field, word, distance), target.boost * FUZZY_BOOST
        )
        for target in targets
        if not target.stemmed
    ]
    return _any([strict, *near]) if near else None


def _phrase(schema: tantivy.Schema, words: list[str], targets: Iterable[Target]) -> tantivy.Query:
    queries = []
    for target in targets:
        forms = [words]
        if target.stemmed:
            forms += [[stem(w, INDONESIAN) for w in words], [stem(w, ENGLISH) for w in words]]
        for form in dict.fromkeys(tuple(f) for f in forms):
            phrase = Q.phrase_query(schema, target.field, list(form))
            queries.append(Q.boost_query(phrase, target.boost))
    return _any(queries)


def _isbn(schema: tantivy.Schema, isbn: str) -> tantivy.Query:
    return Q.boost_query(Q.term_query(schema, "isbn", isbn), ISBN_BOOST)


def _isbn_of(text: str) -> str | None:
    return normalize_isbn(text) if looks_like_isbn(text) else None


def _years(schema: tantivy.Schema, lo: int, hi: int) -> tantivy.Query:
    return Q.range_query(schema, "year", tantivy.FieldType.Integer, lo, hi)


def _any(queries: list[tantivy.Query]) -> tantivy.Query:
    if len(queries) == 1:
        return queries[0]
    return Q.boolean_query([(tantivy.Occur.Should, query) for query in queries])


def _all(queries: list[tantivy.Query]) -> tantivy.Query:
    if len(queries) == 1:
        return queries[0]
    return Q.boolean_query([(tantivy.Occur.Must, query) for query in queries])


def boolean_query(schema: tantivy.Schema, query: BooleanQuery) -> tantivy.Query:
    """The tantivy query of a boolean query; raises ValueError for a field it cannot search."""
    if isinstance(query, MatchAll) or (isinstance(query, And) and not query.parts):
        return Q.all_query()
    if isinstance(query, And):
        return _all([boolean_query(schema, part) for part in query.parts])
    if isinstance(query, Or):
        return _any([boolean_query(schema, part) for part in query.parts])
    if isinstance(query, Not):
        include, exclude = (boolean_query(schema, part) for part in (query.include, query.exclude))
        return Q.boolean_query([(tantivy.Occur.Must, include), (tantivy.Occur.MustNot, exclude)])
    if isinstance(query, Exact):
        return _exact(schema, query)
    return _words(schema, query)


def _words(schema: tantivy.Schema, query: Words) -> tantivy.Query:
    if query.field == "any":
        targets: tuple[Target, ...] = (*EVERYWHERE, ALL)
    elif query.field in FIELD_TARGETS:
        targets = FIELD_TARGETS[query.field]
    else:
        raise ValueError(f"no words field {query.field!r}")
    words, last = list(query.words), len(query.words) - 1
    if query.mode == "phrase" and len(words) > 1:
        if not query.truncated:
            return _phrase(schema, words, targets)
        return _any([_prefix(schema, words, target) for target in targets])
    each = [
        _any([_prefix(schema, [word], target) for target in targets])
        if query.truncated and i == last
        else _word(schema, word, targets)
        for i, word in enumerate(words)
    ]
    return _all(each) if query.mode == "all" else _any(each)


def _prefix(schema: tantivy.Schema, words: Sequence[str], target: Target) -> tantivy.Query:
    """``words`` in order in ``target``, the last one a prefix; stems are not tried."""
    return Q.boost_query(Q.phrase_prefix_query(schema, target.field, list(words)), target.boost)


def _exact(schema: tantivy.Schema, query: Exact) -> tantivy.Query:
    if query.field == "title":
        return Q.term_query(schema, "title_sort", query.value[:TITLE_SORT_LENGTH])
    if query.field == "subject":
        return Q.term_query(schema, "subject", query.value)
    if query.field == "isbn":
        # Not an ISBN: looked up as written, which finds nothing (as the OPAC does).
        return Q.term_query(schema, "isbn", normalize_isbn(query.value) or query.value)
    raise ValueError(f"no exact field {query.field!r}")


def clean_values(values: object) -> list[str]:
    """Selected filter values: strings, stripped, without duplicates, at most 50."""
    if isinstance(values, str):
        values = [values]
    if not isinstance(values, list | tuple):
        return []
    cleaned = [value.strip() for value in values if isinstance(value, str) and value.strip()]
    return list(dict.fromkeys(cleaned))[:MAX_FILTER_VALUES]
