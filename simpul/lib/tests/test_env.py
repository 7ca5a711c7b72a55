from pathlib import Path

import pytest

from simpul.lib.env import ConfigError, database_from_url, env_bool, env_list

DEFAULT = Path("/srv/var/simpul.sqlite3")


def test_no_url_means_the_embedded_sqlite_database_in_immediate_mode():
    config = database_from_url("", sqlite_default=DEFAULT)
    assert config["ENGINE"] == "simpul.lib.sqlite"
    assert config["NAME"] == str(DEFAULT)
    assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


def test_sqlite_urls_relative_absolute_and_memory():
    assert database_from_url("sqlite:///data/x.db", sqlite_default=DEFAULT)["NAME"] == "data/x.db"
    assert database_from_url("sqlite:////srv/x.db", sqlite_default=DEFAULT)["NAME"] == "/srv/x.db"
    assert database_from_url("sqlite://:memory:", sqlite_default=DEFAULT)["NAME"] == ":memory:"


def test_a_postgres_url_with_password_port_and_options():
    config = database_from_url(
        "postgres://simpul:p%40ss@db.lan:5433/katalog?sslmode=require", sqlite_default=DEFAULT
    )
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["NAME"], config["USER"], config["PASSWORD"]) == ("katalog", "simpul", "p@ss")
    assert (config["HOST"], config["PORT"]) == ("db.lan", "5433")
    assert config["OPTIONS"] == {
        "sslmode": "require",
        "server_side_binding": True,
        "prepare_threshold": 5,
    }


def test_prepared_statements_can_be_turned_off_for_a_connection_pooler():
    config = database_from_url(
        "postgres://simpul@db.lan/katalog?server_side_binding=false", sqlite_default=DEFAULT
    )
    assert config["OPTIONS"] == {"server_side_binding": False, "prepare_threshold": None}


def test_a_unix_socket_directory_as_host():
    config = database_from_url(
        "postgresql://postgres@localhost:5499/x?host=/run/pg", sqlite_default=DEFAULT
    )
    assert config["HOST"] == "/run/pg"


@pytest.mark.parametrize("url", ["mysql://x/y", "postgres://user@host/"])
def test_unsupported_or_incomplete_urls_fail_loudly(url):
    with pytest.raises(ConfigError):
        database_from_url(url, sqlite_default=DEFAULT)


def test_booleans_and_lists(monkeypatch):
    monkeypatch.setenv("FLAG", "ya")
    assert env_bool("FLAG", False) is True
    monkeypatch.setenv("FLAG", "mungkin")
    with pytest.raises(ConfigError, match="FLAG"):
        env_bool("FLAG", False)
    monkeypatch.setenv("HOSTS", "a.example, b.example,")
    assert env_list("HOSTS", []) == ["a.example", "b.example"]
