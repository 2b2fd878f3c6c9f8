"""The pages themselves: home and overview facts, accessible markup, languages and
direction, no request outside the app, and a weight under 150 KB with CSS and JS."""

import re
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from reporting.extensions import db as _db
from reporting.models import ReportingCycle
from reporting.questionnaire.samples import sample_answers
from reporting.reports import workflow
from reporting.reports.answers import save_answers
from reporting.web.pages import report_pages

from .helpers import login

STATIC = Path(__file__).resolve().parents[2] / "reporting" / "static"
BUDGET = 150 * 1024


@pytest.fixture
def full_report(request_ctx, party_a, full_cycle, focal_point, minamata):
    """Party A's full report with every question answered and tables of five rows."""
    report = workflow.start_report(party_a, full_cycle, focal_point, carry_over=False)
    import random

    from reporting.questionnaire.samples import sample_value

    answers = sample_answers(
        minamata, None, skip={q.key for q in minamata.iter_questions() if q.prefill}
    )
    rng = random.Random(5)
    for q in minamata.iter_questions():
        if q.kind.name == "table":
            answers[q.key] = {
                "value": [{c.key: sample_value(c, rng) for c in q.columns} for _ in range(5)]
            }
    save_answers(report, minamata, answers, focal_point, None)
    _db.session.commit()
    return report


def test_home_shows_each_cycle_with_status_due_date_days_left_and_progress(
    client, focal_point, report_a, monkeypatch
):
    from reporting.web import progress

    monkeypatch.setattr(
        progress,
        "date",
        type("FixedDate", (date,), {"today": staticmethod(lambda: date(2023, 12, 1))}),
    )
    login(client, focal_point)
    home = client.get("/").text
    section = re.search(
        r'<section class="cycle card" aria-labelledby="cycle-2023-short">.*?</section>', home, re.S
    ).group(0)
    assert "Short report 2023" in section and "Draft" in section
    assert "Dec 31, 2023" in section and "30 days" in section
    assert (
        "Information on the Party" in section
        and "Article 3: Mercury supply sources and trade" in section
    )
    assert re.search(r"\d+ of \d+", section)
    assert "Not started" in home and "Start this report" in home


def test_the_overview_links_every_page_and_the_pdf_when_it_exists(
    client, focal_point, report_a, app
):
    login(client, focal_point)
    overview = client.get(f"/reports/{report_a.id}").text
    for page in report_pages(workflow.report_format(report_a), "short"):
        assert f'/reports/{report_a.id}/pages/{page.key}"' in overview
    if "pdf.report_pdf" in app.view_functions:
        assert f"/reports/{report_a.id}/pdf?version=draft" in overview


def _inputs(html):
    return [
        m.group(0)
        for m in re.finditer(r"<(input|select|textarea)\b[^>]*>", html)
        if 'type="hidden"' not in m.group(0) and 'type="submit"' not in m.group(0)
    ]


def test_every_input_of_every_page_has_a_label(client, focal_point, full_report, minamata):
    login(client, focal_point)
    for page in report_pages(minamata, None):
        html = client.get(f"/reports/{full_report.id}/pages/{page.key}").text
        labelled = set(re.findall(r'<label for="([^"]+)"', html))
        for tag in _inputs(html):
            input_id = re.search(r'id="([^"]+)"', tag)
            assert "aria-label=" in tag or (input_id and input_id.group(1) in labelled), (
                page.key,
                tag,
            )


def test_choice_lists_and_tables_are_fieldsets_with_a_legend(client, focal_point, full_report):
    login(client, focal_point)
    html = client.get(f"/reports/{full_report.id}/pages/art3").text
    for group in re.finditer(r'<fieldset class="answer"[^>]*>(.*?)</fieldset>', html, re.S):
        assert group.group(1).lstrip().startswith("<legend>")
    radios = re.findall(r'name="(q\.[^"]+-value)" type="radio"', html)
    assert radios and all(
        re.search(
            r'<fieldset class="answer"[^>]*>\s*<legend>.*?name="' + re.escape(r) + '"', html, re.S
        )
        for r in set(radios)
    )


def test_the_skip_link_comes_first_and_leads_to_the_main_content(client, focal_point, report_a):
    login(client, focal_point)
    html = client.get(f"/reports/{report_a.id}/pages/art3").text
    first_link = re.search(r"<a\b[^>]*>", html).group(0)
    assert 'class="skip-link" href="#content"' in first_link
    assert '<main id="content"' in html


