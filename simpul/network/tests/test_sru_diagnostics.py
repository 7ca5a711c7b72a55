"""Bad requests to /sru get SRU diagnostics inside valid responses, never an HTTP error."""

from __future__ import annotations

import random

import pytest

from simpul.network.tests import sru_support
from simpul.network.tests.sru_support import (
    DIAG_12,
    DIAG_20,
    SRU_12,
    SRU_20,
    assert_valid,
    count,
    diagnostics,
)

sru_shelf = sru_support.sru_shelf  # the shared fixture, under its name

D = "info:srw/diagnostic/1/"


def ask(client, **params):
    response = client.get("/sru", params)
    assert response.status_code == 200
    return assert_valid(response.content)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "number"),
    [
        ({"query": "(title = bumi"}, 13),
        ({"query": 'title = "bumi'}, 14),
        ({"query": "title = bumi and"}, 10),
        ({"query": "fish frog"}, 10),
        ({"query": "x" * 3000}, 12),
        ({"query": "dc.date = 2005"}, 16),
        ({"query": "foo.title = bumi"}, 15),
        ({"query": "title < bumi"}, 19),
        ({"query": "title within bumi"}, 19),
        ({"query": "title =/fuzzy bumi"}, 20),
        ({"query": "title = b?mi"}, 28),
        ({"query": 'title = "*"'}, 28),
        ({"query": 'title = "..."'}, 27),
        ({"query": "title = a prox title = b"}, 37),
        ({"query": "title = a and/distance=1 title = b"}, 46),
        ({"query": "title = a sortby title"}, 80),
        ({"query": "title = a", "sortKeys": "title"}, 80),
        ({"query": "title = a", "recordSchema": "mods"}, 66),
        ({"query": "title = a", "startRecord": "0"}, 6),
        ({"query": "title = a", "startRecord": "satu"}, 6),
        ({"query": "title = a", "maximumRecords": "-1"}, 6),
        ({"query": "title = a", "queryType": "searchTerms"}, 6),
        ({"query": "title = a", "recordXMLEscaping": "string"}, 71),
        ({"query": "title = a", "recordPacking": "unpacked"}, 6),
        ({"query": "title = a", "stylesheet": "/x.xsl"}, 110),
        ({"query": "title = a", "foo": "bar"}, 8),
        ({"operation": "searchRetrieve"}, 7),
        ({"operation": "searchRetrieve", "query": "  "}, 7),
        ({"operation": "scan", "scanClause": "title=a"}, 8),
        ({"operation": "scan"}, 4),
        ({"version": "3.0"}, 5),
    ],
)
def test_each_problem_has_its_diagnostic_in_sru_2_0(client, params, number):
    root = ask(client, **params)
    assert diagnostics(root) == [f"{D}{number}"]
    assert root.tag.startswith(f"{{{SRU_20}}}")
    assert root.find(f".//{{{DIAG_20}}}message").text


@pytest.mark.django_db
def test_version_1_2_diagnostics_use_the_zing_diagnostic_namespace(client):
    root = ask(client, version="1.2", query="(title = bumi", recordPacking="xml")
    assert root.tag == f"{{{SRU_12}}}searchRetrieveResponse"
    assert count(root) == 0
    assert root.findtext(f".//{{{DIAG_12}}}uri") == f"{D}13"
    assert root.findtext(f".//{{{DIAG_12}}}details") == "13"  # the offset of the problem
    string = ask(client, version="1.2", query="title = a", recordPacking="string")
    assert diagnostics(string) == [f"{D}71"]


@pytest.mark.django_db
def test_an_unsupported_1_x_version_is_answered_in_1_2_with_the_highest_version(client):
    root = ask(client, version="1.0", query="title = a")
    assert root.findtext(f"{{{SRU_12}}}version") == "1.2"
    assert diagnostics(root) == [f"{D}5"]
    assert root.findtext(f".//{{{DIAG_12}}}details") == "1.2"


def test_a_start_past_the_last_record_is_out_of_range(client, sru_shelf):
    root = ask(client, query="dc.title = pelangi", startRecord="2")
    assert diagnostics(root) == [f"{D}61"]
    assert count(root) == 1
    empty = ask(client, query="dc.title = tidakada")
    assert diagnostics(empty) == []
    assert count(empty) == 0


def test_syntax_errors_name_the_offset(client, sru_shelf):
    root = ask(client, query="title = bumi and")
    assert root.findtext(f".//{{{DIAG_20}}}details") == (
        "expected a search term, found the end of the query (offset 16)"
    )


def test_extension_parameters_are_ignored(client, sru_shelf):
    assert diagnostics(ask(client, query="title = pelangi", **{"x-info-5": "1"})) == []


NASTY = ["", " ", "\x00", "\x01title", "&amp;", "<x/>", "]]>", "é" * 50, "0" * 20, "-5",
         "1e3", "title = \x0b", '"', "\\", "*", "(((", "%", "title=/=", "1.2", "2.0"]  # fmt: skip
PARAMETERS = ["operation", "version", "query", "startRecord", "maximumRecords",
              "recordSchema", "recordPacking", "recordXMLEscaping", "queryType", "sortKeys",
              "x-y", "zz"]  # fmt: skip


def test_no_request_makes_the_server_fail(client, sru_shelf):
    rng = random.Random(5)
    for _ in range(150):
        params = {rng.choice(PARAMETERS): rng.choice(NASTY) for _ in range(rng.randint(0, 4))}
        if rng.random() < 0.5:
            params["query"] = "".join(rng.choice(NASTY) for _ in range(3))
        response = client.get("/sru", params)
        assert response.status_code == 200, params
        assert_valid(response.content)


@pytest.mark.django_db
def test_bytes_that_are_not_utf8_are_answered_too(client):
    response = client.get("/sru?query=%ED%A0%80%FF&version=1.2")
    assert response.status_code == 200
    assert_valid(response.content)
