"""Every route of the URL map, driven as every role, answers as the rule table declares.

The table (`RULES`) has one entry per (endpoint, method) of `app.url_map`: the URL, built
with real ids of Party B's objects (`tests/authorization_world.py`), a minimal valid form
for POSTs, and the expected outcome for each role. Web routes are driven as an anonymous
visitor, a deactivated account and a bearer token without a session (all three get what
the anonymous visitor gets), the focal point and contributor of Party A (the other Party)
and of Party B (the positive control), the secretariat and an admin. API routes are driven
without a token, with a revoked token and with a logged-in session but no token (all three
as "no token"), and with a client of each scope: read:published, read:all, webhooks:manage
alone, and Party B's partner (read:published and webhooks:manage) that owns the webhook.

A new route fails `test_every_route_has_a_declared_rule` until it gets a rule; a rule of a
route that no longer exists fails it too. To add a route: add one `web(...)` or `api(...)`
line to `RULES`; to add an object it needs, add its id to `build_world`.

"Only admins act on admin accounts" has its own tests at the end: they check what was done
(outbox, account state), not only the status code.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select
from sqlalchemy.orm import scoped_session, sessionmaker

from reporting.extensions import db as _db
from reporting.models import OutboxMessage, Role, User
from tests.authorization_world import SECRETS, World, build_world
from tests.web.helpers import login


class Outcome(enum.Enum):
    OK = "allowed: 2xx or 3xx, not the login page"
    ANSWERED = "answered: 2xx or 3xx, possibly the login page (logout, password links)"
    LOGIN = "login required: a redirect to /login or 401"
    FORBIDDEN = "forbidden: 403"
    HIDDEN = "hidden: 404, as if the object did not exist"


OK, ANSWERED, LOGIN, FORBIDDEN, HIDDEN = Outcome

#: Roles a web rule declares, and groups of them usable as keywords of `web(...)`.
WEB_DECLARED = ("anonymous", "fp_a", "co_a", "fp_b", "co_b", "secretariat", "admin")
WEB_GROUPS = {
    "everyone": WEB_DECLARED,
    "signed_in": WEB_DECLARED[1:],
    "national": ("fp_a", "co_a", "fp_b", "co_b"),
    "party_a": ("fp_a", "co_a"),
    "party_b": ("fp_b", "co_b"),
    "focal_points": ("fp_a", "fp_b"),
    "staff": ("secretariat", "admin"),
}
#: Roles that are driven but not declared: they get what the anonymous visitor gets.
WEB_AS_ANONYMOUS = ("deactivated", "token")

API_DECLARED = ("no_token", "published", "all", "hooks", "hooks_b")
API_GROUPS = {"everyone": API_DECLARED, "readers": ("published", "all")}
API_AS_NO_TOKEN = ("revoked", "web_session")


@dataclass(frozen=True)
class Rule:
    url: str  #: formatted with `World.ids`
    expect: Mapping[str, Outcome]
    data: Mapping | None = None  #: the form of a web POST (formatted like the URL)
    json: Mapping | None = None  #: the body of an API POST
    api: bool = False


def _expand(groups, declared, outcomes) -> dict[str, Outcome]:
    """Outcomes by role from keywords naming roles or groups; later keywords win."""
    expect: dict[str, Outcome] = {}
    for name, outcome in outcomes.items():
        for role in groups.get(name, (name,)):
            assert role in declared, f"unknown role or group {name!r}"
            expect[role] = outcome
    return expect


def web(url: str, data: Mapping | None = None, **outcomes: Outcome) -> Rule:
    """A web route; the anonymous visitor must log in unless said otherwise."""
    expect = _expand(WEB_GROUPS, WEB_DECLARED, {"anonymous": LOGIN, **outcomes})
    for role in WEB_AS_ANONYMOUS:
        expect[role] = expect["anonymous"]
    return Rule(url, expect, data=data)


def api(url: str, json: Mapping | None = None, **outcomes: Outcome) -> Rule:
    """An API route: no token is a 401, a webhooks-only client lacks read:published (403),
    and Party B's partner (read:published + webhooks:manage) sees what read:published sees."""
    expect = _expand(API_GROUPS, API_DECLARED, {"no_token": LOGIN, "hooks": FORBIDDEN, **outcomes})
    expect.setdefault("hooks_b", expect.get("published"))
    for role in API_AS_NO_TOKEN:
        expect[role] = expect["no_token"]
    return Rule(url, expect, json=json, api=True)


