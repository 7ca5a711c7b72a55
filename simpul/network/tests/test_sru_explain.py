"""explain at /sru: the default answer, listing the indexes and record schemas we support."""

from __future__ import annotations

import pytest

from simpul.network.tests.sru_support import SRU_12, SRU_20, assert_valid, diagnostics

ZR = "http://explain.z3950.org/dtd/2.0/"
pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("params", [{}, {"operation": "explain"}, {"version": "2.0"}])
def test_a_request_without_a_query_is_answered_with_explain(client, params):
    response = client.get("/sru", params)
    assert response["Content-Type"].startswith("application/sru+xml")
    root = assert_valid(response.content)
    assert root.tag == f"{{{SRU_20}}}explainResponse"
    assert root.findtext(f".//{{{SRU_20}}}recordSchema") == ZR
    assert diagnostics(root) == []


def test_explain_lists_indexes_schemas_and_limits(client):
    root = assert_valid(client.get("/sru", {"operation": "explain", "version": "1.2"}).content)
    assert root.tag == f"{{{SRU_12}}}explainResponse"
    names = {(n.get("set"), n.text) for n in root.iter(f"{{{ZR}}}name")}
    assert {("dc", "title"), ("dc", "creator"), ("dc", "subject"), ("bath", "isbn"),
            ("cql", "serverChoice")} <= names  # fmt: skip
    schemas = {s.get("name"): s.get("identifier") for s in root.iter(f"{{{ZR}}}schema")}
    assert schemas == {
        "marcxml": "info:srw/schema/1/marcxml-v1.1",
        "dc": "info:srw/schema/1/dc-v1.1",
    }
    assert root.findtext(f".//{{{ZR}}}setting[@type='maximumRecords']") == "100"
    assert root.findtext(f".//{{{ZR}}}host") == "testserver"
