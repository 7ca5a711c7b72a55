"""Holdings that other apps know about: libraries without Simpul items that hold a record.

The catalog cannot import from the apps below it (the union catalog lives in network), so they
register a provider here in their ``AppConfig.ready()``; the record page lists what providers
return and the search documents count their libraries in the "library" facet.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from simpul.catalog.models import Record


@dataclass(frozen=True)
class ExtraHolding:
    library_code: str
    library_name: str
    call_number: str = ""
    copies: int = 1
    url: str = ""


class HoldingsProvider(Protocol):
    def holdings(self, record: Record) -> list[ExtraHolding]: ...

    def libraries(self, record_ids: Iterable[int]) -> dict[int, set[str]]: ...


PROVIDERS: dict[str, HoldingsProvider] = {}


def register(name: str, provider: HoldingsProvider) -> None:
    PROVIDERS[name] = provider


def extra_holdings(record: Record) -> list[ExtraHolding]:
    return [holding for provider in PROVIDERS.values() for holding in provider.holdings(record)]


def extra_libraries(record_ids: Iterable[int]) -> dict[int, set[str]]:
    """Library codes per record from every provider (one query per provider)."""
    ids = list(record_ids)
    merged: dict[int, set[str]] = {}
    for provider in PROVIDERS.values():
        for record_id, codes in provider.libraries(ids).items():
            merged.setdefault(record_id, set()).update(codes)
    return merged
