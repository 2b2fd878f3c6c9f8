"""Real objects of two Parties, every role and every API scope, built once for the
authorization matrix (tests/test_authorization_matrix.py).

Party A (MEX) and Party B (KEN) each have a focal point and a contributor. Party A has
a published report in the full cycle (accepted, no embargo: the public dashboard's Party
pages show it to everyone). Party B also has a submitted report with two versions and a
query thread, a draft with an attachment and its Article 3 assigned to Party B's
contributor, a second contributor (to remove, deactivate,
send a password link to) and a deactivated focal point. There are a secretariat user, an
admin, a second admin (the target of "only admins act on admin accounts"), API clients of
each scope, and a webhook owned by Party B's partner client.

`World` holds ids, tokens and other plain values only, never ORM objects: the objects
are built in a module-wide transaction and every test runs in a savepoint of it that is
rolled back, so each test reloads what it needs from its own session.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from io import BytesIO
from urllib.parse import urlsplit

from sqlalchemy import select
from werkzeug.datastructures import FileStorage

from reporting.api.clients import create_client, revoke_client
from reporting.api.webhooks import registry
from reporting.attachments import store_upload
from reporting.auth import issue_reset_link
from reporting.extensions import db
from reporting.jobs import store
from reporting.models import Job, JobStatus, Party, ReportingCycle, Role, User
from reporting.queries import threads
from reporting.questionnaire.samples import sample_answers
from reporting.reports import assignments, workflow
from reporting.reports.answers import save_answers
from reporting.web.pages import report_pages

PASSWORD = "correct horse battery staple"
#: Texts only Party B's users and the secretariat may read: a refusal must not carry them.
SECRETS = ("Check the totals.", "Party B only", "Which year is this?")


@dataclass
class World:
    #: Role name -> user id (web roles).
    users: dict[str, int] = field(default_factory=dict)
    #: API role name -> bearer token.
    tokens: dict[str, str] = field(default_factory=dict)
    #: Values the rule table's URLs and forms are formatted with ("{b_submitted}").
    ids: dict[str, object] = field(default_factory=dict)


def _party(iso3: str) -> Party:
    return db.session.scalars(select(Party).where(Party.iso3 == iso3)).one()


def _cycle(code: str) -> ReportingCycle:
    return db.session.scalars(select(ReportingCycle).where(ReportingCycle.code == code)).one()


def _user(
    email: str,
    role: Role,
    party: Party | None = None,
    *,
    password: bool = False,
    active: bool = True,
) -> User:
    user = User(email=email, role=role, party=party, name=email.split("@")[0], active=active)
    if role.is_national:
        user.grant("minamata", role)
    if password:  # scrypt is slow: only for the one account that logs in with the form
        user.set_password(PASSWORD)
    db.session.add(user)
    db.session.flush()
    return user


def _filled(party: Party, cycle: ReportingCycle, user: User, seed: int):
    report = workflow.start_report(party, cycle, user, carry_over=False)
    fmt = workflow.report_format(report)
    prefilled = {q.key for q in fmt.iter_questions() if q.prefill}
    save_answers(
        report, fmt, sample_answers(fmt, cycle.kind, seed=seed, skip=prefilled), user, cycle.kind
    )
    return report


def build_world() -> World:
    """Every object the matrix needs (call inside a request context; flushes, no commit)."""
    a, b = _party("MEX"), _party("KEN")
    short, full = _cycle("2023-short"), _cycle("2025-full")
    w = World()
    users = {
        "fp_a": _user("matrix.fp.a@example.org", Role.focal_point, a),
        "co_a": _user("matrix.co.a@example.org", Role.contributor, a),
        "fp_b": _user("matrix.fp.b@example.org", Role.focal_point, b, password=True),
        "co_b": _user("matrix.co.b@example.org", Role.contributor, b),
        "deactivated": _user("matrix.gone.b@example.org", Role.focal_point, b, active=False),
        "secretariat": _user("matrix.sec@example.org", Role.secretariat),
        "admin": _user("matrix.admin@example.org", Role.admin),
    }
    w.users = {name: user.id for name, user in users.items()}
    team_b = _user("matrix.co2.b@example.org", Role.contributor, b)
    admin2 = _user("matrix.admin2@example.org", Role.admin)
    inactive_admin = _user("matrix.admin3@example.org", Role.admin, active=False)
    fp_b, secretariat = users["fp_b"], users["secretariat"]

    workflow.start_report(a, short, users["fp_a"], carry_over=False)  # Party A has its own
    published = _filled(a, full, users["fp_a"], seed=3)
    workflow.submit(published, users["fp_a"])
    workflow.accept(published, secretariat)
    submitted = _filled(b, short, fp_b, seed=1)
    workflow.submit(submitted, fp_b)
    workflow.return_for_revision(submitted, secretariat, SECRETS[0])
    # Version 2 names a file (answer 4.4 of Article 3): the API serves it to read:all.
    version_file = store_upload(
        submitted,
        "art3.exports.documents",
        FileStorage(BytesIO(b"%PDF-1.4 version 2 consents"), filename="consents.pdf"),
    )
    save_answers(
        submitted,
        workflow.report_format(submitted),
        {"art3.exports": {"value": "yes"}, "art3.exports.documents": {"value": version_file.token}},
        fp_b,
        submitted.cycle.kind,
    )
    workflow.submit(submitted, fp_b)
    query = threads.ask(submitted, secretariat, "art3.exports", SECRETS[2])
    draft = _filled(b, full, fp_b, seed=2)
    attachment = store_upload(
        draft,
        "art3.stocks.details",
        FileStorage(BytesIO(f"%PDF-1.4 {SECRETS[1]}".encode()), filename="b.pdf"),
    )
    draft_pages = report_pages(workflow.report_format(draft), draft.cycle.kind)
    assignment = assignments.assign(
        fp_b, draft, draft_pages, assignments.Item("page", "art3"), users["co_b"].id
    )
    db.session.flush()

    w.tokens = {
        "published": create_client("Matrix partner", "read:published")[1],
        "all": create_client("Matrix secretariat tools", "read:all")[1],
        "hooks": create_client("Matrix hooks only", "webhooks:manage")[1],
    }
    owner, w.tokens["hooks_b"] = create_client("Matrix partner B", "read:published webhooks:manage")
    webhook = registry.register(owner, "https://hooks.example.org/ort", ["report.published"])
    revoked, w.tokens["revoked"] = create_client("Matrix revoked", "read:all")
    revoke_client(revoked)

    job_path = f"matrix-{uuid.uuid4().hex}/result"
    with store.atomic_file(job_path) as out:
        out.write(f"party_iso3\r\n{b.iso3}\r\n".encode())
    job = Job(
        kind="export",
        status=JobStatus.done,
        created_by=secretariat,
        parameters={"shape": "long", "format": "csv", "filters": {}},
        file_path=job_path,
        file_name="ort-long.csv",
        file_size=13,
    )
    db.session.add(job)

    reset_path = urlsplit(issue_reset_link(fp_b)).path
    w.ids = {
        "b_submitted": submitted.id,
        "b_draft": draft.id,
        "b_query": query.id,
        "b_attachment": attachment.token,
        "b_version_file": version_file.token,
        "b_webhook": webhook.id,
        "b_team_member": team_b.id,
        "b_assignment": assignment.id,
        "admin2": admin2.id,
        "inactive_admin": inactive_admin.id,
        "fp_b_email": fp_b.email,
        "admin2_email": admin2.email,
        "password": PASSWORD,
        "reset_path": reset_path,
        "party_b": b.id,
        "party_b_iso3": b.iso3,
        "published_iso3": a.iso3,
        "published_cycle": full.code,
        "job": job.id,
    }
    db.session.flush()
    w.ids["b_draft_lock"] = draft.lock_version  # after the last flush: pages post it back
    return w
