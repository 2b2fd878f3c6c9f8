"""`create_app` sets up app-wide behaviour itself, in a list of calls: no blueprint without
routes does it as a side effect of being registered, and process-wide listeners are
registered once however many applications a process creates (tests, workers, the CLI)."""

from sqlalchemy import select

from reporting import create_app
from reporting.models import ChangeEvent
from reporting.reports import workflow

from .api.factories import make_report, party


def test_every_blueprint_serves_routes(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    routeless = [
        name
        for name in app.blueprints
        if not any(endpoint.startswith(f"{name}.") for endpoint in endpoints)
    ]
    assert routeless == []


def test_web_pages_get_their_helpers_and_headers_from_the_factory(app):
    assert {"bdi", "language_url", "user_can", "cycle_name"} <= set(app.jinja_env.globals)
    assert {"bdi", "date_like"} <= set(app.jinja_env.filters)
    response = app.test_client().get("/login")
    assert response.headers["X-Frame-Options"] == "DENY"


def test_another_application_in_the_process_records_each_report_change_once(
    app, db, short_cycle, focal_point, secretariat
):
    create_app({**app.config})
    report = make_report(party("KEN"), short_cycle, "draft", focal_point, secretariat)
    workflow.submit(report, focal_point)
    db.session.flush()
    assert db.session.scalars(select(ChangeEvent.event)).all() == ["submitted"]
