"""Extension objects, created unbound and initialised by the app factory."""

from typing import TYPE_CHECKING

from flask_babel import Babel
from flask_caching import Cache
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect
from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

#: One constraint naming convention, so Alembic names match on SQLite and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


db = SQLAlchemy(model_class=Base)

if TYPE_CHECKING:
    #: mypy cannot use ``db.Model`` (an attribute built at run time) as a base class;
    #: to the type checker a model is a plain ``Base`` subclass, which is what
    #: SQLAlchemy's ``Mapped`` annotations need. At run time it is ``db.Model``.
    Model = Base
else:
    Model = db.Model
migrate = Migrate()
babel = Babel()
login_manager = LoginManager()
csrf = CSRFProtect()
#: The public dashboard's computed pages and files (reporting.public.cache).
cache = Cache()
#: Who has which report page open (reporting.reports.presence): short-lived, not in the database.
presence_cache = Cache()
