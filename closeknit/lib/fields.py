"""The model field every piece of intimate free text is stored in.

Values are sealed with the keyring from settings (see ``lib.crypto``) just before
they are written, and opened lazily on first read. The sealing context is the
table, column and primary key, so a row must have its primary key before it is
saved: every model that holds intimate text uses a UUID primary key, which is set
when the object is created.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from django.conf import settings
from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models.query_utils import DeferredAttribute

from closeknit.lib.crypto import Keyring, is_sealed


@cache
def keyring() -> Keyring:
    loaded = settings.CLOSEKNIT_KEYRING
    assert isinstance(loaded, Keyring)
    return loaded


class Sealed(str):
    """A value as stored: still sealed, not yet opened for this row."""

    __slots__ = ()


class _EncryptedAttribute(DeferredAttribute):
    field: EncryptedTextField

    def __get__(self, instance: Any, cls: Any = None) -> Any:
        if instance is None:
            return self
        value = super().__get__(instance, cls)
        if isinstance(value, Sealed):
            value = keyring().open(value, context=self.field.context_for(instance))
            instance.__dict__[self.field.attname] = value
        return value

    def __set__(self, instance: Any, value: Any) -> None:
        instance.__dict__[self.field.attname] = value


class EncryptedTextField(models.TextField):  # type: ignore[type-arg]
    """Free text sealed at rest with authenticated encryption bound to its row."""

    descriptor_class = _EncryptedAttribute

    def context_for(self, instance: models.Model) -> str:
        if instance.pk is None:
            raise ValueError(
                f"{type(instance).__name__} needs its primary key before encrypted "
                "text can be sealed; give the model a UUID primary key"
            )
        # Normalise through the primary key field, so a pk given as a string (say
        # "0f3c..." without dashes) seals with the same context it is read back with.
        pk_field = self.model._meta.pk
        assert pk_field is not None
        pk = pk_field.to_python(instance.pk)
        return f"{self.model._meta.db_table}.{self.column}:{pk}"

    @staticmethod
    def raw_value(instance: models.Model, attname: str) -> Any:
        """The value as held on the instance, without opening it."""
        return instance.__dict__.get(attname)

    def from_db_value(
        self, value: str | None, expression: Any, connection: BaseDatabaseWrapper
    ) -> str | None:
        if value:
            return Sealed(value)
        return value

    def pre_save(self, model_instance: models.Model, add: bool) -> Any:
        value = model_instance.__dict__.get(self.attname)
        if value is None or value == "" or isinstance(value, Sealed):
            return value
        return keyring().seal(str(value), context=self.context_for(model_instance))

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        # Only sealed text may reach the database. A plain value here means a
        # write that skipped pre_save (queryset.update, bulk_update) or a lookup
        # on encrypted text; refusing both keeps plaintext out of the tables.
        if value and not is_sealed(value):
            raise ValueError(
                f"{self.name} is encrypted: save it through the model, and do not filter on it"
            )
        return value
