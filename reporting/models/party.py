"""Parties (States and regional economic integration organizations), each a Party to one
or more conventions (`PartyMembership`, with that convention's dates)."""

from __future__ import annotations

import enum

from sqlalchemy import Enum, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import Model
from .convention import PartyMembership


class RegionalGroup(str, enum.Enum):
    """The five UN regional groups, the unit of regional analysis."""

    africa = "africa"
    asia_pacific = "asia_pacific"
    eastern_europe = "eastern_europe"
    latin_america_caribbean = "latin_america_caribbean"
    western_europe_others = "western_europe_others"


class Party(Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    #: ISO 3166-1 alpha-3; "EUU" for the European Union, which has no ISO country code.
    iso3: Mapped[str] = mapped_column(String(3), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    regional_group: Mapped[RegionalGroup] = mapped_column(
        Enum(RegionalGroup, native_enum=False, length=32, create_constraint=True)
    )
    #: "state" or "reio" (regional economic integration organization).
    kind: Mapped[str] = mapped_column(String(8), default="state")
    memberships: Mapped[list[PartyMembership]] = relationship(
        cascade="all, delete-orphan", lazy="selectin"
    )

    def membership(self, convention: str) -> PartyMembership | None:
        """The Party's membership of `convention` (None: not a Party to it)."""
        return next((m for m in self.memberships if m.convention == convention), None)

    @property
    def display_name(self) -> str:
        """The Party's UN name in the current language, else its (English) `name`."""
        from ..geography.names import party_name

        return party_name(self)

    def __repr__(self) -> str:
        return f"<Party {self.iso3}>"
