"""The submission receipt (one page) and the blank questionnaire of a cycle."""

import re

from reporting.pdf.questionnaire import render_questionnaire
from reporting.pdf.receipt import render_receipt
from reporting.pdf.report import latest_version

from .helpers import contains, read, text_of


def test_receipt_is_one_page_identifying_the_submission(submitted_report):
    submission = latest_version(submitted_report).submission
    data = render_receipt(submission, "en")
    assert len(read(data).pages) == 1
    text = text_of(data)
    for expected in (
        "Submission receipt",
        "Mexico (MEX)",
        "2023-short",
        "Version 1",
        "Ana Focal <fp.a@example.org>",
        submission.content_hash,
        submission.submitted_at.strftime("%Y-%m-%d %H:%M:%S UTC"),
        "Page 1 of 1",
    ):
        assert contains(text, expected), expected
    assert contains(text, f"Number of answers {len(submission.content['answers'])}")


def test_blank_questionnaire_asks_every_question_of_the_short_report(
    request_ctx, short_cycle, minamata
):
    text = text_of(render_questionnaire(short_cycle, "en"))
    questions = minamata.questions("short")
    for q in questions:
        assert contains(text, f"{q.number} {q.text}"), q.key
    full_only = [q for q in minamata.iter_questions() if not q.short and q.part_key != "A"]
    assert full_only and not any(contains(text, f"{q.number} {q.text}") for q in full_only)


def test_blank_questionnaire_has_room_to_answer_every_kind(request_ctx, short_cycle):
    data = render_questionnaire(short_cycle, "en")
    text = text_of(data)
    layout = text_of(data, layout=True)
    # Tick boxes for yes/no and states, hints in the boxes, column labels over empty rows.
    assert contains(text, "☐ Yes ☐ No")
    assert contains(
        text, "☐ Not applicable ☐ None / zero ☐ Information not available ☐ Confidential"
    )
    assert contains(text, "Tick every option that applies.")
    assert contains(text, "Answer only if the answer to question 1 is “Yes”.")
    assert contains(text, "1 Party An answer is required to submit the report. Country")
    assert any(
        "Location or description of the stock" in line and "Quantity (t)" in line
        for line in layout.splitlines()
    )
    # The choices of a table's choice column are listed under the grid.
    assert contains(text, "Mercury or mercury compound: Mercury (elemental")


def test_blank_questionnaire_of_the_full_cycle_has_the_full_report(
    request_ctx, full_cycle, minamata
):
    data = render_questionnaire(full_cycle, "en")
    text = text_of(data)
    # A number's box carries its hint, with the unit beside it (3.2: a quantity in tonnes).
    assert any(
        re.fullmatch(r"\s*Number\s+t\s*", line) for line in text_of(data, layout=True).splitlines()
    )
    full_only = next(q for q in minamata.iter_questions() if not q.short and q.part_key != "A")
    assert contains(text, f"{full_only.number} {full_only.text}")
    assert contains(text, "Full report (every four years)")


def test_conditions_are_described_in_words(request_ctx, minamata):
    from reporting.pdf.questionnaire import describe_condition

    table = minamata.question("art3.stocks.list")
    yes = {"question": "art3.stocks", "equals": "yes"}
    chosen = {"question": "art3.primary_mining.uses", "contains": "products"}
    assert describe_condition(yes, table, minamata) == "the answer to question 2 is “Yes”"
    assert (
        describe_condition({"question": "art3.stocks", "equals": "not_available"}, table, minamata)
        == "the answer to question 2 is “Information not available”"
    )
    assert (
        describe_condition({"question": "art3.stocks", "in": ["yes", "no"]}, table, minamata)
        == "the answer to question 2 is one of: Yes; No"
    )
    assert describe_condition(chosen, table, minamata) == (
        "“Used to manufacture mercury-added products (Article 4)” is chosen in question 1.4"
    )
    assert describe_condition({"all": [yes, chosen]}, table, minamata).count(" and ") == 1
    assert describe_condition({"any": [yes, chosen, yes]}, table, minamata).count(" or ") == 2
    elsewhere = next(q for q in minamata.iter_questions() if q.section_key != table.section_key)
    assert describe_condition(yes, elsewhere, minamata) == (
        "the answer to question 2 of “Article 3: Mercury supply sources and trade” is “Yes”"
    )
