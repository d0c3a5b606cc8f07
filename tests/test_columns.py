"""The declaration in storage/columns.py drives the ORM and the SQLite DDL, and they agree."""

from __future__ import annotations

import types
import typing
from datetime import datetime
from enum import StrEnum

import pytest
from sqlalchemy import Boolean, Integer, String
from sqlalchemy.dialects import sqlite
from sqlalchemy.dialects.sqlite.base import SQLiteIdentifierPreparer
from sqlmodel import SQLModel

from leadtui.storage import models
from leadtui.storage.columns import REQUIRED, TABLES, Kind, Table
from leadtui.storage.models import UTCDateTime
from leadtui.storage.sqlite.tables import RESERVED_WORDS, quote

MODELS: dict[str, type[SQLModel]] = {
    "stage": models.Stage,
    "stagecadence": models.StageCadence,
    "tag": models.Tag,
    "importbatch": models.ImportBatch,
    "tombstone": models.Tombstone,
    "lead": models.Lead,
    "stagechange": models.StageChange,
    "activity": models.Activity,
    "leadtag": models.LeadTag,
    "leadmerge": models.LeadMerge,
    "notduplicate": models.NotDuplicate,
    "savedview": models.SavedView,
    "leadreach": models.LeadReach,
    "leadsummary": models.LeadSummary,
    "followupsummary": models.FollowupSummary,
    "scoremark": models.ScoreMark,
}
PYTHON_TYPES = {Kind.INT: int, Kind.TEXT: str, Kind.BOOL: bool, Kind.TIME: datetime}


def _annotation(hint: object) -> tuple[type, bool]:
    """``(type, optional)`` of an ``X`` or ``X | None`` annotation."""
    args = typing.get_args(hint)
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        (inner,) = [arg for arg in args if arg is not type(None)]
        return inner, True
    assert isinstance(hint, type)
    return hint, False


def test_every_table_has_a_model_and_every_model_a_table() -> None:
    assert [table.name for table in TABLES] == list(MODELS)
    assert set(SQLModel.metadata.tables) == set(MODELS)


@pytest.mark.parametrize("table", TABLES, ids=lambda table: table.name)
def test_the_model_matches_the_declaration_column_by_column(table: Table) -> None:
    """Type, length, nullability, keys, defaults, indexes and the Python annotation."""
    model = MODELS[table.name]
    sa_table = SQLModel.metadata.tables[table.name]
    hints = typing.get_type_hints(model)
    assert [c.name for c in sa_table.columns] == list(table.names)
    assert list(model.model_fields) == list(table.names)
    for spec in table.columns:
        column = sa_table.columns[spec.name]
        expected_type = {
            Kind.INT: Integer,
            Kind.BOOL: Boolean,
            Kind.TIME: UTCDateTime,
            Kind.TEXT: String,
        }[spec.kind]
        assert isinstance(column.type, expected_type), spec.name
        if spec.kind is Kind.TEXT:
            assert getattr(column.type, "length", None) == spec.length, spec.name
        assert column.nullable == spec.nullable, spec.name
        assert column.primary_key == spec.primary_key, spec.name
        assert bool(column.unique) == spec.unique, spec.name
        assert [fk.target_fullname for fk in column.foreign_keys] == (
            [spec.references] if spec.references else []
        ), spec.name
        assert [fk.ondelete for fk in column.foreign_keys] == (
            [spec.on_delete] if spec.references else []
        ), spec.name
        server_default = column.server_default
        assert (None if server_default is None else str(server_default.arg)) == (  # type: ignore[attr-defined]
            spec.server_default
        ), spec.name
        field = model.model_fields[spec.name]
        if spec.has_default:
            assert field.default == spec.default and not field.is_required(), spec.name
        else:
            assert field.is_required(), spec.name
        python_type, optional = _annotation(hints[spec.name])
        expected = PYTHON_TYPES[spec.kind]
        assert python_type is expected or (expected is str and issubclass(python_type, StrEnum)), (
            spec.name
        )
        # An id filled in by the database is None until the insert.
        assert optional == (spec.nullable or spec.default is None), spec.name
    assert {(index.name, tuple(c.name for c in index.columns)) for index in sa_table.indexes} == {
        (index.name, index.columns) for index in table.indexes
    }


def test_tables_come_after_the_tables_they_reference() -> None:
    seen: set[str] = set()
    for table in TABLES:
        for column in table.columns:
            if column.references:
                target, target_column = column.references.split(".")
                assert target in seen | {table.name}, column.references
                assert target_column in next(t for t in TABLES if t.name == target).names
        seen.add(table.name)


@pytest.mark.parametrize("table", TABLES, ids=lambda table: table.name)
def test_defaults_fit_their_kinds(table: Table) -> None:
    for column in table.columns:
        if column.default is REQUIRED or column.default is None:
            assert column.default is not None or column.nullable or column.primary_key
            continue
        assert isinstance(column.default, PYTHON_TYPES[column.kind]), column.name
        if column.kind is Kind.TEXT and column.length is not None:
            assert isinstance(column.default, str) and len(column.default) <= column.length


def test_identifiers_are_quoted_like_sqlalchemy_does() -> None:
    assert frozenset(SQLiteIdentifierPreparer.reserved_words) == RESERVED_WORDS
    preparer = sqlite.dialect().identifier_preparer
    for name in ("key", "lead", "first_name", "order", "utm_source"):
        assert quote(name) == preparer.quote(name)
    with pytest.raises(ValueError, match="plain identifier"):
        quote('x" ; DROP TABLE lead')


def test_the_domain_shapes_agree_with_the_declaration() -> None:
    """LeadInput's defaults and the text limits are the columns' (the domain cannot import them)."""
    from dataclasses import MISSING, fields

    from leadtui.domain.lead_input import TEXT_FIELDS
    from leadtui.domain.record_fields import field_names
    from leadtui.domain.rows import LeadDetail, LeadInput, LeadRow
    from leadtui.storage.columns import LEAD

    for field in fields(LeadInput):
        if field.name == "tags":
            continue
        assert field.default is not MISSING and field.default == LEAD[field.name].default, (
            field.name
        )
    for name, limit in TEXT_FIELDS.items():
        assert limit == LEAD[name].length, name
    assert set(field_names(LeadRow)) <= set(LEAD.names)
    # The detail screen shows every field a user can see or export.
    detail = set(field_names(LeadDetail))
    assert set(LEAD.names) - {c.name for c in LEAD.columns if c.internal} <= detail