#: Party B's report, as seen by everyone who signed in: Party A finds nothing.
VIEW = {"signed_in": OK, "party_a": HIDDEN}
#: Party B changes its report; Party A finds nothing; the secretariat may not edit.
EDIT = {"party_b": OK, "party_a": HIDDEN, "staff": FORBIDDEN}
#: The secretariat's workspace.
STAFF = {"national": FORBIDDEN, "staff": OK}
#: Admins only, within the secretariat's workspace (reporting formats).
ADMIN = {"national": FORBIDDEN, "secretariat": FORBIDDEN, "admin": OK}
#: Published data and reference data through the API.
READ = {"readers": OK}
#: Party B's unpublished report through the API: only read:all sees it.
UNPUBLISHED = {"published": HIDDEN, "all": OK}
#: A webhook of Party B's partner: only its owner (with webhooks:manage) reaches it.
OWN_WEBHOOK = {"readers": FORBIDDEN, "hooks": HIDDEN, "hooks_b": OK}

SHORT = "2023-short"
B = "/reports/{b_submitted}"  # submitted twice, under review, one query thread
DRAFT = "/reports/{b_draft}"  # editable, with an attachment
MEMBER = "/secretariat/users/{b_team_member}"  # a contributor of Party B

RULES: dict[tuple[str, str], Rule] = {
    # Public
    ("static", "GET"): web("/static/css/ort.css", everyone=OK),
    ("health.healthz", "GET"): web("/healthz", everyone=OK),
    ("health.readyz", "GET"): web("/readyz", everyone=OK),
    # The Prometheus scrape: admins (and the scraper's ORT_METRICS_TOKEN); a 404 for others
    ("observability.scrape", "GET"): web("/metrics", everyone=HIDDEN, admin=OK),
    ("pdf.blank_questionnaire", "GET"): web(f"/cycles/{SHORT}/questionnaire.pdf", everyone=OK),
    # The public dashboard: published data only, the same for everyone
    ("public.choose_language", "GET"): web("/data/", everyone=OK),
    ("public.overview", "GET"): web("/data/en/", everyone=OK),
    ("public.question", "GET"): web(f"/data/fr/questions/art3.exports?cycle={SHORT}", everyone=OK),
    ("public.figure_file", "GET"): web(
        f"/data/en/questions/art3.exports/options.csv?cycle={SHORT}", everyone=OK
    ),
    ("public.figure_embed", "GET"): web(
        f"/data/ar/questions/art3.exports/options/embed?cycle={SHORT}", everyone=OK
    ),
    ("public.parties", "GET"): web("/data/es/parties/", everyone=OK),
    ("public.party", "GET"): web("/data/ar/parties/{published_iso3}", everyone=OK),
    ("public.party_pdf", "GET"): web(
        "/data/zh/parties/{published_iso3}/{published_cycle}.pdf", everyone=OK
    ),
    ("public.open_data", "GET"): web("/data/en/open-data", everyone=OK),
    # No report of the short cycle is published in the matrix's world: its files do not exist.
    ("public.open_data_file", "GET"): web(f"/data/fr/open-data/{SHORT}/long.csv", everyone=HIDDEN),
    ("public.performance", "GET"): web(f"/data/ar/performance?cycle={SHORT}", everyone=OK),
    ("public.performance_csv", "GET"): web(
        f"/data/en/performance/timeline.csv?cycle={SHORT}", everyone=OK
    ),
    # Accounts
    ("auth.login", "GET"): web("/login", everyone=OK),
    ("auth.login", "POST"): web(
        "/login", {"email": "{fp_b_email}", "password": "{password}"}, everyone=OK
    ),
    ("auth.logout", "POST"): web("/logout", everyone=ANSWERED),
    ("auth.forgot_password", "GET"): web("/password/forgot", everyone=OK),
    ("auth.forgot_password", "POST"): web(
        "/password/forgot", {"email": "nobody@example.org"}, everyone=ANSWERED
    ),
    ("auth.reset_password", "GET"): web("{reset_path}", everyone=OK),
    ("auth.reset_password", "POST"): web(
        "{reset_path}",
        {"password": "a new long passphrase", "confirm": "a new long passphrase"},
        everyone=ANSWERED,
    ),
    ("home.index", "GET"): web("/", signed_in=OK),
    # The focal point's team (always the user's own Party)
    ("contributors.index", "GET"): web("/team/", signed_in=FORBIDDEN, focal_points=OK),
    ("contributors.index", "POST"): web(
        "/team/",
        {"email": "matrix.invited@example.org", "name": "Invited", "language": "en"},
        signed_in=FORBIDDEN,
        focal_points=OK,
    ),
    ("contributors.remove", "POST"): web(
        "/team/{b_team_member}/remove", signed_in=FORBIDDEN, fp_a=HIDDEN, fp_b=OK
    ),
    ("contributors.hand_over_role", "GET"): web(
        "/team/hand-over", signed_in=FORBIDDEN, focal_points=OK
    ),
    ("contributors.hand_over_role", "POST"): web(
        "/team/hand-over",
        {"colleague": "{b_team_member}", "password": "{password}", "confirm": "y"},
        signed_in=FORBIDDEN,
        fp_a=HIDDEN,
        fp_b=OK,
    ),
    # Work shared in Party B's team (assignments of its draft)
    ("assignments.manage", "GET"): web(f"{DRAFT}/assignments", **EDIT, co_b=FORBIDDEN),
    ("assignments.manage", "POST"): web(
        f"{DRAFT}/assignments",
        {"item": "page:art4", "person": "{b_team_member}"},
        **EDIT,
        co_b=FORBIDDEN,
    ),
    ("assignments.remove", "POST"): web(
        f"{DRAFT}/assignments/{{b_assignment}}/remove", **EDIT, co_b=FORBIDDEN
    ),
    ("assignments.mine", "GET"): web(f"{DRAFT}/my-questions", **EDIT),
    ("assignments.ready", "POST"): web(
        f"{DRAFT}/my-questions/{{b_assignment}}/ready", {"ready": "1"}, **EDIT, fp_b=HIDDEN
    ),
    # Reports (Party B's)
    ("reports.start", "POST"): web("/cycles/2027-short/start", national=OK, staff=FORBIDDEN),
    ("reports.overview", "GET"): web(B, **VIEW),
    ("reports.page", "GET"): web(f"{DRAFT}/pages/art3", **VIEW),
    ("reports.page", "POST"): web(
        f"{DRAFT}/pages/art3",
        {"q.art3.primary_mining-value": "no", "save": "", "lock_version": "{b_draft_lock}"},
        **EDIT,
    ),
    ("reports.page_presence", "POST"): web(f"{DRAFT}/pages/art3/presence", **VIEW),
    # Uploading an offline workbook (without a file or a signed preview: sent back, 303)
    ("reports.offline_upload", "POST"): web(f"{DRAFT}/offline/upload", {}, **EDIT),
    ("reports.offline_apply", "POST"): web(f"{DRAFT}/offline/apply", {}, **EDIT),
    ("reports.question", "GET"): web(f"{B}/questions/art3.exports?query={{b_query}}", **VIEW),
    ("reports.attachment", "GET"): web(f"{DRAFT}/attachments/{{b_attachment}}", **VIEW),
    ("reports.review", "GET"): web(f"{DRAFT}/review", **VIEW),
    ("reports.submit", "GET"): web(f"{DRAFT}/submit", **VIEW),
    ("reports.submit", "POST"): web(
        f"{DRAFT}/submit",
        {"lock_version": "{b_draft_lock}", "confirm_warnings": "y"},
        **EDIT,
        co_b=FORBIDDEN,
    ),
    ("reports.versions", "GET"): web(f"{B}/versions", **VIEW),
    ("reports.offline", "GET"): web(f"{B}/offline", **VIEW),
    ("reports.workbook", "GET"): web(f"{DRAFT}/offline/workbook.xlsx?pages=art3", **VIEW),
    # The blank workbook: national users of the cycle's convention, and the staff
    ("reports.blank", "GET"): web(f"/cycles/{SHORT}/workbook.xlsx", signed_in=OK),
    ("reports.receipt", "GET"): web(f"{B}/versions/2", **VIEW),
    ("reports.diff", "GET"): web(f"{B}/diff?from=1&to=2", **VIEW),
    ("pdf.report_pdf", "GET"): web(f"{B}/pdf", **VIEW),
    ("pdf.receipt_pdf", "GET"): web(f"{B}/versions/1/receipt.pdf", **VIEW),
    ("queries.report_queries", "GET"): web(f"{B}/queries", **VIEW),
    ("queries.reply", "POST"): web("/queries/{b_query}/reply", {"text": "It is 2022."}, **EDIT),
    # Notifications (always the user's own)
    ("notifications.mark_read", "POST"): web("/notifications/1/read", {}, signed_in=OK),
    ("notifications.mark_all_read", "POST"): web("/notifications/read", {}, signed_in=OK),
    # The secretariat's workspace
    ("secretariat.review_queue", "GET"): web(f"/secretariat/review-queue?cycle={SHORT}", **STAFF),
    ("secretariat.open_queries", "GET"): web("/secretariat/open-queries?age=7", **STAFF),
    ("secretariat.home", "GET"): web("/secretariat/", **STAFF),
    ("secretariat.cycle_dashboard", "GET"): web(f"/secretariat/cycles/{SHORT}", **STAFF),
    ("secretariat.cycle_csv", "GET"): web(f"/secretariat/cycles/{SHORT}/parties.csv", **STAFF),
    ("secretariat.cycle_reminders", "GET"): web(f"/secretariat/cycles/{SHORT}/reminders", **STAFF),
    ("secretariat.cycle_reminders", "POST"): web(
        "/secretariat/cycles/2025-full/reminders",
        {"parties": "{party_b}", "note": "Soon."},
        **STAFF,
    ),
    # Managing cycles (cycles.manage: secretariat and admins, in their conventions)
    ("secretariat.manage_cycles", "GET"): web("/secretariat/reporting-cycles", **STAFF),
    ("secretariat.add_cycle", "GET"): web("/secretariat/reporting-cycles/new", **STAFF),
    ("secretariat.add_cycle", "POST"): web(
        "/secretariat/reporting-cycles/new",
        {
            "convention": "minamata",
            "code": "2099-matrix",
            "kind": "full",
            "year": "2099",
            "period_start": "2095-01-01",
            "period_end": "2098-12-31",
            "due_date": "2099-12-31",
            "format": "minamata:2023.1",
        },
        **STAFF,
    ),
    ("secretariat.edit_cycle", "GET"): web("/secretariat/reporting-cycles/2025-full/edit", **STAFF),
    ("secretariat.edit_cycle", "POST"): web(
        "/secretariat/reporting-cycles/2025-full/edit",
        {
            "period_start": "2021-01-01",
            "period_end": "2024-12-31",
            "due_date": "2026-01-31",
            "format": "minamata:2023.1",
        },
        **STAFF,
    ),
    ("secretariat.report", "GET"): web("/secretariat" + B, **STAFF),
    ("secretariat.return_report", "POST"): web(
        f"/secretariat{B}/return", {"message": "Please revise."}, **STAFF
    ),
    ("secretariat.accept_report", "POST"): web(f"/secretariat{B}/accept", {}, **STAFF),
    ("secretariat.ask_query", "POST"): web(
        f"/secretariat{B}/queries", {"question_key": "art3.exports", "text": "Why?"}, **STAFF
    ),
    ("secretariat.follow_up", "POST"): web(
        "/secretariat/queries/{b_query}/follow-up", {"text": "And the year before?"}, **STAFF
    ),
    ("secretariat.resolve", "POST"): web(
        "/secretariat/queries/{b_query}/resolve", {"text": "Thank you."}, **STAFF
    ),
    # Data exports and other jobs (data.export: secretariat and admins)
    ("secretariat.exports", "GET"): web("/secretariat/exports", **STAFF),
    ("secretariat.exports", "POST"): web(
        "/secretariat/exports",
        {"shape": "codebook", "file_format": "csv", "language": "en"},
        **STAFF,
    ),
    ("secretariat.job", "GET"): web("/secretariat/jobs/{job}", **STAFF),
    ("secretariat.job_status_json", "GET"): web("/secretariat/jobs/{job}/status.json", **STAFF),
    ("secretariat.job_download", "GET"): web("/secretariat/jobs/{job}/download", **STAFF),
    ("secretariat.job_again", "POST"): web("/secretariat/jobs/{job}/again", {}, **STAFF),
    ("secretariat.report_bundle", "POST"): web(f"/secretariat{B}/download", {}, **STAFF),
    ("secretariat.cycle_pdfs", "POST"): web(f"/secretariat/cycles/{SHORT}/pdfs", {}, **STAFF),
    ("secretariat.users", "GET"): web("/secretariat/users", **STAFF),
    ("secretariat.users", "POST"): web(
        "/secretariat/users",
        {
            "email": "matrix.created@example.org",
            "name": "Created",
            "role": "focal_point",
            "party": "{party_b}",
            "language": "en",
        },
        **STAFF,
    ),
    ("secretariat.deactivate_user", "POST"): web(f"{MEMBER}/deactivate", {}, **STAFF),
    ("secretariat.reactivate_user", "POST"): web(f"{MEMBER}/reactivate", {}, **STAFF),
    ("secretariat.reset_link", "POST"): web(f"{MEMBER}/reset-link", {}, **STAFF),
    ("secretariat.outbox", "GET"): web("/secretariat/outbox", **STAFF),
    ("secretariat.formats", "GET"): web("/secretariat/formats", **ADMIN),
    ("secretariat.format_workbook", "GET"): web(
        "/secretariat/formats/minamata/2023.1.xlsx", **ADMIN
    ),
    ("secretariat.format_import", "POST"): web("/secretariat/formats/import", {}, **ADMIN),
    ("secretariat.format_confirm", "POST"): web("/secretariat/formats/confirm", {}, **ADMIN),
    ("secretariat.analysis_overview", "GET"): web(f"/secretariat/analysis/?cycle={SHORT}", **STAFF),
    ("secretariat.analysis_question", "GET"): web(
        f"/secretariat/analysis/questions/art3.exports?cycle={SHORT}", **STAFF
    ),
    ("secretariat.analysis_csv", "GET"): web(
        f"/secretariat/analysis/questions/art3.exports/options.csv?cycle={SHORT}", **STAFF
    ),
    # The API: documentation (no token needed)
    ("api-docs.openapi_json", "GET"): api("/api/v1/openapi.json", everyone=OK),
    ("api-docs.openapi_swagger_ui", "GET"): api("/api/v1/docs", everyone=OK),
    ("api_docs_assets.asset", "GET"): api("/api/v1/docs/assets/swagger-ui.css", everyone=OK),
    ("api_problems.ProblemType", "GET"): api("/api/v1/problems/not-found", everyone=OK),
    # The API: reference and published data
    ("api_parties.Parties", "GET"): api("/api/v1/parties", **READ),
    ("api_parties.PartyById", "GET"): api("/api/v1/parties/{party_b_iso3}", **READ),
    ("api_cycles.Cycles", "GET"): api("/api/v1/cycles", **READ),
    ("api_cycles.CycleByCode", "GET"): api(f"/api/v1/cycles/{SHORT}", **READ),
    ("api_formats.Formats", "GET"): api("/api/v1/formats", **READ),
    ("api_formats.FormatVersion", "GET"): api("/api/v1/formats/minamata/2023.1", **READ),
    ("api_changes.Changes", "GET"): api("/api/v1/changes", **READ),
    ("api_reports.Reports", "GET"): api("/api/v1/reports", **READ),
    ("api_exports.ExportFile", "GET"): api(f"/api/v1/exports/long?cycle={SHORT}", **READ),
    ("api_exports.DataPackage", "GET"): api(f"/api/v1/exports/datapackage?cycle={SHORT}", **READ),
    ("api_aggregates.Numbers", "GET"): api(f"/api/v1/aggregates/numbers?cycle={SHORT}", **READ),
    ("api_aggregates.Options", "GET"): api(f"/api/v1/aggregates/options?cycle={SHORT}", **READ),
    ("api_aggregates.Series", "GET"): api(f"/api/v1/aggregates/series?cycle={SHORT}", **READ),
    ("api_aggregates.Performance", "GET"): api(
        f"/api/v1/aggregates/performance?cycle={SHORT}", **READ
    ),
    ("api_aggregates.Timeline", "GET"): api(f"/api/v1/aggregates/timeline?cycle={SHORT}", **READ),
    # The API: Party B's unpublished report
    ("api_reports.ReportById", "GET"): api("/api/v1/reports/{b_submitted}", **UNPUBLISHED),
    ("api_reports.ReportVersions", "GET"): api(
        "/api/v1/reports/{b_submitted}/versions", **UNPUBLISHED
    ),
    ("api_reports.ReportVersion", "GET"): api(
        "/api/v1/reports/{b_submitted}/versions/1", **UNPUBLISHED
    ),
    ("api_reports.VersionAttachments", "GET"): api(
        "/api/v1/reports/{b_submitted}/versions/1/attachments", **UNPUBLISHED
    ),
    ("api_reports.VersionAttachment", "GET"): api(
        "/api/v1/reports/{b_submitted}/versions/2/attachments/{b_version_file}", **UNPUBLISHED
    ),
    # The API: webhooks (a client's own only)
    ("api_webhooks.Webhooks", "GET"): api(
        "/api/v1/webhooks", readers=FORBIDDEN, hooks=OK, hooks_b=OK
    ),
    ("api_webhooks.Webhooks", "POST"): api(
        "/api/v1/webhooks",
        {"url": "https://hooks.example.org/new", "events": ["report.published"]},
        readers=FORBIDDEN,
        hooks=FORBIDDEN,
        hooks_b=OK,
    ),  # webhooks tell what /changes shows
    ("api_webhooks.WebhookById", "GET"): api("/api/v1/webhooks/{b_webhook}", **OWN_WEBHOOK),
    ("api_webhooks.WebhookById", "DELETE"): api("/api/v1/webhooks/{b_webhook}", **OWN_WEBHOOK),
    ("api_webhooks.WebhookDeliveries", "GET"): api(
        "/api/v1/webhooks/{b_webhook}/deliveries", **OWN_WEBHOOK
    ),
}

