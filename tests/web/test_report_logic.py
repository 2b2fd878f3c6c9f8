"""The plain modules behind the pages: pages of a format, progress, review, display."""

from reporting.reports import workflow
from reporting.reports.answers import load_answers, save_answers
from reporting.web.pages import page_of_question, report_pages
from reporting.web.present import changed_cells, snapshot_answer
from reporting.web.progress import page_progress
from reporting.web.review import review_issues


def test_part_a_is_one_page_and_every_article_its_own(minamata, tiny_format):
    pages = report_pages(minamata, None)
    assert [p.key for p in pages][:3] == ["A", "art3", "art4"]
    assert len(pages[0].sections) == 4 and pages[0].article is None
    assert [p.key for p in pages][-3:] == ["C", "D", "E"]
    assert [p.key for p in report_pages(minamata, "short")] == ["A", "art3"]
    assert sum(len(p.questions) for p in report_pages(minamata, "short")) == len(
        minamata.questions("short")
    )
    assert page_of_question(report_pages(tiny_format, None), "art1.exports").key == "art1"


def test_progress_counts_shown_answered_missing_invalid_per_page(
    request_ctx, tiny_report, tiny_format, focal_point
):
    save_answers(
        tiny_report,
        tiny_format,
        {"art1.mining": {"value": "yes"}, "art1.count": {"value": "many"}},
        focal_point,
    )
    progress = {
        p.page.key: p
        for p in page_progress(tiny_format, None, load_answers(tiny_report, tiny_format))
    }
    art1 = progress["art1"]
    # The follow-up is shown (mining = yes), required and missing; the count is invalid.
    assert (art1.shown, art1.answered, art1.missing, art1.invalid) == (15, 2, 1, 1)
    assert progress["A"].missing == 2 and progress["A"].percent == 0


def test_the_review_lists_invalid_and_missing_answers_together(
    request_ctx, tiny_report, tiny_format, focal_point
):
    save_answers(
        tiny_report,
        tiny_format,
        {
            "art1.mining": {"value": "yes"},
            "art1.count": {"value": "many"},
            "art1.plan": {"value": "yes"},
        },
        focal_point,
    )
    issues = review_issues(tiny_report, tiny_format)
    found = [(i.question_key, i.message) for i in issues]
    assert ("art1.count", "Enter a whole number.") in found
    assert ("art1.mining.tonnes", "This question requires an answer.") in found
    assert ("art1.details", "This question requires an answer.") in found  # required_if
    assert ("about.start", "This question requires an answer.") in found
    # workflow.validate_report stops at the type error; the review goes on.
    assert {i.question_key for i in workflow.validate_report(tiny_report, tiny_format)} == {
        "art1.count"
    }


def test_the_cells_that_differ_between_two_tables_are_found(request_ctx, tiny_format):
    q = tiny_format.question("art1.exports")
    before = snapshot_answer(
        q, {"value": [{"country": "DEU", "quantity": "1"}, {"country": "KEN", "quantity": "2"}]}
    )
    after = snapshot_answer(q, {"value": [{"country": "DEU", "quantity": "1.5"}]})
    assert changed_cells(before, after) == {(0, 1), (1, 0), (1, 1), (1, 2)}  # row 2 is gone
