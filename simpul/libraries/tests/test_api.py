import json

import pytest


def test_the_api_lists_the_libraries_with_todays_status(client, network):
    response = client.get("/api/v1/libraries/")
    assert response.status_code == 200
    libraries = response.json()
    assert {row["code"] for row in libraries} >= {"KOTA", "SMAN1", "TBM-CAHAYA"}
    kota = next(row for row in libraries if row["code"] == "KOTA")
    assert kota["kind"] == "city"
    assert kota["is_demo"] is True
    assert isinstance(kota["open_now"], bool)


def test_the_api_gives_one_librarys_weekly_hours(client, network):
    data = client.get("/api/v1/libraries/KOTA").json()
    assert data["hours"][0]["weekday"] == "Senin"
    assert data["hours"][0]["sessions"] == [
        {"opens": "08:00:00", "closes": "12:00:00"},
        {"opens": "13:00:00", "closes": "18:00:00"},
    ]


@pytest.mark.parametrize("code", ["NOPE", "%00", "A" * 300, "%E2%80%AE"])
def test_an_unknown_or_impossible_library_code_is_a_404_in_json(client, network, code):
    response = client.get(f"/api/v1/libraries/{code}")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")


def test_the_openapi_document_describes_the_libraries_endpoints(client, db):
    document = json.loads(client.get("/api/v1/openapi.json").content)
    assert document["openapi"].startswith("3.")
    assert "/api/v1/libraries/" in document["paths"]
