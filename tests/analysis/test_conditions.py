"""Conditions in SQL decide who was asked: they must agree with the questionnaire engine."""

import pytest
from sqlalchemy import literal, select

from reporting.exports.conditions import condition_sql
from reporting.extensions import db
from reporting.questionnaire.conditions import holds, visibility
from reporting.reports import workflow
from reporting.reports.answers import load_answers
from tests.exports.factories import make_report


def _sql_holds(condition, report) -> bool:
    return bool(db.session.scalar(select(condition_sql(condition, literal(report.id)))))


def test_every_condition_of_the_format_agrees_with_the_engine(reports, full_cycle, reviewer):
    more = [
        make_report(iso3, full_cycle, "submitted", seed=seed, reviewer=reviewer)
        for iso3, seed in (("BRA", 11), ("IND", 12), ("DEU", 13), ("POL", 14))
    ]
    checked = 0
    for report in [*reports.values(), *more]:
        fmt = workflow.report_format(report)
        data = load_answers(report, fmt, raw=False)
        visible = visibility(fmt, data)
        for q in fmt.iter_questions():
            if q.visible_if:
                assert _sql_holds(q.visible_if, report) == visible[q.key], (report, q.key)
                checked += 1
    assert checked > 500
    # The sample data gives both outcomes, so the comparison above means something.
    assert (
        len(
            {
                _sql_holds({"question": "art3.exports", "equals": "yes"}, r)
                for r in [*reports.values(), *more]
            }
        )
        == 2
    )


@pytest.mark.parametrize(
    "condition",
    [
        {"question": "art4.dental.measures", "contains": "iii"},
        {"question": "art4.dental.measures", "contains": "ii"},
        {"question": "art3.chlor_alkali", "equals": "not_applicable"},
        {"question": "art3.chlor_alkali", "in": ["yes", "not_applicable"]},
        {"question": "art3.chlor_alkali", "in": []},
        {"question": "art3.exports.total_quantity", "equals": 0},
        {"question": "art3.exports.total_quantity", "equals": 1},
        {"question": "e.comments", "equals": "value"},
        {"question": "art99.missing", "equals": "yes"},
        {
            "all": [
                {"question": "art3.exports", "equals": "yes"},
                {"question": "art4.dental", "equals": "yes"},
            ]
        },
        {
            "any": [
                {"question": "art3.exports", "equals": "no"},
                {"question": "art4.dental", "equals": "no"},
            ]
        },
    ],
)
def test_each_kind_of_condition_agrees_with_the_engine(reports, condition):
    for report in reports.values():
        fmt = workflow.report_format(report)
        data = load_answers(report, fmt, raw=False)
        expected = holds(condition, data, visibility(fmt, data))
        assert _sql_holds(condition, report) == expected, (report, condition)
