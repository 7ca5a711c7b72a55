from simpul.catalog.indexing import catalog_index, reindex_all
from simpul.catalog.models import Item, Record
from simpul.catalog.search.documents import SearchQuery
from simpul.catalog.synth import synth


def test_the_synthetic_catalog_has_records_items_and_is_searchable(network):
    assert synth(300, batch=120) == 300
    assert Record.objects.filter(control_source="SYNTH").count() == 300
    assert Item.objects.count() >= 300
    assert reindex_all() == 300
    result = catalog_index().search(SearchQuery(text="", limit=5))
    assert result.total == 300
    # Running it again adds new records after the existing ones, with new ids.
    synth(10)
    assert Record.objects.filter(control_source="SYNTH").count() == 310
    Record.objects.create(title="Setelah sintetis", marc={"leader": "", "fields": []})
