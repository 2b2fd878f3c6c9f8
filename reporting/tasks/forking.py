"""A prefork worker's children must not share their parent's database connections.

Celery forks its pool processes after the parent has opened connections: the broker's
(Kombu's SQLAlchemy transport keeps its engines in a class attribute) and the app's. A
child that reuses a pooled connection talks over the parent's socket: on PostgreSQL the
two then collide (psycopg's prepared statements, "_pg3_0 already exists"), the transport
is left in a failed transaction and the worker stops consuming. SQLAlchemy's rule for
forks: in the child, `dispose(close=False)` every engine, so that it opens connections of
its own and leaves the parent's alone.
"""

from __future__ import annotations

from celery.signals import worker_process_init
from flask import Flask


def forget_parent_connections(app: Flask) -> None:
    """Dispose (without closing) the app's and the broker's engines in this process."""
    from kombu.transport.sqlalchemy import Channel

    with app.app_context():
        from ..extensions import db

        for engine in db.engines.values():
            engine.dispose(close=False)
    for engine, _session in list(Channel._engines.values()):
        engine.dispose(close=False)


def register(app: Flask) -> None:
    """Run `forget_parent_connections` in each pool process as it starts."""

    def on_start(**_kwargs):
        forget_parent_connections(app)

    worker_process_init.connect(on_start, weak=False)
