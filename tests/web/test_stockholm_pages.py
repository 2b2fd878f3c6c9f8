"""A focal point fills in a Stockholm report on the same pages as a Minamata one, and the
secretariat reviews it: every page renders, with its answers, in the six languages."""

import pytest
from flask_babel import force_locale

from reporting.extensions import db as _db
from reporting.models import Role
from reporting.questionnaire.samples import sample_answers
from reporting.questionnaire.translate import qt
from reporting.reports import workflow
from reporting.reports.answers import save_answers
from reporting.web.pages import report_pages

from .helpers import login

LANGUAGES = ["ar", "en", "es", "fr", "ru", "zh"]


@pytest.fixture
def stockholm_report(app, party_a, stockholm_cycle, focal_point, stockholm):
    focal_point.grant("stockholm", Role.focal_point)  # focal point of both conventions
    with app.test_request_context("/"):
        report = workflow.start_report(party_a, stockholm_cycle, focal_point, carry_over=False)
        prefilled = {q.key for q in stockholm.iter_questions() if q.prefill}
        answers = sample_answers(stockholm, None, seed=4, skip=prefilled)
        assert save_answers(report, stockholm, answers, focal_point, "full") == []
        _db.session.commit()
    return report


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_of_a_stockholm_report_renders(
    app, client, focal_point, stockholm, stockholm_report, lang
):
    login(client, focal_point)
    pages = report_pages(stockholm, "full")
    assert [p.key for p in pages][:2] == ["A", "art3"]
    for page in pages:
        response = client.get(f"/reports/{stockholm_report.id}/pages/{page.key}?lang={lang}")
        assert response.status_code == 200, page.key
    html = client.get(f"/reports/{stockholm_report.id}/pages/art3?lang={lang}").text
    with app.test_request_context("/"), force_locale(lang):
        title = qt(stockholm.section("art3").title)
    assert title in html.replace("&#39;", "'")
    assert client.get(f"/reports/{stockholm_report.id}/review?lang={lang}").status_code == 200


def test_the_secretariat_sees_a_stockholm_report(client, secretariat, stockholm_report):
    login(client, secretariat)
    response = client.get(f"/secretariat/reports/{stockholm_report.id}")
    assert response.status_code == 200
    assert (
        "Article 5: Measures to reduce or eliminate releases from unintentional production"
        in response.text
    )
