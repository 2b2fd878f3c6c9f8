"""Tables: repeating rows of typed columns (e.g. exports by importing country).

The value is a list of rows, each a dict of column key to value. A row with a bad cell
is reported by Marshmallow at `{row_index: {column_key: [message]}}`.
"""

import json

from flask_babel import gettext as _
from marshmallow import EXCLUDE, Schema, fields, validate
from wtforms import FieldList, Form, FormField

from ..definition import Limits
from ..translate import qt
from .base import AnswerKind, Problem, error_messages, register


@register
class Table(AnswerKind):
    name = "table"
    storage = "json"
    in_tables = False
    tabular = True
    export_column = None

    def sample(self, spec, rng, *, year=2024, rows=2):
        return [
            {c.key: c.kind.sample(c, rng, year=year) for c in spec.columns} for _ in range(rows)
        ]

    def row_schema(self, spec) -> type[Schema]:
        columns = {column.key: column.kind.field(column) for column in spec.columns}
        for field in columns.values():
            field.load_default = None
        schema = Schema.from_dict(columns, name=f"Row_{spec.key.replace('.', '_')}")
        schema.Meta.unknown = EXCLUDE
        schema.error_messages = {"type": _("This table is not valid.")}  # a row not a mapping
        return schema

    def field(self, spec):
        return fields.List(
            fields.Nested(self.row_schema(spec)),
            allow_none=True,
            validate=validate.Length(
                max=self.max_rows(spec), error=_("A table can have at most {max} rows.")
            ),
            error_messages=error_messages(invalid=_("This table is not valid.")),
        )

    def is_empty(self, value):
        return not value

    @staticmethod
    def max_rows(spec) -> int:
        """Most rows the table takes: the question's, or the default of formats."""
        return spec.max_rows or Limits.table_rows

    def submit_errors(self, spec, value):
        rows = value or []
        problems = []
        for index, row in enumerate(rows):
            for column in spec.columns:
                cell = row.get(column.key)
                if column.required and column.kind.is_empty(cell):
                    problems.append(Problem(_("Fill in this cell."), index, column.key))
                else:
                    problems.extend(
                        Problem(p.message, index, column.key)
                        for p in column.kind.submit_errors(column, cell)
                    )
        if spec.min_rows and len(rows) < spec.min_rows:
            problems.append(Problem(_("Add at least %(count)d rows.", count=spec.min_rows)))
        return problems

    def display(self, spec, value):
        return _("%(count)d rows", count=len(value or []))

    @staticmethod
    def cell_name(column_key: str) -> str:
        """A column's field in a row form: prefixed, so that no column key (`process`,
        `data` ...) can clash with the attributes of a WTForms form."""
        return f"c_{column_key}"

    def form_field(self, spec, label=None, *, in_table=False, rows: int = 1, **options):
        """Repeating rows: a list of row forms, one field per column (`rows` entries shown)."""
        row_form = type(
            f"Row_{spec.key.replace('.', '_')}",
            (Form,),
            {
                self.cell_name(column.key): column.kind.form_field(
                    column, qt(column.label), in_table=True
                )
                for column in spec.columns
            },
        )
        return FieldList(FormField(row_form), label, min_entries=max(rows, 0))

    def form_data(self, spec, value):
        if isinstance(value, str):  # kept as typed (JSON text) when it was not a table
            try:
                value = json.loads(value)
            except ValueError:
                value = []
        rows = [row for row in value or [] if isinstance(row, dict)]
        return [
            {
                self.cell_name(column.key): column.kind.form_data(column, row.get(column.key))
                for column in spec.columns
            }
            for row in rows
        ]

    def form_value(self, spec, data):
        """The filled rows (a row left blank is no row), or None for an empty table."""
        rows = []
        for row in data or []:
            values = {
                column.key: column.kind.form_value(
                    column, (row or {}).get(self.cell_name(column.key))
                )
                for column in spec.columns
            }
            if any(v is not None for v in values.values()):
                rows.append(values)
        return rows or None
