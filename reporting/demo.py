"""Demo data: users of every role and reports in every state, for trying the tool."""

from __future__ import annotations

from sqlalchemy import select

from .extensions import db
from .models import Party, Report, ReportingCycle, Role, User
from .questionnaire.samples import sample_answers
from .reports import workflow
from .reports.answers import save_answers

DEMO_PASSWORD = "demo-2026"

#: (email, role, party iso3, language, name)
DEMO_USERS = [
    ("admin@ort.example", Role.admin, None, "en", "Ada Admin"),
    ("analyst@ort.example", Role.secretariat, None, "en", "Sam Analyst"),
    ("focal.mex@ort.example", Role.focal_point, "MEX", "es", "María Pérez"),
    ("contributor.mex@ort.example", Role.contributor, "MEX", "es", "Luis Gómez"),
    ("focal.fra@ort.example", Role.focal_point, "FRA", "fr", "Claire Martin"),
    ("focal.jor@ort.example", Role.focal_point, "JOR", "ar", "ليلى حداد"),
    ("focal.chn@ort.example", Role.focal_point, "CHN", "zh", "王芳"),
    ("focal.mda@ort.example", Role.focal_point, "MDA", "ru", "Ирина Попова"),
    ("focal.ken@ort.example", Role.focal_point, "KEN", "en", "Wanjiru Kamau"),
]


def _user(email, role, iso3, language, name) -> User:
    user = db.session.scalars(select(User).where(User.email == email)).first()
    if user is None:
        party = (
            db.session.scalars(select(Party).where(Party.iso3 == iso3)).first() if iso3 else None
        )
        user = User(email=email, role=role, party=party, language=language, name=name)
        user.set_password(DEMO_PASSWORD)
        if role.is_national:
            user.grant("minamata", role)
        db.session.add(user)
        db.session.flush()
    return user


def _cycle(code: str) -> ReportingCycle:
    return db.session.scalars(select(ReportingCycle).where(ReportingCycle.code == code)).one()


def _filled_report(user: User, cycle: ReportingCycle, seed: int) -> Report:
    if user.party is None:
        raise ValueError(f"{user.email} has no Party: seed the Parties before the demo")
    report = workflow.start_report(user.party, cycle, user, language=user.language or "en")
    if report.submitted_versions == 0:
        fmt = workflow.report_format(report)
        # Prefilled answers come from the Party and the user; the submitter section is
        # for reports sent by someone other than the focal point, which these are not.
        skip = {
            q.key for q in fmt.iter_questions() if q.prefill or q.key.startswith("party.submitter.")
        }
        answers = sample_answers(fmt, cycle.kind, seed=seed, year=cycle.year - 1, skip=skip)
        save_answers(report, fmt, answers, user, cycle.kind)
    return report


def create_demo() -> dict:
    """Idempotent: users and reports are created once; reruns print the same logins."""
    users = {
        email: _user(email, role, iso3, lang, name) for email, role, iso3, lang, name in DEMO_USERS
    }
    analyst = users["analyst@ort.example"]
    short, full = _cycle("2023-short"), _cycle("2025-full")
    plan = [  # (focal point, cycle, final state)
        ("focal.mex@ort.example", short, "accepted"),
        ("focal.ken@ort.example", short, "accepted"),
        ("focal.fra@ort.example", short, "submitted"),
        ("focal.jor@ort.example", short, "returned"),
        ("focal.mex@ort.example", full, "draft"),
        ("focal.chn@ort.example", full, "draft"),
    ]
    for seed, (email, cycle, state) in enumerate(plan, start=1):
        user = users[email]
        report = _filled_report(user, cycle, seed)
        if state == "draft" or report.submitted_versions:
            continue
        workflow.submit(report, user)
        if state == "accepted":
            workflow.accept(report, analyst)
        elif state == "returned":
            workflow.return_for_revision(
                report, analyst, "Please give the quantities exported in metric tonnes."
            )
    return {
        "password": DEMO_PASSWORD,
        "users": [
            {"email": u.email, "role": u.role.value, "party": u.party.iso3 if u.party else None}
            for u in users.values()
        ],
    }
