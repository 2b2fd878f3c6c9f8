"""Reports with answers, for the PDF tests."""

import pytest

from reporting.questionnaire.samples import sample_answers
from reporting.reports import workflow
from reporting.reports.answers import save_answers

#: Free text typed by a focal point in each language (answers keep their language).
TYPED = {
    "en": "Ministry of Environment and Natural Resources",
    "fr": "Ministère de l'Écologie, Direction générale de la prévention des risques",
    "es": "Secretaría de Medio Ambiente y Recursos Naturales, Ciudad de México",
    "ru": "Министерство природных ресурсов и экологии",
    "zh": "生态环境部固体废物与化学品司",
    "ar": "وزارة البيئة والمياه والزراعة",
}


def fill(report, fmt, user, overrides=None):
    """Every question of the report's kind answered with sample values, then `overrides`."""
    kind = report.cycle.kind
    prefilled = {q.key for q in fmt.iter_questions() if q.prefill}
    answers = sample_answers(fmt, kind, skip=prefilled)
    answers.update(overrides or {})
    issues = save_answers(report, fmt, answers, user, kind)
    assert issues == []
    return report


@pytest.fixture
def draft_report(request_ctx, party_a, short_cycle, focal_point):
    """Party A's short report, pre-filled only (Part A from the Party record)."""
    return workflow.start_report(party_a, short_cycle, focal_point, carry_over=False)


@pytest.fixture
def submitted_report(request_ctx, party_a, short_cycle, focal_point, minamata):
    """Party A's short report, fully answered and submitted once, with a table of stocks."""
    report = workflow.start_report(party_a, short_cycle, focal_point, carry_over=False)
    fill(
        report,
        minamata,
        focal_point,
        {
            "party.focal_point.institution": {"value": TYPED["en"]},
            "art3.primary_mining": {"value": "no"},
            "art3.stocks": {"value": "yes"},
            "art3.stocks.list": {
                "value": [
                    {
                        "location": "Veracruz warehouse",
                        "substance": "cinnabar",
                        "quantity": "1234.5",
                    },
                    {"location": "Zacatecas mine site", "substance": "mercury", "quantity": "60"},
                ]
            },
            "art3.exports": {"state": "not_applicable"},
            "art3.stocks.details": {
                "value": "Inventory by the national chemicals office",
                "confidential": True,
            },
        },
    )
    workflow.submit(report, focal_point)
    return report