WEB_ROLES = (*WEB_DECLARED, *WEB_AS_ANONYMOUS)
API_ROLES = (*API_DECLARED, *API_AS_NO_TOKEN)
CASES = [
    pytest.param(endpoint, method, role, id=f"{endpoint}-{method}-{role}")
    for (endpoint, method), rule in RULES.items()
    for role in (API_ROLES if rule.api else WEB_ROLES)
]


# Fixtures: the world is built once for the module, in a transaction rolled back at the
# end; each test runs in a savepoint of it, rolled back after the test (the views' commits
# release only the session's own savepoints inside it).


def _bind_session(connection):
    _db.session = scoped_session(
        sessionmaker(bind=connection, join_transaction_mode="create_savepoint")
    )


@pytest.fixture(scope="module")
def shared(app):
    with app.app_context():
        connection = _db.engine.connect()
        transaction = connection.begin()
        original = _db.session
        _bind_session(connection)
        try:
            with app.test_request_context("/"):
                world = build_world()
            _db.session.commit()
        finally:
            _db.session.remove()
            _db.session = original
        try:
            yield connection, world
        finally:
            transaction.rollback()
            connection.close()


@pytest.fixture(autouse=True)
def db(app, shared):
    """Overrides the conftest's `db`: a savepoint of the module's transaction per test."""
    connection, _world = shared
    with app.app_context():
        savepoint = connection.begin_nested()
        original = _db.session
        _bind_session(connection)
        try:
            yield _db
        finally:
            _db.session.remove()
            _db.session = original
            if savepoint.is_active:
                savepoint.rollback()


