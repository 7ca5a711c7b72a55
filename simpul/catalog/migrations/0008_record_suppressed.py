"""Record.suppressed, added in place: catalog_record can hold a million rows.

Django's SQLite backend rebuilds the whole table (copy every row, drop, rename) to add any NOT
NULL column. SQLite itself adds a column with a constant default by changing only the schema,
so on SQLite this migration runs the generic ``ALTER TABLE ... ADD COLUMN`` instead. PostgreSQL
(11 and later) keeps a constant default in the catalog and rewrites no row either.
"""

from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor


class AddColumnInPlace(migrations.AddField):
    """AddField that never rebuilds the table, for a NOT NULL field with a constant
    ``db_default`` (which the column keeps, so old rows read it)."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "sqlite":
            return super().database_forwards(app_label, schema_editor, from_state, to_state)
        model = to_state.apps.get_model(app_label, self.model_name)
        if self.allow_migrate_model(schema_editor.connection.alias, model):
            field = model._meta.get_field(self.name)
            BaseDatabaseSchemaEditor.add_field(schema_editor, model, field)


class Migration(migrations.Migration):

    dependencies = [
        ('catalog', '0007_oai_paging_indexes'),
    ]

    operations = [
        AddColumnInPlace(
            model_name='record',
            name='suppressed',
            field=models.BooleanField(db_default=False, default=False, help_text='Tidak tampil di OPAC, SRU, dan OAI-PMH; staf tetap melihatnya.', verbose_name='disembunyikan dari katalog publik'),
        ),
    ]
