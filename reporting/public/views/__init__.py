"""The public dashboard's routes, one module per page family."""
from . import overview, questions  # noqa: F401
from . import open_data  # noqa: F401
from . import parties  # noqa: F401
from . import performance  # noqa: F401
