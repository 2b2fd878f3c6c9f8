"""How many reporting Parties gave each answer: per question, cycle and regional group.

Counted in the database with GROUP BY (cycle, regional group, question, state, code),
multiple choices through their JSON options as rows. For every question the result
has, per cycle and group (and overall, `region` None):
- `reporting`: Parties with a selected report; `asked`: those the question applied to
  (report kind and condition, see `population`);
- `answered`: Parties that gave an answer (a value or a state), counted once each;
- `withheld`: answers left out because confidential (0 when they are included, and 0
  for the `published` audience, which must not learn even how many answers are
  confidential: they count there as non-responses);
- `non_response`: asked, but no answer: `asked - answered - withheld`;
- `options`: one entry per choice code (yes/no, single and multiple choice), or one
  `value` entry for other kinds, then one per answer state the question offers; each
  with `count` and `share` = count / asked (None when nobody was asked). A multiple
  choice counts every Party that chose the option, so its shares may add up to more
  than 1.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from sqlalchemy import case, func, true

from ..exports.filters import ExportFilters
from ..exports.long import ensure_plan
from ..exports.plan import ExportPlan, QuestionInfo
from ..exports.scope import answer_conditions, reports_query
from ..extensions import db
from ..models import Answer, AnswerState, Party, Report
from .population import population, regions
from .sql import json_elements


def _answer_query(plan: ExportPlan, *columns, confidential: bool | None = None):
    return (
        reports_query(plan, Report.cycle_id, Party.regional_group, *columns)
        .join(Answer, Answer.report_id == Report.id)
        .where(*answer_conditions(plan, confidential=confidential))
    )


def _count_answers(plan: ExportPlan) -> dict[tuple[int, str], Counter]:
    """(cycle id, key) -> Counter of (region, option) -> Parties, plus (region, None) ->
    Parties that answered at all. Options: codes of choices, "value", or state names."""
    single = [k for k, q in plan.questions.items() if q.coded and not q.multiple]
    code = case((Answer.question_key.in_(plan.asked_keys(single)), Answer.value_text), else_=None)
    group = (Answer.question_key, Answer.state, code)
    counts: dict[tuple[int, str], Counter] = defaultdict(Counter)
    for cycle_id, region, asked, state, value, n in db.session.execute(
        _answer_query(plan, *group, func.count(Answer.id)).group_by(
            Report.cycle_id, Party.regional_group, *group
        )
    ):
        cycle = plan.cycle(cycle_id)
        key, value = cycle.series_key(asked), cycle.recode(asked, value)
        tally = counts[(cycle_id, key)]
        tally[(region.value, None)] += n
        if state != AnswerState.value:
            tally[(region.value, state.value)] += n
        elif key in single:
            tally[(region.value, value)] += n
        elif not plan.questions[key].multiple:
            tally[(region.value, "value")] += n
    multiple = [k for k, q in plan.questions.items() if q.multiple]
    if multiple:
        options = json_elements(Answer.value_json)
        query = (
            _answer_query(plan, Answer.question_key, options.c.value, func.count(Answer.id))
            .join(options, true())
            .where(
                Answer.question_key.in_(plan.asked_keys(multiple)),
                Answer.state == AnswerState.value,
            )
            .group_by(Report.cycle_id, Party.regional_group, Answer.question_key, options.c.value)
        )
        for cycle_id, region, asked, value, n in db.session.execute(query):
            cycle = plan.cycle(cycle_id)
            counts[(cycle_id, cycle.series_key(asked))][
                (region.value, cycle.recode(asked, value))
            ] += n
    return counts


def _count_withheld(plan: ExportPlan) -> Counter:
    withheld: Counter = Counter()
    if plan.filters.include_confidential or plan.filters.published:
        return withheld
    query = (
        _answer_query(plan, Answer.question_key, func.count(Answer.id), confidential=True)
        .where(Answer.confidential.is_(True))
        .group_by(Report.cycle_id, Party.regional_group, Answer.question_key)
    )
    for cycle_id, region, key, n in db.session.execute(query):
        withheld[(cycle_id, region.value, plan.cycle(cycle_id).series_key(key))] += n
    return withheld


def _options(plan: ExportPlan, info: QuestionInfo) -> list[tuple[str, str, bool]]:
    """(code, label, is_state) of what is counted for a question: the options of a coded
    kind by code, "value" answers for the others."""
    if info.coded:
        values = [(code, label, False) for code, label in info.choices]
    else:
        values = [("value", plan.state_labels["value"], False)]
    return values + [(s, plan.state_labels[s], True) for s in info.states]


def option_counts(selection: ExportFilters | ExportPlan) -> list[dict]:
    """One dict per question x cycle x group (overall first, `region` None); see module."""
    plan = ensure_plan(selection)
    pop = population(plan)
    counts = _count_answers(plan)
    withheld = _count_withheld(plan)
    groups = regions(plan)
    out = []
    for key, info in plan.questions.items():
        listed = _options(plan, info)
        for cycle in plan.cycles:
            if cycle.asked_key(key) is None:
                continue
            tally = counts.get((cycle.id, key), Counter())
            for region in (None, *groups):
                members = groups if region is None else (region,)

                def total(option, tally=tally, members=members):
                    return sum(tally[(g, option)] for g in members)

                asked = pop.asked_in(cycle.id, region, key, groups)
                answered = total(None)
                held = sum(withheld[(cycle.id, g, key)] for g in members)
                out.append(
                    {
                        "question_key": key,
                        "kind": info.kind,
                        "cycle_code": cycle.code,
                        "cycle_year": cycle.year,
                        "region": region,
                        "reporting": pop.reporting_in(cycle.id, region, groups),
                        "asked": asked,
                        "answered": answered,
                        "withheld": held,
                        "non_response": asked - answered - held,
                        "options": [
                            {
                                "code": code,
                                "label": label,
                                "is_state": is_state,
                                "count": total(code),
                                "share": total(code) / asked if asked else None,
                            }
                            for code, label, is_state in listed
                        ],
                    }
                )
    return out
