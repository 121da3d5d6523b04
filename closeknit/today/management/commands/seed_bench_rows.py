"""Writing ``seed_bench``'s rows fast, with the values Django itself would write.

Hundreds of thousands of rows through model instances and ``bulk_create`` take
minutes on a small machine: most of the time goes into building instances and SQL.
On SQLite the rows are plain dicts of attribute values, turned into column values by
the same backend adapters Django's fields use, and inserted with one ``executemany``
per table. Encrypted text is sealed by the field's own ``pre_save`` (bound to the
row's primary key, as always). The tests compare every column with what
``Field.get_db_prep_save`` gives for the same row, so the shortcut cannot drift.
Other databases take the ordinary ``bulk_create`` path.
"""

from __future__ import annotations

import json
import uuid
from collections import defaultdict
from collections.abc import Callable
from datetime import UTC, tzinfo
from types import SimpleNamespace
from typing import Any

from django.db import connection, models

from closeknit.lib.fields import EncryptedTextField

Row = dict[str, Any]


Convert = Callable[[Any, Row], Any]


def _uuid_hex(value: Any, row: Row) -> Any:
    return None if value is None else value.hex


def _datetime_in(zone: tzinfo) -> Convert:
    # What the SQLite backend's adapt_datetimefield_value does with an aware value
    # (naive, in the connection's zone, as text), without its checks on every row.
    def convert(value: Any, row: Row) -> Any:
        if value is None:
            return None
        return str(value.astimezone(zone).replace(tzinfo=None))

    return convert


def _json(value: Any, row: Row) -> Any:
    return json.dumps(value)


def _converter(model: type[models.Model], field: models.Field[Any, Any]) -> Convert | None:
    """How an attribute's value becomes its column's on SQLite; None when unchanged."""
    ops = connection.ops
    if isinstance(field, EncryptedTextField):
        pk = model._meta.pk
        assert pk is not None
        pk_name = pk.attname

        def seal(value: Any, row: Row) -> Any:
            # The field reads the instance's __dict__ and primary key, nothing else.
            holder = SimpleNamespace(pk=row[pk_name], **{field.attname: value})
            return field.pre_save(holder, add=True)  # type: ignore[arg-type]

        return seal
    target = field.target_field if isinstance(field, models.ForeignKey) else field
    kind = target.get_internal_type()
    converters: dict[str, Convert] = {
        "UUIDField": _uuid_hex,
        "DateTimeField": _datetime_in(connection.timezone or UTC),
        "DateField": lambda value, row: ops.adapt_datefield_value(value),
        "TimeField": lambda value, row: ops.adapt_timefield_value(value),
        "JSONField": _json,
    }
    if kind in converters:
        return converters[kind]
    if kind in {
        "CharField",
        "TextField",
        "BooleanField",
        "IntegerField",
        "BigIntegerField",
        "PositiveIntegerField",
        "PositiveSmallIntegerField",
        "SmallIntegerField",
    }:
        return None
    raise TypeError(f"seed_bench cannot write {kind} ({model.__name__}.{field.name}) yet")


class Table:
    """How one model's rows become tuples for an INSERT."""

    def __init__(self, model: type[models.Model]) -> None:
        self.model = model
        self.fields: list[models.Field[Any, Any]] = [
            f
            for f in model._meta.concrete_fields
            # The database numbers an auto primary key itself.
            if not isinstance(f, models.AutoField | models.BigAutoField)
        ]
        self.sources: list[tuple[str, Any]] = []
        self.converters: list[tuple[int, Convert]] = []
        required: set[str] = set()
        for index, field in enumerate(self.fields):
            default: Any = None
            if field.has_default() and not callable(field.default):
                default = field.get_default()
            else:
                # No default (even a nullable column: a new one may be something the
                # services keep up to date, and must not be left empty silently), or
                # one that changes from row to row (a new id, now).
                required.add(field.attname)
            self.sources.append((field.attname, default))
            convert = _converter(model, field)
            if convert is not None:
                self.converters.append((index, convert))
        self.required = frozenset(required)
        quote = connection.ops.quote_name
        names = ", ".join(quote(f.column) for f in self.fields if f.column)
        marks = ", ".join("%s" for _f in self.fields)
        # Names from the models' own metadata, quoted; every value is a parameter.
        self.sql = f"INSERT INTO {quote(model._meta.db_table)} ({names}) VALUES ({marks})"  # noqa: S608

    def values(self, row: Row) -> list[Any]:
        if not self.required <= row.keys():
            missing = sorted(self.required - row.keys())
            raise ValueError(f"{self.model.__name__} rows need a value for {missing}")
        out = [row.get(name, default) for name, default in self.sources]
        for index, convert in self.converters:
            out[index] = convert(out[index], row)
        return out


class Rows:
    """Rows waiting to be inserted, by model, written in the order given at the start."""

    def __init__(self, order: tuple[type[models.Model], ...]) -> None:
        self.order = order
        self.pending: dict[type[models.Model], list[Row]] = defaultdict(list)
        self.size = 0
        self.counts: dict[str, int] = defaultdict(int)
        self.tables: dict[type[models.Model], Table] = {}

    def add(self, model: type[models.Model], **values: Any) -> Row:
        """Queue a row; a UUID primary key is made here, as the model's default would."""
        pk = model._meta.pk
        assert pk is not None
        if pk.attname not in values and isinstance(pk, models.UUIDField):
            values[pk.attname] = uuid.uuid4()
        self.pending[model].append(values)
        self.size += 1
        return values

    def table(self, model: type[models.Model]) -> Table:
        if model not in self.tables:
            self.tables[model] = Table(model)
        return self.tables[model]

    def flush(self) -> None:
        for model in self.order:
            batch = self.pending.pop(model, [])
            if not batch:
                continue
            if connection.vendor == "sqlite":
                table = self.table(model)
                with connection.cursor() as cursor:
                    cursor.executemany(table.sql, [table.values(row) for row in batch])
            else:
                model._default_manager.bulk_create([model(**row) for row in batch])
            self.counts[model._meta.label] += len(batch)
        unknown = set(self.pending)
        if unknown:
            raise RuntimeError(f"no insert order for {sorted(m.__name__ for m in unknown)}")
        self.size = 0
