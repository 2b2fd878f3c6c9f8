"""The change feed: every change once, in order, with a cursor a client can trust."""

from datetime import UTC, datetime, timedelta

import pytest

from reporting.api import feed
from reporting.extensions import db
from reporting.models.types import utcnow
from reporting.reports import workflow

from .factories import make_report, party


def read_all(client, headers, after=0, limit=100):
    """Follow the feed from `after` to its end; return the items and the final cursor."""
    items = []
    while True:
        page = client.get(f"/api/v1/changes?after={after}&limit={limit}", headers=headers)
        assert page.status_code == 200, page.get_json()
        body = page.get_json()
        items += body["items"]
        after = body["next_cursor"]
        if not body["has_more"]:
            return items, after
        assert f"after={after}" in page.headers["Link"]


def events(items):
    return [(i["event"], i["report"]["party"]) for i in items]


@pytest.fixture
def at(monkeypatch):
    """Pretend the clock shows a given time, for the workflow and the feed alike."""

    def set_clock(moment: datetime):
        for module in (workflow, feed):
            monkeypatch.setattr(module, "utcnow", lambda: moment)

    return set_clock


def test_partners_see_publications_and_read_all_sees_the_workflow(
    client, reports, partner, everything
):
    partner_items, _ = read_all(client, partner)
    assert events(partner_items) == [("report.published", "MEX"), ("report.published", "DEU")]
    all_items, _ = read_all(client, everything)
    assert ("report.submitted", "FRA") in events(all_items)
    assert ("report.returned", "BRA") in events(all_items)
    assert events(all_items).index(("report.accepted", "MEX")) < events(all_items).index(
        ("report.published", "MEX")
    )
    cursors = [i["cursor"] for i in all_items]
    assert cursors == sorted(set(cursors))
    assert {i["cursor"] for i in partner_items} < set(cursors)


def test_paging_one_by_one_visits_every_change_once(client, reports, everything):
    whole, last = read_all(client, everything)
    one_by_one, last_again = read_all(client, everything, limit=1)
    assert one_by_one == whole and last_again == last
    rest, _ = read_all(client, everything, after=whole[2]["cursor"])
    assert rest == whole[3:]


def test_two_reports_published_in_the_same_second_both_appear(
    client, partner, at, short_cycle, focal_point, secretariat
):
    mex = make_report(party("MEX"), short_cycle, "submitted", focal_point, secretariat)
    ken = make_report(party("KEN"), short_cycle, "submitted", focal_point, secretariat)
    same_moment = utcnow()
    at(same_moment)
    workflow.accept(mex, secretariat)
    workflow.accept(ken, secretariat)
    db.session.commit()
    assert mex.publish_after == ken.publish_after
    items, _ = read_all(client, partner, limit=1)
    assert events(items) == [("report.published", "MEX"), ("report.published", "KEN")]
    assert items[0]["occurred_at"] == items[1]["occurred_at"]
    assert items[0]["cursor"] < items[1]["cursor"]
    since = same_moment.isoformat().replace("+", "%2B")
    listed = client.get(f"/api/v1/reports?updated_since={since}", headers=partner).get_json()
    assert {r["id"] for r in listed} == {mex.id, ken.id}


def test_an_embargoed_publication_surfaces_after_the_cursor_when_the_embargo_ends(
    client, partner, at, short_cycle, focal_point, secretariat
):
    now = utcnow()
    ind = make_report(
        party("IND"),
        short_cycle,
        "accepted",
        focal_point,
        secretariat,
        embargo_until=now + timedelta(hours=1),
    )
    db.session.commit()
    items, cursor = read_all(client, partner)
    assert items == []
    mex = make_report(party("MEX"), short_cycle, "accepted", focal_point, secretariat)
    db.session.commit()
    items, cursor = read_all(client, partner, after=cursor)
    assert events(items) == [("report.published", "MEX")]

    at(now + timedelta(hours=2))
    later, _ = read_all(client, partner, after=cursor)
    assert events(later) == [("report.published", "IND")]
    assert later[0]["cursor"] > items[0]["cursor"]
    assert later[0]["occurred_at"] == ind.publish_after.isoformat()
    assert mex.id != ind.id


def test_extending_an_embargo_moves_the_pending_publication(
    client, partner, at, short_cycle, focal_point, secretariat
):
    now = utcnow()
    ind = make_report(
        party("IND"),
        short_cycle,
        "accepted",
        focal_point,
        secretariat,
        embargo_until=now + timedelta(hours=1),
    )
    ind.publish_after = now + timedelta(days=10)
    db.session.commit()
    at(now + timedelta(hours=2))
    assert read_all(client, partner)[0] == []
    at(now + timedelta(days=11))
    assert events(read_all(client, partner)[0]) == [("report.published", "IND")]


def test_a_withdrawn_then_revised_report_is_announced_each_time(
    client, partner, short_cycle, focal_point, secretariat
):
    report = make_report(party("MEX"), short_cycle, "accepted", focal_point, secretariat)
    db.session.commit()
    # What reopening an accepted report for revision does (no such transition exists yet).
    report.status = workflow.ReportStatus.returned
    db.session.commit()
    workflow.submit(report, focal_point)
    workflow.accept(report, secretariat)
    db.session.commit()
    items, _ = read_all(client, partner)
    assert [(i["event"], i["version"]) for i in items] == [
        ("report.published", 1),
        ("report.withdrawn", 1),
        ("report.revised", 2),
    ]


def test_a_cursor_beyond_the_feed_is_a_conflict_and_the_end_is_stable(client, reports, partner):
    items, cursor = read_all(client, partner)
    again = client.get(f"/api/v1/changes?after={cursor}", headers=partner).get_json()
    assert again == {"items": [], "next_cursor": cursor, "has_more": False}
    response = client.get(f"/api/v1/changes?after={cursor + 1000}", headers=partner)
    assert response.status_code == 409
    assert response.get_json()["type"].endswith("/problems/cursor-ahead")


def test_the_feed_never_serves_an_event_before_its_time(db, short_cycle, focal_point, secretariat):
    far = datetime(2100, 1, 1, tzinfo=UTC)
    make_report(party("IND"), short_cycle, "accepted", focal_point, secretariat, embargo_until=far)
    db.session.flush()
    assert feed.release_due(db.session) == 0
    page = feed.read_feed(db.session, 0, 100, everything=False)
    assert page.items == []
    assert feed.release_due(db.session, now=far) == 1
    page = feed.read_feed(db.session, 0, 100, everything=False)
    assert [i["event"] for i in page.items] == ["report.published"]


def test_starting_and_editing_a_draft_records_nothing(db, short_cycle, focal_point, secretariat):
    from sqlalchemy import func, select

    from reporting.models import ChangeEvent

    report = make_report(party("KEN"), short_cycle, "draft", focal_point, secretariat)
    report.language = "fr"
    db.session.flush()
    assert db.session.scalar(select(func.count()).select_from(ChangeEvent)) == 0
    workflow.submit(report, focal_point)
    assert db.session.scalars(select(ChangeEvent.event)).all() == ["submitted"]