@pytest.fixture
def world(shared) -> World:
    return shared[1]


def _fill(value, ids):
    if isinstance(value, str):
        return value.format(**ids)
    if isinstance(value, Mapping):
        return {k: _fill(v, ids) for k, v in value.items()}
    if isinstance(value, list):
        return [_fill(v, ids) for v in value]
    return value


def _drive(client, world: World, rule: Rule, method: str, role: str):
    """The response to `rule`'s request made as `role`."""
    headers = {}
    if role in world.users:
        login(client, _db.session.get(User, world.users[role]))
    elif role == "web_session":
        login(client, _db.session.get(User, world.users["admin"]))
    elif role == "token":
        headers["Authorization"] = f"Bearer {world.tokens['all']}"
    elif role in world.tokens:
        headers["Authorization"] = f"Bearer {world.tokens[role]}"
    kwargs = {}
    if method in ("POST", "PUT", "PATCH"):
        if rule.api:
            kwargs["json"] = _fill(rule.json or {}, world.ids)
        else:
            kwargs["data"] = _fill(rule.data or {}, world.ids)
    return client.open(_fill(rule.url, world.ids), method=method, headers=headers, **kwargs)


def _to_login(response) -> bool:
    return (
        response.status_code in (301, 302, 303, 307, 308)
        and urlsplit(response.headers.get("Location", "")).path == "/login"
    )


