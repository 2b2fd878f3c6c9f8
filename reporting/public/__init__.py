"""The public dashboard: what Parties have published, for everyone, without an account.

Under /data/<lang>/ (the language is in the URL, so that every page has a stable address
to cite, embed and cache): an overview of the cycles, one page per question and cycle
with its charts, tables and downloads, one page per Party, reporting performance and the
open data files. Only published data appears (accepted reports past their embargo, never
a confidential answer or a question that identifies a person): every number comes from
`reporting.analysis` with the `published` audience, as the API's partners get it.

Pages hold nothing of the visitor, so they are cached (reporting.public.cache): computed
once per publication state and language, and served with an ETag to browsers and proxies.
"""

from flask import Blueprint

bp = Blueprint("public", __name__, url_prefix="/data")

from . import (  # noqa: E402,F401  (language in URLs; templates)
    language,
    templating,
    views,  # noqa: E402,F401  (routes)
)
