"""`ort create-user`."""

import secrets

import click
from sqlalchemy import select

from ..conventions import list_conventions
from ..extensions import db
from ..models import Party, Role, User


def register(group):
    @group.command("create-user")
    @click.option("--email", required=True)
    @click.option("--role", required=True, type=click.Choice([r.value for r in Role]))
    @click.option("--party", "party_iso3", default=None, help="ISO3 code; national roles only.")
    @click.option(
        "--convention",
        default=None,
        help="Convention code of a national role (default: the one served).",
    )
    @click.option("--password", default=None, help="Generated and printed when omitted.")
    @click.option("--name", default="")
    @click.option("--language", default=None)
    def create_user(email, role, party_iso3, convention, password, name, language):
        """Create a user (focal point, contributor, secretariat or admin)."""
        role = Role(role)
        party = None
        if role.is_national:
            if not party_iso3:
                raise click.UsageError("--party is required for focal points and contributors")
            party = db.session.scalars(
                select(Party).where(Party.iso3 == party_iso3.upper())
            ).first()
            if party is None:
                raise click.UsageError(f"Unknown Party {party_iso3}")
            served = [c.code for c in list_conventions()]
            convention = convention or (served[0] if len(served) == 1 else None)
            if convention not in served:
                raise click.UsageError("--convention is one of " + ", ".join(served))
        elif party_iso3:
            raise click.UsageError("--party is only for focal points and contributors")
        email = email.strip().lower()
        if db.session.scalars(select(User).where(User.email == email)).first():
            raise click.UsageError(f"A user {email} exists already")
        generated = password is None
        password = password or secrets.token_urlsafe(12)
        user = User(email=email, name=name, role=role, party=party, language=language)
        user.set_password(password)
        if role.is_national:
            user.grant(convention, role)
        db.session.add(user)
        db.session.commit()
        click.echo(
            f"Created {role.value} {email}" + (f" for {party.iso3} ({convention})" if party else "")
        )
        if generated:
            click.echo(f"Password: {password}")