def _matches(outcome: Outcome, response, api_route: bool) -> bool:
    status = response.status_code
    if outcome is OK:
        return 200 <= status < 400 and not _to_login(response)
    if outcome is ANSWERED:
        return 200 <= status < 400
    if outcome is LOGIN:
        return status == 401 or (not api_route and _to_login(response))
    return status == {FORBIDDEN: 403, HIDDEN: 404}[outcome]


@pytest.mark.parametrize(("endpoint", "method", "role"), CASES)
def test_route_answers_each_role_as_declared(client, world, endpoint, method, role):
    rule = RULES[endpoint, method]
    expected = rule.expect[role]
    response = _drive(client, world, rule, method, role)
    body = response.get_data()
    response.close()  # files sent from disk (static, attachments) are open until then
    assert _matches(expected, response, rule.api), (
        f"{method} {_fill(rule.url, world.ids)} as {role}: expected {expected.value}, got "
        f"{response.status_code} {response.headers.get('Location', '')}"
    )
    if expected not in (OK, ANSWERED):
        assert not [s for s in SECRETS if s.encode() in body], "a refusal shows Party B's data"


def test_every_route_has_a_declared_rule(app):
    routes = {
        (rule.endpoint, method)
        for rule in app.url_map.iter_rules()
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    missing = sorted(routes - RULES.keys())
    stale = sorted(RULES.keys() - routes)
    assert not missing, f"routes without a rule in RULES (add one): {missing}"
    assert not stale, f"rules of routes that no longer exist (remove them): {stale}"


def test_every_rule_declares_every_role():
    for key, rule in RULES.items():
        roles = API_ROLES if rule.api else WEB_ROLES
        assert set(rule.expect) == set(roles), key
        assert all(isinstance(o, Outcome) for o in rule.expect.values()), key


#: Rules without a positive control, and why (each must be let in somewhere else).
NO_POSITIVE_CONTROL = {
    # Its rule asks for a cycle without published reports (a 404 for everyone); the files
    # are downloaded without an account in tests/public/test_open_data.py.
    ("public.open_data_file", "GET"),
}


def test_every_route_has_a_positive_control():
    """Someone is let in everywhere: a rule that refuses everyone proves nothing."""
    for key, rule in RULES.items():
        if key in NO_POSITIVE_CONTROL:
            continue
        assert OK in rule.expect.values() or ANSWERED in rule.expect.values(), key


# Only admins act on admin accounts

ADMIN_FORM = {
    "email": "matrix.boss@example.org",
    "name": "Boss",
    "role": "admin",
    "party": "0",
    "language": "en",
}


def _mails_to(email: str) -> list[OutboxMessage]:
    """Account mail to `email` (notifications of the world's reports left aside)."""
    return [
        m
        for m in _db.session.scalars(select(OutboxMessage)).all()
        if email in m.recipients and m.purpose != "notification"
    ]


def _refused(response) -> bool:
    """403, or the users page again with an error (nothing done is checked by the caller)."""
    return response.status_code == 403 or (
        response.status_code in (302, 303) and "/secretariat/users" in response.headers["Location"]
    )


def _as(client, world, role) -> User:
    user = _db.session.get(User, world.users[role])
    login(client, user)
    return user


def test_the_secretariat_cannot_issue_a_password_link_for_an_admin(client, world):
    _as(client, world, "secretariat")
    response = client.post(f"/secretariat/users/{world.ids['admin2']}/reset-link")
    assert _refused(response), response.status_code
    _db.session.expire_all()
    assert _mails_to(world.ids["admin2_email"]) == []


@pytest.mark.parametrize(
    ("action", "target", "active_before"),
    [("deactivate", "admin2", True), ("reactivate", "inactive_admin", False)],
)
def test_the_secretariat_cannot_deactivate_or_reactivate_an_admin(
    client, world, action, target, active_before
):
    _as(client, world, "secretariat")
    response = client.post(f"/secretariat/users/{world.ids[target]}/{action}")
    assert _refused(response), response.status_code
    _db.session.expire_all()
    assert _db.session.get(User, world.ids[target]).active is active_before


def test_the_secretariat_cannot_create_an_admin(client, world):
    _as(client, world, "secretariat")
    client.post("/secretariat/users", data=ADMIN_FORM)
    _db.session.expire_all()
    assert (
        _db.session.scalars(select(User).where(User.email == "matrix.boss@example.org")).first()
        is None
    )


@pytest.mark.parametrize("target", ["admin2", "co_a"])
def test_a_focal_point_cannot_claim_an_account_by_inviting_its_address(client, world, target):
    """The team page's invitation mails a password link: never for an account outside the
    focal point's team (an admin, another Party's contributor)."""
    _as(client, world, "fp_b")
    user_id = world.ids.get(target) or world.users[target]
    email = _db.session.get(User, user_id).email
    client.post("/team/", data={"email": email, "name": "Mine now", "language": "en"})
    _db.session.expire_all()
    user = _db.session.get(User, user_id)
    assert _mails_to(email) == []
    assert (user.role, user.party_id, user.name) != (
        Role.contributor,
        world.ids["party_b"],
        "Mine now",
    )


def test_an_admin_acts_on_admin_accounts(client, world):
    """The positive control of the four tests above."""
    _as(client, world, "admin")
    assert client.post(f"/secretariat/users/{world.ids['admin2']}/reset-link").status_code == 200
    assert len(_mails_to(world.ids["admin2_email"])) == 1
    client.post(f"/secretariat/users/{world.ids['admin2']}/deactivate")
    client.post(f"/secretariat/users/{world.ids['inactive_admin']}/reactivate")
    client.post("/secretariat/users", data=ADMIN_FORM)
    _db.session.expire_all()
    assert _db.session.get(User, world.ids["admin2"]).active is False
    assert _db.session.get(User, world.ids["inactive_admin"]).active is True
    boss = _db.session.scalars(select(User).where(User.email == "matrix.boss@example.org")).one()
    assert boss.role == Role.admin
