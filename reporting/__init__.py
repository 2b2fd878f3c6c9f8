"""ORT: the national reporting tool for multilateral environmental agreements."""

import os
from pathlib import Path

from flask import Flask

from .config import PROJECT_ROOT, load_config


def create_app(test_config: dict | None = None) -> Flask:
    """Build the application. Never migrates or seeds: the CLI and start script do."""
    instance_path = os.environ.get("ORT_INSTANCE_PATH", str(PROJECT_ROOT / "instance"))
    app = Flask(__name__, instance_path=instance_path, instance_relative_config=True)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.from_mapping(load_config(Path(app.instance_path)))
    if test_config:
        app.config.update(test_config)

    init_proxy(app)
    init_observability(app)  # first: it times and logs the whole request
    init_compression(app)  # next: its after_request runs after all but that one's
    init_extensions(app)
    init_static(app)
    init_tasks(app)
    register_web(app)
    register_blueprints(app)
    init_login_limits(app)
    init_api(app)
    register_cli(app)
    return app


def init_extensions(app: Flask) -> None:
    from . import (
        database,
        models,  # noqa: F401  (every table, for Alembic)
    )
    from .extensions import babel, cache, csrf, db, login_manager, migrate, presence_cache
    from .i18n import remember_choice, select_locale, template_globals

    database.init_app(app)  # SQLite's pragmas on every connection
    db.init_app(app)
    migrate.init_app(
        app,
        db,
        directory=str(PROJECT_ROOT / "migrations"),
        render_as_batch=True,
        compare_type=True,
        include_name=_not_a_queue_table,
    )
    babel.init_app(app, locale_selector=select_locale)
    app.context_processor(template_globals)
    app.before_request(remember_choice)
    csrf.init_app(app)
    login_manager.init_app(app)
    cache.init_app(app)
    from .reports.presence import cache_config

    presence_cache.init_app(app, config=cache_config(app.config))
    from .auth.sessions import init_sessions
    from .mail import init_mail

    init_mail(app)
    init_sessions(app)


def _not_a_queue_table(name, type_, parent_names) -> bool:
    """The embedded broker's and result backend's tables (on PostgreSQL without Redis, in
    the app's database) are Kombu's and Celery's own, not part of ORT's migrations."""
    return not (type_ == "table" and name and name.startswith(("kombu_", "celery_")))


def init_tasks(app: Flask) -> None:
    """The task queue (Celery): `app.extensions["celery"]`; tasks sent on commit."""
    from .tasks import init_tasks as init

    init(app)


def init_observability(app: Flask) -> None:
    """JSON logs, request ids and metrics (`reporting.observability`); its request hooks
    come before every other, so that they time and log the whole request."""
    from .observability import init_observability as init

    init(app)


def init_compression(app: Flask) -> None:
    """Every text response compressed (brotli, gzip), the API's and the static files'."""
    from .web.compression import init_compression as init

    init(app)


def init_static(app: Flask) -> None:
    """Fingerprinted static URLs (`static_url_for`), cached a year by browsers."""
    from .web.static_files import init_static as init

    init(app)


def init_proxy(app: Flask) -> None:
    """Behind `ORT_TRUSTED_PROXIES` proxies (load balancer, nginx), take the client's
    address, scheme and host from their X-Forwarded-* headers: rate limits and the audit
    trail then see the real client. Never trusted when no proxy is declared."""
    from werkzeug.middleware.proxy_fix import ProxyFix

    hops = int(app.config.get("ORT_TRUSTED_PROXIES") or 0)
    if hops > 0:
        # Flask's documented way to add WSGI middleware; mypy refuses assigning to a method.
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops
        )


def register_web(app: Flask) -> None:
    """What every web page shares, set up before the blueprints (the API's hooks and error
    handlers, registered after, take precedence for its paths): template globals, security
    headers, the log-in view (`ui`) and the error pages (`errors`)."""
    from .web import errors, ui

    ui.register(app)
    errors.register(app)


def register_blueprints(app: Flask) -> None:
    from .health import bp as health_bp
    from .observability.views import bp as observability_bp
    from .pdf.views import bp as pdf_bp
    from .public import bp as public_bp
    from .queries.views import bp as queries_bp
    from .secretariat import bp as secretariat_bp
    from .web import BLUEPRINTS as web_blueprints

    for blueprint in (
        health_bp,
        observability_bp,
        secretariat_bp,
        queries_bp,
        pdf_bp,
        public_bp,
        *web_blueprints,
    ):
        app.register_blueprint(blueprint)


def init_login_limits(app: Flask) -> None:
    """The budget of password guesses, once the log-in views it wraps exist."""
    from .web.limits import init_limits

    init_limits(app)


def init_api(app: Flask) -> None:
    """The REST API: its own blueprints (OpenAPI docs), hooks, limits and change feed."""
    from .api import init_api as init

    init(app)


def register_cli(app: Flask) -> None:
    from .cli import ort

    app.cli.add_command(ort)
