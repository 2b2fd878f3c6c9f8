"""The names of the UN regional groups, in every language (full names for tables, short
ones for chart axes), and the label of any code from such a mapping."""

from flask_babel import lazy_gettext as _l

REGION_LABELS = {
    "africa": _l("African States"),
    "asia_pacific": _l("Asia-Pacific States"),
    "eastern_europe": _l("Eastern European States"),
    "latin_america_caribbean": _l("Latin American and Caribbean States"),
    "western_europe_others": _l("Western European and other States"),
}

#: Shorter names where space is short (chart axes); tables use the full names.
REGION_SHORT_LABELS = {
    "africa": _l("Africa"),
    "asia_pacific": _l("Asia-Pacific"),
    "eastern_europe": _l("Eastern Europe"),
    "latin_america_caribbean": _l("Latin America and Caribbean"),
    "western_europe_others": _l("Western Europe and others"),
}


def label(mapping: dict, code) -> str:
    """The label of a code, or the code itself when none is known."""
    code = getattr(code, "value", code)
    return str(mapping.get(code, code))
