"""Fixtures: a cycle with reports of Parties of four regional groups in every status."""

import pytest

from .factories import make_report

#: Answers the tests rely on; everything else is sample data.
MEX = {
    "art3.exports": {"value": "yes"},
    "art3.exports.total_quantity": {"value": "0"},  # a reported zero
    "art3.exports.list": {
        "value": [
            {
                "country": "DEU",
                "quantity": "1.5",
                "purpose": "=SUM(A1)",
                "consent": "yes",
                "consent_basis": "shipment",
            },
            {"country": "IND", "quantity": "2.25", "purpose": "Storage", "consent": "no"},
        ]
    },
    "art3.chlor_alkali": {"state": "not_applicable"},
    "art4.dental": {"value": "yes"},
    "art4.dental.measures": {"value": ["i", "iii"]},
}
KEN = {
    "art3.exports": {"value": "no"},  # hides the follow-up questions
    "art3.chlor_alkali": {"state": "not_available"},
    "art3.chlor_alkali.quantity": {"value": None},
    "art4.dental": {"value": "no"},  # the list of measures is asked all the same (2023.1)
    "art4.dental.measures": {"state": "none"},
    "art13.support": {"value": "no"},  # hides a multiple choice (the channels)
}
CHN = {
    "art3.exports": {"value": "yes"},
    "art3.exports.total_quantity": {"value": "12.5", "confidential": True},
    "art3.chlor_alkali": {"value": "yes"},
    "art3.chlor_alkali.quantity": {"value": "3"},
    "art4.dental": {"value": "yes"},
    "art4.dental.measures": {"value": ["viii"]},  # one measure: accepted with a warning
}
FRA = {"art3.exports": {"value": "yes"}, "art3.exports.total_quantity": {"value": "99"}}


@pytest.fixture
def reports(full_cycle, reviewer):
    """MEX accepted, KEN submitted, CHN submitted (one confidential answer), FRA draft."""
    return {
        "MEX": make_report("MEX", full_cycle, "accepted", seed=1, overrides=MEX, reviewer=reviewer),
        "KEN": make_report(
            "KEN", full_cycle, "submitted", seed=2, overrides=KEN, reviewer=reviewer
        ),
        "CHN": make_report(
            "CHN", full_cycle, "submitted", seed=3, overrides=CHN, reviewer=reviewer
        ),
        "FRA": make_report("FRA", full_cycle, "draft", seed=4, overrides=FRA, reviewer=reviewer),
    }
