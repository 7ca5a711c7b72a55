"""Facet counts from the index equal a plain count over the same generated records."""

import random
from collections import Counter

import pytest

from simpul.catalog.search import CatalogIndex, SearchDoc, SearchQuery, facets
from simpul.catalog.search.analyzer import query_variants, stem_tokens, tokens
from simpul.catalog.search.facets import FACET_LIMITS

LIBRARIES = ["KOTA", "SMAN1", "SMAN2", "SMAN3", "SMPN1", "SDN2", "UNMET", "DESA", "PKK", "MASJID"]
WORDS = ["baca", "membaca", "bacaan", "buku", "sejarah", "anak", "kota", "metro", "library",
         "libraries", "reading", "history", "pendidikan", "didik", "cerita", "rakyat"]  # fmt: skip
SUBJECTS = [f"Subjek {n:02d}" for n in range(45)]  # more than shown, so the cut and ties matter
MATERIALS = ["book", "book", "book", "serial", "ebook", "map"]
LANGUAGES = ["ind", "ind", "eng", "jav", ""]


def generated(count: int, seed: int = 4) -> list[SearchDoc]:
    rng = random.Random(seed)
    docs = []
    for record_id in range(1, count + 1):
        held = rng.sample(LIBRARIES, rng.randint(1, 4))
        docs.append(
            SearchDoc(
                record_id=record_id,
                title=" ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 4))),
                subjects=rng.sample(SUBJECTS, rng.randint(0, 3)),
                language=rng.choice(LANGUAGES),
                year=rng.choice([None, *range(1975, 2026)]),
                material_type=rng.choice(MATERIALS),
                libraries=held,
                available_libraries=[code for code in held if rng.random() < 0.5],
                added=rng.randrange(10**9),
            )
        )
    return docs


DOCS = generated(3000)


@pytest.fixture(scope="module")
def index():
    catalog = CatalogIndex(heap_size=15_000_000)
    for start in range(0, len(DOCS), 700):  # several segments
        catalog.add_many(DOCS[start : start + 700])
        catalog.commit()
    return catalog


def title_matches(doc: SearchDoc, word: str) -> bool:
    """The engine's rule for one word in the title, computed without the engine."""
    folded = tokens(doc.title)
    return word in folded or bool(
        set(query_variants(word)) & set(stem_tokens(folded, doc.language))
    )


def passes(doc: SearchDoc, filters: dict[str, list[str]]) -> bool:
    libraries = filters.get("library")
    if libraries and not set(libraries) & set(doc.libraries):
        return False
    if filters.get("available"):
        shelves = set(libraries or LIBRARIES)
        if not shelves & set(doc.available_libraries):
            return False
    if "language" in filters and doc.language not in filters["language"]:
        return False
    if "year" in filters:
        lo, hi = (int(y) for y in filters["year"][0].split("-"))
        if doc.year is None or not lo <= doc.year <= hi:
            return False
    return True


def plain_facets(docs: list[SearchDoc], libraries: list[str]) -> dict[str, list[tuple[str, int]]]:
    counts: dict[str, Counter[str]] = {group: Counter() for group in FACET_LIMITS}
    shelves = set(libraries or LIBRARIES)
    for doc in docs:
        counts["library"].update(set(doc.libraries))
        if shelves & set(doc.available_libraries):
            counts["available"]["1"] += 1
        counts["material_type"][doc.material_type] += 1
        if doc.language:
            counts["language"][doc.language] += 1
        if doc.year is not None:
            decade = doc.year - doc.year % 10
            counts["year"][f"{decade}-{decade + 9}"] += 1
        counts["subject"].update(set(doc.subjects))
    return {
        group: sorted(counter.items(), key=lambda item: (-item[1], item[0]))[: FACET_LIMITS[group]]
        for group, counter in counts.items()
    }


CASES = [
    ("", {}),
    ("", {"library": ["SMAN3"]}),
    ("", {"library": ["KOTA", "DESA"], "available": ["1"]}),
    ("", {"available": ["1"]}),
    ("", {"year": ["2000-2009"], "language": ["eng"]}),
    ("judul:membaca", {}),
    ("judul:libraries", {"library": ["UNMET"]}),
    ("judul:sejarah", {"available": ["1"], "year": ["1990-2019"]}),
    ("bacaan", {"library": ["PKK"]}),  # titles are the only text these records have
]


@pytest.mark.parametrize(("text", "filters"), CASES)
def test_facet_counts_equal_a_plain_count_over_the_same_records(index, text, filters):
    word = text.rpartition(":")[2]
    matching = [d for d in DOCS if passes(d, filters) and (not word or title_matches(d, word))]
    result = index.search(SearchQuery(text=text, filters=filters, limit=5))
    assert result.total == len(matching)
    assert result.facets == plain_facets(matching, filters.get("library", []))


def test_libraries_are_counted_one_by_one_when_there_are_too_many_sets_of_them(index, monkeypatch):
    monkeypatch.setattr(facets, "_LIBRARY_SETS", 3)
    result = index.search(SearchQuery(text="judul:anak"))
    matching = [d for d in DOCS if title_matches(d, "anak")]
    assert result.facets["library"] == plain_facets(matching, [])["library"]


def test_the_subject_facet_is_cut_to_its_limit_with_ties_broken_by_value(index):
    subjects = index.search(SearchQuery()).facets["subject"]
    assert len(subjects) == FACET_LIMITS["subject"]
    assert subjects == sorted(subjects, key=lambda item: (-item[1], item[0]))
