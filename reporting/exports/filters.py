"""What an export or an aggregate covers: cycles, questions, Parties, statuses, audience.

One filter object serves the exports, the aggregates, the CLI, the web pages and the API,
so that "the same selection" means the same rows everywhere. Status rules are strict on
purpose: drafts and reports returned for revision appear only when asked for with
`include_drafts`, and every row carries its status, so unfinished data is never mixed in
silently. The `published` audience (partners, public downloads) sees only published
reports and never a confidential answer, whatever else is asked.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace

from flask import current_app, has_app_context
from flask_babel import gettext as _

from ..models import RegionalGroup, ReportStatus

#: Who the data is for. "published": partners and public downloads.
AUDIENCES = ("secretariat", "published")
#: Statuses exported when none are asked for.
DEFAULT_STATUSES = ("submitted", "accepted")
#: Unfinished reports: only with `include_drafts`.
DRAFT_STATUSES = ("draft", "returned")
ALL_STATUSES = tuple(s.value for s in ReportStatus)
_LANGUAGES = ("en", "fr", "es", "ru", "zh", "ar")


class FilterError(ValueError):
    """A filter that cannot be applied (unknown code, forbidden combination).

    The message is translated and safe to show to the user who asked.
    """


def _tuple(values) -> tuple[str, ...]:
    if values is None:
        return ()
    if isinstance(values, str):
        values = [values]
    out = []
    for value in values:
        value = str(value).strip()
        if value and value not in out:
            out.append(value)
    return tuple(out)


@dataclass(frozen=True)
class ExportFilters:
    """A selection of national data. Empty tuples mean "all".

    - `cycles`: cycle codes ("2025-full"); `articles`: article numbers ("3");
      `questions`: question keys ("art3.exports"); `regions`: UN regional group codes
      ("africa"); `parties`: ISO3 codes ("MEX"); `statuses`: report statuses.
    - `include_drafts`: allow "draft" and "returned" reports (all four statuses when
      `statuses` is empty).
    - `audience`: "secretariat" (default) or "published" (published reports only:
      accepted and past any embargo; questions marked `personal` in the format, which
      identify a person, are left out).
    - `include_confidential`: secretariat only; confidential answers are then included
      and marked `confidential = true`. Otherwise they are left out (and counted as
      "withheld" by the aggregates).
    - `language`: language of labels and texts (question texts, choice labels).
    """

    cycles: tuple[str, ...] = ()
    articles: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    parties: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    include_drafts: bool = False
    audience: str = "secretariat"
    include_confidential: bool = False
    language: str = "en"
    #: Filled in by `__post_init__`: the statuses actually selected.
    effective_statuses: tuple[str, ...] = field(init=False, default=(), compare=False)

    def __post_init__(self):
        for name in ("cycles", "articles", "questions", "regions", "statuses"):
            object.__setattr__(self, name, _tuple(getattr(self, name)))
        object.__setattr__(self, "parties", tuple(p.upper() for p in _tuple(self.parties)))
        object.__setattr__(self, "regions", tuple(r.lower() for r in self.regions))
        object.__setattr__(self, "statuses", tuple(s.lower() for s in self.statuses))
        object.__setattr__(self, "effective_statuses", self._check())

    def _check(self) -> tuple[str, ...]:
        if self.audience not in AUDIENCES:
            raise FilterError(_("Unknown audience: %(value)s.", value=self.audience))
        languages = (
            current_app.config.get("ORT_LANGUAGES", _LANGUAGES) if has_app_context() else _LANGUAGES
        )
        if self.language not in languages:
            raise FilterError(_("Unknown language: %(value)s.", value=self.language))
        unknown = [r for r in self.regions if r not in RegionalGroup._value2member_map_]
        if unknown:
            raise FilterError(_("Unknown regional group: %(value)s.", value=", ".join(unknown)))
        unknown = [s for s in self.statuses if s not in ALL_STATUSES]
        if unknown:
            raise FilterError(_("Unknown report status: %(value)s.", value=", ".join(unknown)))
        if self.audience == "published":
            if self.include_drafts or self.include_confidential:
                raise FilterError(
                    _("Published data never includes drafts or confidential answers.")
                )
            if any(s != "accepted" for s in self.statuses):
                raise FilterError(_("Published data holds accepted reports only."))
            return ("accepted",)
        unfinished = [s for s in self.statuses if s in DRAFT_STATUSES]
        if unfinished and not self.include_drafts:
            raise FilterError(
                _(
                    "Drafts and returned reports are exported only when drafts "
                    "are explicitly included."
                )
            )
        if self.statuses:
            return self.statuses
        return ALL_STATUSES if self.include_drafts else DEFAULT_STATUSES

    @property
    def published(self) -> bool:
        return self.audience == "published"

    def replace(self, **changes) -> ExportFilters:
        """A copy with some filters changed (validated again)."""
        return replace(self, **changes)

    def as_dict(self) -> dict:
        """The filters as plain data (recorded in JSON exports and data packages)."""
        out = {f.name: getattr(self, f.name) for f in fields(self)}
        return {k: list(v) if isinstance(v, tuple) else v for k, v in out.items()}
