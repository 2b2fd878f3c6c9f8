"""Conventions are data: seeded from conventions.yaml, each with its own Party dates, and
the brand of the pages and mails comes from the conventions served."""

import pytest
from sqlalchemy import select

from reporting import conventions
from reporting.conventions import ConventionInfo, convention_of_format, get_convention
from reporting.extensions import db as _db
from reporting.models import Convention, PartyMembership
from reporting.reports.workflow import prefill_values
from reporting.seed import seed_conventions, seed_memberships

from .web.helpers import login

STOCKHOLM = ConventionInfo(
    code="stockholm",
    title="Stockholm Convention on Persistent Organic Pollutants",
    name="Stockholm Convention",
    article="15",
    brand="National reporting under Article 15 of the Stockholm Convention",
    signature="The Secretariat of the Stockholm Convention",
    formats=("stockholm",),
)


def test_the_minamata_convention_is_seeded_from_the_data_file(db):
    row = _db.session.get(Convention, "minamata")
    assert row.title == get_convention("minamata").title == "Minamata Convention on Mercury"
    assert convention_of_format("minamata").code == "minamata"
    with pytest.raises(LookupError):
        convention_of_format("nothing")


def test_every_cycle_belongs_to_the_convention_of_its_format(db, short_cycle):
    assert short_cycle.convention == "minamata"


def test_a_party_has_its_own_dates_under_each_convention(db, party_a, tmp_path):
    seed_conventions([STOCKHOLM])
    members = tmp_path / "stockholm.csv"
    members.write_text("iso3,ratification_date,entry_into_force\nMEX,2003-02-10,2004-05-17\n")
    assert seed_memberships("stockholm", members) == 1
    assert seed_memberships("stockholm", members) == 0
    _db.session.expire(party_a)
    assert str(party_a.membership("stockholm").ratification_date) == "2003-02-10"
    assert (
        party_a.membership("minamata").ratification_date
        != party_a.membership("stockholm").ratification_date
    )
    assert _db.session.scalars(
        select(PartyMembership).where(
            PartyMembership.convention == "stockholm", PartyMembership.party_id == party_a.id
        )
    ).all() == [party_a.membership("stockholm")]


def test_a_members_file_naming_an_unknown_party_is_refused(db, tmp_path):
    members = tmp_path / "bad.csv"
    members.write_text("iso3,ratification_date,entry_into_force\nZZZ,2003-02-10,\n")
    with pytest.raises(LookupError, match="ZZZ"):
        seed_memberships("minamata", members)


def test_part_a_is_prefilled_with_the_dates_under_the_cycles_convention(
    request_ctx, minamata, party_a, short_cycle, focal_point
):
    values = prefill_values(minamata, party_a, focal_point, short_cycle)
    ratified = [
        v["value"]
        for v in values.values()
        if v["value"] == party_a.membership("minamata").ratification_date.isoformat()
    ]
    assert ratified


def test_pages_are_branded_with_the_conventions_served(client, focal_point, monkeypatch):
    login(client, focal_point)
    page = client.get("/").get_data(as_text=True)
    assert "Minamata Convention on Mercury" in page
    served = {"minamata": get_convention("minamata"), "stockholm": STOCKHOLM}
    monkeypatch.setattr(conventions, "_shipped", lambda: served)
    page = client.get("/").get_data(as_text=True)
    assert "Stockholm Convention on Persistent Organic Pollutants" in page
    assert "National reporting under Article 15 of the Stockholm Convention" in page


def test_the_brand_is_translated_through_the_catalog(app):
    from flask_babel import force_locale

    with app.test_request_context("/"), force_locale("fr"):
        assert conventions.brand().title == (
            "Convention de Minamata sur le mercure · Convention "
            "de Stockholm sur les polluants organiques persistants"
        )
