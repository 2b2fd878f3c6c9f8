"""The columns of each export shape: name, Table Schema type, and what they mean.

The same definitions give the CSV header, the XLSX header, the JSON `fields`, the
Frictionless table schemas and the API's row schemas, so they cannot drift apart.
Types are Frictionless Table Schema types: string, integer, number, boolean, date,
datetime.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask_babel import lazy_gettext as _l

from ..models import AnswerState, RegionalGroup, ReportStatus
from ..questionnaire.report_kinds import report_kind_codes

_REGIONS = tuple(g.value for g in RegionalGroup)
_STATES = tuple(s.value for s in AnswerState)


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    description: object = ""
    #: Allowed values, checked by `frictionless validate` (Table Schema `enum`); or a
    #: function giving them when they come from the loaded formats.
    enum: tuple[str, ...] | Callable[[], list[str]] = ()

    def as_schema(self) -> dict:
        """The Frictionless Table Schema field (description in the current language)."""
        out: dict[str, Any] = {"name": self.name, "type": self.type}
        if self.description:
            out["description"] = str(self.description)
        enum = self.enum() if callable(self.enum) else self.enum
        if enum:
            out["constraints"] = {"enum": list(enum)}
        return out


#: Who reported, in which cycle, and the report's state; first columns of long and wide.
REPORT_FIELDS = (
    Field("party_iso3", "string", _l("ISO 3166-1 alpha-3 code of the Party (EUU: European Union)")),
    Field("party_name", "string", _l("Name of the Party")),
    Field("regional_group", "string", _l("UN regional group of the Party"), _REGIONS),
    Field("cycle_code", "string", _l("Reporting cycle, e.g. 2025-full")),
    Field(
        "cycle_kind",
        "string",
        _l("Report kind of the cycle, a code its format declares (e.g. short, full)"),
        report_kind_codes,
    ),
    Field("cycle_year", "integer", _l("Year in which the cycle's reports are due")),
)

#: The report's version, status and submission date; last columns of long and wide.
STATUS_FIELDS = (
    Field(
        "report_version",
        "integer",
        _l(
            "Number of submitted versions; the data is the latest version (for a draft: "
            "the unsubmitted draft)"
        ),
    ),
    Field(
        "status",
        "string",
        _l("Report status: submitted, accepted, draft or returned"),
        tuple(s.value for s in ReportStatus),
    ),
    Field("submitted_at", "datetime", _l("Date and time (UTC) of the latest submission")),
)

LONG_FIELDS = (
    REPORT_FIELDS
    + (
        Field("question_key", "string", _l("Stable key of the question (see the codebook)")),
        Field(
            "asked_key",
            "string",
            _l(
                "Key of the question in the format version of the cycle, where it differs from "
                "question_key (an older version's question, renamed or recoded)"
            ),
        ),
        Field("article", "string", _l("Article of the Convention the question is about")),
        Field("number", "string", _l("Number of the question within its article or section")),
        Field("kind", "string", _l("Answer kind of the question (table for tables)")),
        Field("table_row", "integer", _l("Row of a table answer, from 1")),
        Field("column_key", "string", _l("Column of a table answer")),
        Field("column_kind", "string", _l("Answer kind of the table column")),
        Field(
            "state",
            "string",
            _l(
                "value, or the answer given instead of a value: not_applicable, none (none or "
                "zero, reported as such), not_available (information not available)"
            ),
            _STATES,
        ),
        Field(
            "value_code",
            "string",
            _l(
                "Code of a choice (yes/no, options; one row per option chosen in a multiple "
                "choice) or ISO3 code of a country"
            ),
        ),
        Field("value_label", "string", _l("Label of the code, in the export's language")),
        Field(
            "value_number", "number", _l("Number (integer, decimal or year); 0 is a reported zero")
        ),
        Field("value_date", "date", _l("Date (ISO 8601)")),
        Field("value_text", "string", _l("Text, e-mail address, web address or file token")),
        Field("unit", "string", _l("Unit of the number: t, t/yr or kg")),
        Field(
            "confidential",
            "boolean",
            _l(
                "Marked confidential by the Party; only in secretariat exports that include "
                "confidential answers"
            ),
        ),
    )
    + STATUS_FIELDS
)

CODEBOOK_FIELDS = (
    Field("question_key", "string", _l("Stable key of the question")),
    Field("column_key", "string", _l("Column of a table question (empty for the question)")),
    Field("part", "string", _l("Part of the reporting format")),
    Field("section", "string", _l("Section of the reporting format")),
    Field("article", "string", _l("Article of the Convention")),
    Field("number", "string", _l("Number of the question within its article or section")),
    Field("text", "string", _l("Question text or column label, in the export's language")),
    Field("kind", "string", _l("Answer kind")),
    Field("unit", "string", _l("Unit of numbers")),
    Field(
        "choices", "string", _l("Choice codes and labels as a JSON array of {code, label} objects")
    ),
    Field("states", "string", _l("Answers allowed instead of a value, separated by semicolons")),
    Field("short", "boolean", _l("Asked in short reports too (asterisked question)")),
    Field("personal", "boolean", _l("The answer identifies a person; left out of published data")),
    Field("asked_if", "string", _l("Condition under which the question is asked (JSON)")),
    Field("cycles", "string", _l("Cycles that asked the question, separated by semicolons")),
    Field(
        "asked_as",
        "string",
        _l(
            "How each cycle asked the question, as a JSON array of {cycle, version, key, "
            "how}: the format version, the key in it, and how that question became this "
            "one (same, renamed, recoded, merged; null for the question as it is)"
        ),
    ),
    Field(
        "wide_columns",
        "string",
        _l("Columns of the wide export holding the question, separated by semicolons"),
    ),
)
