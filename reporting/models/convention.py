"""Conventions and the Parties' membership of each (their own ratification dates)."""

from datetime import date

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import Model


class Convention(Model):
    """A convention served, seeded from reporting/data/conventions.yaml (its texts and
    formats stay in the file: reporting.conventions)."""

    #: Stable code, e.g. "minamata".
    code: Mapped[str] = mapped_column(String(20), primary_key=True)
    #: The official English name (the translated one comes from the data file's catalog).
    title: Mapped[str] = mapped_column(String(200))

    def __repr__(self) -> str:
        return f"<Convention {self.code}>"


class PartyMembership(Model):
    """A Party to one convention, with its dates under that convention."""

    party_id: Mapped[int] = mapped_column(ForeignKey("party.id"), primary_key=True)
    convention: Mapped[str] = mapped_column(ForeignKey("convention.code"), primary_key=True)
    #: Deposit of the instrument of ratification, acceptance, approval or accession.
    ratification_date: Mapped[date | None]
    entry_into_force: Mapped[date | None]

    def __repr__(self) -> str:
        return f"<PartyMembership {self.party_id} {self.convention}>"
