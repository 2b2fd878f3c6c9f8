"""The one reader of a report version's answers, for every consumer.

Pages, the secretariat's review, PDFs, the API and the public dashboard all read a
version here: a submitted version from its verified snapshot (JSON, parsed back into
typed values with each question's answer schema, in the format the version was
submitted on), or the working copy from the answer tables. What they get is the same
shape, `{question_key: {"state", "value", "confidential", "comment", ...}}` with typed
values (decimals, dates, lists of codes, tables as lists of rows).

`published` trims a version to what the public may see (the rule of the API's
`read:published` audience, of the public dashboard and of the public PDF): no
confidential answer, no question that identifies a person, and no follow-up whose
condition holds only through an answer that is not shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from flask_babel import get_locale
from marshmallow import Schema, ValidationError

from ..models import Report, Submission
from ..questionnaire import get_format
from ..questionnaire.conditions import visibility
from ..questionnaire.definition import Format, Question
from ..questionnaire.report_schema import answer_schema
from .answers import answer_data, load_answers
from .versions import submission_of


@dataclass(frozen=True)
class ReadVersion:
    """A version's answers with the format and report kind they were given on."""

    fmt: Format
    kind: str
    answers: dict[str, dict]
    #: The submitted version read, None for the working copy.
    submission: Submission | None = None


class _Same:
    """A question as a cache key by identity (a question holds dicts: no hash of its own)."""

    __slots__ = ("question",)

    def __init__(self, question: Question):
        self.question = question

    def __hash__(self) -> int:
        return id(self.question)

    def __eq__(self, other) -> bool:
        return isinstance(other, _Same) and other.question is self.question


@lru_cache(maxsize=4096)
def _loader(same: _Same, locale: str) -> Schema:
    """The answer schema of a question, made once per question and locale (its messages
    are translated when it is built)."""
    return answer_schema(same.question)()


def typed_answer(question: Question, stored: dict) -> dict:
    """One answer of a snapshot (JSON) with its value typed; an answer that no longer
    loads (a snapshot is never altered) is kept as stored and shown as it is."""
    try:
        return _loader(_Same(question), str(get_locale() or "en")).load(stored)
    except ValidationError:
        return stored


def typed_answers(fmt: Format, stored: dict[str, dict]) -> dict[str, dict]:
    """A snapshot's answers typed; keys the format does not know are left out."""
    return {
        key: typed_answer(fmt.question(key), answer)
        for key, answer in stored.items()
        if fmt.has_question(key)
    }


def working_copy(report: Report, fmt: Format | None = None, *, raw: bool = False) -> ReadVersion:
    """The report's current answers. With `raw`, input kept as typed (invalid) is returned
    as typed, with `invalid` and `carried_over` marks, as the draft PDF prints it."""
    from .workflow import report_format  # workflow reads versions too

    fmt = fmt or report_format(report)
    loaded = load_answers(report, fmt, raw=raw)
    return ReadVersion(fmt, report.cycle.kind, loaded if raw else answer_data(loaded))


def submitted(submission: Submission, fallback_kind: str) -> ReadVersion:
    """A submitted version's answers, typed, in the format it was submitted on."""
    fmt = get_format(submission.format_id, submission.format_version)
    content = submission.content or {}
    return ReadVersion(
        fmt,
        content.get("kind") or fallback_kind,
        typed_answers(fmt, content.get("answers", {})),
        submission,
    )


def read_version(report: Report, version_no: int | None) -> ReadVersion | None:
    """Version `version_no` of the report (None: the working copy); None if there is no
    such version. Raises `SnapshotAltered` for a version whose content was altered."""
    if version_no is None:
        return working_copy(report)
    submission = submission_of(report, version_no)
    return submitted(submission, report.cycle.kind) if submission else None


def published(version: ReadVersion) -> ReadVersion:
    """The version as the public sees it (see the module's docstring); only `state`,
    `value` and `comment` of each answer are kept."""
    fmt = version.fmt
    kept = {
        key: answer
        for key, answer in version.answers.items()
        if fmt.has_question(key)
        and not answer.get("confidential")
        and not fmt.question(key).personal
    }
    shown = visibility(fmt, kept, version.kind)
    answers = {
        key: {k: answer[k] for k in ("state", "value", "comment") if k in answer}
        for key, answer in kept.items()
        if shown.get(key, True)
    }
    return ReadVersion(fmt, version.kind, answers, version.submission)
