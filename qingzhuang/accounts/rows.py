"""One model row by a key, read with a prepared SELECT and turned into a model exactly as the ORM would.

For the two reads every signed-in request makes (its session, its user): the ORM spends about 0.3 ms of
CPU building each such query, a cursor about 0.03 ms (figures in bench/http_load.py's note). Values go
through the same converters the ORM applies (SQLite's dates and booleans), found once per database.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

from django.db import connections, models


def _field(model: type[models.Model], lookup: str) -> models.Field[Any, Any]:
    field = model._meta.get_field(lookup.split("__")[0])
    assert isinstance(field, models.Field)
    return field


@cache
def _prepared(model: type[models.Model], alias: str, where: tuple[str, ...]) -> tuple[str, list[str], list[tuple[list[Any], Any]]]:
    connection = connections[alias]
    qn = connection.ops.quote_name
    fields = model._meta.concrete_fields
    table = model._meta.db_table
    conditions = " AND ".join(f"{qn(_field(model, name).column)} {'>' if name.endswith('__gt') else '='} %s" for name in where)
    sql = f"SELECT {', '.join(qn(f.column) for f in fields)} FROM {qn(table)} WHERE {conditions}"
    converters = []
    for field in fields:
        col = field.get_col(table)
        converters.append((connection.ops.get_db_converters(col) + field.get_db_converters(connection), col))  # type: ignore[attr-defined]
    return sql, [f.attname for f in fields], converters


def row_get(model: type[models.Model], alias: str, where: Sequence[tuple[str, Any]]) -> Any:
    """The one ``model`` whose columns match ``where`` ((field or field__gt, value) pairs), or None."""
    connection = connections[alias]
    sql, names, converters = _prepared(model, alias, tuple(name for name, _ in where))
    params = []
    for name, value in where:
        params.append(_field(model, name).get_db_prep_value(value, connection, prepared=False))
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None:
        return None
    values = []
    for value, (funcs, col) in zip(row, converters, strict=True):
        for func in funcs:
            value = func(value, col, connection)
        values.append(value)
    return model.from_db(alias, names, values)
