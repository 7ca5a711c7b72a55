"""The matcher's precision and recall on the labelled pairs in fixtures/union/pairs.json
(built by build_pairs.py from real MARC records; numbers in docs/benchmarks.md)."""

from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings

from simpul.network.union.matcher import same_work

PAIRS = json.loads((Path(__file__).parent / "fixtures/union/pairs.json").read_text())


def measure(accept: int) -> tuple[float, float, int]:
    found = right = 0
    for pair in PAIRS:
        decided, _score = same_work(pair["a"], pair["b"], accept)
        found += decided
        right += decided and pair["same"]
    duplicates = sum(pair["same"] for pair in PAIRS)
    return right / found, right / duplicates, len(PAIRS)


def test_the_matcher_merges_few_wrong_pairs_and_finds_most_duplicates():
    precision, recall, pairs = measure(settings.UNION_MATCH_ACCEPT)
    print(f"\n{pairs} pairs: precision {precision:.3f}, recall {recall:.3f}")
    assert precision >= 0.97
    assert recall >= 0.90


def test_no_labelled_pair_is_left_out():
    assert len(PAIRS) > 300
    assert {p["same"] for p in PAIRS} == {True, False}
