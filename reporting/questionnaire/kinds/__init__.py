"""Answer kinds: one class per kind, registered by name.

Each kind knows its Marshmallow field (type validation), its submit-time checks, how
its value is stored in typed columns, and how it is shown as text. Forms, exports and
the PDF build on these methods, so adding a kind means adding one class here.

Each kind also declares its capabilities (`AnswerKind.quantity`, `summable`, `coded`,
`multiple`, `tabular`, `attachment`, `text_direction`, `export_column`, `export_type`,
`pdf_width`, `paper_box`, `datalist`, `localized()`, `code_label()`, `sample()` ...): code
outside this package asks those, never a kind's name
(tests/questionnaire/test_kind_capabilities.py).
"""

from . import choice, number, reference, table, temporal, text  # noqa: F401  (registration)
from .base import AnswerKind, get_kind, kind_names

__all__ = ["AnswerKind", "get_kind", "kind_names"]
