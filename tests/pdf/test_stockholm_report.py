"""A Stockholm report goes the way of a Minamata one, from the format file alone: a focal
point fills in and submits every question, and the report and the blank questionnaire
print in the six languages."""

from flask_babel import force_locale

from reporting.pdf.questionnaire import render_questionnaire
from reporting.pdf.report import latest_version, render_report
from reporting.questionnaire import get_format
from reporting.questionnaire.translate import qt
from tests.exports.factories import make_report

from .helpers import contains, read, text_of

LANGUAGES = ["ar", "en", "es", "fr", "ru", "zh"]


def test_a_stockholm_report_is_submitted_and_printed_in_six_languages(request_ctx, stockholm_cycle):
    report = make_report("FRA", stockholm_cycle, "submitted", seed=2)
    assert report.submitted_versions == 1
    fmt = get_format("stockholm", "2023.1")
    for lang in LANGUAGES:
        data = render_report(latest_version(report), lang)
        assert len(read(data).pages) > 3, lang
    english = text_of(render_report(latest_version(report), "en"))
    assert contains(english, "Article 3: Measures to reduce or eliminate releases")
    french = text_of(render_report(latest_version(report), "fr"))
    with force_locale("fr"):
        assert contains(french, qt(fmt.section("art6").title))


def test_the_blank_stockholm_questionnaire_asks_every_question(request_ctx, stockholm_cycle):
    fmt = get_format("stockholm", "2023.1")
    english = text_of(render_questionnaire(stockholm_cycle, "en"))
    for q in fmt.iter_questions():
        assert contains(english, f"{q.number} {q.text}"), q.key
    for lang in ("es", "ru"):
        layer = text_of(render_questionnaire(stockholm_cycle, lang))
        with force_locale(lang):
            assert contains(layer, qt(fmt.question("art3.production_use.quantities").text)), lang
    for lang in ("ar", "zh", "fr"):
        assert read(render_questionnaire(stockholm_cycle, lang)).pages
