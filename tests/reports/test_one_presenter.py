"""One answer reads the same everywhere: every answer kind, in every language, on the
secretariat's review page, the public Party page, in the PDF and in the exports' labels.

The report is the tiny test format (every answer kind) with sample answers, submitted
and accepted; each medium must print what the one presenter gives.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from flask_babel import force_locale

from reporting.exports import ExportFilters, iter_long_rows
from reporting.pdf import layout
from reporting.pdf.report import published_version, render_report
from reporting.questionnaire.kinds import kind_names
from reporting.reports import workflow
from reporting.reports.present import FSI, PDI, plain, present
from reporting.reports.reading import published, read_version
from reporting.web.ui import isolated
from tests.exports.factories import filled_report, focal_point_of, party
from tests.web.helpers import login

LANGUAGES = ("ar", "en", "es", "fr", "ru", "zh")
#: Kinds without a sample value (a file needs an upload): shown by name, tested apart.
NO_SAMPLE = {"file"}


@pytest.fixture
def accepted(request_ctx, tiny_cycle, reviewer):
    p = party("MEX")
    user = focal_point_of(p)
    report = filled_report(
        p,
        tiny_cycle,
        user,
        seed=3,
        overrides={
            "art1.mining": {"value": "yes"},
            "art1.mining.tonnes": {"value": "1234.5"},
            "art1.note": {"value": "+962 6 000"},
        },
    )
    workflow.submit(report, user)
    workflow.accept(report, reviewer)
    return report


def _expected(report, lang):
    """question key -> the presenter's texts (values and table cells) of each answer."""
    read = published(read_version(report, report.submitted_versions))
    with force_locale(lang):
        out = {}
        for key, answer in read.answers.items():
            shown = present(read.fmt.question(key), answer)
            texts = (
                [cell for row in shown.rows for cell in row if cell]
                if shown.tabular
                else [shown.text]
            )
            out[key] = (shown, [t for t in texts if t])
        return read, out


def test_the_report_covers_every_answer_kind(accepted):
    read, expected = _expected(accepted, "en")
    kinds = {read.fmt.question(key).kind.name for key in expected}
    kinds |= {c.kind.name for key in expected for c in read.fmt.question(key).columns}
    assert set(kind_names()) - NO_SAMPLE <= kinds


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_pdf_and_export_prints_what_the_presenter_gives(
    app, client, accepted, secretariat, monkeypatch, lang
):
    read, expected = _expected(accepted, lang)
    login(client, secretariat)
    review = client.get(f"/secretariat/reports/{accepted.id}?lang={lang}").get_data(as_text=True)
    public = client.get(f"/data/{lang}/parties/MEX").get_data(as_text=True)

    printed: list[str] = []
    real = layout.paragraph
    monkeypatch.setattr(
        layout,
        "paragraph",
        lambda text, *a, **kw: printed.append(str(text)) or real(text, *a, **kw),
    )
    render_report(published_version(accepted), lang)

    labels = {}
    for row in iter_long_rows(
        ExportFilters(parties=("MEX",), cycles=(accepted.cycle.code,), language=lang)
    ):
        if row["value_label"]:
            labels.setdefault(row["question_key"], []).append(row["value_label"])

    with app.test_request_context(f"/?lang={lang}"):
        for key, (shown, texts) in expected.items():
            for text in texts:
                html = str(isolated(text))
                assert html in review, (lang, key, html)
                assert FSI in text and PDI in text  # isolated from the text around it
            for text in shown.lines or texts:  # the public page lists a choice's options
                assert str(isolated(text)) in public, (lang, key, text)
            if shown.lines:  # a multiple choice: one printed line per option
                assert all(f"• {line}" in printed for line in shown.lines), (lang, key)
            else:  # a value, or each cell of a table
                assert all(text in printed for text in texts), (lang, key, texts)
            q = read.fmt.question(key)
            if q.kind.coded and key in labels:  # the exports' labels: the options' words
                assert [plain(line) for line in (shown.lines or [shown.text])] == labels[key], (
                    lang,
                    key,
                )


def test_a_french_quantity_reads_the_same_on_every_page_and_in_the_pdf(
    app, client, accepted, secretariat, monkeypatch
):
    read = read_version(accepted, accepted.submitted_versions)
    assert read.answers["art1.mining.tonnes"]["value"] == Decimal("1234.5")
    with force_locale("fr"):
        text = present(
            read.fmt.question("art1.mining.tonnes"), read.answers["art1.mining.tonnes"]
        ).text
    assert plain(text) == "1\u202f234,5 t"
    login(client, secretariat)
    with app.test_request_context("/?lang=fr"):
        html = str(isolated(text))
    assert html == "<bdi>1\u202f234,5</bdi> t"
    assert html in client.get(f"/secretariat/reports/{accepted.id}?lang=fr").get_data(as_text=True)
    assert html in client.get("/data/fr/parties/MEX").get_data(as_text=True)
