"""Reading settings from the environment, failing loudly on values that make no sense."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit


class ConfigError(ValueError):
    """A setting in the environment has a value Simpul cannot use."""


_TRUE = {"1", "true", "yes", "on", "ya"}
_FALSE = {"0", "false", "no", "off", "tidak", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ConfigError(f"{name}={raw!r} is not a yes/no value (use 1 or 0)")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ConfigError(f"{name}={raw!r} is not a whole number") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [part.strip() for part in raw.split(",") if part.strip()]


def database_from_url(url: str, *, sqlite_default: Path) -> dict[str, Any]:
    """Turn a DATABASE_URL into a Django DATABASES entry.

    Understands ``sqlite:///relative/or/absolute/path``, ``sqlite://:memory:`` and
    ``postgres://user:password@host:port/name?sslmode=...`` (``postgresql://`` too). A unix
    socket directory can be given as ``?host=/path``.
    """
    if not url:
        return _sqlite(sqlite_default)
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "sqlite":
        path = unquote(parts.path)
        if parts.netloc == ":memory:" or path in {"/:memory:", ":memory:"}:
            return _sqlite(":memory:")
        return _sqlite(Path(path[1:] if path.startswith("//") else path.lstrip("/") or path))
    if scheme in {"postgres", "postgresql", "pgsql"}:
        query: dict[str, Any] = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        # Server-side binding lets psycopg prepare the statements a connection repeats: it
        # halved PostgreSQL's CPU per desk scan (decision 0011). ?server_side_binding=false
        # turns it off (for a pooler in transaction mode, say).
        binding = str(query.get("server_side_binding", "true")).lower() in _TRUE
        query["server_side_binding"] = binding  # Django wants the boolean True
        query["prepare_threshold"] = int(query.get("prepare_threshold", 5)) if binding else None
        host = query.pop("host", None) or unquote(parts.hostname or "")
        name = unquote(parts.path.lstrip("/"))
        if not name:
            raise ConfigError("DATABASE_URL names no database (postgres://user@host/NAME)")
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": name,
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": host,
            "PORT": str(parts.port or ""),
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": query,
        }
    raise ConfigError(f"DATABASE_URL scheme {scheme!r} is not supported (use sqlite or postgres)")


def _sqlite(path: Path | str) -> dict[str, Any]:
    return {
        "ENGINE": "simpul.lib.sqlite",
        "NAME": str(path),
        # Each thread keeps its connection: opening one costs more than a desk scan's queries
        # (the PRAGMAs below and Django's SQL functions are set up on every connect).
        "CONN_MAX_AGE": 600,
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": {
            # IMMEDIATE takes the write lock at BEGIN, so two writers queue instead of failing
            # halfway through a transaction; WAL lets readers run beside the one writer.
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        },
    }
