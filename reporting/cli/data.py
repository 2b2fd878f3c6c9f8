"""Database set-up, reference data, demo data, cycles."""

import click
from flask_migrate import upgrade
from sqlalchemy import select

from ..extensions import db
from ..models import ReportingCycle


def register(group):
    @group.command("init")
    def init():
        """Migrate the database to the latest schema, load reference data and write the
        fingerprinted static files (`flask digest compile`)."""
        upgrade(revision="heads")
        _seed()
        _digest_static()

    @group.command("seed")
    def seed():
        """Load Parties, cycles and formats (idempotent: a second run changes nothing)."""
        _seed()

    @group.command("demo")
    def demo():
        """Create demo users of every role and some filled reports; print the logins."""
        from ..demo import create_demo

        logins = create_demo()
        db.session.commit()
        click.echo(f"Demo logins (password for all: {logins['password']}):")
        for user in logins["users"]:
            click.echo(f"  {user['role']:<12} {user['email']:<32} {user['party'] or ''}")

    @group.command("synth")
    @click.option("--parties", "party_count", type=click.IntRange(1, 2000), default=200)
    @click.option("--cycles", "cycle_count", type=click.IntRange(1, 50), default=5)
    @click.option("--convention", default="minamata", show_default=True)
    @click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
    def synth(party_count, cycle_count, convention, yes):
        """Add synthetic reports for benchmarks and trials: PARTIES Parties (synthetic ones,
        Q00, Q01..., beyond the seeded list) in the first CYCLES cycles, made through the
        workflow (some returned and resubmitted) and copied in a mix of states. Never on a
        database with real reports."""
        from ..seed.synthetic import synthesize

        if not yes:
            click.confirm(
                f"Add synthetic reports of {party_count} Parties in {cycle_count} cycles?",
                abort=True,
            )
        try:
            made = synthesize(party_count, cycle_count, convention)
        except ValueError as exc:
            raise click.UsageError(str(exc)) from exc
        db.session.commit()
        click.echo(
            f"Made {made['reports']} reports of {made['parties']} Parties in "
            + ", ".join(made["cycles"])
        )

    @group.command("cycles")
    def cycles():
        """List reporting cycles with kind, period, due date and format."""
        for c in db.session.scalars(select(ReportingCycle).order_by(ReportingCycle.year)):
            click.echo(
                f"{c.code:<12} {c.convention:<10} {c.kind:<6} {c.period_start} .. {c.period_end}  "
                f"due {c.due_date}  format {c.format_id} {c.format_version}"
            )


def _digest_static():
    from flask import current_app

    from ..web.static_files import try_compile_static

    problem = try_compile_static(current_app.static_folder)
    if problem:
        click.echo(f"Warning: {problem}", err=True)


def _seed():
    from ..seed import seed_all

    changes = seed_all(warn=lambda message: click.echo(f"Warning: {message}", err=True))
    db.session.commit()
    click.echo("Seeded: " + ", ".join(f"{n} {k} changed" for k, n in changes.items()))
