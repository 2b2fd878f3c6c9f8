"""What every public page's template gets: the menu, the licence, region names."""

from __future__ import annotations

from flask import current_app, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape

from ..regions import REGION_LABELS, REGION_SHORT_LABELS
from . import bp

#: The dashboard's menu: (endpoint, label); an entry shows once its page exists.
MENU = (
    ("public.overview", _l("Overview")),
    ("public.parties", _l("Parties")),
    ("public.performance", _l("Reporting performance")),
    ("public.open_data", _l("Open data")),
)

#: Defaults of the open-data licence (ORT_OPEN_DATA_LICENCE, ORT_OPEN_DATA_LICENCE_URL).
LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"


def public_nav() -> list[tuple[str, str, bool]]:
    return [
        (url_for(endpoint), str(name), request.endpoint == endpoint)
        for endpoint, name in MENU
        if endpoint in current_app.view_functions
    ]


def licence() -> tuple[str, str]:
    return (
        current_app.config.get("ORT_OPEN_DATA_LICENCE", LICENCE),
        current_app.config.get("ORT_OPEN_DATA_LICENCE_URL", LICENCE_URL),
    )


def public_licence() -> Markup:
    name, url = licence()
    link = Markup('<a href="{}" rel="license">{}</a>').format(url, name)
    return Markup(
        escape(
            _(
                "Published data may be reused under the licence %(licence)s, citing the source.",
                licence="\x00",
            )
        )
    ).replace("\x00", link)


@bp.context_processor
def public_context() -> dict:
    return {
        "public_nav": public_nav,
        "public_licence": public_licence,
        "region_labels": REGION_LABELS,
        "region_short_labels": REGION_SHORT_LABELS,
    }
