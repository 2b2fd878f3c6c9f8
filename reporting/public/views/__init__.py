"""The public dashboard's routes, one module per page family."""

from . import (  # noqa: F401
    open_data,  # noqa: F401
    overview,
    parties,  # noqa: F401
    performance,  # noqa: F401
    questions,
)
