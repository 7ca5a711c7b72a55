"""Spelling corrections and type-ahead completions, chosen from texts of matching records.

Tantivy finds the records (fuzzy and prefix queries over its term dictionary); these pure
functions pick words and strings out of the few records it returns.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable

from simpul.catalog.search.analyzer import tokens
from simpul.catalog.search.builder import fuzzy_distance

# A correction is offered when it is this many times more common than the word typed.
MORE_COMMON = 3


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment distance (a swap of neighbours is one edit), capped at limit+1."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, 1):
            cost = 0 if char_a == char_b else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return min(previous[-1], limit + 1)


def corrections(
    words: Iterable[str], texts: Iterable[str], frequency: Callable[[str], int]
) -> dict[str, str]:
    """For each word, a close and much more common word found in ``texts``, if any."""
    seen = Counter(token for text in texts for token in set(tokens(text)))
    fixes = {}
    for word in words:
        distance = fuzzy_distance(word)
        if not distance:
            continue
        near = [
            (edit_distance(word, token, distance), -count, token)
            for token, count in seen.items()
            if token != word and abs(len(token) - len(word)) <= distance
        ]
        near = [candidate for candidate in near if candidate[0] <= distance]
        if not near:
            continue
        best = min(near)[2]
        if frequency(best) > MORE_COMMON * frequency(word):
            fixes[word] = best
    return fixes


def completions(typed: str, texts: Iterable[str], limit: int) -> list[str]:
    """Distinct texts holding every typed word, the last one possibly unfinished.

    Texts that start with what was typed come first, then the most frequent, then the shortest.
    """
    words = tokens(typed)
    if not words:
        return []
    finished = typed[-1:].isspace()
    complete, last = (words, "") if finished else (words[:-1], words[-1])
    typed_folded = " ".join(words)
    shown: dict[str, str] = {}
    counts: Counter[str] = Counter()
    for text in texts:
        folded = tokens(text)
        if _holds(folded, complete, last):
            key = " ".join(folded)
            shown.setdefault(key, text)
            counts[key] += 1
    order = sorted(
        counts, key=lambda key: (not key.startswith(typed_folded), -counts[key], len(key), key)
    )
    return [shown[key] for key in order[:limit]]


def _holds(folded: list[str], complete: list[str], last: str) -> bool:
    if any(word not in folded for word in complete):
        return False
    return not last or any(token.startswith(last) for token in folded)
