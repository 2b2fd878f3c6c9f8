"""The answer states: what a question may be answered with instead of a value, and the
names people read for them. The one list, for the format files, the forms, the API, the
exports, the PDFs and the secretariat's pages (`AnswerState` stores the same codes)."""

from flask_babel import lazy_gettext as _l

#: The state of an answer that holds a value (each consumer names it in its own words).
VALUE = "value"
#: Answer states other than a value, offered unless a question restricts them.
DEFAULT_STATES = ("not_applicable", "none", "not_available")
#: Every state an answer can be in.
STATES = (VALUE, *DEFAULT_STATES)

#: Names of the states other than a value.
STATE_LABELS = {
    "not_applicable": _l("Not applicable"),
    "none": _l("None / zero"),
    "not_available": _l("Information not available"),
}


def state_label(state: str) -> str:
    """The translated name of a state other than a value (the code itself if unknown)."""
    return str(STATE_LABELS.get(state, state))
