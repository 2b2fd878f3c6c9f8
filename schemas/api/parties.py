"""Parties to the conventions as the API shows them (no users, no contact persons)."""

from marshmallow import Schema, fields, validate

from reporting.geography.names import party_names
from reporting.models import RegionalGroup

from .common import PageQuery

REGIONS = [r.value for r in RegionalGroup]
ISO3 = validate.Regexp(r"^[A-Za-z]{3}$", error="Give an ISO 3166-1 alpha-3 code.")


class PartyQuery(PageQuery):
    region = fields.String(
        validate=validate.OneOf(REGIONS), metadata={"description": "UN regional group."}
    )


class MembershipSchema(Schema):
    convention = fields.String(required=True, metadata={"description": 'e.g. "minamata".'})
    ratification_date = fields.Date(
        allow_none=True,
        metadata={"description": "Deposit of ratification, acceptance, approval or accession."},
    )
    entry_into_force = fields.Date(allow_none=True)


class PartySchema(Schema):
    iso3 = fields.String(required=True, metadata={"description": 'ISO 3166-1 alpha-3 ("EUU": EU).'})
    name = fields.String(required=True, metadata={"description": "UN short name in English."})
    names = fields.Function(
        lambda party: party_names(party),
        required=True,
        metadata={
            "type": "object",
            "additionalProperties": {"type": "string"},
            "description": "UN short name in each UN language (ar, en, es, fr, ru, "
            "zh), as the UN terminology database gives it.",
        },
    )
    regional_group = fields.Enum(RegionalGroup, by_value=True, required=True)
    kind = fields.String(required=True, validate=validate.OneOf(["state", "reio"]))
    memberships = fields.List(
        fields.Nested(MembershipSchema),
        required=True,
        metadata={"description": "The conventions it is a Party to, with its dates under each."},
    )
    # Kept for clients of v1 from before conventions were data: the dates under the first
    # convention served (the Minamata Convention).
    ratification_date = fields.Function(
        lambda party: _first_membership_date(party, "ratification_date"),
        allow_none=True,
        metadata={
            "type": "string",
            "format": "date",
            "nullable": True,
            "deprecated": True,
            "description": "Deprecated: read `memberships`. The date under the first "
            "convention served.",
        },
    )
    entry_into_force = fields.Function(
        lambda party: _first_membership_date(party, "entry_into_force"),
        allow_none=True,
        metadata={
            "type": "string",
            "format": "date",
            "nullable": True,
            "deprecated": True,
            "description": "Deprecated: read `memberships`.",
        },
    )


def _first_membership_date(party, name: str) -> str | None:
    from reporting.conventions import list_conventions

    membership = party.membership(list_conventions()[0].code)
    value = getattr(membership, name, None) if membership else None
    return value.isoformat() if value else None
