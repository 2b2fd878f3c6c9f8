"""Reporting formats: the whole questionnaire as data, texts in the requested language.

The documents are dumps of the definition through `schemas.formats`, the one schema set
of a format (shared with the exports and `ort format export`); this module adds the
API's query.
"""

from schemas.formats import FormatInUse, FormatSchema, FormatSummarySchema  # noqa: F401

from .common import LanguageQuery


class FormatQuery(LanguageQuery):
    pass
