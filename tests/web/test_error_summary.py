"""After a save with problems: a summary at the top of the page lists every problem of
the page (not only the answers just changed), each a link to its field; the title says
how many; the summary takes the focus (autofocus) on the page shown after the save."""

import re

from reporting.reports.answers import save_answers
from reporting.reports.workflow import report_format

from .helpers import form_fields


def _page(client, report, key="art1"):
    return client.get(f"/reports/{report.id}/pages/{key}")


def _post(client, report, data, key="art1"):
    fields = form_fields(_page(client, report, key).text)
    fields.update(data)
    fields["save"] = ""
    return client.post(f"/reports/{report.id}/pages/{key}", data=fields)


def _summary(page: str) -> str:
    found = re.search(r'<div class="error-summary".*?</div>', page, re.S)
    assert found, "no error summary"
    return found.group(0)


def _title(page: str) -> str:
    return re.search(r"<title>(.*?)</title>", page, re.S).group(1)


def test_the_summary_lists_every_problem_of_the_page_with_links_and_a_count(fp_client, tiny_report):
    # A problem stored before (another answer), then a save that adds two more.
    save_answers(
        tiny_report,
        report_format(tiny_report),
        {"art1.year": {"state": "value", "value": "last year"}},
    )
    response = _post(
        fp_client,
        tiny_report,
        {
            "q.art1.count-value": "about twelve",
            "q.art1.note-value": "far more than ten characters",
            "q.art1.exports-value-0-c_country": "France",
            "q.art1.exports-value-0-c_quantity": "-3",
        },
    )
    assert response.status_code == 302
    page = fp_client.get(response.location).text
    summary = _summary(page)
    links = re.findall(r'<a href="#([^"]+)"><bdi>([^<]*)</bdi>([^<]*)</a>', summary)
    links = [(target, label + text) for target, label, text in links]
    targets = [target for target, _text in links]
    assert targets == [
        "q.art1.note-value",
        "q.art1.count-value",
        "q.art1.year-value",
        "q.art1.exports-value-0-c_quantity",
    ]
    for target in targets:  # every link goes to an element of the page
        assert f'id="{target}"' in page
    assert "There are 4 problems on this page" in summary
    assert "Enter a whole number." in dict(links)["q.art1.count-value"]
    assert "row 1, Quantity" in dict(links)["q.art1.exports-value-0-c_quantity"]
    assert _title(page).startswith("(4 errors) Article 1")
    # The flash counts every answer of the page with a problem (4), not only those changed (3).
    assert "Saved. 4 answers need correcting" in page
    # Focus goes to the summary on the page shown after the save, not on later visits.
    assert re.search(r'<h2 id="error-summary-title" tabindex="-1" autofocus', page)
    again = _page(fp_client, tiny_report).text
    assert "There are 4 problems on this page" in again
    assert "autofocus" not in _summary(again)


def test_a_page_without_problems_has_no_summary_and_a_plain_title(fp_client, tiny_report):
    page = _page(fp_client, tiny_report).text
    assert 'class="error-summary"' not in page
    assert _title(page).startswith("Article 1")


def test_problems_of_hidden_questions_are_not_listed(fp_client, tiny_report):
    fmt = report_format(tiny_report)
    # The tonnes are asked only after "yes": a bad value kept from before stays out of sight.
    save_answers(
        tiny_report,
        fmt,
        {
            "art1.mining": {"state": "value", "value": "no"},
            "art1.mining.tonnes": {"state": "value", "value": "lots"},
        },
    )
    page = _page(fp_client, tiny_report).text
    assert 'class="error-summary"' not in page
