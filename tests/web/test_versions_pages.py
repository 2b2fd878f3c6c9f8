"""A report started from a report of an older format version: each cycle renders its
own version, and the answers that could not be carried are shown where they belong."""

from reporting.extensions import db as _db
from reporting.reports import workflow
from reporting.web.pages import report_pages

from .helpers import login


def _started(party_a, cycle, focal_point):
    report = workflow.start_report(party_a, cycle, focal_point)
    _db.session.commit()
    return report


def test_the_overview_lists_what_was_not_carried(client, version_cycles, party_a, focal_point):
    report = _started(party_a, version_cycles[1], focal_point)
    login(client, focal_point)
    html = client.get(f"/reports/{report.id}").get_data(as_text=True)
    assert "Not carried over from your last report" in html
    assert "Mining existing at entry into force?" in html
    assert "The question was divided into several questions." in html
    assert "The question is no longer asked." in html
    assert "Dropped" in html and "gone" in html


def test_the_question_it_became_shows_the_last_answer(
    client, version_cycles, party_a, focal_point, versions
):
    report = _started(party_a, version_cycles[1], focal_point)
    login(client, focal_point)
    page = report_pages(versions[1], "full")[0]
    html = client.get(f"/reports/{report.id}/pages/{page.key}").get_data(as_text=True)
    assert html.count('class="carried-note missed-note"') == 2  # art1.mining, at_entry
    assert "There it was asked as “5 Mining existing at entry into force?”" in html
    assert 'aria-describedby="' in html and "-missed" in html


def test_each_cycle_renders_its_own_version(client, version_cycles, party_a, focal_point, versions):
    old_report = workflow.start_report(party_a, version_cycles[0], focal_point)
    _db.session.commit()
    login(client, focal_point)
    page = report_pages(versions[0], "full")[0]
    html = client.get(f"/reports/{old_report.id}/pages/{page.key}").get_data(as_text=True)
    assert "Old name" in html and "New name" not in html
    new_report = _started(party_a, version_cycles[1], focal_point)
    html = client.get(f"/reports/{new_report.id}/pages/{page.key}").get_data(as_text=True)
    assert "New name" in html and "Old name" not in html
    assert "1 (a)" in html  # the official number


def test_minamata_cycles_render_their_own_version(client, request_ctx, party_a, focal_point):
    from sqlalchemy import select

    from reporting.models import ReportingCycle

    cycles = {c.code: c for c in _db.session.scalars(select(ReportingCycle))}
    assert cycles["2021-full"].format_version == "2017.1"
    assert cycles["2025-full"].format_version == "2023.1"
    login(client, focal_point)
    added_in_2022 = "Strain gauges used in plethysmographs"  # Annex A, amended by MC-4/3
    for code, shown in (("2021-full", False), ("2025-full", True)):
        report = workflow.start_report(party_a, cycles[code], focal_point, carry_over=False)
        _db.session.commit()
        html = client.get(f"/reports/{report.id}/pages/art4").get_data(as_text=True)
        assert "Article 4" in html
        assert (added_in_2022 in html) is shown, code
