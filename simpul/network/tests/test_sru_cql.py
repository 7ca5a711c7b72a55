"""The CQL parser: a table of queries and their trees, errors with positions, and fuzzing."""

from __future__ import annotations

import random

import pytest

from simpul.network.sru.cql import CQLSyntaxError, parse, to_cql, tokenize

PARSES = [
    ("dinosaur", 'cql.serverChoice = "dinosaur"'),
    ('"bumi manusia"', 'cql.serverChoice = "bumi manusia"'),
    ("dc.title = pelangi", 'dc.title = "pelangi"'),
    ("title=pelangi", 'title = "pelangi"'),
    ('dc.title any "laskar bumi"', 'dc.title any "laskar bumi"'),
    ("dc.title ALL laskar", 'dc.title all "laskar"'),
    ('dc.title exact "Laskar Pelangi"', 'dc.title exact "Laskar Pelangi"'),
    ("bath.isbn == 9789793062792", 'bath.isbn == "9789793062792"'),
    ("a and b", '(cql.serverChoice = "a" and cql.serverChoice = "b")'),
    ("a or b and c", '((any = "a" or any = "b") and any = "c")'),
    ("a or (b and c)", '(any = "a" or (any = "b" and any = "c"))'),
    ("title=a NOT creator=b", '(title = "a" not creator = "b")'),
    ("((title=a))", 'title = "a"'),
    ('title = "say \\"hi\\""', 'title = "say \\"hi\\""'),
    ("title =/stem membaca", 'title = "membaca"'),
    ("title = and", 'title = "and"'),
    ('>dc="info:srw/cql-context-set/1/dc-v1.1" dc.title=x', 'dc.title = "x"'),
    ("title <> x", 'title <> "x"'),
    ("pelang*", 'cql.serverChoice = "pelang*"'),
    ("and", 'cql.serverChoice = "and"'),
]  # fmt: skip


@pytest.mark.parametrize(("text", "tree"), PARSES)
def test_queries_parse_into_left_associative_trees(text, tree):
    written = to_cql(parse(text).root)
    assert written.replace("cql.serverChoice", "any") == tree.replace("cql.serverChoice", "any")


def test_relation_modifiers_and_prefix_assignments_are_kept():
    query = parse('>dc="info:srw/cql-context-set/1/dc-v1.1" dc.title =/relevant/x=1 bumi')
    assert query.prefixes == {"dc": "info:srw/cql-context-set/1/dc-v1.1"}
    clause = query.root
    assert [(m.name, m.comparison, m.value) for m in clause.modifiers] == [
        ("relevant", "", ""),
        ("x", "=", "1"),
    ]


def test_sortby_is_read_as_sort_keys():
    assert parse("title=bumi sortby dc.date/descending").sort_keys == "dc.date/descending"


ERRORS = [
    ("", 0, 27),
    ("   ", 0, 27),
    ("title =", 7, 10),
    ("title = bumi and", 16, 10),
    ("(title = bumi", 13, 13),
    ("title = bumi)", 12, 13),
    (")", 0, 13),
    ('title = "bumi', 8, 14),
    ("fish frog", 9, 10),
    ("title = a b", 10, 10),
    ("a and (", 7, 10),
    ("/", 0, 10),
    ("title = x sortby", 10, 10),
    ("(" * 40 + "a" + ")" * 40, 32, 13),
    ("x" * 2001, 2000, 12),
]


@pytest.mark.parametrize(("text", "position", "diagnostic"), ERRORS)
def test_errors_say_where_the_query_went_wrong(text, position, diagnostic):
    with pytest.raises(CQLSyntaxError) as caught:
        parse(text)
    assert (caught.value.position, caught.value.diagnostic) == (position, diagnostic)


def test_too_many_clauses_are_refused():
    with pytest.raises(CQLSyntaxError) as caught:
        parse(" or ".join(f"w{n}" for n in range(100)))
    assert caught.value.diagnostic == 38


def test_tokens_keep_their_offsets():
    assert [(t.kind, t.text, t.position) for t in tokenize('ti<="a b"/x')] == [
        ("word", "ti", 0),
        ("symbol", "<=", 2),
        ("string", "a b", 4),
        ("/", "/", 9),
        ("word", "x", 10),
        ("end", "", 11),
    ]


ALPHABET = ['a', 'b', ' ', '(', ')', '"', '=', '<', '>', '/', '\\', '*', 'and ', 'or ', 'not ',
            'sortby ', 'title', '.', '\x00', 'é', '==', 'exact ', '\n']  # fmt: skip


def test_any_text_parses_or_raises_a_syntax_error_and_nothing_else():
    rng = random.Random(20261124)
    for _ in range(3000):
        text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 30)))
        position = _error_position(text)
        assert position is None or 0 <= position <= len(text), text


def _error_position(text: str) -> int | None:
    try:
        assert to_cql(parse(text).root)
    except CQLSyntaxError as error:
        return error.position
    return None
