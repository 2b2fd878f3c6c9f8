"""Carrying a Party's last submitted answers into its new report, across format versions.

Within one version an answer carries under its own key. From an older version, each
answer follows the lineage of its question (`questionnaire.lineage`): a renamed question
carries under its new key, a recoded one with its choice codes recoded, the answers of
merged questions carry into the one question (the first of them, in the older format's
order). What cannot be carried is listed, with why, so that the report can say so beside
the questions it concerns:

- `split`: the question became several questions; none of them is answered from it;
- `dropped`: the newer version no longer asks it;
- `merged`: another of the merged questions already carried into the same question;
- `choice`: a code it held is not offered by the newer question.

Period-bound questions (`period_bound: true` in the format: yearly quantities, dates of
the old period) are never carried as if they were new facts: they start empty, and the
page shows the old answer beside them (`reports.history`). They are not listed as not
carried either.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from flask_babel import lazy_gettext as _l

from ..questionnaire import get_format, lineage, list_formats
from ..questionnaire.definition import Format
from ..questionnaire.translate import qt
from .present import Presented, present
from .reading import typed_answer


@dataclass(frozen=True)
class NotCarried:
    """An answer of the previous report that did not carry: its key and format version
    there, why, and the keys of the new report's questions it concerns (for `split`: the
    questions it became)."""

    key: str
    version: str
    reason: str
    into: tuple[str, ...] = ()
    #: The answer as the previous report's snapshot holds it, to show beside.
    answer: dict | None = field(default=None, compare=False)

    def as_json(self) -> dict:
        return {**asdict(self), "into": list(self.into)}

    @classmethod
    def from_json(cls, data: dict) -> NotCarried:
        return cls(
            data["key"],
            data["version"],
            data["reason"],
            tuple(data.get("into", ())),
            data.get("answer"),
        )


#: Why an answer was not carried, as the focal point reads it.
REASONS = {
    "split": _l("The question was divided into several questions."),
    "dropped": _l("The question is no longer asked."),
    "merged": _l("The question was combined with another one, whose answer was carried over."),
    "choice": _l("The answer chosen is no longer offered."),
}


@dataclass(frozen=True)
class MissedNote:
    """A previous answer that did not carry, for a page: the question as it was asked
    (number and text in the current language), the answer, and why."""

    number: str
    text: str
    answer: Presented
    reason: str
    into: tuple[str, ...]


def missed_notes(report) -> list[MissedNote]:
    """The report's `not_carried` answers, presented in the current language."""
    notes = []
    for item in map(NotCarried.from_json, report.not_carried or ()):
        try:
            fmt = get_format(report.cycle.format_id, item.version)
            question = fmt.question(item.key)
        except (LookupError, KeyError):
            continue
        answer = typed_answer(question, item.answer) if item.answer else None
        notes.append(
            MissedNote(
                question.shown_number,
                qt(question.text),
                present(question, answer),
                str(REASONS[item.reason]),
                item.into,
            )
        )
    return notes


def _path(old: Format, key: str, new: Format, formats: list[Format]):
    """(new key, [replacements on the way]) when `key` of `old` continues into `new`;
    otherwise (None, reason, keys it concerns)."""
    current, current_key, steps = old, key, []
    while current is not new:
        nxt = lineage.successor(current, current_key, formats)
        if nxt is None:
            newer = lineage.following(current, formats)
            if newer is None:
                return None, "dropped", ()
            split = tuple(
                q.key for q, r in lineage.replacers(newer).get(current_key, ()) if r.how == "split"
            )
            return None, ("split" if split else "dropped"), split
        current, q, r = nxt
        if r is not None:
            steps.append(r)
        current_key = q.key
    return current_key, steps, ()


def _recode(answer: dict, steps, question) -> dict | None:
    """The answer with its codes recoded along `steps`; None if a code is not offered."""
    value = answer.get("value")
    if value is None or not question.kind.coded:
        return answer
    for r in steps:
        value = [r.recode(c) for c in value] if isinstance(value, list) else r.recode(value)
    offered = set(question.kind.codes(question))
    if any(c not in offered for c in (value if isinstance(value, list) else [value])):
        return None
    return {**answer, "value": value}


def carry_answers(
    old: Format,
    answers: dict[str, dict],
    new: Format,
    keys: set[str],
    *,
    period_bound: bool = False,
) -> tuple[dict[str, dict], list[NotCarried]]:
    """The answers (snapshot dicts by key of `old`) that carry into the questions `keys`
    of `new`, by their keys there, and what did not carry (see the module). Answers to
    questions the new report does not ask (another report kind) are left out silently,
    and so are those of period-bound questions unless `period_bound` (the previous
    answers shown beside a question take them too)."""
    if not period_bound:
        keys = {k for k in keys if not (new.has_question(k) and new.question(k).period_bound)}
    if old is new or not (lineage.is_newer(new, old)):
        return {k: v for k, v in answers.items() if k in keys}, []
    carried: dict[str, dict] = {}
    missed: list[NotCarried] = []
    formats = list_formats()
    for key in [q.key for q in old.iter_questions() if q.key in answers]:
        target, how, into = _path(old, key, new, formats)
        given = answers[key]
        if target is None:
            missed.append(
                NotCarried(key, old.version, how, tuple(k for k in into if k in keys), given)
            )
            continue
        if target not in keys:
            continue
        if target in carried:
            missed.append(NotCarried(key, old.version, "merged", (target,), given))
            continue
        answer = _recode(given, how, new.question(target))
        if answer is None:
            missed.append(NotCarried(key, old.version, "choice", (target,), given))
            continue
        carried[target] = answer
    return carried, missed
