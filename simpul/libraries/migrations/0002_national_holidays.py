"""Seeds Indonesia's national holidays for 2026 and 2027; rows stay editable afterwards."""

from django.db import migrations


def load(apps, schema_editor):
    from simpul.libraries.holidays import NATIONAL_HOLIDAYS

    Closure = apps.get_model("libraries", "Closure")
    have = set(Closure.objects.filter(library__isnull=True).values_list("date", flat=True))
    Closure.objects.bulk_create(
        [
            Closure(library=None, date=day, name=name, kind="national_holiday", note=note)
            for day, name, note in NATIONAL_HOLIDAYS
            if day not in have
        ]
    )


class Migration(migrations.Migration):
    dependencies = [("libraries", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
