"""The union catalog's holdings, as the catalog's record page and search documents see them."""

from __future__ import annotations

from collections.abc import Iterable

from simpul.catalog.holdings import ExtraHolding
from simpul.catalog.models import Record
from simpul.network.union.models import Contribution


class ContributedHoldings:
    def holdings(self, record: Record) -> list[ExtraHolding]:
        rows = (
            Contribution.objects.filter(record=record, deleted=False)
            .select_related("library")
            .order_by("library__name", "local_id")
        )
        return [
            ExtraHolding(
                library_code=row.library.code,
                library_name=row.library.name,
                call_number=row.call_number,
                copies=row.copies,
                url=row.opac_url,
            )
            for row in rows
        ]

    def libraries(self, record_ids: Iterable[int]) -> dict[int, set[str]]:
        found: dict[int, set[str]] = {}
        rows = Contribution.objects.filter(record_id__in=list(record_ids), deleted=False)
        for record_id, code in rows.values_list("record_id", "library__code"):
            found.setdefault(record_id, set()).add(code)
        return found
