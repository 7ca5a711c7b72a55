"""Reads and writes on the scanner's hot path, in plain SQL, with model instances.

Django's query compiler costs 0.5 to 1.5 ms per statement on this machine, against about
0.05 ms for SQLite to answer it (docs/benchmarks.md, circulation). The desk makes a dozen
reads per scan, so its hottest ones are written out here; everywhere else the ORM reads better.

``instances`` maps result columns to the model's fields by name (``SELECT t.*, x AS name``),
converts them as the ORM does (the field's and the backend's converters: aware datetimes,
Decimals, JSON), and keeps any other column as an attribute of that name, unconverted.

``insert`` writes a new instance as ``Model.save`` would (each field's ``pre_save`` and
``get_db_prep_save``) in one prepared INSERT, and ``execute`` runs a conditional UPDATE and
says how many rows it changed: the desk's five writes per scan cost 0.25 ms each through
the ORM's compiler (decision 0013).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from django.db import connections
from django.db.models import Field, Model

M = TypeVar("M", bound=Model)
Converter = Callable[[Any, Any, Any], Any]
# (model, columns, vendor) -> field attnames in model order, their column positions and
# converters, and the other columns' names and positions
Plan = tuple[list[str], list[int], list[tuple[list[Converter], Any]], list[tuple[str, int]]]
_plans: dict[tuple[type[Model], tuple[str, ...], str], Plan] = {}


def table(model: type[Model]) -> str:
    return model._meta.db_table


def lock_clause(alias: str, using: str = "default") -> str:
    """`` FOR UPDATE OF alias`` where the database has row locks (PostgreSQL), else nothing:
    SQLite's IMMEDIATE transactions already hold the write lock from BEGIN."""
    return f" FOR UPDATE OF {alias}" if connections[using].features.has_select_for_update else ""


def rows(sql: str, params: Sequence[Any], using: str = "default") -> list[tuple[Any, ...]]:
    with connections[using].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def instances(model: type[M], sql: str, params: Sequence[Any], using: str = "default") -> list[M]:
    connection = connections[using]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        columns = tuple(column[0] for column in cursor.description)
        found = cursor.fetchall()
    names, positions, converters, extras = _plan(model, columns, using)
    made = []
    for row in found:
        values = []
        for position, (funcs, expression) in zip(positions, converters, strict=True):
            value = row[position]
            for func in funcs:
                value = func(value, expression, connection)
            values.append(value)
        instance = model.from_db(using, names, values)
        for name, position in extras:
            setattr(instance, name, row[position])
        made.append(instance)
    return made


def one(model: type[M], sql: str, params: Sequence[Any], using: str = "default") -> M | None:
    """The first instance of ``model`` from ``sql``, or None."""
    found = instances(model, sql, params, using)
    return found[0] if found else None


def _plan(model: type[Model], columns: tuple[str, ...], using: str) -> Plan:
    connection = connections[using]
    key = (model, columns, connection.vendor)
    plan = _plans.get(key)
    if plan is None:
        where = {name: position for position, name in enumerate(columns)}
        fields = [f for f in model._meta.concrete_fields if f.column in where]
        converters = []
        for f in fields:
            expression = f.get_col(model._meta.db_table)
            funcs = connection.ops.get_db_converters(expression)
            funcs += f.get_db_converters(connection)  # type: ignore[attr-defined]
            converters.append((funcs, expression))
        taken = {f.column for f in fields}
        extras = [(name, where[name]) for name in columns if name not in taken]
        plan = ([f.attname for f in fields], [where[f.column] for f in fields], converters, extras)
        _plans[key] = plan
    return plan


# (model, vendor) -> the INSERT statement and the fields it writes, in order
_inserts: dict[tuple[type[Model], str], tuple[str, list[Field[Any, Any]]]] = {}


def execute(sql: str, params: Sequence[Any], using: str = "default") -> int:
    """Run one statement; the number of rows it changed."""
    with connections[using].cursor() as cursor:
        cursor.execute(sql, params)
        return int(cursor.rowcount)


def insert(instance: M, using: str = "default") -> M:
    """Save the new ``instance`` (its id unset) with one INSERT, and set its id.

    What ``Model.save`` would write: every concrete field through ``pre_save`` (auto_now_add)
    and ``get_db_prep_save`` (dates, Decimals, JSON). No save signals (Simpul has no
    receivers) and no ``save()`` override: use it only for models without one. A model with
    a database default goes through ``save()``, which knows when to leave a column out.
    """
    connection = connections[using]
    model = type(instance)
    meta = model._meta
    plan = _inserts.get((model, connection.vendor))
    if plan is None:
        written = meta.local_concrete_fields
        if any(f.has_db_default() or f.generated for f in written):  # type: ignore[attr-defined]
            instance.save(force_insert=True, using=using)
            return instance
        fields = [f for f in written if f is not meta.pk]
        quote = connection.ops.quote_name
        sql = (
            f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) "
            f"VALUES ({', '.join(['%s'] * len(fields))})"
        )
        if connection.features.can_return_columns_from_insert:
            sql += f" RETURNING {quote(meta.pk.column)}"
        plan = _inserts[(model, connection.vendor)] = (sql, fields)
    sql, fields = plan
    params = [f.get_db_prep_save(f.pre_save(instance, True), connection) for f in fields]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        if connection.features.can_return_columns_from_insert:
            pk = cursor.fetchone()[0]
        else:  # an SQLite older than 3.35
            pk = connection.ops.last_insert_id(cursor, meta.db_table, meta.pk.column)
    instance.pk = pk
    instance._state.adding = False
    instance._state.db = using
    return instance


def partial(model: type[M], using: str = "default", **values: Any) -> M:
    """An instance of ``model`` with only ``values`` loaded (attnames, e.g. ``library_id``);
    the other fields are deferred and load on first access, as with ``QuerySet.only``."""
    fields = [f for f in model._meta.concrete_fields if f.attname in values]
    return model.from_db(using, [f.attname for f in fields], [values[f.attname] for f in fields])
