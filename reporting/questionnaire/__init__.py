"""The questionnaire engine: reporting formats as data, and everything derived from them.

A format file (YAML, under `formats/`) is validated by `format_schema`, turned into the
immutable tree of `definition`, and from that one tree the report schema
(`report_schema`), the submission checks (`checks`), forms, exports, the codebook and
the PDF are derived. Each answer kind is one class in `kinds/`.
"""

from .definition import Column, Format, Part, Question, Rule, Section
from .registry import FormatError, get_format, list_formats, load_format_file

__all__ = [
    "Column",
    "Format",
    "FormatError",
    "Part",
    "Question",
    "Rule",
    "Section",
    "get_format",
    "list_formats",
    "load_format_file",
]