def test_an_arabic_page_is_right_to_left_and_the_switcher_keeps_the_page(
    client, focal_point, report_a
):
    login(client, focal_point)
    html = client.get(f"/reports/{report_a.id}/pages/art3?lang=ar").text
    assert '<html lang="ar" dir="rtl">' in html
    assert f'href="/reports/{report_a.id}/pages/art3?lang=fr"' in html
    assert (
        '<html lang="fr" dir="ltr">'
        in client.get(f"/reports/{report_a.id}/pages/art3?lang=fr").text
    )


def test_format_texts_are_shown_in_the_users_language(client, focal_point, report_a):
    login(client, focal_point)
    html = client.get(f"/reports/{report_a.id}/pages/art3?lang=fr").text
    assert "Des activités d'extraction minière primaire de mercure" in html.replace("&#39;", "'")


def test_pages_request_nothing_outside_the_app(client, focal_point, full_report, minamata):
    login(client, focal_point)
    for page in report_pages(minamata, None)[:3]:
        response = client.get(f"/reports/{full_report.id}/pages/{page.key}")
        for url in re.findall(r'(?:src|href|action)="([^"]+)"', response.text):
            assert url.startswith(("/", "#", "?")), url
        assert "default-src 'self'" in response.headers["Content-Security-Policy"]


def test_every_page_with_its_css_and_js_weighs_under_150_kb(
    client, focal_point, full_report, minamata
):
    login(client, focal_point)
    assets = sum((STATIC / path).stat().st_size for path in ("css/ort.css", "js/ort.js"))
    heaviest = 0
    for page in report_pages(minamata, None):
        html = client.get(f"/reports/{full_report.id}/pages/{page.key}").data
        assert len(html) + assets < BUDGET, page.key
        heaviest = max(heaviest, len(html) + assets)
    assert heaviest > 30 * 1024  # the check measured real pages


def test_the_stylesheet_lays_out_both_directions_and_shows_focus():
    css = (STATIC / "css" / "ort.css").read_text()
    assert ":focus-visible" in css
    physical = re.findall(
        r"(?<![-\w])(margin|padding|border)-(left|right)\b|(?<![-\w])(left|right):", css
    )
    assert physical == []
    assert "text-align: left" not in css and "float:" not in css


def test_conditions_travel_to_the_browser_as_data(client, focal_point, report_a):
    login(client, focal_point)
    html = client.get(f"/reports/{report_a.id}/pages/art3").text
    # Mining at all, then mining that existed at entry into force (2023.1), then its end.
    assert re.search(
        r'id="q\.art3\.primary_mining\.at_entry_into_force" data-key="[^"]+"\s*'
        r'data-visible-if=\'\{"equals": "yes", "question": "art3\.primary_mining"\}\'',
        html,
    )
    assert re.search(
        r'id="q\.art3\.primary_mining\.end_date" data-key="[^"]+"\s*'
        r'data-visible-if=\'\{"equals": "yes", '
        r'"question": "art3\.primary_mining\.at_entry_into_force"\}\'',
        html,
    )


def test_a_cycle_can_be_started_only_once_and_only_by_its_partys_users(
    client, focal_point, secretariat, short_cycle
):
    login(client, focal_point)
    first = client.post(f"/cycles/{short_cycle.code}/start").location
    assert client.post(f"/cycles/{short_cycle.code}/start").location == first
    assert client.post("/cycles/1999-none/start").status_code == 404
    login(client, secretariat)
    assert client.post(f"/cycles/{short_cycle.code}/start").status_code == 403
    assert _db.session.scalars(
        select(ReportingCycle).where(ReportingCycle.code == short_cycle.code)
    ).one()


def test_values_inside_sentences_are_isolated_for_right_to_left_pages(
    client, focal_point, report_a
):
    login(client, focal_point)
    html = client.get(f"/reports/{report_a.id}?lang=ar").text
    assert re.search(r"<bdi>[^<]*2023[^<]*</bdi>", html)  # the due date


def test_report_pages_name_the_cycle_in_the_users_language_not_by_its_code(
    client, focal_point, report_a
):
    """A code like "2023-short" is for machines, and reads "short-2023" inside Arabic text."""
    login(client, focal_point)
    for path in ("", "/pages/art3", "/review"):
        html = client.get(f"/reports/{report_a.id}{path}?lang=ar").text
        crumbs = re.search(r'<nav class="breadcrumbs".*?</nav>', html, re.S).group(0)
        assert "التقرير المختصر لعام 2023" in crumbs
        visible = re.sub(
            r"<[^>]+>", " ", re.sub(r'(href|action|id|aria-labelledby)="[^"]*"', "", html)
        )
        assert "2023-short" not in visible
