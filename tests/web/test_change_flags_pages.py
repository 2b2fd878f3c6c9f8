"""The change flags on the check and submit pages, and on the secretariat's review."""

from __future__ import annotations

import pytest

from reporting.extensions import db
from reporting.reports import workflow
from tests.previous_reports import changed_report

from .helpers import login

TEN_TIMES = (
    "More than ten times your answer in Full report 2021 (\u206812.5\u2069 t): now "
    "\u2068200\u2069 t. Check the value and its unit."
)
YES_NO = "Your answer in Full report 2021 was \u2068Yes\u2069; it is now \u2068No\u2069."


@pytest.fixture
def changed(request_ctx, party_a, focal_point):
    return changed_report(party_a, focal_point)


def test_the_check_page_lists_the_changes_as_warnings(fp_client, changed):
    html = fp_client.get(f"/reports/{changed.id}/review").text
    warnings = html[html.index('id="warnings-title"') :]
    assert TEN_TIMES in warnings and YES_NO in warnings
    assert "Less than a tenth of your answer in Full report 2021" in warnings
    assert f'href="/reports/{changed.id}/pages/art3#q.art3.chlor_alkali.quantity"' in warnings


def test_the_submit_page_asks_to_confirm_them(fp_client, changed, focal_point):
    assert not [i for i in workflow.validate_report(changed) if i.severity == "error"]
    html = fp_client.get(f"/reports/{changed.id}/submit").text
    assert TEN_TIMES in html and 'name="confirm_warnings"' in html
    with pytest.raises(workflow.SubmissionBlocked) as blocked:
        workflow.submit(changed, focal_point, confirm_warnings=False)
    assert TEN_TIMES in [i.message for i in blocked.value.issues]


def test_the_secretariat_sees_the_same_flags(client, changed, focal_point, secretariat):
    workflow.submit(changed, focal_point)
    db.session.commit()
    login(client, secretariat)
    html = client.get(f"/secretariat/reports/{changed.id}").text
    flags = html[html.index('id="flags-title"') : html.index('id="queries-title"')]
    assert "answers changed much since the previous report" in flags
    assert TEN_TIMES in flags and YES_NO in flags
    assert 'href="#q-art3.chlor_alkali.quantity"' in flags


def test_another_partys_reviewer_page_has_no_flags(
    client, request_ctx, party_b, other_focal_point, secretariat
):
    from tests.previous_reports import submitted

    report = submitted(party_b, "2023-short", other_focal_point)
    db.session.commit()
    login(client, secretariat)
    assert 'id="flags-title"' not in client.get(f"/secretariat/reports/{report.id}").text
