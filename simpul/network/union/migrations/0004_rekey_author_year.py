"""The author-year keys now hold an author's whole folded name, not one word of it (decision
0012). Keys and profiles are derived data: they are dropped here and the next sweep
(``keys.refresh_keys``: the worker within a minute, any merge, or ``manage.py union_keys``)
makes them again from the catalog."""

from django.db import migrations


def drop_keys(apps, schema_editor):
    apps.get_model("union", "MatchKey").objects.all().delete()
    apps.get_model("union", "MatchProfile").objects.all().delete()
    apps.get_model("union", "KeySweep").objects.update(record_id=0)


class Migration(migrations.Migration):
    dependencies = [("union", "0003_matchkey_covering_index")]

    operations = [migrations.RunPython(drop_keys, migrations.RunPython.noop)]
