"""The report PDF: cover, every visible question with its answer, tables, marks."""

import re

from flask_babel import force_locale, format_date

from reporting.models.types import utcnow
from reporting.pdf.report import draft_version, latest_version, render_report, submitted_version
from reporting.questionnaire.conditions import visibility
from reporting.reports import workflow
from reporting.reports.answers import load_answers, save_answers

from .helpers import contains, read, text_of


def test_submitted_report_pdf_is_a_pdf_with_the_cover_and_the_answers(submitted_report):
    data = render_report(latest_version(submitted_report), "en")
    text = text_of(data)
    submission_hash = latest_version(submitted_report).submission.content_hash
    for expected in (
        "Mexico (MEX)",
        "2023-short",
        "Submitted",
        "Version 1",
        "Ana Focal",
        "fp.a@example.org",
        submission_hash,
        "Ministry of Environment and Natural Resources",
        "Veracruz warehouse",
        "Inventory by the national chemicals office",
    ):
        assert contains(text, expected), expected
    assert read(data).metadata.title.startswith("Minamata Convention on Mercury")


def test_every_visible_question_appears_with_its_number_and_hidden_ones_do_not(
    submitted_report, minamata
):
    version = latest_version(submitted_report)
    text = text_of(render_report(version, "en"))
    visible = visibility(minamata, version.answers, "short")
    for q in minamata.iter_questions("short"):
        assert contains(text, f"{q.number} {q.text}") == visible[q.key], q.key
    # art3.primary_mining is "no": its follow-up questions are hidden by their condition.
    assert not visible["art3.primary_mining.end_date"]


def test_answer_states_and_confidential_answers_are_shown_in_words(submitted_report):
    text = text_of(render_report(latest_version(submitted_report), "en"))
    assert contains(
        text,
        "4 Did your country allow any export of mercury during the "
        "reporting period? Not applicable",
    )
    assert contains(
        text, "Inventory by the national chemicals office Confidential: not to be published."
    )


def test_tables_are_printed_as_rows_under_their_column_labels(submitted_report):
    layout = text_of(render_report(latest_version(submitted_report), "en"), layout=True)
    lines = [re.sub(r"\s+", " ", line).strip() for line in layout.splitlines()]
    heading = r"Location or description of the stock .*Mercury or mercury compound .*Quantity \(t\)"
    assert any(re.search(heading, line) for line in lines)
    assert "Veracruz warehouse Cinnabar 1,234.5" in lines
    assert any(
        line.startswith("Zacatecas mine site Mercury (elemental") and line.endswith(" 60")
        for line in lines
    )


def test_unanswered_questions_are_marked(draft_report, minamata, focal_point):
    save_answers(
        draft_report,
        minamata,
        {"art3.primary_mining": {"value": "no"}, "art3.stocks": {"value": "no"}},
        focal_point,
        "short",
    )
    version = draft_version(draft_report)
    visible = visibility(minamata, version.answers, "short")
    unanswered = [
        q
        for q in minamata.iter_questions("short")
        if visible[q.key] and q.key not in version.answers
    ]
    text = text_of(render_report(version, "en"))
    assert len(unanswered) > 5
    assert text.count("No answer") == len(unanswered)
    assert contains(text, "This is the current draft: it has not been submitted")
    assert contains(text, "Draft (not submitted)")


def test_a_draft_shows_invalid_input_as_typed_and_marked(draft_report, minamata, focal_point):
    issues = save_answers(
        draft_report,
        minamata,
        {
            "art3.primary_mining": {"value": "yes"},
            "art3.primary_mining.at_entry_into_force": {"value": "yes"},
            "art3.primary_mining.end_date": {"value": "next spring"},
            "art3.primary_mining.annual_quantity": {
                "value": [{"year": "2024", "quantity": "a lot"}]
            },
        },
        focal_point,
        "short",
    )
    assert {i.question_key for i in issues} == {
        "art3.primary_mining.end_date",
        "art3.primary_mining.annual_quantity",
    }
    text = text_of(render_report(draft_version(draft_report), "en"))
    assert contains(text, "1.2 Expected date on which primary mercury mining will end next spring")
    assert contains(text, "2024 a lot")
    assert text.count("Not valid: shown as typed") == 2


def test_an_older_version_prints_its_own_answers_and_says_it_was_superseded(
    submitted_report, minamata, focal_point, secretariat
):
    workflow.return_for_revision(submitted_report, secretariat, "Check the institution.")
    save_answers(
        submitted_report,
        minamata,
        {"party.focal_point.institution": {"value": "Environment Agency"}},
        focal_point,
        "short",
    )
    workflow.submit(submitted_report, focal_point)
    first = text_of(render_report(submitted_version(submitted_report, 1), "en"))
    second = text_of(render_report(latest_version(submitted_report), "en"))
    assert contains(first, "Ministry of Environment and Natural Resources")
    assert contains(first, "Superseded by version 2")
    assert contains(second, "Environment Agency") and contains(second, "Version 2")
    assert submitted_version(submitted_report, 3) is None


def test_every_page_has_its_number_of_the_total_and_the_printing_date(submitted_report):
    reader = read(render_report(latest_version(submitted_report), "en"))
    total = len(reader.pages)
    assert total >= 3
    with force_locale("en"):
        today = format_date(utcnow(), "long")
    for number, page in enumerate(reader.pages, start=1):
        assert contains(page.extract_text(), f"Page {number} of {total}")
        assert contains(page.extract_text(), f"Printed on {today}")


def test_parts_and_articles_are_pdf_bookmarks(submitted_report):
    reader = read(render_report(latest_version(submitted_report), "en"))
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert "Part A: Information on the Party" in titles
    assert "Part B: Measures taken to implement the Convention" in titles


def test_a_draft_answer_carried_over_is_marked(submitted_report, party_a, full_cycle, focal_point):
    report = workflow.start_report(party_a, full_cycle, focal_point)  # from the 2023 report
    answers = load_answers(report, workflow.report_format(report))
    assert any(a["carried_over"] for a in answers.values())
    text = text_of(render_report(draft_version(report), "en"))
    assert contains(text, "Carried over from the previous report; not yet confirmed.")


def test_answers_hidden_by_a_condition_are_left_out_of_a_draft(draft_report, minamata, focal_point):
    save_answers(
        draft_report,
        minamata,
        {
            "art3.primary_mining": {"value": "yes"},
            "art3.primary_mining.at_entry_into_force": {"value": "yes"},
            "art3.primary_mining.end_date": {"value": "2030-06-30"},
        },
        focal_point,
        "short",
    )
    assert contains(text_of(render_report(draft_version(draft_report), "en")), "June 30, 2030")
    save_answers(
        draft_report, minamata, {"art3.primary_mining": {"value": "no"}}, focal_point, "short"
    )
    version = draft_version(draft_report)
    assert "art3.primary_mining.end_date" in version.answers  # kept in the draft ...
    text = text_of(render_report(version, "en"))
    assert not contains(text, "June 30, 2030")  # ... but not printed
    assert not contains(text, "Expected date on which primary mercury mining will end")
